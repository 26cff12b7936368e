"""三公 verdicts against the 三公 table: "“三公”经费支出决算数小于预算数" with no figures quoted.

A 决算 三公 table prints 预算数 and 决算数 for the total and each item. A sentence that
judges them without quoting them ("公务接待费决算数大于预算数的主要原因…") is checked
against the table: 大于/小于/持平 must agree with the sign of 决算 − 预算 as printed. A
sentence quoting its own figures (年初预算为A…决算为B) is checked on those by
``narrative_compare`` and left alone here.
"""

from __future__ import annotations

from fiscalocr.model import Document, Finding

from .findings import figure_of, line_box
from .narrative_compare import BUDGET_FINAL, MORE, VERDICT, texts
from .narrative_labels import ITEM_NAMES, item_name
from .rules import CellRef, TableContext
from .rules_summary import three_public_role

ROLE_ORDER = ("car", "car_buy", "car_run", "abroad", "reception")
"""Most specific name first: 公务用车购置及运行 before 公务用车购置."""


def _pairs(doc: Document, contexts: dict[str, TableContext]) -> dict[str, dict[str, CellRef]]:
    """Role (total, abroad, car …) → {'预算': cell, '决算': cell} in the 三公 table."""
    out: dict[str, dict[str, CellRef]] = {}
    for table in doc.tables:
        ctx = contexts.get(table.id)
        if ctx is None or not (table.type == "three_public" or "三公" in (table.title or "")):
            continue
        for panel in ctx.layout.panels:
            rows = ctx.grid.data_rows()
            for col in panel.amount_cols:
                header = ctx.layout.header_text.get(col, "")
                group = "决算" if "决算" in header else "预算" if "预算" in header else None
                if group is None:
                    continue
                if len(rows) == 1:  # items by column
                    name = item_name(ctx, col)
                    role = "total" if "合计" in name or "三公" in name else three_public_role(name)
                    if role:
                        out.setdefault(role, {}).setdefault(group, ctx.ref(rows[0], col))
                    continue
                for row in rows:  # items by row
                    role = three_public_role(ctx.layout.row_label(panel, row))
                    if role:
                        out.setdefault(role, {}).setdefault(group, ctx.ref(row, col))
    return out


def _role_of(sentence: str) -> str | None:
    """The one 三公 figure a sentence judges: an item it names, or the total."""
    named = [r for r in ROLE_ORDER if ITEM_NAMES[r].search(sentence)]
    if "car" in named:  # 公务用车购置及运行 also reads as 公务用车购置
        named = [r for r in named if r != "car_buy"]
    if named:
        return named[0] if len(named) == 1 else None
    return "total" if "三公" in sentence else None


def findings(doc: Document, contexts: dict[str, TableContext], values) -> list[Finding]:
    pairs = _pairs(doc, contexts)
    if not pairs:
        return []
    out = []
    for block in texts(doc):
        text = block.text
        quoted = [m.start() for m in BUDGET_FINAL.finditer(text)]
        for m in VERDICT.finditer(text):
            start = text.rfind("。", 0, m.start()) + 1
            before = text.rfind("。", 0, max(start - 1, 0)) + 1
            if any(before <= q < m.start() for q in quoted):
                continue  # its own figures are quoted: narrative_compare checks them
            role = _role_of(text[start : m.start()])
            cells = pairs.get(role or "", {})
            if "预算" not in cells or "决算" not in cells:
                continue
            budget = values.get(cells["预算"]) or 0
            final = values.get(cells["决算"]) or 0
            word = m.group(1) or "持平"
            if m.group(2):  # 基本持平: no verdict to check
                continue
            gap = final - budget
            wrong = (word == "持平" and gap != 0) or (
                word != "持平" and (gap <= 0 if word in MORE else gap >= 0)
            )
            if not wrong:
                continue
            figs = [
                figure_of(contexts[cells[g].table], cells[g], values.get(cells[g]))
                for g in ("预算", "决算")
            ]
            page = block.page(m.start())
            said = "持平" if word == "持平" else f"决算数{word}预算数"
            out.append(
                Finding(
                    kind="narrative_comparison",
                    severity="error",
                    page=page,
                    bbox=line_box(doc, page, m.group(0)),
                    table=cells["决算"].table,
                    rule=f"n:vs3:p{page}:{m.start()}",
                    figures=figs,
                    message=(
                        f"第{page}页情况说明称{said}，但表中{figs[1].label}为{figs[1].text or '空'}，"
                        f"{figs[0].label}为{figs[0].text or '空'}。"
                    ),
                )
            )
    return out
