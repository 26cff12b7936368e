"""The raw recogniser output -> Line conversion, on a recorded engine output (no engine run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fiscalocr.ocr.ctc import Placement, RawRecognition, decode, drop_spurious_spaces, to_line

RECORDED = Path(__file__).parent / "data" / "recorded_amount.json"


@pytest.fixture(scope="module")
def recorded() -> RawRecognition:
    return RawRecognition.from_json(json.loads(RECORDED.read_text(encoding="utf-8"))["raw"])


def test_recorded_amount_reads_whole_and_half_width(recorded):
    line = to_line(recorded, Placement(bbox=(100.0, 50.0, 200.0, 62.0)))
    assert line is not None
    # the model split each digit between half- and full-width forms ('6' 0.61 + '６' 0.38);
    # merging by NFKC gives the half-width text and the summed confidence
    assert line.text == "1,234.56"
    assert line.conf > 0.98
    assert line.bbox == (100.0, 50.0, 200.0, 62.0)


def test_recorded_char_boxes_tile_the_line_in_order(recorded):
    line = to_line(recorded, Placement(bbox=(100.0, 50.0, 200.0, 62.0)))
    boxes = line.char_boxes
    assert len(boxes) == len(line.text)
    assert all(b[1] == 50.0 and b[3] == 62.0 for b in boxes)
    assert all(
        a[2] == pytest.approx(b[0]) for a, b in zip(boxes, boxes[1:], strict=False)
    )  # contiguous
    assert 100.0 <= boxes[0][0] < boxes[0][2] and boxes[-1][2] <= 200.0
    # the decimal point sits in the right part of the line, the comma in the left part
    assert boxes[line.text.index(".")][0] > 150.0 > boxes[line.text.index(",")][2]


def test_recorded_alternatives_are_ranked_normalised_and_thresholded(recorded):
    line = to_line(recorded, Placement(bbox=(0.0, 0.0, 250.0, 30.0)))
    alternatives = line.char_alternatives
    assert len(alternatives) == len(line.text)
    for char, alts in zip(line.text, alternatives, strict=True):
        assert alts[0].char == char  # the reading comes first
        assert all(a.prob >= 0.01 for a in alts) and len(alts) <= 3
        assert all(a.char.isascii() for a in alts)  # full-width forms were merged away
    comma = alternatives[line.text.index(",")]
    assert [a.char for a in comma] == [",", "."]
    assert comma[0].prob == pytest.approx(0.8121 + 0.17385, abs=1e-3)


def test_digit_alternative_wins_after_nfkc_merge():
    frames = [
        [("", 0.99)],
        [("8", 0.40), ("６", 0.35), ("6", 0.25)],  # raw argmax '8', but 6 has 0.60
        [("", 0.98)],
        [("０", 0.90), ("0", 0.09)],
    ]
    symbols = decode(frames)
    assert [s.text for s in symbols] == ["6", "0"]
    assert symbols[0].alternatives == (("6", pytest.approx(0.60)), ("8", 0.40))
    assert symbols[1].prob == pytest.approx(0.99)


def test_repeats_collapse_and_blank_separates_double_digits():
    frames = [[("1", 0.9)], [("1", 0.8)], [("", 0.9)], [("1", 0.95)], [("", 0.9)]]
    assert "".join(s.text for s in decode(frames)) == "11"


def test_spurious_space_in_monospaced_digits_is_dropped_real_gap_kept():
    def frame(char: str) -> list[tuple[str, float]]:
        return [(char, 0.9)]

    blank = [("", 0.99)]
    # "20 24": the space sits at ordinary pitch between '0' and '2'
    tight = [frame("2"), blank, frame("0"), frame(" "), frame("2"), blank, frame("4")]
    assert "".join(s.text for s in drop_spurious_spaces(decode(tight))) == "2024"
    # "12 34" with a wide gap: the space is real
    wide = [
        frame("1"),
        blank,
        frame("2"),
        blank,
        blank,
        frame(" "),
        blank,
        blank,
        frame("3"),
        blank,
        frame("4"),
    ]
    assert "".join(s.text for s in drop_spurious_spaces(decode(wide))) == "12 34"


def test_space_after_a_separator_inside_an_amount_is_dropped():
    blank = [("", 0.99)]
    frames = []
    for char in "4,213,":
        frames += [[(char, 0.95)], blank]
    frames += [blank, blank, [(" ", 0.86)], blank, blank]  # a wide gap after the comma
    for char in "779.28":
        frames += [[(char, 0.95)], blank]
    assert "".join(s.text for s in drop_spurious_spaces(decode(frames))) == "4,213,779.28"


def test_vertical_placement_maps_reading_direction_down_the_page():
    frames = [[("上", 0.9)], [("", 0.9)], [("下", 0.9)], [("", 0.9)]]
    raw = RawRecognition(frames=frames, px_per_frame=10.0, crop_size=(40, 12))
    line = to_line(raw, Placement(bbox=(10.0, 100.0, 22.0, 140.0), vertical=True))
    top, bottom = line.char_boxes
    assert line.text == "上下"
    assert top[0] == 10.0 and top[2] == 22.0
    assert top[1] < top[3] <= bottom[1] < bottom[3] <= 140.0


def test_nothing_read_gives_none():
    raw = RawRecognition(frames=[[("", 0.99)]] * 5, px_per_frame=8.0, crop_size=(40, 20))
    assert to_line(raw, Placement(bbox=(0.0, 0.0, 40.0, 20.0))) is None
