"""Grids and cell texts of tables drawn on pages the tests render (text-layer lines on the
rendered raster): merged headers, missing borders, weak rules, glued lines, landscape."""

from __future__ import annotations

import pytest

from fiscalocr.layout import analyse_page, find_layout
from fiscalocr.model import Line
from fiscalocr.testing.specimen import spec_from_rows

THREE_PUBLIC = [
    ["合计", "三公经费", "<", "<", "<", "<", "会议费"],
    ["^", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "<", "<", "^"],
    ["^", "^", "^", "小计", "公务用车购置费", "公务用车运行维护费", "^"],
    ["1,656.86", "675.10", "106.00", "156.60", "", "156.60", "884.16"],
]

FUNCTION_CODES = [
    ["功能分类科目编码", "<", "<", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "^", "^", "^", "^"],
    ["201", "", "", "一般公共服务支出", "3,296,600", "0", "3,296,600"],
    ["201", "05", "", "统计信息事务", "438,300", "0", "438,300"],
    ["201", "05", "07", "专项普查活动", "438,300", "0", "438,300"],
    ["208", "", "", "社会保障和就业支出", "12,579,457", "12,579,457", "0"],
    ["合计", "<", "<", "<", "15,876,057", "12,579,457", "3,296,600"],
]


def test_merged_nested_header_cells(maker):
    spec = spec_from_rows(
        THREE_PUBLIC,
        [70, 60, 62, 60, 62, 70, 60],
        row_height=24,
        header_rows=3,
        title="三公经费支出预算表",
        unit="万元",
    )
    work = maker.work(maker.page([(spec, 60, 140)]))
    analyse_page(work)
    (table,) = work.tables
    assert (table.id, table.n_rows, table.n_cols, table.header_rows) == ("p1t1", 4, 7, 3)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
    assert (table.title, table.unit, table.pages) == ("三公经费支出预算表", "万元", [1])
    assert [c.value for c in sorted(table.cells, key=lambda c: c.col) if c.row == 3] == [
        1656.86,
        675.10,
        106.00,
        156.60,
        None,
        156.60,
        884.16,
    ]
    assert all(c.is_header == (c.row < 3) for c in table.cells)
    assert [b.type for b in work.page.blocks] == ["title", "other", "table"]


def test_missing_outer_border_and_split_code_columns(maker):
    spec = spec_from_rows(
        FUNCTION_CODES,
        [30, 30, 30, 150, 75, 75, 75],
        row_height=20,
        header_rows=2,
        rules="no_outer",
    )
    work = maker.work(maker.page([(spec, 50, 100)]))
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols, table.header_rows) == (7, 7, 2)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
    code_cells = [c for c in table.cells if c.col < 3 and c.row >= 2 and c.text]
    assert code_cells and all(c.value is None for c in code_cells)
    assert table.cell_at(6, 4).value == 15876057.0 and table.cell_at(3, 1).text == "05"


@pytest.mark.parametrize("rules", ["horizontal", "booktabs"])
def test_horizontal_rules_only(maker, rules):
    rows = [
        ["项目", "金额", "上年结转", "备注"],
        ["一般公共预算拨款收入", "20,702.25", "", "其中专项"],
        ["政府性基金预算收入", "", "", ""],
        ["事业收入", "147.20", "", "无"],
        ["收入总计", "20,849.45", "", ""],
    ]
    spec = spec_from_rows(rows, [150, 90, 80, 70], row_height=22, header_rows=1, rules=rules)
    work = maker.work(maker.page([(spec, 80, 120)]))
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols, table.header_rows) == (5, 4, 1)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)


def test_table_without_any_rules_from_aligned_amounts(maker):
    rows = [
        ["项目", "本年预算", "上年预算", "增减"],
        ["工资福利支出", "1,234.56", "1,200.00", "34.56"],
        ["商品和服务支出", "86.40", "60.00", "26.40"],
        ["对个人和家庭的补助", "12.00", "", "12.00"],
        ["合计", "1,332.96", "1,260.00", "72.96"],
    ]
    spec = spec_from_rows(
        rows, [150, 80, 80, 70], row_height=20, header_rows=1, rules="none", title="基本支出预算表"
    )
    page = maker.page(
        [(spec, 80, 150)],
        extra_text=[((80, 300), "2024年基本支出1,332.96万元，比上年增加72.96万元。", 10.5)],
    )
    work = maker.work(page)
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.title) == (
        5,
        4,
        1,
        "基本支出预算表",
    )
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
    assert [b.type for b in work.page.blocks] == ["title", "table", "paragraph"]


def _glue(lines: list[Line], left: str, right: str) -> list[Line]:
    """Merge two text-layer lines into one, as OCR detection does with close neighbours
    (PyMuPDF's text layer often glues them already)."""
    if any(line.text == left + right for line in lines):
        return lines
    a = next(line for line in lines if line.text == left)
    b = next(line for line in lines if line.text == right)
    glued = Line(
        text=a.text + b.text,
        bbox=(a.bbox[0], min(a.bbox[1], b.bbox[1]), b.bbox[2], max(a.bbox[3], b.bbox[3])),
        conf=0.9,
        char_boxes=[*a.char_boxes, *b.char_boxes],
    )
    return [line for line in lines if line is not a and line is not b] + [glued]


def test_glued_line_is_split_back_into_its_cells(maker):
    rows = [
        ["收入", "<", "支出", "<"],
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算拨款收入", "24,458.43", "一、一般公共服务支出", "18,000.00"],
        ["二、事业收入", "1,000.00", "二、外交支出", "7,458.43"],
    ]
    spec = spec_from_rows(rows, [140, 70, 120, 70], row_height=20, header_rows=2)
    page = maker.page([(spec, 60, 100)])
    from fiscalocr.testing.specimen import text_layer_lines

    lines = _glue(text_layer_lines(page), "24,458.43", "一、一般公共服务支出")
    assert any(line.text == "24,458.43一、一般公共服务支出" for line in lines)
    work = maker.work(page, lines=lines)
    analyse_page(work)
    (table,) = work.tables
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
    assert table.cell_at(2, 1).value == 24458.43 and table.cell_at(2, 2).value is None
    assert len(work.page.lines) == len(lines), "page.lines keeps all the text"


def _open_early(lines: list[Line], left: str, right: str) -> list[Line]:
    """Two lines from the text layer's ``left + right`` (it glues close neighbours), the
    second box opened over ``left``'s last character and reading it too, as the detector
    does when it starts a box a few points early."""
    glued = next(line for line in lines if line.text == left + right)
    boxes = glued.char_boxes
    a = Line(
        text=left,
        bbox=(boxes[0][0], glued.bbox[1], boxes[len(left) - 1][2], glued.bbox[3]),
        conf=0.99,
        char_boxes=boxes[: len(left)],
    )
    early = Line(
        text=left[-1] + right,
        bbox=(boxes[len(left) - 1][0], glued.bbox[1], glued.bbox[2], glued.bbox[3]),
        conf=0.99,
        char_boxes=boxes[len(left) - 1 :],
    )
    return [line for line in lines if line is not glued] + [a, early]


def test_a_box_opened_over_the_neighbours_last_digit_does_not_read_it_twice(maker):
    rows = [
        ["收入", "<", "支出", "<"],
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"],
        ["二、事业收入", "0.00", "二、外交支出", "8,919,977.93"],
    ]
    spec = spec_from_rows(rows, [120, 90, 120, 90], row_height=20, header_rows=2)
    page = maker.page([(spec, 60, 100)])
    from fiscalocr.testing.specimen import text_layer_lines

    lines = _open_early(text_layer_lines(page), "91,016,775.35", "一、一般公共服务支出")
    assert any(line.text == "5一、一般公共服务支出" for line in lines)
    work = maker.work(page, lines=lines)
    analyse_page(work)
    (table,) = work.tables
    assert table.cell_at(2, 1).text == "91,016,775.35"
    assert table.cell_at(2, 2).text == "一、一般公共服务支出"
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)


def test_landscape_a3_page_with_two_tables(maker):
    wide = [["项目", *[f"第{i}列" for i in range(1, 12)]]]
    wide += [[f"支出{r}", *[f"{r * 100 + c}.00" for c in range(1, 12)]] for r in range(1, 6)]
    first = spec_from_rows(
        wide, [110] + [80] * 11, row_height=22, header_rows=1, title="一般公共预算支出表", unit="元"
    )
    second = spec_from_rows(
        [["项目", "金额"], ["机关运行经费", "310.50"]],
        [200, 100],
        row_height=22,
        header_rows=1,
        title="机关运行经费预算表",
        unit="万元",
    )
    page = maker.page(
        [(first, 80, 140), (second, 80, 420)],
        width=1191,
        height=842,
        extra_text=[((80, 485), "注：本单位无政府性基金预算，本表无数据。", 9)],
    )
    work = maker.work(page, dpi=100)
    analyse_page(work)
    assert [t.id for t in work.tables] == ["p1t1", "p1t2"]
    a, b = work.tables
    assert (a.n_rows, a.n_cols, a.title, a.unit) == (6, 12, "一般公共预算支出表", "元")
    assert maker.cells_of_table(a) == maker.cells_of_spec(first)
    assert (b.n_rows, b.n_cols, b.title, b.unit) == (2, 2, "机关运行经费预算表", "万元")
    assert maker.cells_of_table(b) == maker.cells_of_spec(second)
    assert [bl.type for bl in work.page.blocks] == [
        "title",
        "other",
        "table",
        "title",
        "other",
        "table",
        "table_note",
    ]
    assert (a.notes, b.notes) == ([], ["注：本单位无政府性基金预算，本表无数据。"])


def test_broken_faint_and_doubled_rules_still_give_the_grid(maker):
    spec = spec_from_rows(
        FUNCTION_CODES, [30, 30, 30, 150, 75, 75, 75], row_height=20, header_rows=2
    )
    spec.rule_color = (0.72, 0.72, 0.72)
    page = maker.page([(spec, 50, 100)])
    # a second, slightly offset copy of every rule (doubled lines) ...
    spec2 = spec_from_rows(
        FUNCTION_CODES, [30, 30, 30, 150, 75, 75, 75], row_height=20, header_rows=2
    )
    from fiscalocr.testing.specimen import _draw_rules

    xs = [50.8 + sum(spec2.col_widths[:i]) for i in range(8)]
    ys = [100.8 + 20 * i for i in range(8)]
    _draw_rules(page, spec2, xs, ys)
    work = maker.work(page)
    # ... and gaps punched into the rules (broken lines)
    px = work.px_per_pt
    for x in (120, 260, 400):
        work.image[:, int(x * px) : int((x + 2) * px)] = 255
    layout = find_layout(work)
    (table,) = layout.tables
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)


def test_page_without_tables_gives_blocks_in_reading_order(maker):
    page = maker.page(
        [],
        extra_text=[
            ((200, 60), "2024年部门预算公开", 20),
            ((200, 90), "第三部分 情况说明", 12),
            ((60, 130), "一、收入预算情况说明", 11),
            ((60, 160), "2024年收入预算24,458.43万元，比上年增加", 10.5),
            ((60, 174), "1,000.00万元。", 10.5),
            ((290, 810), "- 3 -", 9),
        ],
    )
    work = maker.work(page, dpi=72)
    analyse_page(work)
    assert work.tables == []
    assert [b.type for b in work.page.blocks] == [
        "title",
        "heading",
        "heading",
        "paragraph",
        "page_number",
    ]
    assert work.page.blocks[3].text == "2024年收入预算24,458.43万元，比上年增加1,000.00万元。"
