"""Which marks in a text-less cell are worth a read: characters, not specks or strokes."""

from __future__ import annotations

import numpy as np

from fiscalocr.layout.empty import mark_box

PX_PER_PT = 2.0


def cell(height_pt: float = 16, width_pt: float = 60) -> np.ndarray:
    return np.full((int(height_pt * PX_PER_PT), int(width_pt * PX_PER_PT), 3), 235, np.uint8)


def test_a_digit_sized_mark_is_found_where_it_is():
    crop = cell()
    crop[6:24, 50:58] = 30  # about 9 pt tall, 4 pt wide
    assert mark_box(crop, PX_PER_PT) == (50, 6, 58, 24)


def test_a_speck_of_scan_noise_is_not_a_mark():
    crop = cell()
    crop[10:13, 40:43] = 20
    assert mark_box(crop, PX_PER_PT) is None


def test_a_stroke_through_the_whole_cell_is_an_undetected_rule_not_a_one():
    crop = cell()
    crop[:, 60:62] = 40
    assert mark_box(crop, PX_PER_PT) is None


def test_red_seal_ink_is_not_a_mark():
    crop = cell()
    crop[6:24, 50:58] = (200, 40, 40)  # RGB: bright in its brightest channel
    assert mark_box(crop, PX_PER_PT) is None
