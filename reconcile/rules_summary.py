"""Contract §4.3 (summary tables) and the row form of §4.4 (三公), both found by row labels.

Summary tables (收支总表, 财政拨款收支总表) print two panels side by side; in each,
本年收入合计 / 本年支出合计 sum the items above them, and 收入总计 / 支出总计 add what
sits between (上年结转, 使用非财政拨款结余, 年终结转 …) — but not the per-fund breakdown
printed under 上年财政拨款结转. Then 收入总计 = 支出总计 across the two panels.
"""

from __future__ import annotations

from .headers import CHINESE_ITEM, Panel
from .rules import RuleBook, TableContext, row_span

SUMMARY_TYPES = {"revenue_expenditure_summary", "appropriation_summary"}
_FUND_NAMES = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


def build(ctx: TableContext, book: RuleBook, table_type: str) -> None:
    grand_totals = []
    found = False
    for panel in ctx.layout.panels:
        if ctx.layout.row_codes(panel):
            continue
        labels = {r: ctx.layout.row_label(panel, r) for r in ctx.grid.data_rows()}
        if _may_hold_three_public(ctx, table_type, labels):
            found = _three_public(ctx, book, panel, labels) or found
        sub = next((r for r, t in labels.items() if _is_year_total(t)), None)
        if sub is None:
            sub = next((r for r, t in labels.items() if t in ("收入合计", "支出合计")), None)
        if sub is None:
            continue
        found = True
        items = _top_items(ctx, panel, [r for r, t in labels.items() if r < sub])
        grand = next((r for r, t in labels.items() if r > sub and _is_grand_total(t)), None)
        between = [r for r, t in labels.items() if grand and sub < r < grand and _counts(t)]
        book.add_row_sums(
            f"{ctx.table_id}:sum:col{{col}}:{row_span(items)}",
            "summary",
            ctx,
            sub,
            items,
            f"{labels[sub]} = sum of the items above it, column {{col}}",
            panel.amount_cols,
        )
        if grand is not None:
            book.add_row_sums(
                f"{ctx.table_id}:grand:col{{col}}",
                "summary",
                ctx,
                grand,
                [sub, *between],
                f"{labels[grand]} = {labels[sub]} + carried-over rows, column {{col}}",
                panel.amount_cols,
            )
        if grand is not None and ctx.ref(grand, panel.amount_cols[0]) in ctx.values:
            grand_totals.append(ctx.ref(grand, panel.amount_cols[0]))
    if len(grand_totals) >= 2:
        book.add_sum(
            f"{ctx.table_id}:balance",
            "summary",
            ctx.values,
            grand_totals[0],
            [grand_totals[1]],
            "收入总计 = 支出总计",
            ctx.table_id,
            exact=True,
        )
    if not found and table_type in SUMMARY_TYPES:
        book.skip(f"{ctx.table_id}:sum", "no 本年收入合计/本年支出合计 row understood")


def _is_year_total(label: str) -> bool:
    """本年收入合计 / 本年支出合计 (also 当年…小计)."""
    return any(w in label for w in ("本年", "当年")) and any(w in label for w in ("合计", "小计"))


def _is_grand_total(label: str) -> bool:
    return label.endswith("总计") or label in ("收入合计", "支出合计")


def _top_items(ctx: TableContext, panel: Panel, rows: list[int]) -> list[int]:
    """Items that add up: when some are numbered 一、二、…, only those (1. 2. are their
    sub-items); blank rows and totals are left out."""
    raw = {r: ctx.layout.row_label(panel, r, raw=True) for r in rows}
    top = [r for r, t in raw.items() if CHINESE_ITEM.match(t)]
    kept = top or [r for r, t in raw.items() if t]
    return [r for r in kept if not _is_year_total(raw[r])]


def _counts(label: str) -> bool:
    """A row that adds into 总计 (not a blank row, not the per-fund breakdown)."""
    if not label:
        return False
    name = label.replace("财政拨款", "")
    return not any(name.startswith(f) for f in _FUND_NAMES)


def _may_hold_three_public(ctx: TableContext, table_type: str, labels: dict[int, str]) -> bool:
    """Only a 三公 table (by type, title, header, or a short table of 三公 rows): an
    economic-classification table also prints 公务接待费 but its 合计 is not their sum."""
    texts = (ctx.grid.table.title or "") + "".join(ctx.layout.header_text.values())
    return (
        table_type == "three_public" or "三公" in texts or sum(1 for t in labels.values() if t) <= 7
    )


def _three_public(ctx: TableContext, book: RuleBook, panel: Panel, labels: dict[int, str]) -> bool:
    """合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费; 公务用车 = 购置 + 运行."""
    role: dict[str, int] = {}
    for row, text in labels.items():
        kind = three_public_role(text)
        if kind:
            role.setdefault(kind, row)
    parts = [role[k] for k in ("abroad", "car", "reception") if k in role]
    if len(parts) + ("car_buy" in role) + ("car_run" in role) < 2:
        return False
    tid = ctx.table_id
    if "total" in role and len(parts) >= 2:
        book.add_row_sums(
            f"{tid}:3pub:total:col{{col}}",
            "three_public",
            ctx,
            role["total"],
            parts,
            "三公合计 = 出国 + 公务用车 + 接待, column {col}",
            panel.amount_cols,
        )
    if "car" in role and ("car_buy" in role or "car_run" in role):
        book.add_row_sums(
            f"{tid}:3pub:car:col{{col}}",
            "three_public",
            ctx,
            role["car"],
            [role[k] for k in ("car_buy", "car_run") if k in role],
            "公务用车购置及运行费 = 购置费 + 运行费, column {col}",
            panel.amount_cols,
        )
    return True


def three_public_role(label: str) -> str | None:
    if label in ("合计", "总计") or ("三公" in label and "合计" in label):
        return "total"
    if "出国" in label:
        return "abroad"
    if "接待" in label:
        return "reception"
    if "公务用车" in label or "车辆" in label:
        buy, run = "购置" in label, "运行" in label or "维护" in label
        if buy and run:
            return "car"
        return "car_buy" if buy else "car_run" if run else None
    return None
