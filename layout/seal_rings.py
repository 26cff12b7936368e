"""Seals printed or scanned in grey, found by their ring.

``ocr/`` takes coloured seals off the raster and records them in ``Page.seals``. On a
grey scan a red seal is a dark grey ring, and nothing records it: a piece of its rim one
row tall then stands on a row rule and cuts a column the table does not have (seed 002,
print, our ``medium`` damage: p26 got an eleventh column, p8 a continuation that joined
nothing, 6 amounts reaching no cell). The rule filter (``without_seal_rims``) only needs
the ring's box, so layout finds grey rings itself: circles of an official seal's size
(Hough, on a third-size raster), kept when their ring is a dark band with paper just
outside it along most of the circle. A table's grid or a paragraph crosses a circle of
that size too, but only where its rules and strokes cross it, and paper is rarely clear
beside them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fiscalocr.model import SEAL_BOX_PAD, BBox

MIN_RADIUS_PT, MAX_RADIUS_PT = 45.0, 90.0
"""An official seal is 40-60 mm across: a ring of radius 57-85 pt, with some slack."""
SCALE = 1 / 3
"""Circles are found on a third-size raster: at quarter size Hough's centres and radii
were off by 5-10 pt (the ring test then missed the ring it was looking for); at half
size it took 0.7 s a page, against 0.1."""
HOUGH_EDGE, HOUGH_VOTES = 100, 30
"""OpenCV's Canny threshold and accumulator threshold: loose, the ring test decides."""
MAX_CIRCLES = 40
"""Hough's strongest circles tried per page (near each other too: the strongest is not
always the ring's own centre)."""
REFINE_PT, BAND_PT, OUTSIDE_PT = 6.0, 1.5, 6.0
"""The ring's radius is looked for within ``REFINE_PT`` of Hough's; the ring is dark
within ``BAND_PT`` of it, and the paper is looked at ``OUTSIDE_PT`` beyond it."""
DARK_SHARE, PAPER_SHARE = 0.6, 0.8
"""Ink is darker than this share of the page's paper; paper brighter than that share."""
MIN_RING_SHARE = 0.5
"""Share of the circle that must be dark ring with paper outside. Chosen on 48 Hough
circles of the seed renders, the real-PDF scans and bench-v2 (evaluation data): the 15
that were no seal scored 0.16-0.41, the 32 seals 0.28-0.96, every grey one 0.54 or
more; one circle on a faint partial seal scored 0.77."""
_ANGLES = np.linspace(0.0, 2.0 * np.pi, 360, endpoint=False)


def grey_seal_rings(image: np.ndarray, px_per_pt: float, known: Sequence[BBox] = ()) -> list[BBox]:
    """Boxes (points, padded as ``Page.seals``'s are) of seal rings not already ``known``."""
    import cv2

    grey = image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8)
    small = cv2.GaussianBlur(
        cv2.resize(grey, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA), (3, 3), 0
    )
    scale = px_per_pt * SCALE
    circles = cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=MIN_RADIUS_PT * scale / 3,
        param1=HOUGH_EDGE,
        param2=HOUGH_VOTES,
        minRadius=int(MIN_RADIUS_PT * scale),
        maxRadius=int(MAX_RADIUS_PT * scale),
    )
    if circles is None:
        return []
    paper = float(np.percentile(grey[::4, ::4], 90))
    rings: list[tuple[float, BBox]] = []
    for x, y, r in circles[0][:MAX_CIRCLES]:
        cx, cy = x / SCALE, y / SCALE
        if any(b[0] <= cx / px_per_pt <= b[2] and b[1] <= cy / px_per_pt <= b[3] for b in known):
            continue
        radius, share = _ring(grey, cx, cy, r / SCALE, px_per_pt, paper)
        if share >= MIN_RING_SHARE:
            half = radius * (1 + 2 * SEAL_BOX_PAD) / px_per_pt
            px, py = cx / px_per_pt, cy / px_per_pt
            rings.append((share, (px - half, py - half, px + half, py + half)))
    boxes: list[BBox] = []
    for _, box in sorted(rings, reverse=True):  # the best-fitting circle of each seal
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if not any(b[0] <= centre[0] <= b[2] and b[1] <= centre[1] <= b[3] for b in boxes):
            boxes.append(box)
    return boxes


def _ring(
    grey: np.ndarray, cx: float, cy: float, radius: float, px_per_pt: float, paper: float
) -> tuple[float, float]:
    """The darkest circle's radius near ``radius`` (pixels) and its share of dark ring
    with paper outside."""
    reach = REFINE_PT * px_per_pt
    tried = np.arange(radius - reach, radius + reach, 0.5)
    best = float(tried[int(np.argmin(_circles(grey, cx, cy, tried).mean(axis=1)))])
    band, out = BAND_PT * px_per_pt, OUTSIDE_PT * px_per_pt
    ring, outside = (
        _circles(grey, cx, cy, np.array([best - band, best, best + band])).min(axis=0),
        _circles(grey, cx, cy, np.array([best + out]))[0],
    )
    share = float(np.mean((ring < DARK_SHARE * paper) & (outside > PAPER_SHARE * paper)))
    return best, share


def _circles(grey: np.ndarray, cx: float, cy: float, radii: np.ndarray) -> np.ndarray:
    """Brightness along circles of ``radii`` round (cx, cy): one row per radius, paper
    (255) off the raster."""
    xs = (cx + radii[:, None] * np.cos(_ANGLES)).astype(int)
    ys = (cy + radii[:, None] * np.sin(_ANGLES)).astype(int)
    inside = (xs >= 0) & (ys >= 0) & (xs < grey.shape[1]) & (ys < grey.shape[0])
    values = np.full(xs.shape, 255.0)
    values[inside] = grey[ys[inside], xs[inside]]
    return values
