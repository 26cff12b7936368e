"""The layout stage on lines from the real PaddleOCR (PP-OCRv4) reading a rendered page.

Lines come without per-character boxes here (estimated from the line box), so this also
checks that a glued line is split by re-reading each cell's crop with the recogniser.
"""

from __future__ import annotations

import numpy as np
import pytest

from fiscalocr.layout import analyse_page
from fiscalocr.model import Line
from fiscalocr.testing.specimen import spec_from_rows, text_layer_lines

DPI = 200


@pytest.fixture(scope="module")
def engine():
    """The OCR stage's engine: models load once per process, as in the pipeline."""
    from fiscalocr.ocr import OcrOptions, load_engine

    return load_engine(OcrOptions(engine="ppocrv4"))


def ocr_lines(engine, image: np.ndarray, px_per_pt: float) -> list[Line]:
    """Bare PaddleOCR lines (boxes in points, no character boxes), as the baseline reads."""
    from fiscalocr.ocr.bare import lines_from_paddle_result

    return lines_from_paddle_result(
        engine.paddle_ocr(np.ascontiguousarray(image[:, :, ::-1])), px_per_pt
    )


ROWS = [
    ["项目", "本年预算", "<", "上年预算"],
    ["^", "合计", "基本支出", "^"],
    ["工资福利支出", "1,234.56", "1,200.00", "998.10"],
    ["商品和服务支出", "86.40", "60.00", "75.25"],
    ["对个人和家庭的补助", "12.00", "", "8.00"],
    ["合计", "1,333.96", "1,260.00", "1,081.35"],
]


def test_real_ocr_lines_fill_the_grid(maker, engine):
    spec = spec_from_rows(
        ROWS,
        [150, 90, 90, 90],
        row_height=24,
        header_rows=2,
        font_size=10.5,
        title="基本支出预算表",
        unit="万元",
    )
    work = maker.work(maker.page([(spec, 70, 130)]), dpi=DPI, lines=[])
    work.page.lines = ocr_lines(engine, work.image, work.px_per_pt)
    work.page.text_source = "ocr"
    analyse_page(work)
    (table,) = work.tables
    got = [
        (r, c, rs, cs, maker.normalise_text(t)) for r, c, rs, cs, t in maker.cells_of_table(table)
    ]
    assert got == [
        (r, c, rs, cs, maker.normalise_text(t)) for r, c, rs, cs, t in maker.cells_of_spec(spec)
    ]
    assert (table.title, table.unit, table.header_rows) == ("基本支出预算表", "万元", 2)
    assert table.cell_at(5, 1).value == 1333.96


def test_glued_line_without_char_boxes_is_reread_per_cell(maker, engine):
    rows = [
        ["收入项目", "预算数", "支出项目", "预算数"],
        ["一般公共预算拨款收入", "24,458.43", "一般公共服务支出", "18,000.00"],
    ]
    spec = spec_from_rows(rows, [150, 80, 130, 80], row_height=24, header_rows=1, font_size=10.5)
    page = maker.page([(spec, 60, 120)])
    lines = [line.model_copy(update={"char_boxes": None}) for line in text_layer_lines(page)]
    glued = [line for line in lines if line.text == "24,458.43一般公共服务支出"]
    assert glued, [line.text for line in lines]
    work = maker.work(0, dpi=DPI, lines=lines)
    analyse_page(work, recognizer=engine.recognizer())
    (table,) = work.tables
    assert [maker.normalise_text(table.cell_at(1, c).text) for c in range(4)] == [
        "一般公共预算拨款收入",
        "24,458.43",
        "一般公共服务支出",
        "18,000.00",
    ]
    assert table.cell_at(1, 1).value == 24458.43


def test_cells_the_detector_missed_are_read_from_their_ink(maker, engine):
    """A lone 0 or 1 in a count column is often not detected at all; the cell's ink is
    read from its crop. Blank cells stay blank."""
    rows = [
        ["项目", "机构数", "人数", "金额"],
        ["行政单位", "1", "0", "125.40"],
        ["事业单位", "0", "", "86.00"],
    ]
    spec = spec_from_rows(rows, [150, 70, 70, 90], row_height=24, header_rows=1, font_size=10.5)
    page = maker.page([(spec, 60, 120)])
    lines = [ln for ln in text_layer_lines(page) if ln.text not in ("0", "1")]
    work = maker.work(0, dpi=DPI, lines=lines)
    analyse_page(work, recognizer=engine.recognizer())
    (table,) = work.tables
    assert [table.cell_at(1, c).text for c in (1, 2)] == ["1", "0"]
    assert table.cell_at(2, 1).text == "0" and table.cell_at(2, 1).value == 0
    assert table.cell_at(2, 2).text == ""
    assert table.cell_at(1, 3).value == 125.40
