"""Character boxes of OCR lines opened up where their ink has a column gap.

The recogniser places characters by CTC time steps: its boxes tile the line with no gap
(and are only roughly where the glyphs are), so the blank between a code and the label
after it (``2010001`` | ``行政运行``), which PaddleOCR often reads as one line, is shared
out among the neighbouring characters. Tables without column rules get their columns
from such blanks (``textgrid``), and a character is placed by its box's centre. So a
run of ink-free pixel columns at least a column gap wide, inside the line, is made a gap
between the boxes: those left of its middle end where it starts, those right of it begin
where it ends. Not beside punctuation (the blank round a full-width ``：`` or ``，`` is
no column gap) nor round a lone character, and ink running the whole height of the line (a rule the box crosses) is
not a character's.

The line's two outer boxes are also cut back to its first and last ink: a detector pads
its boxes (PP-OCRv6's by 4-6 pt at 150 dpi, against PP-OCRv4's 1-2), and a padded box
reaching over a faded column rule beside the amount hides the rule from the faint-rule
finder (text is left out of its measure) and makes the line seem to stand across it
(bench-v2's medium page 6 lost two column rules under the v6 cascade, and 39 amounts
went into merged cells).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np

from fiscalocr.model import Line
from fiscalocr.model.raster import brightest_channel

from .options import LayoutOptions
from .rules import paper_brightness

_RULE_HEIGHT_SHARE = 0.9
"""A pixel column inked over this share of the line's height is a rule crossing it."""


def ink_columns(brightness: np.ndarray, dark_level: float) -> np.ndarray:
    """Which pixel columns of a line's crop hold a character's ink: not a row rule that
    the box's top or bottom reaches (a pixel row inked over ``_RULE_HEIGHT_SHARE`` of the
    crop's width), not a column rule it crosses."""
    dark = brightness < dark_level
    width = max(dark.shape[1], 1)
    dark = dark[dark.sum(axis=1) / width < _RULE_HEIGHT_SHARE]
    height = max(dark.shape[0], 1)
    share = dark.sum(axis=0) / height
    return dark.any(axis=0) & (share < _RULE_HEIGHT_SHARE)


def tighten_to_ink(
    lines: Sequence[Line], image: np.ndarray, px_per_pt: float, options: LayoutOptions
) -> list[Line]:
    """Copies of ``lines`` with their column gaps opened in the character boxes, the outer
    boxes cut back to the ink and the line's box no wider than its characters' (lines
    without per-character boxes come back as they are)."""
    brightness = brightest_channel(image)
    level = options.black_ink_ratio * paper_brightness(brightness)
    height, width = brightness.shape
    out = []
    for line in lines:
        boxes = line.char_boxes
        x0 = max(0, int(line.bbox[0] * px_per_pt))
        x1 = min(width, int(np.ceil(line.bbox[2] * px_per_pt)))
        y0 = max(0, int(line.bbox[1] * px_per_pt))
        y1 = min(height, int(np.ceil(line.bbox[3] * px_per_pt)))
        if not boxes or len(boxes) != len(line.text) or x1 <= x0 or y1 <= y0:
            out.append(line)
            continue
        inked = ink_columns(brightness[y0:y1, x0:x1], level)
        gaps = [
            ((x0 + a) / px_per_pt, (x0 + b) / px_per_pt)
            for a, b in _blank_runs(inked, options.min_column_gap_pt * px_per_pt)
        ]
        opened = _opened(line.text, list(boxes), gaps)
        boxes = opened or list(boxes)
        boxes = _trimmed_to_ink(boxes, inked, x0, px_per_pt) or boxes
        bx0, by0, bx1, by1 = line.bbox
        bbox = (max(bx0, boxes[0][0]), by0, min(bx1, boxes[-1][2]), by1)
        if opened is None and bbox == tuple(line.bbox) and boxes == list(line.char_boxes):
            out.append(line)
            continue
        out.append(line.model_copy(update={"char_boxes": boxes, "bbox": bbox}))
    return out


_MAX_TRIM_SHARE = 0.5
"""An outer box loses at most this share of its width to the trim: a glyph whose strokes
are lighter than the ink level (faded print) is never cut away whole."""


def _trimmed_to_ink(boxes: list, inked: np.ndarray, x0_px: int, px_per_pt: float) -> list | None:
    """``boxes`` with the first one starting at the line's first ink column and the last
    one ending after its last (None when neither moves)."""
    hits = np.flatnonzero(inked)
    if hits.size == 0 or not boxes:
        return None
    ink0 = (x0_px + int(hits[0])) / px_per_pt
    ink1 = (x0_px + int(hits[-1]) + 1) / px_per_pt
    first, last = boxes[0], boxes[-1]
    new0 = min(max(first[0], ink0), first[0] + _MAX_TRIM_SHARE * (first[2] - first[0]))
    new1 = max(min(last[2], ink1), last[2] - _MAX_TRIM_SHARE * (last[2] - last[0]))
    if new0 <= first[0] and new1 >= last[2]:
        return None
    out = list(boxes)
    out[0] = (new0, first[1], max(first[2], new0), first[3])
    out[-1] = (min(out[-1][0], new1), out[-1][1], new1, out[-1][3])
    return out


def _blank_runs(inked: np.ndarray, min_px: float) -> list[tuple[int, int]]:
    """Runs of ink-free columns at least ``min_px`` wide between the first and last ink."""
    hits = np.flatnonzero(inked)
    if hits.size < 2:
        return []
    steps = np.diff(hits)
    wide = np.flatnonzero(steps > min_px)
    return [(int(hits[k]) + 1, int(hits[k + 1])) for k in wide]


def _opened(text: str, boxes: list, gaps: list[tuple[float, float]]) -> list | None:
    """``boxes`` cut back to the edges of each gap that separates two runs of two or more
    characters, or a line's first or last character from the rest (None when none
    does)."""
    splits: list[tuple[int, float, float]] = []  # (last character before, gap start, end)
    for g0, g1 in gaps:
        middle = (g0 + g1) / 2
        before = sum(1 for box in boxes if (box[0] + box[2]) / 2 <= middle)
        if 0 < before < len(boxes) and not (
            _is_punctuation(text[before - 1]) or _is_punctuation(text[before])
        ):
            splits.append((before, g0, g1))
    ends = [0] + [k for k, _, _ in splits] + [len(boxes)]
    last = len(splits) - 1
    kept = [
        split
        for i, split in enumerate(splits)
        if (ends[i + 1] - ends[i] >= _MIN_RUN or (i == 0 and not _digits_round(text, split[0])))
        and (
            ends[i + 2] - ends[i + 1] >= _MIN_RUN
            or (i == last and not _digits_round(text, split[0]))
        )
    ]
    for before, g0, g1 in kept:
        for k, (x0, y0, x1, y1) in enumerate(boxes):
            if k < before:
                x1 = min(x1, g0)
                x0 = min(x0, x1)
            else:
                x0 = max(x0, g1)
                x1 = max(x1, x0)
            boxes[k] = (x0, y0, x1, y1)
    return boxes if kept else None


_MIN_RUN = 2
"""A gap opens only between runs of two characters or more (or a lone one at the line's
end: a code's last digit read into the label's box): full-width digits in a sentence
(２０２４年) stand a gap apart one by one, a code and a label do not."""


def _digits_round(text: str, before: int) -> bool:
    """Digits on both sides of the split: a lone digit is cut off a code (``201000`` |
    ``1行政运行``), never off a number (``事务1`` | ``0``: a narrow ``1`` prints with a
    wide blank after it)."""
    return text[before - 1].isdigit() and text[before].isdigit()


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "Z"))
