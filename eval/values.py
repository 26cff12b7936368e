"""What a cell's amount was before and after reconciliation, and when two amounts agree.

Before-reconciliation values come from the prediction itself: a repaired cell's
``ocr_text`` (or the repair's ``from``) is what OCR read, every other cell was not
touched. This keeps before/after on exactly the same cells and grid.
"""

from __future__ import annotations

import math

from fiscalocr.model import Cell, Document, parse_amount

# Exact match up to float noise only: a millionth absolute, or a few units in the last
# place for large amounts (a relative tolerance would let 10,070.49 pass for 10,070.48).
ABSOLUTE_TOLERANCE = 1e-6
ULPS_TOLERATED = 8

RepairKey = tuple[str, int, int]  # table id, row, col


def same_amount(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= max(ABSOLUTE_TOLERANCE, ULPS_TOLERATED * math.ulp(b))


def truth_value(cell: Cell) -> float | None:
    """The labelled amount: ``value`` as given (codes and labels carry none)."""
    return cell.value


def after_value(cell: Cell) -> float | None:
    """The amount the pipeline finally reports: its ``value``, as users would read it."""
    return cell.value


def repaired_from(document: Document) -> dict[RepairKey, str]:
    """For each repaired cell, the text OCR read before the repair.

    The repair list's ``from`` comes first; a cell flagged ``repaired`` that the list
    does not name falls back to its own ``ocr_text``.
    """
    before: dict[RepairKey, str] = {
        (repair.table, repair.row, repair.col): repair.from_
        for repair in document.reconciliation.repairs
    }
    for table in document.tables:
        for cell in table.cells:
            if cell.repaired:
                before.setdefault((table.id, cell.row, cell.col), cell.ocr_text)
    return before


def before_value(table_id: str, cell: Cell, repaired: dict[RepairKey, str]) -> float | None:
    """The amount as read, before any repair."""
    key = (table_id, cell.row, cell.col)
    if key in repaired:
        return parse_amount(repaired[key])
    return after_value(cell)


def unresolved_cells(document: Document) -> set[RepairKey]:
    """Cells named by a rule that failed beyond tolerance and was left unrepaired."""
    return {
        (u.table, row, col)
        for u in document.reconciliation.unresolved
        if u.table is not None
        for row, col in u.cells
    }
