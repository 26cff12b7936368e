"""One workbook per document: a sheet per table, then the reconciliation and the findings.

Each table sheet holds the title (row 1), unit and pages (row 2), the table's column
numbers as a person counts them (row 3, from 1), its row numbers likewise (column A), and
the cell grid from row :data:`GRID_FIRST_ROW`, column :data:`GRID_FIRST_COL` on: grid cell
(row r, col c, 0-based in the JSON) sits at sheet row ``GRID_FIRST_ROW + r``, column
``GRID_FIRST_COL + c``, so "第3行第2列" is found by reading the margins. Spans are merged and centred, every grid cell has a thin border and
amounts show with their printed decimals (``#,##0.00``: ``4300.80`` stays ``4,300.80``).
Repaired cells are yellow, flagged (unresolved) cells red, corrected cells green, each
with a comment saying why, so a reviewer sees at a glance what to check.
"""

from __future__ import annotations

import re
from pathlib import Path

from fiscalocr.model import Cell, Document, Table

from .atomic import atomic_write_with
from .marks import CellMarks, cell_marks, display_width
from .xlsx_sheets import FINDINGS_SHEET, RECONCILIATION_SHEET, write_findings, write_reconciliation

GRID_FIRST_ROW = 4
GRID_FIRST_COL = 2
COLUMN_NUMBER_ROW = 3
ROW_NUMBER_COL = 1
REPAIRED_FILL_RGB = "FFFF00"
FLAGGED_FILL_RGB = "FFA0A0"
CORRECTED_FILL_RGB = "A9E5A9"
FILLS = {
    "repaired": REPAIRED_FILL_RGB,
    "flagged": FLAGGED_FILL_RGB,
    "corrected": CORRECTED_FILL_RGB,
}
MIN_COLUMN_WIDTH = 6
MAX_COLUMN_WIDTH = 60
"""Excel width units (about one Latin character); a long label wraps beyond the maximum."""
WIDTH_PADDING = 2
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_MAX = 31
_RESERVED_SHEETS = {RECONCILIATION_SHEET, FINDINGS_SHEET}


def write_xlsx(doc: Document, path: Path) -> None:
    """Write ``doc``'s tables, reconciliation and findings to ``path`` (atomically)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    marks = cell_marks(doc)
    used_names: set[str] = set()
    sheet_names: dict[str, str] = {}
    for table in doc.tables:
        sheet = workbook.create_sheet(_sheet_name(table, used_names))
        sheet_names[table.id] = sheet.title
        _write_table(sheet, table, marks)
    write_reconciliation(workbook.create_sheet(RECONCILIATION_SHEET), doc, sheet_names)
    write_findings(workbook.create_sheet(FINDINGS_SHEET), doc, sheet_names)
    atomic_write_with(path, lambda tmp: workbook.save(tmp))


def sheet_address(row: int, col: int) -> str:
    """The Excel address (``B6``) of grid cell (row, col), 0-based as in the JSON."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(GRID_FIRST_COL + col)}{GRID_FIRST_ROW + row}"


def _sheet_name(table: Table, used: set[str]) -> str:
    """``t1 标题`` trimmed to Excel's 31 characters, unique within the workbook."""
    base = _SHEET_FORBIDDEN.sub(" ", f"{table.id} {table.title or ''}").strip()
    name = base[:_SHEET_NAME_MAX]
    counter = 2
    while name.lower() in used or name.lower() in _RESERVED_SHEETS:
        suffix = f"~{counter}"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        counter += 1
    used.add(name.lower())
    return name


def _write_table(sheet, table: Table, marks: CellMarks) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.cell(row=1, column=1, value=table.title or table.id).font = Font(bold=True)
    pages = ",".join(str(p) for p in table.pages)
    sheet.cell(
        row=2, column=1, value=f"type: {table.type}  unit: {table.unit or '-'}  pages: {pages}"
    )
    n_cols = max([table.n_cols, *(c.col + c.colspan for c in table.cells)], default=0)
    n_rows = max([table.n_rows, *(c.row + c.rowspan for c in table.cells)], default=0)
    margin = Font(italic=True, color="808080")
    for col in range(n_cols):  # the table's columns as a person counts them: 1, 2, 3 ...
        number = sheet.cell(row=COLUMN_NUMBER_ROW, column=GRID_FIRST_COL + col, value=col + 1)
        number.font, number.alignment = margin, Alignment(horizontal="center")
    for row in range(n_rows):  # and its rows
        number = sheet.cell(row=GRID_FIRST_ROW + row, column=ROW_NUMBER_COL, value=row + 1)
        number.font, number.alignment = margin, Alignment(horizontal="center")
    sheet.column_dimensions["A"].width = MIN_COLUMN_WIDTH - 1
    for cell in table.cells:
        _write_cell(sheet, table, cell, marks)
    _fit_widths(sheet, table, n_cols)
    sheet.freeze_panes = sheet.cell(row=GRID_FIRST_ROW + table.header_rows, column=GRID_FIRST_COL)


def _write_cell(sheet, table: Table, cell: Cell, marks: CellMarks) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    row, col = GRID_FIRST_ROW + cell.row, GRID_FIRST_COL + cell.col
    last_row, last_col = row + cell.rowspan - 1, col + cell.colspan - 1
    target = sheet.cell(row=row, column=col, value=_cell_value(cell))
    side = Side(style="thin", color="808080")
    border = Border(left=side, right=side, top=side, bottom=side)
    for r in range(row, last_row + 1):  # a merged range shows the borders of all its cells
        for c in range(col, last_col + 1):
            sheet.cell(row=r, column=c).border = border
    if last_row > row or last_col > col:
        sheet.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
    if cell.is_header:
        target.font = Font(bold=True)
        target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif cell.value is not None:
        target.number_format = number_format(cell.text)
        target.alignment = Alignment(horizontal="right", vertical="center")
    else:
        target.alignment = Alignment(vertical="center", wrap_text=True)
    status = marks.status(table, cell)
    if status:
        rgb = FILLS[status]
        target.fill = PatternFill("solid", start_color=rgb, end_color=rgb)
        target.comment = Comment(_note(table, cell, marks), "fiscalocr", width=320, height=160)


def number_format(text: str) -> str:
    """``#,##0.00`` with as many decimals as printed (two when unsure); percent kept."""
    core = text.strip().rstrip("%").replace(",", "")
    decimals = len(core.partition(".")[2]) if "." in core else 0
    if not any(ch.isdigit() for ch in core):
        decimals = 2
    digits = "0." + "0" * decimals if decimals else "0"
    if text.strip().endswith("%"):
        return f'{digits}"%"'
    return "#,##" + digits


def _cell_value(cell: Cell) -> str | float:
    """The number when the cell holds one (so Excel can sum it), else the text."""
    return cell.value if cell.value is not None else cell.text


def _note(table: Table, cell: Cell, marks: CellMarks) -> str:
    lines = []
    if cell.corrected and cell.correction is not None:
        who = cell.correction.reviewer or "reviewer"
        lines.append(f"corrected by {who}: {cell.correction.before} → {cell.correction.text}")
    repair = marks.repair(table, cell)
    if marks.is_repaired(table, cell):
        read = repair.from_ if repair is not None else cell.ocr_text
        lines.append(f"OCR read: {read}\nrepaired to: {cell.text}")
        if repair is not None:
            lines.append(f"rules: {', '.join(repair.rules)}\nconfidence: {repair.confidence:.2f}")
    for reason in marks.reasons(table, cell):
        lines.append(f"unresolved: {reason}")
    return "\n".join(lines)


def _fit_widths(sheet, table: Table, n_cols: int) -> None:
    """Each column as wide as its widest single-column cell, within sane bounds."""
    from openpyxl.utils import get_column_letter

    widths = [0] * n_cols
    for cell in table.cells:
        if cell.colspan == 1:
            shown = _shown_text(cell)
            widths[cell.col] = max(widths[cell.col], display_width(shown))
    for col, width in enumerate(widths):
        fitted = min(max(width + WIDTH_PADDING, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH)
        sheet.column_dimensions[get_column_letter(GRID_FIRST_COL + col)].width = fitted


def _shown_text(cell: Cell) -> str:
    """The text as Excel shows it (a number gets its thousands separators)."""
    if cell.value is None or cell.is_header:
        return cell.text
    decimals = number_format(cell.text).count("0") - 1
    return f"{cell.value:,.{max(decimals, 0)}f}"
