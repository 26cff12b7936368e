"""The workbook as a person opens it, read back with openpyxl: widths fitted to the text
(CJK counts double), amounts with their printed decimals, borders, centred merged headers,
repaired and flagged cells in different colours, a findings sheet, 1-based positions."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fiscalocr.app.export.marks import display_width
from fiscalocr.app.export.xlsx import (
    COLUMN_NUMBER_ROW,
    CORRECTED_FILL_RGB,
    FLAGGED_FILL_RGB,
    GRID_FIRST_COL,
    GRID_FIRST_ROW,
    REPAIRED_FILL_RGB,
    write_xlsx,
)

from .documents import LONG_LABEL, three_public_document


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "a.xlsx"
    write_xlsx(three_public_document(), path)
    return load_workbook(path)


def test_sheets_are_the_table_then_reconciliation_then_findings(workbook):
    assert workbook.sheetnames[1:] == ["reconciliation", "findings"]
    assert workbook.sheetnames[0].startswith("t1")


def test_label_column_is_as_wide_as_its_chinese_label(workbook):
    sheet = workbook.worksheets[0]
    assert display_width(LONG_LABEL) == 40  # 18 Chinese characters and 2 full-width quotes
    assert sheet.column_dimensions["B"].width == pytest.approx(42)
    assert 6 <= sheet.column_dimensions["D"].width < 15


def test_amounts_show_their_printed_decimals(workbook):
    sheet = workbook.worksheets[0]
    amount = sheet.cell(row=GRID_FIRST_ROW + 2, column=GRID_FIRST_COL + 1)
    assert amount.value == pytest.approx(4300.80)
    assert amount.number_format == "#,##0.00"  # shows 4,300.80, never 4300.8
    assert sheet.cell(row=GRID_FIRST_ROW + 3, column=GRID_FIRST_COL + 1).number_format == "#,##0.00"


def test_borders_and_centred_merged_headers(workbook):
    sheet = workbook.worksheets[0]
    r0 = GRID_FIRST_ROW
    assert {str(m) for m in sheet.merged_cells.ranges} == {f"B{r0}:B{r0 + 1}", f"C{r0}:D{r0}"}
    header = sheet.cell(row=r0, column=GRID_FIRST_COL + 1)
    assert header.alignment.horizontal == "center" and header.font.bold
    anchors = {(m.min_row, m.min_col) for m in sheet.merged_cells.ranges}
    covered = {(r, c) for m in sheet.merged_cells.ranges for r, c in m.cells} - anchors
    for row in range(r0, r0 + 4):
        for col in range(GRID_FIRST_COL, GRID_FIRST_COL + 3):
            border = sheet.cell(row=row, column=col).border
            if (row, col) in anchors:  # a merged range is outlined, not ruled inside
                assert border.left.style == border.top.style == "thin", (row, col)
            elif (row, col) not in covered:
                sides = (border.left, border.right, border.top, border.bottom)
                assert all(s.style == "thin" for s in sides), (row, col)
    assert [sheet.cell(row=COLUMN_NUMBER_ROW, column=c).value for c in (2, 3, 4)] == [1, 2, 3]
    assert [sheet.cell(row=r, column=1).value for r in range(r0, r0 + 4)] == [1, 2, 3, 4]


def test_repaired_and_flagged_cells_have_different_fills(workbook):
    sheet = workbook.worksheets[0]
    repaired = sheet.cell(row=GRID_FIRST_ROW + 2, column=GRID_FIRST_COL + 1)
    flagged = sheet.cell(row=GRID_FIRST_ROW + 3, column=GRID_FIRST_COL + 2)
    plain = sheet.cell(row=GRID_FIRST_ROW + 2, column=GRID_FIRST_COL + 2)
    assert repaired.fill.start_color.rgb.endswith(REPAIRED_FILL_RGB)
    assert flagged.fill.start_color.rgb.endswith(FLAGGED_FILL_RGB)
    assert REPAIRED_FILL_RGB != FLAGGED_FILL_RGB
    assert plain.fill.fill_type is None and plain.comment is None
    assert "OCR read: 4300.30" in repaired.comment.text
    assert "第4行合计不等于各项之和" in flagged.comment.text


def test_reconciliation_names_cells_as_a_person_counts(workbook):
    rows = [tuple(r) for r in workbook["reconciliation"].values]
    repair = next(r for r in rows if r[0] == "t1" and r[1] == 3)
    assert repair[:7] == ("t1", 3, 2, "C6", 1, "4300.30", "4300.80")
    unresolved = next(r for r in rows if r[0] == "t1" and r[1] == "t1:row3")
    assert unresolved[2] == "第4行第2列 (C7); 第4行第3列 (D7)"
    link = workbook["reconciliation"].cell(row=rows.index(repair) + 1, column=4).hyperlink
    assert link.location == f"'{workbook.sheetnames[0]}'!C6"  # a click jumps to the cell


def test_findings_sheet_lists_each_finding(workbook):
    rows = [tuple(r) for r in workbook["findings"].values]
    assert rows[0][:3] == ("severity", "kind", "message")
    assert rows[1][:3] == ("error", "sum_mismatch", "“其他”行合计与分项之和相差0.30万元")
    assert "第4行第3列" in rows[1][6]


def test_a_corrected_cell_is_green_and_says_who_changed_what(tmp_path):
    from fiscalocr.app.export.review import correct_cell

    doc = three_public_document()
    correct_cell(doc, "t1", 3, 2, "7.30", "王")
    write_xlsx(doc, tmp_path / "c.xlsx")
    sheet = load_workbook(tmp_path / "c.xlsx").worksheets[0]
    corrected = sheet.cell(row=GRID_FIRST_ROW + 3, column=GRID_FIRST_COL + 2)
    assert corrected.value == pytest.approx(7.30)
    assert corrected.fill.start_color.rgb.endswith(CORRECTED_FILL_RGB)
    assert CORRECTED_FILL_RGB not in (REPAIRED_FILL_RGB, FLAGGED_FILL_RGB)
    assert "corrected by 王: 7.00 → 7.30" in corrected.comment.text
