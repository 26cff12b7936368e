"""A seal on a grey scan is found by its ring, and its rim cuts no column.

Seed 002 (print) under our ``medium`` damage is scanned in grey: its red seals are dark
grey rings, which ``ocr/`` (it looks for coloured ink) does not record. On p8 a piece of
a ring's rim gave a continuation page columns its table does not have (6 amounts reached
no cell), on p26 an eleventh column. The page here is drawn with a grey ring over the
table's last rows, where the ring's right extreme stands in the first column.
"""

from __future__ import annotations

from fiscalocr.layout import analyse_page
from fiscalocr.layout.geometry import RuleLine
from fiscalocr.layout.seal_rings import grey_seal_rings
from fiscalocr.layout.stray_rules import without_seal_rims
from fiscalocr.testing.specimen import spec_from_rows

NAMES = ["办公费", "印刷费", "水费", "电费", "邮电费", "取暖费", "差旅费", "培训费"]
WIDTHS = [170, 140, 60, 70, 70]
LEFT, TOP, ROW, RADIUS = 36.0, 40.0, 18.0, 58.0
RIM_X = LEFT + 74  # in the first column, right of the short labels
BOTTOM = TOP + ROW * len(NAMES)
CENTRE = (RIM_X - RADIUS, BOTTOM - 10)


def _sealed_page(maker, seal: bool = True):
    rows = [
        [n, "办公经费", f"{5 + k}.{k:02d}", "", f"{5 + k}.{k:02d}"] for k, n in enumerate(NAMES)
    ]
    page = maker.page([(spec_from_rows(rows, WIDTHS, row_height=ROW, header_rows=0), LEFT, TOP)])
    if seal:
        grey = (0.3, 0.3, 0.3)
        page.draw_circle(CENTRE, RADIUS, color=grey, width=2.4)
    return maker.work(0)


def test_a_grey_ring_is_found_where_it_was_drawn(maker):
    work = _sealed_page(maker)
    (box,) = grey_seal_rings(work.image, work.px_per_pt)
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    assert abs(centre[0] - CENTRE[0]) < 3 and abs(centre[1] - CENTRE[1]) < 3
    assert 2 * RADIUS < box[2] - box[0] < 2 * RADIUS * 1.2


def test_a_table_without_a_seal_has_no_ring(maker):
    work = _sealed_page(maker, seal=False)
    assert grey_seal_rings(work.image, work.px_per_pt) == []


def test_the_grey_ring_s_rim_adds_no_row_or_column(maker):
    work = _sealed_page(maker)
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (8, 5)
    last = {c.col: c for c in table.cells if c.row == 7}
    assert (last[0].text, last[2].value, last[4].value) == ("培训费", 12.07, 12.07)


def test_a_faint_piece_at_the_rim_s_x_does_not_keep_it():
    """Seed 002 p26: a faint piece 200 pt above (a glyph's edge at the rim's x) counted as
    the rule the rim piece continues, so the rim stayed a column rule."""
    seal = (670.0, 265.0, 795.0, 390.0)
    rim = RuleLine("v", 677.0, 303.0, 353.0)
    glyph_edge = RuleLine("v", 676.5, 86.0, 103.0, faint=True)
    assert without_seal_rims([rim, glyph_edge], [seal], 3.0) == [glyph_edge]
    printed = RuleLine("v", 676.5, 86.0, 260.0)
    assert rim in without_seal_rims([rim, printed], [seal], 3.0)


def test_the_layout_keeps_the_ring_and_the_debug_picture_draws_it(maker, tmp_path):
    import cv2
    import numpy as np

    from fiscalocr.layout import draw_debug, find_layout
    from fiscalocr.layout.debug import SEAL_COLOUR

    work = _sealed_page(maker)
    (box,) = find_layout(work).seals
    assert abs((box[0] + box[2]) / 2 - CENTRE[0]) < 3
    picture = cv2.imread(str(draw_debug(work.image, work.page, [], tmp_path / "p.png")))
    purple = np.array([round(255 * c) for c in reversed(SEAL_COLOUR)])  # BGR
    near = np.abs(picture.astype(int) - purple).sum(axis=2) < 60
    assert near.sum() > 100


def test_rim_text_outside_the_frame_adds_no_column(maker):
    """bench-v2 heavy p7 (our damage): a grey seal over the table's left frame, its rim
    text read ``4``, ``安``, ``E`` in a column left of the frame, and the grid grew a first
    column to hold them, so every amount stood one column right of its header."""
    rows = [
        [n, "办公经费", f"{5 + k}.{k:02d}", "", f"{5 + k}.{k:02d}"] for k, n in enumerate(NAMES)
    ]
    left = 90.0
    page = maker.page([(spec_from_rows(rows, WIDTHS, row_height=ROW, header_rows=0), left, TOP)])
    centre = (left + 10, TOP + 4 * ROW)
    page.draw_circle(centre, RADIUS, color=(0.3, 0.3, 0.3), width=2.4)
    for k, ch in enumerate("安区4"):
        page.insert_text((left - 40, TOP + 2.6 * ROW + 22 * k), ch, fontname="china-s", fontsize=12)
    work = maker.work(0)
    analyse_page(work)
    (table,) = work.tables
    assert (table.n_rows, table.n_cols) == (8, 5)
    first = {c.col: c for c in table.cells if c.row == 0}
    assert (first[0].text, first[2].value, first[4].value) == ("办公费", 5.0, 5.0)
