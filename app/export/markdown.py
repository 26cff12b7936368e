"""``<stem>.md``: the document's tables as GitHub-flavoured markdown, for reading and diffs.

Markdown has no merged cells, so a table's header rows become one header row whose
column names are their header paths (``2024年预算数 / 合计``); a spanning body cell keeps
its text at its top-left position, as in the CSV. A repaired, flagged or corrected cell
carries a footnote saying what happened, so nothing the machine changed or doubted is
hidden in the plain text.
"""

from __future__ import annotations

from pathlib import Path

from fiscalocr.model import Cell, Document, Table

from .atomic import atomic_write_text
from .figures import column_headers
from .marks import CellMarks, cell_marks, person_position

MARK_WORDS = {"repaired": "修复", "flagged": "待核", "corrected": "人工更正"}


def markdown_path(out_base: Path) -> Path:
    return out_base.with_name(out_base.name + ".md")


def write_markdown(doc: Document, out_base: Path) -> Path:
    path = markdown_path(out_base)
    atomic_write_text(path, document_markdown(doc))
    return path


def document_markdown(doc: Document) -> str:
    """The whole document: facts, then each table with its notes, then the findings."""
    marks = cell_marks(doc)
    facts = doc.document
    out = [f"# {doc.source.file}", ""]
    out.append(f"- 类型: {facts.kind}  部门: {facts.department or '-'}  年度: {facts.year or '-'}")
    rec = doc.reconciliation
    out.append(
        f"- 校验: {rec.checks_passed_after}/{rec.checks_total} 通过"
        f"（修复前 {rec.checks_passed_before}），修复 {len(rec.repairs)}，未解决 {len(rec.unresolved)}"
    )
    out.append("")
    notes: list[str] = []
    for table in doc.tables:
        out.extend(_table_markdown(table, marks, notes))
    if notes:
        out.extend(["## 注", "", *notes, ""])
    if doc.findings:
        out.extend(["## 发现的问题", ""])
        for finding in doc.findings:
            where = f"第{finding.page}页 " if finding.page else ""
            out.append(f"- **{finding.severity}** {where}{finding.message} (`{finding.kind}`)")
        out.append("")
    return "\n".join(out)


def _table_markdown(table: Table, marks: CellMarks, notes: list[str]) -> list[str]:
    pages = ",".join(str(p) for p in table.pages)
    out = [f"## {table.id} {table.title or ''}".rstrip(), ""]
    out.append(f"类型 `{table.type}`，单位 {table.unit or '-'}，第 {pages} 页")
    out.append("")
    n_cols = max([table.n_cols, *(c.col + c.colspan for c in table.cells)], default=0)
    if n_cols == 0:
        return [*out, "(空表)", ""]
    headers = column_headers(table) if table.header_rows else {}
    names = [headers.get(c) or f"列{c + 1}" for c in range(n_cols)]
    out.append("| " + " | ".join(_escape(n) for n in names) + " |")
    out.append("|" + "|".join(" --- " for _ in names) + "|")
    n_rows = max([table.n_rows, *(c.row + c.rowspan for c in table.cells)])
    anchors = {(c.row, c.col): c for c in table.cells}
    for row in range(table.header_rows, n_rows):
        texts = []
        for col in range(n_cols):
            cell = anchors.get((row, col))
            texts.append("" if cell is None else _cell_text(table, cell, marks, notes))
        out.append("| " + " | ".join(texts) + " |")
    out.append("")
    return out


def _cell_text(table: Table, cell: Cell, marks: CellMarks, notes: list[str]) -> str:
    text = _escape(cell.text)
    status = marks.status(table, cell)
    if not status:
        return text
    number = len(notes) + 1
    where = f"{table.id} {person_position(cell.row, cell.col)}"
    detail = _detail(table, cell, marks, status)
    notes.append(f"[^{number}]: {where} {MARK_WORDS[status]}：{detail}")
    return f"{text}[^{number}]"


def _detail(table: Table, cell: Cell, marks: CellMarks, status: str) -> str:
    if status == "corrected" and cell.correction is not None:
        return f"{cell.correction.before} → {cell.correction.text}"
    if status == "flagged":
        return "；".join(marks.reasons(table, cell))
    repair = marks.repair(table, cell)
    rules = f"（{', '.join(repair.rules)}）" if repair is not None else ""
    return f"识别为 {cell.ocr_text} → {cell.text}{rules}"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")
