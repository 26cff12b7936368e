"""A second look at cells that received no text although ink sits in them.

The detector misses lone short marks: a ``0`` or ``1`` alone in a count column, a small
amount between thick rules. Placement then leaves the cell blank, and a blank counts as
zero in every rule it is in. A cell with no text but a compact dark mark inside its rules
is read from its crop by the recogniser; what it reads, when it is sure enough, becomes
the cell's text (its confidence is the recogniser's).
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model import TextRecognizer
from fiscalocr.model.raster import brightest_channel

from .geometry import BBox
from .grid import CellGrid
from .options import LayoutOptions
from .placement import CellText

INK_INSET_PT = 2.0
"""Look this far inside the cell's rules, clear of their thickness and any skew."""
DARK_SHARE_OF_PAPER = 0.6
"""A pixel is ink when darker than this share of the cell's paper brightness."""
MIN_MARK_HEIGHT_PT = 4.0
"""A mark shorter than this is a speck or a rule's edge, not a character."""
MIN_INK_PIXELS_PT2 = 3.0
"""…and it must hold at least this much ink (in square points)."""
PAD_PT = 2.0
"""The crop handed to the recogniser reaches this far around the mark."""
MIN_READ_CONF = 0.6
"""A reading less sure than this is not put in the cell."""


def mark_box(crop: np.ndarray, px_per_pt: float) -> tuple[int, int, int, int] | None:
    """Pixel box of the dark mark in a cell's interior, or None when it holds none."""
    brightness = brightest_channel(crop)
    paper = float(np.percentile(brightness, 90))
    dark = brightness < DARK_SHARE_OF_PAPER * paper
    if dark.sum() < MIN_INK_PIXELS_PT2 * px_per_pt * px_per_pt:
        return None
    rows = np.flatnonzero(dark.any(axis=1))
    cols = np.flatnonzero(dark.any(axis=0))
    if (rows[-1] - rows[0] + 1) < MIN_MARK_HEIGHT_PT * px_per_pt:
        return None
    h, w = dark.shape
    if (rows[0] == 0 and rows[-1] == h - 1) or (cols[0] == 0 and cols[-1] == w - 1):
        return None  # a stroke running through the cell (an undetected rule), not a character
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def read_empty_cells(
    grid: CellGrid,
    placed: dict[int, CellText],
    image: np.ndarray,
    px_per_pt: float,
    recognizer: TextRecognizer,
    options: LayoutOptions,
) -> list[int]:
    """Read the marked cells that got no text, in place; returns the cells filled."""
    height, width = image.shape[:2]
    wanted: list[tuple[int, BBox, np.ndarray]] = []
    for index, cell in enumerate(grid.cells):
        if index in placed and placed[index].text.strip():
            continue
        x0, y0, x1, y1 = cell.bbox
        a, b = int((x0 + INK_INSET_PT) * px_per_pt), int((x1 - INK_INSET_PT) * px_per_pt)
        c, d = int((y0 + INK_INSET_PT) * px_per_pt), int((y1 - INK_INSET_PT) * px_per_pt)
        a, c, b, d = max(a, 0), max(c, 0), min(b, width), min(d, height)
        if b - a < 2 or d - c < 2:
            continue
        mark = mark_box(image[c:d, a:b], px_per_pt)
        if mark is None:
            continue
        pad = int(PAD_PT * px_per_pt)
        m0, m1 = max(a, a + mark[0] - pad), min(b, a + mark[2] + pad)
        n0, n1 = max(c, c + mark[1] - pad), min(d, c + mark[3] + pad)
        box = (m0 / px_per_pt, n0 / px_per_pt, m1 / px_per_pt, n1 / px_per_pt)
        wanted.append((index, box, image[n0:n1, m0:m1]))
    if not wanted:
        return []
    filled = []
    for (index, box, _), line in zip(wanted, recognizer([w[2] for w in wanted]), strict=True):
        text = line.text.strip()
        if text and line.conf >= MIN_READ_CONF:
            placed[index] = CellText(fragments=[(text, box)], conf=line.conf)
            filled.append(index)
    return filled
