"""A browser's render of a seed: the text-layer truth builder recovers every table exactly.

Needs headless Chromium (``make chromium``) and ``../shared/seeds``; skips without them.
Each seed is rendered once, statutory tables and forms only (no narrative pages), to
keep the suite fast. A drawing test without Chromium covers the builder's grey rules
and the table number that is not a title.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fiscalocr.datasets.realpdf import derive_ground_truth
from fiscalocr.datasets.seeds import STYLES, SeedTable, check_truth, parse_seed
from fiscalocr.datasets.seeds.chromium import find_chromium, print_to_pdf
from fiscalocr.datasets.seeds.html import document_html
from fiscalocr.datasets.seeds.render import pages_with_glyphs_off_page

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

BUDGET_TYPES = [
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "gov_fund",
    "gov_fund",
    "state_capital",
    "three_public",
    "operating_costs",
    "project_expenditure",
    "project_expenditure",
] + ["performance_target"] * 4
FINAL_TYPES = [
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "three_public",
    "gov_fund",
    "state_capital",
    "info_statistics",
] + ["performance_evaluation"] * 4


def _render(tmp_path_factory, seed_name: str, style: str):
    if find_chromium() is None:
        pytest.skip("headless Chromium absent: `make chromium` installs it (root + apt)")
    path = SEEDS / seed_name
    if not path.is_file():
        pytest.skip(f"seed transcriptions absent ({SEEDS}): they are not part of a user's clone")
    full = parse_seed(path)
    seed = replace(full, blocks=[b for b in full.blocks if isinstance(b, SeedTable)])
    out = tmp_path_factory.mktemp(style)
    html = out / "seed.html"
    html.write_text(document_html(seed, STYLES[style]), encoding="utf-8")
    pdf = print_to_pdf(html, out / "seed.pdf")
    return seed, derive_ground_truth(pdf), pdf


@pytest.fixture(scope="module")
def budget_office(tmp_path_factory):
    """Light-grey hairlines, shaded header, one table per page."""
    return _render(tmp_path_factory, "000_6ad99d98ab197b31.txt", "office")


@pytest.fixture(scope="module")
def final_norepeat(tmp_path_factory):
    """Black borders, landscape wide tables, tables broken over pages without a header."""
    return _render(tmp_path_factory, "002_261ac433901636ed.txt", "print-norepeat")


def test_budget_office_render_truth_is_exact(budget_office):
    seed, truth, pdf = budget_office
    check = check_truth(seed, truth)
    assert check.exact, check.summary()
    assert [t.type for t in truth.tables] == BUDGET_TYPES
    assert (truth.document.kind, truth.document.department, truth.document.year) == (
        "budget",
        "阳泉市招商中心",
        2024,
    )
    spending = truth.tables[2]  # 2011308 招商引资: 190.00 in 合计 and 项目支出, code kept text
    cells = {(c.row, c.col): c for c in spending.cells}
    assert (cells[(6, 0)].text, cells[(6, 0)].value) == ("2011308", None)
    assert cells[(6, 2)].value == 190.0 and cells[(6, 4)].value == 190.0
    assert cells[(6, 3)].value is None
    assert spending.unit == "万元" and spending.title == "2024年预算支出总表"
    assert pages_with_glyphs_off_page(pdf) == []


def test_final_account_norepeat_render_truth_is_exact(final_norepeat):
    seed, truth, pdf = final_norepeat
    check = check_truth(seed, truth)
    assert check.exact, check.summary()
    assert [t.type for t in truth.tables] == FINAL_TYPES
    assert [t.title for t in truth.tables[:2]] == ["收入支出决算总表", "收入决算表"]  # not 公开01表
    assert (truth.document.kind, truth.document.department, truth.document.year) == (
        "final_account",
        "阳城县投资促进中心",
        2022,
    )
    summary = {(c.row, c.col): c for c in truth.tables[0].cells}
    assert summary[(3, 2)].value == 4566031.64 and summary[(3, 1)].value is None  # 行次 1.00
    assert truth.tables[0].unit == "元"
    appropriation = truth.tables[3]  # continues on a page that does not repeat its header
    assert len(appropriation.pages) == 2 and appropriation.n_rows == 35
    assert truth.tables[5].n_cols == 16 and truth.pages[truth.tables[5].pages[0] - 1].width > 800
    sections = {p.page: p.section for p in truth.pages}
    assert {sections[p] for t in truth.tables[:10] for p in t.pages} == {"tables"}
    assert {sections[p] for t in truth.tables[10:] for p in t.pages} == {"appendix"}  # forms
    assert pages_with_glyphs_off_page(pdf) == []


def test_grey_hairlines_are_rules_and_a_table_number_is_not_a_title(tmp_path):
    """Drawn with PyMuPDF: #bfbfbf 0.4 pt rules, a 公开01表 line between title and table."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    font = pymupdf.Font("china-s")
    writer = pymupdf.TextWriter(page.rect)
    for text, (x, y) in [("收入决算表", (250, 80)), ("公开02表", (500, 100)), ("金额单位：元", (480, 118)),
                         ("项目", (70, 145)), ("金额", (270, 145)), ("合计", (70, 165)),
                         ("4566031.64", (270, 165)), ("201", (70, 185)), ("4240750.58", (270, 185))]:  # fmt: skip
        writer.append((x, y), text, font=font, fontsize=10)
    writer.write_text(page)
    grey = (0.75, 0.75, 0.75)
    for y in (130, 150, 170, 190):
        page.draw_rect(pymupdf.Rect(60, y, 460, y + 0.4), color=None, fill=grey)
    for x in (60, 260, 460):
        page.draw_rect(pymupdf.Rect(x, 130, x + 0.4, 190.4), color=None, fill=grey)
    path = tmp_path / "grey.pdf"
    doc.save(path)
    truth = derive_ground_truth(path)
    assert len(truth.tables) == 1
    table = truth.tables[0]
    assert (table.title, table.type, table.unit) == ("收入决算表", "revenue", "元")
    assert (table.n_rows, table.n_cols) == (3, 2)
    values = {(c.row, c.col): c.value for c in table.cells}
    assert values[(1, 1)] == 4566031.64 and values[(2, 1)] == 4240750.58


def test_check_catches_a_wrong_amount_and_a_lost_table(budget_office):
    seed, truth, _ = budget_office
    broken = truth.model_copy(deep=True)
    cell = next(c for c in broken.tables[2].cells if (c.row, c.col) == (6, 4))
    cell.text, cell.value = "190.60", 190.6
    broken.tables.pop(0)
    check = check_truth(seed, broken)
    assert not check.exact
    assert not check.tables[0].found and check.tables[0].title == "2024年预算收支总表"
    assert check.tables[2].amounts_right == check.tables[2].amounts - 1
    assert any(w.startswith("r6c4:") for w in check.tables[2].cells_wrong)
