"""One workbook per document: a sheet per table, then a sheet of repairs and unresolved rules.

Each table sheet holds the title (row 1), unit and pages (row 2) and the cell grid from
row :data:`GRID_FIRST_ROW` on, cell (row r, col c) at sheet row ``GRID_FIRST_ROW + r``,
column ``c + 1``. Spans are merged cells. A repaired cell is filled yellow and carries a
comment with what OCR read and the rules that decided the repair, so a reviewer can
check each change at a glance.
"""

from __future__ import annotations

import re
from pathlib import Path

from fiscalocr.model import Cell, Document, Repair, Table

from .atomic import atomic_write_with

GRID_FIRST_ROW = 4
REPAIRED_FILL_RGB = "FFFF00"
RECONCILIATION_SHEET = "reconciliation"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_MAX = 31


def write_xlsx(doc: Document, path: Path) -> None:
    """Write ``doc``'s tables and reconciliation to the workbook ``path`` (atomically)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    repairs = _repairs_by_cell(doc)
    used_names: set[str] = set()
    for table in doc.tables:
        sheet = workbook.create_sheet(_sheet_name(table, used_names))
        _write_table(sheet, table, repairs)
    _write_reconciliation(workbook.create_sheet(RECONCILIATION_SHEET), doc)
    atomic_write_with(path, lambda tmp: workbook.save(tmp))


def _sheet_name(table: Table, used: set[str]) -> str:
    """``t1 标题`` trimmed to Excel's 31 characters, unique within the workbook."""
    base = _SHEET_FORBIDDEN.sub(" ", f"{table.id} {table.title or ''}").strip()
    name = base[:_SHEET_NAME_MAX]
    counter = 2
    while name.lower() in used or name.lower() == RECONCILIATION_SHEET:
        suffix = f"~{counter}"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        counter += 1
    used.add(name.lower())
    return name


def _repairs_by_cell(doc: Document) -> dict[tuple[str, int, int], Repair]:
    return {(r.table, r.row, r.col): r for r in doc.reconciliation.repairs}


def _write_table(sheet, table: Table, repairs: dict[tuple[str, int, int], Repair]) -> None:
    from openpyxl.styles import Font

    sheet.cell(row=1, column=1, value=table.title or table.id).font = Font(bold=True)
    pages = ",".join(str(p) for p in table.pages)
    sheet.cell(
        row=2, column=1, value=f"type: {table.type}  unit: {table.unit or '-'}  pages: {pages}"
    )
    for cell in table.cells:
        _write_cell(sheet, table, cell, repairs.get((table.id, cell.row, cell.col)))


def _write_cell(sheet, table: Table, cell: Cell, repair: Repair | None) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    row, col = GRID_FIRST_ROW + cell.row, cell.col + 1
    target = sheet.cell(row=row, column=col, value=_cell_value(cell))
    if cell.rowspan > 1 or cell.colspan > 1:
        sheet.merge_cells(
            start_row=row,
            start_column=col,
            end_row=row + cell.rowspan - 1,
            end_column=col + cell.colspan - 1,
        )
    if cell.is_header:
        target.font = Font(bold=True)
    if cell.repaired or repair is not None:
        target.fill = PatternFill(
            "solid", start_color=REPAIRED_FILL_RGB, end_color=REPAIRED_FILL_RGB
        )
        target.comment = Comment(_repair_note(cell, repair), "fiscalocr")


def _cell_value(cell: Cell) -> str | float:
    """The number when the cell holds one (so Excel can sum it), else the text."""
    return cell.value if cell.value is not None else cell.text


def _repair_note(cell: Cell, repair: Repair | None) -> str:
    read = repair.from_ if repair is not None else cell.ocr_text
    note = f"OCR read: {read}\nrepaired to: {cell.text}"
    if repair is not None:
        note += f"\nrules: {', '.join(repair.rules)}\nconfidence: {repair.confidence:.2f}"
    return note


_REPAIR_HEADER = ("table", "row", "col", "page", "from (OCR read)", "to", "rules", "confidence")
_UNRESOLVED_HEADER = ("table", "rule", "cells", "difference", "likely source error", "description")


def _write_reconciliation(sheet, doc: Document) -> None:
    from openpyxl.styles import Font

    rec = doc.reconciliation
    sheet.append(["checks total", rec.checks_total])
    sheet.append(["checks passed before repair", rec.checks_passed_before])
    sheet.append(["checks passed after repair", rec.checks_passed_after])
    sheet.append([])
    sheet.append(["repairs"])
    sheet.append(list(_REPAIR_HEADER))
    for r in rec.repairs:
        sheet.append(
            [r.table, r.row, r.col, r.page, r.from_, r.to, ", ".join(r.rules), r.confidence]
        )
    sheet.append([])
    sheet.append(["unresolved"])
    sheet.append(list(_UNRESOLVED_HEADER))
    for u in rec.unresolved:
        cells = " ".join(f"({r},{c})" for r, c in u.cells)
        sheet.append([u.table, u.rule, cells, u.difference, u.likely_source_error, u.description])
    for row in sheet.iter_rows():
        if row[0].value in ("repairs", "unresolved", "table"):
            for cell in row:
                cell.font = Font(bold=True)
