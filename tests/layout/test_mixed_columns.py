"""A form broken by the page whose two parts print other columns is still one table."""

from __future__ import annotations

from fiscalocr.layout import analyse_page, join_tables
from fiscalocr.testing.specimen import spec_from_rows

FUND_WIDTHS = [100, 120, 120, 100]  # column lines at 0, 100, 220, 340, 440
INDICATOR_WIDTHS = [100, 60, 60, 60, 60, 100]  # 0, 100, 160, 220, 280, 340, 440
FUND_ROWS = [
    ["项目名称", "招商引资工作经费", "<", "<"],
    ["项目资金(元)", "实施期总额", "1,300,000", "年度资金"],
    ["^", "中央财政资金", "0", "0"],
    ["^", "市县财政资金", "1,300,000", "1,100,000"],
]
INDICATOR_ROWS = [
    ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标"],
    ["产出指标", "数量指标", "驻外人数", "12人", "数量指标", "驻外人数"],
    ["^", "质量指标", "客商批次", "15次", "质量指标", "客商批次"],
]


def _pages(maker, below_first: str | None):
    fund = spec_from_rows(FUND_ROWS, FUND_WIDTHS, row_height=24, title="项目支出绩效目标表")
    indicators = spec_from_rows(INDICATOR_ROWS, INDICATOR_WIDTHS, row_height=24, header_rows=0)
    footer = [((290, 810), "- 19 -", 9)]
    if below_first is not None:
        footer.append(((80, 760), below_first, 10))
    maker.page([(fund, 60, 600)], extra_text=footer)
    maker.page([(indicators, 60, 60)])
    works = [maker.work(index, dpi=100) for index in range(2)]
    for work in works:
        analyse_page(work)
    return works


def test_a_continuation_with_other_columns_joins_on_the_union_of_both(maker):
    works = _pages(maker, below_first=None)
    fragments = [t for w in works for t in w.tables]
    assert [(t.n_cols, t.header_rows) for t in fragments] == [(4, 1), (6, 1)]

    (table,) = join_tables([w.page for w in works], fragments)
    assert (table.pages, table.n_rows, table.n_cols) == ([1, 2], 7, 6)
    placed = {(c.row, c.col, c.colspan): c.text for c in table.cells}
    # The fund part's middle columns each span two of the indicator part's.
    assert placed[(1, 3, 2)] == "1,300,000" and placed[(3, 5, 1)] == "1,100,000"
    assert placed[(4, 1, 1)] == "二级指标" and placed[(5, 2, 1)] == "驻外人数"
    assert [c.value for c in table.cells if c.row == 3 and c.col >= 3] == [1300000, 1100000]


def test_body_text_under_the_first_part_keeps_the_tables_apart(maker):
    works = _pages(maker, below_first="注：以上项目资金由本级财政安排，按季度拨付到位。")
    tables = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert [(t.pages, t.n_cols) for t in tables] == [([1], 4), ([2], 6)]


def test_a_second_part_whose_grid_took_in_a_title_opens_its_own_table(maker):
    fund = spec_from_rows(FUND_ROWS, FUND_WIDTHS, row_height=24, title="项目支出绩效目标表")
    titled = [["一般公共预算支出预算表", "<", "<", "<", "<", "<"], *INDICATOR_ROWS]
    indicators = spec_from_rows(titled, INDICATOR_WIDTHS, row_height=24, header_rows=0)
    maker.page([(fund, 60, 600)])
    maker.page([(indicators, 60, 60)])
    works = [maker.work(index, dpi=100) for index in range(2)]
    for work in works:
        analyse_page(work)
    tables = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert [(t.pages, t.n_cols) for t in tables] == [([1], 4), ([2], 6)]
