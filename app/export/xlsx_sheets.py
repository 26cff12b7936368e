"""The workbook's two list sheets: the reconciliation (repairs, unresolved rules) and the
findings. Cells are named as a person counts them (``第3行第2列``, 1-based) with the
sheet address beside it (``B6``), linked to the cell, never as 0-based ``(2,1)``."""

from __future__ import annotations

from fiscalocr.model import Document

from .marks import person_position

RECONCILIATION_SHEET = "reconciliation"
FINDINGS_SHEET = "findings"

_REPAIR_HEADER = (
    "table",
    "row",
    "col",
    "cell",
    "page",
    "from (OCR read)",
    "to",
    "rules",
    "confidence",
)
_UNRESOLVED_HEADER = ("table", "rule", "cells", "difference", "likely source error", "description")
_FINDINGS_HEADER = ("severity", "kind", "message", "table", "page", "rule", "figures")
_HEADER_WIDTHS = {"A": 14, "B": 28, "C": 40, "D": 16, "E": 10, "F": 40, "G": 60}


def _address(row: int, col: int) -> str:
    from .xlsx import sheet_address  # the grid's placement is the table sheet's business

    return sheet_address(row, col)


def write_reconciliation(sheet, doc: Document, sheet_names: dict[str, str]) -> None:
    """Checks, then every repair and every unresolved rule, cells 1-based and linked."""
    rec = doc.reconciliation
    sheet.append(["checks total", rec.checks_total])
    sheet.append(["checks passed before repair", rec.checks_passed_before])
    sheet.append(["checks passed after repair", rec.checks_passed_after])
    sheet.append([])
    sheet.append(["repairs"])
    sheet.append(list(_REPAIR_HEADER))
    for r in rec.repairs:
        sheet.append(
            [
                r.table,
                r.row + 1,
                r.col + 1,
                _address(r.row, r.col),
                r.page,
                r.from_,
                r.to,
                ", ".join(r.rules),
                r.confidence,
            ]
        )
        _link(sheet.cell(row=sheet.max_row, column=4), sheet_names.get(r.table))
    sheet.append([])
    sheet.append(["unresolved"])
    sheet.append(list(_UNRESOLVED_HEADER))
    for u in rec.unresolved:
        cells = "; ".join(f"{person_position(r, c)} ({_address(r, c)})" for r, c in u.cells)
        sheet.append([u.table, u.rule, cells, u.difference, u.likely_source_error, u.description])
        if u.cells:
            first = _address(*u.cells[0])
            _link(sheet.cell(row=sheet.max_row, column=3), sheet_names.get(u.table or ""), first)
    _bold_headers(sheet, ("repairs", "unresolved", "table"))


def write_findings(sheet, doc: Document, sheet_names: dict[str, str]) -> None:
    """One row per finding: severity, kind, the Chinese message, where, the figures."""
    sheet.append(list(_FINDINGS_HEADER))
    for finding in doc.findings:
        figures = "; ".join(_figure_text(f) for f in finding.figures)
        sheet.append(
            [
                finding.severity,
                finding.kind,
                finding.message,
                finding.table,
                finding.page,
                finding.rule,
                figures,
            ]
        )
        placed = next((f for f in finding.figures if f.row is not None and f.col is not None), None)
        if placed is not None:
            address = _address(placed.row, placed.col)
            _link(
                sheet.cell(row=sheet.max_row, column=7),
                sheet_names.get(placed.table or ""),
                address,
            )
    if not doc.findings:
        sheet.append(["", "", "no findings"])
    _bold_headers(sheet, ("severity",))
    for letter, width in _HEADER_WIDTHS.items():
        sheet.column_dimensions[letter].width = width


def _figure_text(figure) -> str:
    shown = figure.text if figure.text is not None else figure.value
    where = ""
    if figure.table and figure.row is not None and figure.col is not None:
        where = f" @ {figure.table} {person_position(figure.row, figure.col)}"
    unit = figure.unit or ""
    return f"{figure.label} = {shown}{unit}{where}"


def _link(target, sheet_name: str | None, address: str | None = None) -> None:
    """Make ``target`` jump to ``address`` (default: its own text) on ``sheet_name``."""
    if not sheet_name:
        return
    from openpyxl.worksheet.hyperlink import Hyperlink

    address = address or str(target.value)
    target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{sheet_name}'!{address}")


def _bold_headers(sheet, first_words: tuple[str, ...]) -> None:
    from openpyxl.styles import Font

    for row in sheet.iter_rows():
        if row[0].value in first_words:
            for cell in row:
                cell.font = Font(bold=True)
