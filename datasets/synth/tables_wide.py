"""Wide revenue tables (12-16 narrow columns, header cells over three lines), synth-2.0.

Jiangsu's A3 sheets and the national final-account forms print the revenue table with its
sources split further: 财政拨款 into 一般公共预算 / 政府性基金预算 / 国有资本经营预算, a
budget's 单位资金 into 事业收入 / 经营收入 / 其他收入, 上年结转 into 财政拨款结转 / 单位资金结转.
The figures are the same books' as the narrow table's, so every column identity (each 小计
and 合计 the sum of its parts) and every cross-table total still holds. The books hold one
单位资金 figure per item with no split by kind, so it is printed as 事业收入 (经营收入 and
其他收入 zero), as the by-source revenue table already does; 单位资金结转 is zero (the books
carry over appropriations only).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .books import Books
from .spec import (
    CodeLayout,
    TableSpec,
    add_code_rows,
    code_table_header,
    draw_code_layout,
    hierarchy_codes,
)

Header = list[list[tuple[str, int, int]]]
WIDE_COLS = {"budget": (12, 13, 14, 15, 16), "final_account": (12, 13, 14)}
APPROP_BUDGET = (  # the budgets' own words for the sources (as their 情况说明 quote them)
    ("一般公共预算拨款收入", ("gen",)),
    ("政府性基金预算拨款收入", ("fund",)),
    ("国有资本经营预算拨款收入", ("capital",)),
)
APPROP_FINAL = (
    ("一般公共预算财政拨款", ("gen",)),
    ("政府性基金预算财政拨款", ("fund",)),
    ("国有资本经营预算财政拨款", ("capital",)),
)
FINAL_OTHERS = (
    ("上级补助收入", ("superior",)),
    ("事业收入", ("business",)),
    ("经营收入", ("operating",)),
    ("附属单位上缴收入", ("affiliated",)),
    ("其他收入", ("other",)),
)


@dataclass(frozen=True)
class BudgetShape:
    """Which groups a wide budget revenue table splits (and so how many columns it has)."""

    grand_total: bool  # 合计 over 本年收入 and 上年结转 (else 本年收入/合计 and 上年结转 beside)
    split_unit: bool  # 单位资金 → 小计, 事业收入, 经营收入, 其他收入
    split_carry: bool  # 上年结转 → 小计, 财政拨款结转, 单位资金结转 (needs grand_total)
    split_codes: bool  # 类/款/项 in three columns

    @property
    def n_cols(self) -> int:
        amounts = 1 + 4 + 1 + (4 if self.split_unit else 1)  # 本年收入 合计/小计 ... 单位资金
        amounts += (3 if self.split_carry else 1) + (1 if self.grand_total else 0)
        return amounts + (4 if self.split_codes else 2)


BUDGET_SHAPES = tuple(
    BudgetShape(total, unit, carry, codes)
    for total in (False, True)
    for unit in (False, True)
    for carry in (False, True)
    for codes in (False, True)
    if total or not carry
)


def _layout(rng: random.Random, split_codes: bool) -> CodeLayout:
    drawn = draw_code_layout(rng)
    return CodeLayout(split=split_codes, indent=drawn.indent, total_first=drawn.total_first)


def _new_spec(base: TableSpec, n_cols: int) -> TableSpec:
    """A spec with the narrow table's title, numbering and meta lines, drawn wide."""
    return TableSpec(
        type=base.type,
        title=base.title,
        unit=base.unit,
        n_cols=n_cols,
        header_rows=0,
        label=base.label,
        meta_left=base.meta_left,
        meta_middle=base.meta_middle,
        notes=list(base.notes),
        landscape=True,
        repeat_header=base.repeat_header,
        wide=True,
    )


def budget_revenue(rng: random.Random, books: Books, base: TableSpec, n_cols: int) -> TableSpec:
    """收入预算总表 by function code, 财政拨款 and 单位资金 split into their parts."""
    shape = rng.choice([s for s in BUDGET_SHAPES if s.n_cols == n_cols])
    layout = _layout(rng, shape.split_codes)
    spec = _new_spec(base, n_cols)
    approp = [(name, 1, 1) for name, _ in APPROP_BUDGET]
    unit_parts = [("小计", 1, 1), ("事业收入", 1, 1), ("经营收入", 1, 1), ("其他收入", 1, 1)]
    n_year = 1 + 4 + 1 + (4 if shape.split_unit else 1)
    first_title = "小计" if shape.grand_total else "合计"
    year_mid = [(first_title, 2, 1), ("财政拨款", 1, 4), ("财政专户管理资金收入", 2, 1)]
    year_mid.append(("单位资金", 1, 4) if shape.split_unit else ("单位资金", 2, 1))
    year_low = [("小计", 1, 1), *approp] + (unit_parts if shape.split_unit else [])
    if shape.grand_total:
        carry_top = ("上年结转", 1, 3) if shape.split_carry else ("上年结转", 3, 1)
        rows: Header = [[("合计", 3, 1), ("本年收入", 1, n_year), carry_top]]
        carry_mid = [("小计", 2, 1), ("财政拨款结转", 2, 1), ("单位资金结转", 2, 1)]
        rows += [year_mid + (carry_mid if shape.split_carry else []), year_low]
    else:
        rows = [[("本年收入", 1, n_year), ("上年结转", 3, 1)], year_mid, year_low]
    code_table_header(spec, layout, rows)

    def values(code: str) -> list[int]:
        gen, fund, cap = (books.spent(code, sources=s) for _, s in APPROP_BUDGET)
        special = books.spent(code, sources=("special",))
        unit = books.spent(code, sources=("unit",))
        carry = books.spent(code, sources=("carry",))
        year = gen + fund + cap + special + unit
        out = [year, gen + fund + cap, gen, fund, cap, special]
        out += [unit, unit, 0, 0] if shape.split_unit else [unit]
        out += [carry, carry, 0] if shape.split_carry else [carry]
        return [year + carry, *out] if shape.grand_total else out

    add_code_rows(
        spec, layout, hierarchy_codes(list(books.spending)), values, books.style, books.year
    )
    return spec


def final_revenue(rng: random.Random, books: Books, base: TableSpec, n_cols: int) -> TableSpec:
    """收入决算表 by function code, 财政拨款收入 split by fund (with or without 小计)."""
    options = [(sub, codes) for sub in (True, False) for codes in (False, True)]
    sub_total, split_codes = rng.choice(
        [(s, c) for s, c in options if 1 + (4 if s else 3) + 5 + (4 if c else 2) == n_cols]
    )
    layout = _layout(rng, split_codes)
    spec = _new_spec(base, n_cols)
    n_approp = 4 if sub_total else 3
    parts = ([("小计", 1, 1)] if sub_total else []) + [(name, 1, 1) for name, _ in APPROP_FINAL]
    rows: Header = [
        [("本年收入合计", 2, 1), ("财政拨款收入", 1, n_approp)]
        + [(name, 2, 1) for name, _ in FINAL_OTHERS],
        parts,
    ]
    code_table_header(spec, layout, rows, "功能分类科目编码", column_numbers=rng.random() < 0.8)

    def values(code: str) -> list[int]:
        approp = [books.received(code, sources=s) for _, s in APPROP_FINAL]
        others = [books.received(code, sources=s) for _, s in FINAL_OTHERS]
        return [sum(approp) + sum(others)] + ([sum(approp)] if sub_total else []) + approp + others

    add_code_rows(
        spec, layout, hierarchy_codes(list(books.income)), values, books.style, books.year
    )
    return spec


def widen(rng: random.Random, books: Books, base: TableSpec, n_cols: int) -> TableSpec:
    """The wide drawing of a document's revenue table (same title, label and figures)."""
    build = budget_revenue if books.kind == "budget" else final_revenue
    return build(rng, books, base, n_cols)
