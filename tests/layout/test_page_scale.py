"""A page drawn several times larger than print is measured at its own scale.

The independent check's case: a 5000 pt page whose table was found with the wrong shape
(the rules, several points thick at that scale, gave two grid lines each), with the
document still ``ok``. Here a print-size table page is placed on a 5000 pt page, as a
PDF scaled up is, and read from its real raster and text layer.
"""

from __future__ import annotations

import pymupdf
import pytest

from fiscalocr.layout import analyse_page
from fiscalocr.layout.scale import print_scale
from fiscalocr.model import PAGE_DRAWN_LARGE
from fiscalocr.testing.specimen import draw_table, page_work, spec_from_rows

ROWS = [
    ["科目名称", "本年预算", "上年预算"],
    ["合计", "1,500.00", "1,200.00"],
    ["工资福利支出", "1,000.00", "800.00"],
    ["商品和服务支出", "400.00", "300.00"],
    ["对个人和家庭的补助", "100.00", "100.00"],
]
TALL_PT = 5000.0


def print_page(doc: pymupdf.Document, width: float = 595, height: float = 842) -> None:
    page = doc.new_page(width=width, height=height)
    spec = spec_from_rows(ROWS, [160, 110, 110], title="一般公共预算支出表", unit="万元")
    draw_table(page, spec, 40, 80)


@pytest.fixture(scope="module")
def enlarged() -> pymupdf.Document:
    """The A4 page drawn 5.9 times larger, on a 3533×5000 pt page."""
    a4 = pymupdf.open()
    print_page(a4)
    doc = pymupdf.open()
    page = doc.new_page(width=595 * TALL_PT / 842, height=TALL_PT)
    page.show_pdf_page(page.rect, a4, 0)
    return doc


def cells(table) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


def test_the_enlarged_page_is_read_as_the_printed_table(enlarged):
    # 40 dpi of a 5.9× page is 235 dpi of the printed one
    work = page_work(enlarged[0], 1, dpi=40.0)
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols, table.header_rows) == (5, 3, 1)
    expected = [(r, c, 1, 1, text) for r, row in enumerate(ROWS) for c, text in enumerate(row)]
    assert cells(table) == expected
    (warning,) = [e for e in work.page.errors if e.code == PAGE_DRAWN_LARGE]
    assert warning.severity == "warning" and warning.page == 1
    assert warning.message.startswith("page 1 is drawn about 5.7× print size")


def test_the_scale_is_the_text_size_over_print_size(enlarged):
    lines = page_work(enlarged[0], 1, dpi=10.0).page.lines
    # drawn at 5000 / 842 = 5.94×; its 9 pt type makes lines a little under 13 pt
    assert print_scale(lines) == pytest.approx(5.65, abs=0.01)


def test_a_long_page_of_print_size_text_keeps_its_tolerances():
    """A web page printed as one 5000 pt scroll: tall, but its text is print size."""
    doc = pymupdf.open()
    print_page(doc, height=TALL_PT)
    work = page_work(doc[0], 1, dpi=72.0)
    assert print_scale(work.page.lines) == 1.0
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (5, 3)
    assert not [e for e in work.page.errors if e.code == PAGE_DRAWN_LARGE]
