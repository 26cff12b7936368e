"""All findings of one document, in one list: arithmetic, narrative, structure.

The arithmetic findings are the rules left violated after repair (the same rules as
``reconciliation.unresolved``, one finding each); the narrative ones are the share and
amount checks of the 情况说明 plus the comparison sentences; the structure ones are read
from the document as a whole (目录, empty tables, placeholders, years, units).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fiscalocr.model import Document, Finding, FindingFigure

from . import narrative_compare, narrative_verdicts, structure
from .ambiguous import AMBIGUOUS_READING
from .findings import cell_label, grid_position, line_box, rule_finding, source_is_text
from .grid import CENTS
from .rules import CellRef, Rule

if TYPE_CHECKING:
    from .api import BuiltRules


def findings(
    doc: Document,
    built: BuiltRules,
    left: list[tuple[Rule, bool]],
    after: dict[CellRef, int | None],
) -> list[Finding]:
    out: list[Finding] = []
    for rule, sure in left:
        pages = [
            c.page for ref in rule.cells if (c := built.grids[ref.table].cell(ref.row, ref.col))
        ]
        out.append(rule_finding(rule, after, built.contexts, sure or source_is_text(doc, pages)))
    out += [_share_finding(doc, s) for s in built.shares if not s.holds()]
    out += [_amount_finding(doc, a, after, built) for a in built.amounts if not a.holds(after)]
    out += [
        _ambiguous_finding(doc, u, built)
        for u in doc.reconciliation.unresolved
        if u.rule.startswith(AMBIGUOUS_READING)
    ]
    out += narrative_compare.findings(doc, built.contexts, after)
    out += narrative_verdicts.findings(doc, built.contexts, after)
    out += structure.findings(doc, built.contexts, after)
    return out


def _ambiguous_finding(doc: Document, unresolved, built: BuiltRules) -> Finding:
    """A cell the print allows two ways that no rule settles: look at the original."""
    row, col = unresolved.cells[0]
    table = doc.table(unresolved.table)
    cell = table.cell_at(row, col)
    ctx = built.contexts.get(table.id)
    label = (
        cell_label(ctx, CellRef(table.id, cell.row, cell.col)) if ctx else grid_position(row, col)
    )
    others = [c for c in (cell.candidates or []) if c != cell.text]
    return Finding(
        kind="ambiguous_reading",
        severity="warning",
        page=cell.page,
        bbox=cell.bbox,
        table=table.id,
        rule=unresolved.rule,
        figures=[
            FindingFigure(
                label=label,
                value=cell.value,
                text=cell.text,
                unit=table.unit,
                table=table.id,
                row=cell.row,
                col=cell.col,
                page=cell.page,
                bbox=cell.bbox,
            )
        ],
        message=(
            f"第{cell.page}页“{table.title or table.id}”{label}读作{cell.text}，"
            f"印刷也可读作{'、'.join(others)}，无勾稽关系可判定，请对照原件。"
        ),
    )


def _narrative_figure(
    doc: Document, page: int, label: str, text: str, value, unit
) -> FindingFigure:
    return FindingFigure(
        label=label,
        value=value,
        text=text,
        unit=unit,
        page=page,
        bbox=line_box(doc, page, text),
    )


def _share_finding(doc: Document, check) -> Finding:
    computed = 100.0 * check.part / check.whole
    pct_text = f"{check.pct:g}%"
    figure = _narrative_figure(doc, check.page, "说明中的占比", check.snippet, check.pct, None)
    return Finding(
        kind="narrative_share",
        severity="error",
        page=check.page,
        bbox=figure.bbox,
        rule=check.id,
        figures=[
            figure,
            FindingFigure(label="部分", value=check.part, unit="元", page=check.page),
            FindingFigure(label="总额", value=check.whole, unit="元", page=check.page),
        ],
        message=(
            f"第{check.page}页情况说明“{check.snippet}”：所述占比{pct_text}，"
            f"按所引金额计算应为{computed:.2f}%。"
        ),
    )


def _amount_finding(doc: Document, check, after, built: BuiltRules) -> Finding:
    from .findings import figure_of

    ref, unit = min(
        check.places,
        key=lambda p: abs((after.get(p[0]) or 0) / CENTS * p[1] - check.yuan),
    )
    table_fig = figure_of(built.contexts[ref.table], ref, after.get(ref))
    quoted = _narrative_figure(
        doc, check.page, f"说明中的{check.label}", check.snippet, check.yuan, "元"
    )
    table_yuan = (after.get(ref) or 0) / CENTS * unit
    return Finding(
        kind="narrative_amount",
        severity="error",
        page=check.page,
        bbox=quoted.bbox,
        table=ref.table,
        rule=check.id,
        figures=[quoted, table_fig],
        message=(
            f"第{check.page}页情况说明“{check.snippet}”与表中数字不符："
            f"{table_fig.label}为{table_fig.text}{table_fig.unit or ''}"
            f"（{table_yuan:,.2f}元），说明为{check.yuan:,.2f}元。"
        ),
    )
