"""The statutory tables of a final account (部门决算公开 公开01-10), with 行次/栏次 columns."""

from __future__ import annotations

import random

from .amounts import fmt_amount
from .books import Books
from .codes import BUDGET_ONLY_CLASSES, CHINESE_ORDINALS, class_names, economic_name
from .spec import (
    TableSpec,
    add_code_rows,
    add_header,
    code_table_header,
    draw_code_layout,
    hierarchy_codes,
)

FINAL_INCOME = [
    ("一般公共预算财政拨款收入", ("gen",)),
    ("政府性基金预算财政拨款收入", ("fund",)),
    ("国有资本经营预算财政拨款收入", ("capital",)),
    ("上级补助收入", ("superior",)),
    ("事业收入", ("business",)),
    ("经营收入", ("operating",)),
    ("附属单位上缴收入", ("affiliated",)),
    ("其他收入", ("other",)),
]
APPROP = ("gen", "fund", "capital")


def _spec(books: Books, type_: str, title: str, n_cols: int, label: str) -> TableSpec:
    spec = TableSpec(
        type=type_, title=title, unit=books.style.unit, n_cols=n_cols, header_rows=0, label=label
    )
    spec.meta_left = (
        random.Random(title).choice(["部门名称：", "编制单位：", "单位名称："]) + books.dept.name
    )
    return spec


def _final_classes(books: Books) -> list[tuple[str, str]]:
    return [(c, n) for c, n in class_names(books.year).items() if c not in BUDGET_ONLY_CLASSES]


def _two_sided(
    spec: TableSpec,
    books: Books,
    left: list[tuple[str, int | None]],
    right: list[tuple[str, list[int]]],
    tail: list[tuple[str, int | None, str, list[int] | None]],
    n_right: int,
    rng: random.Random,
) -> None:
    """Body of a 收入|支出 summary with 行次 columns: left rows numbered first, then right."""
    st = books.style
    n_body = max(len(left), len(right))
    n_left_rows = n_body + len(tail)
    show_numbers = rng.random() < 0.8
    kinds = ["text", "index", "amount", "text", "index"] + ["amount"] * n_right
    for i in range(n_body + len(tail)):
        if i < n_body:
            l_name, l_val = left[i] if i < len(left) else ("", None)
            r_name, r_vals = right[i] if i < len(right) else ("", None)
            bold = False
        else:
            l_name, l_val, r_name, r_vals = tail[i - n_body]
            bold = True
        l_no = str(i + 1) if show_numbers else ""
        r_no = str(n_left_rows + i + 1) if show_numbers else ""
        texts = [l_name, l_no, fmt_amount(l_val, st) if l_val is not None else "", r_name, r_no]
        texts += [fmt_amount(v, st) for v in r_vals] if r_vals is not None else [""] * n_right
        row_kinds = (
            kinds
            if i < n_body
            else ["label", "index", "amount", "label", "index"] + ["amount"] * n_right
        )
        spec.add_row(texts, row_kinds, bold=bold and l_name in ("本年收入合计", "总计", "收入总计"))


def summary(rng: random.Random, books: Books, label: str) -> TableSpec:
    """收入支出决算总表: 总计 = 本年收入合计 + 年初结转和结余 = 本年支出合计 + 年末结转和结余."""
    spec = _spec(books, "revenue_expenditure_summary", "收入支出决算总表", 6, label)
    add_header(
        spec,
        [
            [("收入", 1, 3), ("支出", 1, 3)],
            [
                ("项目", 1, 1),
                ("行次", 1, 1),
                ("决算数", 1, 1),
                ("项目", 1, 1),
                ("行次", 1, 1),
                ("决算数", 1, 1),
            ],
            [("栏次", 1, 1), ("", 1, 1), ("1", 1, 1), ("栏次", 1, 1), ("", 1, 1), ("2", 1, 1)],
        ],
    )
    left = [
        (f"{CHINESE_ORDINALS[i]}、{n}", books.received(sources=s))
        for i, (n, s) in enumerate(FINAL_INCOME)
    ]
    right = [
        (f"{CHINESE_ORDINALS[i]}、{n}", [books.spent(c)])
        for i, (c, n) in enumerate(_final_classes(books))
    ]
    income, spent = books.received(), books.spent()
    begin, end = books.carried_in(), books.carried_out()
    tail = [
        ("本年收入合计", income, "本年支出合计", [spent]),
        ("使用非财政拨款结余", None, "结余分配", None),
        ("年初结转和结余", begin, "年末结转和结余", [end]),
        ("总计", income + begin, "总计", [spent + end]),
    ]
    _two_sided(spec, books, left, right, tail, 1, rng)
    spec.notes = ["注：本表反映部门本年度的总收支和年末结转结余情况。"]
    return spec


def appropriation_summary(rng: random.Random, books: Books, label: str) -> TableSpec:
    """财政拨款收入支出决算总表: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 财政拨款."""
    spec = _spec(books, "appropriation_summary", "财政拨款收入支出决算总表", 9, label)
    add_header(
        spec,
        [
            [("收入", 1, 3), ("支出", 1, 6)],
            [
                ("项目", 1, 1),
                ("行次", 1, 1),
                ("金额", 1, 1),
                ("项目", 1, 1),
                ("行次", 1, 1),
                ("合计", 1, 1),
                ("一般公共预算财政拨款", 1, 1),
                ("政府性基金预算财政拨款", 1, 1),
                ("国有资本经营预算财政拨款", 1, 1),
            ],
            [("栏次", 1, 1), ("", 1, 1), ("1", 1, 1), ("栏次", 1, 1), ("", 1, 1)]
            + [(str(i), 1, 1) for i in range(2, 6)],
        ],
    )

    def split(fn) -> list[int]:
        parts = [fn((s,)) for s in APPROP]
        return [sum(parts), *parts]

    names = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    left = [
        (f"{CHINESE_ORDINALS[i]}、{n}", books.received(sources=(s,)))
        for i, (n, s) in enumerate(zip(names, APPROP, strict=True))
    ]
    right = [
        (f"{CHINESE_ORDINALS[i]}、{n}", split(lambda s, c=c: books.spent(c, sources=s)))
        for i, (c, n) in enumerate(_final_classes(books))
    ]
    income = books.received(sources=APPROP)
    begin = split(lambda s: books.carried_in(sources=s))
    end = split(lambda s: books.carried_out(sources=s))
    spent = split(lambda s: books.spent(sources=s))
    tail = [
        ("本年收入合计", income, "本年支出合计", spent),
        ("年初财政拨款结转和结余", begin[0], "年末财政拨款结转和结余", end),
    ]
    tail += [(n, begin[i + 1], "", None) for i, n in enumerate(names)]
    tail.append(
        ("总计", income + begin[0], "总计", [a + b for a, b in zip(spent, end, strict=True)])
    )
    _two_sided(spec, books, left, right, tail, 4, rng)
    spec.notes = ["注：本表反映部门本年度财政拨款的总收支和年末结转结余情况。"]
    return spec


def _code_table(
    rng,
    books: Books,
    label: str,
    type_: str,
    title: str,
    amount_rows,
    values,
    leaves,
    code_title: str = "功能分类科目编码",
) -> TableSpec:
    layout = draw_code_layout(rng)
    n_amount = sum(cs for _, _, cs in amount_rows[0])
    spec = _spec(books, type_, title, layout.n_code_cols + n_amount, label)
    code_table_header(spec, layout, amount_rows, code_title, column_numbers=rng.random() < 0.8)
    if not leaves:
        spec.add_row(
            ["合计"] + [""] * (layout.n_code_cols - 1 + n_amount),
            ["label"] * layout.n_code_cols + ["amount"] * n_amount,
            bold=True,
        )
        spec.empty_note = rng.choice(["说明：本表无数据", "注：本表无数据", "本表无数据"])
        return spec
    add_code_rows(spec, layout, hierarchy_codes(leaves), values, books.style, books.year)
    return spec


def revenue(rng: random.Random, books: Books, label: str) -> TableSpec:
    """收入决算表: 本年收入合计 = 财政拨款收入 + the other sources."""
    groups = [APPROP, ("superior",), ("business",), ("operating",), ("affiliated",), ("other",)]
    heads = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]

    def values(code: str) -> list[int]:
        parts = [books.received(code, sources=g) for g in groups]
        return [sum(parts), *parts]

    rows = [[("本年收入合计", 1, 1)] + [(h, 1, 1) for h in heads]]
    spec = _code_table(rng, books, label, "revenue", "收入决算表", rows, values, list(books.income))
    spec.notes = ["注：本表反映部门本年度取得的各项收入情况。"]
    return spec


def expenditure(rng: random.Random, books: Books, label: str) -> TableSpec:
    """支出决算表: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助."""
    uses = ["basic", "project", "upper", "opexp", "subsidy"]
    heads = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]

    def values(code: str) -> list[int]:
        parts = [books.spent(code, uses=(u,)) for u in uses]
        return [sum(parts), *parts]

    rows = [[("本年支出合计", 1, 1)] + [(h, 1, 1) for h in heads]]
    spec = _code_table(
        rng, books, label, "expenditure", "支出决算表", rows, values, list(books.spending)
    )
    spec.notes = ["注：本表反映部门本年度各项支出情况。"]
    return spec


def _basic_project(rng, books: Books, label: str, type_: str, title: str, sources) -> TableSpec:
    def values(code: str) -> list[int]:
        basic = books.spent(code, sources=sources, uses=("basic",))
        project = books.spent(code, sources=sources, uses=("project",))
        return [basic + project, basic, project]

    rows = [[("本年支出", 1, 3)], [("小计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]]
    if rng.random() < 0.5:
        rows = [[("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]]
    leaves = [c for c in books.spending if books.spent(c, sources=sources)]
    return _code_table(rng, books, label, type_, title, rows, values, leaves)


def general_budget(rng: random.Random, books: Books, label: str) -> TableSpec:
    return _basic_project(
        rng, books, label, "general_budget_expenditure", "一般公共预算财政拨款支出决算表", ("gen",)
    )


def state_capital(rng: random.Random, books: Books, label: str) -> TableSpec:
    title = rng.choice(
        ["国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"]
    )
    return _basic_project(rng, books, label, "state_capital", title, ("capital",))


def gov_fund(rng: random.Random, books: Books, label: str) -> TableSpec:
    """政府性基金: 年末结转和结余 = 年初 + 本年收入 − 本年支出 per row."""

    def values(code: str) -> list[int]:
        basic = books.spent(code, sources=("fund",), uses=("basic",))
        project = books.spent(code, sources=("fund",), uses=("project",))
        return [
            books.carried_in(code, ("fund",)),
            books.received(code, ("fund",)),
            basic + project,
            basic,
            project,
            books.carried_out(code, ("fund",)),
        ]

    rows = [
        [
            ("年初结转和结余", 2, 1),
            ("本年收入", 2, 1),
            ("本年支出", 1, 3),
            ("年末结转和结余", 2, 1),
        ],
        [("小计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)],
    ]
    leaves = [
        c
        for c in books.spending
        if books.spent(c, sources=("fund",)) or books.received(c, ("fund",))
    ]
    return _code_table(
        rng, books, label, "gov_fund", "政府性基金预算财政拨款收入支出决算表", rows, values, leaves
    )


def basic_economic(rng: random.Random, books: Books, label: str) -> TableSpec:
    """一般公共预算财政拨款基本支出决算表: 合计 = 人员经费 + 公用经费 by economic code."""
    layout = draw_code_layout(rng)
    layout = type(layout)(split=False, indent=layout.indent, total_first=layout.total_first)
    title = rng.choice(
        ["一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"]
    )
    spec = _spec(books, "general_budget_basic_expenditure", title, 5, label)
    code_table_header(
        spec,
        layout,
        [[("合计", 1, 1), ("人员经费", 1, 1), ("公用经费", 1, 1)]],
        "经济分类科目编码",
        column_numbers=rng.random() < 0.6,
    )
    codes: list[str] = []
    for item in books.economic:
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


def three_public(rng: random.Random, books: Books, label: str) -> TableSpec:
    """财政拨款“三公”经费支出决算表: 预算数 and 决算数, each 合计 = 出国 + 公务用车 + 接待."""
    spec = _spec(books, "three_public", "财政拨款“三公”经费支出决算表", 12, label)
    group = [
        ("合计", 2, 1),
        ("因公出国（境）费", 2, 1),
        ("公务用车购置及运行维护费", 1, 3),
        ("公务接待费", 2, 1),
    ]
    sub = [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行维护费", 1, 1)]
    add_header(
        spec,
        [
            [("预算数", 1, 6), ("决算数", 1, 6)],
            group + group,
            sub + sub,
            [(str(i), 1, 1) for i in range(1, 13)],
        ],
    )
    texts = []
    for f in (books.three_public_budget, books.three_public):
        cars = f["car_buy"] + f["car_run"]
        vals = [
            books.three_public_total(f),
            f["abroad"],
            cars,
            f["car_buy"],
            f["car_run"],
            f["reception"],
        ]
        texts += [fmt_amount(v, books.style) for v in vals]
    spec.add_row(texts, ["amount"] * 12)
    spec.landscape = True
    spec.notes = ["注：预算数为全年预算数；决算数为当年实际支出数。"]
    return spec


def info_statistics(rng: random.Random, books: Books, label: str) -> TableSpec:
    """部门决算公开相关信息统计表: procurement, 机关运行经费 and vehicles, with 行次."""
    st = books.style
    spec = _spec(books, "info_statistics", "部门决算公开相关信息统计表", 3, label)
    add_header(spec, [[("项目", 1, 1), ("行次", 1, 1), ("金额", 1, 1)]])
    goods, works, services = (sum(r[i] for r in books.procurement) for i in (1, 2, 3))
    rows: list[tuple[str, str, str]] = [("一、政府采购情况", "", "label")]
    for name, cents in (
        ("合计", goods + works + services),
        ("货物", goods),
        ("工程", works),
        ("服务", services),
    ):
        rows.append((name, fmt_amount(cents, st), "amount"))
    rows.append(("二、机关运行经费", "", "label"))
    admin = rng.random() < 0.7
    rows += [
        ("（一）行政单位", fmt_amount(books.public() if admin else 0, st), "amount"),
        (
            "（二）参照公务员法管理事业单位",
            fmt_amount(0 if admin else books.public(), st),
            "amount",
        ),
    ]
    rows.append(("三、国有资产占用情况", "", "label"))
    rows += [
        ("车辆数合计（辆）", str(books.vehicles), "amount"),
        ("其中：执法执勤用车", "", "amount"),
        ("其他用车", str(books.vehicles), "amount"),
    ]
    number = 0
    for name, text, kind in rows:
        if kind == "label":
            spec.add_row([name, "", ""], ["text", "index", "amount"], bold=True)
            continue
        number += 1
        spec.add_row([name, str(number), text], ["text", "index", "amount"])
    spec.notes = ["注：本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。"]
    return spec
