"""The procurement table's outline: each level adds up the one below it, by row labels.

Contract §4.1's hierarchy (a parent equals the sum of its children, 合计 the sum of the top
level), read from the label columns, because a 政府采购预算表 prints no classification
codes. Its rows nest by the label column their text starts in: a category (一、货物 / 二、工程 / 三、服务) in the first, a group (专项名称 and
its 经济科目) in the middle ones, and each purchase (采购物品名称, 采购组织形式) in the
deepest. The amount of a group is the sum of its purchases, a category's the sum of its
groups, and 合计 the sum of the categories. Without these rules a procurement table had
no rule at all: on the six real-PDF scans, 226 amounts in six tables went out unchecked.

A group printed over a page break repeats its name on its first purchase of the new page
(``机要及电子政务业务费 | 办公设备购置 | 便携式计算机 | 3.50``): a row that starts with the open
group's own name and also names a purchase is that purchase, not a new group.
"""

from __future__ import annotations

from .headers import Panel, is_total_header
from .rules import RuleBook, TableContext, row_span

OUTLINE_TYPES = {"procurement"}
_CATEGORY, _GROUP, _PURCHASE = 0, 1, 2
_MIN_LABEL_COLS = 3


def build(ctx: TableContext, book: RuleBook, table_type: str) -> None:
    if table_type not in OUTLINE_TYPES:
        return
    for panel in ctx.layout.panels:
        if panel.code_cols or len(panel.label_cols) < _MIN_LABEL_COLS or not panel.amount_cols:
            continue
        levels, totals = _levels(ctx, panel)
        if len(set(levels.values())) < 2:
            continue  # no outline: one level of rows
        _add_parts(ctx, book, panel, levels)
        categories = [r for r, lv in levels.items() if lv == _CATEGORY]
        for total in [t for t in totals if _prints_amount(ctx, panel, t)]:
            parts = categories or [r for r, lv in levels.items() if lv == _GROUP]
            if parts:
                book.add_row_sums(
                    f"{ctx.table_id}:outline:total:col{{col}}",
                    "summary",
                    ctx,
                    total,
                    parts,
                    f"{ctx.layout.row_label(panel, total)} = sum of its "
                    f"{'categories' if categories else 'groups'}, column {{col}}",
                    panel.amount_cols,
                )


def _levels(ctx: TableContext, panel: Panel) -> tuple[dict[int, int], list[int]]:
    """Each labelled data row's level (category, group, purchase), and the total rows."""
    cols = sorted(panel.label_cols)
    firsts = {}
    for row in ctx.grid.data_rows():
        col = next((c for c in cols if ctx.grid.text(row, c)), None)
        if col is not None:
            firsts[row] = col
    if not firsts:
        return {}, []
    deepest = max(firsts.values())
    levels: dict[int, int] = {}
    totals: list[int] = []
    group_name: str | None = None
    for row, col in sorted(firsts.items()):
        text = ctx.grid.text(row, col)
        if col == cols[0]:
            if is_total_header(text):
                totals.append(row)
            else:
                levels[row] = _CATEGORY
            group_name = None
        elif col == deepest:
            levels[row] = _PURCHASE
        elif text == group_name and any(ctx.grid.text(row, c) for c in cols if c >= deepest):
            levels[row] = _PURCHASE  # the open group's name repeated over a page break
        else:
            levels[row] = _GROUP
            group_name = text
    return levels, totals


def _prints_amount(ctx: TableContext, panel: Panel, row: int) -> bool:
    """Something is printed in the row's amount columns: a reading with letters for digits
    (``50.0C``) has no value yet, and its rule is what repairs it."""
    return any(ctx.grid.text(row, col).strip() for col in panel.amount_cols)


def _add_parts(ctx: TableContext, book: RuleBook, panel: Panel, levels: dict[int, int]) -> None:
    """A category or group row = the sum of the rows of the next level under it."""
    rows = sorted(levels)
    for k, row in enumerate(rows):
        level = levels[row]
        if level == _PURCHASE or not _prints_amount(ctx, panel, row):
            continue  # a label row with no amount (a group name wrapped onto a second row)
        under = []
        for below in rows[k + 1 :]:
            if levels[below] <= level:
                break
            under.append(below)
        if not under:
            continue
        nearest = min(levels[r] for r in under)
        parts = [r for r in under if levels[r] == nearest]
        name = ctx.layout.row_label(panel, row)
        book.add_row_sums(
            f"{ctx.table_id}:outline:row{row}:col{{col}}:{row_span(parts)}",
            "summary",
            ctx,
            row,
            parts,
            f"{name} = sum of the rows under it, column {{col}}",
            panel.amount_cols,
        )
