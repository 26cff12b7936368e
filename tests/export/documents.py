"""Hand-built documents for the export tests: a 三公 table with a merged header, one
repaired cell, one cell an unresolved rule names, one finding pointing at it, and
amounts whose printed decimals matter (``4300.80``)."""

from __future__ import annotations

from fiscalocr.model import (
    Cell,
    Document,
    DocumentFacts,
    Finding,
    FindingFigure,
    Page,
    Reconciliation,
    Repair,
    Source,
    Table,
    Unresolved,
    parse_amount,
)

LONG_LABEL = "一般公共预算财政拨款“三公”经费支出合计"


def cell(row, col, text, x0=0.0, y0=0.0, **extra) -> Cell:
    return Cell(
        row=row,
        col=col,
        page=1,
        bbox=(x0, y0, x0 + 10.0, y0 + 10.0),
        text=text,
        ocr_text=extra.pop("ocr_text", text),
        value=None if extra.get("is_header") else parse_amount(text),
        **extra,
    )


def three_public_document() -> Document:
    cells = [
        cell(0, 0, "项目", rowspan=2, is_header=True),
        cell(0, 1, "2024年预算数", colspan=2, is_header=True),
        cell(1, 1, "合计", is_header=True),
        cell(1, 2, "公务接待费", is_header=True),
        cell(2, 0, LONG_LABEL),
        cell(2, 1, "4300.80", ocr_text="4300.30", repaired=True, conf=0.6),
        cell(2, 2, "12.50"),
        cell(3, 0, "其他"),
        cell(3, 1, "1,200.00"),
        cell(3, 2, "7.00"),
    ]
    table = Table(
        id="t1",
        type="three_public",
        title="“三公”经费支出预算表",
        unit="万元",
        pages=[1],
        n_rows=4,
        n_cols=3,
        header_rows=2,
        cells=cells,
    )
    rec = Reconciliation(
        checks_total=4,
        checks_passed_before=2,
        checks_passed_after=3,
        repairs=[
            Repair(
                table="t1",
                row=2,
                col=1,
                **{"from": "4300.30"},
                to="4300.80",
                rules=["t1:sum:col1"],
                confidence=0.91,
                page=1,
            )
        ],
        unresolved=[
            Unresolved(
                table="t1",
                rule="t1:row3",
                cells=[(3, 1), (3, 2)],
                difference=0.3,
                description="第4行合计不等于各项之和",
            )
        ],
    )
    finding = Finding(
        kind="sum_mismatch",
        severity="error",
        page=1,
        table="t1",
        rule="t1:row3",
        figures=[
            FindingFigure(
                label="其他", text="7.00", value=7.0, unit="万元", table="t1", row=3, col=2
            )
        ],
        message="“其他”行合计与分项之和相差0.30万元",
    )
    return Document(
        source=Source(file="a.pdf", sha256="0" * 64, page_count=1),
        document=DocumentFacts(kind="budget", department="某某局", year=2024),
        pages=[Page(page=1, width=595, height=842)],
        tables=[table],
        reconciliation=rec,
        findings=[finding],
    )


def coded_document(department: str, year: int, amounts: tuple[str, str, str]) -> Document:
    """An expenditure table with a 科目编码 column: 201 and its children 20101, 20102."""
    rows = [("201", "一般公共服务支出"), ("20101", "人大事务"), ("20102", "政协事务")]
    cells = [
        cell(0, 0, "科目编码", is_header=True),
        cell(0, 1, "科目名称", is_header=True),
        cell(0, 2, "合计", is_header=True),
    ]
    for r, ((code, label), amount) in enumerate(zip(rows, amounts, strict=True), start=1):
        cells += [cell(r, 0, code), cell(r, 1, label), cell(r, 2, amount)]
    for c in cells:
        if c.col == 0:
            c.value = None  # codes are names, not amounts (layout leaves them text)
    table = Table(
        id="t1",
        type="expenditure",
        title="支出决算表",
        unit="万元",
        pages=[1],
        n_rows=4,
        n_cols=3,
        header_rows=1,
        cells=cells,
    )
    return Document(
        source=Source(file=f"{department}.pdf", sha256="1" * 64, page_count=1),
        document=DocumentFacts(kind="final_account", department=department, year=year),
        pages=[Page(page=1, width=595, height=842)],
        tables=[table],
    )
