"""Which tables a document carries, in which order, under which numbering."""

from __future__ import annotations

import random
from collections.abc import Callable

from . import tables_budget as tb
from . import tables_detail as td
from . import tables_final as tf
from . import tables_projects as tp
from .books import Books
from .codes import CHINESE_ORDINALS
from .spec import TableSpec

Builder = Callable[[random.Random, Books, str], TableSpec]


def _budget_builders(rng: random.Random) -> list[Builder]:
    builders: list[Builder] = [tb.summary, tb.revenue, tb.expenditure, tb.appropriation_summary]
    if rng.random() < 0.5:
        builders.append(tb.appropriation_expenditure)
    builders += [
        tb.general_budget,
        tb.basic_economic,
        tb.gov_fund,
        tb.state_capital,
        tp.three_public,
        tp.operating_costs,
        tp.project_expenditure,
    ]
    if rng.random() < 0.5:
        builders.append(lambda r, b, label: tp.project_expenditure(r, b, label, carry=True))
    builders.append(tp.procurement)  # always: the narrative quotes its figures
    if rng.random() < 0.5:
        builders.append(rng.choice([tp.staffing, tp.purchased_services]))
    return builders


def _final_builders(rng: random.Random) -> list[Builder]:
    builders: list[Builder] = [
        tf.summary,
        tf.revenue,
        tf.expenditure,
        tf.appropriation_summary,
        tf.general_budget,
        td.basic_detail if rng.random() < 0.4 else tf.basic_economic,
        tf.three_public,
        tf.gov_fund,
        tf.state_capital,
        tf.info_statistics,
    ]
    if rng.random() < 0.5:
        builders.append(tp.staffing)
    return builders


def table_label(kind: str, number: int, scheme: str) -> str:
    if scheme == "none":
        return ""
    if kind == "budget":
        return f"预算公开表{number}" if scheme == "a" else f"表{CHINESE_ORDINALS[number - 1]}"
    return f"公开{number:02d}表" if scheme == "a" else f"表{number}"


def plan_tables(rng: random.Random, books: Books) -> list[TableSpec]:
    """The statutory tables of the document, built from its books."""
    builders = _budget_builders(rng) if books.kind == "budget" else _final_builders(rng)
    scheme = rng.choice(["a", "a", "b", "none"])
    repeat_header = rng.random() < 0.65  # a document repeats headers on continued pages, or never
    specs = []
    for number, build in enumerate(builders, start=1):
        spec = build(rng, books, table_label(books.kind, number, scheme))
        spec.repeat_header = repeat_header
        if books.kind == "final_account":
            spec.meta_middle = f"{books.year}年度"
        specs.append(spec)
    return specs
