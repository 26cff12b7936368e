"""Text helpers shared by the classifiers: where a table's words are, and what they look like.

OCR output mixes full-width and half-width forms (``2０24``, ``1，234．56``) and scatters
spaces inside Chinese words; every feature is computed on NFKC-folded text without
spaces (the model's ``normalise_text``) so that a clean PDF text layer and a noisy scan give
the same n-grams.
"""

from __future__ import annotations

import re

from fiscalocr.model import BBox, Line, Page, Table
from fiscalocr.model.text import normalise_text

_NUMBER = re.compile(r"^[-+]?[\d,]*\.?\d+%?$")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_HANGCI = ("行次", "栏次")

# A line belongs to a table region when this share of its box lies inside the region.
LINE_IN_REGION_SHARE = 0.5


def is_number(text: str) -> bool:
    """True for a printed amount such as ``1,234.56`` or ``12.5%`` (after normalising)."""
    return bool(_NUMBER.match(normalise_text(text)))


def is_code(text: str) -> bool:
    """True for a classification code: 3, 5 or 7 digits (类/款/项) or 301/30101."""
    return bool(_CODE.match(normalise_text(text)))


def has_hangci(texts: list[str]) -> bool:
    """True when the table numbers its rows/columns (行次/栏次), as 决算 tables do."""
    return any(any(word in normalise_text(t) for word in _HANGCI) for t in texts)


def box_overlap_share(inner: BBox, outer: BBox) -> float:
    """Share of ``inner``'s area that lies inside ``outer`` (0 for an empty box)."""
    x0, y0 = max(inner[0], outer[0]), max(inner[1], outer[1])
    x1, y1 = min(inner[2], outer[2]), min(inner[3], outer[3])
    area = max(0.0, inner[2] - inner[0]) * max(0.0, inner[3] - inner[1])
    if area <= 0:
        return 0.0
    return max(0.0, x1 - x0) * max(0.0, y1 - y0) / area


def table_boxes_on_page(table: Table, page_no: int) -> list[BBox]:
    """The table's boxes on one page: its regions, else the hull of its cells there."""
    boxes = [r.bbox for r in table.regions if r.page == page_no]
    if boxes:
        return boxes
    cells = [c.bbox for c in table.cells if c.page == page_no]
    if not cells:
        return []
    return [
        (
            min(b[0] for b in cells),
            min(b[1] for b in cells),
            max(b[2] for b in cells),
            max(b[3] for b in cells),
        )
    ]


def lines_outside(lines: list[Line], boxes: list[BBox]) -> list[Line]:
    """The page's lines that are not inside any of ``boxes`` (the words around tables)."""
    return [
        line
        for line in lines
        if all(box_overlap_share(line.bbox, box) < LINE_IN_REGION_SHARE for box in boxes)
    ]


def header_texts(table: Table, max_rows: int = 4) -> list[str]:
    """Text of the header cells; when the header is unknown, the first rows stand in."""
    marked = [c.text for c in table.cells if c.is_header and c.text]
    if marked:
        return marked
    depth = table.header_rows or max_rows
    return [c.text for c in table.cells if c.row < depth and c.text]


def first_column_texts(table: Table, limit: int = 40) -> list[str]:
    """Non-numeric text of each row's leftmost text cells: the row labels (item names)."""
    by_row: dict[int, list[tuple[int, str]]] = {}
    for cell in table.cells:
        if cell.text and not is_number(cell.text):
            by_row.setdefault(cell.row, []).append((cell.col, cell.text))
    labels = []
    for row in sorted(by_row)[:limit]:
        cells = sorted(by_row[row])
        labels.extend(text for col, text in cells if col <= cells[0][0] + 1)
    return labels


def page_tables(page: Page, tables: list[Table]) -> list[Table]:
    """The tables that have a part on this page."""
    return [t for t in tables if page.page in t.pages or table_boxes_on_page(t, page.page)]
