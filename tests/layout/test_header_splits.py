"""Rules that faded in a header row only: the header's cells stay apart; and a frame rule
that runs on alone past the table's top makes no row.

Seed 000 print-norepeat p9 under our fading (rendered by Chromium, scanned at 150 dpi):
the column rules between 合计, 基本支出 and 项目支出 were gone in the header row, so one
header cell read ``合计基本支出项目支出`` over three columns, and the rule under it was gone
too, so 科目编码 and the total row's 合计 shared a cell. Here the same table is drawn and
those rule segments painted out of its raster.
"""

from __future__ import annotations

from fiscalocr.layout import find_layout
from fiscalocr.testing.specimen import spec_from_rows

ROWS = [
    ["项目", "<", "2024年预算数", "<", "<"],
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["合计", "<", "359.95", "156.95", "203.00"],
    ["201", "一般公共服务支出", "319.49", "116.49", "203.00"],
    ["20113", "商贸事务", "319.23", "116.23", "203.00"],
    ["2011301", "行政运行", "116.23", "116.23", ""],
    ["2011308", "招商引资", "190.00", "", "190.00"],
]
WIDTHS = [70, 150, 60, 70, 70]
LEFT, TOP, ROW = 60, 120, 18


def _erase(work, x0, y0, x1, y1):
    px = work.px_per_pt
    work.image[int(y0 * px) : int(y1 * px), int(x0 * px) : int(x1 * px)] = 255


def test_header_cells_stay_apart_where_their_rules_faded(maker):
    spec = spec_from_rows(ROWS, WIDTHS, row_height=ROW, header_rows=2)
    work = maker.work(maker.page([(spec, LEFT, TOP)]))
    header_top, body_top = TOP + ROW, TOP + 2 * ROW
    for x in (LEFT + 280, LEFT + 350):  # the rules left of 基本支出 and of 项目支出
        _erase(work, x - 1.5, header_top + 1.5, x + 1.5, body_top - 1.5)
    _erase(work, LEFT + 1.5, body_top - 1.5, LEFT + 68.5, body_top + 1.5)  # under 科目编码
    _erase(work, LEFT + 281.5, body_top - 1.5, LEFT + 418.5, body_top + 1.5)
    (table,) = find_layout(work).tables
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
    values = {(c.row, c.col): c.value for c in table.cells}
    assert values[(2, 3)] == 156.95 and values[(2, 4)] == 203.00


def test_a_header_spanning_three_columns_keeps_its_span(maker):
    """The same table, nothing erased: 2024年预算数 stands centred over three columns with
    no rule under it across them, and stays one cell (a guard: passes before the change)."""
    spec = spec_from_rows(ROWS, WIDTHS, row_height=ROW, header_rows=2)
    (table,) = find_layout(maker.work(maker.page([(spec, LEFT, TOP)]))).tables
    (span,) = [c for c in table.cells if c.text == "2024年预算数"]
    assert (span.row, span.col, span.rowspan, span.colspan) == (0, 2, 1, 3)


def test_a_frame_rule_running_on_through_a_glyph_makes_no_row(maker):
    """Seed 002 office p5 (our damage, deskewed 1.57°): the left frame rule ran 14 pt up
    into the 部 of the department line above the table, which became a first row
    spanning every column. One rule running on alone is no open side."""
    spec = spec_from_rows(ROWS, WIDTHS, row_height=ROW, header_rows=2)
    page = maker.page(
        [(spec, LEFT, TOP)], extra_text=[((LEFT + 2, TOP - 4), "部门名称：阳城县投资促进中心", 9)]
    )
    page.draw_line((LEFT, TOP - 14), (LEFT, TOP), color=(0, 0, 0), width=0.6)
    (table,) = find_layout(maker.work(page)).tables
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
    assert not any("部门名称" in c.text for c in table.cells)


def test_an_open_top_still_makes_its_row(maker):
    """Every column rule running on past the last row rule is an open side: the row
    above it stays (a guard: passes before the change)."""
    spec = spec_from_rows(ROWS, WIDTHS, row_height=ROW, header_rows=2)
    page = maker.page([(spec, LEFT, TOP)])
    xs = [LEFT + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
    for x in xs:
        page.draw_line((x, TOP - ROW), (x, TOP), color=(0, 0, 0), width=0.6)
    page.insert_text((xs[2] + 4, TOP - 5), "上年数", fontname="china-s", fontsize=9)
    (table,) = find_layout(maker.work(page)).tables
    assert table.n_rows == len(ROWS) + 1
    assert any(c.text == "上年数" and c.row == 0 for c in table.cells)


def test_one_header_text_broken_at_a_column_line_keeps_its_span(maker):
    """sh-putuo-justice p12 (our damage): 功能分类科目编码 spans three narrow code columns,
    and its two pieces (功能分类科 | 目编码) end and start at a column line printed in the
    body, with a gap of 5 pt between them. Their ends at the line say it is one text, not
    two cells."""
    import pymupdf

    rows = [
        ["", "<", "<", "科目名称", "合计"],
        ["201", "01", "01", "行政运行", "1,118.30"],
        ["201", "01", "02", "一般行政管理事务", "253.22"],
        ["201", "01", "99", "其他事务支出", "12.00"],
    ]
    widths = [40, 40, 40, 150, 80]
    spec = spec_from_rows(rows, widths, row_height=ROW, header_rows=1)
    line_x = LEFT + 80  # the rule between the second and third code columns
    first, second = "功能分类科", "目编码"
    size = 9
    w = pymupdf.get_text_length(first, fontname="china-s", fontsize=size)
    baseline = TOP + ROW - 5
    page = maker.page(
        [(spec, LEFT, TOP)],
        extra_text=[
            ((line_x - w - 2.5, baseline), first, size),
            ((line_x + 2.5, baseline), second, size),
        ],
    )
    (table,) = find_layout(maker.work(page)).tables
    (head,) = [c for c in table.cells if c.row == 0 and c.col == 0]
    assert (head.colspan, head.text) == (3, "功能分类科目编码")
