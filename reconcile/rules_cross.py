"""Contract §4.5: the same figure printed in several tables agrees.

A figure is keyed by (scope, row, column meaning). The scope says which money a table
counts — all funds (收支总表, 支出表), 财政拨款, 一般公共预算, 政府性基金, 国有资本 — and
comes from the table type (a hint) or, in the 财政拨款收支总表, from each column's header.
Rows are matched by classification code, by class name (the 总表 lists classes by
name), and the 合计 / 本年支出合计 row; columns by meaning (total, 基本支出, 项目支出).
Revenue and expenditure by code are different figures (carry-overs) and never compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from .headers import Panel, is_total_header, strip_numbering
from .rules import CellRef, RuleBook, TableContext

TOTAL_ROW = "合计"
CODED_SCOPE = {
    "expenditure": "all:exp",
    "revenue": "all:rev",
    "appropriation_expenditure": "appr:exp",
    "general_budget_expenditure": "gb:exp",
    "general_budget_basic_expenditure": "gb:basic",
    "gov_fund": "gf:exp",
    "state_capital": "sc:exp",
}
_FUND_SCOPE = (("一般公共预算", "gb:exp"), ("政府性基金", "gf:exp"), ("国有资本", "sc:exp"))

Figure = tuple[tuple[str, str, str], CellRef]


def build(
    contexts: list[TableContext],
    book: RuleBook,
    units: dict[str, str | None],
    types: dict[str, str],
) -> None:
    values: dict[CellRef, int | None] = {}
    for ctx in contexts:
        values.update(ctx.values)
    seen: dict[tuple, CellRef] = {}
    for ctx in contexts:
        for key, ref in shared_figures(ctx, types.get(ctx.table_id, "other")):
            first = seen.setdefault((units.get(ctx.table_id), *key), ref)
            if first is ref or first.table == ref.table:
                continue
            _scope, row, column = key
            book.add_sum(
                f"x:{row}:{column}:{first.table}={ref.table}",
                "cross",
                values,
                first,
                [ref],
                f"{row} {column} in {first.table} = in {ref.table}",
                None,
                exact=True,
            )


def _column_key(header: str) -> str | None:
    if is_total_header(header):
        return "total"
    for name in ("基本支出", "项目支出"):
        if header.endswith(name):
            return name
    return None


OTHER_FIGURES = ("机关运行经费",)
"""A one-column table headed by one of these prints another figure than its codes'
totals (the 机关运行经费 part of 302 商品和服务支出), whatever its type says."""


def _other_figure(header: str) -> bool:
    return any(word in header for word in OTHER_FIGURES)


def _leaf(ctx: TableContext, col: int) -> str:
    path = ctx.layout.header_path[col]
    return ctx.grid.text(*path[-1]) if path else ""


def shared_figures(ctx: TableContext, table_type: str) -> Iterator[Figure]:
    for panel in ctx.layout.panels:
        codes = ctx.layout.row_codes(panel)
        if codes and table_type in CODED_SCOPE:
            yield from _coded(ctx, panel, codes, CODED_SCOPE[table_type])
        elif not codes and table_type in ("revenue_expenditure_summary", "appropriation_summary"):
            yield from _summary(ctx, panel, table_type)


def _coded(ctx: TableContext, panel: Panel, codes: dict[int, str], scope: str) -> Iterator[Figure]:
    rows: dict[int, list[str]] = {r: [c] for r, c in codes.items()}
    for row, code in codes.items():
        if len(code) == 3:
            rows[row].append(
                "name:" + strip_numbering(ctx.layout.row_label(panel, row)).lstrip(code)
            )
    for row in ctx.grid.data_rows():
        if row not in codes and ctx.layout.row_label(panel, row) == TOTAL_ROW:
            rows[row] = [TOTAL_ROW]
            break
    columns: dict[str, int] = {}
    for col in panel.amount_cols:
        key = _column_key(_leaf(ctx, col))
        if key and key not in columns:
            columns[key] = col
    only = panel.amount_cols[0] if len(panel.amount_cols) == 1 else None
    if only is not None and not columns and not _other_figure(_leaf(ctx, only)):
        columns["total"] = only
    for row, keys in rows.items():
        for column, col in columns.items():
            for key in keys:
                yield (scope, key, column), ctx.ref(row, col)


def _summary(ctx: TableContext, panel: Panel, table_type: str) -> Iterator[Figure]:
    labels = {r: ctx.layout.row_label(panel, r) for r in ctx.grid.data_rows()}
    income = any("本年收入合计" in t or t == "收入合计" for t in labels.values())
    spending = any("本年支出合计" in t or t == "支出合计" for t in labels.values())
    if not (income or spending) or not panel.amount_cols:
        return
    if table_type == "revenue_expenditure_summary":
        scoped = [("all:rev" if income else "all:exp", panel.amount_cols[0])]
    elif spending:
        scoped = [("appr:exp", panel.amount_cols[0])]
        if "决算" not in (ctx.grid.table.title or ""):
            # a budget's 一般公共预算表 is 不含上年结转: only 决算 columns match it
            yield from iter_scoped(ctx, labels, scoped, spending)
            return
        for col in panel.amount_cols[1:]:
            leaf = _leaf(ctx, col)
            scoped += [(scope, col) for word, scope in _FUND_SCOPE if word in leaf]
    else:
        return
    yield from iter_scoped(ctx, labels, scoped, spending)


def iter_scoped(
    ctx: TableContext, labels: dict[int, str], scoped, spending: bool
) -> Iterator[Figure]:
    for row, label in labels.items():
        if ("本年" in label and "合计" in label) or label in ("收入合计", "支出合计"):
            key = TOTAL_ROW
        elif spending and label:
            key = "name:" + label
        else:
            continue
        for scope, col in scoped:
            yield (scope, key, "total"), ctx.ref(row, col)
