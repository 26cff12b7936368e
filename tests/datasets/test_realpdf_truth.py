"""Ground truth derived from born-digital PDFs: grids, spans, text, values, labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscalocr.datasets.realpdf import derive_ground_truth, table_type_for_title
from fiscalocr.datasets.realpdf.rules import Segment, build_grid

REAL_PDFS = Path(__file__).resolve().parents[3] / "shared" / "real-pdfs"
PUTUO_2025 = REAL_PDFS / "sh-putuo-government-office-2025-budget.pdf"


def test_missing_rule_makes_a_spanning_cell():
    """A 2x3 grid whose first row has no rule between columns 0 and 1: one colspan-2 cell."""
    xs, ys = [0.0, 100.0, 200.0, 300.0], [0.0, 20.0, 40.0]
    rules = [Segment(True, y, 0.0, 300.0) for y in ys]
    rules += [Segment(False, 0.0, 0.0, 40.0), Segment(False, 300.0, 0.0, 40.0)]
    rules += [Segment(False, 100.0, 20.0, 40.0), Segment(False, 200.0, 0.0, 40.0)]
    grid = build_grid(rules)
    assert grid is not None and grid.xs == xs and grid.ys == ys
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert spans == {(0, 0): (1, 2), (0, 2): (1, 1), (1, 0): (1, 1), (1, 1): (1, 1), (1, 2): (1, 1)}


@pytest.mark.parametrize(
    "title, label",
    [
        ("2025年部门财务收支预算总表", "revenue_expenditure_summary"),
        ("收入支出决算总表", "revenue_expenditure_summary"),
        ("2025年部门财政拨款收支预算总表", "appropriation_summary"),
        ("财政拨款收入支出决算总表", "appropriation_summary"),
        ("一般公共预算财政拨款基本支出决算表", "general_budget_basic_expenditure"),
        ("2025年部门一般公共预算支出功能分类预算表", "general_budget_expenditure"),
        ("财政拨款“三公”经费支出决算表", "three_public"),
        ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
        ("收入决算表", "revenue"),
        ("支出预算总表", "expenditure"),
        ("十二、2018年江苏省高级人民法院政府采购预算表", "procurement"),
        ("项目支出绩效自评表", "performance_evaluation"),
    ],
)
def test_table_type_keyword_rules(title, label):
    assert table_type_for_title(title) == label


@pytest.mark.realpdfs
def test_putuo_summary_table_totals_checked_by_hand():
    """Checked by hand against the PDF: 收入总计 = 支出总计 = 91,016,775.35 元, and the four
    expenditure items sum to it (82,096,797.42 + 4,213,779.28 + 1,097,073.43 + 3,609,125.22)."""
    if not PUTUO_2025.is_file():
        pytest.skip(f"real PDFs absent ({REAL_PDFS}): they are not part of a user's clone")
    doc = derive_ground_truth(PUTUO_2025)
    assert (doc.document.kind, doc.document.year) == ("budget", 2025)
    assert doc.document.department == "上海市普陀区人民政府办公室"
    summary = doc.tables[0]
    assert (summary.type, summary.title, summary.unit) == (
        "revenue_expenditure_summary",
        "2025年部门财务收支预算总表",
        "元",
    )
    assert (summary.n_rows, summary.n_cols, summary.header_rows) == (16, 4, 2)
    assert summary.cell_at(0, 0).colspan == 2 and summary.cell_at(0, 0).text == "本年收入"
    by_label = {
        summary.cell_at(r, c).text: summary.cell_at(r, c + 1).value
        for r in range(2, 16)
        for c in (0, 2)
    }
    assert by_label["收入总计"] == by_label["支出总计"] == 91016775.35
    items = [
        by_label[k]
        for k in (
            "一、一般公共服务支出",
            "二、社会保障和就业支出",
            "三、卫生健康支出",
            "四、住房保障支出",
        )
    ]
    assert round(sum(items), 2) == by_label["支出总计"]
    assert by_label["一、财政拨款收入"] == 91016775.35
    # a table run over two pages is one table
    revenue = doc.tables[1]
    assert revenue.type == "revenue" and revenue.pages == [9, 10]
    sections = [p.section for p in doc.pages]
    assert sections[:3] == ["cover", "contents", "overview"] and sections[7] == "tables"
    assert sections[4] == "glossary" and sections[20] == "explanation"


def test_split_code_columns_stay_text_on_continuation_pages():
    """款 ``05`` on a page without the header is a code, not the amount 5 (contract §1)."""
    pdf = REAL_PDFS / "sh-putuo-justice-bureau-2026-budget.pdf"
    if not pdf.is_file():
        pytest.skip(f"real PDFs absent ({REAL_PDFS}): they are not part of a user's clone")
    truth = derive_ground_truth(pdf)
    table = next(t for t in truth.tables if t.title and "支出预算总表" in t.title)
    assert len(table.pages) == 2
    later_page = [c for c in table.cells if c.page == table.pages[1] and c.col < 3 and c.text]
    assert later_page and all(c.value is None for c in later_page)
    assert any(c.value is not None for c in table.cells if c.page == table.pages[1] and c.col >= 4)
