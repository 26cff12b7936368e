"""A label spanning columns in a short row keeps its span.

Seed 002's performance forms (Chromium, our damage): 总分 spans the form's first six
columns in a 16 pt row. The column rules stop at that row from above and start again
below it, a point or two past the crossing rules (the scan thickens them), and padded
both ways those two ends covered the row between them: 总分 was cut from its span in
every form. Drawn here with 1.5 pt rules and 14 pt rows.
"""

from __future__ import annotations

from fiscalocr.layout import find_layout
from fiscalocr.testing.specimen import spec_from_rows

ROWS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "招商项目数", "≥10个", "12个", "20", "20"],
    ["效益指标", "社会效益指标", "带动就业", "≥500人", "620人", "30", "28"],
    ["满意度指标", "服务对象满意度", "群众满意度", "≥90%", "95%", "10", "10"],
    ["总分", "<", "<", "<", "<", "60", "58"],
    ["绩效结论", "优", "<", "<", "<", "<", "<"],
]
WIDTHS = [70, 80, 80, 70, 70, 50, 50]


def test_a_label_spanning_five_columns_in_a_short_row_keeps_its_span(maker):
    spec = spec_from_rows(ROWS, WIDTHS, row_height=14, header_rows=1, rule_width=1.5, font_size=8)
    (table,) = find_layout(maker.work(maker.page([(spec, 50, 120)]))).tables
    (total,) = [c for c in table.cells if c.text == "总分"]
    assert (total.row, total.col, total.rowspan, total.colspan) == (4, 0, 1, 5)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
