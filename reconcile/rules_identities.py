"""Identities between different figures, within a table and across tables.

Not a total against its own parts but the bookkeeping that ties the statutory tables:

- carry-over, per fund: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (the columns of
  a 政府性基金 / 国有资本 table, row by row; the fund columns of a 财政拨款收入支出决算总表);
- economic classes: 人员经费 = 工资福利支出 (301) + 对个人和家庭的补助 (303), 公用经费 = the
  other classes (302 商品和服务支出, 310 资本性支出 …), where the basic-expenditure table
  prints 人员经费合计 / 公用经费合计 rows; 合计 = 人员经费合计 + 公用经费合计;
- across tables: the 一般公共预算 expenditure table's 基本支出 = the basic-expenditure
  table's total; the revenue table's 财政拨款 = the appropriation summary's 本年收入合计.

Each is built only from what the tables print (header words, row labels, codes) and only
when every figure it needs is found; rounding tolerances as every other rule. A class sum
that fails while the classes read leave part of the basic total to a row under no class
(a misread class code) is listed in ``skipped`` instead: its terms, not the document,
would be wrong.
"""

from __future__ import annotations

from .grid import format_cents
from .headers import is_total_header
from .rules import CellRef, Rule, RuleBook, TableContext

PERSONNEL_CLASSES = ("301", "303")
"""工资福利支出, 对个人和家庭的补助: 人员经费. Every other 3xx class is 公用经费."""
FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


def build(contexts: list[TableContext], book: RuleBook, types: dict[str, str], units) -> None:
    values: dict[CellRef, int | None] = {}
    for ctx in contexts:
        values.update(ctx.values)
    basic_totals: dict[str, list[CellRef]] = {}
    for ctx in contexts:
        _carry_columns(ctx, book)
        if types.get(ctx.table_id) == "appropriation_summary":
            _carry_funds(ctx, book)
        parts = _economic_rows(ctx, book)
        if parts and types.get(ctx.table_id) == "general_budget_basic_expenditure":
            basic_totals[ctx.table_id] = parts
    _basic_across(contexts, book, types, units, values, basic_totals)
    _appropriation_income(contexts, book, types, units, values)


def _col_where(ctx: TableContext, cols: list[int], word: str) -> list[int]:
    return [c for c in cols if word in ctx.layout.header_text.get(c, "")]


def _group_total(ctx: TableContext, cols: list[int]) -> int | None:
    """The one column standing for a header group: itself, or its 合计/小计 column."""
    if len(cols) == 1:
        return cols[0]
    totals = [c for c in cols if is_total_header(ctx.layout.leaf_text.get(c, ""))]
    return totals[0] if len(totals) == 1 else None


def _carry_columns(ctx: TableContext, book: RuleBook) -> None:
    """年末 = 年初 + 本年收入 − 本年支出 in every row of a table printing those columns."""
    for panel in ctx.layout.panels:
        cols = panel.amount_cols
        groups = [
            _col_where(ctx, cols, w) for w in ("年初结转", "本年收入", "本年支出", "年末结转")
        ]
        picked = [_group_total(ctx, g) if g else None for g in groups]
        if any(p is None for p in picked) or len(set(picked)) < 4:
            continue
        begin, income, spent, end = picked
        for row in ctx.grid.data_rows():
            ref = lambda c, r=row: ctx.ref(r, c)  # noqa: E731
            book.add_identity(
                f"{ctx.table_id}:carry:row{row}",
                ctx.values,
                [(ref(end), 1), (ref(begin), -1), (ref(income), -1), (ref(spent), 1)],
                f"年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (row {row + 1})",
                ctx.table_id,
            )


def _carry_funds(ctx: TableContext, book: RuleBook) -> None:
    """Per fund column of a 财政拨款收入支出决算总表: the fund's 年末 = its 年初 (a row
    under 年初财政拨款结转和结余) + its 本年收入 (its income row) − its 本年支出合计."""
    if len(ctx.layout.panels) < 2:
        return
    income, spending = ctx.layout.panels[0], ctx.layout.panels[1]
    in_labels = {r: ctx.layout.row_label(income, r) for r in ctx.grid.data_rows()}
    out_labels = {r: ctx.layout.row_label(spending, r) for r in ctx.grid.data_rows()}
    begin_head = next(
        (r for r, t in in_labels.items() if t.startswith("年初") and "结转" in t), None
    )
    year_in = next((r for r, t in in_labels.items() if "本年收入合计" in t), None)
    year_out = next((r for r, t in out_labels.items() if "本年支出合计" in t), None)
    end_row = next((r for r, t in out_labels.items() if t.startswith("年末") and "结转" in t), None)
    if None in (begin_head, year_in, year_out, end_row) or not income.amount_cols:
        return
    in_col = income.amount_cols[0]
    for fund in FUNDS:
        fund_cols = _col_where(ctx, spending.amount_cols, fund)
        fund_in = [r for r, t in in_labels.items() if r < year_in and t.startswith(fund)]
        fund_begin = [r for r, t in in_labels.items() if r > begin_head and t.startswith(fund)]
        if len(fund_cols) != 1 or len(fund_in) != 1 or len(fund_begin) != 1:
            continue
        col = fund_cols[0]
        book.add_identity(
            f"{ctx.table_id}:carry:{fund}",
            ctx.values,
            [
                (ctx.ref(end_row, col), 1),
                (ctx.ref(fund_begin[0], in_col), -1),
                (ctx.ref(fund_in[0], in_col), -1),
                (ctx.ref(year_out, col), 1),
            ],
            f"{fund}财政拨款: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
            ctx.table_id,
        )


def _economic_rows(ctx: TableContext, book: RuleBook) -> list[CellRef]:
    """人员经费合计 = 301 + 303, 公用经费合计 = the other classes, 合计 = both: for a table
    printing those rows (the 决算 form). Returns the two totals' cells, when found.

    A class sum is skipped, not built, only when it fails as read *and* the class rows look
    incomplete (``_classes_incomplete``): one that holds is its own proof that its classes
    are whole, and one that fails over classes that are whole is the document's error."""
    classes: dict[str, CellRef] = {}
    totals: dict[str, CellRef] = {}
    grand: CellRef | None = None
    rows: list[tuple[CellRef, str | None, str]] = []  # every data row: first amount, code, label
    for panel in ctx.layout.panels:
        if not panel.amount_cols:
            continue
        col = panel.amount_cols[0]
        codes = ctx.layout.row_codes(panel)
        for row, code in codes.items():
            if len(code) == 3 and code.startswith("3"):
                classes.setdefault(code, ctx.ref(row, col))
        for row in ctx.grid.data_rows():
            label = ctx.layout.row_label(panel, row)
            rows.append((ctx.ref(row, col), codes.get(row), label))
            for word in ("人员经费", "公用经费"):
                if label in (word, word + "合计"):
                    totals.setdefault(word, ctx.ref(row, col))
            if label in ("合计", "总计") and grand is None:
                grand = ctx.ref(row, col)
    if classes and not totals:
        totals = _economic_columns(ctx)
    if not classes or not totals:
        return []
    incomplete = _classes_incomplete(ctx, book, classes, totals, grand, rows)
    personnel = [c for c in PERSONNEL_CLASSES if c in classes]
    public = [c for c in sorted(classes) if c not in PERSONNEL_CLASSES]
    for word, codes in (("人员经费", personnel), ("公用经费", public)):
        if word not in totals or not codes:
            continue
        terms = [(totals[word], 1), *((classes[c], -1) for c in codes)]
        rule_id = f"{ctx.table_id}:econ:{word}"
        if incomplete and not _holds(book, ctx, terms):
            book.skip(rule_id, f"{word}合计 = {' + '.join(codes)} not built: {incomplete}")
            continue
        book.add_identity(
            rule_id, ctx.values, terms, f"{word}合计 = sum of its economic classes", ctx.table_id
        )
    if len(totals) == 2 and grand is not None:
        book.add_identity(
            f"{ctx.table_id}:econ:basic",
            ctx.values,
            [(grand, 1), (totals["人员经费"], -1), (totals["公用经费"], -1)],
            "合计 = 人员经费合计 + 公用经费合计",
            ctx.table_id,
        )
    return [totals[w] for w in ("人员经费", "公用经费") if w in totals] if len(totals) == 2 else []


def _classes_incomplete(ctx, book, classes, totals, grand, rows) -> str:
    """Why the class rows read may not be all the table's classes ('' when they are).

    A class-sum rule over a class set missing one is wrong, not the document: a scan read
    310 as 10, the 资本性支出 row dropped out of 公用经费 = 302 + 310, and the rule failed by
    that row's 200,000.00 while both its cells were right. Two signs together say a class
    is missing: the classes read do not add up to the basic total (合计, or 人员经费合计 +
    公用经费合计), and some row with an amount is neither a class read, nor under one (its
    code's first three digits), nor a total row. Either alone is not enough: a sub-item whose
    code is garbled leaves the classes whole, and with every row placed a gap is the
    document's own (302 misprinted), which the rules must report."""
    values = ctx.values
    if grand is not None:
        basic = values.get(grand)
    elif len(totals) == 2:
        basic = sum(values.get(ref) or 0 for ref in totals.values())
    else:
        basic = None
    found = sum(values.get(ref) or 0 for ref in classes.values())
    if basic is not None and abs(basic - found) <= book.tolerance(len(classes), ctx.table_id):
        return ""
    placed = {grand, *totals.values(), *classes.values()}
    loose = [
        ref.row
        for ref, code, label in rows
        if values.get(ref)
        and ref not in placed
        and not (code and code[:3] in classes)
        and not is_total_header(label)
    ]
    if not loose:
        return ""
    total = (
        "the basic total not found"
        if basic is None
        else f"the basic total is {format_cents(basic)}"
    )
    return (
        f"the classes read sum to {format_cents(found)}, {total}, and {len(set(loose))} rows with an "
        f"amount sit under no class read (first row {min(loose) + 1}): a class code may be "
        "misread"
    )


def _holds(book: RuleBook, ctx: TableContext, terms: list[tuple[CellRef, int]]) -> bool:
    """Whether the identity holds as read, with the tolerance ``add_identity`` would give it."""
    tol = book.identity_tolerance(ctx.values, terms, ctx.table_id)
    return Rule("", "identity", ctx.table_id, tuple(terms), tol, "").holds(ctx.values)


def _economic_columns(ctx: TableContext) -> dict[str, CellRef]:
    """The 合计 row's 人员经费 and 公用经费 columns (the 预算 form: 合计 | 人员经费 | 公用经费);
    the class rows are then read in the panel's first column, its 合计."""
    for panel in ctx.layout.panels:
        row = _total_row(ctx, panel)
        if row is None or not is_total_header(ctx.layout.leaf_text.get(panel.amount_cols[0], "")):
            continue
        found = {}
        for word in ("人员经费", "公用经费"):
            cols = [c for c in panel.amount_cols if ctx.layout.leaf_text.get(c, "") == word]
            if len(cols) == 1:
                found[word] = ctx.ref(row, cols[0])
        return found
    return {}


def _total_row(ctx: TableContext, panel) -> int | None:
    for row in ctx.grid.data_rows():
        if ctx.layout.row_label(panel, row) in ("合计", "总计"):
            return row
    return None


def _basic_total_of(ctx: TableContext, parts: dict[str, list[CellRef]]) -> list[CellRef]:
    """The basic-expenditure table's total: its 合计 row's first amount, or (决算 form
    with no 合计 row) its 人员经费合计 + 公用经费合计."""
    for panel in ctx.layout.panels:
        row = _total_row(ctx, panel)
        if row is not None and panel.amount_cols:
            return [ctx.ref(row, panel.amount_cols[0])]
    return parts.get(ctx.table_id, [])


def _basic_across(contexts, book, types, units, values, parts) -> None:
    basics = [c for c in contexts if types.get(c.table_id) == "general_budget_basic_expenditure"]
    spends = [c for c in contexts if types.get(c.table_id) == "general_budget_expenditure"]
    if len(basics) != 1 or len(spends) != 1:
        return
    basic, spend = basics[0], spends[0]
    if units.get(basic.table_id) != units.get(spend.table_id):
        return
    total = _basic_total_of(basic, parts)
    for panel in spend.layout.panels:
        cols = [c for c in panel.amount_cols if spend.layout.leaf_text.get(c, "") == "基本支出"]
        row = _total_row(spend, panel)
        if len(cols) != 1 or row is None or not total:
            continue
        book.add_identity(
            f"x:基本支出:{spend.table_id}={basic.table_id}",
            values,
            [(spend.ref(row, cols[0]), 1), *((ref, -1) for ref in total)],
            f"基本支出 in {spend.table_id} = the total of {basic.table_id}",
            None,
        )
        return


def _appropriation_income(contexts, book, types, units, values) -> None:
    revenues = [c for c in contexts if types.get(c.table_id) == "revenue"]
    summaries = [c for c in contexts if types.get(c.table_id) == "appropriation_summary"]
    if len(revenues) != 1 or len(summaries) != 1:
        return
    revenue, summary = revenues[0], summaries[0]
    if units.get(revenue.table_id) != units.get(summary.table_id) or not summary.layout.panels:
        return
    income = summary.layout.panels[0]
    year_in = next(
        (
            r
            for r in summary.grid.data_rows()
            if "本年收入合计" in summary.layout.row_label(income, r)
        ),
        None,
    )
    for panel in revenue.layout.panels:
        group = _col_where(revenue, panel.amount_cols, "财政拨款")
        col = _group_total(revenue, group) if group else None
        row = _total_row(revenue, panel)
        if col is None or row is None or year_in is None or not income.amount_cols:
            continue
        book.add_identity(
            f"x:财政拨款收入:{revenue.table_id}={summary.table_id}",
            values,
            [(revenue.ref(row, col), 1), (summary.ref(year_in, income.amount_cols[0]), -1)],
            f"财政拨款 in {revenue.table_id} = 本年收入合计 in {summary.table_id}",
            None,
        )
        return
