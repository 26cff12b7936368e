"""Page pictures with the labelled amounts coloured by outcome.

Red: read wrong (after reconciliation). Green: repaired and now right. Orange: named by
an unresolved rule. Each wrong box is annotated "read → true". Boxes are PDF points and
are scaled by image width ÷ page width; without a page image a blank canvas stands in.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..scoring import CellOutcome
from ..text import normalise_text
from .pages import PageFindings, grid_label

RED = (230, 0, 0)
GREEN = (0, 170, 0)
ORANGE = (255, 140, 0)
SKETCH = (185, 185, 185)
MAGENTA = (200, 0, 200)  # text lines read wrong, missed or invented
BLUE = (0, 90, 255)  # the predicted grid of a table whose grid is wrong
MAX_LINE_LABELS = 60  # beyond this a page is unreadable anyway; the HTML lists them all
BLANK_PX_PER_PT = 1.5  # canvas resolution when the app gives no page image
LABEL_SIZE_PT = 7.0
MIN_LABEL_PX = 11  # smaller text is unreadable on a screen


@lru_cache(maxsize=4)
def _font(size: int):
    """A CJK-capable font (PyMuPDF's built-in Droid Sans Fallback), else PIL's default."""
    from PIL import ImageFont

    try:
        import io

        import pymupdf

        return ImageFont.truetype(io.BytesIO(pymupdf.Font("china-s").buffer), size)
    except Exception:  # no PyMuPDF or no font: digits still draw with the default
        return ImageFont.load_default(size=size)


def wrong_cell_label(cell: CellOutcome) -> str:
    """ "read → true"; when the texts agree, the values are what differ: say so."""
    if cell.read_text is None:
        return f"∅ → {cell.truth_text}"
    if normalise_text(cell.read_text) == normalise_text(cell.truth_text):
        read = "no value" if cell.read_value is None else str(cell.read_value)
        return f"{cell.read_text}: {read}"
    return f"{cell.read_text} → {cell.truth_text}"


def cell_colour(cell: CellOutcome) -> tuple[int, int, int] | None:
    if not cell.right_after:
        return RED
    if cell.repaired:
        return GREEN
    if cell.flagged:
        return ORANGE
    return None


def _canvas(findings: PageFindings, image: np.ndarray | None):
    from PIL import Image

    if image is None:
        width = max(1, round(findings.page.width * BLANK_PX_PER_PT))
        height = max(1, round(findings.page.height * BLANK_PX_PER_PT))
        return Image.new("RGB", (width, height), "white")
    array = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
    return Image.fromarray(array[..., :3].astype(np.uint8)).convert("RGB")


def _sketch_truth(draw, findings: PageFindings, scale: float, font) -> None:
    """On a blank canvas, the truth tables' cells in grey so the page can be recognised."""
    for table in findings.item.truth.tables:
        for cell in table.cells:
            if cell.page != findings.page.page:
                continue
            x0, y0, x1, y1 = (v * scale for v in cell.bbox)
            draw.rectangle((x0, y0, x1, y1), outline=SKETCH)
            draw.text((x0 + 2, y0 + 1), cell.text, fill=SKETCH, font=font)


def _label(draw, x: float, y: float, text: str, font, colour=RED) -> None:
    """Coloured text on a white plate, so it reads over the page image."""
    box = draw.textbbox((x, y), text, font=font)
    draw.rectangle((box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1), fill="white", outline=colour)
    draw.text((x, y), text, fill=colour, font=font)


def _in_tables(findings: PageFindings, box) -> bool:
    """Whether a line sits in a truth table (its errors already show as cells)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(
        c.page == findings.page.page
        and c.bbox[0] <= cx <= c.bbox[2]
        and c.bbox[1] <= cy <= c.bbox[3]
        for t in findings.item.truth.tables
        for c in t.cells
    )


def _draw_lines(draw, findings: PageFindings, scale: float, font) -> None:
    """Text lines in magenta; labelled "read → true" when outside the tables."""
    labels = 0
    for line in findings.line_errors:
        x0, y0, x1, y1 = (v * scale for v in line.bbox)
        draw.rectangle((x0, y0, x1, y1), outline=MAGENTA, width=1)
        if labels < MAX_LINE_LABELS and not _in_tables(findings, line.bbox):
            labels += 1
            text = f"{line.read if line.read is not None else '∅'} → {line.truth or '∅'}"
            _label(draw, x0, y1 + 1, text, font, MAGENTA)


def _draw_grids(draw, findings: PageFindings, scale: float, font) -> None:
    """The cells read for each table whose grid is wrong, in blue, with both grid sizes."""
    number = findings.page.page
    for pair in findings.wrong_grids:
        truth_boxes = [c.bbox for c in pair.truth.cells if c.page == number]
        read = [c for c in (pair.predicted.cells if pair.predicted else []) if c.page == number]
        for cell in read:
            draw.rectangle(tuple(v * scale for v in cell.bbox), outline=BLUE, width=1)
        boxes = [c.bbox for c in read] or truth_boxes
        if not boxes:
            continue
        x0, y0 = min(b[0] for b in boxes) * scale, min(b[1] for b in boxes) * scale
        text = f"{pair.truth.id}: grid read {grid_label(pair.predicted)}; true {grid_label(pair.truth)}"
        _label(draw, x0, max(0.0, y0 - 2 * font.size), text, font, BLUE)


def _scale(image_w: int, image_h: int, page_w: float, page_h: float) -> float:
    """Pixels per point: image width ÷ page width, taking the page's other side when
    the image is turned the other way (a page fed sideways and read upright)."""
    if page_w <= 0 or page_h <= 0:
        return BLANK_PX_PER_PT
    turned = (image_w > image_h) != (page_w > page_h)
    return image_w / (page_h if turned else page_w)


def draw_overlay(findings: PageFindings, image: np.ndarray | None = None):
    """A PIL image of the page with every coloured cell boxed and wrong ones annotated."""
    from PIL import ImageDraw

    canvas = _canvas(findings, image)
    scale = _scale(canvas.width, canvas.height, findings.page.width, findings.page.height)
    draw = ImageDraw.Draw(canvas)
    font = _font(max(MIN_LABEL_PX, round(LABEL_SIZE_PT * scale)))
    if image is None:
        _sketch_truth(draw, findings, scale, font)
    _draw_lines(draw, findings, scale, font)
    _draw_grids(draw, findings, scale, font)
    coloured = [(c, cell_colour(c)) for c in findings.cells if cell_colour(c) is not None]
    for cell, colour in coloured:
        x0, y0, x1, y1 = (v * scale for v in cell.bbox)
        draw.rectangle((x0, y0, x1, y1), outline=colour, width=max(2, round(scale)))
    for cell, colour in coloured:  # labels last, so no box is drawn over them
        if colour == RED:
            x1, y0 = cell.bbox[2] * scale, cell.bbox[1] * scale
            _label(draw, x1 + 3, y0, wrong_cell_label(cell), font)
    return canvas
