"""The statutory tables of a department budget (部门预算公开), as specs built from the books."""

from __future__ import annotations

import random

from .amounts import fmt_amount
from .books import Books
from .codes import CHINESE_ORDINALS, class_names, economic_name
from .spec import (
    TableSpec,
    add_code_rows,
    add_header,
    code_table_header,
    draw_code_layout,
    hierarchy_codes,
)

BUDGET_INCOME = [
    ("一般公共预算", ("gen",)),
    ("政府性基金预算", ("fund",)),
    ("国有资本经营预算", ("capital",)),
    ("财政专户管理资金", ("special",)),
    ("单位资金", ("unit",)),
]
APPROP = ("gen", "carry", "fund", "capital")


def _spec(books: Books, type_: str, title: str, n_cols: int, label: str) -> TableSpec:
    spec = TableSpec(
        type=type_,
        title=f"{books.year}年{title}",
        unit=books.style.unit,
        n_cols=n_cols,
        header_rows=0,
        label=label,
    )
    spec.meta_left = f"部门名称：{books.dept.name}"
    return spec


def _leaves(books: Books, sources) -> list[str]:
    return [c for c in books.spending if books.spent(c, sources=sources)]


def _classes(books: Books, sources, rng: random.Random, show_all: bool) -> list[tuple[str, str]]:
    names = class_names(books.year)
    if show_all:
        return list(names.items())
    return [(c, n) for c, n in names.items() if books.spent(c, sources=sources)]


def summary(rng: random.Random, books: Books, label: str) -> TableSpec:
    """预算收支总表: income sources left, function classes right (合计 = 当年 + 上年结转)."""
    split_carry = rng.random() < 0.6
    n_right = 3 if split_carry else 1
    spec = _spec(
        books,
        "revenue_expenditure_summary",
        rng.choice(["预算收支总表", "部门财务收支预算总表", "收支预算总表"]),
        3 + n_right,
        label,
    )
    right = (
        [("合计", 1, 1), ("当年预算安排", 1, 1), ("上年结转安排", 1, 1)]
        if split_carry
        else [("预算数", 1, 1)]
    )
    add_header(
        spec,
        [
            [("收入", 1, 2), ("支出", 1, 1 + n_right)],
            [("项目", 1, 1), ("预算数", 1, 1), ("项目", 1, 1)] + right,
        ],
    )
    st = books.style
    left = [
        (f"{CHINESE_ORDINALS[i]}、{name}", books.spent(sources=src))
        for i, (name, src) in enumerate(BUDGET_INCOME)
    ]
    classes = _classes(books, None, rng, rng.random() < 0.6)

    def right_cells(code: str | None, total: int, carry: int) -> list[str]:
        vals = [total, total - carry, carry] if split_carry else [total]
        return [fmt_amount(v, st) for v in vals]

    for i in range(max(len(left), len(classes))):
        l_name, l_val = left[i] if i < len(left) else ("", None)
        texts = [l_name, fmt_amount(l_val, st) if l_val is not None else ""]
        if i < len(classes):
            code, name = classes[i]
            texts += [f"{CHINESE_ORDINALS[i]}、{name}"] + right_cells(
                code, books.spent(code), books.spent(code, sources=("carry",))
            )
        else:
            texts += [""] * (1 + n_right)
        spec.add_row(texts, ["text", "amount", "text"] + ["amount"] * n_right)
    income = books.spent() - books.spent(sources=("carry",))
    carry = books.spent(sources=("carry",))
    total = books.spent()
    for l_name, l_val, r_name, r_vals, bold in (
        ("本年收入合计", income, "本年支出合计", right_cells(None, total, carry), True),
        ("上年结转", carry, "年终结转", [""] * n_right, False),
        ("收入总计", total, "支出总计", right_cells(None, total, carry), True),
    ):
        spec.add_row(
            [l_name, fmt_amount(l_val, st), r_name, *r_vals],
            ["label", "amount", "label"] + ["amount"] * n_right,
            bold=bold,
        )
    return spec


def revenue(rng: random.Random, books: Books, label: str) -> TableSpec:
    """预算收入总表 by function code: 合计 = the sources; 上年结转 beside.

    One document in four prints it by source instead (see `revenue_by_source`).
    """
    if rng.random() < 0.25:
        return revenue_by_source(rng, books, label)
    layout = draw_code_layout(rng)
    sources = [name for name, _ in BUDGET_INCOME]
    spec = _spec(
        books,
        "revenue",
        rng.choice(["预算收入总表", "收入预算总表"]),
        layout.n_code_cols + 7,
        label,
    )
    code_table_header(
        spec,
        layout,
        [[("本年收入", 1, 6), ("上年结转", 2, 1)], [("合计", 1, 1)] + [(s, 1, 1) for s in sources]],
    )

    def values(code: str) -> list[int]:
        parts = [books.spent(code, sources=src) for _, src in BUDGET_INCOME]
        return [sum(parts), *parts, books.spent(code, sources=("carry",))]

    add_code_rows(
        spec, layout, hierarchy_codes(list(books.spending)), values, books.style, books.year
    )
    return spec


def revenue_by_source(rng: random.Random, books: Books, label: str) -> TableSpec:
    """收入预算总表 by source, with group labels merged down over their rows:
    收入总计 = the 小计 rows; each 小计 = the rows of its group."""
    st = books.style
    spec = _spec(books, "revenue", rng.choice(["收入预算总表", "预算收入总表"]), 3, label)
    add_header(spec, [[("项目", 1, 2), (rng.choice(["金额", "预算数"]), 1, 1)]])
    gen, fund = books.spent(sources=("gen",)), books.spent(sources=("fund",))
    special, unit = books.spent(sources=("special",)), books.spent(sources=("unit",))
    carry = books.spent(sources=("carry",))
    groups = [
        ("一般公共预算资金", [("小计", gen), ("公共财政拨款（补助）资金", gen), ("专项收入", 0)]),
        ("政府性基金", [("小计", fund)]),
        ("国有资本经营预算资金", [("小计", books.spent(sources=("capital",)))]),
        (
            "财政专户管理资金",
            [("小计", special), ("专户管理教育收费", 0), ("其他非税收入", special)],
        ),
        ("其他资金", [("小计", unit), ("事业收入", unit), ("经营收入", 0), ("其他收入", 0)]),
        ("上年结转和结余资金", [("小计", carry), ("其中：动用上年结转和结余资金", carry)]),
    ]
    row = spec.add_row(
        ["收入总计", "", fmt_amount(books.spent(), st)], ["label", "label", "amount"], bold=True
    )
    _merge_two(spec, row)
    for name, items in groups:
        first = spec.n_rows
        for i, (item, cents) in enumerate(items):
            spec.add(first + i, 1, item, "text")
            spec.add(first + i, 2, fmt_amount(cents, st), "amount")
        spec.add(first, 0, name, "label", rowspan=len(items))
    return spec


def _merge_two(spec: TableSpec, row: int) -> None:
    cells = [c for c in spec.cells if c.row == row and c.col < 2]
    cells[0].colspan = 2
    spec.cells.remove(cells[1])


def _basic_project_table(
    rng, books: Books, label: str, type_: str, title: str, sources
) -> TableSpec:
    layout = draw_code_layout(rng)
    spec = _spec(books, type_, title, layout.n_code_cols + 3, label)
    amount_rows = [[("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]]
    if rng.random() < 0.6:
        amount_rows.insert(0, [(f"{books.year}年预算数", 1, 3)])
    code_table_header(spec, layout, amount_rows)
    leaves = _leaves(books, sources)
    if not leaves:
        return _empty(spec, layout.n_code_cols, 3)

    def values(code: str) -> list[int]:
        basic = books.spent(code, sources=sources, uses=("basic",))
        project = books.spent(code, sources=sources, uses=("project",))
        return [basic + project, basic, project]

    add_code_rows(spec, layout, hierarchy_codes(leaves), values, books.style, books.year)
    return spec


def _empty(spec: TableSpec, n_label: int, n_amount: int) -> TableSpec:
    """A table with no data: header, a blank 合计 row and the note 本表无数据."""
    row = spec.add_row(
        ["合计"] + [""] * (n_label - 1) + [""] * n_amount,
        ["label"] * n_label + ["amount"] * n_amount,
        bold=True,
    )
    del row
    spec.empty_note = random.Random(spec.title).choice(
        ["注：本表无数据", "说明：本表无数据", "本表无数据"]
    )
    return spec


def expenditure(rng, books: Books, label: str) -> TableSpec:
    return _basic_project_table(
        rng, books, label, "expenditure", rng.choice(["预算支出总表", "支出预算总表"]), None
    )


def general_budget(rng, books: Books, label: str) -> TableSpec:
    title = rng.choice(
        [
            "一般公共预算支出预算表（不含上年结转）",
            "一般公共预算支出功能分类预算表",
            "一般公共预算支出预算表",
        ]
    )
    return _basic_project_table(rng, books, label, "general_budget_expenditure", title, ("gen",))


def gov_fund(rng, books: Books, label: str) -> TableSpec:
    return _basic_project_table(rng, books, label, "gov_fund", "政府性基金预算支出表", ("fund",))


def state_capital(rng, books: Books, label: str) -> TableSpec:
    title = rng.choice(["国有资本经营预算支出表", "国有资本经营预算支出预算表"])
    return _basic_project_table(rng, books, label, "state_capital", title, ("capital",))


def appropriation_summary(rng, books: Books, label: str) -> TableSpec:
    """财政拨款收支总表: 小计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算."""
    spec = _spec(
        books,
        "appropriation_summary",
        rng.choice(["财政拨款收支总表", "财政拨款收支预算总表"]),
        7,
        label,
    )
    add_header(
        spec,
        [
            [("收入", 1, 2), ("支出", 1, 5)],
            [("项目", 2, 1), ("预算数", 2, 1), ("项目", 2, 1), ("预算数", 1, 4)],
            [
                ("小计", 1, 1),
                ("一般公共预算", 1, 1),
                ("政府性基金预算", 1, 1),
                ("国有资本经营预算", 1, 1),
            ],
        ],
    )
    st = books.style
    groups = [("gen", "carry"), ("fund",), ("capital",)]

    def vals(code: str) -> list[str]:
        parts = [books.spent(code, sources=g) for g in groups]
        return [fmt_amount(v, st) for v in [sum(parts), *parts]]

    left = [
        (f"{CHINESE_ORDINALS[i]}、{n}", books.spent(sources=(s,)))
        for i, (n, s) in enumerate(
            [("一般公共预算", "gen"), ("政府性基金预算", "fund"), ("国有资本经营预算", "capital")]
        )
    ]
    classes = _classes(books, APPROP, rng, rng.random() < 0.5)
    for i in range(max(len(left), len(classes))):
        texts = [left[i][0], fmt_amount(left[i][1], st)] if i < len(left) else ["", ""]
        texts += (
            [f"{CHINESE_ORDINALS[i]}、{classes[i][1]}", *vals(classes[i][0])]
            if i < len(classes)
            else [""] * 5
        )
        spec.add_row(texts, ["text", "amount", "text"] + ["amount"] * 4)
    carry = books.spent(sources=("carry",))
    income = books.spent(sources=("gen", "fund", "capital"))
    kinds = ["label", "amount", "label"] + ["amount"] * 4
    spec.add_row(
        ["本年收入合计", fmt_amount(income, st), "本年支出合计", *vals("")], kinds, bold=True
    )
    spec.add_row(["上年财政拨款结转", fmt_amount(carry, st), "年终结转", "", "", "", ""], kinds)
    for name, cents in (("一般公共预算", carry), ("政府性基金预算", 0), ("国有资本经营预算", 0)):
        spec.add_row([f"  {name}", fmt_amount(cents, st), "", "", "", "", ""], kinds)
    spec.add_row(
        ["收入总计", fmt_amount(income + carry, st), "支出总计", *vals("")], kinds, bold=True
    )
    return spec


def appropriation_expenditure(rng, books: Books, label: str) -> TableSpec:
    """财政拨款支出预算表: 合计 = 一般公共预算 (基本 + 项目) + 政府性基金 + 国有资本经营."""
    layout = draw_code_layout(rng)
    spec = _spec(
        books, "appropriation_expenditure", "财政拨款支出预算表", layout.n_code_cols + 6, label
    )
    code_table_header(
        spec,
        layout,
        [
            [
                ("合计", 2, 1),
                ("一般公共预算", 1, 3),
                ("政府性基金预算", 2, 1),
                ("国有资本经营预算", 2, 1),
            ],
            [("小计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)],
        ],
    )

    def values(code: str) -> list[int]:
        basic = books.spent(code, sources=("gen", "carry"), uses=("basic",))
        project = books.spent(code, sources=("gen", "carry"), uses=("project",))
        fund, cap = books.spent(code, sources=("fund",)), books.spent(code, sources=("capital",))
        return [basic + project + fund + cap, basic + project, basic, project, fund, cap]

    add_code_rows(
        spec, layout, hierarchy_codes(_leaves(books, APPROP)), values, books.style, books.year
    )
    return spec


def basic_economic(rng, books: Books, label: str) -> TableSpec:
    """一般公共预算基本支出 by economic code: 合计 = 人员经费 + 公用经费."""
    layout = draw_code_layout(rng)
    layout = type(layout)(split=False, indent=layout.indent, total_first=layout.total_first)
    title = rng.choice(
        [
            "一般公共预算基本支出预算表",
            "一般公共预算基本支出经济分类预算表",
            "财政拨款基本支出预算表",
        ]
    )
    spec = _spec(books, "general_budget_basic_expenditure", title, 5, label)
    code_table_header(
        spec, layout, [[("合计", 1, 1), ("人员经费", 1, 1), ("公用经费", 1, 1)]], "经济分类科目编码"
    )
    items = list(books.economic)
    codes = []
    for item in items:
        for c in (item[:3], item):
            if c not in codes:
                codes.append(c)

    def values(code: str) -> list[int]:
        pers = sum(p for i, (p, _) in books.economic.items() if i.startswith(code))
        pub = sum(q for i, (_, q) in books.economic.items() if i.startswith(code))
        return [pers + pub, pers, pub]

    add_code_rows(
        spec, layout, codes, values, books.style, books.year, economic_names=economic_name
    )
    return spec
