"""Marks a scan adds to a ruled table must not change its grid: a red seal stamped across
the cells (its ring, star and rim text), and the dark edge of the scanned sheet."""

from __future__ import annotations

import numpy as np
import pytest

from fiscalocr.datasets.scan.seal import seal_mask, stamp
from fiscalocr.layout import LayoutOptions, analyse_page
from fiscalocr.model import Line
from fiscalocr.testing.specimen import spec_from_rows

ROWS = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "1,542.54", "1,510.11", "32.43"],
    ["20104", "发展与改革事务", "1,542.54", "1,510.11", "32.43"],
    ["2010401", "行政运行", "541.07", "508.64", "32.43"],
    ["2010408", "物价管理", "1,001.47", "1,001.47", ""],
    ["208", "社会保障和就业支出", "305.36", "305.36", ""],
    ["20805", "行政事业单位养老支出", "249.38", "249.38", ""],
    ["2080501", "行政单位离退休", "175.11", "175.11", ""],
]
WIDTHS = [70, 150, 80, 80, 80]
TABLE_AT = (60, 120)
RED_INK = (40, 35, 205)  # BGR, as the pipeline's rasters


def _spec():
    return spec_from_rows(ROWS, WIDTHS, row_height=22, header_rows=1)


def _sealed_work(maker, spec):
    work = maker.work(maker.page([(spec, *TABLE_AT)]), dpi=200)
    k = work.px_per_pt
    mask = seal_mask("阳泉市发展和改革委员会", 200, 10.0)
    centre = (int(330 * k), int(190 * k))  # over the amount columns and three row rules
    work.image = stamp(work.image, mask, centre, np.random.default_rng(3))
    # PaddleOCR reads a seal's rim characters as lines of their own: one left of the
    # table's border would widen it by a column, one inside would land in a cell.
    rim = [
        Line(text="市", bbox=(36.0, 150.0, 50.0, 164.0), conf=0.9),
        Line(text="委员会", bbox=(372.0, 140.0, 392.0, 170.0), conf=0.9),
    ]
    for line in rim:
        x0, y0, x1, y1 = (int(v * k) for v in line.bbox)
        work.image[y0 + 3 : y1 - 3 : 4, x0:x1] = RED_INK  # strokes of red ink only
    work.page.lines = work.page.lines + rim
    return work


def test_red_seal_over_the_cells_leaves_the_grid_and_texts(maker):
    spec = _spec()
    work = _sealed_work(maker, spec)
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (8, 5)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)


def test_the_seal_does_disturb_a_colour_blind_reading(maker):
    """The same page read as if colour meant nothing: the seal changes the grid, so the
    test above really exercises the seal handling."""
    spec = _spec()
    work = _sealed_work(maker, spec)
    analyse_page(work, LayoutOptions(max_rule_chroma=255, max_seal_black_share=0.0))
    (table,) = work.tables
    assert maker.cells_of_table(table) != maker.cells_of_spec(spec)


@pytest.mark.parametrize("top", [120.0, 620.0])  # far above the edge, and 45 pt above it
def test_dark_sheet_edge_below_a_table_is_not_a_row(maker, top):
    spec = _spec()
    work = maker.work(maker.page([(spec, TABLE_AT[0], top)]), dpi=200)
    height = work.image.shape[0]
    work.image[height - 6 : height - 2, 40:-40] = 30  # the scanner's shadow of the sheet edge
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (8, 5)
    assert maker.cells_of_table(table) == maker.cells_of_spec(spec)
