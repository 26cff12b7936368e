"""Findings: what a disclosure reviewer would act on, one per inconsistency.

``reconciliation.unresolved`` is the machine view of the arithmetic (rule ids, cells,
residuals). A reviewer needs the page, a box to look at, the figures in the document's
own words and a sentence in Chinese. Every unresolved rule becomes one finding here, built
from the same rule and the same values, so the two lists never disagree.
"""

from __future__ import annotations

from fiscalocr.model import BBox, Document, Finding, FindingFigure
from fiscalocr.model.geometry import union_bbox
from fiscalocr.model.text import normalise_text

from .grid import CENTS, format_cents
from .rules import CellRef, Rule, TableContext

FAMILY_KIND = {
    "hierarchy": "sum_mismatch",
    "columns": "sum_mismatch",
    "summary": "sum_mismatch",
    "three_public": "sum_mismatch",
    "cross": "cross_table_mismatch",
    "identity": "identity_mismatch",
}
"""Finding kind of each rule family: a total against its parts, one figure printed twice
differently, or an identity between different figures (结转, 经费 classes)."""
FAMILY_WORDS = {
    "hierarchy": "科目合计与明细之和不符",
    "columns": "合计列与分项列之和不符",
    "summary": "汇总行与各项之和不符",
    "three_public": "“三公”经费合计与分项之和不符",
    "cross": "同一数字在不同表中不一致",
    "identity": "表内或表间勾稽关系不成立",
}


def union_box(boxes: list[BBox]) -> BBox | None:
    """The box around ``boxes``, None when there are none."""
    return union_bbox(boxes) if boxes else None


def cell_label(ctx: TableContext, ref: CellRef) -> str:
    """'行政运行 / 基本支出': the row's stub label and the column's header."""
    row_part = ""
    for panel in ctx.layout.panels:
        if ref.col in panel.amount_cols:
            codes = ctx.layout.row_codes(panel)
            label = ctx.layout.row_label(panel, ref.row)
            row_part = " ".join(p for p in (codes.get(ref.row, ""), label) if p)
            if codes.get(ref.row) and label.startswith(codes[ref.row]):
                row_part = label
            break
    col_part = ctx.layout.header_text.get(ref.col, "")
    return " / ".join(p for p in (row_part, col_part) if p) or grid_position(ref.row, ref.col)


def grid_position(row: int, col: int) -> str:
    """A 0-based grid position as a person counts it (``第3行第2列``), as the exports do."""
    return f"第{row + 1}行第{col + 1}列"


def figure_of(ctx: TableContext, ref: CellRef, cents: int | None) -> FindingFigure:
    cell = ctx.grid.cell(ref.row, ref.col)
    table = ctx.grid.table
    return FindingFigure(
        label=cell_label(ctx, ref),
        value=None if cents is None else cents / CENTS,
        text=cell.text if cell is not None else None,
        unit=table.unit,
        table=ref.table,
        row=ref.row,
        col=ref.col,
        page=cell.page if cell is not None else None,
        bbox=cell.bbox if cell is not None else None,
    )


def rule_finding(
    rule: Rule,
    values: dict[CellRef, int | None],
    contexts: dict[str, TableContext],
    source_error: bool,
) -> Finding:
    """The finding of one rule that stays violated after repair."""
    figures = [figure_of(contexts[ref.table], ref, values.get(ref)) for ref in rule.cells]
    first = figures[0]
    figures = [first] + [f for f in figures[1:] if f.value is not None]  # blanks print 0
    residual = rule.residual(values)
    total, parts = rule.terms[0], rule.terms[1:]
    unit = first.unit or ""
    if all(coef == -1 for _, coef in parts) and total[1] == 1:
        part_sum = sum(values.get(ref) or 0 for ref, _ in parts)
        detail = (
            f"{first.label}为{format_cents(values.get(total[0]) or 0)}{unit}，"
            f"而{'、'.join(f.label for f in figures[1:][:6])}"
            f"{'等' if len(figures) > 7 else ''}之和为{format_cents(part_sum)}{unit}"
        )
    else:
        detail = "、".join(
            f"{f.label}{format_cents(round((f.value or 0) * CENTS))}" for f in figures[:6]
        )
    tables = list(dict.fromkeys(ref.table for ref in rule.cells))
    where = "、".join(f"“{contexts[t].grid.table.title or t}”" for t in tables)
    message = (
        f"{where}：{FAMILY_WORDS.get(rule.family, '勾稽关系不成立')}，{detail}，"
        f"相差{format_cents(abs(residual))}{unit}。"
    )
    if not source_error:
        message += "（也可能是识别错误，请对照原件核实）"
    on_first_page = [f.bbox for f in figures if f.page == first.page and f.bbox]
    return Finding(
        kind=FAMILY_KIND.get(rule.family, "identity_mismatch"),
        severity="error" if source_error else "warning",
        page=first.page,
        bbox=union_box(on_first_page),
        table=rule.table or tables[0],
        rule=rule.id,
        figures=figures,
        message=message,
    )


def line_box(doc: Document, page: int, needle: str) -> BBox | None:
    """The box of the first line on ``page`` holding ``needle`` (or its last 6
    characters, for a sentence broken over lines); None when no line does."""
    for p in doc.pages:
        if p.page != page:
            continue
        target = normalise_text(needle)
        for line in p.lines:
            text = normalise_text(line.text)
            if target and (target in text or (len(target) > 4 and target[-6:] in text)):
                return line.bbox
    return None


def source_is_text(doc: Document, pages: list[int | None]) -> bool:
    """Figures read from a PDF's own text layer are what the document prints."""
    by_page = {p.page: p.text_source for p in doc.pages}
    known = [by_page.get(p) for p in pages if p is not None]
    return bool(known) and all(s == "pdf_text" for s in known)
