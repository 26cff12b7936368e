"""Turn decisions into the contract's ``reconciliation`` block and the CLI's one line."""

from __future__ import annotations

import math

from fiscalocr.model import Document, Repair, Unresolved

from .grid import CENTS
from .rules import CellRef, Rule
from .rules_narrative import ShareCheck
from .solver import Choice


def repair_record(choice: Choice, from_text: str, page: int, bbox, rules: list[str]) -> Repair:
    confidence = 0.999 if math.isinf(choice.margin) else 1.0 - math.exp(-choice.margin)
    return Repair(
        table=choice.ref.table,
        row=choice.ref.row,
        col=choice.ref.col,
        **{"from": from_text},
        to=choice.candidate.text,
        rules=rules,
        confidence=round(min(confidence, 0.999), 4),
        page=page,
        bbox=bbox,
    )


def unresolved_rule(
    rule: Rule, values: dict[CellRef, int | None], source_error: bool, note: str = ""
) -> Unresolved:
    tables = list(dict.fromkeys(ref.table for ref in rule.cells))
    cells = [(ref.row, ref.col) for ref in rule.cells if ref.table == tables[0]]
    description = rule.description + (f" ({note})" if note else "")
    if len(tables) > 1:
        description += f"; tables {', '.join(tables)}"
    return Unresolved(
        table=rule.table or tables[0],
        rule=rule.id,
        cells=cells,
        difference=round(rule.residual(values) / CENTS, 2),
        description=description,
        likely_source_error=source_error,
    )


def unresolved_share(check: ShareCheck) -> Unresolved:
    computed = 100.0 * check.part / check.whole
    return Unresolved(
        table=None,
        rule=check.id,
        cells=[],
        difference=check.difference,
        description=f"page {check.page}: “{check.snippet}” but part ÷ whole = {computed:.2f}%",
    )


def unresolved_amount(check) -> Unresolved:
    return Unresolved(
        table=None,
        rule=check.id,
        cells=[],
        difference=None,
        description=(
            f"page {check.page}: “{check.snippet}” — no table prints {check.label} with this amount"
        ),
    )


def summary_line(doc: Document) -> str:
    """One line per document for the CLI."""
    rec = doc.reconciliation
    misprints = sum(1 for u in rec.unresolved if u.likely_source_error)
    return (
        f"reconcile: {rec.checks_total} checks, {rec.checks_passed_before} passed as read, "
        f"{rec.checks_passed_after} after {len(rec.repairs)} repairs; "
        f"{len(rec.unresolved)} unresolved ({misprints} likely misprints in the source); "
        f"{len(rec.skipped)} not built; {len(doc.findings)} findings"
    )
