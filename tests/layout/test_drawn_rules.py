"""A born-digital page's rules are taken from its drawing commands, not found on a raster.

The pages are drawn with PyMuPDF (real PDFs, real text layer) and go through the real OCR
stage's text-layer reader and the real layout stage.
"""

from __future__ import annotations

import pymupdf

from fiscalocr.layout import analyse_page
from fiscalocr.ocr import OcrOptions, open_source, read_page
from fiscalocr.ocr.drawn_rules import drawn_rules
from fiscalocr.testing.specimen import draw_table, spec_from_rows

ROWS = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "1,371.52", "1,118.30", "253.22"],
    ["20101", "人大事务", "1,371.52", "1,118.30", "253.22"],
    ["2010101", "行政运行", "1,118.30", "1,118.30", ""],
    ["2010108", "代表工作", "253.22", "", "253.22"],
    ["", "合计", "1,371.52", "1,118.30", "253.22"],
]
WIDTHS = [70.0, 130.0, 80.0, 80.0, 80.0]


def _table_pdf(path, **style) -> str:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    spec = spec_from_rows(ROWS, WIDTHS, title="一般公共预算支出表", unit="万元", **style)
    draw_table(page, spec, 60, 140)
    doc.save(path)
    return str(path)


def _read(path, **options):
    with open_source(path) as source:
        work = read_page(source, 0, OcrOptions(**options))
    analyse_page(work)
    return work


def _grid_values(table):
    values = {}
    for cell in table.cells:
        if cell.value is not None:
            values[(cell.row, cell.col)] = cell.value
    return values


def test_a_grey_hairline_table_is_read_from_its_drawing_without_a_raster(tmp_path):
    # An office suite's default border: 0.25 pt light grey (#d9d9d9), about 0.7 px at
    # 200 dpi, which the raster's ink threshold does not see as a rule.
    path = _table_pdf(tmp_path / "grey.pdf", rule_color=(0.85, 0.85, 0.85), rule_width=0.25)
    work = _read(path)
    assert work.image is None  # the page was never rendered
    assert work.drawn_rules is not None and len(work.drawn_rules) == 7 * 5 + 6 * 6
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (6, 5)
    values = _grid_values(table)
    assert values[(1, 2)] == 1371.52 and values[(3, 3)] == 1118.30 and values[(4, 4)] == 253.22
    assert (3, 4) not in values and (4, 3) not in values  # the empty cells stay empty
    assert table.title == "一般公共预算支出表"


def test_rules_drawn_as_thin_bars_and_stroked_boxes(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=200)
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(20, 30, 220, 30.5))  # a filled 0.5 pt bar: a rule
    shape.finish(fill=(0, 0, 0), color=None)
    shape.draw_rect(pymupdf.Rect(20, 40, 220, 60))  # a filled band: shading, no rule
    shape.finish(fill=(0.9, 0.95, 1.0), color=None)
    shape.draw_rect(pymupdf.Rect(20, 70, 120, 100))  # a stroked box: four rules
    shape.finish(color=(0.3, 0.3, 0.3), width=0.5)
    shape.draw_line((20, 150), (220, 150))  # a white line: invisible, no rule
    shape.finish(color=(1, 1, 1))
    shape.commit()
    rules = drawn_rules(page)
    assert sorted((r.orientation, round(r.pos, 2), r.start, r.end) for r in rules) == [
        ("h", 30.25, 20.0, 220.0),
        ("h", 70.0, 20.0, 120.0),
        ("h", 100.0, 20.0, 120.0),
        ("v", 20.0, 70.0, 100.0),
        ("v", 120.0, 70.0, 100.0),
    ]


def test_a_page_carrying_a_large_picture_keeps_the_raster_path(tmp_path):
    # A scanned table pasted into a born-digital file: its rules are pixels, not paths.
    src = _table_pdf(tmp_path / "src.pdf")
    picture = pymupdf.open(src)[0].get_pixmap(dpi=100)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(pymupdf.Rect(60, 300, 535, 700), pixmap=picture)  # 38 % of the page
    page.insert_text(
        (60, 60), "二〇二四年部门预算公开说明，单位：万元，详见下表。", fontname="china-s"
    )
    doc.save(tmp_path / "pasted.pdf")
    with open_source(tmp_path / "pasted.pdf") as source:
        work = read_page(source, 0, OcrOptions())
    assert work.page.text_source == "pdf_text"
    assert work.drawn_rules is None and work.image is not None


def test_debug_rendering_keeps_the_drawn_rules(tmp_path):
    path = _table_pdf(tmp_path / "t.pdf")
    work = _read(path, render_drawn_pages=True)
    assert work.image is not None and work.drawn_rules is not None
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (6, 5)
