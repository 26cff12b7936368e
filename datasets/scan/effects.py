"""Photometric scan damage on uint8 images (H, W) grey or (H, W, 3) RGB.

Cheap effects are written with numpy/OpenCV (a 20-page document must degrade in
seconds); augraphy supplies what it does well and fast enough (LowInkPeriodicLines:
scanner-head streaks). Its InkBleed and NoiseTexturize were measured at 0.2-1 s a page and
replaced by the cheap ``ink_spread`` and ``paper_grain`` below. Augraphy draws from the global ``random`` and
``numpy.random`` states, so :func:`seeded_global_random` seeds them around each call and
restores them afterwards: the same seed gives the same bytes and callers' state is left
alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

RULE_MIN_LENGTH_IN = 0.4  # a dark run this long (inches) counts as a printed rule
INK_THRESHOLD = 140  # grey level below which a pixel is ink
NOISE_TILE = 509  # odd size: the repeat never lines up with table rules
LIGHTING_DOWNSCALE = 8  # lighting varies slowly: compute it small, upsample
GRAIN_SCALE = 3  # paper fibres: a few pixels across
GRAIN_DEPTH = 0.12  # darkest fibre, fraction of white


@contextmanager
def seeded_global_random(seed: int) -> Iterator[None]:
    """Seed ``random`` and ``numpy.random`` for one call, then put their state back."""
    py_state, np_state = random.getstate(), np.random.get_state()
    random.seed(seed)
    np.random.seed(seed % (2**32))
    try:
        yield
    finally:
        random.setstate(py_state)
        np.random.set_state(np_state)


def to_grey(img: np.ndarray) -> np.ndarray:
    import cv2

    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def fade_rules(img: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """Lighten stretches of long horizontal/vertical rules, as worn toner does."""
    import cv2

    ink = (to_grey(img) < INK_THRESHOLD).astype(np.uint8)
    run = max(8, int(RULE_MIN_LENGTH_IN * dpi))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    field = _smooth_field(img.shape[:2], rng, cells=10)
    keep = np.where((rules > 0) & (field > 153), 255 - (77 + field // 2), 255).astype(np.uint8)
    return _lighten(img, _like(keep, img))


def _like(gain: np.ndarray, img: np.ndarray) -> np.ndarray:
    """A one-channel gain map shaped like ``img`` (OpenCV arithmetic wants equal shapes)."""
    import cv2

    return cv2.cvtColor(gain, cv2.COLOR_GRAY2RGB) if img.ndim == 3 else gain


def _lighten(img: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Move pixels toward white: ``keep`` (uint8, 255 = unchanged) scales the ink."""
    import cv2

    return cv2.subtract(255, cv2.multiply(cv2.subtract(255, img), keep, scale=1 / 255))


def _darken(img: np.ndarray, gain: np.ndarray) -> np.ndarray:
    """Scale pixels by ``gain`` (uint8, 255 = unchanged)."""
    import cv2

    return cv2.multiply(img, gain, scale=1 / 255)


def _smooth_field(shape: tuple[int, int], rng: np.random.Generator, cells: int) -> np.ndarray:
    """A smooth random field (uint8, 0..255) of the given shape: low-res noise, upsampled."""
    import cv2

    coarse = (rng.random((cells, cells)) * 255).astype(np.uint8)
    return cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


def bleed_through(img: np.ndarray, alpha: float, rng: np.random.Generator) -> np.ndarray:
    """Show the reverse side's print faintly: the page mirrored, shifted and blurred."""
    import cv2

    back = cv2.flip(to_grey(img), 1)
    dx, dy = (int(v) for v in rng.integers(-20, 21, size=2))
    back = np.roll(back, (dy, dx), axis=(0, 1))
    back = cv2.GaussianBlur(back, (0, 0), 2.0)
    gain = cv2.subtract(255, cv2.multiply(cv2.subtract(255, back), 1.0, scale=alpha))
    return _darken(img, _like(gain, img))


def uneven_lighting(img: np.ndarray, depth: float, rng: np.random.Generator) -> np.ndarray:
    """Darken the page smoothly toward one side and in soft blotches (lid not closed)."""
    import cv2

    h, w = img.shape[:2]
    sh, sw = max(h // LIGHTING_DOWNSCALE, 2), max(w // LIGHTING_DOWNSCALE, 2)
    ramp_x = np.linspace(0.0, 1.0, sw, dtype=np.float32)
    ramp_y = np.linspace(0.0, 1.0, sh, dtype=np.float32)
    if rng.random() < 0.5:
        ramp_x = ramp_x[::-1]
    ramp = 0.6 * ramp_x[None, :] + 0.4 * ramp_y[:, None] * float(rng.random())
    blotch = _smooth_field((sh, sw), rng, cells=4).astype(np.float32) / 255.0
    small = 255.0 * (1.0 - depth * (0.7 * ramp + 0.3 * blotch))
    gain = cv2.resize(small.clip(0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_LINEAR)
    return _darken(img, _like(gain, img))


def blur(img: np.ndarray, sigma_px: float) -> np.ndarray:
    import cv2

    return img if sigma_px < 0.05 else cv2.GaussianBlur(img, (0, 0), sigma_px)


def sensor_noise(img: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Gaussian sensor noise; one random tile repeated (at a random offset) keeps it fast."""
    import cv2

    if sigma <= 0:
        return img
    h, w = img.shape[:2]
    tile = rng.standard_normal((NOISE_TILE, NOISE_TILE), dtype=np.float32) * sigma
    reps = (h // NOISE_TILE + 2, w // NOISE_TILE + 2)
    oy, ox = (int(v) for v in rng.integers(0, NOISE_TILE, size=2))

    def spread(part: np.ndarray) -> np.ndarray:
        return _like(np.tile(part, reps)[oy : oy + h, ox : ox + w].copy(), img)

    up = spread(np.clip(tile, 0, 255).astype(np.uint8))
    down = spread(np.clip(-tile, 0, 255).astype(np.uint8))
    return cv2.subtract(cv2.add(img, up), down)


def augraphy_effect(img: np.ndarray, name: str, seed: int) -> np.ndarray:
    """Run one augraphy augmentation deterministically; keeps the input's channels."""
    import augraphy.augmentations as aug

    makers = {
        "streaks": lambda: aug.LowInkPeriodicLines(count_range=(1, 3), period_range=(20, 60)),
    }
    with seeded_global_random(seed):
        out = makers[name]()(img)
    if out.ndim == 3 and img.ndim == 2:
        out = to_grey(out)
    if out.ndim == 2 and img.ndim == 3:
        out = np.repeat(out[:, :, None], 3, axis=2)
    return np.ascontiguousarray(out, dtype=np.uint8)


def paper_grain(
    img: np.ndarray, rng: np.random.Generator, depth: float = GRAIN_DEPTH
) -> np.ndarray:
    """Fibre texture of the paper: a fine, faint multiplicative mottle.

    (augraphy's NoiseTexturize looks similar but costs ~0.2-1 s a page.)
    """
    import cv2

    h, w = img.shape[:2]
    fine = rng.random((max(h // GRAIN_SCALE, 2), max(w // GRAIN_SCALE, 2))).astype(np.float32)
    fine = cv2.GaussianBlur(fine, (0, 0), 1.2)
    fine = (fine - fine.min()) / max(float(fine.max() - fine.min()), 1e-6)
    gain = (255.0 * (1.0 - depth * fine)).astype(np.uint8)
    return _darken(img, _like(cv2.resize(gain, (w, h), interpolation=cv2.INTER_LINEAR), img))


def ink_spread(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Ink spreading into the paper: strokes thicken by a pixel in patches.

    (augraphy's InkBleed does this too but costs ~0.5 s a page and 8 s on first call.)
    """
    import cv2

    spread = cv2.GaussianBlur(cv2.erode(img, np.ones((2, 2), np.uint8)), (3, 3), 0)
    weight = _like(_smooth_field(img.shape[:2], rng, cells=8), img)
    return cv2.subtract(img, cv2.multiply(cv2.subtract(img, spread), weight, scale=1 / 255))
