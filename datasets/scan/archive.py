"""Archive-copy damage of scan-2.0 (numpy/OpenCV): faded ink, photocopying, copier streaks.

Each effect only changes grey levels where the content already is (or adds marks that are
no text); none moves the print, so the truth boxes stay exact. Images are uint8 (H, W)
grey or (H, W, 3) RGB, as in ``effects``.
"""

from __future__ import annotations

import numpy as np

from .effects import _darken, _lighten, _like, _smooth_field, to_grey

FADE_FLOOR = 0.35  # the least-faded part of a faded page still loses this share of the fade
FADE_CELLS = 4  # fading varies over a few patches a page (sun, damp, toner running out)
COPY_THRESHOLD = 185  # grey level below which the copier lays toner (a copy darkens print)
COPY_THRESHOLD_SPREAD = 20  # +- grey levels of uneven drum charge; stays under bleed-through
COPY_SOFTEN_AT_150DPI = 0.6  # optics of the copier before thresholding (px at 150 dpi)
TONER_GREY = 28  # grey of solid toner
COPY_PAPER_GREY = 246  # grey of a copy's paper
SPECK_DENSITY_AT_150DPI = 0.0004  # toner specks per pixel on the paper
SPECK_GROW_DPI = 200  # from this resolution a speck is 2 px across
DROPOUT_DENSITY = 0.04  # share of toner pixels lost (thinned, broken strokes)
STREAK_WIDTH_IN = (0.04, 0.25)  # width of a copier streak, inches
STREAK_GAIN = (0.45, 0.75)  # darkest brightness left inside a streak, fraction of white
STREAK_MAX_COUNT = 2


def fade_ink(img: np.ndarray, depth: float, rng: np.random.Generator) -> np.ndarray:
    """Lighten all ink unevenly over the whole page: ``depth`` is the share of the ink's
    darkness lost where the page is most faded (between ``FADE_FLOOR * depth`` elsewhere)."""
    if depth <= 0:
        return img
    field = _smooth_field(img.shape[:2], rng, cells=FADE_CELLS).astype(np.float32) / 255.0
    loss = depth * (FADE_FLOOR + (1.0 - FADE_FLOOR) * field)
    keep = np.clip(255.0 * (1.0 - loss), 0, 255).astype(np.uint8)
    return _lighten(img, _like(keep, img))


def photocopy(img: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """The sheet went through a copier: grey print thresholded to toner or paper (at a
    threshold that drifts across the page), with toner specks on the paper and dropouts
    that thin and break strokes. Returns a grey image (a copy has no colour)."""
    import cv2

    grey = to_grey(img)
    soft = cv2.GaussianBlur(grey, (0, 0), COPY_SOFTEN_AT_150DPI * dpi / 150.0)
    drift = _smooth_field(grey.shape, rng, cells=6).astype(np.float32) / 255.0 - 0.5
    threshold = COPY_THRESHOLD + 2.0 * COPY_THRESHOLD_SPREAD * drift
    toner = soft.astype(np.float32) < threshold
    toner &= rng.random(grey.shape, dtype=np.float32) >= DROPOUT_DENSITY
    density = SPECK_DENSITY_AT_150DPI * (150.0 / dpi) ** 2  # as many specks per inch
    specks = (rng.random(grey.shape, dtype=np.float32) < density).astype(np.uint8)
    if dpi >= SPECK_GROW_DPI:
        specks = cv2.dilate(specks, np.ones((2, 2), np.uint8))
    specks = specks > 0
    return np.where(toner | specks, TONER_GREY, COPY_PAPER_GREY).astype(np.uint8)


def copier_streaks(img: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """One or two dark bands along the feed direction (the paper's long, vertical axis):
    dirt on the copier glass. Multiplicative, so the print inside stays darker than the
    band and legible."""
    h, w = img.shape[:2]
    gain = np.full(w, 1.0, np.float32)
    for _ in range(int(rng.integers(1, STREAK_MAX_COUNT + 1))):
        width = max(2, int(rng.uniform(*STREAK_WIDTH_IN) * dpi))
        x0 = int(rng.integers(0, max(w - width, 1)))
        depth = 1.0 - float(rng.uniform(*STREAK_GAIN))
        across = np.sqrt(np.sin(np.linspace(0.0, np.pi, width)).clip(0.0, 1.0))  # soft edges
        gain[x0 : x0 + width] = np.minimum(gain[x0 : x0 + width], 1.0 - depth * across)
    along = 0.85 + 0.15 * _smooth_field((h, 1), rng, cells=8).astype(np.float32) / 255.0
    dark = 1.0 - (1.0 - gain[None, :]) * along  # the streak's strength varies down the page
    return _darken(img, _like((255.0 * dark).clip(0, 255).astype(np.uint8), img))
