"""The department's books: every figure a document prints, drawn once in integer cents.

Tables are projections of these books (filter sources/uses, group by code), so the same
figure is the same in every table and every identity of contract §4 holds before
rounding. Nothing here knows about layout.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .amounts import AmountStyle, draw_cents, partition
from .codes import (
    CAPITAL_ITEMS,
    COMMON_ITEMS,
    ECONOMIC,
    FUND_ITEMS,
    OPTIONAL_COMMON_ITEMS,
    PERSONNEL_CLASSES,
)
from .names import Department, project_name

BUDGET_SOURCES = ("gen", "fund", "capital", "special", "unit", "carry")
FINAL_SOURCES = (
    "gen",
    "fund",
    "capital",
    "superior",
    "business",
    "operating",
    "affiliated",
    "other",
)
APPROPRIATION = ("gen", "fund", "capital")
BUDGET_USES = ("basic", "project")
FINAL_USES = ("basic", "project", "upper", "opexp", "subsidy")
THREE_PUBLIC_KEYS = ("abroad", "car_buy", "car_run", "reception")
# Function items whose spending is always basic (running costs, staff insurance).
_BASIC_SUFFIXES = ("01", "50")


@dataclass
class Project:
    name: str
    leaf: str
    source: str
    cents: int
    unit: str
    category: str  # 其他运转类 / 特定目标类
    budget_cents: int = 0  # final accounts: the year's adjusted budget


@dataclass
class Books:
    kind: str
    year: int
    dept: Department
    style: AmountStyle
    spending: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    income: dict[str, dict[str, int]] = field(default_factory=dict)
    begin: dict[str, dict[str, int]] = field(default_factory=dict)
    economic: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # item -> (personnel, public)
    projects: list[Project] = field(default_factory=list)
    three_public: dict[str, int] = field(default_factory=dict)
    three_public_budget: dict[str, int] = field(default_factory=dict)
    operating: dict[str, int] = field(default_factory=dict)
    procurement: list[tuple[str, int, int, int]] = field(default_factory=list)
    prev: dict[str, int] = field(default_factory=dict)
    vehicles: int = 0

    @property
    def sources(self) -> tuple[str, ...]:
        return BUDGET_SOURCES if self.kind == "budget" else FINAL_SOURCES

    @property
    def uses(self) -> tuple[str, ...]:
        return BUDGET_USES if self.kind == "budget" else FINAL_USES

    def spent(self, code: str = "", sources=None, uses=None) -> int:
        """Spending of every leaf under `code` (prefix), filtered by sources and uses."""
        total = 0
        for leaf, cells in self.spending.items():
            if not leaf.startswith(code):
                continue
            for (src, use), cents in cells.items():
                if (sources is None or src in sources) and (uses is None or use in uses):
                    total += cents
        return total

    def received(self, code: str = "", sources=None) -> int:
        """Income booked under `code` (final accounts; budgets receive what they spend)."""
        book = self.income if self.kind == "final_account" else None
        if book is None:
            return self.spent(code, sources=sources)
        return sum(
            c
            for leaf, cells in book.items()
            if leaf.startswith(code)
            for src, c in cells.items()
            if sources is None or src in sources
        )

    def carried_in(self, code: str = "", sources=None) -> int:
        return sum(
            c
            for leaf, cells in self.begin.items()
            if leaf.startswith(code)
            for src, c in cells.items()
            if sources is None or src in sources
        )

    def carried_out(self, code: str = "", sources=None) -> int:
        """Year-end balance: begin + income - spending."""
        return (
            self.carried_in(code, sources)
            + self.received(code, sources)
            - self.spent(code, sources=sources)
        )

    def personnel(self) -> int:
        return sum(p for p, _ in self.economic.values())

    def public(self) -> int:
        return sum(q for _, q in self.economic.values())

    def three_public_total(self, figures: dict[str, int] | None = None) -> int:
        f = self.three_public if figures is None else figures
        return sum(f[k] for k in THREE_PUBLIC_KEYS)


def draw_books(
    rng: random.Random, kind: str, year: int, dept: Department, style: AmountStyle
) -> Books:
    """Draw a coherent set of books for one department and year."""
    books = Books(kind, year, dept, style)
    scale = rng.choice([0.3, 1.0, 3.0, 10.0])
    leaves = _choose_leaves(rng, dept)
    used_names: set[str] = set()
    for code in leaves:
        books.spending[code] = _draw_leaf(rng, books, code, scale, used_names)
    if kind == "final_account":
        _draw_income(rng, books)
    _draw_economic(rng, books)
    _draw_three_public(rng, books)
    _draw_operating(rng, books)
    _draw_procurement(rng, books)
    total = books.spent()
    for key, value in (
        ("total", total),
        ("gen", books.spent(sources=("gen",))),
        ("three_public", books.three_public_total()),
        ("operating", books.public()),
    ):
        books.prev[key] = max(0, int(value * rng.uniform(0.75, 1.25)))
    return books


def _choose_leaves(rng: random.Random, dept: Department) -> list[str]:
    own = list(dept.institution.items)
    rng.shuffle(own)
    own = own[: rng.randint(2, len(own))]
    running = [c for c in dept.institution.items if c.endswith(_BASIC_SUFFIXES)]
    own.append(running[0])  # every department pays its running costs (行政运行 / 事业运行)
    extra = rng.sample(OPTIONAL_COMMON_ITEMS, rng.randint(0, 3))
    chosen = set(own) | set(COMMON_ITEMS) | set(extra)
    if rng.random() < 0.35:
        chosen.add(rng.choice(FUND_ITEMS))
    if rng.random() < 0.12:
        chosen.add(rng.choice(CAPITAL_ITEMS))
    return sorted(chosen)


def _draw_leaf(
    rng, books: Books, code: str, scale: float, used: set[str]
) -> dict[tuple[str, str], int]:
    """Spending of one 项: basic for running costs and staff items, projects otherwise."""
    cells: dict[tuple[str, str], int] = {}
    if code in FUND_ITEMS:
        _add_project(rng, books, code, "fund", scale * rng.uniform(20, 200), cells, used)
        return cells
    if code in CAPITAL_ITEMS:
        _add_project(rng, books, code, "capital", scale * rng.uniform(10, 80), cells, used)
        return cells
    if code in COMMON_ITEMS or code in OPTIONAL_COMMON_ITEMS:
        cells[("gen", "basic")] = draw_cents(rng, 2000 * scale, 400000 * scale)
        return cells
    if code.endswith(_BASIC_SUFFIXES):
        cells[("gen", "basic")] = draw_cents(rng, 200000 * scale, 3000000 * scale)
        if books.kind == "final_account" and rng.random() < 0.3:
            cells[("business", "basic")] = draw_cents(rng, 10000 * scale, 300000 * scale)
        if books.kind == "budget" and rng.random() < 0.25:
            cells[("unit", "basic")] = draw_cents(rng, 5000 * scale, 200000 * scale)
        return cells
    for _ in range(rng.choice([1, 1, 2])):
        _add_project(rng, books, code, "gen", scale * rng.uniform(2, 150), cells, used)
    if books.kind == "budget" and rng.random() < 0.2:
        _add_project(rng, books, code, "carry", scale * rng.uniform(1, 30), cells, used)
    if books.kind == "budget" and rng.random() < 0.15:
        _add_project(rng, books, code, "special", scale * rng.uniform(1, 30), cells, used)
    if books.kind == "final_account" and rng.random() < 0.2:
        _add_project(rng, books, code, "superior", scale * rng.uniform(1, 30), cells, used)
    return cells


def _add_project(rng, books: Books, code: str, source: str, wan: float, cells, used) -> None:
    cents = max(1, int(wan * 10)) * 100_000  # projects are round: whole 1,000 元
    if books.kind == "final_account":
        budget = cents
        cents = int(cents * rng.choice([1.0, 1.0, rng.uniform(0.7, 1.0)]))
    else:
        budget = cents
    unit = rng.choice(books.dept.units)
    category = rng.choice(["其他运转类", "特定目标类"])
    books.projects.append(
        Project(project_name(rng, books.dept, used), code, source, cents, unit, category, budget)
    )
    cells[(source, "project")] = cells.get((source, "project"), 0) + cents


def _draw_income(rng, books: Books) -> None:
    """Final accounts: income per leaf and source, with balances carried in and out."""
    for code, cells in books.spending.items():
        by_source: dict[str, int] = {}
        for (src, _use), cents in cells.items():
            by_source[src] = by_source.get(src, 0) + cents
        income, begin = {}, {}
        for src, cents in by_source.items():
            if rng.random() < 0.25:
                begin[src] = int(cents * rng.uniform(0.02, 0.2))
            spare = int(cents * rng.uniform(0.0, 0.1)) if rng.random() < 0.3 else 0
            income[src] = max(0, cents - begin.get(src, 0) + spare)
        books.income[code] = income
        books.begin[code] = begin


def _draw_economic(rng, books: Books) -> None:
    """Split the general-budget basic spending over economic items (人员经费 / 公用经费)."""
    linked = {
        "30108": ("2080505",),
        "30109": ("2080506",),
        "30110": ("2101101", "2101102"),
        "30113": ("2210201",),
        "30302": ("2080501", "2080502"),
    }
    econ: dict[str, int] = {}
    for item, leaves in linked.items():
        cents = sum(books.spent(c, sources=("gen",), uses=("basic",)) for c in leaves)
        if cents:
            econ[item] = cents
    linked_leaves = {leaf for leaves in linked.values() for leaf in leaves}
    rest = sum(
        books.spent(c, sources=("gen",), uses=("basic",))
        for c in books.spending
        if c not in linked_leaves
    )
    personnel_share = int(rest * rng.uniform(0.55, 0.8))
    pers_items = ["30101", "30102", "30103"] + rng.sample(
        ["30106", "30107", "30111", "30112", "30199"], 2
    )
    pers_items += rng.sample(["30305", "30309", "30399"], rng.randint(0, 2))
    pub_pool = list(ECONOMIC["302"][1])
    pub_items = ["30201", "30217", "30231"] + rng.sample(
        [c for c in pub_pool if c not in ("30201", "30217", "30231")], rng.randint(4, 10)
    )
    if rng.random() < 0.4:
        pub_items.append(rng.choice(["31002", "31007"]))
    for item, cents in zip(
        pers_items, partition(rng, personnel_share, len(pers_items)), strict=True
    ):
        econ[item] = econ.get(item, 0) + cents
    for item, cents in zip(
        pub_items, partition(rng, rest - personnel_share, len(pub_items)), strict=True
    ):
        econ[item] = econ.get(item, 0) + cents
    books.economic = {
        item: (cents, 0) if item[:3] in PERSONNEL_CLASSES else (0, cents)
        for item, cents in sorted(econ.items())
    }


def _draw_three_public(rng, books: Books) -> None:
    reception = books.economic.get("30217", (0, 0))[1]
    car_run = books.economic.get("30231", (0, 0))[1]
    figures = {
        "abroad": draw_cents(rng, 5000, 80000, 100) if rng.random() < 0.15 else 0,
        "car_buy": draw_cents(rng, 80000, 300000, 100) if rng.random() < 0.1 else 0,
        "car_run": car_run if rng.random() < 0.8 else 0,
        "reception": reception if rng.random() < 0.9 else 0,
    }
    books.three_public = figures
    books.vehicles = rng.randint(1, 6) if figures["car_run"] else 0
    if books.kind == "final_account":
        books.three_public_budget = {
            k: int(v * rng.uniform(1.0, 1.3)) // 100 * 100 for k, v in figures.items()
        }


def _draw_operating(rng, books: Books) -> None:
    """机关运行经费 = the public funds (公用经费) of basic spending, split over the units."""
    total = books.public()
    books.operating = dict(
        zip(books.dept.units, partition(rng, total, len(books.dept.units)), strict=True)
    )


def _draw_procurement(rng, books: Books) -> None:
    rows = []
    for project in rng.sample(books.projects, min(len(books.projects), rng.randint(0, 3))):
        kinds = [0, 0, 0]
        kinds[rng.choice([0, 2, 2, 1])] = (
            int(project.cents * rng.uniform(0.1, 0.6)) // 100_000 * 100_000
        )
        rows.append((project.name, *kinds))
    books.procurement = rows
