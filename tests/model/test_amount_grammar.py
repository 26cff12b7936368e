"""The grammar of a printed amount: damaged separators read, digits never changed."""

from __future__ import annotations

import pytest

from fiscalocr.model import looks_like_amount, parse_amount, read_amount


@pytest.mark.parametrize(
    ("read", "printed", "value"),
    [
        # the readings an independent evaluation found at 150 dpi, JPEG ~45, mild blur
        ("21.968.00", "21,968.00", 21968.00),
        ("371.514.655.00", "371,514,655.00", 371514655.00),
        ("10:208.94", "10,208.94", 10208.94),
        ("1,879:36", "1,879.36", 1879.36),
        ("2,548:30", "2,548.30", 2548.30),
        ("15844.04.", "15844.04", 15844.04),
        ("307.82:", "307.82", 307.82),
        # real-PDF scans under augraphy: a speck before, a cell's corner after
        ("*24.00", "24.00", 24.00),
        ("60.00]", "60.00", 60.00),
        ("|1,157.63", "1,157.63", 1157.63),
        # a comma read as a point and the box split at it (the cell joins the pieces)
        ("130.81 5.28", "130,815.28", 130815.28),
        ("-1.234,50", "-1,234.50", -1234.50),
        ("２，５４８：３０", "2,548.30", 2548.30),
        ("74:3.39", "743.39", 743.39),  # a speck read as a colon between two digits
    ],
)
def test_damaged_separators_become_the_printed_amount(read, printed, value):
    assert parse_amount(read) is None  # the contract's strict rule reads nothing here
    (reading,) = read_amount(read, decimals=2)
    assert (reading.text, reading.value, reading.separators_fixed) == (printed, value, True)


@pytest.mark.parametrize("text", ["1,234.56", "0.50", "12345", "12.5%"])
def test_clean_amounts_read_as_themselves(text):
    (reading,) = read_amount(text)
    assert reading.text == text and reading.value == parse_amount(text)
    assert not reading.separators_fixed


@pytest.mark.parametrize(
    ("text", "decimals"),
    [
        ("12.34.56", None),  # a group of two inside the whole part: a digit was lost
        ("1.2.3", None),
        ("10:208", 2),  # in a table printed to the cent, no grammar reading fits
        ("1234.", 2),
        ("2024.12.31", None),  # a date, not an amount
        ("合计", None),
        ("——", None),
    ],
)
def test_what_the_grammar_cannot_decide_gets_no_value(text, decimals):
    assert read_amount(text, decimals) == []


def test_whole_yuan_table_reads_a_point_as_a_comma_and_keeps_the_other_reading():
    first, second = read_amount("1.234", decimals=0)
    assert (first.text, first.value) == ("1,234", 1234.0)
    assert (second.text, second.value) == ("1.234", 1.234)
    # without the table's decimals the strict reading comes first
    assert [r.text for r in read_amount("1.234")] == ["1.234", "1,234"]
    # and in a table that groups no thousands, where no comma can have been read as a point
    assert [r.text for r in read_amount("1.234", decimals=0, grouped=False)] == ["1.234", "1,234"]


def test_looks_like_amount():
    assert looks_like_amount("21.968.00") and looks_like_amount("359.95")
    assert not looks_like_amount("部门名称") and not looks_like_amount("2,1968.00")


def test_a_form_date_time_stamp_is_no_amount():
    assert parse_amount("20240111171542") is None and read_amount("20240111171542") == []
    # a fourteen-digit figure that is no valid date and time stays a number
    assert parse_amount("20241311171542") == 20241311171542.0
    assert parse_amount("2024011117") == 2024011117.0  # too short for a stamp
