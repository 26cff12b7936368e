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
