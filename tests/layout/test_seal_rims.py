"""A seal's rim inside a table is no column rule.

Seed 000 (print, no repeated header) p10, our ``medium`` damage: a seal stamped over the
table's lower left corner was taken off the raster, but where JPEG had greyed its red the
ring passed for black ink, and a piece of it one row tall, standing on the table's bottom
rule, cut the last row into an extra column. The continuation then had six columns to
its table's five, joined nothing, and its 26 amounts reached no truth cell.
"""

from __future__ import annotations

from fiscalocr.layout import analyse_page, join_tables
from fiscalocr.layout.geometry import RuleLine
from fiscalocr.layout.stray_rules import without_seal_rims
from fiscalocr.testing.specimen import spec_from_rows

HEADER = [["部门预算支出经济科目名称", "政府预算支出经济科目名称", "合计", "人员经费", "公用经费"]]
NAMES = ["办公费", "印刷费", "水费", "电费", "邮电费", "取暖费", "差旅费", "培训费"]
NAMES += ["工会经费", "福利费", "其他交通费用", "奖励金"]
WIDTHS = [170, 140, 60, 70, 70]
LEFT, TOP, ROW = 36.0, 40.0, 18.0
RIM_X = LEFT + 74  # in the first column, right of the short label 奖励金


def _rows(names: list[str], start: int) -> list[list[str]]:
    return [
        [name, "办公经费", f"{start + k}.{k:02d}", "", f"{start + k}.{k:02d}"]
        for k, name in enumerate(names)
    ]


def _two_pages(maker, seal_recorded: bool):
    """A table and its header-less continuation; on the continuation, the seal ``ocr/``
    found (when ``seal_recorded``) and the dark rim piece its removal left."""
    first = spec_from_rows(
        HEADER + _rows(NAMES[:4], 1),
        WIDTHS,
        row_height=ROW,
        header_rows=1,
        title="一般公共预算基本支出经济分类预算表",
        unit="万元",
    )
    rest = NAMES[4:]
    continuation = spec_from_rows(_rows(rest, 5), WIDTHS, row_height=ROW, header_rows=0)
    maker.page([(first, LEFT, 120)])
    maker.page([(continuation, LEFT, TOP)])
    works = [maker.work(index) for index in range(2)]
    second = works[1]
    bottom = TOP + ROW * len(rest)
    if seal_recorded:
        second.page.seals = [(0.0, bottom - 70.0, 115.0, bottom + 60.0)]
    px = second.px_per_pt
    rows = slice(int((bottom - ROW) * px), int(bottom * px) + 1)
    second.image[rows, int((RIM_X - 0.7) * px) : int((RIM_X + 0.7) * px)] = (60, 60, 110)
    for work in works:
        analyse_page(work)
    return works


def test_a_rim_piece_inside_a_recorded_seal_adds_no_column(maker):
    works = _two_pages(maker, seal_recorded=True)
    (table,) = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert (table.n_rows, table.n_cols, table.pages) == (13, 5, [1, 2])
    last = {c.col: c for c in table.cells if c.row == 12}
    assert last[0].text == "奖励金"
    assert (last[2].value, last[4].value) == (12.07, 12.07)


def test_the_same_piece_outside_any_seal_stays_a_rule(maker):
    """Without a recorded seal the piece is a printed rule like any other: it reaches the
    table's bottom rule, so the last row gets a column the table does not have."""
    works = _two_pages(maker, seal_recorded=False)
    assert works[1].tables[0].n_cols == 6


def test_a_column_rule_passing_under_a_seal_keeps_its_pieces():
    """The seal's ink breaks a printed rule into pieces; the piece inside the seal's box
    is continued by the one outside it, so both stay. Rows crossing the box stay too."""
    seal = (0.0, 100.0, 120.0, 220.0)
    rim = RuleLine("v", 109.0, 190.0, 212.0)
    column_inside = RuleLine("v", 60.0, 120.0, 215.0)
    column_outside = RuleLine("v", 60.0, 40.0, 118.0)
    row = RuleLine("h", 200.0, 36.0, 550.0)
    ring_top = RuleLine("h", 104.0, 20.0, 90.0)
    kept = without_seal_rims([rim, column_inside, column_outside, row, ring_top], [seal], 3.0)
    assert kept == [column_inside, column_outside, row]


def test_a_short_tables_column_rules_under_a_seal_stay():
    """Seed 000 p16 (office style): a seal covers a whole four-row table, so its column
    rules end inside the seal's box with nothing outside to continue them. They stand
    well inside the ring, where a circle is no straight line: they are the table's."""
    seal = (145.0, 70.0, 261.0, 160.0)
    columns = [RuleLine("v", x, 95.0, 140.0) for x in (172.6, 215.7)]
    rim = RuleLine("v", 254.0, 100.0, 125.0)  # at the ring's right extreme (255.7)
    assert without_seal_rims([*columns, rim], [seal], 3.0) == columns
