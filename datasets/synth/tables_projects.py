"""Smaller budget tables: 项目支出, 政府采购, 三公, 机关运行经费, and an `other` table (人员情况)."""

from __future__ import annotations

import random

from .amounts import fmt_amount
from .books import THREE_PUBLIC_KEYS, Books
from .spec import TableSpec, add_header

PROJECT_SOURCES = [
    ("一般公共预算", "gen"),
    ("政府性基金预算", "fund"),
    ("国有资本经营预算", "capital"),
    ("财政专户管理资金", "special"),
    ("单位资金", "unit"),
]


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


def project_expenditure(
    rng: random.Random, books: Books, label: str, carry: bool = False
) -> TableSpec:
    """项目支出预算表: unit subtotal rows and project rows; 合计 = 财政拨款 + other sources.

    With `carry` it is the 上年结转 variant, listing the carried-over projects (often none).
    """
    st = books.style
    suffix = "（上年结转）" if carry else rng.choice(["（本年预算）", ""])
    spec = _spec(books, "project_expenditure", f"项目支出预算表{suffix}", 7, label)
    add_header(
        spec,
        [
            [
                ("项目名称", 2, 1),
                ("合计", 2, 1),
                ("财政拨款", 1, 3),
                ("财政专户管理资金", 2, 1),
                ("单位资金", 2, 1),
            ],
            [(n, 1, 1) for n, _ in PROJECT_SOURCES[:3]],
        ],
    )
    if rng.random() < 0.4:
        add_header_numbers(spec, 7)
    projects = [p for p in books.projects if (p.source == "carry") == carry]
    kinds = ["text"] + ["amount"] * 6

    def cells(selected) -> list[str]:
        by = {
            s: sum(
                p.cents for p in selected if p.source == s or (s == "gen" and p.source == "carry")
            )
            for _, s in PROJECT_SOURCES
        }
        vals = [sum(by.values())] + [by[s] for _, s in PROJECT_SOURCES]
        return [fmt_amount(v, st) for v in vals]

    if not projects:
        spec.add_row(["合计"] + [""] * 6, ["label"] + ["amount"] * 6, bold=True)
        spec.empty_note = rng.choice(["注：本表无数据", "本表无数据"])
        return spec
    spec.add_row(["合计", *cells(projects)], ["label"] + kinds[1:], bold=True)
    for unit in books.dept.units:
        mine = [p for p in projects if p.unit == unit]
        if not mine:
            continue
        spec.add_row([unit, *cells(mine)], kinds, bold=True)
        for p in mine:
            spec.add_row([f"  {p.name}", *cells([p])], kinds)
    return spec


def add_header_numbers(spec: TableSpec, n_cols: int) -> None:
    """A row of column numbers 1..n under the header (some templates print one)."""
    row = spec.header_rows
    for col in range(n_cols):
        spec.add(row, col, str(col + 1), "header", align="c")
    spec.header_rows += 1


def procurement(rng: random.Random, books: Books, label: str) -> TableSpec:
    """政府采购预算表: 合计 = 货物 + 工程 + 服务 per project."""
    st = books.style
    spec = _spec(
        books, "procurement", rng.choice(["政府采购预算表", "政府采购预算明细表"]), 5, label
    )
    add_header(
        spec,
        [
            [("项目名称", 2, 1), ("采购预算", 1, 4)],
            [("合计", 1, 1), ("货物", 1, 1), ("工程", 1, 1), ("服务", 1, 1)],
        ],
    )
    kinds = ["text"] + ["amount"] * 4
    if not books.procurement:
        spec.add_row(["合计", "", "", "", ""], kinds, bold=True)
        spec.empty_note = "注：本表无数据"
        return spec
    totals = [sum(r[i] for r in books.procurement) for i in (1, 2, 3)]
    spec.add_row(["合计", *[fmt_amount(v, st) for v in [sum(totals), *totals]]], kinds, bold=True)
    for name, goods, works, services in books.procurement:
        vals = [goods + works + services, goods, works, services]
        spec.add_row([name, *[fmt_amount(v, st) for v in vals]], kinds)
    return spec


SERVICE_KINDS = ["政府履职辅助性服务", "公共服务", "技术性服务", "社会管理性服务"]


def purchased_services(rng: random.Random, books: Books, label: str) -> TableSpec:
    """An `other` table: 政府购买服务预算表, part of some projects bought as services."""
    st = books.style
    spec = _spec(books, "other", "政府购买服务预算表", 4, label)
    add_header(
        spec, [[("项目名称", 1, 1), ("服务类别", 1, 1), ("购买方式", 1, 1), ("预算金额", 1, 1)]]
    )
    chosen = rng.sample(books.projects, min(len(books.projects), rng.randint(1, 4)))
    rows = [
        (
            p.name,
            rng.choice(SERVICE_KINDS),
            rng.choice(["公开招标", "竞争性磋商", "单一来源"]),
            p.cents // 200_000 * 100_000,
        )
        for p in chosen
    ]
    kinds = ["text", "text", "text", "amount"]
    spec.add_row(["合计", "", "", fmt_amount(sum(r[3] for r in rows), st)], kinds, bold=True)
    for name, kind, how, cents in rows:
        spec.add_row([name, kind, how, fmt_amount(cents, st)], kinds)
    return spec


def staffing(rng: random.Random, books: Books, label: str) -> TableSpec:
    """An `other` table: staff numbers per unit (编制数 / 实有人数)."""
    spec = _spec(books, "other", rng.choice(["部门人员情况表", "机构人员情况表"]), 6, label)
    spec.unit = None
    add_header(
        spec,
        [
            [("单位名称", 2, 1), ("编制数", 1, 2), ("实有人数", 1, 3)],
            [("行政", 1, 1), ("事业", 1, 1), ("在职", 1, 1), ("离休", 1, 1), ("退休", 1, 1)],
        ],
    )
    rows = []
    for unit in books.dept.units:
        admin, inst = rng.randint(3, 40), rng.randint(0, 30)
        rows.append(
            (
                unit,
                admin,
                inst,
                rng.randint(1, admin + inst + 1),
                rng.randint(0, 2),
                rng.randint(0, 15),
            )
        )
    tot = [sum(r[i] for r in rows) for i in range(1, 6)]
    spec.add_row(["合计", *[str(v) for v in tot]], ["label"] + ["amount"] * 5, bold=True)
    for unit, *vals in rows:
        spec.add_row([unit, *[str(v) for v in vals]], ["text"] + ["amount"] * 5)
    return spec


THREE_PUBLIC_LABELS = {
    "abroad": "因公出国（境）费",
    "car_buy": "公务用车购置费",
    "car_run": "公务用车运行维护费",
    "reception": "公务接待费",
}


def three_public(rng, books: Books, label: str) -> TableSpec:
    """“三公”经费 as one row under a nested header, or as one row per item."""
    st, f = books.style, books.three_public
    cars = f["car_buy"] + f["car_run"]
    total = books.three_public_total()
    title = rng.choice(
        [
            "“三公”经费支出预算表",
            "财政拨款安排“三公”经费支出预算表",
            "一般公共预算“三公”经费支出预算表",
        ]
    )
    if rng.random() < 0.5:
        spec = _spec(books, "three_public", title, 6, label)
        add_header(
            spec,
            [
                [
                    ("合计", 2, 1),
                    ("因公出国（境）费", 2, 1),
                    ("公务用车购置及运行费", 1, 3),
                    ("公务接待费", 2, 1),
                ],
                [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)],
            ],
        )
        vals = [total, f["abroad"], cars, f["car_buy"], f["car_run"], f["reception"]]
        spec.add_row([fmt_amount(v, st) for v in vals], ["amount"] * 6)
        return spec
    spec = _spec(books, "three_public", title, 3, label)
    add_header(spec, [[("项目", 1, 1), (f"{books.year}年预算数", 1, 1), ("一般公共预算", 1, 1)]])
    rows = [
        ("因公出国（境）费", f["abroad"]),
        ("公务用车购置及运行费", cars),
        ("  其中：公务用车购置费", f["car_buy"]),
        ("        公务用车运行费", f["car_run"]),
        ("公务接待费", f["reception"]),
    ]
    for name, cents in rows:
        spec.add_row(
            [name, fmt_amount(cents, st), fmt_amount(cents, st)], ["text", "amount", "amount"]
        )
    spec.add_row(
        ["合计", fmt_amount(total, st), fmt_amount(total, st)],
        ["label", "amount", "amount"],
        bold=True,
    )
    assert set(THREE_PUBLIC_KEYS) == set(f)
    return spec


def operating_costs(rng, books: Books, label: str) -> TableSpec:
    spec = _spec(
        books,
        "operating_costs",
        rng.choice(["机关运行经费预算表", "财政拨款安排机关运行经费预算表"]),
        3,
        label,
    )
    add_header(spec, [[("单位名称", 1, 1), ("合计", 1, 1), ("一般公共预算", 1, 1)]])
    st = books.style
    spec.add_row(
        ["部门合计", fmt_amount(books.public(), st), fmt_amount(books.public(), st)],
        ["label", "amount", "amount"],
        bold=True,
    )
    for unit, cents in books.operating.items():
        spec.add_row(
            [unit, fmt_amount(cents, st), fmt_amount(cents, st)], ["text", "amount", "amount"]
        )
    return spec
