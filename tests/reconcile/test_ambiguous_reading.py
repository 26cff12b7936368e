"""A reading the print allows two ways is settled by the arithmetic, or flagged: a
performance form in 万元 to three decimals whose point was read as a comma (seed 002's
``42.252`` read ``42,252``) is never passed on as a sure 42,252."""

from __future__ import annotations

from fiscalocr.layout.tables import assign_values
from fiscalocr.model import point_read_as_comma
from fiscalocr.reconcile import reconcile_document
from fiscalocr.testing.handbuilt import document_of, table_from_rows

FORM_ROWS = [
    "项目\t年初预算数\t全年预算数\t全年执行数\t执行率",
    "资金总额\t240\t240\t42,252\t100",
    "市县区财政资金\t240\t240\t42.252\t100.00",
]


def _form(rows: list[str], table_type: str = "performance_evaluation"):
    table = table_from_rows("p1t1", rows, header_rows=1, table_type=table_type)
    assign_values(table)
    return table


def test_lone_comma_before_three_digits_reads_as_a_point_too():
    assert point_read_as_comma("42,252") == "42.252"
    assert point_read_as_comma("1,234,567") is None
    assert point_read_as_comma("42,252.00") is None
    assert point_read_as_comma("４２，２５２") == "42.252"


def test_form_printing_thousandths_keeps_both_readings_and_flags_the_guesses():
    table = _form(FORM_ROWS)
    comma, point = table.cell_at(1, 3), table.cell_at(2, 3)
    assert comma.value == 42252 and comma.candidates == ["42.252"]
    assert point.candidates  # '42.252' may be a comma read as a point as well
    doc = document_of(table)
    reconcile_document(doc)
    flagged = [u for u in doc.reconciliation.unresolved if u.rule.startswith("ambiguous")]
    assert sorted(cell for u in flagged for cell in u.cells) == [(1, 3), (2, 3)]
    assert all(u.table == "p1t1" for u in flagged)
    first = next(u for u in flagged if u.cells == [(1, 3)])
    assert "42,252" in first.description and "42.252" in first.description
    assert comma.text == "42,252" and not comma.repaired  # kept as read, never guessed


def test_a_point_read_as_printed_where_the_table_groups_no_thousands():
    """Seed 002's performance forms (both damage models): every cell of 42.252 was read
    ``42.252``; the form's whole scores (``100``, ``10``) made the table's usual decimals
    0, so the point was taken for a thousands comma and 42,252 kept, flagged. A table
    showing no thousands comma anywhere printed the point it was read with; the other
    reading stays, flagged."""
    rows = [
        FORM_ROWS[0],
        "资金总额\t240\t240\t42.252\t100",
        "市县区财政资金\t240\t240\t42.252\t100.00",
        *(f"{name}\t\t\t\t{score}" for name, score in (("数量", 20), ("质量", 10), ("时效", 5))),
    ]
    table = _form(rows)
    cells = [table.cell_at(1, 3), table.cell_at(2, 3)]
    assert [(c.value, c.candidates) for c in cells] == [(42.252, ["42,252"])] * 2
    doc = document_of(table)
    reconcile_document(doc)
    flagged = [u for u in doc.reconciliation.unresolved if u.rule.startswith("ambiguous")]
    assert sorted(cell for u in flagged for cell in u.cells) == [(1, 3), (2, 3)]
    # where the table does group its thousands, a lone point is first a comma read as one
    grouping = [*rows, "其他资金\t1,234,567\t1,000\t0\t50"]
    assert _form(grouping).cell_at(1, 3).value == 42252


def test_no_second_reading_where_the_table_never_prints_thousandths():
    rows = [FORM_ROWS[0], FORM_ROWS[1], "市县区财政资金\t240\t240\t42.25\t100.00"]
    table = _form(rows)
    assert table.cell_at(1, 3).candidates is None
    doc = document_of(table)
    reconcile_document(doc)
    assert not [u for u in doc.reconciliation.unresolved if u.rule.startswith("ambiguous")]


def test_the_arithmetic_settles_the_reading_as_a_repair():
    rows = [
        "项目\t合计\t基本支出\t项目支出",
        "甲\t43.252\t1.000\t42,252",
        "乙\t1.500\t1.375\t0.125",
    ]
    table = _form(rows, table_type="expenditure")
    assert table.cell_at(1, 3).candidates == ["42.252"]
    doc = document_of(table)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert [(r.row, r.col, r.from_, r.to) for r in rec.repairs] == [(1, 3, "42,252", "42.252")]
    assert rec.checks_total == rec.checks_passed_after == 2
    assert rec.unresolved == []


def test_a_leading_zero_group_is_no_thousands_reading():
    table = _form(["项目\t金额", "甲\t0.125", "乙\t240"], table_type="other")
    cell = table.cell_at(1, 1)
    assert cell.value == 0.125 and cell.candidates is None


def test_a_third_decimal_in_a_table_printed_to_the_cent_is_flagged_not_passed():
    """Seed 000 p9 (print, no repeated header): ``156.951`` and ``22.711`` for 156.95 and
    22.71, a speck after the last digit. The row sums hold in cents either way, so before
    this nothing flagged them."""
    rows = [
        "项目\t合计\t基本支出\t项目支出",
        "甲\t179.66\t156.951\t22.71",
        "乙\t12.50\t10.00\t2.50",
        "丙\t3.00\t1.00\t2.00",
    ]
    table = _form(rows, table_type="expenditure")
    cell = table.cell_at(1, 2)
    assert cell.value == 156.951 and cell.candidates == ["156.95"]
    assert table.cell_at(1, 3).candidates is None  # two decimals: nothing to doubt
    doc = document_of(table)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert rec.checks_passed_after == rec.checks_total  # the arithmetic holds in cents
    flagged = [u for u in rec.unresolved if u.rule.startswith("ambiguous")]
    assert [u.cells for u in flagged] == [[(1, 2)]]
    assert "156.951" in flagged[0].description and "156.95" in flagged[0].description
    assert cell.text == "156.951" and not cell.repaired  # the digits read are kept


def test_three_decimals_where_the_table_prints_them_are_not_doubted():
    rows = ["项目\t金额\t金额二", "甲\t0.125\t1.250", "乙\t2.500\t3.125", "丙\t42.252\t1.000"]
    table = _form(rows, table_type="other")
    assert all(c.candidates is None for c in table.cells if not c.is_header)
