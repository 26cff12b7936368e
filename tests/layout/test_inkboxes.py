"""Character boxes cut back to the ink: a detector's padding must not reach over a rule.

Pure geometry on hand-drawn rasters (1 px = 1 pt): black blocks for glyphs, a grey
hairline for a faded column rule, a black row for a table's row rule.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.layout.inkboxes import tighten_to_ink
from fiscalocr.layout.options import DEFAULT_OPTIONS
from fiscalocr.model import Line


def _page() -> np.ndarray:
    return np.full((100, 300, 3), 250, dtype=np.uint8)


def _glyph(image: np.ndarray, x0: int, x1: int, y0: int = 40, y1: int = 52) -> None:
    image[y0:y1, x0:x1] = 20


def _line(text: str, bbox, char_edges: list[float]) -> Line:
    y0, y1 = bbox[1], bbox[3]
    boxes = [(a, y0, b, y1) for a, b in zip(char_edges, char_edges[1:], strict=False)]
    return Line(text=text, bbox=bbox, conf=0.99, char_boxes=boxes)


def test_padded_box_over_a_faded_rule_ends_at_the_last_glyph():
    """PP-OCRv6 pads its boxes by 4-6 pt: the amount's box reached over the faded column
    rule beside it (bench-v2 medium p6), so the rule seemed to run through text."""
    image = _page()
    for x in (100, 106, 112, 118):  # "7.60" (the point drawn as a glyph block too)
        _glyph(image, x, x + 4)
    image[:, 126] = 215  # a faded column rule 4 pt right of the last glyph: not black ink
    line = _line("7.60", (94.0, 36.0, 131.0, 56.0), [96.0, 104.0, 110.0, 116.0, 127.0])
    (tight,) = tighten_to_ink([line], image, 1.0, DEFAULT_OPTIONS)
    assert tight.char_boxes[-1][2] == 122.0  # the last glyph's ink ends at x = 122
    assert tight.char_boxes[0][0] == 100.0
    assert tight.bbox == (100.0, 36.0, 122.0, 56.0)
    assert tight.char_boxes[1:-1] == line.char_boxes[1:-1]


def test_a_row_rule_under_the_box_is_not_ink():
    """A table's bottom rule crossing the box's lower edge inks every pixel column; it
    must not keep the padding (bench-v2 medium p17, the last row's ``34.10``)."""
    image = _page()
    for x in (100, 106, 112):
        _glyph(image, x, x + 4)
    image[54, :] = 0  # the row rule, inside the box's bottom padding
    line = _line("341", (94.0, 36.0, 130.0, 56.0), [96.0, 104.0, 110.0, 122.0])
    (tight,) = tighten_to_ink([line], image, 1.0, DEFAULT_OPTIONS)
    assert (tight.bbox[0], tight.bbox[2]) == (100.0, 116.0)


def test_trim_never_takes_more_than_half_a_box():
    """Print lighter than the ink level (a faded page) is not cut away whole: each outer
    box keeps at least half its width."""
    image = _page()
    _glyph(image, 120, 124)
    line = _line("12", (90.0, 36.0, 130.0, 56.0), [90.0, 110.0, 130.0])
    (tight,) = tighten_to_ink([line], image, 1.0, DEFAULT_OPTIONS)
    assert tight.char_boxes[0] == (100.0, 36.0, 110.0, 56.0)


def test_a_narrow_one_is_not_cut_off_its_number():
    """``事务10``: a narrow ``1`` prints with a wide blank after it. Cutting the lone last
    digit off made a column of ``0``s between the labels and the amounts (a header-less
    continuation page gained a sixth column)."""
    image = _page()
    for x in (20, 32, 44, 56):  # four CJK glyphs
        _glyph(image, x, x + 10)
    _glyph(image, 68, 70)  # "1": a thin stem
    _glyph(image, 77, 83)  # "0", 7 pt after the stem (min column gap 4 pt)
    line = _line("行政事务10", (18.0, 36.0, 86.0, 56.0), [18.0, 31, 43, 55, 67, 73, 86.0])
    (tight,) = tighten_to_ink([line], image, 1.0, DEFAULT_OPTIONS)
    boxes = tight.char_boxes
    assert boxes[5][0] - boxes[4][2] < DEFAULT_OPTIONS.min_column_gap_pt


def test_a_code_digit_read_into_the_label_is_still_cut_off():
    """The lone-character split stays for a code's last digit glued to a label."""
    image = _page()
    for x in (20, 27, 34):  # "201" code digits
        _glyph(image, x, x + 5)
    for x in (50, 62):  # two CJK glyphs after a column gap
        _glyph(image, x, x + 10)
    line = _line("201行政", (18.0, 36.0, 74.0, 56.0), [18.0, 26, 33, 44, 61, 74.0])
    (tight,) = tighten_to_ink([line], image, 1.0, DEFAULT_OPTIONS)
    boxes = tight.char_boxes
    assert boxes[3][0] - boxes[2][2] >= DEFAULT_OPTIONS.min_column_gap_pt
