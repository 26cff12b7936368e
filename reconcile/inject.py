"""Seeded inconsistencies for tests and benchmarks: one error of one family per call.

Each injector takes a consistent document (a synthetic truth, a real text layer) and a
``random.Random``, changes one thing the way a careless author would (a figure, a
sentence, a title, a deleted table) and says where: the page, and the cell or table a
finding about it must name. It returns None when the document has nothing to change for
that family (no 决算 carry-over rows, no comparison sentence …): not applicable, not missed.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from fiscalocr.model import Cell, Document
from fiscalocr.model.text import normalise_text

from . import narrative_compare, structure
from .api import build_rules
from .narrative_labels import named_figures


@dataclass(frozen=True)
class Injected:
    family: str
    kinds: tuple[str, ...]
    """Finding kinds that report it."""
    page: int | None
    cell: tuple[str, int, int] | None = None
    table: str | None = None

    def found_by(self, findings) -> bool:
        for f in findings:
            if f.kind not in self.kinds:
                continue
            if self.cell is not None and any(
                (g.table, g.row, g.col) == self.cell for g in f.figures
            ):
                return True
            if self.table is not None and f.table == self.table:
                return True
            if self.cell is None and self.table is None and f.page == self.page:
                return True
        return False


def _set(cell: Cell, value: float | None, text: str | None = None) -> None:
    cell.text = cell.ocr_text = (
        text if text is not None else ("" if value is None else f"{value:,.2f}")
    )
    cell.value = value


def _fmt(value: float) -> str:
    return f"{value:,.2f}"


ARITHMETIC = ("sum_mismatch", "cross_table_mismatch", "identity_mismatch")


def sum_error(doc: Document, rng: random.Random) -> Injected | None:
    """A code row's amount off by a few 万元 (not a look-alike digit: no repair fits)."""
    built = build_rules(doc)
    cells = sorted(
        {ref for r in built.book.rules if r.family == "hierarchy" for ref in r.cells},
        key=lambda ref: (ref.table, ref.row, ref.col),
    )
    cells = [ref for ref in cells if built.values.get(ref)]
    if not cells:
        return None
    ref = rng.choice(cells)
    cell = doc.table(ref.table).cell_at(ref.row, ref.col)
    _set(cell, round((cell.value or 0) + 13.57, 2))
    return Injected("sum", ARITHMETIC, cell.page, cell=(ref.table, cell.row, cell.col))


def carry_error(doc: Document, rng: random.Random) -> Injected | None:
    """One fund's 年初结转 row changed: only 年末 = 年初 + 收入 − 支出 sees it."""
    built = build_rules(doc)
    rules = [r for r in built.book.rules if r.id.split(":")[1:2] == ["carry"]]
    if not rules:
        return None
    rule = rng.choice(rules)
    ref = rule.terms[1][0]
    cell = doc.table(ref.table).cell_at(ref.row, ref.col)
    _set(cell, round((cell.value or 0) + 21.37, 2))
    return Injected("carry", ARITHMETIC, cell.page, cell=(ref.table, cell.row, cell.col))


def _replace_in_line(doc: Document, page: int, old: str, new: str) -> bool:
    for p in doc.pages:
        if p.page != page:
            continue
        for line in p.lines:
            text = normalise_text(line.text)
            if old in text:
                line.text = text.replace(old, new, 1)
                return True
    return False


def narrative_zero(doc: Document, rng: random.Random) -> Injected | None:
    """A quoted table figure written as 0 (the table still prints it)."""
    built = build_rules(doc)
    good = [a for a in built.amounts if a.holds(built.values) and a.yuan]
    rng.shuffle(good)
    for check in good:
        snippet = check.snippet
        amount = re.search(r"[\d,]+(?:\.\d+)?(?=(?:万元|千元|元)$)", snippet)
        if amount is None:
            continue
        quoted = len(snippet) - amount.start()
        for n in range(len(snippet), quoted + 1, -1):  # the longest tail one line holds
            tail = snippet[-n:]
            new = tail[: n - quoted] + "0.00" + snippet[amount.end() :]
            if _replace_in_line(doc, check.page, tail, new):
                kinds = ("narrative_amount", "narrative_share")
                return Injected("narrative_amount", kinds, check.page)
    return None


def three_public_blank(doc: Document, rng: random.Random) -> Injected | None:
    """The 三公 合计 blanked in its table while the narrative still quotes it."""
    built = build_rules(doc)
    named = named_figures(
        list(built.contexts.values()),
        {t.id: t.type for t in doc.tables},
        {t.id: t.unit for t in doc.tables},
    )
    quoted = {ref for a in built.amounts if a.holds(built.values) for ref, _ in a.places}
    refs = [
        ref
        for key in ("三公:预算", "三公:决算")
        for ref, _ in named.get(key, [])
        if built.values.get(ref) and ref in quoted
    ]
    if not refs:
        return None
    ref = rng.choice(refs)
    cell = doc.table(ref.table).cell_at(ref.row, ref.col)
    _set(cell, None)
    return Injected(
        "three_public_blank",
        (*ARITHMETIC, "narrative_amount"),
        cell.page,
        cell=(ref.table, cell.row, cell.col),
    )


def yoy_error(doc: Document, rng: random.Random) -> Injected | None:
    """A year-on-year rate off by 5 points, or its direction word flipped."""
    found = [
        (block, m)
        for block in narrative_compare.texts(doc)
        for m in narrative_compare.YOY.finditer(block.text)
        if m.group(8) is not None
    ]
    rng.shuffle(found)
    for block, m in found:
        old = m.group(0)[-12:]
        if rng.random() < 0.5:
            pct = m.group(8)
            new_pct = f"{float(pct) + 5:.{len(pct.partition('.')[2])}f}"
            new = old[: len(old) - len(pct) - 1] + new_pct + "%"
        else:
            word = m.group(7)
            new = old.replace(word, "下降" if word == "增长" else "增长")
        if _replace_in_line(doc, block.page(m.start()), old, new):
            return Injected("yoy", ("narrative_yoy",), block.page(m.start()))
    return None


def verdict_flip(doc: Document, rng: random.Random) -> Injected | None:
    """决算数小于预算数 written 大于 (and the other way round)."""
    flips = {"小于": "大于", "大于": "小于", "低于": "高于", "高于": "低于"}
    found = [
        (block, m)
        for block in narrative_compare.texts(doc)
        for m in narrative_compare.VERDICT.finditer(block.text)
        if m.group(1) in flips
    ]
    rng.shuffle(found)
    for block, m in found:
        old, word = m.group(0), m.group(1)
        if _replace_in_line(doc, block.page(m.start()), old, old.replace(word, flips[word])):
            return Injected("verdict", ("narrative_comparison",), block.page(m.start()))
    return None


def placeholder(doc: Document, rng: random.Random) -> Injected | None:
    """The department's name left as a template's 上海市普陀区XX局."""
    dept = doc.document.department
    if not dept or len(dept) < 4:
        return None
    cut = max(dept.rfind(c) for c in "省市区县") + 1 or 2
    fake = dept[:cut] + "XX" + dept[-1]
    pages = [p for p in doc.pages if any(dept in normalise_text(line.text) for line in p.lines)]
    if not pages:
        return None
    page = rng.choice(pages)
    _replace_in_line(doc, page.page, dept, fake)
    return Injected("placeholder", ("placeholder",), page.page)


def delete_table(doc: Document, rng: random.Random) -> Injected | None:
    """A statutory table listed in the 目录 taken out (its title lines too)."""
    entries = {stem for _, stem, _ in structure.contents_entries(doc)}
    tables = [t for t in doc.tables if t.title and structure.title_stem(t.title) in entries]
    if not tables:
        return None
    table = rng.choice(tables)
    stem = structure.title_stem(table.title)
    doc.tables.remove(table)
    for p in doc.pages:
        if p.section == "contents":
            continue
        p.lines = [line for line in p.lines if stem not in normalise_text(line.text)]
    pages = [p.page for p in doc.pages if p.section == "contents"]
    return Injected("missing_table", ("missing_table",), pages[0] if pages else None)


def wrong_year(doc: Document, rng: random.Random) -> Injected | None:
    """A table's title naming last year."""
    year = doc.document.year
    tables = [t for t in doc.tables if t.title and year and str(year) in t.title]
    if not tables:
        return None
    table = rng.choice(tables)
    table.title = table.title.replace(str(year), str(year - 1))
    return Injected("wrong_year", ("wrong_year",), None, table=table.id)


def unit_scale(doc: Document, rng: random.Random) -> Injected | None:
    """Every amount of one table printed in 元 under its 万元 unit (10,000×)."""
    from .rules_cross import shared_figures

    built = build_rules(doc)
    types = {t.id: t.type for t in doc.tables}
    shared = [
        tid
        for tid, ctx in built.contexts.items()
        if doc.table(tid).unit == "万元"
        and any(built.values.get(r) for _, r in shared_figures(ctx, types[tid]))
    ]
    if len(shared) < 3:
        return None
    table = doc.table(rng.choice(shared))
    for cell in table.cells:
        if cell.value is not None and not cell.is_header and re.search(r"\.\d\d$", cell.text):
            _set(cell, round(cell.value * 10_000, 2))
    return Injected("unit_scale", ("unit_scale",), None, table=table.id)


def empty_table(doc: Document, rng: random.Random) -> Injected | None:
    """A statutory table printed with no figure and no 本表无数据."""
    tables = [
        t
        for t in doc.tables
        if t.title
        and t.type in structure.TYPE_WORDS
        and t.type not in ("gov_fund", "state_capital")
        and any(c.value for c in t.cells if not c.is_header)
    ]
    if not tables:
        return None
    table = rng.choice(tables)
    for cell in table.cells:
        if cell.value is not None and not cell.is_header:
            _set(cell, None)
    table.notes = []
    return Injected("empty_table", ("empty_table",), None, table=table.id)


FAMILIES: dict[str, Callable[[Document, random.Random], Injected | None]] = {
    "sum": sum_error,
    "carry": carry_error,
    "narrative_amount": narrative_zero,
    "three_public_blank": three_public_blank,
    "yoy": yoy_error,
    "verdict": verdict_flip,
    "placeholder": placeholder,
    "missing_table": delete_table,
    "wrong_year": wrong_year,
    "unit_scale": unit_scale,
    "empty_table": empty_table,
}


def inject(doc: Document, family: str, seed: int) -> tuple[Document, Injected] | None:
    """A copy of ``doc`` with one error of ``family``, and where it is."""
    copied = copy.deepcopy(doc)
    done = FAMILIES[family](copied, random.Random(seed))
    return None if done is None else (copied, done)
