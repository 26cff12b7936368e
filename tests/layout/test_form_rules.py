"""A performance form's column rules survive the faint pieces its text cells leave.

Seed 002 (print) p23, our ``medium`` damage (faded ink, JPEG 46): the glyph edges of the
form's paragraph cells read as short faint vertical pieces every two or three points.
The rule merger chained pieces by position alone, so those pieces linked every column
rule from the third to the last into one group, and the rules that overlapped along the
line were averaged into one: the 10-column form came out with 4 columns, and its amounts
were read as ``70 70 50.329 50.329`` in one cell or reached none (about 40 amounts over
the two print renders).

The test paints such a field of faint pieces into a rendered form's text cells, as the
seal-rim test paints its rim: our specimen fonts do not fade into that pattern.
"""

from __future__ import annotations

from fiscalocr.layout import analyse_page
from fiscalocr.layout.geometry import RuleLine
from fiscalocr.layout.rules import merge_collinear
from fiscalocr.layout.stray_rules import drop_stray_verticals
from fiscalocr.testing.specimen import spec_from_rows

L = "<"
COL, LEFT, TOP = 77.0, 33.0, 60.0
ROWS = [
    ["项目名称", L, "招商引资专项经费", L, L, L, L, L, L, L],
    ["项目资金(万元)", L, L, "年初预算数", L, "全年预算数", "全年执行数", "资金结余", "执行率", "得分"],
    ["", "资金总额:", L, "70", "70", "50.329", "50.329", "0", "100", "10"],
    ["市县区财政资金", L, "70", "70", "50.329", "50.329", "0", "100.00", L, "10.00"],
    ["项目绩效分析", "项目实施情况", L, "", L, L, L, L, L, L],
    ["", "产出情况", L, "", L, L, L, L, L, L],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "产出指标", "数量指标", "招商引资举办次数", "≥5次", "≥5次", "≥5次", "20", "20", ""],
    ["", "", "质量指标", "招商引资完成率", "=95%", "=95%", "=100%", "10", "10", ""],
]  # fmt: skip
TEXT_ROWS = (4, 5)
SPECK_STEP_PT, SPECK_GREY = 2.5, 215


def _form_work(maker, specks: bool):
    spec = spec_from_rows(ROWS, [COL] * 10, row_height=16.0, header_rows=0)
    for row in TEXT_ROWS:
        spec.row_heights[row] = 44.0
    page = maker.page([(spec, LEFT, TOP)], width=842, height=595)
    work = maker.work(page)
    if specks:
        px = work.px_per_pt
        tops = [TOP + sum(spec.row_heights[:row]) for row in TEXT_ROWS]
        for row_top in tops:
            for line in range(3):  # three lines of faded text, 8 pt tall
                y = row_top + 4 + 13 * line
                x = LEFT + 3 * COL + 1.5
                while x < LEFT + 10 * COL - 1:
                    work.image[int(y * px) : int((y + 8) * px), int(x * px)] = SPECK_GREY
                    x += SPECK_STEP_PT
    analyse_page(work)
    return work


def test_faint_specks_across_text_cells_leave_the_form_its_ten_columns(maker):
    (table,) = _form_work(maker, specks=True).tables
    assert (table.n_rows, table.n_cols) == (9, 10)
    amounts = {c.col: c.value for c in table.cells if c.row == 2 and c.value is not None}
    assert amounts == {3: 70.0, 4: 70.0, 5: 50.329, 6: 50.329, 7: 0.0, 8: 100.0, 9: 10.0}
    scores = {c.col: c.value for c in table.cells if c.row == 7 and c.value is not None}
    assert scores == {7: 20.0, 8: 20.0}


def test_the_same_form_without_specks_reads_alike(maker):
    (table,) = _form_work(maker, specks=False).tables
    assert (table.n_rows, table.n_cols) == (9, 10)


def test_pieces_are_chained_along_the_line_not_by_position_alone():
    """Two overlapping rules 77 pt apart, a ladder of short pieces 2.5 pt apart between
    them further down: the rules stay two, at their own positions."""
    rules = [RuleLine("v", 265.0, 88.0, 150.0), RuleLine("v", 342.0, 88.0, 150.0)]
    ladder = [RuleLine("v", 265.0 + 2.5 * k, 360.0, 364.0, faint=True) for k in range(1, 31)]
    merged = merge_collinear(rules + ladder, snap=3.0, gap=6.0)
    long = sorted(round(r.pos, 1) for r in merged if r.length > 50)
    assert long == [265.0, 342.0]


def test_a_sloped_rule_broken_into_drifting_pieces_stays_one():
    pieces = [RuleLine("v", 100.0 + 1.5 * k, 20.0 * k, 20.0 * k + 18.0) for k in range(5)]
    (rule,) = merge_collinear(pieces, snap=3.0, gap=6.0)
    assert (rule.start, rule.end) == (0.0, 98.0)


def test_faint_pieces_at_one_x_do_not_vouch_for_each_other():
    """In a table ruled in ink whose inner column rules are short pieces (a form), two
    faint pieces at one x (glyph edges of two text lines) are no column rule; a faint
    piece that an inked rule continues (a header rule too light to binarise) is kept."""
    frame = [RuleLine("h", y, 0.0, 400.0) for y in (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)]
    inked = [RuleLine("v", x, 0.0, 100.0) for x in (0.0, 400.0)] + [RuleLine("v", 200.0, 0.0, 40.0)]
    specks = [
        RuleLine("v", 100.0, 24.0, 36.0, faint=True),
        RuleLine("v", 101.0, 44.0, 56.0, faint=True),
    ]
    header = RuleLine("v", 300.0, 0.0, 20.0, faint=True)
    below = RuleLine("v", 300.0, 20.0, 60.0)
    kept = drop_stray_verticals(frame + inked + specks + [header, below])
    assert sorted({round(r.pos) for r in kept if r.orientation == "v"}) == [0, 200, 300, 400]
    assert header in kept
