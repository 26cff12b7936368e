"""The final account's 基本支出决算明细表: economic codes in side-by-side column groups.

Real final accounts print the economic breakdown as several (科目编码, 科目名称, 决算数)
groups next to each other: 人员经费 in the first, 公用经费 flowing on through the others,
a class's items sometimes continuing into the next group. Codes stay unique, so the
hierarchy still binds: a class row equals the sum of its items wherever they sit.
"""

from __future__ import annotations

import random

from .amounts import fmt_amount
from .books import Books
from .codes import PERSONNEL_CLASSES, economic_name
from .spec import TableSpec, add_header

GROUP_HEAD = [("科目编码", 1, 1), ("科目名称", 1, 1), ("决算数", 1, 1)]


def _entries(books: Books, personnel: bool) -> list[tuple[str, int]]:
    """Class rows followed by their items, with amounts, for one side of the split."""
    out: list[tuple[str, int]] = []
    for item, (pers, pub) in books.economic.items():
        cls = item[:3]
        if (cls in PERSONNEL_CLASSES) != personnel:
            continue
        if not any(code == cls for code, _ in out):
            total = sum(p + q for i, (p, q) in books.economic.items() if i.startswith(cls))
            out.append((cls, total))
        out.append((item, pers + pub))
    return out


def basic_detail(rng: random.Random, books: Books, label: str) -> TableSpec:
    """人员经费 | 公用经费 over 2-3 column groups, with the two totals in the last row."""
    n_public_groups = rng.choice([1, 2])
    n_groups = 1 + n_public_groups
    title = "一般公共预算财政拨款基本支出决算明细表"
    spec = TableSpec(
        type="general_budget_basic_expenditure",
        title=title,
        unit=books.style.unit,
        n_cols=3 * n_groups,
        header_rows=0,
        label=label,
    )
    spec.meta_left = f"部门名称：{books.dept.name}"
    spec.landscape = n_groups == 3 or rng.random() < 0.5
    add_header(
        spec, [[("人员经费", 1, 3), ("公用经费", 1, 3 * n_public_groups)], GROUP_HEAD * n_groups]
    )
    personnel = _entries(books, True)
    public = _entries(books, False)
    per_group = -(-len(public) // n_public_groups)
    groups = [personnel] + [
        public[i * per_group : (i + 1) * per_group] for i in range(n_public_groups)
    ]
    n_body = max(len(g) for g in groups)
    first = spec.header_rows
    for g, entries in enumerate(groups):
        for i in range(n_body):
            code, cents = entries[i] if i < len(entries) else ("", None)
            row = first + i
            spec.add(row, 3 * g, code, "code")
            spec.add(
                row, 3 * g + 1, economic_name(code) if code else "", "text", bold=len(code) == 3
            )
            spec.add(
                row,
                3 * g + 2,
                fmt_amount(cents, books.style) if cents is not None else "",
                "amount",
            )
    last = first + n_body
    spec.add(last, 0, "人员经费合计", "label", colspan=2, bold=True)
    spec.add(last, 2, fmt_amount(books.personnel(), books.style), "amount", bold=True)
    spec.add(last, 3, "公用经费合计", "label", colspan=3 * n_public_groups - 1, bold=True)
    spec.add(last, 3 * n_groups - 1, fmt_amount(books.public(), books.style), "amount", bold=True)
    spec.notes = ["注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"]
    return spec
