"""Tiles for detecting text on very tall images (a scroll-like scan, a strip of
pages scanned as one image).

PaddleOCR's detector shrinks an image until its long side fits its limit (1600 px here).
A 10,000 px tall strip then becomes about 1600 x 250 px and every line vanishes: the page
reads as empty with no error. Cutting the image into page-shaped tiles along its long side
keeps the text at its normal size. Tiles overlap so a line cut by one tile's edge is whole
in the next; each box is kept only by the tile that owns its centre.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_ASPECT = 2.0
"""Long side / short side above which an image is tiled (A3 landscape is 1.41)."""
TILE_ASPECT = 1.42
"""Each tile is page-shaped: this many short sides long."""
OVERLAP_SHARE = 0.08
"""Tiles overlap by this share of the short side (several text lines)."""


@dataclass(frozen=True)
class Tile:
    """One span of the long axis: [start, end) is cut out, [own_start, own_end) is owned."""

    start: int
    end: int
    own_start: int
    own_end: int


def tiles_along(length: int, short: int, min_length: int = 0) -> list[Tile]:
    """Overlapping page-shaped spans covering ``length`` (one span when not elongated, or
    not longer than ``min_length``)."""
    if length <= MAX_ASPECT * short or length <= min_length:
        return [Tile(0, length, 0, length)]
    size = max(1, int(TILE_ASPECT * short))
    overlap = max(1, int(OVERLAP_SHARE * short))
    step = size - overlap
    starts = list(range(0, max(length - size, 0) + 1, step))
    if starts[-1] + size < length:
        starts.append(length - size)
    tiles = []
    for k, start in enumerate(starts):
        own_start = 0 if k == 0 else (start + starts[k - 1] + size) // 2
        own_end = length if k == len(starts) - 1 else (starts[k + 1] + start + size) // 2
        tiles.append(Tile(start, start + size, own_start, own_end))
    return tiles


def detect_tiled(detect, image: np.ndarray, limit: int) -> np.ndarray:
    """``detect`` (image -> (N, 4, 2) quads) run per tile of a tall image that the
    detector would shrink (taller than its side ``limit``), boxes mapped back to the whole
    image. Only tall images are tiled: cuts then fall between text lines, where a cut
    across a wide image would fall through them."""
    height, width = image.shape[:2]
    spans = tiles_along(height, width, limit)
    if len(spans) == 1:
        return detect(image)
    found = []
    for tile in spans:
        quads = detect(np.ascontiguousarray(image[tile.start : tile.end]))
        if len(quads) == 0:
            continue
        quads = quads.copy()
        quads[:, :, 1] += tile.start
        centres = quads[:, :, 1].mean(axis=1)
        found.append(quads[(centres >= tile.own_start) & (centres < tile.own_end)])
    if not found:
        return np.zeros((0, 4, 2), dtype=np.float32)
    return np.concatenate(found).astype(np.float32)
