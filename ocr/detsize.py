"""Detection resolution fitted to the page's text size, not to a fixed side.

The detector is fed an image whose long side is at most ``det_limit_side_len`` (1600 px).
That suits an A4 page at 150-200 dpi: its table lines' boxes stand 25-36 px tall in the
detector's input. The same fixed side shrinks an A3 sheet to about two thirds (boxes of
21-32 px at 150 dpi), and a 100 dpi archive scan, which the limit never enlarges, feeds
boxes of 20-27 px as they are. Fitting the scale to the text, not the sheet, gives
every page the text height the detector reads best.

How: the first detection (at the fixed side, needed anyway to find the page's
orientation) measures the text height: the median short side of its line-shaped boxes.
When the scale that brings that height to ``target_px`` is more than ``refit_tolerance``
above the first one, the page is detected once more at the fitted scale. Only
such pages pay a second detection, and a turned or deskewed page, which is detected twice
anyway, pays nothing more. The scale stays within ``[min_scale, max_scale]`` of the raster
and the detector input within ``max_pixels``, so a huge page never costs unbounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LINE_SHAPED = 2.0
"""Width / height from which a box is a text line (a lone digit or a speck is not: its
height is no text height)."""


@dataclass(frozen=True)
class DetectionFit:
    """How the detector's input scale is fitted to the text (``OcrOptions.det_fit``).

    target_px: box height in the detector's input that the fit aims at (the detector's
        boxes, grown by its unclip ratio, not the glyphs): 28 px. Under the fixed 1600 px
        side, first-detection boxes measured 25-36 px on 9 A4 pages at 150 dpi (real,
        synthetic and seed renders), 21-32 px on 4 A3 sheets at 150 dpi and 20-27 px on 6
        scans at 100-120 dpi (BENCHMARKS.md, session 9). Chosen on those pages; with it the
        fit lost amounts on the seed renders, which is why ``OcrOptions.det_fit`` is off.
    allow_shrink: also shrink a page whose text stands taller than the target. Off: the
        pages that would shrink (large-print A4 at 150 dpi) already read every amount, and
        a smaller input was not measured to read as well; only pages the fixed side feeds
        too small are refitted.
    refit_tolerance: a fitted scale within this share of the first one is not worth a
        second detection.
    min_boxes: line-shaped boxes needed before the measured height is trusted (a page of
        a few words gives no stable median).
    min_scale / max_scale: bounds of the scale against the page raster (enlarging a
        blurred 100 dpi scan more than twice adds no detail).
    max_pixels: the largest detector input (width x height); 4 Mpx is an A3 page at
        ~150 dpi, twice the fixed side's input on A4.
    """

    target_px: float = 28.0
    refit_tolerance: float = 0.15
    allow_shrink: bool = False
    min_boxes: int = 8
    min_scale: float = 0.25
    max_scale: float = 2.0
    max_pixels: int = 4_000_000


def fixed_scale(shape: tuple[int, ...], limit: int) -> float:
    """The scale the detector's fixed long-side limit applies to an image of ``shape``."""
    height, width = shape[:2]
    return min(1.0, limit / max(height, width))


def text_height_px(quads: np.ndarray, min_boxes: int) -> float | None:
    """Median short side of the line-shaped boxes (the text height, in the pixels of the
    image they were found on); None when fewer than ``min_boxes`` such boxes were found."""
    if len(quads) == 0:
        return None
    xs, ys = quads[:, :, 0], quads[:, :, 1]
    widths = xs.max(axis=1) - xs.min(axis=1)
    heights = ys.max(axis=1) - ys.min(axis=1)
    # the short side is the text height whichever way the page lies (sideways: columns)
    short, long = np.minimum(widths, heights), np.maximum(widths, heights)
    lines = short[(short > 0) & (long >= LINE_SHAPED * short)]
    if len(lines) < min_boxes:
        return None
    return float(np.median(lines))


def fitted_scale(
    quads: np.ndarray, shape: tuple[int, ...], limit: int, fit: DetectionFit
) -> float | None:
    """The detector scale for this page's text, or None when the fixed one will do (too
    few lines to measure, or the fitted scale within the tolerance of the fixed one)."""
    height_px = text_height_px(quads, fit.min_boxes)
    if height_px is None:
        return None
    first = fixed_scale(shape, limit)
    wanted = min(max(fit.target_px / height_px, fit.min_scale), fit.max_scale)
    pixels = shape[0] * shape[1]
    wanted = min(wanted, (fit.max_pixels / pixels) ** 0.5)
    if abs(wanted - first) <= fit.refit_tolerance * first:
        return None
    if wanted < first and not fit.allow_shrink:
        return None
    return round(wanted, 3)
