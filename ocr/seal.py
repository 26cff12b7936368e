"""Take a red (or blue) official seal off the raster before reading it.

A 公章 stamped across a table hides the amounts under its ring and star: PaddleOCR then
misses them or reads them at low confidence (on a synthetic medium scan, 3 of the 9
amounts under a seal were read; with the seal taken off, all 9). Seals are found as large,
roughly round blobs of coloured ink; only inside them is the colour removed, so coloured
text elsewhere (a red heading) is left as printed. Black text under the seal stays black:
seal ink multiplies the page, and black times red is still dark.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model import SEAL_BOX_PAD
from fiscalocr.model.raster import brightest_channel, darkest_channel

MIN_CHROMA = 60
"""Channels differing by more than this (0-255) make a pixel coloured ink."""
MIN_SEAL_PT = 40.0
"""A seal is at least this wide and tall (official seals are 40-60 mm, about 120 pt)."""
MAX_SEAL_ASPECT = 1.6
"""Round or oval: width / height within 1/1.6 .. 1.6."""
DARK_SHARE = 0.6
"""Coloured pixels brighter than this share of the paper are seal ink, not text under it."""
SCALE = 0.25
"""Blobs are found on a quarter-size mask (seals are large)."""


def seal_boxes(image: np.ndarray, px_per_pt: float) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (x0, y0, x1, y1) of the seals on a colour page (none on a grey one)."""
    import cv2

    if image.ndim != 3:
        return []
    small = cv2.resize(image, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    chroma = brightest_channel(small).astype(np.int16) - darkest_channel(small)
    mask = (chroma > MIN_CHROMA).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))  # patchy ink still one blob
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    min_side = MIN_SEAL_PT * px_per_pt * SCALE
    boxes = []
    for x, y, w, h, _area in stats[1:count]:
        if w >= min_side and h >= min_side and 1 / MAX_SEAL_ASPECT <= w / h <= MAX_SEAL_ASPECT:
            pad_x, pad_y = SEAL_BOX_PAD * w, SEAL_BOX_PAD * h
            boxes.append(
                (
                    max(0, int((x - pad_x) / SCALE)),
                    max(0, int((y - pad_y) / SCALE)),
                    min(image.shape[1], int((x + w + pad_x) / SCALE)),
                    min(image.shape[0], int((y + h + pad_y) / SCALE)),
                )
            )
    return [b for b in boxes if not any(o != b and _inside(b, o) for o in boxes)]


def _inside(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """A seal's star or inner text found as a blob of its own, inside the ring's box."""
    return other[0] <= box[0] and other[1] <= box[1] and box[2] <= other[2] and box[3] <= other[3]


def without_seals(
    image: np.ndarray, px_per_pt: float, boxes: list[tuple[int, int, int, int]] | None = None
) -> np.ndarray:
    """A copy of ``image`` for reading: inside each seal (``boxes``, found when not
    given), its ink turned to paper and the rest to grey. The image itself is returned
    when there is no seal."""
    if boxes is None:
        boxes = seal_boxes(image, px_per_pt)
    if not boxes:
        return image
    out = image.copy()
    paper = float(np.median(brightest_channel(image[::8, ::8])))
    for x0, y0, x1, y1 in boxes:
        part = out[y0:y1, x0:x1]
        bright = brightest_channel(part)
        chroma = bright.astype(np.int16) - darkest_channel(part)
        seal_ink = (chroma > MIN_CHROMA) & (bright > DARK_SHARE * paper)
        grey = np.where(seal_ink, 255, bright).astype(np.uint8)
        out[y0:y1, x0:x1] = grey[:, :, None]
    return out


def seal_boxes_pt(
    boxes: list[tuple[int, int, int, int]], px_per_pt: float
) -> list[tuple[float, float, float, float]]:
    """Pixel seal boxes as page points, for ``Page.seals``."""
    return [tuple(round(v / px_per_pt, 2) for v in box) for box in boxes]  # type: ignore[misc]
