"""``<stem>.searchable.pdf``: the original scan with an invisible text layer, as OCRmyPDF
makes one, so Ctrl-F finds an amount on its page.

The input's pages are kept as they are (same page size, same image stream: the file is
opened and saved, nothing is re-rendered); on each page read by OCR, text is written
in render mode 3 (neither filled nor stroked) in PyMuPDF's built-in CJK font:

- each table cell with its *final* text (after repair or correction) at the ink of the
  lines read inside it, so the layer says what the JSON says;
- each other line read on the page, at its box.

Lines inside a cell are left out (their text is the read, which a repair may have
corrected). Each text is stretched along the box's width and turned with the page's
rotation and skew undone (:mod:`.page_frame`), so a selection lies on the printed ink.
Pages that came from a text layer already are searchable and are left alone.
"""

from __future__ import annotations

import math
from pathlib import Path

from fiscalocr.model import BBox, Document, Page

from .atomic import atomic_write_with
from .page_frame import PageFrame

FONT_NAME = "china-s"
"""PyMuPDF's built-in simplified-Chinese font (Droid Sans Fallback): always there."""
INVISIBLE = 3
"""PDF text render mode 3: neither fill nor stroke (searchable, selectable, not seen)."""
FONT_SIZE_SHARE = 0.85
"""Font size as a share of the box height: a box holds the ink plus a little margin."""
BASELINE_SHARE = 0.18
"""Baseline this share of the box height above its bottom (descenders sit below it)."""
CELL_MARGIN_SHARE = 0.2
"""A cell with no line read inside: text in its middle, this share of its height in."""
STRETCH_LIMITS = (0.2, 5.0)


class SearchablePdfError(ValueError):
    """The searchable PDF cannot be made (no source, or not the file that was read)."""


def searchable_pdf_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".searchable.pdf")


def write_searchable_pdf(doc: Document, out_base: Path, source: Path | None) -> Path:
    """Copy ``source`` with ``doc``'s text laid invisibly over each OCR'd page."""
    from fiscalocr.ocr import open_source

    if source is None:
        raise SearchablePdfError("the searchable PDF needs the input file it was read from")
    path = searchable_pdf_path(out_base)
    with open_source(source) as opened:
        if opened.sha256 != doc.source.sha256:
            raise SearchablePdfError(f"{source} is not the file this document was read from")
        pdf = opened.doc
        for page in doc.pages:
            if page.text_source == "ocr" and page.width > 0 and page.page <= pdf.page_count:
                add_text_layer(pdf[page.page - 1], page, page_texts(doc, page))
        atomic_write_with(path, lambda tmp: pdf.save(tmp, garbage=1, deflate=True))
    return path


def page_texts(doc: Document, page: Page) -> list[tuple[str, BBox]]:
    """What to write on ``page`` and where (read frame): cells' final text, other lines."""
    cells = [c for t in doc.tables for c in t.cells if c.page == page.page and c.text.strip()]
    used: set[int] = set()
    out: list[tuple[str, BBox]] = []
    for cell in cells:
        inside = [i for i, line in enumerate(page.lines) if _centre_in(line.bbox, cell.bbox)]
        used.update(inside)
        ink = _union([page.lines[i].bbox for i in inside]) or _middle(cell.bbox)
        out.append((" ".join(cell.text.split()), ink))
    in_cell_boxes = [c.bbox for c in cells]
    for i, line in enumerate(page.lines):
        if i not in used and not any(_centre_in(line.bbox, b) for b in in_cell_boxes):
            out.append((line.text, line.bbox))
    return [(text, box) for text, box in out if text.strip()]


def add_text_layer(pdf_page, page: Page, texts: list[tuple[str, BBox]]) -> None:
    """Write each text invisibly over its box, mapped from the read frame to the page."""
    frame = PageFrame.of(page)
    shown_w, shown_h = frame.displayed_size
    scale = (pdf_page.rect.width / shown_w, pdf_page.rect.height / shown_h)
    to_page = pdf_page.derotation_matrix  # a /Rotate page takes unrotated coordinates
    for text, box in texts:
        _write_one(pdf_page, frame, scale, to_page, text, box)


def _write_one(pdf_page, frame: PageFrame, scale, to_page, text: str, box: BBox) -> None:
    """One text, its baseline from the box's bottom-left to bottom-right (as read)."""
    import pymupdf

    x0, y0, x1, y1 = box
    height = y1 - y0
    if height <= 0 or x1 <= x0:
        return
    size = height * FONT_SIZE_SHARE
    natural = pymupdf.get_text_length(text, fontname=FONT_NAME, fontsize=size)
    if natural <= 0:
        return
    baseline = y1 - height * BASELINE_SHARE
    start = pymupdf.Point(*_shown(frame, scale, (x0, baseline))) * to_page
    end = pymupdf.Point(*_shown(frame, scale, (x1, baseline))) * to_page
    length = math.hypot(end.x - start.x, end.y - start.y)
    stretch = min(max(length / natural, STRETCH_LIMITS[0]), STRETCH_LIMITS[1])
    cos, sin = (end.x - start.x) / length, (end.y - start.y) / length
    # the morph works in PDF space (y up): a turn of -angle there runs along (cos, sin) here
    morph = pymupdf.Matrix(stretch * cos, -stretch * sin, sin, cos, 0, 0)
    pdf_page.insert_text(
        start,
        text,
        fontsize=size,
        fontname=FONT_NAME,
        render_mode=INVISIBLE,
        morph=(start, morph),
    )


def _shown(frame: PageFrame, scale, point) -> tuple[float, float]:
    x, y = frame.to_displayed(point)
    return x * scale[0], y * scale[1]


def _centre_in(inner: BBox, outer: BBox) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _middle(box: BBox) -> BBox:
    margin = (box[3] - box[1]) * CELL_MARGIN_SHARE
    return (box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin)
