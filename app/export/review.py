"""A person's correction of one cell, saved into the document's JSON.

What is kept: ``ocr_text`` (what was read) stays, ``correction`` records the text the cell
had before (read or repaired), the reviewer's text, who and when, and ``corrected`` marks
the cell; ``text``/``value`` become the reviewer's. Reconciliation is then re-run on the
corrected document so its checks say what now holds; a corrected cell is never a
suspect again (a person decided it), and repairs of other cells are kept.

Safety: the JSON is replaced atomically (never half-written), under a lock; a write is
refused when the document changed since the page was loaded (its *version*, a hash of the
JSON bytes, is the page's ETag), so a second tab or reviewer can never overwrite an edit
unseen. A value that is not a number where the cell holds an amount is refused with a
message saying so.
"""

from __future__ import annotations

import fcntl
import hashlib
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fiscalocr.model import Cell, CellCorrection, Document, Table, parse_amount
from fiscalocr.model.values import normalise_amount_text

from .outdir import read_document

BLANK_AMOUNTS = ("", "-", "—", "——", "–")
"""What a disclosure prints for a zero or absent amount: accepted, the value is null."""
_LOCK = threading.Lock()


class CorrectionError(ValueError):
    """A correction refused; ``status`` is the HTTP status the server answers with."""

    status = 400


class StaleVersionError(CorrectionError):
    status = 409


class CellNotFoundError(CorrectionError):
    status = 404


@dataclass
class CorrectionResult:
    version: str
    checks_total: int
    checks_passed_before: int
    checks_passed_after: int
    unresolved_before: int
    unresolved_after: int
    message: str


def version_of(data: bytes) -> str:
    """The version of a document's JSON: changes whenever a byte does."""
    return hashlib.sha256(data).hexdigest()[:20]


def apply_correction(
    path: Path,
    table_id: str,
    row: int,
    col: int,
    text: str,
    expected_version: str,
    reviewer: str | None = None,
    after_write=None,
) -> CorrectionResult:
    """Correct cell (row, col) of ``table_id`` in the document at ``path`` to ``text``.

    ``after_write(doc)``, when given, re-creates the exports next to the JSON.
    """
    with _locked(path):
        data = path.read_bytes()
        current = version_of(data)
        if expected_version != current:
            raise StaleVersionError(
                "这份文档在您打开后已被修改（另一个标签页或另一位审核人保存了更正），"
                f"您输入的「{text}」未保存：请重新载入页面后再改。"
                " (stale version: the document changed since this page was loaded)"
            )
        doc = Document.model_validate_json(data)
        before = doc.reconciliation.model_copy(deep=True)
        correct_cell(doc, table_id, row, col, text, reviewer)
        rerun_reconciliation(doc, before)
        from .atomic import atomic_write_text

        atomic_write_text(path, doc.to_json())
        if after_write is not None:
            after_write(doc)
        rec = doc.reconciliation
        return CorrectionResult(
            version=version_of(path.read_bytes()),
            checks_total=rec.checks_total,
            checks_passed_before=before.checks_passed_after,
            checks_passed_after=rec.checks_passed_after,
            unresolved_before=len(before.unresolved),
            unresolved_after=len(rec.unresolved),
            message=f"已保存。校验 {rec.checks_passed_after}/{rec.checks_total} 通过"
            f"（更正前 {before.checks_passed_after}），未解决 {len(rec.unresolved)}",
        )


def correct_cell(
    doc: Document, table_id: str, row: int, col: int, text: str, reviewer: str | None
) -> None:
    """Set the cell's text by hand, keeping what was read and what it replaced."""
    table = doc.table(table_id)
    cell = table.cell_at(row, col) if table is not None else None
    if cell is None:
        raise CellNotFoundError(f"没有这个单元格：{table_id} 第{row + 1}行第{col + 1}列")
    cleaned = " ".join(text.split())
    value = cell.value
    if _holds_amount(table, cell):
        if cleaned in BLANK_AMOUNTS:
            value = None
        else:
            value = parse_amount(cleaned)
            if value is None:
                raise CorrectionError(
                    f"「{text}」不是数字：这个单元格是金额，请输入如 1,450.00 的数字"
                    "（或 — 表示无）。 (not a number)"
                )
            cleaned = normalise_amount_text(cleaned)
    cell.ocr_text = cell.ocr_text or cell.text
    cell.correction = CellCorrection(
        before=cell.text,
        text=cleaned,
        reviewer=reviewer,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    cell.text, cell.value, cell.corrected = cleaned, value, True


def _holds_amount(table: Table, cell: Cell) -> bool:
    """A number is expected: the cell holds or was read as one, or it sits below the header
    in a column of amounts (a read OCR made no number of is still an amount)."""
    if cell.is_header:
        return False
    if cell.value is not None or parse_amount(cell.ocr_text or "") is not None:
        return True
    from fiscalocr.reconcile import table_layout

    layout = table_layout(table)
    in_body = cell.row >= layout.grid.header_rows
    return in_body and any(cell.col in panel.amount_cols for panel in layout.panels)


def rerun_reconciliation(doc: Document, before=None) -> None:
    """Check the corrected document again; keep earlier repairs of uncorrected cells.

    Findings of rules that now hold are dropped (the correction settled them): reconcile
    recomputes every finding a check makes; findings no check made (no ``rule``) stay.
    """
    from fiscalocr import reconcile

    before = before or doc.reconciliation.model_copy(deep=True)
    unchecked = [f for f in doc.findings if f.rule is None]
    reconcile.reconcile_document(doc)
    rec = doc.reconciliation
    fresh = {(r.table, r.row, r.col) for r in rec.repairs}
    kept = []
    for repair in before.repairs:
        table = doc.table(repair.table)
        cell = table.cell_at(repair.row, repair.col) if table is not None else None
        key = (repair.table, repair.row, repair.col)
        if cell is not None and not cell.corrected and key not in fresh:
            kept.append(repair)
    rec.repairs = kept + rec.repairs
    if rec.checks_total == before.checks_total:  # "before repair" means as first read
        rec.checks_passed_before = before.checks_passed_before
    doc.findings = doc.findings + [f for f in unchecked if f not in doc.findings]


@contextmanager
def _locked(path: Path):
    """One writer at a time: threads of this server, and other processes (a lock file)."""
    lock_path = path.with_name(f".{path.name}.lock")
    with _LOCK, open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load(path: Path) -> tuple[Document, str]:
    """The document at ``path`` and its version, read from the same bytes."""
    data = path.read_bytes()
    return Document.model_validate_json(data), version_of(data)


__all__ = [
    "CellNotFoundError",
    "CorrectionError",
    "CorrectionResult",
    "StaleVersionError",
    "apply_correction",
    "correct_cell",
    "load",
    "read_document",
    "rerun_reconciliation",
    "version_of",
]
