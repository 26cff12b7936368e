"""Repairs on hand-built tables: found by the arithmetic, located by crossing rules,
accepted only when unique, never forced onto a source that is itself inconsistent."""

from __future__ import annotations

import pytest

from fiscalocr.model import CharAlternative, Line, Page
from fiscalocr.reconcile import reconcile_document, summary_line
from fiscalocr.testing.handbuilt import coded_rows, document_of, misread, table_from_rows

LEAVES = {
    "2011301": (118.23, 0.0),
    "2011308": (0.0, 190.00),
    "2011399": (0.0, 13.00),
    "2080505": (14.30, 0.0),
    "2080506": (7.15, 0.0),
    "2101101": (6.62, 0.0),
    "2210201": (12.33, 0.0),
}
make_doc = document_of
table = table_from_rows


@pytest.fixture
def expenditure_rows() -> list[str]:
    return coded_rows(LEAVES)


def texts(tbl) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): c.text for c in tbl.cells}


def test_eight_read_as_zero_in_a_7_digit_code_row_is_repaired(expenditure_rows):
    t = table("t3", expenditure_rows, 2, table_type="expenditure")
    before = texts(t)
    misread(t, 5, 2, "110.23")  # 2011301 行政运行 合计: 118.23 with 8 read as 0
    doc = make_doc(t)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert [(r.row, r.col, r.from_, r.to) for r in rec.repairs] == [(5, 2, "110.23", "118.23")]
    assert set(rec.repairs[0].rules) >= {"t3:hier:20113:col2", "t3:cols:row5:col2"}
    cell = t.cell_at(5, 2)
    assert (cell.text, cell.ocr_text, cell.value, cell.repaired) == (
        "118.23",
        "110.23",
        118.23,
        True,
    )
    assert texts(t) == before  # every other cell, which satisfied its rules, untouched
    assert sum(c.repaired for c in t.cells) == 1
    assert rec.checks_passed_after == rec.checks_total > rec.checks_passed_before
    assert rec.unresolved == []


def test_lost_decimal_point_is_repaired(expenditure_rows):
    t = table("t3", expenditure_rows, 2)
    misread(t, 10, 3, "1430")  # 2080505 基本支出 14.30
    doc = make_doc(t)
    reconcile_document(doc)
    assert [(r.row, r.col, r.to) for r in doc.reconciliation.repairs] == [(10, 3, "14.30")]


@pytest.mark.parametrize("glued", ["合118.23", "118.23一、"])
def test_neighbour_characters_glued_to_an_amount_are_dropped(expenditure_rows, glued):
    """A line glued across a cell border leaves 合 (of 合计) on the amount: the cell does
    not parse, so it counted as blank and broke its rules; the amount inside is kept."""
    t = table("t3", expenditure_rows, 2)
    misread(t, 5, 2, glued)  # 2011301 合计 118.23
    doc = make_doc(t)
    reconcile_document(doc)
    assert [(r.row, r.col, r.from_, r.to) for r in doc.reconciliation.repairs] == [
        (5, 2, glued, "118.23")
    ]
    assert t.cell_at(5, 2).value == 118.23 and doc.reconciliation.unresolved == []


def test_two_errors_in_one_column_are_located_by_the_row_rules(expenditure_rows):
    t = table("t3", expenditure_rows, 2)
    misread(t, 5, 2, "116.23")  # 2011301 合计 118.23
    misread(t, 11, 2, "1.15")  # 2080506 合计 7.15: 7 read as 1
    doc = make_doc(t)
    reconcile_document(doc)
    got = sorted((r.row, r.col, r.to) for r in doc.reconciliation.repairs)
    assert got == [(5, 2, "118.23"), (11, 2, "7.15")]
    assert doc.reconciliation.unresolved == []


def test_a_single_rule_with_two_suspects_stays_unresolved():
    rows = ["科目编码\t科目名称\t金额", "221\t住房保障支出\t12.33", "22102\t住房改革支出\t12.38"]
    t = table("t9", rows, 1)
    doc = make_doc(t)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert rec.repairs == []
    assert [u.rule for u in rec.unresolved] == ["t9:hier:221:col2"]
    assert rec.unresolved[0].difference == -0.05
    assert rec.unresolved[0].cells == [(1, 2), (2, 2)]
    assert not any(c.repaired for c in t.cells)


def test_a_reread_that_disagrees_settles_the_ambiguous_case():
    rows = ["科目编码\t科目名称\t金额", "221\t住房保障支出\t12.33", "22102\t住房改革支出\t12.38"]
    t = table("t9", rows, 1)
    doc = make_doc(t)
    calls = []

    def reread(cell):
        calls.append((cell.row, cell.col))
        return ["12.33"]  # the crop at another scale reads 12.33 for both cells

    reconcile_document(doc, reread=reread)
    assert sorted(calls) == [(1, 2), (2, 2)]
    assert [(r.row, r.to) for r in doc.reconciliation.repairs] == [(2, "12.33")]


def _confident_page(tbl, alternatives=None) -> Page:
    """Text lines over every cell, read with probability 0.999 per character."""
    alternatives = alternatives or {}
    lines = []
    for cell in tbl.cells:
        if not cell.text:
            continue
        alts = [[CharAlternative(char=ch, prob=0.999)] for ch in cell.text]
        for pos, extra in alternatives.get((cell.row, cell.col), {}).items():
            alts[pos] = [CharAlternative(char=c, prob=p) for c, p in extra]
        lines.append(Line(text=cell.text, bbox=cell.bbox, conf=0.99, char_alternatives=alts))
    return Page(page=1, width=595, height=842, section="tables", lines=lines)


def test_an_inconsistent_source_read_confidently_is_flagged_not_forced():
    rows = ["项目\t合计\t基本支出\t项目支出", "合计\t100.00\t60.00\t40.37"]
    t = table("t5", rows, 1)
    doc = make_doc(t, pages=[_confident_page(t)])
    reconcile_document(doc)
    rec = doc.reconciliation
    assert rec.repairs == []
    assert len(rec.unresolved) == 1
    u = rec.unresolved[0]
    assert (u.rule, u.difference, u.likely_source_error) == ("t5:cols:row1:col1", -0.37, True)
    assert [c.text for c in t.cells] == [
        "项目",
        "合计",
        "基本支出",
        "项目支出",
        "合计",
        "100.00",
        "60.00",
        "40.37",
    ]
    assert "1 unresolved (1 likely misprints" in summary_line(doc)


def test_ctc_alternatives_price_the_repair():
    # 合计 read 100.00 but the recogniser's second choice for the first 0 of the
    # fraction was 3 (p=0.3): 100.30 = 60.00 + 40.30 — only that swap is cheap.
    rows = ["项目\t合计\t基本支出\t项目支出", "合计\t100.00\t60.00\t40.30"]
    t = table("t5", rows, 1)
    page = _confident_page(t, {(1, 1): {4: [("0", 0.69), ("3", 0.30)]}})
    doc = make_doc(t, pages=[page])
    reconcile_document(doc)
    rec = doc.reconciliation
    assert [(r.row, r.col, r.to) for r in rec.repairs] == [(1, 1, "100.30")]
    assert rec.repairs[0].confidence > 0.9


def test_odd_inputs_give_an_empty_report_not_a_crash():
    empty = table("t1", ["", ""], 0)
    headerless = table("t2", ["1.00\t2.00", "3.00\t4.00"], 0)
    words = table("t3", ["说明\t内容", "本表无数据\t"], 1, table_type="expenditure")
    doc = make_doc(empty, headerless, words)

    def failing_reread(cell):
        raise RuntimeError("recogniser unavailable")

    reconcile_document(doc, reread=failing_reread)
    rec = doc.reconciliation
    assert rec.checks_total == 0 and rec.repairs == [] and rec.unresolved == []
    assert summary_line(doc).startswith("reconcile: 0 checks")


def test_a_last_digit_one_cent_off_is_seen_and_repaired(expenditure_rows):
    """7.15 read 7.16: a step per term would hide it in both its rules. Rounding cannot
    make a one-part total differ from its part, so the row rule sees it; the column sum
    then balances exactly only with 7.15."""
    t = table("t3", expenditure_rows, 2, table_type="expenditure")
    misread(t, 11, 2, "7.16")
    doc = make_doc(t)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert [(r.row, r.col, r.from_, r.to) for r in rec.repairs] == [(11, 2, "7.16", "7.15")]
    assert not rec.unresolved


@pytest.mark.parametrize("parts, expected", [(1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (9, 5)])
def test_rounding_tolerance_is_half_a_step_per_figure(parts, expected):
    from fiscalocr.reconcile.options import ReconcileOptions
    from fiscalocr.reconcile.rules import RuleBook

    book = RuleBook(ReconcileOptions())
    assert book.tolerance(parts) == expected
    book.steps["whole-yuan"] = 100
    assert book.tolerance(parts, "whole-yuan") == 100 * expected


def test_two_misreads_made_to_agree_with_each_other_are_not_a_repair():
    """2,000.39 read 2,003 / 2,00.3 / 2,0.3 down one code chain (real scan). Making the
    first two 20.03 satisfies the rule between them, but only between two guesses: the
    rules tying them to what was read stay broken, so nothing is changed and all is
    reported."""
    leaves = {"2011301": (118.23, 0.0), "2210201": (2000.39, 0.0)}
    t = table("t3", coded_rows(leaves), 2, table_type="expenditure")
    rows = {c.text: c.row for c in t.cells if c.col == 0}
    for code, reading in (("221", "2,003"), ("22102", "2,00.3"), ("2210201", "2,0.3")):
        misread(t, rows[code], 2, reading)
    doc = make_doc(t)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert not [r for r in rec.repairs if r.to == "20.03"]
    flagged = {cell for u in rec.unresolved for cell in u.cells}
    assert {(rows[code], 2) for code in ("221", "22102", "2210201")} <= flagged


def test_a_glued_twenty_digit_reading_is_reported_not_solved(expenditure_rows):
    """Two cells' digits read as one 20-digit string: its cents overflow CP-SAT's 64-bit
    integers ('Linear constraints only accept integer values', seen on a real scan), which
    used to crash the whole document. The rules it breaks are unresolved, with why."""
    t = table("t3", expenditure_rows, 2, table_type="expenditure")
    misread(t, 5, 2, "91016800000000000.00")
    misread(t, 6, 3, "190.08")  # a second, ordinary misread elsewhere in the table
    doc = make_doc(t)
    reconcile_document(doc)
    rec = doc.reconciliation
    glued = [u for u in rec.unresolved if (5, 2) in u.cells]
    assert glued and all("too large to be an amount" in u.description for u in glued)
    assert t.cell_at(5, 2).text == "91016800000000000.00" and not t.cell_at(5, 2).repaired
