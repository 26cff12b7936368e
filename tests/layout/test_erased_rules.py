"""Tables whose scan lost rules: a column rule worn away from top to bottom (its amounts
still stand in two columns), and row rules overhanging the frame (an empty band outside
it is no column)."""

from __future__ import annotations

from fiscalocr.layout import find_layout
from fiscalocr.layout.erased_columns import column_cuts
from fiscalocr.layout.options import DEFAULT_OPTIONS
from fiscalocr.layout.pieces import Char, Piece

REVENUE = [
    ["项目", "合计", "小计", "一般公共预算", "上年结转"],
    ["合计", "193.74", "191.90", "191.90", "1.84"],
    ["公共安全支出", "179.67", "177.83", "177.83", "1.84"],
    ["司法", "179.67", "177.83", "177.83", "1.84"],
    ["行政运行", "29.27", "27.43", "27.43", "1.84"],
    ["一般行政管理事务", "7.60", "7.60", "7.60", ""],
]
WIDTHS = [130, 60, 60, 80, 60]


def _spec():
    from fiscalocr.testing.specimen import spec_from_rows

    return spec_from_rows(REVENUE, WIDTHS, row_height=22, header_rows=1)


def test_a_column_rule_worn_away_top_to_bottom_is_found_from_the_amounts(maker):
    """augraphy's worn lines erase a column rule down the whole table (bench-v2 medium p6):
    the grid kept one column holding ``193.74 191.90`` in every row, which is no amount."""
    spec = _spec()
    work = maker.work(maker.page([(spec, 60, 120)]))
    px = work.px_per_pt
    for x in (60 + 130 + 60, 60 + 130 + 120):  # the rules right of 合计 and of 小计
        work.image[:, int((x - 1.5) * px) : int((x + 1.5) * px)] = 255
    (table,) = find_layout(work).tables
    assert (table.n_rows, table.n_cols) == (6, 5)
    values = {(c.row, c.col): c.value for c in table.cells}
    assert [values[(1, col)] for col in range(1, 5)] == [193.74, 191.90, 191.90, 1.84]
    assert values[(5, 1)] == 7.60 and values[(5, 3)] == 7.60
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)


def _piece(text: str, x0: float, y: float, width: float) -> Piece:
    step = width / len(text)
    chars = tuple(
        Char(ch, (x0 + i * step, y, x0 + (i + 1) * step, y + 10), 0, False)
        for i, ch in enumerate(text)
    )
    return Piece(chars, 1.0)


def test_a_label_beside_an_amount_and_a_single_amount_row_are_not_split():
    """Both sides of the strip must hold printed amounts in two rows or more: a code or
    label beside an amount is a label cell's text, one row of two amounts may be a glued
    read, and a number the OCR broke between its digits is one amount."""
    labelled = [_piece("公共安全支出", 10, 100 + 20 * k, 60) for k in range(3)] + [
        _piece("179.67", 90, 100 + 20 * k, 30) for k in range(3)
    ]
    assert column_cuts(0, 130, labelled, [], DEFAULT_OPTIONS) == []
    one_row = [_piece("193.74", 10, 100, 30), _piece("191.90", 60, 100, 30)]
    one_row += [_piece("7.60", 70, 120, 20)]
    assert column_cuts(0, 100, one_row, [], DEFAULT_OPTIONS) == []
    broken = [_piece("2175", 10, 100 + 20 * k, 22) for k in range(3)]
    broken += [_piece("2.28", 40, 100 + 20 * k, 20) for k in range(3)]
    assert column_cuts(0, 70, broken, [], DEFAULT_OPTIONS) == []  # 21752.28 broken at a gap
    two_rows = one_row + [_piece("29.27", 10, 140, 30), _piece("27.43", 60, 140, 30)]
    (cut,) = column_cuts(0, 100, two_rows, [], DEFAULT_OPTIONS)
    assert 40 < cut < 60


def test_row_rules_running_past_the_frame_make_no_empty_column(maker):
    """Row rules that run 40 pt past the right frame (a smeared or overhanging rule) made
    an empty band outside it a column, so the table's continuation no longer matched its
    columns; a last column empty on its page but inside a printed frame stays."""
    import pymupdf

    spec = _spec()
    page = maker.page([(spec, 60, 120)])
    right = 60 + sum(WIDTHS)
    for k in range(len(REVENUE) + 1):
        y = 120 + 22 * k
        page.draw_line(pymupdf.Point(right, y), pymupdf.Point(right + 40, y), width=0.8)
    (table,) = find_layout(maker.work(page)).tables
    assert (table.n_rows, table.n_cols) == (6, 5)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)

    empty_last = [row[:-1] + [""] for row in REVENUE[1:]]
    from fiscalocr.testing.specimen import spec_from_rows

    continuation = spec_from_rows(empty_last, WIDTHS, row_height=22, header_rows=0)
    (table,) = find_layout(maker.work(maker.page([(continuation, 60, 120)]))).tables
    assert (table.n_rows, table.n_cols) == (5, 5)


def test_a_stray_mark_beside_the_frame_is_no_column_of_text_but_a_column_is():
    """augraphy's dirt beside a real continuation page's right frame read as ``.<382.``, two
    pieces of one line: the grid grew an extra column, and the page no longer joined its
    table (30 amounts). Text outside the frame in two rows is a missing border."""
    from fiscalocr.layout.geometry import RuleLine
    from fiscalocr.layout.textgrid import widen_to_text

    rules = [RuleLine("h", 100.0 + 20 * k, 50.0, 400.0) for k in range(4)]
    rules += [RuleLine("v", x, 100.0, 160.0) for x in (50.0, 200.0, 400.0)]
    mark = [_piece(".<", 426, 105, 3), _piece("382.", 434, 105, 13)]
    assert widen_to_text(rules, mark, DEFAULT_OPTIONS) == rules
    column = [_piece("1.84", 420, 104 + 20 * k, 20) for k in range(3)]
    (edge, *_) = widen_to_text(rules, column, DEFAULT_OPTIONS)[len(rules) :]
    assert edge.orientation == "v" and edge.pos == 442.0


def test_a_piece_boxed_far_wider_than_its_digits_does_not_hide_the_column_line():
    """Seed 002 p10 (office style, our ``medium``): a copier streak glued to ``33.52`` gave
    it a box over 132 pt of the column where its digits take 25, across the gap between
    基本支出 and 项目支出, so the erased line was never looked for and three rows read
    ``3516355.83 1049675.81``, no amount."""
    rows = [("3516355.83", "1049675.81"), ("3191074.77", "1049675.81"), ("4240750.58", "12.00")]
    body = [_piece(a, 5, 100 + 20 * k, 46) for k, (a, _) in enumerate(rows)]
    body += [_piece(b, 75, 100 + 20 * k, 46) for k, (_, b) in enumerate(rows)]
    glued = _piece("33.52", 8, 160, 120)
    (cut,) = column_cuts(0, 130, [*body, glued], [], DEFAULT_OPTIONS)
    assert 51 < cut < 75


BUDGET = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "319.49", "116.49", "203.00"],
    ["2011301", "行政运行", "116.23", "116.23", ""],
    ["2011308", "招商引资", "190.00", "", "190.00"],
    ["2011399", "其他商贸事务支出", "13.00", "", "13.00"],
]
BUDGET_WIDTHS = [70, 150, 60, 70, 70]


def test_two_rule_segments_faded_round_an_empty_cell_leave_three_cells(maker):
    """Seed 000 (print, no repeated header) p9, our ``medium`` damage: in the 招商引资 row
    both rules round the empty 基本支出 cell faded, so one cell spanned 合计 to 项目支出 and
    held ``190.00 190.00``, which is no amount. The two amounts stand a column apart,
    each in a column of its own: the row keeps its three cells."""
    from fiscalocr.testing.specimen import spec_from_rows

    spec = spec_from_rows(BUDGET, BUDGET_WIDTHS, row_height=20, header_rows=1)
    left, top = 60, 120
    work = maker.work(maker.page([(spec, left, top)]))
    px = work.px_per_pt
    row_top, row_bottom = top + 3 * 20, top + 4 * 20
    for x in (left + 280, left + 350):  # the rules either side of 基本支出, in that row only
        rows = slice(int((row_top + 1.5) * px), int((row_bottom - 1.5) * px))
        work.image[rows, int((x - 1.5) * px) : int((x + 1.5) * px)] = 255
    (table,) = find_layout(work).tables
    assert (table.n_rows, table.n_cols) == (5, 5)
    row = {c.col: c for c in table.cells if c.row == 3}
    assert (row[2].value, row[2].colspan, row[4].value) == (190.00, 1, 190.00)
    assert row[3].value is None
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)


def test_two_row_rules_faded_round_an_empty_cell_leave_three_cells(maker):
    """The same down a column (bench-v2 medium p11 under augraphy: a phantom row 4 pt
    tall between two ``27.43`` whose row rules faded in that column, and one cell held
    ``27.43 27.43``): 203.00 and 190.00, an empty 项目支出 cell between them, stay apart."""
    from fiscalocr.testing.specimen import spec_from_rows

    spec = spec_from_rows(BUDGET, BUDGET_WIDTHS, row_height=20, header_rows=1)
    left, top = 60, 120
    work = maker.work(maker.page([(spec, left, top)]))
    px = work.px_per_pt
    columns = slice(int((left + 350 + 1.5) * px), int((left + 420 - 1.5) * px))
    for y in (top + 2 * 20, top + 3 * 20):  # the rules above and below 行政运行's 项目支出
        work.image[int((y - 1.5) * px) : int((y + 1.5) * px), columns] = 255
    (table,) = find_layout(work).tables
    column = {c.row: c for c in table.cells if c.col == 4}
    assert (column[1].value, column[1].rowspan, column[3].value) == (203.00, 1, 190.00)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
