"""Which table figure a narrative label means, when the tables print it under other words.

The 情况说明 writes "财政拨款收入支出总计9746.50万元" where the 财政拨款收入支出决算总表
prints "总计"; "人员经费4884.09万元" where the basic-expenditure table prints
"人员经费合计"; "“三公”经费年初预算为2.85万元，支出决算为0.39万元" where the 三公 table
prints 合计 under 预算数 and under 决算数. :func:`named_figures` finds those figures by
table type and header words; :func:`resolve` maps a label onto them (by suffix, the
department name and year before it being the sentence's subject, not the figure's name).
"""

from __future__ import annotations

import re

from .headers import CHINESE_ITEM, is_total_header
from .rules import CellRef, TableContext
from .rules_narrative import UNIT_FACTOR
from .rules_summary import three_public_role

Places = list[tuple[CellRef, float]]
SUFFIX_SYNONYMS = (
    ("财政拨款收入支出总计", "appropriation_total"),
    ("收入支出总计", "summary_total"),
    ("机关运行经费", "operating_costs"),
    ("一般公共预算财政拨款基本支出", "gb_basic"),
    ("一般公共预算基本支出", "gb_basic"),
    ("一般公共预算财政拨款支出", "gb_total"),
    ("一般公共预算支出", "gb_total"),
)
"""Label endings and the figure they name (the longest ending first)."""
_TRAILING = re.compile(r"(?:共计|合计为|为|是|达)$")
"""Verbs between a label and its amount ("年初预算为", "支出共计")."""
_KIND_WORDS = re.compile(r"(?:支出|预算数?|决算数?|安排)+$")
"""What a named figure may be followed by: 机关运行经费支出, 机关运行经费预算."""


def named_figures(
    contexts: list[TableContext], types: dict[str, str], units: dict[str, str | None]
) -> dict[str, Places]:
    out: dict[str, Places] = {}
    for ctx in contexts:
        kind = types.get(ctx.table_id, "other")
        unit = UNIT_FACTOR.get(units.get(ctx.table_id) or "元", 1.0)
        title = ctx.grid.table.title or ""
        if kind == "revenue_expenditure_summary":
            _add(out, "summary_total", _grand_total(ctx), unit)
        elif kind == "appropriation_summary":
            _add(out, "appropriation_total", _grand_total(ctx), unit)
        elif kind == "three_public" or "三公" in title:
            for key, ref in _three_public_totals(ctx):
                _add(out, key, [ref], unit)
            for role, refs in _three_public_items(ctx).items():
                _add(out, f"三公项:{role}", refs, unit)
        elif kind == "general_budget_expenditure":
            _add(out, "gb_total", _first_total(ctx), unit)
            _add(out, "gb_basic", _first_total(ctx, "基本支出"), unit)
        elif kind == "general_budget_basic_expenditure":
            _add(out, "gb_basic", _first_total(ctx), unit)
        elif kind == "info_statistics":
            _add(out, "operating_costs", _statistics_operating(ctx), unit)
        elif kind == "operating_costs" or ("机关运行经费" in title and "三公" not in title):
            _add(out, "operating_costs", _first_total(ctx), unit)
    return out


def _add(out: dict[str, Places], key: str, refs: list[CellRef], unit: float) -> None:
    out.setdefault(key, []).extend((ref, unit) for ref in refs)


def _labels(ctx: TableContext, panel) -> dict[int, str]:
    return {r: ctx.layout.row_label(panel, r) for r in ctx.grid.data_rows()}


def _grand_total(ctx: TableContext) -> list[CellRef]:
    """总计 (收入总计 / 支出总计) of every panel, in its first amount column."""
    refs = []
    for panel in ctx.layout.panels:
        for row, label in _labels(ctx, panel).items():
            if label.endswith("总计") and panel.amount_cols:
                refs.append(ctx.ref(row, panel.amount_cols[0]))
                break
    return refs


def _first_total(ctx: TableContext, column: str | None = None) -> list[CellRef]:
    """The 合计 row's first amount (or its ``column`` amount, by header leaf)."""
    for panel in ctx.layout.panels:
        cols = panel.amount_cols
        if column is not None:
            cols = [c for c in cols if ctx.layout.leaf_text.get(c, "") == column]
        for row, label in _labels(ctx, panel).items():
            if label in ("合计", "总计", "部门合计") and cols:
                return [ctx.ref(row, cols[0])]
    return []


def item_name(ctx: TableContext, col: int) -> str:
    """The header words naming a 三公 column's item: the deepest header cell that is not
    预算数/决算数, or its parent when that cell is the group's 小计/合计."""
    texts = [ctx.grid.text(*rc) for rc in ctx.layout.header_path.get(col, [])]
    texts = [t for t in texts if t not in ("预算数", "决算数")]
    while len(texts) > 1 and texts[-1] in ("小计", "合计") and "三公" not in texts[-2]:
        texts.pop()
    return texts[-1] if texts else ""


def _three_public_totals(ctx: TableContext):
    """('三公:预算' | '三公:决算', cell) for the 合计 of each: the 合计 row (or the only
    data row) in the 合计 column under 预算数 / 决算数 (or the first column)."""
    for panel in ctx.layout.panels:
        labels = _labels(ctx, panel)
        rows = [r for r, t in labels.items() if t in ("合计", "总计")]
        if not rows and len(labels) == 1:
            rows = list(labels)
        if not rows or not panel.amount_cols:
            continue
        headers = {c: ctx.layout.header_text.get(c, "") for c in panel.amount_cols}
        grouped = any("决算" in h or "预算" in h for h in headers.values())
        for group in ("预算", "决算"):
            cols = [c for c in panel.amount_cols if group in headers[c]] if grouped else []
            cols = cols or panel.amount_cols[:1]
            totals = [c for c in cols if "合计" in headers[c] or is_total_header(headers[c])]
            pick = totals[0] if totals else cols[0]
            if not totals and pick != panel.amount_cols[0] and not grouped:
                continue
            yield f"三公:{group}", ctx.ref(rows[0], pick)
            if not grouped:
                return
        return


def _statistics_operating(ctx: TableContext) -> list[CellRef]:
    """The 机关运行经费 of a 部门决算公开相关信息统计表: its row's amount, or the one
    sub-row (行政单位 / 参照公务员法管理事业单位) that prints one."""
    for panel in ctx.layout.panels:
        if not panel.amount_cols:
            continue
        col = panel.amount_cols[-1]
        rows = ctx.grid.data_rows()
        raw = {r: ctx.layout.row_label(panel, r, raw=True) for r in rows}
        head = next((r for r in rows if "机关运行经费" in raw[r]), None)
        if head is None:
            continue
        if ctx.values.get(ctx.ref(head, col)):
            return [ctx.ref(head, col)]
        subs = []
        for r in rows[rows.index(head) + 1 :]:
            if CHINESE_ITEM.match(raw[r]):
                break
            if ctx.values.get(ctx.ref(r, col)):
                subs.append(ctx.ref(r, col))
        return subs if len(subs) == 1 else []
    return []


def _three_public_items(ctx: TableContext) -> dict[str, list[CellRef]]:
    """Item role (出国, 公务用车, 购置, 运行, 接待) → its cells in a 三公 table: the row's
    amounts (rows of items) or the item's columns on the only data row."""
    out: dict[str, list[CellRef]] = {}
    for panel in ctx.layout.panels:
        labels = _labels(ctx, panel)
        for row, label in labels.items():
            role = three_public_role(label)
            if role and role != "total":
                out.setdefault(role, []).extend(ctx.ref(row, c) for c in panel.amount_cols)
        if len(labels) == 1:
            row = next(iter(labels))
            for col in panel.amount_cols:
                role = three_public_role(item_name(ctx, col))
                if role and role != "total":
                    out.setdefault(role, []).append(ctx.ref(row, col))
    return out


ITEM_NAMES = {
    "abroad": re.compile(r"因公出国|出国\(境\)费"),
    "car": re.compile(r"公务用车购置及运行"),
    "car_buy": re.compile(r"公务用车购置"),
    "car_run": re.compile(r"公务用车运行"),
    "reception": re.compile(r"公务接待费"),
}
"""The names a 三公 item goes by; a part of one (外宾接待, 国内公务接待支出) is not it."""


def resolve_three_public_item(label: str, section: str, named: dict[str, Places]):
    """In a 三公 section, an item label (公务用车运行维护费 …) names the 三公 table's item,
    never the economic item of the same name (30231 in the basic-expenditure table).
    Returns [] (no check) for a label that names only a part of an item."""
    role = three_public_role(label)
    if "三公" not in section or role in (None, "total"):
        return None
    if not ITEM_NAMES[role].search(label) or label.startswith(("含", "其中")):
        return []
    return named.get(f"三公项:{role}", [])


def resolve(label: str, clause: str, index: dict[str, Places], named: dict[str, Places]):
    """The places a narrative label names: itself, itself + 合计, a known ending, or the
    三公 totals for a 三公 clause that names no single item. None when nothing fits."""
    label = _TRAILING.sub("", label) if not label.endswith(("总计", "合计")) else label
    if label in index:
        return index[label]
    if label + "合计" in index:
        return index[label + "合计"]
    core = _KIND_WORDS.sub("", label)
    for ending, key in SUFFIX_SYNONYMS:
        if (label.endswith(ending) or core.endswith(ending)) and key in named:
            return named[key]
    if "三公" in clause and not any(w in clause for w in ("出国", "公务用车", "接待", "上年")):
        for word in ("决算", "预算"):  # "支出决算为" names the final figure
            if label.endswith((word, word + "数")) and f"三公:{word}" in named:
                return named[f"三公:{word}"]
    return None
