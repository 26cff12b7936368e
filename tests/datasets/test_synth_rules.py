"""The synthetic ground truth obeys every arithmetic rule of contract §4.

The checks read only the ground-truth JSON (cells, header text, narrative lines), the way a
consumer would, and are independent of the reconcile stage. They run on synth-2.0 (the
default) documents, some of them forced to draw their revenue table wide (12-16 columns);
synth-1.9's truth is pinned by hash in test_synth_styles.py.
"""

from __future__ import annotations

import re

import pytest

from fiscalocr.datasets.synth import StyleOverrides, generate_document
from fiscalocr.model import Document, Table

SEEDS = [
    (11, "budget"),
    (12, "final_account"),
    (13, "budget"),
    (14, "final_account"),
    (15, "budget"),
    (16, "final_account"),
]
WIDE = [  # (seed, kind, columns of the wide revenue table)
    (17, "budget", 16),
    (18, "final_account", 12),
    (19, "budget", 13),
]
TOTAL_TITLES = {"合计", "小计", "本年收入合计", "本年支出合计"}
ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    plain = [generate_document(seed, kind).truth for seed, kind in SEEDS]
    wide = [
        generate_document(seed, kind, style_overrides=StyleOverrides(wide_cols=n)).truth
        for seed, kind, n in WIDE
    ]
    return plain + wide


def test_fixture_has_wide_tables_of_both_budget_shapes(docs):
    """Wide budget revenue tables come with 合计 over 本年收入 and 上年结转, or without."""
    wide = [t for d in docs for t in d.tables if t.type == "revenue" and t.n_cols >= 12]
    assert {n for *_, n in WIDE} <= {t.n_cols for t in wide}
    budget = [t for t in wide if t.title.endswith(("预算收入总表", "收入预算总表"))]
    tops = {column_paths(t)[code_columns(t)[-1] + 2][0] for t in budget}
    assert tops == {"合计", "本年收入"}, tops


def tolerance(table: Table, n_terms: int) -> float:
    """Rounding slack: exact for 元; half a cent of a 万元 per printed term otherwise."""
    return 1e-6 if table.unit == "元" else 0.005 * (n_terms + 1) + 1e-6


# --- reading a table from its cells -----------------------------------------------------
_GRIDS: dict[int, tuple[Table, dict]] = {}


def grid(table: Table) -> dict[tuple[int, int], object]:
    """Cells by (row, col), memoised per table object (the checks ask for it very often)."""
    cached = _GRIDS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = (table, {(c.row, c.col): c for c in table.cells})
        _GRIDS[id(table)] = cached
    return cached[1]


def value(table: Table, row: int, col: int) -> float:
    cell = grid(table).get((row, col))
    return (cell.value or 0.0) if cell is not None else 0.0


def column_paths(table: Table) -> list[list[str]]:
    """Header titles above each column, top to bottom (栏次 numbers and blanks dropped)."""
    paths: list[list[str]] = [[] for _ in range(table.n_cols)]
    for cell in sorted(
        (c for c in table.cells if c.row < table.header_rows), key=lambda c: (c.row, c.col)
    ):
        text = cell.text.strip()
        if not text or text.isdigit() or text in ("栏次", "档次"):
            continue
        for col in range(cell.col, cell.col + cell.colspan):
            if not paths[col] or paths[col][-1] != text:
                paths[col].append(text)
    return paths


def amount_columns(table: Table) -> list[int]:
    return sorted(
        {c.col for c in table.cells if c.row >= table.header_rows and c.value is not None}
    )


def body_rows(table: Table) -> range:
    return range(table.header_rows, table.n_rows)


def code_of_row(table: Table, row: int, code_cols: list[int]) -> str:
    g = grid(table)
    return "".join(
        g[(row, c)].text for c in code_cols if (row, c) in g and g[(row, c)].text.isdigit()
    )


def code_columns(table: Table) -> list[int]:
    paths = column_paths(table)
    return [
        i for i, p in enumerate(paths) if p and ("编码" in p[-1] or p[-1] in ("类", "款", "项"))
    ]


# --- rule 1: hierarchy -----------------------------------------------------------------------
def column_groups(table: Table) -> list[list[int]]:
    """Side-by-side (科目编码, 科目名称, amounts...) groups; one group for ordinary tables."""
    code_cols = code_columns(table)
    starts = [c for c in code_cols if "编码" in column_paths(table)[c][-1]]
    if len(starts) < 2:
        return []
    bounds = [*starts, table.n_cols]
    return [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]


def check_grouped_hierarchy(table: Table, groups: list[list[int]]) -> int:
    """Codes are unique across groups: a class equals the sum of its items wherever they sit;
    the last row's totals (人员经费合计 / 公用经费合计) equal the sums of their classes."""
    g = grid(table)
    amounts = set(amount_columns(table))
    values: dict[str, float] = {}
    for group in groups:
        code_col, amount_col = group[0], group[-1]
        for r in body_rows(table):
            cell = g.get((r, code_col))
            if cell is not None and cell.text.isdigit():
                values[cell.text] = value(table, r, amount_col) if amount_col in amounts else 0.0
    checks = 0
    for parent in [c for c in values if len(c) == 3]:
        children = [c for c in values if len(c) == 5 and c.startswith(parent)]
        got = sum(values[c] for c in children)
        assert abs(got - values[parent]) <= tolerance(table, len(children)), (table.title, parent)
        checks += 1
    last = table.n_rows - 1
    totals = [c for c in table.cells if c.row == last and c.value is not None]
    sides = {"人员经费合计": ("301", "303"), "公用经费合计": ("302", "310")}
    labels = [c for c in table.cells if c.row == last and c.text in sides]
    for lbl, total in zip(labels, totals, strict=True):
        got = sum(values.get(c, 0.0) for c in sides[lbl.text])
        assert abs(got - total.value) <= tolerance(table, 2), (table.title, lbl.text)
        checks += 1
    return checks


def check_hierarchy(table: Table) -> int:
    code_cols = code_columns(table)
    if not code_cols:
        return 0
    if column_groups(table):
        return check_grouped_hierarchy(table, column_groups(table))
    rows = {code_of_row(table, r, code_cols): r for r in body_rows(table)}
    total_row = next(
        (
            r
            for r in body_rows(table)
            if grid(table).get((r, 0)) and grid(table)[(r, 0)].text == "合计"
        ),
        None,
    )
    codes = [c for c in rows if c]
    checks = 0
    for col in amount_columns(table):
        for parent in [*codes, ""]:
            longer = [c for c in codes if c.startswith(parent) and len(c) > len(parent)]
            if not longer:
                continue
            level = min(len(c) for c in longer)
            children = [c for c in longer if len(c) == level]
            parent_row = rows[parent] if parent else total_row
            if parent_row is None:
                continue
            got = sum(value(table, rows[c], col) for c in children)
            want = value(table, parent_row, col)
            assert abs(got - want) <= tolerance(table, len(children)), (
                table.title,
                parent or "合计",
                col,
                want,
                got,
            )
            checks += 1
    return checks


# --- rule 2: column identities -------------------------------------------------------------
def check_columns(table: Table) -> int:
    if not table.header_rows:
        return 0
    paths = column_paths(table)
    amounts = set(amount_columns(table))
    checks = 0
    for total_col, path in enumerate(paths):
        if total_col not in amounts or not path or path[-1] not in TOTAL_TITLES:
            continue
        parent = path[:-1]
        siblings: dict[str, list[int]] = {}
        for col, p in enumerate(paths):
            if col != total_col and p[: len(parent)] == parent and len(p) > len(parent):
                siblings.setdefault(p[len(parent)], []).append(col)
        parts = []
        for cols in siblings.values():
            sub_total = [c for c in cols if paths[c][-1] in TOTAL_TITLES]
            parts.append([c for c in sub_total[:1] or cols if c in amounts])  # blank: zero
        parts = [p for p in parts if p]
        if not parts:
            continue
        for row in body_rows(table):
            got = sum(value(table, row, c) for p in parts for c in p)
            want = value(table, row, total_col)
            n = sum(len(p) for p in parts)
            assert abs(got - want) <= tolerance(table, n), (table.title, row, total_col, want, got)
            checks += 1
    return checks


# --- rule 3: summary tables --------------------------------------------------------------------
def summary_sides(table: Table) -> tuple[tuple[int, int], tuple[int, list[int]]]:
    paths = column_paths(table)
    amounts = amount_columns(table)
    left_amount = next(c for c in amounts if paths[c][0] == "收入")
    right_label = next(
        c
        for c, p in enumerate(paths)
        if p and p[0] == "支出" and c not in amounts and "行次" not in p[-1]
    )
    right_amounts = [c for c in amounts if paths[c][0] == "支出"]
    return (0, left_amount), (right_label, right_amounts)


def label(table: Table, row: int, col: int) -> str:
    cell = grid(table).get((row, col))
    return cell.text.strip() if cell else ""


def check_summary(table: Table) -> int:
    (l_label, l_amount), (r_label, r_amounts) = summary_sides(table)
    checks = 0
    totals = {}
    for side, label_col, amount_cols in (("in", l_label, [l_amount]), ("out", r_label, r_amounts)):
        rows = list(body_rows(table))
        year_row = next(
            r for r in rows if label(table, r, label_col) in ("本年收入合计", "本年支出合计")
        )
        grand_row = next(
            r for r in rows if label(table, r, label_col) in ("收入总计", "支出总计", "总计")
        )
        items = [r for r in rows if r < year_row and ORDINAL.match(label(table, r, label_col))]
        extras = [
            r
            for r in rows
            if year_row < r < grand_row and re.search("结转|结余", label(table, r, label_col))
        ]
        for col in amount_cols:
            got = sum(value(table, r, col) for r in items)
            assert abs(got - value(table, year_row, col)) <= tolerance(table, len(items)), (
                table.title,
                side,
                col,
            )
            got = value(table, year_row, col) + sum(value(table, r, col) for r in extras)
            assert abs(got - value(table, grand_row, col)) <= tolerance(table, len(extras) + 1), (
                table.title,
                side,
            )
            checks += 2
        totals[side] = value(table, grand_row, amount_cols[0])
    assert abs(totals["in"] - totals["out"]) <= tolerance(table, 1), table.title
    return checks + 1


# --- rule 4: 三公 ------------------------------------------------------------------------------
def check_three_public(table: Table) -> int:
    labels = {label(table, r, 0): r for r in body_rows(table)}
    if "合计" not in labels:
        return 0  # one-row layouts are covered by the column identities
    if not amount_columns(table):
        return 0  # every figure blank: nothing spent
    col = amount_columns(table)[0]
    v = {name: value(table, r, col) for name, r in labels.items()}
    cars = next(k for k in v if k.startswith("公务用车购置及运行"))
    parts = [v["因公出国（境）费"], v[cars], v["公务接待费"]]
    assert abs(sum(parts) - v["合计"]) <= tolerance(table, 3)
    buy = next(k for k in v if "购置费" in k)
    run = next(k for k in v if k.endswith("运行费") and k != cars)
    assert abs(v[buy] + v[run] - v[cars]) <= tolerance(table, 2)
    return 2


def test_hierarchy_columns_summaries_and_three_public(docs):
    counts = {"hier": 0, "cols": 0, "summary": 0, "three": 0}
    for doc in docs:
        for table in doc.tables:
            counts["hier"] += check_hierarchy(table)
            counts["cols"] += check_columns(table)
            if table.type in ("revenue_expenditure_summary", "appropriation_summary"):
                counts["summary"] += check_summary(table)
            if table.type == "three_public":
                counts["three"] += check_three_public(table)
    assert counts["hier"] > 300 and counts["cols"] > 300 and counts["summary"] >= 24, counts


# --- rule 5: across tables --------------------------------------------------------------------
def first_table(doc: Document, type_: str) -> Table:
    return next(t for t in doc.tables if t.type == type_)


def total_row_values(table: Table) -> dict[str, float]:
    """合计 row by column title (last header title)."""
    paths = column_paths(table)
    row = next(r for r in body_rows(table) if label(table, r, 0) in ("合计", "部门合计"))
    return {"/".join(paths[c]): value(table, row, c) for c in amount_columns(table)} | {
        paths[c][-1]: value(table, row, c) for c in amount_columns(table)
    }


def class_values(table: Table, col_title: str) -> dict[str, float]:
    """Function-class rows of a code table (3-digit codes) in the column titled col_title."""
    code_cols = code_columns(table)
    paths = column_paths(table)
    col = next(c for c in amount_columns(table) if paths[c][-1] == col_title)
    out = {}
    for r in body_rows(table):
        code = code_of_row(table, r, code_cols)
        if len(code) == 3:
            out[grid(table)[(r, code_cols[-1] + 1)].text.strip()] = value(table, r, col)
    return out


def check_revenue_by_source(table: Table) -> float:
    """收入总计 = Σ 小计 rows; each 小计 = the rows under it (group label merged down)."""
    col = amount_columns(table)[0]
    rows = list(body_rows(table))
    total_row = next(r for r in rows if label(table, r, 0) == "收入总计")
    subtotals = [r for r in rows if label(table, r, 1) == "小计"]
    got = sum(value(table, r, col) for r in subtotals)
    assert abs(got - value(table, total_row, col)) <= tolerance(table, len(subtotals))
    for group in [c for c in table.cells if c.col == 0 and c.row > total_row]:
        members = range(group.row + 1, group.row + group.rowspan)
        parts = [r for r in members if not label(table, r, 1).startswith("其中")]
        if parts:
            got = sum(value(table, r, col) for r in parts)
            assert abs(got - value(table, group.row, col)) <= tolerance(table, len(parts)), (
                group.text
            )
    return value(table, total_row, col)


def test_same_figures_across_tables(docs):
    for doc in docs:
        summary = first_table(doc, "revenue_expenditure_summary")
        (_, _), (r_label, r_amounts) = summary_sides(summary)
        rows = {label(summary, r, r_label): r for r in body_rows(summary)}
        expenditure = first_table(doc, "expenditure")
        exp_total = next(iter(total_row_values(expenditure).values()))
        assert abs(exp_total - value(summary, rows["本年支出合计"], r_amounts[0])) < 1e-6
        # class rows of the summary equal the 类 rows of the expenditure table
        classes = class_values(
            expenditure, column_paths(expenditure)[amount_columns(expenditure)[0]][-1]
        )
        for name, amount in classes.items():
            row = next(r for lbl, r in rows.items() if lbl.endswith("、" + name))
            assert abs(value(summary, row, r_amounts[0]) - amount) < 1e-6, (name, amount)
        general = total_row_values(first_table(doc, "general_budget_expenditure"))
        economic_table = first_table(doc, "general_budget_basic_expenditure")
        if column_groups(economic_table):  # 明细表: the two totals sit in the last row
            last = [c.value for c in economic_table.cells if c.row == economic_table.n_rows - 1]
            pers, pub = (v for v in last if v is not None)
            economic = {"合计": pers + pub, "公用经费": pub}
        else:
            economic = total_row_values(economic_table)
        assert abs(general["基本支出"] - economic["合计"]) <= tolerance(economic_table, 2)
        if doc.document.kind == "budget":
            operating = total_row_values(first_table(doc, "operating_costs"))
            assert abs(operating.get("合计", 0.0) - economic.get("公用经费", 0.0)) < 1e-6
            revenue_table = first_table(doc, "revenue")
            grand = value(summary, rows["支出总计"], r_amounts[0])
            if code_columns(revenue_table):
                revenue = total_row_values(revenue_table)
                if "本年收入/合计" in revenue:
                    got = revenue["本年收入/合计"] + revenue.get("上年结转", 0.0)
                else:  # wide: 合计 over 本年收入 and 上年结转
                    got = revenue["合计"]
            else:
                got = check_revenue_by_source(revenue_table)
            assert abs(got - grand) <= tolerance(summary, 2)
        else:
            approp = first_table(doc, "appropriation_summary")
            gen_classes = class_values(
                first_table(doc, "general_budget_expenditure"),
                column_paths(first_table(doc, "general_budget_expenditure"))[
                    amount_columns(first_table(doc, "general_budget_expenditure"))[0]
                ][-1],
            )
            (_, _), (a_label, a_amounts) = summary_sides(approp)
            a_rows = {label(approp, r, a_label): r for r in body_rows(approp)}
            for name, amount in gen_classes.items():
                row = next(r for lbl, r in a_rows.items() if lbl.endswith("、" + name))
                assert abs(value(approp, row, a_amounts[1]) - amount) < 1e-6, name


# --- rule 6: narrative ---------------------------------------------------------------------
AMOUNT = r"(\d[\d,]*\.\d{2})(万元|千元|元)"


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def narrative_sentences(doc: Document) -> list[str]:
    text = "".join(
        b.text
        for p in doc.pages
        if p.section == "explanation"
        for b in p.blocks
        if b.type == "paragraph"
    )
    return [s for s in text.split("。") if s]


def percent_range(part: float, whole: float, slack: float) -> tuple[float, float]:
    lo = 100 * max(0.0, part - slack) / (whole + slack)
    hi = 100 * (part + slack) / max(1e-9, whole - slack)
    return lo - 0.005, hi + 0.005


def check_narrative(doc: Document) -> int:
    """Quoted amounts are printed in a table; shares and year-on-year changes add up."""
    checked = 0
    unit = doc.tables[0].unit
    slack = 0.0 if unit == "元" else 0.005
    printed = {
        round(c.value, 2)
        for t in doc.tables
        if t.unit == unit
        for c in t.cells
        if c.value is not None
    }
    for sentence in narrative_sentences(doc):
        amounts = [(m.start(), _num(m.group(1))) for m in re.finditer(AMOUNT, sentence)]
        if not amounts:
            continue
        skip = set()
        for m in re.finditer(
            AMOUNT
            + r"，(?:较|比)上年的"
            + AMOUNT
            + r"(增加|减少)"
            + AMOUNT
            + r"，(增长|下降)([\d.]+)%",
            sentence,
        ):
            now, before, diff, pct = (
                _num(m.group(1)),
                _num(m.group(3)),
                _num(m.group(6)),
                float(m.group(9)),
            )
            assert abs(abs(now - before) - diff) <= 2 * slack + 1e-6, sentence
            lo, hi = percent_range(diff, before, 2 * slack)
            assert lo <= pct <= hi, sentence
            skip |= {m.start(3), m.start(6)}
            checked += 1
        whole = amounts[0][1]
        for m in re.finditer(AMOUNT + r"，占([\d.]+)%", sentence):
            if whole == 0:
                continue
            lo, hi = percent_range(_num(m.group(1)), whole, slack)
            assert lo <= float(m.group(3)) <= hi, sentence
            checked += 1
        for start, amount in amounts:
            if start in skip or amount == 0:
                continue
            assert round(amount, 2) in printed, (amount, sentence)
            checked += 1
    return checked


def test_narrative_figures_and_percentages_agree_with_tables(docs):
    assert sum(check_narrative(doc) for doc in docs) > 100


def test_wan_tables_round_per_cell_like_real_ones(docs):
    """万元 figures are rounded cell by cell from 元 books, so some printed sums are a cent off
    (never more than the tolerance); 元 tables add up exactly."""
    off_by_rounding = exact_yuan = 0
    for doc in docs:
        for table in doc.tables:
            code_cols = code_columns(table)
            if not code_cols or column_groups(table):
                continue
            rows = {code_of_row(table, r, code_cols): r for r in body_rows(table)}
            for col in amount_columns(table):
                for parent in (c for c in rows if len(c) in (3, 5)):
                    children = [
                        c for c in rows if c.startswith(parent) and len(c) == len(parent) + 2
                    ]
                    if not children:
                        continue
                    diff = abs(
                        value(table, rows[parent], col)
                        - sum(value(table, rows[c], col) for c in children)
                    )
                    if table.unit in ("万元", "千元") and diff > 1e-6:
                        off_by_rounding += 1
                    if table.unit == "元":
                        assert diff < 1e-6
                        exact_yuan += 1
    assert off_by_rounding > 0 and exact_yuan > 0, (off_by_rounding, exact_yuan)
