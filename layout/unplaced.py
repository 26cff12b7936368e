"""Amounts that reached no value: printed outside every table, or inside a cell that got none.

A table the stage does not find loses every amount on it, and nothing downstream can
tell: reconciliation only sees cells. So the page says so itself. A *piece* of text (a
run of one line with no wide gap, see :mod:`.pieces`) that is an amount and nothing
else, and lies outside every table found on the page, is counted; the page gets a
structured warning with the count and the boxes.

Only pieces that look like table amounts count: a decimal fraction or thousands groups
(``1,234``, ``359.95``, or a reading whose separators a scan damaged). Plain integers
are left out, since page numbers, years, row numbers (行次) and head counts print that
way outside tables. Percentages are left out too (narrative rates). An amount inside a
sentence is one piece with its words, so narrative text never counts.

Inside a table, an amount glued to a label (``年度资金总额297,000.00``, a rule the stage
missed) or to a second amount (``24,458.43支出合计24,458.43``) leaves its cell without a
value; reconciliation may still read it as a suspect. What is left after reconciliation
is reported too (:func:`unread_cell_warnings`), per page, with the cells' boxes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fiscalocr.model import (
    AMOUNTS_OUTSIDE_TABLES,
    AMOUNTS_WITHOUT_VALUE,
    Document,
    ErrorRecord,
    read_amount,
)
from fiscalocr.model.lettered import is_lettered_amount

from .geometry import BBox, centre
from .pieces import Piece


def is_table_amount(text: str) -> bool:
    """An amount as a table prints it: with a fraction or thousands groups."""
    readings = read_amount(text)
    if not readings or text.rstrip().endswith("%"):
        return False
    printed = readings[0].text
    return "." in printed or "," in printed


def unplaced_amounts(pieces: Iterable[Piece], table_boxes: list[BBox]) -> list[Piece]:
    """Amount pieces whose centre lies in no table box."""
    out = []
    for piece in pieces:
        if not is_table_amount(piece.text):
            continue
        cx, cy = centre(piece.bbox)
        if not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in table_boxes):
            out.append(piece)
    return out


def _page_warning(
    code: str, page_no: int, texts: list[str], boxes: list, what: str, shown_max: int = 5
) -> ErrorRecord:
    """A page warning naming how many amounts, the first few of them, and their boxes."""
    shown = ", ".join(texts[:shown_max]) + (" …" if len(texts) > shown_max else "")
    return ErrorRecord(
        code=code,
        message=f"{len(texts)} {what.format(shown=shown)}",
        stage="layout",
        page=page_no,
        severity="warning",
        count=len(texts),
        bboxes=[tuple(round(v, 1) for v in box) for box in boxes],  # type: ignore[misc]
    )


def unplaced_warning(page_no: int, pieces: list[Piece]) -> ErrorRecord | None:
    """The page's warning, or None when every amount reached a table."""
    if not pieces:
        return None
    return _page_warning(
        AMOUNTS_OUTSIDE_TABLES,
        page_no,
        [p.text for p in pieces],
        [p.bbox for p in pieces],
        "amount(s) printed outside every table found on the page ({shown}): they reached no"
        " cell and no check",
    )


_AMOUNT_TOKEN = re.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2})(?![\d.,%])"
)
"""An amount as tables print it, inside other text (not a date 2024.01.11, not a rate)."""


def unread_cell_warnings(doc: Document) -> None:
    """Add a warning to each page with body cells that hold an amount but no value: glued
    to other text, or read with a letter for a digit (``é.00``) that no rule decided."""
    found: dict[int, list] = {}
    for table in doc.tables:
        for cell in table.cells:
            if cell.is_header or cell.value is not None:
                continue
            if not (_AMOUNT_TOKEN.search(cell.text) or is_lettered_amount(cell.text)):
                continue
            found.setdefault(cell.page, []).append(cell)
    pages = {p.page: p for p in doc.pages}
    for page_no, cells in sorted(found.items()):
        page = pages.get(page_no)
        if page is None:
            continue
        page.errors.append(
            _page_warning(
                AMOUNTS_WITHOUT_VALUE,
                page_no,
                [c.text for c in cells],
                [c.bbox for c in cells],
                "table cell(s) hold an amount but got no value ({shown}): a label or another"
                " amount is glued on, so no check sees it",
                shown_max=4,
            )
        )
