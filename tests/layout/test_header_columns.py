"""Columns of a rule-less table that the body leaves empty, named by its header.

The boxes are those of a synthetic final account's page (``一般公共预算财政拨款支出决算表``
printed with horizontal rules only): centred headers, left-aligned codes and names,
right-aligned amounts, and a ``项目支出`` column with no amount on the page.
"""

from __future__ import annotations

from fiscalocr.layout.header_columns import is_column_numbering
from fiscalocr.layout.pieces import Char, Piece
from fiscalocr.layout.textgrid import column_positions


def piece(text: str, x0: float, y0: float, x1: float, y1: float) -> Piece:
    return Piece((Char(text, (x0, y0, x1, y1), 0, False),), 1.0)


HEADER = [
    piece("项目", 280, 68, 300, 79),
    piece("本年支出", 628, 68, 668, 79),
    piece("功能分类科目编码", 81, 88, 161, 99),
    piece("科目名称", 327, 88, 367, 99),
    piece("小计", 544, 88, 564, 99),
    piece("基本支出", 618, 88, 658, 99),
    piece("项目支出", 712, 88, 752, 99),
    piece("栏次", 280, 109, 300, 119),
    piece("1", 551, 109, 556, 119),
    piece("2", 635, 109, 640, 119),
    piece("3", 729, 109, 734, 119),
]
BODY = [
    piece("22102", 66, 129, 91, 139),
    piece("住房改革支出", 181, 129, 241, 139),
    piece("0.85", 568, 129, 588, 139),
    piece("0.85", 662, 129, 682, 139),
    piece("2210201", 66, 149, 101, 159),
    piece("住房公积金", 181, 149, 231, 159),
    piece("0.85", 568, 149, 588, 159),
    piece("0.85", 662, 149, 682, 159),
]


def test_an_empty_last_column_named_by_the_header_gets_its_line():
    cuts = column_positions(63.7, 778.3, BODY, 4.0, HEADER)
    assert len(cuts) == 4  # codes | names | 小计 | 基本支出 | 项目支出
    assert 101 < cuts[0] < 181 and 241 < cuts[1] < 544
    assert 588 < cuts[2] < 618
    assert 682 < cuts[3] < 712  # between 基本支出's amounts and the 项目支出 header


def test_headers_beside_their_columns_make_no_column():
    """Every header cell lies beside its column here (centred over short text): with the
    项目支出 column holding amounts too, the header names no more columns than the body
    shows and the lines are alignment's alone (the last between the two amount columns,
    not round the 项目支出 header)."""
    body = BODY + [piece("1.00", 740, 129, 760, 139)]
    cuts = column_positions(63.7, 778.3, body, 4.0, HEADER)
    assert len(cuts) == 4
    assert 682 < cuts[3] < 740  # between 基本支出's amounts and 项目支出's


def test_an_empty_middle_column_is_cut_round_its_header():
    body = [p for p in BODY if p.bbox[0] != 662] + [piece("0.85", 756, 129, 776, 139)]
    cuts = column_positions(63.7, 778.3, body, 4.0, HEADER)
    assert len(cuts) == 4
    assert 588 < cuts[2] < 618 and 658 < cuts[3] < 712


def test_column_numbering_rows():
    assert is_column_numbering([piece("栏次", 0, 0, 20, 10), piece("1", 50, 0, 55, 10)])
    assert is_column_numbering([piece("1", 50, 0, 55, 10), piece("2", 90, 0, 95, 10)])
    assert not is_column_numbering([piece("12", 50, 0, 60, 10), piece("3", 90, 0, 95, 10)])
    assert not is_column_numbering([piece("1", 50, 0, 55, 10), piece("8.50", 90, 0, 110, 10)])
    assert not is_column_numbering([piece("项目", 0, 0, 20, 10), piece("行次", 50, 0, 70, 10)])


def test_header_cells_span_the_empty_cells_beside_them():
    """``项目`` centred over code and name columns takes the empty code cell; ``本年支出``
    takes the empty cells of 小计 and 项目支出; the 栏次 row's numbers span nothing; a
    label set at its cell's left edge spans nothing; a cell open below (a row span) stays."""
    from fiscalocr.layout.header_spans import header_groups, total_row_groups

    columns = [63.7, 170.6, 455.6, 602.7, 696.7, 778.3]
    ruled = [True] * 5
    row0 = [HEADER[0], HEADER[1]]
    assert header_groups(columns, row0, ruled, ruled, 4.0) == [1, 1, 3, 3, 3]
    open_below = [True, True, False, True, True]
    assert header_groups(columns, row0, ruled, open_below, 4.0) == [1, 1, 2, 3, 3]
    numbers = HEADER[7:]
    assert header_groups(columns, numbers, ruled, ruled, 4.0) == [1, 1, 2, 3, 4]
    label = [piece("一、政府采购情况", 66, 129, 146, 139)]
    assert header_groups(columns, label, ruled, ruled, 4.0) == [0, 1, 2, 3, 4]
    total = [piece("合计", 300, 129, 320, 139), piece("134.06", 568, 129, 598, 139)]
    assert total_row_groups(columns, total) == [1, 1, 2, 3, 4]
    assert total_row_groups(columns, BODY[:3]) == [0, 1, 2, 3, 4]
