"""Faint rules: light-grey hairlines that the ink threshold of :mod:`.rules` cannot see.

An office suite's default border (0.5 pt, #c0c0c0) scanned at 110-150 dpi with strong
JPEG and blur is a smear 5-30 grey levels darker than the paper, no darker than the
scan's noise pixel by pixel. It still differs from everything else on the page in
shape: it is a thin *ridge* (darker than the paper a little way off on both sides) that
runs on and on in one direction. So, per direction:

1. normalise the brightness by the local paper (uneven lighting scales contrast);
2. measure the ridge across the direction: the brighter of the two pixels ``reach``
   away on either side, minus the pixel (a step edge, the border of a shaded cell, has
   no ridge; a stroke's halo next to a dark stroke is negative);
3. average it along the direction over a window, leaving out text (glyph boxes) and
   dark ink (text strokes, the black rules the first pass sees), so noise averages out
   and a rule is followed across a text box that overlaps it;
4. keep what stands above both a contrast floor and the page's own noise, then the same
   long opening and segment step as for inked rules.

The rules come back marked ``faint``; whether they form a table is decided later with
the text (see ``regions``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .geometry import BBox, RuleLine
from .options import LayoutOptions

_PAPER_SCALE = 4
"""The paper map is estimated on a raster this many times smaller (it varies slowly)."""
_NOISE_SAMPLE_STEP = 3
"""Every 3rd pixel of the response is enough to know its noise."""
_MAD_TO_SIGMA = 1.4826
_MIN_REACH_PX = 3
"""A scanned hairline smears over 3-4 pixels whatever the resolution (blur, JPEG)."""


def local_paper(brightness: np.ndarray, px_per_pt: float, options: LayoutOptions) -> np.ndarray:
    """The paper's brightness around every pixel: the brightest pixels of a neighbourhood
    wider than any stroke, smoothed (float32, same shape)."""
    import cv2

    h, w = brightness.shape
    small = cv2.resize(
        brightness,
        (max(1, w // _PAPER_SCALE), max(1, h // _PAPER_SCALE)),
        interpolation=cv2.INTER_AREA,
    )
    size = max(3, int(options.paper_window_pt * px_per_pt / _PAPER_SCALE) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    paper = cv2.blur(cv2.dilate(small, kernel), (size, size))
    return cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)


def glyph_mask(
    shape: tuple[int, int], boxes: Sequence[BBox], px_per_pt: float, inset: float = 0.0
) -> np.ndarray:
    """Pixels inside the given character boxes (bool), each box's top and bottom moved in
    by ``inset`` of its height (boxes reach above and below the ink)."""
    mask = np.zeros(shape, dtype=bool)
    h, w = shape
    for x0, y0, x1, y1 in boxes:
        y0, y1 = y0 + inset * (y1 - y0), y1 - inset * (y1 - y0)
        a, b = max(0, int(x0 * px_per_pt)), min(w, int(np.ceil(x1 * px_per_pt)))
        c, d = max(0, int(y0 * px_per_pt)), min(h, int(np.ceil(y1 * px_per_pt)))
        if b > a and d > c:
            mask[c:d, a:b] = True
    return mask


def _neighbours(values: np.ndarray, reach: int, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """The values ``reach`` pixels before and after each pixel along ``axis``."""
    padded = np.pad(values, [(reach, reach) if a == axis else (0, 0) for a in (0, 1)], "edge")
    n = values.shape[axis]
    before = padded[:n] if axis == 0 else padded[:, :n]
    after = padded[2 * reach :] if axis == 0 else padded[:, 2 * reach :]
    return before, after


def reach_px(px_per_pt: float, options: LayoutOptions) -> int:
    """How far across a rule the paper is looked for, in pixels."""
    return max(_MIN_REACH_PX, round(options.faint_reach_pt * px_per_pt))


def ridge_response(
    norm: np.ndarray,
    excluded: np.ndarray,
    px_per_pt: float,
    options: LayoutOptions,
    across: int,
    window_pt: float,
) -> np.ndarray:
    """How much darker than the paper on both sides (``across``: 0 looks up and down, for
    horizontal rules; 1 left and right) each pixel's stretch of ``window_pt`` along the
    rule is, best of three pixels across (a hairline between two pixel rows zigzags)."""
    import cv2

    reach = reach_px(px_per_pt, options)
    before, after = _neighbours(norm, reach, across)
    ridge = np.minimum(before, after) - norm
    ex_before, ex_after = _neighbours(excluded, reach, across)
    valid = (~(excluded | ex_before | ex_after)).astype(np.float32)
    along = max(3, int(window_pt * px_per_pt) | 1)
    kernel = (along, 1) if across == 0 else (1, along)
    total = cv2.boxFilter(ridge * valid, -1, kernel, normalize=False)
    count = cv2.boxFilter(valid, -1, kernel, normalize=False)
    enough = count >= options.faint_min_valid_share * along
    response = np.where(enough, total / np.maximum(count, 1.0), 0.0).astype(np.float32)
    return cv2.dilate(response, np.ones((3, 1) if across == 0 else (1, 3), np.uint8))


def _threshold(response: np.ndarray, options: LayoutOptions) -> float:
    """The contrast floor, or more on a noisy page (a robust spread of the response)."""
    sample = response[::_NOISE_SAMPLE_STEP, ::_NOISE_SAMPLE_STEP]
    sample = sample[sample != 0]
    if sample.size == 0:
        return options.faint_min_contrast
    spread = _MAD_TO_SIGMA * float(np.median(np.abs(sample - np.median(sample))))
    return max(options.faint_min_contrast, options.faint_noise_factor * spread)


def faint_rules(
    brightness: np.ndarray,
    px_per_pt: float,
    options: LayoutOptions,
    char_boxes: Sequence[BBox] = (),
) -> list[RuleLine]:
    """Faint horizontal and vertical rules of a page (``RuleLine.faint``), in points.

    Hysteresis along the rule: a run above half the threshold, long enough to survive
    the rule opening, is a rule when its mean response clears the whole threshold (the
    response of a scanned hairline dips between JPEG blocks; noise does not stay up).
    """
    import cv2

    paper = local_paper(brightness, px_per_pt, options)
    norm = brightness.astype(np.float32) * (255.0 / np.maximum(paper, 1.0))
    # dark ink and a reach around it: its halo, and the ringing JPEG leaves beside a
    # black rule (a faint parallel band 2-4 px off), are not rules of their own
    halo = 2 * reach_px(px_per_pt, options) + 1
    dark = norm < options.black_ink_ratio * 255.0
    dark = cv2.dilate(dark.astype(np.uint8), np.ones((halo, halo), np.uint8)) > 0
    excluded = dark | glyph_mask(brightness.shape, char_boxes, px_per_pt, options.faint_glyph_inset)
    rules: list[RuleLine] = []
    for horizontal in (True, False):
        across = 0 if horizontal else 1
        response = ridge_response(
            norm, excluded, px_per_pt, options, across, options.faint_window_pt
        )
        threshold = _threshold(response, options)
        low = (response > options.faint_low_share * threshold).astype(np.uint8)
        length = options.min_horizontal_rule_pt if horizontal else options.min_vertical_rule_pt
        run = max(5, int(length * px_per_pt))
        kernel = np.ones((1, run) if horizontal else (run, 1), np.uint8)
        opened = cv2.morphologyEx(low, cv2.MORPH_OPEN, kernel)
        runs = _strong_runs(opened, response, threshold, horizontal)
        if runs:
            short = ridge_response(
                norm, excluded, px_per_pt, options, across, options.faint_end_window_pt
            )
            rules += [
                _rule(_trimmed(run, short, horizontal), horizontal, px_per_pt) for run in runs
            ]
    return [r for r in rules if r.thickness <= options.max_rule_thickness_pt]


def _strong_runs(
    mask: np.ndarray, response: np.ndarray, threshold: float, horizontal: bool
) -> list[tuple[int, int, int, int, int]]:
    """Pixel boxes ``(x, y, w, h, area)`` of the connected runs of ``mask`` whose mean
    response clears ``threshold``."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return []
    sums = np.bincount(labels.ravel(), weights=response.ravel(), minlength=count)
    return [
        tuple(int(v) for v in stats[label])  # type: ignore[misc]
        for label in range(1, count)
        if sums[label] / stats[label][4] >= threshold
    ]


def _trimmed(
    run: tuple[int, int, int, int, int], short: np.ndarray, horizontal: bool
) -> tuple[int, int, int, int, int]:
    """A run's ends moved in to where the short-window response falls below half the
    run's own level: the long window smears a rule on past its ends."""
    x, y, w, h, area = run
    band = short[y : y + h, x : x + w]
    profile = band.max(axis=0) if horizontal else band.max(axis=1)
    inside = np.flatnonzero(profile > _END_LEVEL * float(profile.mean()))
    if inside.size == 0:
        return run
    first, last = int(inside[0]), int(inside[-1]) + 1
    if horizontal:
        return x + first, y, last - first, h, area * (last - first) // max(w, 1)
    return x, y + first, w, last - first, area * (last - first) // max(h, 1)


_END_LEVEL = 0.5


def _rule(run: tuple[int, int, int, int, int], horizontal: bool, px_per_pt: float) -> RuleLine:
    x, y, w, h, area = run
    length = w if horizontal else h
    thickness = area / max(length, 1) / px_per_pt
    if horizontal:
        return RuleLine(
            "h", (y + h / 2) / px_per_pt, x / px_per_pt, (x + w) / px_per_pt, thickness, faint=True
        )
    return RuleLine(
        "v", (x + w / 2) / px_per_pt, y / px_per_pt, (y + h) / px_per_pt, thickness, faint=True
    )
