"""Fine skew from the page's long straight strokes (projection profile).

The skew found from detection boxes is good to about ±0.3°, because a text box's angle is
measured over a few dozen pixels. On a wide table page 0.3° drops a rule by 6 pt from one
end to the other: enough to make thin phantom rows and to put text in the wrong row.
Long horizontal strokes (rules, underlines) measure it far better: shear the stroke
pixels by each candidate angle and keep the angle whose row histogram is sharpest. Pages
with no long stroke keep the box estimate.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model.raster import brightest_channel

PROFILE_SCALE = 0.5
"""The profile is measured on a half-size raster: a 0.02° step is still under a pixel."""
SEARCH_DEG = 0.6
"""The box estimate is off by less than this; the search covers ± this around it."""
STEP_DEG = 0.02
MIN_STROKE_SHARE = 0.2
"""Strokes must sum to this share of the page width (two rules across a table)."""
MIN_STROKE_PT = 40.0
"""An opening this long keeps rules and drops text (a large title's 一 is ~20 pt)."""
THRESHOLD_BLOCK = 15
THRESHOLD_OFFSET = 12
MIN_PEAK_RATIO = 1.15
"""The best angle's sharpness must be this many times the median over the search. Short
strokes of merged digits on a rule-less 100 dpi table give a flat profile (peak 1.04 x
median) whose first maximum is anywhere (-0.5 deg off a box estimate within 0.11 deg)."""
EDGE_MARGIN_PT = 18.0
"""Strokes this close to the raster's edge are ignored: they are the sheet's or the
scanner's edge, or the boundary of a deskew's white corners, not the print. On 100 dpi
archive scans whose faint rules gave few strokes, such edge fragments alone set the
residual (to the search bound: -0.6 deg on three augraphy-heavy pages whose box estimate
was within 0.2 deg)."""


def residual_skew(image: np.ndarray, px_per_pt: float) -> float | None:
    """The ccw angle (degrees) still left on a roughly levelled page, from its long
    horizontal strokes; None when the page has too few of them to say."""
    import cv2

    gray = brightest_channel(image)
    small = cv2.resize(gray, None, fx=PROFILE_SCALE, fy=PROFILE_SCALE, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(
        small,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        THRESHOLD_BLOCK,
        THRESHOLD_OFFSET,
    )
    width = small.shape[1]
    kernel_px = max(5, int(MIN_STROKE_PT * px_per_pt * PROFILE_SCALE))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (kernel_px, 1))
    strokes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    margin = int(EDGE_MARGIN_PT * px_per_pt * PROFILE_SCALE)
    strokes[:margin], strokes[strokes.shape[0] - margin :] = 0, 0
    strokes[:, :margin], strokes[:, width - margin :] = 0, 0
    ys, xs = np.nonzero(strokes)
    if len(xs) < MIN_STROKE_SHARE * width:
        return None
    centred = xs - width / 2.0
    angles = np.arange(-SEARCH_DEG, SEARCH_DEG + STEP_DEG / 2, STEP_DEG)
    scores = [_sharpness(ys + centred * np.tan(np.radians(a))) for a in angles]
    best = int(np.argmax(scores))
    if best in (0, len(angles) - 1) or scores[best] < MIN_PEAK_RATIO * float(np.median(scores)):
        return None  # no clear peak inside the search: the strokes do not agree on an angle
    return round(float(angles[best]), 3)


def _sharpness(rows: np.ndarray) -> float:
    """Sum of squared row counts: largest when every stroke falls in one row."""
    counts = np.bincount(np.round(rows - rows.min()).astype(np.int64))
    return float(np.square(counts, dtype=np.float64).sum())
