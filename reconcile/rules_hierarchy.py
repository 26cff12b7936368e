"""Contract §4.1: the classification hierarchy, in every amount column.

Function codes 类 (3 digits) › 款 (5) › 项 (7) and economic codes 301 › 30101: a parent
row equals the sum of its children, and the 合计 row equals the sum of the top level.
"""

from __future__ import annotations

from .headers import Panel
from .rules import RuleBook, TableContext

CODED_TYPES = {
    "revenue",
    "expenditure",
    "appropriation_expenditure",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "gov_fund",
    "state_capital",
}
"""Types whose tables normally print codes: when none is found the rule is skipped."""


def build(ctx: TableContext, book: RuleBook, table_type: str) -> None:
    found_codes = False
    families: dict[tuple[str, ...], dict[str, tuple[int, list[int]]]] = {}
    for panel in ctx.layout.panels:
        codes = ctx.layout.row_codes(panel)
        if not codes:
            continue
        found_codes = True
        _unread_code_rows(ctx, book, panel, codes)
        # panels printing the same amount columns share one hierarchy: a class may
        # continue in the next panel (公用经费 302 items over two or three panels)
        family = families.setdefault(tuple(ctx.layout.leaf_text[c] for c in panel.amount_cols), {})
        for row, code in codes.items():
            family.setdefault(code, (row, panel.amount_cols))
        _total_rules(ctx, book, panel, codes)
    for family in families.values():
        _parent_rules(ctx, book, family)
    if not found_codes:
        found_codes = any(_named_classes(ctx, book, panel) for panel in ctx.layout.panels)
    if not found_codes and table_type in CODED_TYPES and ctx.grid.data_rows():
        book.skip(f"{ctx.table_id}:hier", "no classification code column found")


def _unread_code_rows(ctx: TableContext, book: RuleBook, panel: Panel, codes) -> None:
    """Rows printing code digits that were not read as a code get no hierarchy rule:
    say so (a split 类|款|项 layout misread leaves every 款 and 项 row out)."""
    unread = [
        r
        for r in ctx.grid.data_rows()
        if r not in codes and any(ctx.grid.text(r, c).isdigit() for c in panel.code_cols)
    ]
    if unread:
        book.skip(
            f"{ctx.table_id}:hier:unread",
            f"{len(unread)} rows print code digits not read as a classification code "
            f"(first row {unread[0] + 1}): their hierarchy rules are not built",
        )


ECONOMIC_CLASSES = {
    "工资福利支出": "301",
    "商品和服务支出": "302",
    "对个人和家庭的补助": "303",
    "债务利息及费用支出": "307",
    "资本性支出(基本建设)": "309",
    "资本性支出": "310",
    "对企业补助(基本建设)": "311",
    "对企业补助": "312",
    "对社会保障基金补助": "313",
    "其他支出": "399",
}
"""Economic classes (款 names of 301 …) that head their items in tables printing no codes."""


def _named_classes(ctx: TableContext, book: RuleBook, panel: Panel) -> bool:
    """Without codes, an economic class row (工资福利支出 …) is the sum of the item rows
    under it, and 合计 the sum of the classes."""
    labels = {r: ctx.layout.row_label(panel, r) for r in ctx.grid.data_rows()}
    heads = [r for r, t in labels.items() if t in ECONOMIC_CLASSES]
    anchors = {"工资福利支出", "商品和服务支出", "对个人和家庭的补助"}
    if not anchors & {labels[r] for r in heads}:  # 其他支出 alone is also a function class
        return False
    built_before = len(book.rules)
    ends = heads[1:] + [max(labels) + 1]
    for head, end in zip(heads, ends, strict=True):
        items = [
            r for r in labels if head < r < end and labels[r] and labels[r] not in ("合计", "总计")
        ]
        code = ECONOMIC_CLASSES[labels[head]]
        book.add_row_sums(
            f"{ctx.table_id}:hier:{code}:col{{col}}",
            "hierarchy",
            ctx,
            head,
            items,
            f"{labels[head]} = sum of its items, column {{col}}",
            panel.amount_cols,
        )
    total = next((r for r, t in labels.items() if t in ("合计", "总计")), None)
    if total is not None:
        book.add_row_sums(
            f"{ctx.table_id}:total:col{{col}}",
            "hierarchy",
            ctx,
            total,
            heads,
            "合计 = sum of the economic classes, column {col}",
            panel.amount_cols,
        )
    return len(book.rules) > built_before


def _parent_rules(
    ctx: TableContext, book: RuleBook, cells: dict[str, tuple[int, list[int]]]
) -> None:
    """Each parent code = the sum of its direct sub-codes, column by column."""
    children: dict[str, list[str]] = {}
    for code in cells:
        parent = code[:-2] if len(code) > 3 else None
        if parent is not None and parent in cells:
            children.setdefault(parent, []).append(code)
    orphans = sorted(c for c in cells if len(c) > 3 and c[:-2] not in cells)
    if orphans:
        book.skip(f"{ctx.table_id}:hier:{orphans[0]}", "code row without its parent row")
    for parent, kids in children.items():
        row, cols = cells[parent]
        for k, col in enumerate(cols):
            book.add_sum(
                f"{ctx.table_id}:hier:{parent}:col{col}",
                "hierarchy",
                ctx.values,
                ctx.ref(row, col),
                [ctx.ref(cells[kid][0], cells[kid][1][k]) for kid in kids],
                f"{parent} = sum of its sub-codes, column {col + 1}",
                ctx.table_id,
            )


def _total_rules(ctx: TableContext, book: RuleBook, panel: Panel, codes: dict[int, str]) -> None:
    top = min(len(c) for c in codes.values())
    top_rows = sorted(
        {
            code: row for row, code in sorted(codes.items(), reverse=True) if len(code) == top
        }.values()
    )
    total_rows = [
        r
        for r in ctx.grid.data_rows()
        if r not in codes and _is_total_label(ctx.layout.row_label(panel, r))
    ]
    if not total_rows:
        return
    book.add_row_sums(
        f"{ctx.table_id}:total:col{{col}}",
        "hierarchy",
        ctx,
        total_rows[0],
        top_rows,
        f"合计 = sum of the {top}-digit codes, column {{col}}",
        panel.amount_cols,
    )


def _is_total_label(label: str) -> bool:
    return label in ("合计", "总计", "部门合计") or label.endswith("支出合计") and "本年" in label
