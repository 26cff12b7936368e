"""A glyph's stroke inside one row is no column rule.

Seed 000 print p7 (Chromium, our damage): the OCR lost the 十 of 十一、节能环保支出 and of
十三、农林水支出, so no character box covered their vertical strokes, and each 9 pt
stroke, centred in its 17 pt row, stood within 4 pt of both row rules: a column line
for the whole table, and every other row's label cell spanned two columns. Drawn here
as the same kind of stroke (10 pt) in the blank before a label whose text has no 十.
"""

from __future__ import annotations

from fiscalocr.layout import find_layout
from fiscalocr.testing.specimen import spec_from_rows

ROWS = [
    ["科目编码", "项目", "预算数"],
    ["207", "九、文化旅游体育与传媒支出", "12.00"],
    ["208", "十、社会保障和就业支出", "21.45"],
    ["211", "一、节能环保支出", "3.20"],
    ["212", "十二、城乡社区支出", "5.00"],
    ["213", "三、农林水支出", "0.80"],
]
WIDTHS = [60, 210, 80]
LEFT, TOP, ROW = 60, 120, 17


def test_a_lost_glyphs_stroke_in_one_row_cuts_no_column(maker):
    # rows 3 and 5 are drawn with their labels set 12 pt in (where 十 would stand), and the
    # 十's vertical stroke, 10 pt tall, in the blank
    rows = [[row[0], ("" if k in (3, 5) else row[1]), row[2]] for k, row in enumerate(ROWS)]
    spec = spec_from_rows(rows, WIDTHS, row_height=ROW, header_rows=1)
    x0 = LEFT + WIDTHS[0]  # the label column's left rule
    labels = [((x0 + 12, TOP + ROW * k + 12.5), ROWS[k][1], 9) for k in (3, 5)]
    page = maker.page([(spec, LEFT, TOP)], extra_text=labels)
    for k in (3, 5):
        mid = TOP + ROW * k + ROW / 2
        page.draw_line((x0 + 7, mid - 5), (x0 + 7, mid + 5), color=(0, 0, 0), width=1.0)
    (table,) = find_layout(maker.work(page)).tables
    assert (table.n_rows, table.n_cols) == (6, 3)
    labels_read = {c.row: c.text for c in table.cells if c.col == 1}
    assert labels_read[3] == "一、节能环保支出" and labels_read[5] == "三、农林水支出"
    assert {(c.row, c.colspan) for c in table.cells if c.col == 1} == {(r, 1) for r in range(6)}


def test_a_rule_drawn_through_one_row_still_splits_it(maker):
    """A printed segment that runs its row's height is a cell border (a guard: passes
    before the change)."""
    spec = spec_from_rows(ROWS, WIDTHS, row_height=ROW, header_rows=1)
    page = maker.page([(spec, LEFT, TOP)])
    top = TOP + ROW * 3
    x = LEFT + WIDTHS[0] + 150
    page.draw_line((x, top), (x, top + ROW), color=(0, 0, 0), width=0.6)
    (table,) = find_layout(maker.work(page)).tables
    assert table.n_cols == 4
