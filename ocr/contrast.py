"""Contrast of faded ink, stretched before a crop is recognised (pure image functions).

Faded print on an archive copy is grey on grey: a crop's darkest ink can sit at grey 180 on
a paper of 240. PP-OCRv4's recogniser normalises a crop's pixel values, not its range, so
such a line reaches it at a quarter of the contrast it was trained on. Stretching the
crop's own ink/paper range to black on white gives that contrast back. A crop whose ink is
already dark (clean print, a photocopy's toner) is left as it is: stretching it only
sharpens JPEG noise.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model.raster import darkest_channel

INK_PERCENTILE = 2.0
"""The crop's ink grey: this percentile of its darkest channel (thin strokes, few pixels)."""
PAPER_PERCENTILE = 98.0
MAX_GAIN = 1.5
"""The range is stretched by at most this much: more amplifies the JPEG noise of a very
faded crop into false strokes. Chosen on two heavy pages (a synthetic augraphy page at
100 dpi, a real page faded 0.56 at 150 dpi; amounts exact 42 / 67 unstretched): gain 1.5
reads 49 / 70, gain 2 48 / 64, an unbounded stretch 49 / 51 (figures of the session that
wrote this, not re-measured since; a later check on one synthetic rule-less page, faded to
grey 170-200 at 100 and 150 dpi, gained 0-1 of 36 amounts: a small effect)."""
MIN_RANGE = 24
"""A crop whose ink and paper greys are closer than this holds no text to stretch."""


def ink_and_paper(crop: np.ndarray) -> tuple[float, float]:
    """The ink and paper greys of a BGR or grey crop (darkest channel, as seals are)."""
    grey = darkest_channel(crop)
    low, high = np.percentile(grey, (INK_PERCENTILE, PAPER_PERCENTILE))
    return float(low), float(high)


def stretched_if_faded(crop: np.ndarray, faded_ink_grey: int) -> np.ndarray:
    """``crop`` with its ink/paper range stretched to 0-255 (grey, as BGR) when its ink is
    lighter than ``faded_ink_grey``; else ``crop`` itself. 0 switches this off."""
    if faded_ink_grey <= 0 or crop.size == 0:
        return crop
    ink, paper = ink_and_paper(crop)
    if ink < faded_ink_grey or paper - ink < MIN_RANGE:
        return crop
    grey = darkest_channel(crop)
    gain = min(255.0 / (paper - ink), MAX_GAIN)
    out = np.clip(255.0 - (paper - grey.astype(np.float32)) * gain, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.repeat(out[:, :, np.newaxis], 3, axis=2))
