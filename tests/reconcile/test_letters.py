"""Amounts read with a letter for a digit (``é.00``, ``1A.30``): no value as read, given
one by the arithmetic when exactly one reading fits, recorded as a repair; text that is
no amount is never read as one."""

from __future__ import annotations

import pytest

from fiscalocr.model import CharAlternative, Line, Page
from fiscalocr.model.lettered import is_lettered_amount
from fiscalocr.reconcile import reconcile_document
from fiscalocr.reconcile.candidates import generate
from fiscalocr.reconcile.evidence import Evidence
from fiscalocr.reconcile.options import ReconcileOptions
from fiscalocr.testing.handbuilt import coded_rows, document_of, misread, table_from_rows

LEAVES = {
    "2011301": (118.23, 0.0),
    "2011308": (0.0, 190.00),
    "2080505": (14.30, 0.0),
    "2080506": (7.15, 0.0),
}


def _table():
    return table_from_rows("t3", coded_rows(LEAVES), 2, table_type="expenditure")


def _row(tbl, code: str) -> int:
    return next(c.row for c in tbl.cells if c.col == 0 and c.text == code)


@pytest.mark.parametrize(
    ("text", "lettered"),
    [
        ("é.00", True),
        ("0.0€", True),
        ("94A0.41", True),
        ("$45000.00", True),
        ("n.ne", False),  # three letters: text, not a damaged amount
        ("行政运行", False),
        ("A.B", False),  # more letters than digits
        ("118.23", False),  # already an amount
    ],
)
def test_which_readings_are_amounts_with_letters_for_digits(text, lettered):
    assert is_lettered_amount(text) is lettered


def test_the_recognisers_alternatives_price_a_letters_digit():
    """``A`` with 4 among its alternatives at 17 %: priced by the odds; a look-alike it did
    not list at the floor; with no evidence the shape table's cost."""
    evidence = Evidence(
        [[("9", 0.9)], [("4", 0.96)], [("A", 0.49), ("4", 0.17)], [("0", 0.8)], [(".", 0.9)]]
        + [[("4", 1.0)], [("1", 0.81)]]
    )
    options = ReconcileOptions()

    def letters(ev):
        found = generate("94A0.41", None, 2, ev, [], options)
        return {c.text: c.cost for c in found if c.source == "letters"}

    priced = letters(evidence)
    assert priced["9440.41"] == pytest.approx(1.059, abs=0.01)  # log(0.49 / 0.17)
    assert "9490.41" not in priced  # 9 neither listed nor like an A
    assert letters(None) == {"9440.41": options.cost_letter_for_digit}


def test_a_zero_read_with_a_letter_gets_its_value_from_the_rules():
    t = _table()
    row = _row(t, "2011301")
    misread(t, row, 4, "é.00")  # 项目支出 of 2011301, printed 0.00
    doc = document_of(t)
    reconcile_document(doc)
    (repair,) = doc.reconciliation.repairs
    assert (repair.row, repair.col, repair.from_, repair.to) == (row, 4, "é.00", "0.00")
    assert f"t3:cols:row{row}:col2" in repair.rules
    cell = t.cell_at(row, 4)
    assert (cell.value, cell.ocr_text, cell.repaired) == (0.0, "é.00", True)


def test_a_letter_inside_an_amount_is_repaired_where_the_sums_say_so():
    t = _table()
    row = _row(t, "2080505")
    misread(t, row, 2, "1A.30")  # 合计 14.30 with its 4 read as A
    doc = document_of(t)
    reconcile_document(doc)
    assert [(r.row, r.col, r.to) for r in doc.reconciliation.repairs] == [(row, 2, "14.30")]
    assert doc.reconciliation.checks_passed_after == doc.reconciliation.checks_total


def test_a_lettered_reading_no_candidate_fits_stays_without_a_value_and_is_flagged():
    t = _table()
    row = _row(t, "2080505")
    misread(t, row, 2, "9A.30")  # no single letter for digit gives 14.30
    doc = document_of(t)
    reconcile_document(doc)
    assert doc.reconciliation.repairs == []
    assert t.cell_at(row, 2).value is None
    flagged = {cell for u in doc.reconciliation.unresolved for cell in u.cells}
    assert (row, 2) in flagged


def test_the_ocr_lines_evidence_is_used_for_a_lettered_cell():
    """The page's line carries the recogniser's alternatives: ``#`` with 8 at 27 %."""
    t = _table()
    row = _row(t, "2011301")
    cell = t.cell_at(row, 2)
    misread(t, row, 2, "11#.23")  # 118.23
    alts = [[CharAlternative(char=ch, prob=0.99)] for ch in "11"]
    alts += [[CharAlternative(char="#", prob=0.34), CharAlternative(char="8", prob=0.27)]]
    alts += [[CharAlternative(char=ch, prob=0.99)] for ch in ".23"]
    line = Line(text="11#.23", bbox=cell.bbox, conf=0.8, char_alternatives=alts)
    page = Page(page=cell.page, width=595, height=842, lines=[line])
    doc = document_of(t)
    doc.pages = [page]
    reconcile_document(doc)
    (repair,) = doc.reconciliation.repairs
    assert (repair.from_, repair.to) == ("11#.23", "118.23")
    assert repair.confidence > 0.9


@pytest.mark.parametrize(("text", "reading"), [("é.00", "0.00"), ("0.0€", "0.00")])
def test_a_letter_at_either_end_is_read_as_a_digit_not_stripped_as_glued_text(text, reading):
    """Stripping glued characters took ``é`` off ``é.00``, so 0.00 came only from the
    dearer inserted-digit guess (and ``0.0€`` gave no candidate in a 2-decimal table)."""
    found = generate(text, None, 2, None, [], ReconcileOptions())
    letters = [c for c in found if c.source == "letters"]
    assert [c.text for c in letters] == [reading]
    assert letters[0] == found[0]  # the cheapest reading
