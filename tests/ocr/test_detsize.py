"""Detection resolution fitted to the text size (``ocr/detsize.py``): the pure scale rule,
and a real page read with the fit on."""

from __future__ import annotations

import numpy as np
import pytest

from fiscalocr.ocr.detsize import DetectionFit, fitted_scale, text_height_px


def boxes(height: float, width: float, n: int) -> np.ndarray:
    """``n`` axis-aligned boxes of one size, as (N, 4, 2) quads."""
    quad = [[0, 0], [width, 0], [width, height], [0, height]]
    return np.array([quad] * n, dtype=np.float32)


def test_text_height_is_the_median_short_side_of_line_shaped_boxes():
    lines = boxes(30, 200, 9)
    specks = boxes(80, 90, 20)  # squares: no text height, however many
    assert text_height_px(np.concatenate([lines, specks]), min_boxes=8) == 30.0
    sideways = boxes(200, 30, 9)  # a page lying on its side: the text height is the width
    assert text_height_px(sideways, min_boxes=8) == 30.0
    assert text_height_px(boxes(30, 200, 7), min_boxes=8) is None


def test_an_a3_sheet_whose_text_the_fixed_side_shrinks_too_far_is_refitted():
    a3_150dpi = (1754, 2481, 3)  # fixed 1600 px side: scale 0.645
    scale = fitted_scale(boxes(33, 300, 40), a3_150dpi, 1600, DetectionFit())
    assert scale == pytest.approx(28 / 33, abs=1e-3)  # 21 px boxes in the input -> 28


def test_an_a4_page_the_fixed_side_suits_is_not_detected_twice():
    a4_150dpi = (1755, 1240, 3)  # scale 0.912: 33 px boxes -> 30 px in the input
    assert fitted_scale(boxes(33, 300, 40), a4_150dpi, 1600, DetectionFit()) is None


def test_large_print_is_shrunk_only_when_asked():
    a4_150dpi = (1755, 1240, 3)
    big = boxes(60, 400, 40)  # 55 px in the input: the fit would halve the page
    assert fitted_scale(big, a4_150dpi, 1600, DetectionFit()) is None
    assert fitted_scale(big, a4_150dpi, 1600, DetectionFit(allow_shrink=True)) == pytest.approx(
        28 / 60, abs=1e-3
    )


def test_the_fit_is_bounded_by_scale_and_pixels():
    scan_100dpi = (1170, 827, 3)
    tiny_text = boxes(5, 100, 40)  # would want 5.6x
    assert fitted_scale(tiny_text, scan_100dpi, 1600, DetectionFit()) == 2.0
    huge = (6000, 4000, 3)  # 24 Mpx: the 4 Mpx input cap decides
    scale = fitted_scale(boxes(10, 200, 40), huge, 1600, DetectionFit())
    assert scale == pytest.approx((4_000_000 / 24_000_000) ** 0.5, abs=1e-3)


A3_LANDSCAPE = (1191, 842)  # points
A3_AMOUNTS = ["12,345.67", "8,090.17", "371,514.00", "2,548.30", "10,208.94", "96.05"]


def small_print_a3_scan(path):
    """An A3 sheet with a 7 pt table, scanned at 150 dpi: the fixed 1600 px side shrinks
    it to 0.65, its boxes to ~13 px."""
    import pymupdf

    from tests.app.scanned_pages import put_text, scan

    pdf = pymupdf.open()
    page = pdf.new_page(width=A3_LANDSCAPE[0], height=A3_LANDSCAPE[1])
    put_text(page, 450, 60, "一般公共预算财政拨款支出预算表", 14)
    for row in range(12):
        y = 100 + 22 * row
        put_text(page, 60, y, f"20101{row:02d}", 7)
        put_text(page, 140, y, "行政运行", 7)
        for col, amount in enumerate(A3_AMOUNTS):
            put_text(page, 0, y, amount, 7, right=320 + 130 * col)
    return scan(pdf, path, dpi=150)


@pytest.mark.parametrize("fit", [None, DetectionFit()], ids=["fixed", "fitted"])
def test_a_small_print_a3_scan_is_detected_at_its_fitted_scale(tmp_path, fit):
    from fiscalocr.ocr import OcrOptions, open_source
    from fiscalocr.ocr.page import read_page

    path = small_print_a3_scan(tmp_path / "a3.pdf")
    with open_source(path) as source:
        work = read_page(source, 0, OcrOptions(det_fit=fit))
    if fit is None:
        assert work.page.det_scale is None
    else:  # enlarged from the fixed side's 0.645, and recorded on the page
        assert 0.75 <= work.page.det_scale <= 1.2
    texts = [line.text for line in work.page.lines]
    for amount in A3_AMOUNTS:  # every amount of every row read, at either scale
        assert texts.count(amount) == 12, amount
