"""Contract §4.6, amounts: a figure quoted in the 情况说明 agrees with the table that
prints it.

"基本支出156.95万元" is looked up by its label — the words just before the amount — among
the tables' row labels (一般公共服务支出 …) and column headers (基本支出, 人员经费 …, read
on the 合计 row). Only labelled amounts that some table also labels are checked; a
quoted figure no table prints (last year's, the budget's) is not a check at all, and
comparisons (较上年, 增加, 减少) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscalocr.model import Document

from . import narrative_labels
from .grid import CENTS
from .headers import strip_numbering
from .rules import CellRef, TableContext
from .rules_narrative import AMOUNT, UNIT_FACTOR, sections

_LABEL = re.compile(r"([\u4e00-\u9fff()（）]{2,20})$")
_NOT_A_FIGURE = ("上年", "增加", "减少", "增长", "下降", "较", "比")
GENERIC_LABELS = {"支出", "收入", "金额", "预算", "决算", "项目", "合计", "小计", "总计", "其中"}
"""Words that name no one figure ("…住房公积金(项):支出1,073.77万元" quotes 支出 of an item)."""
_LEAD = re.compile(r"^(?:其中|主要用于|包括|合计为?|为|共计?)")


@dataclass(frozen=True)
class AmountCheck:
    id: str
    page: int
    label: str
    snippet: str
    yuan: float
    places: list[tuple[CellRef, float]]
    """Cells printing this label, with their unit in 元."""
    tolerance: float

    def holds(self, values: dict[CellRef, int | None]) -> bool:
        return any(
            abs((values.get(ref) or 0) / CENTS * unit - self.yuan) <= self.tolerance
            for ref, unit in self.places
        )


def _clean(label: str) -> str:
    label = strip_numbering(label).replace("(类)", "").replace("（类）", "")
    return label.strip("()（）")


def _index(contexts: list[TableContext], units: dict[str, str | None]) -> dict[str, list]:
    """Label → [(cell, unit in 元)] for every row label and every column header."""
    index: dict[str, list[tuple[CellRef, float]]] = {}
    for ctx in contexts:
        unit = UNIT_FACTOR.get(units.get(ctx.table_id) or "元", 1.0)
        for panel in ctx.layout.panels:
            labels = {r: _clean(ctx.layout.row_label(panel, r)) for r in ctx.grid.data_rows()}
            total_row = next((r for r, t in labels.items() if t in ("合计", "总计")), None)
            if total_row is None and len(labels) == 1:  # one-row tables (三公 by columns)
                total_row = next(iter(labels))
            for row, label in labels.items():
                first = ctx.values.get(ctx.ref(row, panel.amount_cols[0]))
                for k, col in enumerate(panel.amount_cols):
                    if k and first and not ctx.values.get(ctx.ref(row, col)):
                        continue  # a zero part of a row that has a figure does not name it
                    if label:  # a blank cell prints zero
                        index.setdefault(label, []).append((ctx.ref(row, col), unit))
            for col in panel.amount_cols:
                leaf = _clean(ctx.layout.leaf_text.get(col, ""))
                if total_row is not None and leaf:
                    index.setdefault(leaf, []).append((ctx.ref(total_row, col), unit))
    return index


def build(
    doc: Document,
    contexts: list[TableContext],
    units: dict[str, str | None],
    types: dict[str, str] | None = None,
) -> list[AmountCheck]:
    index = _index(contexts, units)
    named = narrative_labels.named_figures(contexts, types or {}, units)
    checks: list[AmountCheck] = []
    for section in sections(doc):
        text = "".join(t for _, t in section)
        starts, pos = [], 0
        for page, t in section:
            starts.append((pos, page))
            pos += len(t)
        for match in AMOUNT.finditer(text):
            before = re.split(r"[,，;；:：。、]", text[: match.start()])[-1]
            found = _LABEL.search(before)
            if not found or any(w in before for w in _NOT_A_FIGURE):
                continue
            label = _clean(_LEAD.sub("", found.group(1)))
            if label in GENERIC_LABELS:
                continue
            sentence = re.split(r"[。;；]", text[: match.start()])[-1]
            places = narrative_labels.resolve_three_public_item(label, text, named)
            if places is None:
                places = narrative_labels.resolve(label, sentence, index, named)
            if not places:
                continue
            unit = UNIT_FACTOR[match.group(2)]
            yuan = float(match.group(1).replace(",", "")) * unit
            coarsest = max([unit] + [u for _, u in places])
            page = max((p for s, p in starts if s <= match.start()), default=section[0][0])
            checks.append(
                AmountCheck(
                    f"n:amt:p{page}:{len(checks) + 1}",
                    page,
                    label,
                    text[max(match.start() - 12, 0) : match.end()],
                    yuan,
                    places,
                    0.005 * coarsest * 1.0001,
                )
            )
    return checks
