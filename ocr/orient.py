"""Page orientation (0/90/180/270) and small-angle skew, found from detection boxes.

Why this way: detection (~0.2 s a page) is run anyway and recognition is what costs, so
nothing here recognises text.

- Quarter turn: text lines are long thin boxes; if most of their length runs vertically
  the page is turned by 90 or 270.
- Upside down: PaddleOCR's 0/180 line classifier votes on the longest lines (a dozen
  48x192 crops, a few tens of ms), weighted by its scores.
- Skew: the length-weighted median angle of elongated boxes (DB boxes are minimum-area
  rectangles, so their angle follows the text line).

``rotation`` is the clockwise turn applied to the page as displayed to read it upright;
``skew_deg`` is the counter-clockwise angle of the text lines as found on the turned page
(the image is then turned clockwise by that much).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .geometry import (
    ELONGATED,
    box_axes,
    quad_rect,
    quarter_turn_points,
    turn_image,
    weighted_median,
)

VOTING_LINES = 12  # longest lines the 0/180 classifier votes on
VOTE_PIECE_ASPECT = 5.0  # each votes in pieces this many line heights wide ...
PIECES_PER_LINE = 3  # ... at most this many per line
SKEW_LINE_ELONGATION = 3.0  # only clearly line-shaped boxes measure skew
MIN_SKEW_LINES = 2
ROW_SEARCH_DEG = 1.0
"""The row profile looks this far either side of the boxes' median angle. A DB box is a
minimum-area rectangle of a few dozen pixels: at 100 dpi its angle snaps to 0 or is off by
0.3 deg (2.83 for a 2.5 deg sheet; 0.0 for -0.8); the rows of box centres span the page."""
ROW_STEP_DEG = 0.05
ROW_BIN_PX = 1.0
"""Histogram bin of the row profile. Chosen on the 48 synthetic scan-2.0 pages of
``benchmarks/ocr_heavy.py`` (light/medium/heavy, both damage models; the pages the fix was
measured on): mean |error| against the scan's truth 0.051 deg at 1 px (max 0.20), 0.087 at
a quarter of the box height (max 0.96), the boxes' median angle alone 0.177 (max 0.80)."""
MIN_ROW_BOXES = 6


@dataclass(frozen=True)
class Orientation:
    rotation: int = 0
    skew_deg: float = 0.0


def is_quarter_turned(quads: np.ndarray) -> bool:
    """True when elongated boxes run mostly vertically (page turned 90 or 270)."""
    long, short, angles = box_axes(quads)
    elongated = long >= ELONGATED * np.maximum(short, 1e-6)
    vertical = elongated & (np.abs(angles) > 45.0)
    horizontal = elongated & (np.abs(angles) <= 45.0)
    return float(long[vertical].sum()) > float(long[horizontal].sum())


def estimate_skew(quads: np.ndarray, max_skew_deg: float) -> float:
    """Length-weighted median angle of line-shaped boxes within +-max_skew_deg, else 0."""
    long, short, angles = box_axes(quads)
    usable = (long >= SKEW_LINE_ELONGATION * np.maximum(short, 1e-6)) & (
        np.abs(angles) <= max_skew_deg
    )
    if usable.sum() < MIN_SKEW_LINES:
        return 0.0
    return round(weighted_median(angles[usable], long[usable]), 2)


def row_skew(quads: np.ndarray, around_deg: float) -> float:
    """The angle near ``around_deg`` at which the centres of line-shaped boxes fall into
    the sharpest rows (weighted by box length); ``around_deg`` when too few boxes."""
    long, short, angles = box_axes(quads)
    usable = (long >= ELONGATED * np.maximum(short, 1e-6)) & (np.abs(angles) <= 45.0)
    if usable.sum() < MIN_ROW_BOXES:
        return around_deg
    centres = quads[usable].mean(axis=1)
    weights = long[usable]
    x = centres[:, 0] - centres[:, 0].mean()
    candidates = np.arange(
        around_deg - ROW_SEARCH_DEG, around_deg + ROW_SEARCH_DEG + 1e-9, ROW_STEP_DEG
    )
    scores = [
        _row_sharpness(centres[:, 1] + x * np.tan(np.radians(a)), weights) for a in candidates
    ]
    return round(float(candidates[int(np.argmax(scores))]), 2)


def _row_sharpness(rows: np.ndarray, weights: np.ndarray) -> float:
    """Sum of squared weighted row counts: largest when each row's centres share a bin."""
    counts = np.bincount(((rows - rows.min()) / ROW_BIN_PX).astype(np.int64), weights=weights)
    return float(np.square(counts).sum())


def is_upside_down(engine: Any, image: np.ndarray, quads: np.ndarray) -> bool:
    """The 0/180 classifier's weighted vote over pieces of the longest lines.

    The classifier squeezes its input to 48 x 192 px: a whole 700 pt paragraph line
    becomes an unreadable smear and votes at random (two of five dense text pages of a
    real disclosure were turned upside down). Each long line is cut into pieces about
    as wide as the classifier's input, and the pieces vote.
    """
    long, _, _ = box_axes(quads)
    height, width = image.shape[:2]
    crops = []
    for index in np.argsort(-long)[:VOTING_LINES]:
        rect = quad_rect(quads[index], width, height)
        if rect is not None:
            x0, y0, x1, y1 = rect
            step = max(1, int(VOTE_PIECE_ASPECT * (y1 - y0)))
            for start in list(range(x0, max(x0 + 1, x1 - step // 2), step))[:PIECES_PER_LINE]:
                crops.append(image[y0:y1, start : min(x1, start + step)])
    votes = engine.classify_180(crops)
    flipped = sum(score for upside_down, score in votes if upside_down)
    upright = sum(score for upside_down, score in votes if not upside_down)
    return flipped > upright


def find_orientation(
    engine: Any,
    image: np.ndarray,
    quads: np.ndarray,
    detect_turns: bool,
    deskew: bool,
    max_skew_deg: float,
) -> Orientation:
    """Rotation and skew of a page image whose text boxes are ``quads``."""
    if len(quads) == 0:
        return Orientation()
    rotation = 0
    if detect_turns:
        height, width = image.shape[:2]
        if is_quarter_turned(quads):
            rotation = 90
            image = turn_image(image, 90)
            quads = quarter_turn_points(quads, 90, width, height)
        if is_upside_down(engine, image, quads):
            rotation = (rotation + 180) % 360
    skew = 0.0  # a 180 turn keeps angles
    if deskew:
        found = row_skew(quads, estimate_skew(quads, max_skew_deg))
        skew = float(np.clip(found, -max_skew_deg, max_skew_deg))
    return Orientation(rotation=rotation, skew_deg=skew)
