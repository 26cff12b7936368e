"""Tables the layout stage used to miss on scans it had never seen, each drawn on a page,
damaged by a poor scanner (``testing.specimen_scan``: 150 dpi, JPEG 45, blur; or 110 dpi,
JPEG 28, faded ink), written as an image-only PDF and read by the real OCR stage, as the
pipeline reads a scan. Each test names the table's shape and amounts in given cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscalocr.layout import analyse_page, join_tables
from fiscalocr.model import PageWork
from fiscalocr.testing.specimen import spec_from_rows
from fiscalocr.testing.specimen_scan import scanned_pdf

OFFICE_GREY = (0.75, 0.75, 0.75)  # #c0c0c0, an office suite's default border

FUNCTION = [
    ["功能分类科目编码", "<", "<", "功能分类科目名称", "本年预算", "<", "<"],
    ["类", "款", "项", "^", "合计", "基本支出", "项目支出"],
    ["201", "", "", "一般公共服务支出", "3,296,600.00", "2,858,300.00", "438,300.00"],
    ["201", "05", "", "统计信息事务", "438,300.00", "", "438,300.00"],
    ["201", "05", "07", "专项普查活动", "438,300.00", "", "438,300.00"],
    ["201", "01", "01", "行政运行", "2,858,300.00", "2,858,300.00", ""],
    ["208", "", "", "社会保障和就业支出", "1,257,945.70", "1,257,945.70", ""],
    ["208", "05", "", "行政事业单位养老支出", "1,183,280.00", "1,183,280.00", ""],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "788,853.00", "788,853.00", ""],
    ["208", "05", "06", "机关事业单位职业年金缴费支出", "394,427.00", "394,427.00", ""],
    ["210", "11", "01", "行政单位医疗", "374,665.70", "374,665.70", ""],
    ["合计", "<", "<", "<", "4,554,545.70", "4,116,245.70", "438,300.00"],
]
FUNCTION_WIDTHS = [28, 28, 28, 170, 85, 85, 85]


# These pages test the layout on PaddleOCR's PP-OCRv4 reading. The default cascade (PP-OCRv6
# tiny + small) reads the heavy page's 合计 as 含计 with a confidence that sends it to no
# re-read (issue 14's note), which this test's header check would report.
ENGINE = "ppocrv4"


@pytest.fixture(scope="module")
def recognizer():
    from fiscalocr.ocr import OcrOptions, load_engine

    return load_engine(OcrOptions(engine=ENGINE)).recognizer()


def read_scan(pages, level: str, folder: Path, recognizer) -> list[PageWork]:
    """The pages scanned at ``level``, read by the OCR stage and laid out, as the
    pipeline does with a scanned PDF."""
    from fiscalocr.ocr import OcrOptions, open_source, read_page

    path = folder / "scan.pdf"
    path.write_bytes(scanned_pdf(pages, level, seed=0))
    options = OcrOptions(force_ocr=True, engine=ENGINE, reread_engine=None)
    with open_source(path) as source:
        works = [read_page(source, index, options) for index in range(source.page_count)]
    for work in works:
        assert work.page.text_source == "ocr"
        analyse_page(work, recognizer=recognizer)
    return works


def _function_spec(**style):
    return spec_from_rows(
        FUNCTION,
        FUNCTION_WIDTHS,
        row_height=22,
        header_rows=2,
        title="一般公共预算支出预算表",
        unit="元",
        **style,
    )


def _assert_function_table(table) -> None:
    assert (table.n_rows, table.n_cols, table.header_rows) == (12, 7, 2)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells if c.row < 2}
    assert spans == {
        (0, 0): (1, 3),
        (0, 3): (2, 1),
        (0, 4): (1, 3),
        (1, 0): (1, 1),
        (1, 1): (1, 1),
        (1, 2): (1, 1),
        (1, 4): (1, 1),
        (1, 5): (1, 1),
        (1, 6): (1, 1),
    }
    total = table.cell_at(11, 0)
    assert (total.text, total.colspan) == ("合计", 4)
    assert table.cell_at(4, 2).text == "07" and table.cell_at(4, 2).value is None  # a code
    assert table.cell_at(3, 5).text == ""  # a blank stays blank, in its own cell


def test_light_grey_hairlines_at_medium_damage(maker, tmp_path, recognizer):
    """0.3 pt #c0c0c0 rules at 150 dpi, JPEG 45: lighter than the ink threshold."""
    maker.page([(_function_spec(rule_color=OFFICE_GREY, rule_width=0.3), 50, 130)])
    (work,) = read_scan([maker.doc[0]], "medium", tmp_path, recognizer)
    (table,) = work.tables
    _assert_function_table(table)
    assert [table.cell_at(r, 4).value for r in (2, 5, 8, 11)] == [
        3296600.0,
        2858300.0,
        788853.0,
        4554545.70,
    ]
    assert table.cell_at(11, 6).value == 438300.0 and table.cell_at(10, 5).value == 374665.70


def test_office_grey_borders_at_heavy_damage(maker, tmp_path, recognizer):
    """0.5 pt #c0c0c0 rules at 110 dpi, JPEG 28, faded: a smear 10 grey levels deep."""
    maker.page([(_function_spec(rule_color=OFFICE_GREY, rule_width=0.5), 50, 130)])
    (work,) = read_scan([maker.doc[0]], "heavy", tmp_path, recognizer)
    (table,) = work.tables
    _assert_function_table(table)
    assert table.cell_at(6, 4).value == 1257945.70 and table.cell_at(6, 5).value == 1257945.70
    assert table.cell_at(10, 4).value == 374665.70 and table.cell_at(11, 6).value == 438300.0


WIDE_HEADS = [
    "合计",
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
    "用事业基金弥补收支差额",
    "上年结转结余",
    "年初预算数",
    "调整预算数",
]
WIDE_LABELS = ["一般公共服务支出", "行政运行", "一般行政管理事务", "机关服务"]
WIDE_LABELS += ["社会保障和就业支出", "行政事业单位养老支出", "卫生健康支出", "住房保障支出"]


def _wide_amount(row: int, col: int) -> str:
    """Five-digit 万元 amounts that fill a narrow column; some cells blank."""
    if (row * 5 + col * 3) % 7 == 0:
        return ""
    return f"{(row * 7919 + col * 104729) % 9_000_000 / 100 + 1000:,.2f}"


def test_wide_table_of_narrow_columns_keeps_three_line_header_cells(maker, tmp_path, recognizer):
    """15 columns, 14 of them 48 pt wide, headers wrapped over three lines (7.5 pt)."""
    rows = [["项目", *WIDE_HEADS]]
    rows += [
        [label] + [_wide_amount(r, c) for c in range(14)] for r, label in enumerate(WIDE_LABELS)
    ]
    spec = spec_from_rows(
        rows, [96] + [48] * 14, row_height=17, header_rows=1, font_size=7.5,
        title="部门收入预算总表", unit="万元",
    )  # fmt: skip
    spec.row_heights[0] = 40
    maker.page([(spec, 40, 110)], width=842, height=595)
    (work,) = read_scan([maker.doc[0]], "medium", tmp_path, recognizer)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols, table.header_rows) == (9, 15, 1)
    header = [maker.normalise_text(table.cell_at(0, c).text) for c in range(15)]
    for col in (2, 3, 4, 5, 11):  # three lines each: 一般公共预 / 算拨款收 / 入 ...
        assert header[col] == WIDE_HEADS[col - 1], (col, header[col])
    for row, col in [(1, 2), (2, 7), (4, 13), (8, 14), (5, 9)]:
        text = _wide_amount(row - 1, col - 1)
        assert text, (row, col)
        assert table.cell_at(row, col).value == float(text.replace(",", "")), (row, col)
    assert table.cell_at(1, 0).value is None and table.cell_at(3, 0).text == "一般行政管理事务"


def _budget_rows(first: int, count: int, with_project: bool = True) -> list[list[str]]:
    return [
        [
            f"2010{first + i:03d}",
            f"行政运行事务{first + i}",
            f"{(first + i) * 13 + 0.5:,.2f}",
            f"{(first + i) * 12:,.2f}",
            f"{first + i + 0.5:,.2f}" if with_project else "",
        ]
        for i in range(count)
    ]


BUDGET_WIDTHS = [70, 190, 90, 90, 90]


def test_header_less_continuation_with_an_empty_column_is_joined(maker, tmp_path, recognizer):
    """Rules under every row, none between columns: page 2 repeats no header and prints
    nothing in 项目支出, so its columns from text are one fewer unless cut at page 1's."""
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    first = spec_from_rows(
        head + _budget_rows(1, 10), BUDGET_WIDTHS, row_height=22, header_rows=1,
        title="一般公共预算支出预算表", unit="万元", rules="horizontal",
    )  # fmt: skip
    rest = spec_from_rows(
        _budget_rows(11, 6, with_project=False), BUDGET_WIDTHS, row_height=22, header_rows=0,
        rules="horizontal",
    )  # fmt: skip
    maker.page([(first, 50, 130)])
    maker.page([(rest, 50, 60)])
    works = read_scan([maker.doc[0], maker.doc[1]], "medium", tmp_path, recognizer)
    assert [len(w.tables) for w in works] == [1, 1]
    (table,) = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert (table.pages, table.n_rows, table.n_cols, table.header_rows) == ([1, 2], 17, 5, 1)
    assert [(r.page, r.first_row, r.last_row) for r in table.regions] == [(1, 0, 10), (2, 11, 16)]
    assert [table.cell_at(11, c).text for c in range(5)] == [
        "2010011",
        "行政运行事务11",
        "143.50",
        "132.00",
        "",
    ]
    assert table.cell_at(16, 2).value == 16 * 13 + 0.5 and table.cell_at(16, 3).value == 192.0
    assert table.cell_at(16, 0).value is None, "the code column stays text on page 2 too"
    assert all(table.cell_at(r, 4).text == "" for r in range(11, 17))


def test_open_frame_remainder_on_the_next_page_is_found_and_joined(maker, tmp_path, recognizer):
    """A table printed without outer borders whose last two rows run on to the next
    page: there they are two text rows, one rule between them and the column rules."""
    head = [
        ["科目编码", "科目名称", "本年预算", "<", "<"],
        ["^", "^", "合计", "基本支出", "项目支出"],
    ]
    first = spec_from_rows(
        head + _budget_rows(1, 10), BUDGET_WIDTHS, row_height=22, header_rows=2,
        title="一般公共预算支出预算表", unit="万元", rules="no_outer",
    )  # fmt: skip
    rest = spec_from_rows(
        _budget_rows(11, 2), BUDGET_WIDTHS, row_height=22, header_rows=0, rules="no_outer"
    )
    maker.page([(first, 50, 130)])
    maker.page([(rest, 50, 60)])
    works = read_scan([maker.doc[0], maker.doc[1]], "medium", tmp_path, recognizer)
    assert [len(w.tables) for w in works] == [1, 1]
    (table,) = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert (table.pages, table.n_rows, table.n_cols, table.header_rows) == ([1, 2], 14, 5, 2)
    assert [table.cell_at(13, c).text for c in range(5)] == [
        "2010012",
        "行政运行事务12",
        "156.50",
        "144.00",
        "12.50",
    ]
    assert table.cell_at(12, 2).value == 143.5 and table.cell_at(13, 0).value is None


def test_rule_less_list_of_labels_and_amounts_is_a_table(maker, tmp_path, recognizer):
    """No rules at all, one amount per row (label, amount): still a table, and the
    sentence quoting its total below it is not a row of it."""
    rows = [
        ["项目", "金额"],
        ["工资福利支出", "1,234.56"],
        ["商品和服务支出", "86.40"],
        ["对个人和家庭的补助", "12.00"],
        ["资本性支出", "145.20"],
        ["其他支出", "8.05"],
        ["合计", "1,486.21"],
    ]
    spec = spec_from_rows(
        rows, [180, 110], row_height=22, header_rows=1, rules="none", title="基本支出预算表",
        unit="万元", font_size=10,
    )  # fmt: skip
    maker.page(
        [(spec, 90, 140)],
        extra_text=[((70, 330), "2024年基本支出1,486.21万元，比上年增加81.01万元。", 10.5)],
    )
    (work,) = read_scan([maker.doc[0]], "medium", tmp_path, recognizer)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.title) == (
        7,
        2,
        1,
        "基本支出预算表",
    )
    assert [table.cell_at(r, 1).value for r in range(1, 7)] == [
        1234.56,
        86.40,
        12.00,
        145.20,
        8.05,
        1486.21,
    ]
    assert table.cell_at(3, 0).text == "对个人和家庭的补助"
    assert [b.type for b in work.page.blocks] == ["title", "other", "table", "paragraph"]
