"""Amounts printed outside every table found are reported on the page, never lost silently."""

from __future__ import annotations

from fiscalocr.layout import analyse_page
from fiscalocr.model import AMOUNTS_OUTSIDE_TABLES
from fiscalocr.testing.specimen import spec_from_rows

ROWS = [
    ["项目", "金额"],
    ["工资福利支出", "1,234.56"],
    ["商品和服务支出", "86.40"],
    ["合计", "1,320.96"],
]


def test_amounts_outside_tables_get_a_warning_with_count_and_boxes(maker):
    spec = spec_from_rows(ROWS, [150, 90], row_height=22, font_size=10)
    extra = [
        ((70, 420), "一般公共服务支出", 10),  # an unruled list the stage does not take for a table
        ((300, 420), "3,021.55", 10),
        ((300, 520), "17.00", 10),
        ((70, 600), "收入预算总计359.95万元，比上年增加12.00万元。", 10),  # narrative: not counted
        ((290, 800), "- 3 -", 10),  # a page number: not counted
    ]
    page = maker.page([(spec, 70, 120)], extra_text=extra)
    work = maker.work(page)
    analyse_page(work)
    assert len(work.tables) == 1
    (warning,) = [e for e in work.page.errors if e.code == AMOUNTS_OUTSIDE_TABLES]
    assert warning.severity == "warning" and warning.count == 2
    # each box holds its amount's baseline (y = 420 and 520) and starts at x = 300
    boxes = sorted(warning.bboxes, key=lambda b: b[1])
    for box, baseline in zip(boxes, (420, 520), strict=True):
        assert box[1] < baseline < box[3] + 3 and abs(box[0] - 300) < 2


def test_a_page_whose_amounts_all_reach_cells_has_no_warning(maker):
    spec = spec_from_rows(ROWS, [150, 90], row_height=22, font_size=10)
    work = maker.work(maker.page([(spec, 70, 120)]))
    analyse_page(work)
    assert work.page.errors == []


def test_cells_holding_an_amount_but_no_value_are_reported_per_page():
    from fiscalocr.layout import unread_cell_warnings
    from fiscalocr.model import AMOUNTS_WITHOUT_VALUE, Cell, Document, Page, Source, Table

    def cell(row, col, text, value=None, header=False):
        box = (50.0 + 100 * col, 100.0 + 20 * row, 150.0 + 100 * col, 120.0 + 20 * row)
        return Cell(row=row, col=col, page=2, bbox=box, text=text, value=value, is_header=header)

    table = Table(id="t1", pages=[2], n_rows=5, n_cols=2, cells=[
        cell(0, 0, "项目", header=True), cell(0, 1, "2024年预算数", header=True),
        cell(1, 0, "年度资金总额297,000.00"),  # a missed rule glued label and amount
        cell(1, 1, "24,458.43支出合计24,458.43"),  # two amounts in one cell
        cell(2, 0, "编制日期2024.01.11"), cell(2, 1, "12.5%"),  # a date, a rate: no amount
        cell(3, 0, "合计"), cell(3, 1, "1,320.96", value=1320.96),
        cell(4, 0, "n.ne"), cell(4, 1, "é.00"),  # 3 letters: text; a letter for a digit
    ])  # fmt: skip
    doc = Document(
        source=Source(file="x.pdf", sha256="0", page_count=2),
        pages=[Page(page=1, width=595, height=842), Page(page=2, width=595, height=842)],
        tables=[table],
    )
    unread_cell_warnings(doc)
    assert doc.pages[0].errors == []
    (warning,) = doc.pages[1].errors
    assert (warning.code, warning.severity, warning.count) == (AMOUNTS_WITHOUT_VALUE, "warning", 3)
    assert warning.bboxes == [table.cells[2].bbox, table.cells[3].bbox, table.cells[9].bbox]
