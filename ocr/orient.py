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
    skew = estimate_skew(quads, max_skew_deg) if deskew else 0.0  # a 180 turn keeps angles
    return Orientation(rotation=rotation, skew_deg=skew)
