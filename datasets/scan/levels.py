"""Graded scan-damage levels and the per-page damage drawn from them.

A level is a *distribution* of damage (``ScanProfile``); each page of a document draws
its own concrete damage (``PageDamage``) from a seeded generator, so two pages of one
document are scanned a little differently, as on a real sheet feeder, yet the same seed
always gives the same damage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

ScanLevel = Literal["clean", "light", "medium", "heavy"]
SCAN_LEVELS: tuple[str, ...] = get_args(ScanLevel)
SCAN_VERSION_1 = "scan-1.3"  # frozen: bench-v1 is built with these profiles, bit for bit


@dataclass(frozen=True)
class ScanProfile:
    """How hard a level hits the page; ranges are (low, high) drawn uniformly."""

    dpi: int
    max_skew_deg: float
    rotate_prob: float  # chance that a page is fed turned (90/180/270)
    rotations: tuple[int, ...]  # which turns may occur, degrees
    max_shift_pt: float  # paper not flush with the platen corner
    blur_sigma_px: tuple[float, float]
    noise_sigma: tuple[float, float]  # grey levels of sensor noise
    jpeg_quality: tuple[int, int]
    lighting_depth: float  # darkest corner of uneven lighting, fraction of white
    bleed_prob: float
    bleed_alpha: tuple[float, float]
    seal_prob: float
    faded_rules_prob: float
    ink_bleed_prob: float  # strokes thicken in patches
    texture_prob: float  # paper grain
    streaks_prob: float  # augraphy LowInkPeriodicLines (dirty scanner head)


PROFILES: dict[str, ScanProfile] = {  # scan-1.3: never change (bench-v1 must rebuild)
    "clean": ScanProfile(300, 0.0, 0.0, (), 0.0, (0.0, 0.0), (0.0, 0.0), (90, 92), 0.0,
                         0.0, (0.0, 0.0), 0.0, 0.0, 0.0, 0.0, 0.0),
    "light": ScanProfile(240, 0.8, 0.04, (180,), 2.0, (0.0, 0.5), (0.5, 1.5), (70, 80), 0.06,
                         0.15, (0.04, 0.08), 0.15, 0.1, 0.0, 0.0, 0.0),
    "medium": ScanProfile(200, 1.8, 0.08, (90, 180, 270), 5.0, (0.3, 0.8), (3.0, 6.0), (62, 75),
                          0.15, 0.35, (0.06, 0.12), 0.3, 0.3, 0.3, 0.2, 0.1),
    "heavy": ScanProfile(150, 3.0, 0.12, (90, 180, 270), 9.0, (0.5, 1.0), (5.0, 10.0), (45, 60),
                         0.25, 0.6, (0.1, 0.18), 0.5, 0.6, 0.5, 0.5, 0.3),
}  # fmt: skip


@dataclass(frozen=True)
class PageDamage:
    """The concrete damage one page receives.

    ``skew_deg`` is the counter-clockwise tilt (degrees, as displayed) of the text lines on
    the scan once its quarter turn is undone; a reader deskews by turning the image
    clockwise by that much (the OCR stage's convention: it reports the same number). ``rotation`` is the clockwise turn a reader must apply to the
    scan to read it upright (PDF ``/Rotate`` sense); the scanner turned the paper by that
    much counter-clockwise. ``shift_pt`` moves the printed content on the upright page.

    ``ink_fade``, ``photocopy`` and ``copier_streak`` exist from scan-2.0 on; scan-1.3
    never sets them, so its pages come out as before.
    """

    dpi: int
    skew_deg: float = 0.0
    rotation: int = 0
    shift_pt: tuple[float, float] = (0.0, 0.0)
    blur_sigma_px: float = 0.0
    noise_sigma: float = 0.0
    jpeg_quality: int = 92
    lighting_depth: float = 0.0
    bleed_alpha: float = 0.0
    seal: bool = False
    faded_rules: bool = False
    ink_bleed: bool = False
    texture: bool = False
    streaks: bool = False
    effect_seed: int = 0
    ink_fade: float = 0.0  # share of the ink's darkness lost where the page is most faded
    photocopy: bool = False  # the sheet is a photocopy: thresholded toner, specks, thin strokes
    copier_streak: bool = False  # a dark band along the feed direction (dirty copier glass)


def draw_page_damage(profile: ScanProfile, rng: np.random.Generator) -> PageDamage:
    """Draw one page's damage; always consumes the same number of draws (stable seeds)."""
    u = rng.random(14)
    turn = profile.rotations[int(u[1] * len(profile.rotations))] if profile.rotations else 0
    shift = rng.uniform(-profile.max_shift_pt, profile.max_shift_pt, size=2)
    return PageDamage(
        dpi=profile.dpi,
        skew_deg=round(float((2 * u[0] - 1) * profile.max_skew_deg), 3),
        rotation=turn if u[2] < profile.rotate_prob else 0,
        shift_pt=(round(float(shift[0]), 2), round(float(shift[1]), 2)),
        blur_sigma_px=_between(profile.blur_sigma_px, u[3]),
        noise_sigma=_between(profile.noise_sigma, u[4]),
        jpeg_quality=int(round(_between(profile.jpeg_quality, u[5]))),
        lighting_depth=profile.lighting_depth * float(u[6]),
        bleed_alpha=_between(profile.bleed_alpha, u[12]) if u[7] < profile.bleed_prob else 0.0,
        seal=bool(u[8] < profile.seal_prob),
        faded_rules=bool(u[9] < profile.faded_rules_prob),
        ink_bleed=bool(u[10] < profile.ink_bleed_prob),
        texture=bool(u[11] < profile.texture_prob),
        streaks=bool(u[13] < profile.streaks_prob),
        effect_seed=int(rng.integers(0, 2**31 - 1)),
    )


def _between(bounds: tuple[float, float], u: float) -> float:
    low, high = bounds
    return float(low + (high - low) * u)
