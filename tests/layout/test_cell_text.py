"""How a cell's fragments become its text."""

from __future__ import annotations

import pytest

from fiscalocr.layout.pieces import join_fragments


@pytest.mark.parametrize(
    "parts, expected",
    [
        (["2|"], "2"),  # the cell's right rule read as a glyph
        (["丨合计", "1,234.00"], "合计1,234.00"),
        (["一般公共", "服务支出"], "一般公共服务支出"),
        (["12.30", "45.60"], "12.30 45.60"),
        (["|"], ""),
    ],
)
def test_fragments_join_without_rule_glyphs(parts, expected):
    assert join_fragments(parts) == expected
