"""The independent damage model ``augraphy``: scan damage built from augraphy's augmentations.

A benchmark scanned only with our own damage model (``levels_v2``, ``archive``) measures
our assumptions. This model takes its effects from augraphy 8.2.6 (ink, paper and
post phases, as in ``augraphy.default_augraphy_pipeline``) with its own light/medium/heavy
parameters, so every headline figure can be reported under both models.

The truth must stay exact, so only effects that change grey levels in place are used: no
Geometric, Folding, PageBorder, BookBinding, BindingsAndFasteners, SectionShift, Squish,
InkShifter, GlitchEffect, ColorShift or DoubleExposure (they move or warp print), no
WaterMark, Scribbles or Markup (they add writing the truth does not hold), nothing that
resizes the page. The only geometry is the scanner's (shift, skew, a turned sheet), drawn
here, applied by ``scanner.scanner_geometry`` and recorded in the truth like ours.
Augraphy draws from the global ``random``/``numpy.random``: each page runs inside
``effects.seeded_global_random(effect_seed)``, so a seed always gives the same bytes.
The slow augmentations (Letterpress, Hollow, Dithering, DirtyRollers, DepthSimulatedBlur,
ShadowCast, ReflectedLight: 7-75 s a page at 150 dpi; LightingGradient 2-4 s) are left
out, and so are BadPhotoCopy's noise types 3, 4 and 6-8 (up to 8-13 s a page).

Bare PP-OCRv4 on 8 synthetic table pages (139 amounts; ``benchmarks/damage_sweep.py
--pages 8 --only level``), exact / separator misread / missing: light 98.6 / 0 / 1.4,
medium 93.5 / 0 / 6.5, heavy 67.6 / 0.7 / 31.6. Unlike ours, this model loses amounts
outright (thresholding, copier noise) rather than confusing their separators.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .effects import seeded_global_random
from .levels import PageDamage
from .scanner import encode_jpeg, scanned_size, scanner_geometry

FAST_PHOTOCOPY_NOISE = (1, 2, 5)  # BadPhotoCopy noise types that stay under ~1 s a page
# local (Sauvola) thresholding: a global (Otsu) one turned noisy grey table headers into
# solid black blocks at 100 dpi (looked at: out/scan2/look/augraphy-heavy-p1.png)
SAUVOLA = {"window_size": 25, "k": 0.1}
PHOTOCOPY_SIDES = ("left", "right", "top", "bottom", "top_left", "bottom_right")


@dataclass(frozen=True)
class AugraphyProfile:
    """One level of the augraphy model: scanner geometry and the chance of each
    augmentation family (augraphy's own ``p``); strengths are augraphy's ranges below."""

    dpi_choices: tuple[int, ...]
    max_skew_deg: float
    rotate_prob: float
    rotations: tuple[int, ...]
    max_shift_pt: float
    jpeg_quality: tuple[int, int]
    ink_bleed_p: float  # InkBleed
    low_ink_p: float  # LowInkRandomLines or LowInkPeriodicLines
    rule_wear_p: float  # LinesDegradation
    mottling_p: float  # InkMottling
    paper_texture_p: float  # BrightnessTexturize then NoiseTexturize
    bleed_through_p: float  # BleedThrough
    bleed_intensity: tuple[float, float]
    softness_p: float  # Faxify without thresholding: resolution lost and restored
    softness_scale: tuple[float, float]
    photocopy_p: float  # BadPhotoCopy
    threshold_p: float  # Faxify with (Sauvola) thresholding, before the copier's noise
    drum_p: float  # DirtyDrum
    lighting_p: float  # Brightness or Gamma
    sensor_noise_p: float  # SubtleNoise
    stains_p: float  # Stains


AUGRAPHY_PROFILES: dict[str, AugraphyProfile] = {
    "clean": AugraphyProfile(
        dpi_choices=(300,), max_skew_deg=0.0, rotate_prob=0.0, rotations=(), max_shift_pt=0.0,
        jpeg_quality=(85, 92), ink_bleed_p=0.0, low_ink_p=0.0, rule_wear_p=0.0, mottling_p=0.0,
        paper_texture_p=0.0, bleed_through_p=0.0, bleed_intensity=(0.0, 0.0), softness_p=0.0,
        softness_scale=(1.0, 1.0), photocopy_p=0.0, threshold_p=0.0, drum_p=0.0,
        lighting_p=0.0, sensor_noise_p=0.0, stains_p=0.0,
    ),
    "light": AugraphyProfile(
        dpi_choices=(200, 300), max_skew_deg=0.8, rotate_prob=0.03, rotations=(180,),
        max_shift_pt=2.0, jpeg_quality=(65, 80), ink_bleed_p=0.2, low_ink_p=0.2, rule_wear_p=0.1,
        mottling_p=0.1, paper_texture_p=0.3, bleed_through_p=0.1, bleed_intensity=(0.1, 0.2),
        softness_p=0.3, softness_scale=(1.0, 1.2), photocopy_p=0.05, threshold_p=0.0,
        drum_p=0.0, lighting_p=0.4, sensor_noise_p=0.5, stains_p=0.0,
    ),
    "medium": AugraphyProfile(
        dpi_choices=(150, 150, 200), max_skew_deg=1.5, rotate_prob=0.06, rotations=(90, 180, 270),
        max_shift_pt=5.0, jpeg_quality=(40, 60), ink_bleed_p=0.3, low_ink_p=0.3, rule_wear_p=0.3,
        mottling_p=0.2, paper_texture_p=0.3, bleed_through_p=0.2, bleed_intensity=(0.1, 0.3),
        softness_p=0.5, softness_scale=(1.1, 1.4), photocopy_p=0.2, threshold_p=0.1,
        drum_p=0.1, lighting_p=0.5, sensor_noise_p=0.6, stains_p=0.1,
    ),
    "heavy": AugraphyProfile(
        dpi_choices=(100, 150), max_skew_deg=3.0, rotate_prob=0.12, rotations=(90, 180, 270),
        max_shift_pt=9.0, jpeg_quality=(20, 45), ink_bleed_p=0.5, low_ink_p=0.5, rule_wear_p=0.5,
        mottling_p=0.4, paper_texture_p=0.5, bleed_through_p=0.3, bleed_intensity=(0.2, 0.4),
        softness_p=0.5, softness_scale=(1.1, 1.5), photocopy_p=0.5, threshold_p=0.35,
        drum_p=0.35, lighting_p=0.6, sensor_noise_p=0.7, stains_p=0.2,
    ),
}  # fmt: skip


def draw_damage(profile: AugraphyProfile, rng: np.random.Generator) -> PageDamage:
    """The page's scanner geometry, resolution, JPEG quality and augraphy seed; which
    augmentations run is augraphy's own draw from that seed."""
    u = rng.random(6)
    turn = profile.rotations[int(u[1] * len(profile.rotations))] if profile.rotations else 0
    shift = rng.uniform(-profile.max_shift_pt, profile.max_shift_pt, size=2)
    low, high = profile.jpeg_quality
    return PageDamage(
        dpi=profile.dpi_choices[int(u[3] * len(profile.dpi_choices))],
        skew_deg=round(float((2 * u[0] - 1) * profile.max_skew_deg), 3),
        rotation=turn if u[2] < profile.rotate_prob else 0,
        shift_pt=(round(float(shift[0]), 2), round(float(shift[1]), 2)),
        jpeg_quality=int(round(low + (high - low) * float(u[4]))),
        effect_seed=int(rng.integers(0, 2**31 - 1)),
    )


def scan_page(page, damage: PageDamage, level: str) -> tuple[bytes, tuple[float, float]]:
    """Render grey, run augraphy's ink and paper phases, place the sheet on the scanner,
    run the post phase (copier and scanner), write the JPEG.

    The phases are applied to the page in turn rather than through ``AugraphyPipeline``,
    whose ink-on-paper overlay of a white paper layer changes nothing here but costs
    0.7-1.6 s a page (measured at 150-200 dpi).
    """
    import pymupdf

    profile = AUGRAPHY_PROFILES[level]
    pix = page.get_pixmap(dpi=damage.dpi, colorspace=pymupdf.csGRAY, alpha=False)
    img = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w).copy()
    with seeded_global_random(damage.effect_seed):
        img = _run_sequence(_ink_phase(profile) + _paper_phase(profile), img)
        img = scanner_geometry(img, damage)
        img = _run_sequence(_post_phase(profile), img)
    return encode_jpeg(img, damage.jpeg_quality), scanned_size(page, damage.rotation)


def _ink_phase(p: AugraphyProfile) -> list:
    import augraphy as ag

    return [
        ag.InkBleed(intensity_range=(0.1, 0.3), kernel_size=(3, 3), severity=(0.3, 0.5), p=p.ink_bleed_p),
        ag.OneOf([ag.LowInkRandomLines(count_range=(3, 8), use_consistent_lines=False),
                  ag.LowInkPeriodicLines(count_range=(2, 4), period_range=(16, 32), use_consistent_lines=False)],
                 p=p.low_ink_p),
        ag.LinesDegradation(line_replacement_probability=(0.3, 0.5), p=p.rule_wear_p),
        ag.InkMottling(p=p.mottling_p),
    ]  # fmt: skip


def _paper_phase(p: AugraphyProfile) -> list:
    import augraphy as ag

    return [
        ag.AugmentationSequence([ag.BrightnessTexturize(texturize_range=(0.9, 0.99), deviation=0.03),
                                 ag.NoiseTexturize(sigma_range=(3, 8), turbulence_range=(2, 5))],
                                p=p.paper_texture_p),
        page_bleed_through()(intensity_range=p.bleed_intensity, color_range=(32, 224), ksize=(17, 17),
                             sigmaX=1, alpha=0.15, offsets=(10, 20), p=p.bleed_through_p),
    ]  # fmt: skip


@cache
def page_bleed_through() -> type:
    """augraphy's BleedThrough with the page itself (mirrored) as the reverse side.

    Its own reverse side is a random image from an ``augraphy_cache/`` folder in the working
    directory (written by ``AugraphyPipeline`` runs): the bytes would depend on where the
    process runs and on other documents.
    """
    import augraphy as ag
    import cv2

    class PageBleedThrough(ag.BleedThrough):
        def create_bleedthrough_foreground(self, image: np.ndarray) -> np.ndarray:
            return cv2.flip(image, 1)

    return PageBleedThrough


def _post_phase(p: AugraphyProfile) -> list:
    import augraphy as ag

    return [
        ag.Faxify(scale_range=p.softness_scale, monochrome=0, halftone=0, p=p.softness_p),
        ag.Faxify(scale_range=(1.0, 1.1), monochrome=1, monochrome_method="threshold_sauvola",
                  monochrome_arguments=SAUVOLA, halftone=0, p=p.threshold_p),
        ag.OneOf([_bad_photocopy(noise, side) for noise in FAST_PHOTOCOPY_NOISE for side in PHOTOCOPY_SIDES],
                 p=p.photocopy_p),
        ag.DirtyDrum(line_width_range=(1, 4), line_concentration=0.05, direction=1, noise_intensity=0.5,
                     noise_value=(64, 160), ksize=(3, 3), sigmaX=0, p=p.drum_p),
        ag.Stains(stains_blend_alpha=0.3, p=p.stains_p),
        ag.OneOf([ag.Brightness(brightness_range=(0.85, 1.1), min_brightness=0),
                  ag.Gamma(gamma_range=(0.8, 1.2))], p=p.lighting_p),
        ag.SubtleNoise(subtle_range=12, p=p.sensor_noise_p),
    ]  # fmt: skip


def _bad_photocopy(noise_type: int, side: str):
    """Copier noise from one side (augraphy's "all" sides and second iterations cost 3-13 s
    a page, measured; a coarser noise mask, size 2-3, keeps it cheap)."""
    import augraphy as ag

    return ag.BadPhotoCopy(noise_type=noise_type, noise_side=side, noise_iteration=(1, 1),
                           noise_size=(2, 3), noise_value=(128, 196), noise_sparsity=(0.3, 0.6),
                           noise_concentration=(0.1, 0.5), blur_noise=0, wave_pattern=0, edge_effect=0)  # fmt: skip


def _run_sequence(augmentations: list, img: np.ndarray) -> np.ndarray:
    """Apply augraphy augmentations in turn (each draws its own ``p``), grey in and out."""
    for augmentation in augmentations:
        out = augmentation(img)
        if isinstance(out, tuple):
            out = out[0]
        if out is not None:
            img = _grey(out)
    return img


def _grey(img) -> np.ndarray:
    """Augraphy may hand back BGR (or BGRA) where it was given grey."""
    import cv2

    arr = np.asarray(img)
    if arr.ndim == 3 and arr.shape[2] == 4:
        arr = arr[:, :, :3]
    if arr.ndim == 3:
        arr = cv2.cvtColor(np.ascontiguousarray(arr, dtype=np.uint8), cv2.COLOR_BGR2GRAY)
    return np.ascontiguousarray(arr, dtype=np.uint8)
