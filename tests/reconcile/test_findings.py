"""Findings: every unresolved rule is one, with its page, box and figures; the Shanghai
split-code layout whose 类|款|项 header shares the 合计 row builds its hierarchy."""

from __future__ import annotations

from fiscalocr.reconcile import reconcile_document
from fiscalocr.testing.handbuilt import document_of, table_from_rows

SHARED_HEADER = [
    "项目\t<\t<\t<\t本年收入合计\t财政拨款收入\t其他收入",
    "功能分类科目编码\t<\t<\t科目名称\t^\t^\t^",
    "类\t款\t项\t合计\t333.56\t333.56\t",
    "201\t\t\t一般公共服务支出\t321.23\t321.23\t",
    "\t13\t\t商贸事务\t321.23\t321.23\t",
    "\t\t01\t行政运行\t118.23\t118.23\t",
    "\t\t08\t招商引资\t190.00\t190.00\t",
    "\t\t99\t其他商贸事务支出\t13.00\t13.00\t",
    "221\t\t\t住房保障支出\t12.33\t12.33\t",
    "\t02\t\t住房改革支出\t12.33\t12.33\t",
    "\t\t01\t住房公积金\t12.33\t12.33\t",
]


def _set(table, row: int, col: int, text: str) -> None:
    cell = table.cell_at(row, col)
    cell.text = cell.ocr_text = text
    cell.value = float(text)


def test_split_code_header_on_the_total_row_builds_hierarchy_and_total_rules():
    for header_rows in (2, 3):  # the 合计 row ruled as data, or swallowed into the header
        t = table_from_rows("t2", SHARED_HEADER, header_rows, table_type="revenue")
        doc = document_of(t)
        reconcile_document(doc)
        rec = doc.reconciliation
        assert rec.checks_total == rec.checks_passed_before == 19
        assert rec.skipped == [] and doc.findings == []


def test_a_row_changed_consistently_in_two_columns_is_found_on_its_page():
    t = table_from_rows("t2", SHARED_HEADER, 2, table_type="revenue", title="收入决算表")
    _set(t, 5, 4, "138.23")  # 行政运行 +20 in 本年收入合计 and in 财政拨款收入: row sums hold
    _set(t, 5, 5, "138.23")
    doc = document_of(t)
    reconcile_document(doc)
    rules = {u.rule for u in doc.reconciliation.unresolved}
    assert rules == {"t2:hier:20113:col4", "t2:hier:20113:col5"}
    assert [f.rule for f in doc.findings] == [u.rule for u in doc.reconciliation.unresolved]
    found = doc.findings[0]
    assert (found.kind, found.page, found.table) == ("sum_mismatch", 1, "t2")
    assert [(f.row, f.col, f.value) for f in found.figures] == [
        (4, 4, 321.23),
        (5, 4, 138.23),
        (6, 4, 190.00),
        (7, 4, 13.00),
    ]
    assert found.figures[0].label == "20113 商贸事务 / 本年收入合计"
    assert found.bbox == (260.0, 130.0, 320.0, 210.0)  # the four cells' union
    assert "相差20.00万元" in found.message and "收入决算表" in found.message


def test_a_table_without_rules_is_listed_in_skipped():
    rows = ["项目\t金额", "某某事项\t12.00"]
    doc = document_of(table_from_rows("t9", rows, 1, table_type="other"))
    reconcile_document(doc)
    assert [(s.rule, s.reason) for s in doc.reconciliation.skipped] == [
        ("t9:table", "no rule could be built from its header and stub")
    ]


def test_an_ambiguous_reading_left_unresolved_is_a_finding_on_its_cell():
    from fiscalocr.layout.tables import assign_values

    rows = [
        "项目\t年初预算数\t全年预算数\t全年执行数\t执行率",
        "资金总额\t240\t240\t42,252\t100",
        "市县区财政资金\t240\t240\t42.252\t100.00",  # the table prints thousandths
    ]
    table = table_from_rows("p1t1", rows, 1, table_type="performance_evaluation")
    assign_values(table)
    doc = document_of(table)
    reconcile_document(doc)
    unresolved = [u.rule for u in doc.reconciliation.unresolved]
    assert unresolved == ["ambiguous_reading:p1t1:r1c3", "ambiguous_reading:p1t1:r2c3"]
    assert [f.rule for f in doc.findings] == unresolved
    found = doc.findings[0]
    assert (found.kind, found.severity, found.page) == ("ambiguous_reading", "warning", 1)
    assert found.bbox == table.cell_at(1, 3).bbox
    assert (found.figures[0].text, found.figures[0].value) == ("42,252", 42252)
    assert "42.252" in found.message
