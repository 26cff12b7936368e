"""Structure checks: what the document as a whole must have, read from its own pages.

- a statutory table listed in the 目录 that no page prints;
- a table with no figure at all and no statement that it is empty (本表无数据, 无此项,
  "本部门无政府性基金预算…" in the text);
- a placeholder left in the text (上海市普陀区XX局, ××, ***);
- a table or page title naming a year that is not the document's year;
- a table whose figures are 10,000 times those the other tables print for the same
  figure (元 amounts under a 万元 unit, or the other way round).

Each is built so that a clean document has none: a title is only compared when it is a
title (not a 2023年决算数 column), an empty table is only flagged when nothing anywhere
says it is empty, and a unit error needs the other tables to agree among themselves.
"""

from __future__ import annotations

import re
from collections import Counter

from fiscalocr.model import Document, Finding, FindingFigure
from fiscalocr.model.text import normalise_text

from . import rules_cross
from .findings import union_box
from .grid import CENTS
from .rules import CellRef, TableContext
from .rules_narrative import UNIT_FACTOR

FORM_TYPES = {"performance_target", "performance_evaluation"}
_TABLE_WORDS = ("收支", "收入", "支出", "财政拨款", "三公", "基金", "国有资本", "机关运行", "采购")
_ENTRY_NOISE = re.compile(r"[.．·…\s]+\d*$|^\d+$")
_ENTRY_NUMBER = re.compile(
    r"^(?:(?:预算|决算|部门)?公开)?"
    r"(?:附?表(?:[一二三四五六七八九十]+|\d{1,2}(?=(?:19|20)\d{2}年)|\d{1,2}(?!\d))|\d+表)"
    r"[、.．:：-]?"
)
"""A table's printed number before its title: 表一, 预算公开表12, 公开01表."""
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")
_EMPTY_STATEMENTS = re.compile(
    r"本表无|无数据|无此项|无该项|空表|(?:没有|无)(?:相关|此类)?(?:数据|收支|收入|支出)"
)
TYPE_WORDS = {
    "gov_fund": "政府性基金",
    "state_capital": "国有资本",
    "three_public": "三公",
    "procurement": "政府采购",
    "operating_costs": "机关运行",
    "project_expenditure": "项目支出",
}
"""A sentence "…无政府性基金预算财政拨款收入和支出" says the 政府性基金 table is empty."""
_PLACEHOLDER = re.compile(
    r"(?:(?<=[\u4e00-\u9fff])(?:XX|xx|ＸＸ)|(?:XX|xx|ＸＸ)(?=[\u4e00-\u9fff])"
    r"|××|\*{3,}|某某)"
)
SCALE = 10_000
SCALE_SLACK = 0.001
"""A ratio within 0.1 % of 10,000 (or 1/10,000) is a unit error, not two figures."""


def findings(doc: Document, contexts: dict[str, TableContext], values) -> list[Finding]:
    out = _missing_tables(doc)
    out += _empty_tables(doc, contexts)
    out += _placeholders(doc)
    out += _wrong_years(doc)
    out += _unit_scale(doc, contexts, values)
    return out


def title_stem(title: str) -> str:
    """'表三 2024年预算支出总表（不含上年结转）' → '预算支出总表'."""
    t = normalise_text(title)
    t = _ENTRY_NUMBER.sub("", t)
    t = re.sub(r"^(?:20|19)\d{2}年度?", "", t)
    t = re.sub(r"\(.*?\)$", "", t)
    t = re.sub(r"^.*?(?:部门|单位)(?=.*表$)", "", t) if len(t) > 14 else t
    return t


def contents_entries(doc: Document) -> list[tuple[int, str, tuple]]:
    out = []
    for page in doc.pages:
        if page.section != "contents":
            continue
        for line in page.lines:
            text = _ENTRY_NOISE.sub("", normalise_text(line.text))
            if text.startswith("第") and "部分" in text:
                continue
            stem = title_stem(text)
            if stem.endswith("表") and len(stem) >= 4 and any(w in stem for w in _TABLE_WORDS):
                out.append((page.page, stem, line.bbox))
    return out


ENTRY_TYPES = (
    ("三公", "three_public"),
    ("采购", "procurement"),
    ("机关运行", "operating_costs"),
    ("政府性基金", "gov_fund"),
    ("国有资本", "state_capital"),
    ("基本支出", "general_budget_basic_expenditure"),
    ("项目支出", "project_expenditure"),
    ("一般公共预算", "general_budget_expenditure"),
    ("财政拨款收", "appropriation_summary"),
    ("财政拨款支出", "appropriation_expenditure"),
    ("收支", "revenue_expenditure_summary"),
    ("收入支出", "revenue_expenditure_summary"),
    ("收入", "revenue"),
    ("支出", "expenditure"),
)
"""The table type a 目录 entry names, by its first telling word (most specific first)."""


def entry_type(stem: str) -> str | None:
    return next((kind for word, kind in ENTRY_TYPES if word in stem), None)


def _missing_tables(doc: Document) -> list[Finding]:
    """目录 entries whose table no tables page prints. A document printing fewer than
    half of the tables its 目录 lists publishes them in another file: nothing is said."""
    entries = contents_entries(doc)
    listed: dict[str, int] = {}
    for _, stem, _ in entries:
        kind = entry_type(stem)
        if kind:
            listed[kind] = listed.get(kind, 0) + 1
    have: dict[str, int] = {}
    for t in doc.tables:
        have[t.type] = have.get(t.type, 0) + 1
    if not entries or 2 * sum(min(n, have.get(k, 0)) for k, n in listed.items()) < len(entries):
        return []
    titles = Counter(title_stem(t.title) for t in doc.tables if t.title)
    lines = Counter(
        title_stem(line.text) for p in doc.pages if p.section == "tables" for line in p.lines
    )
    wanted = Counter(stem for _, stem, _ in entries)
    out = []
    for page, stem, box in entries:
        kind = entry_type(stem)
        if kind is None or have.get(kind, 0) >= listed[kind]:
            continue
        if max(titles[stem], lines[stem]) >= wanted[stem]:
            continue
        wanted[stem] -= 1  # two entries of one title and one table: one finding
        out.append(
            Finding(
                kind="missing_table",
                severity="error",
                page=page,
                bbox=box,
                rule="s:contents",
                figures=[FindingFigure(label="目录所列表", text=stem, page=page, bbox=box)],
                message=f"目录列有“{stem}”，但文中未见此表。",
            )
        )
    return out


def _empty_tables(doc: Document, contexts: dict[str, TableContext]) -> list[Finding]:
    all_text = "\n".join(normalise_text(line.text) for p in doc.pages for line in p.lines)
    out = []
    for table in doc.tables:
        ctx = contexts.get(table.id)
        if table.type in FORM_TYPES | {"other"} or ctx is None or not ctx.grid.data_rows():
            continue
        if not ctx.values or any(v is not None for v in ctx.values.values()):
            continue
        stem = title_stem(table.title or "")
        word = TYPE_WORDS.get(table.type)
        titled = stem.endswith("表") and any(w in stem for w in _TABLE_WORDS)
        if not (titled or (word is not None and word in stem)):
            continue  # not a statutory table's title: a text box read as a table
        near = "".join(table.notes) + _text_near(doc, table)
        said = _EMPTY_STATEMENTS.search(near) or (
            word is not None and re.search(rf"(?:无|没有)[^。;,:\n]{{0,12}}?{word}", all_text)
        )
        if said:
            continue
        page = table.pages[0] if table.pages else None
        box = union_box([r.bbox for r in table.regions if r.page == page])
        out.append(
            Finding(
                kind="empty_table",
                severity="warning",
                page=page,
                bbox=box,
                table=table.id,
                rule="s:empty",
                message=f"“{table.title or table.id}”为空表，但未说明本表无数据（如“本表无数据”）。",
            )
        )
    return out


NOTE_BELOW_PT = 60.0
"""How far under a table's last region its note (注：本表无数据) may be printed."""


def _text_near(doc: Document, table) -> str:
    """Lines printed over or just under the table (not another table's note on its page)."""
    if not table.regions:
        return "".join(
            normalise_text(ln.text) for p in doc.pages if p.page in table.pages for ln in p.lines
        )
    out = []
    for region in table.regions:
        page = next((p for p in doc.pages if p.page == region.page), None)
        if page is None:
            continue
        top, bottom = region.bbox[1], region.bbox[3] + NOTE_BELOW_PT
        out += [normalise_text(ln.text) for ln in page.lines if top <= ln.bbox[1] <= bottom]
    return "\n".join(out)


def _placeholders(doc: Document) -> list[Finding]:
    out = []
    for page in doc.pages:
        for line in page.lines:
            text = normalise_text(line.text)
            m = _PLACEHOLDER.search(text)
            if m is None:
                continue
            out.append(
                Finding(
                    kind="placeholder",
                    severity="error",
                    page=page.page,
                    bbox=line.bbox,
                    rule="s:placeholder",
                    figures=[
                        FindingFigure(label="占位符", text=text, page=page.page, bbox=line.bbox)
                    ],
                    message=f"第{page.page}页“{text[:40]}”含未替换的占位符“{m.group(0)}”。",
                )
            )
    return out


def _wrong_years(doc: Document) -> list[Finding]:
    year = doc.document.year
    if year is None:
        return []
    out = []
    titles = [(t.pages[0] if t.pages else None, t.title, t.id) for t in doc.tables if t.title]
    for page in doc.pages:
        for block in page.blocks:
            if block.type == "title" and not block.table_id:
                titles.append((page.page, block.text, None))
    seen = set()
    for page, title, table_id in titles:
        text = normalise_text(title)
        years = {int(y) for y in _YEAR.findall(text)}
        if not years or year in years or any(w in text for w in ("上年", "较", "比", "-", "—")):
            continue
        if (page, text) in seen:
            continue
        seen.add((page, text))
        shown = sorted(years)[0]
        if abs(shown - year) > 5:
            continue
        out.append(
            Finding(
                kind="wrong_year",
                severity="error",
                page=page,
                table=table_id,
                rule="s:year",
                figures=[FindingFigure(label="标题", text=text, page=page)],
                message=f"标题“{text}”写作{shown}年，而本文件为{year}年度。",
            )
        )
    return out


def _unit_scale(doc: Document, contexts: dict[str, TableContext], values) -> list[Finding]:
    """Tables whose shared figures are 10,000× those of the other tables."""
    units = {t.id: t.unit for t in doc.tables}
    types = {t.id: t.type for t in doc.tables}
    by_key: dict[tuple, list[tuple[CellRef, float]]] = {}
    for ctx in contexts.values():
        if units.get(ctx.table_id) is None:  # unit not read: nothing to say about it
            continue
        for key, ref in rules_cross.shared_figures(ctx, types.get(ctx.table_id, "other")):
            cents = values.get(ref)
            if cents:
                factor = UNIT_FACTOR.get(units.get(ref.table) or "元", 1.0)
                by_key.setdefault(key, []).append((ref, cents / CENTS * factor))
    off: dict[str, set[str]] = {}
    agree: dict[str, set[str]] = {}
    example: dict[str, tuple[CellRef, CellRef]] = {}
    for figures in by_key.values():
        for ref_a, a in figures:
            for ref_b, b in figures:
                if ref_a.table == ref_b.table:
                    continue
                ratio = a / b
                if abs(ratio / SCALE - 1) <= SCALE_SLACK or abs(ratio * SCALE - 1) <= SCALE_SLACK:
                    off.setdefault(ref_a.table, set()).add(ref_b.table)
                    example.setdefault(ref_a.table, (ref_a, ref_b))
                elif abs(ratio - 1) <= SCALE_SLACK:
                    agree.setdefault(ref_a.table, set()).add(ref_b.table)
    largest = _largest(
        contexts, {t.id for t in doc.tables if t.type not in FORM_TYPES}, values, units
    )
    for table_id, biggest in largest.items():  # 元 figures under 万元 dwarf even the 总计
        others = [v for t, v in largest.items() if t != table_id]
        if len(others) >= 2 and biggest > DWARF * max(others) and table_id not in off:
            off[table_id] = set()
            ref = max(contexts[table_id].values, key=lambda r: abs(values.get(r) or 0))
            example[table_id] = (ref, ref)
    out = []
    for table_id, partners in off.items():
        if agree.get(table_id, set()) & partners:
            continue
        # the odd one out: its partners agree with some third table, or its figures
        # dwarf every other table's (a 元 table under 万元 exceeds the 总计 itself)
        odd = bool(partners) and all(agree.get(p, set()) - {table_id} for p in partners)
        others = [v for t, v in largest.items() if t != table_id]
        if not odd and not (others and largest.get(table_id, 0) > DWARF * max(others)):
            continue
        mine, theirs = example[table_id]
        figs = [_figure(contexts, mine, values, units)]
        if theirs != mine:
            figs.append(_figure(contexts, theirs, values, units))
        table = doc.table(table_id)
        out.append(
            Finding(
                kind="unit_scale",
                severity="error",
                page=figs[0].page,
                bbox=figs[0].bbox,
                table=table_id,
                rule="s:unit",
                figures=figs,
                message=(
                    f"“{table.title or table_id}”的数字与其他表相差一万倍"
                    f"（单位标为{table.unit or '未注明'}），单位可能有误。"
                ),
            )
        )
    return out


DWARF = 1_000
"""A table whose largest figure is this many times every other table's largest is off."""


def _largest(contexts: dict[str, TableContext], arithmetic: set[str], values, units):
    """Each arithmetic table's largest figure, in 元 (tables whose unit is known)."""
    out: dict[str, float] = {}
    for tid, ctx in contexts.items():
        if tid not in arithmetic:
            continue
        factor = UNIT_FACTOR.get(units.get(tid) or "", 0.0)
        amounts = [abs(values.get(ref) or 0) for ref in ctx.values]
        if factor and amounts and max(amounts):
            out[tid] = max(amounts) / CENTS * factor
    return out


def _figure(contexts, ref: CellRef, values, units) -> FindingFigure:
    from .findings import figure_of

    return figure_of(contexts[ref.table], ref, values.get(ref))
