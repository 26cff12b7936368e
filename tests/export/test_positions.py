"""Row and column numbers as a person counts them (from 1) wherever a person reads them:
the descriptions reconciliation writes for an unresolved rule reach the xlsx, the html,
the markdown and the review page verbatim, so they must count like the margins do."""

from __future__ import annotations

from openpyxl import load_workbook

from fiscalocr.app.export import write_outputs
from fiscalocr.app.export.review import rerun_reconciliation
from fiscalocr.reconcile.findings import cell_label

from .documents import coded_document


def test_an_unresolved_rule_names_the_column_a_person_counts(tmp_path):
    """201's amounts are in the third column (科目编码, 科目名称, 合计): "column 3"."""
    doc = coded_document("甲局", 2022, ("300.00", "100.00", "250.00"))
    rerun_reconciliation(doc)
    (unresolved,) = doc.reconciliation.unresolved
    assert unresolved.rule == "t1:hier:201:col2"  # the identifier keeps the JSON's index
    assert unresolved.description == "201 = sum of its sub-codes, column 3"
    write_outputs(doc, tmp_path / "a", ("json", "xlsx", "md", "html"))
    rows = list(load_workbook(tmp_path / "a.xlsx")["reconciliation"].values)
    assert any("column 3" in str(v) for r in rows for v in r)
    assert "column 3" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "column 2" not in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_a_cell_without_label_or_header_is_named_from_one():
    """The fallback name of a finding's figure counts like ``第3行第2列`` beside it."""
    from fiscalocr.reconcile import table_layout
    from fiscalocr.reconcile.rules import CellRef, TableContext

    table = coded_document("甲局", 2022, ("300.00", "100.00", "250.00")).tables[0]
    layout = table_layout(table)
    ctx = TableContext("t1", layout.grid, layout, {})
    assert cell_label(ctx, CellRef("t1", 5, 4)) == "第6行第5列"
