"""Draw a known table onto a PDF page: ground truth for layout tests and the grid benchmark.

A :class:`SpecimenTable` says the grid (cells with spans, texts), its column widths and row
heights in points and how it is ruled; the page that :func:`draw_table` makes is then
rasterised and read back, and what the stage finds is compared with the spec. Not the
synthetic corpus' ``datasets.synth.spec.TableSpec``: that one is layout-free (cell kinds,
titles, notes; its renderer decides widths and pages), this one is drawn exactly as given,
so a test knows every rule's position. Also turns a page's text layer into :class:`Line` s with
per-character boxes (what a born-digital page offers instead of OCR).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from fiscalocr.model import Line, Page, PageWork, parse_amount

RuleStyle = Literal["full", "no_outer", "horizontal", "booktabs", "none"]
FONT = "china-s"
LATIN_FONT = "helv"
"""Amounts print in a proportional Latin font, as in real disclosures (china-s prints
digits full width)."""


def font_for(text: str) -> str:
    return LATIN_FONT if text.isascii() else FONT


_PAD = 3.0


@dataclass
class SpecimenCell:
    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1


@dataclass
class SpecimenTable:
    col_widths: list[float]
    row_heights: list[float]
    cells: list[SpecimenCell]
    header_rows: int = 1
    title: str | None = None
    unit: str | None = None
    rules: RuleStyle = "full"
    font_size: float = 9.0
    header_font_size: float | None = None
    rule_color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """RGB 0-1; an office suite's default border is light grey (#c0c0c0 = 0.75)."""
    rule_width: float = 0.6
    """Points; an office suite's hairline is 0.5 pt."""
    open_sides: str = ""
    """Outer borders not printed: ``"r"`` (the right side ran off the sheet), ``"lr"``."""
    overrun_pt: float = 0.0
    """Horizontal rules run this far past an open side (to the cut edge of the page)."""
    extra: dict = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(self.row_heights)

    @property
    def n_cols(self) -> int:
        return len(self.col_widths)

    def owner(self) -> list[list[int]]:
        """Index of the cell covering each grid position."""
        grid = [[-1] * self.n_cols for _ in range(self.n_rows)]
        for i, c in enumerate(self.cells):
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    grid[r][k] = i
        return grid


SPAN_LEFT = "<"
SPAN_UP = "^"


def spec_from_rows(
    rows: list[list[str]], col_widths: list[float], row_height: float = 18.0, **kw
) -> SpecimenTable:
    """Cells from a text matrix written as the table looks: ``"<"`` continues the cell to
    the left (column span), ``"^"`` the cell above (row span)."""
    n_rows, n_cols = len(rows), len(col_widths)
    owner: list[list[SpecimenCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    cells: list[SpecimenCell] = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == SPAN_LEFT:
                cell = owner[r][c - 1]
                if cell.row == r:
                    cell.colspan += 1
            elif text == SPAN_UP:
                cell = owner[r - 1][c]
                if c == cell.col:
                    cell.rowspan += 1
            else:
                cell = SpecimenCell(r, c, text)
                cells.append(cell)
            owner[r][c] = cell
    return SpecimenTable(col_widths, [row_height] * n_rows, cells, **kw)


def _wrap(text: str, width: float, size: float) -> list[str]:
    import pymupdf

    lines, current = [], ""
    for ch in text:
        trial = current + ch
        if (
            current
            and pymupdf.get_text_length(trial, fontname=font_for(trial), fontsize=size) > width
        ):
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current] if current else lines


def _draw_rules(page, spec: SpecimenTable, xs: list[float], ys: list[float]) -> None:
    if spec.rules == "none":
        return
    owner = spec.owner()
    n_rows, n_cols = spec.n_rows, spec.n_cols
    outer = spec.rules != "no_outer"
    width, color = spec.rule_width, spec.rule_color
    for r in range(n_rows + 1):
        if spec.rules == "booktabs" and r not in (0, spec.header_rows, n_rows):
            continue
        for c in range(n_cols):
            edge = r in (0, n_rows)
            if (edge and outer) or (not edge and owner[r - 1][c] != owner[r][c]):
                x0, x1 = _overrun(spec, xs, c)
                page.draw_line((x0, ys[r]), (x1, ys[r]), color=color, width=width)
    if spec.rules in ("horizontal", "booktabs"):
        return
    for c in range(n_cols + 1):
        for r in range(n_rows):
            edge = c in (0, n_cols)
            side = "l" if c == 0 else "r"
            if (edge and outer and side not in spec.open_sides) or (
                not edge and owner[r][c - 1] != owner[r][c]
            ):
                page.draw_line((xs[c], ys[r]), (xs[c], ys[r + 1]), color=color, width=width)


def _overrun(spec: SpecimenTable, xs: list[float], col: int) -> tuple[float, float]:
    """A horizontal piece over column ``col``, run on past an open outer side."""
    x0, x1 = xs[col], xs[col + 1]
    if col == 0 and "l" in spec.open_sides:
        x0 -= spec.overrun_pt
    if col == spec.n_cols - 1 and "r" in spec.open_sides:
        x1 += spec.overrun_pt
    return x0, x1


def draw_table(page, spec: SpecimenTable, x: float, y: float) -> tuple[float, float, float, float]:
    """Draw title, unit, rules and texts with the table's top-left at (x, y); its bbox."""
    import pymupdf

    size = spec.font_size
    if spec.title:
        title_size = size * 1.8
        w = pymupdf.get_text_length(spec.title, fontname=FONT, fontsize=title_size)
        total = sum(spec.col_widths)
        page.insert_text(
            (x + (total - w) / 2, y - 22), spec.title, fontname=FONT, fontsize=title_size
        )
    if spec.unit:
        text = f"单位：{spec.unit}"
        w = pymupdf.get_text_length(text, fontname=FONT, fontsize=size)
        page.insert_text((x + sum(spec.col_widths) - w, y - 4), text, fontname=FONT, fontsize=size)
    xs = [x + sum(spec.col_widths[:i]) for i in range(spec.n_cols + 1)]
    ys = [y + sum(spec.row_heights[:i]) for i in range(spec.n_rows + 1)]
    _draw_rules(page, spec, xs, ys)
    for cell in spec.cells:
        _draw_text(page, spec, cell, xs, ys)
    return (xs[0], ys[0], xs[-1], ys[-1])


def _draw_text(
    page, spec: SpecimenTable, cell: SpecimenCell, xs: list[float], ys: list[float]
) -> None:
    import pymupdf

    if not cell.text:
        return
    is_header = cell.row < spec.header_rows
    size = (spec.header_font_size or spec.font_size) if is_header else spec.font_size
    x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
    y0, y1 = ys[cell.row], ys[cell.row + cell.rowspan]
    parts = _wrap(cell.text, x1 - x0 - 2 * _PAD, size)
    leading = size * 1.25
    top = (y0 + y1) / 2 - leading * len(parts) / 2
    numeric = parse_amount(cell.text) is not None and not is_header
    for k, part in enumerate(parts):
        font = font_for(part)
        w = pymupdf.get_text_length(part, fontname=font, fontsize=size)
        if is_header:
            tx = (x0 + x1 - w) / 2
        elif numeric:
            tx = x1 - _PAD - w
        else:
            tx = x0 + _PAD
        page.insert_text((tx, top + leading * k + size * 0.95), part, fontname=font, fontsize=size)


def text_layer_lines(page) -> list[Line]:
    """The page's text layer as lines with one box per character (rawdict), in the
    displayed frame (PyMuPDF reports text of a /Rotate page unrotated)."""
    turn = page.rotation_matrix
    lines = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [ch for span in line["spans"] for ch in span["chars"]]
            chars = [ch for ch in chars if ch["c"].strip()]
            if not chars:
                continue
            text = "".join(ch["c"] for ch in chars)
            boxes = [_displayed(ch["bbox"], turn) for ch in chars]
            bbox = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
            lines.append(Line(text=text, bbox=bbox, conf=1.0, char_boxes=boxes))
    return lines


def _displayed(bbox, turn) -> tuple[float, float, float, float]:
    import pymupdf

    r = pymupdf.Rect(bbox) * turn
    return (float(r.x0), float(r.y0), float(r.x1), float(r.y1))


def rasterise(page, dpi: float = 150.0) -> np.ndarray:
    """RGB raster of a page (what a scanner would hand over, before any damage)."""
    pix = page.get_pixmap(dpi=int(dpi))
    return (
        np.frombuffer(pix.samples, dtype=np.uint8)
        .reshape(pix.height, pix.width, pix.n)[:, :, :3]
        .copy()
    )


def page_work(page, page_no: int, dpi: float = 150.0, lines: list[Line] | None = None) -> PageWork:
    """A :class:`PageWork` for a PyMuPDF page: raster plus text-layer lines."""
    model_page = Page(
        page=page_no,
        width=page.rect.width,
        height=page.rect.height,
        text_source="pdf_text",
        lines=lines if lines is not None else text_layer_lines(page),
    )
    return PageWork(page=model_page, image=rasterise(page, dpi), px_per_pt=dpi / 72.0)
