"""Cutting OCR lines glued across table cells (pure; no engine)."""

from __future__ import annotations

import pytest

from fiscalocr.model import CharAlternative, Line
from fiscalocr.ocr.glued import cut_points, split_glued


def line_of(text: str, x0: float = 100.0, pitch: float = 5.0) -> Line:
    boxes = [(x0 + i * pitch, 10.0, x0 + (i + 1) * pitch, 20.0) for i in range(len(text))]
    alts = [[CharAlternative(char=c, prob=0.9)] for c in text]
    return Line(
        text=text,
        bbox=(x0, 10.0, boxes[-1][2], 20.0),
        conf=0.9,
        char_boxes=boxes,
        char_alternatives=alts,
    )


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("82,096,797.4282,096,797.42", ["82,096,797.42", "82,096,797.42"]),
        ("12,029,501.84|12,029,501.84", ["12,029,501.84", "12,029,501.84"]),
        ("1,234.56 7.00", ["1,234.56", "7.00"]),
        ("0.000.00-5.10", ["0.00", "0.00", "-5.10"]),
        ("一般公共服务支出", ["一般公共服务支出"]),
        ("2024年 预算", ["2024年 预算"]),  # a space beside a letter is text
        ("371,514,655.00", ["371,514,655.00"]),
        ("1234.5678", ["1234.5678"]),  # not well-formed amounts: left alone
    ],
)
def test_cut_points(text, pieces):
    assert [text[a:b] for a, b in cut_points(text)] == pieces


def test_split_keeps_boxes_and_alternatives():
    first, second = split_glued(line_of("1,234.56|7,890.12"))
    assert (first.text, second.text) == ("1,234.56", "7,890.12")
    assert first.bbox == (100.0, 10.0, 140.0, 20.0)
    assert second.bbox == (145.0, 10.0, 185.0, 20.0)  # the rule character is dropped
    assert len(second.char_boxes) == len(second.char_alternatives) == 8
    assert second.char_alternatives[0][0].char == "7"
