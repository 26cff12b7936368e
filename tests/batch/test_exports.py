"""XLSX and CSV exports of a hand-built Document: merged cells, a highlighted repair, CSV grid."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fiscalocr.app.export import csv_path, write_outputs
from fiscalocr.app.export.xlsx import GRID_FIRST_COL, GRID_FIRST_ROW, REPAIRED_FILL_RGB
from fiscalocr.model import (
    Cell,
    Document,
    Reconciliation,
    Repair,
    Source,
    Table,
    Unresolved,
)

BOX = (0.0, 0.0, 10.0, 10.0)


def _cell(row, col, text, **extra) -> Cell:
    from fiscalocr.model import parse_amount

    return Cell(
        row=row,
        col=col,
        page=1,
        bbox=BOX,
        text=text,
        ocr_text=extra.pop("ocr_text", text),
        value=parse_amount(text),
        **extra,
    )


def _document() -> Document:
    """A 三公 table: a header spanning two columns, a label spanning two rows, one repair."""
    cells = [
        _cell(0, 0, "项目", rowspan=2, is_header=True),
        _cell(0, 1, "2024年预算数", colspan=2, is_header=True),
        _cell(1, 1, "合计", is_header=True),
        _cell(1, 2, "公务接待费", is_header=True),
        _cell(2, 0, "本部门"),
        _cell(2, 1, "359.95", ocr_text="359.96", repaired=True, conf=0.6),
        _cell(2, 2, "12.50"),
    ]
    table = Table(
        id="t1",
        type="three_public",
        title="“三公”经费支出预算表",
        unit="万元",
        pages=[1],
        n_rows=3,
        n_cols=3,
        header_rows=2,
        cells=cells,
    )
    second = Table(
        id="t2",
        title="收支总表",
        pages=[2],
        n_rows=1,
        n_cols=2,
        cells=[_cell(0, 0, "收入总计"), _cell(0, 1, "1,234.00")],
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
                **{"from": "359.96"},
                to="359.95",
                rules=["t1:sum:col1:rows2-2"],
                confidence=0.91,
                page=1,
            )
        ],
        unresolved=[Unresolved(table="t2", rule="t2:total", cells=[(0, 1)], difference=0.3)],
    )
    return Document(
        source=Source(file="a.pdf", sha256="0" * 64, page_count=2),
        tables=[table, second],
        reconciliation=rec,
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, list[Path]]:
    out_base = tmp_path_factory.mktemp("export") / "sub" / "a"
    return out_base, write_outputs(_document(), out_base, ("json", "xlsx", "csv"))


def test_writes_every_format_json_last(exported):
    out_base, written = exported
    names = [p.name for p in written]
    assert names == ["a.xlsx", "a.t1.csv", "a.t2.csv", "a.json"]
    assert Document.model_validate_json(Path(f"{out_base}.json").read_text()).tables[0].id == "t1"
    assert not list(out_base.parent.glob(".*.tmp")), "no temporary file is left behind"


def test_xlsx_keeps_merged_cells_and_highlights_the_repair(exported):
    out_base, _ = exported
    workbook = load_workbook(f"{out_base}.xlsx")
    assert workbook.sheetnames[-2:] == ["reconciliation", "findings"]
    sheet = workbook[workbook.sheetnames[0]]
    assert sheet.title.startswith("t1")
    r0 = GRID_FIRST_ROW
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert merged == {f"B{r0}:B{r0 + 1}", f"C{r0}:D{r0}"}  # column A numbers the rows
    repaired = sheet.cell(row=r0 + 2, column=GRID_FIRST_COL + 1)
    assert repaired.value == pytest.approx(359.95)
    assert repaired.fill.start_color.rgb.endswith(REPAIRED_FILL_RGB)
    assert "OCR read: 359.96" in repaired.comment.text
    assert "t1:sum:col1:rows2-2" in repaired.comment.text
    plain = sheet.cell(row=r0 + 2, column=GRID_FIRST_COL + 2)
    assert plain.comment is None and not plain.fill.start_color.rgb.endswith(REPAIRED_FILL_RGB)


def test_xlsx_lists_repairs_and_unresolved_rules(exported):
    out_base, _ = exported
    rows = [tuple(row) for row in load_workbook(f"{out_base}.xlsx")["reconciliation"].values]
    assert list(rows[2][:2]) == ["checks passed after repair", 3]
    repair_row = next(r for r in rows if r[0] == "t1" and r[1] == 3)  # rows count from 1
    assert repair_row[5:8] == ("359.96", "359.95", "t1:sum:col1:rows2-2")
    unresolved_row = next(r for r in rows if r[0] == "t2")
    assert unresolved_row[1:4] == ("t2:total", "第1行第2列 (C4)", 0.3)


def test_csv_matches_the_grid_with_spans_at_their_top_left(exported):
    out_base, _ = exported
    doc = _document()
    with open(csv_path(out_base, doc.tables[0]), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["项目", "2024年预算数", ""],
        ["", "合计", "公务接待费"],
        ["本部门", "359.95", "12.50"],
    ]
    sheet = load_workbook(f"{out_base}.xlsx").worksheets[0]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            value = sheet.cell(row=GRID_FIRST_ROW + r, column=GRID_FIRST_COL + c).value
            assert (text or None) == (
                value if value is None or isinstance(value, str) else f"{value:.2f}"
            )
