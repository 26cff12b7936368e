"""What a person should notice about each cell, shared by every human-facing export.

A cell is *repaired* when reconciliation changed its text (the arithmetic proved it),
*flagged* when a rule that stays violated or a finding names it (a person must decide),
and *corrected* when a person already did (``fiscalocr review``). The xlsx, markdown,
HTML and dataset writers all ask this one module, so the three words mean the same
thing everywhere.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from fiscalocr.model import Cell, Document, Repair, Table

FLAGGING_SEVERITIES = ("error", "warning")
"""Findings of these severities flag the cells their figures point at; ``info`` does not."""

CellKey = tuple[str, int, int]
"""(table id, row, col) of a cell's top-left position, 0-based as in the JSON."""


@dataclass
class CellMarks:
    """The repairs, flags and corrections of one document, by cell."""

    repairs: dict[CellKey, Repair] = field(default_factory=dict)
    flags: dict[CellKey, list[str]] = field(default_factory=dict)
    """Why each flagged cell is flagged: the rule ids and finding messages naming it."""

    def repair(self, table: Table, cell: Cell) -> Repair | None:
        return self.repairs.get((table.id, cell.row, cell.col))

    def is_repaired(self, table: Table, cell: Cell) -> bool:
        return cell.repaired or (table.id, cell.row, cell.col) in self.repairs

    def reasons(self, table: Table, cell: Cell) -> list[str]:
        return self.flags.get((table.id, cell.row, cell.col), [])

    def is_flagged(self, table: Table, cell: Cell) -> bool:
        return not cell.corrected and bool(self.reasons(table, cell))

    def status(self, table: Table, cell: Cell) -> str:
        """One word for the cell: corrected, flagged, repaired or '' (as read)."""
        if cell.corrected:
            return "corrected"
        if self.is_flagged(table, cell):
            return "flagged"
        if self.is_repaired(table, cell):
            return "repaired"
        return ""


def cell_marks(doc: Document) -> CellMarks:
    """Collect every repair, unresolved rule and finding of ``doc`` onto its cells."""
    marks = CellMarks(repairs={(r.table, r.row, r.col): r for r in doc.reconciliation.repairs})
    for unresolved in doc.reconciliation.unresolved:
        table = doc.table(unresolved.table) if unresolved.table else None
        for row, col in unresolved.cells:
            _flag(marks, table, row, col, unresolved.description or unresolved.rule)
    for finding in doc.findings:
        if finding.severity not in FLAGGING_SEVERITIES:
            continue
        for figure in finding.figures:
            if figure.table is None or figure.row is None or figure.col is None:
                continue
            _flag(marks, doc.table(figure.table), figure.row, figure.col, finding.message)
    return marks


def _flag(marks: CellMarks, table: Table | None, row: int, col: int, reason: str) -> None:
    if table is None:
        return
    cell = table.cell_at(row, col)  # a rule may name any position of a span
    if cell is None:
        return
    reasons = marks.flags.setdefault((table.id, cell.row, cell.col), [])
    if reason not in reasons:
        reasons.append(reason)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced view: wide (CJK) characters count two, and so
    do the ambiguous ones (“ ” ① ×), which Chinese fonts draw full width."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def person_position(row: int, col: int) -> str:
    """A 0-based grid position as a person counts it: ``第3行第2列``."""
    return f"第{row + 1}行第{col + 1}列"
