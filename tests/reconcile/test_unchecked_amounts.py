"""Amounts in a table no rule can check are said to be unchecked, on their page.

On bench-v2's heavy budget a header read as ``科日编4 | 件日名律 | 合号`` gave its table no
rule: 41 wrong amounts went out with nothing naming them. The product cannot check them,
but it can say so.
"""

from __future__ import annotations

from fiscalocr.model import AMOUNTS_UNCHECKED
from fiscalocr.reconcile import reconcile_document
from fiscalocr.testing.handbuilt import coded_rows, document_of, table_from_rows

GARBLED = [
    "科日编4\t件日名律\t合号\t一数会共预算",
    "2O8\t社会保障和能业支出\t605,456.10\t19.00",
    "2O8O2\t民政管理军备\t267,762.92\t0.05",
    "2O8O2O1\t行政运行\t269,762.92\t3.00",
]


def _warnings(doc):
    return [e for p in doc.pages for e in p.errors if e.code == AMOUNTS_UNCHECKED]


def test_a_table_no_rule_checks_gets_a_warning_with_its_amounts():
    table = table_from_rows("t5", GARBLED, 1, table_type="general_budget_expenditure")
    doc = document_of(table)
    reconcile_document(doc)
    assert "t5:table" in {s.rule for s in doc.reconciliation.skipped}
    (warning,) = _warnings(doc)
    assert (warning.page, warning.count, warning.severity) == (1, 6, "warning")
    body = [c for c in table.cells if not c.is_header and c.value is not None]
    assert sorted(warning.bboxes) == sorted(tuple(round(v, 1) for v in c.bbox) for c in body)
    assert "t5" in warning.message and "not checked" in warning.message
    reconcile_document(doc)  # a re-run (after a review correction) says it once
    assert len(_warnings(doc)) == 1


def test_a_checked_table_gets_none():
    rows = coded_rows({"2011301": (118.23, 0.0), "2080505": (14.30, 0.0)})
    doc = document_of(table_from_rows("t3", rows, 2, table_type="expenditure"))
    reconcile_document(doc)
    assert doc.reconciliation.checks_total > 0 and not _warnings(doc)


PARTLY_READ = [
    "科目编码\t科目名称\t合计",
    "208\t社会保障和就业支出\t100.00",
    "20805\t行政事业单位养老支出\t100.00",
    "2080501\t行政单位离退休\t60.00",
    "2080502\t事业单位离退休\t40.00",
    "2O8O599\t其他行政事业单位养老支出\t7.00",
]


def test_an_amount_no_rule_covers_in_a_checked_table_is_named():
    """bench-v2 heavy p6, once its codes were read in part: the table got hierarchy rules
    for some rows, lost the table-wide warning, and 19 wrong amounts no rule covered went
    out with nothing naming them. The row whose code reads ``2O8O599`` is in no rule."""
    table = table_from_rows("t3", PARTLY_READ, 1, table_type="general_budget_expenditure")
    doc = document_of(table)
    reconcile_document(doc)
    assert doc.reconciliation.checks_total == 2
    (warning,) = _warnings(doc)
    assert warning.count == 1 and "(7.00)" in warning.message
    (cell,) = [c for c in table.cells if c.text == "7.00"]
    assert warning.bboxes == [tuple(round(v, 1) for v in cell.bbox)]
