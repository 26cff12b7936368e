"""Turn a born-digital PDF and its truth into a scanned, image-only PDF and its truth.

Each page becomes one JPEG at the scan's dpi on a page of the paper's size, as a scanner
writes it. The truth stays in the *upright frame* (see ``geometry``): the reader undoes
the turn and the skew recorded in ``Page.rotation`` / ``Page.skew_deg``, so only the
content shift moves the truth boxes. ``Page.dpi`` records the scan resolution.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from typing import Any

import numpy as np

from fiscalocr.model import Document, Line, Page, Table

from . import archive, augraphy_model, effects
from .geometry import shift_bbox
from .levels import PROFILES, SCAN_VERSION_1, PageDamage, ScanLevel, draw_page_damage
from .levels_v2 import ARCHIVE_PROFILES, SCAN_VERSION_2, draw_archive_damage
from .scanner import encode_jpeg, scanned_size, scanner_geometry
from .seal import seal_mask, stamp

SCAN_VERSIONS = (SCAN_VERSION_1, SCAN_VERSION_2)
SCAN_VERSION = SCAN_VERSION_2  # what new corpora are scanned with
DAMAGE_MODELS = ("fiscalocr", "augraphy")  # ours; the independent one built from augraphy
DEFAULT_DAMAGE_MODEL = "fiscalocr"

GENERIC_SEAL_TEXT = "财务专用章"


def degrade_document(
    pdf: bytes,
    truth: Document,
    level: ScanLevel,
    seed: int,
    *,
    scan_version: str = SCAN_VERSION,
    damage_model: str = DEFAULT_DAMAGE_MODEL,
    overrides: Mapping[int, Mapping[str, Any]] | None = None,
) -> tuple[bytes, Document]:
    """Scan ``pdf`` at ``level``; return the image-only PDF and the truth that matches it.

    ``scan_version`` picks the damage: ``scan-1.3`` (bench-v1's profiles, kept bit for
    bit) or ``scan-2.0``; ``damage_model`` is ``fiscalocr`` (ours) or ``augraphy`` (the
    independent model, scan-2.0 only). ``overrides`` maps a 0-based page index to
    ``PageDamage`` fields to force (tests use it to demand a rotation or a skew);
    everything else is drawn from ``seed``.
    """
    import pymupdf

    draw = damage_drawer(scan_version, damage_model, level)
    rng = np.random.default_rng(damage_seed(scan_version, damage_model, level, seed))
    src = pymupdf.open(stream=pdf, filetype="pdf")
    out = pymupdf.open()
    damages = []
    for index, page in enumerate(src):
        damage = draw(rng)
        if overrides and index in overrides:
            damage = replace(damage, **overrides[index])
        if damage_model == "augraphy":
            jpeg, size_pt = augraphy_model.scan_page(page, damage, level)
        else:
            truth_page = truth.pages[index] if index < len(truth.pages) else None
            jpeg, size_pt = scan_page(page, damage, _seal_anchor(truth_page), _seal_text(truth))
        new = out.new_page(width=size_pt[0], height=size_pt[1])
        new.insert_image(new.rect, stream=jpeg)
        damages.append(damage)
    data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    return data, degrade_truth(truth, damages, data)


PROFILE_SALT = {"clean": 11, "light": 23, "medium": 37, "heavy": 53}
MODEL_SALT = {"fiscalocr": 2, "augraphy": 3}  # scan-2.0 streams; scan-1.3 has none (as before)


def damage_seed(scan_version: str, damage_model: str, level: str, seed: int) -> list[int]:
    """The seed of a document's page-damage stream (scan-1.3's is unchanged)."""
    if scan_version == SCAN_VERSION_1:
        return [seed, PROFILE_SALT[level]]
    return [seed, PROFILE_SALT[level], MODEL_SALT[damage_model]]


def damage_drawer(
    scan_version: str, damage_model: str, level: str
) -> Callable[[np.random.Generator], PageDamage]:
    """The function drawing one page's damage for this version, model and level."""
    if damage_model not in DAMAGE_MODELS:
        raise ValueError(f"unknown damage model {damage_model!r}; choose from {DAMAGE_MODELS}")
    if scan_version == SCAN_VERSION_1 and damage_model == "fiscalocr":
        return partial(draw_page_damage, PROFILES[level])
    if scan_version == SCAN_VERSION_2 and damage_model == "fiscalocr":
        return partial(draw_archive_damage, ARCHIVE_PROFILES[level])
    if scan_version == SCAN_VERSION_2:
        return partial(augraphy_model.draw_damage, augraphy_model.AUGRAPHY_PROFILES[level])
    raise ValueError(f"no {damage_model} damage in {scan_version}; versions: {SCAN_VERSIONS}")


def scan_page(
    page, damage: PageDamage, anchor_pt, seal_text: str
) -> tuple[bytes, tuple[float, float]]:
    """Render, damage and JPEG-encode one page; return the JPEG and the scanned page's size
    in points (the paper's, turned with the sheet)."""
    import pymupdf

    rng = np.random.default_rng(damage.effect_seed)
    colour = damage.seal
    pix = page.get_pixmap(
        dpi=damage.dpi, colorspace=pymupdf.csRGB if colour else pymupdf.csGRAY, alpha=False
    )
    img = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n).copy()
    img = img[:, :, 0] if pix.n == 1 else img
    img = _paper_effects(img, damage, anchor_pt, seal_text, rng)
    img = scanner_geometry(img, damage)
    img = _scanner_effects(img, damage, rng)
    return encode_jpeg(img, damage.jpeg_quality), scanned_size(page, damage.rotation)


def _paper_effects(img, damage: PageDamage, anchor_pt, seal_text: str, rng) -> np.ndarray:
    """What happens to the sheet itself before it meets the scanner."""
    if damage.ink_fade > 0:
        img = archive.fade_ink(img, damage.ink_fade, rng)
    if damage.faded_rules:
        img = effects.fade_rules(img, damage.dpi, rng)
    if damage.ink_bleed:
        img = effects.ink_spread(img, rng)
    if damage.bleed_alpha > 0:
        img = effects.bleed_through(img, damage.bleed_alpha, rng)
    if damage.seal and anchor_pt is not None and img.ndim == 3:
        mask = seal_mask(seal_text, damage.dpi, float(rng.uniform(-25, 25)))
        px = damage.dpi / 72.0
        img = stamp(img, mask, (int(anchor_pt[0] * px), int(anchor_pt[1] * px)), rng)
    if damage.photocopy:
        img = archive.photocopy(img, damage.dpi, rng)
    if damage.copier_streak:
        img = archive.copier_streaks(img, damage.dpi, rng)
    return img


def _scanner_effects(img: np.ndarray, damage: PageDamage, rng) -> np.ndarray:
    """Optics and sensor: lighting, blur, grain, streaks, noise."""
    if damage.lighting_depth > 0:
        img = effects.uneven_lighting(img, damage.lighting_depth, rng)
    if damage.texture:
        img = effects.paper_grain(img, rng)
    if damage.streaks:
        img = effects.augraphy_effect(img, "streaks", damage.effect_seed + 3)
    img = effects.blur(img, damage.blur_sigma_px)
    return effects.sensor_noise(img, damage.noise_sigma, rng)


def _seal_anchor(page: Page | None) -> tuple[float, float] | None:
    """Centre the seal on a line of text (the right-most, lowest third): stamped over text."""
    if page is None or not page.lines:
        return None
    lines = sorted(page.lines, key=lambda ln: (ln.bbox[3], ln.bbox[2]))
    line = lines[(2 * len(lines)) // 3]
    return ((line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2)


def _seal_text(truth: Document) -> str:
    return truth.document.department or GENERIC_SEAL_TEXT


def degrade_truth(truth: Document, damages: list[PageDamage], pdf: bytes) -> Document:
    """The truth of the scan: boxes shifted with the content; damage recorded per page."""
    by_page = {i + 1: d for i, d in enumerate(damages)}
    doc = truth.model_copy(deep=True)
    doc.source.sha256 = hashlib.sha256(pdf).hexdigest()
    doc.source.size_bytes = len(pdf)
    doc.source.page_count = len(damages)
    for page in doc.pages:
        damage = by_page.get(page.page)
        if damage is None:
            continue
        move = _mover(damage, page.width, page.height)
        page.rotation = damage.rotation  # type: ignore[assignment]
        page.skew_deg = damage.skew_deg
        page.dpi = float(damage.dpi)
        page.text_source = "ocr"
        page.lines = [_move_line(ln, move) for ln in page.lines]
        page.blocks = [blk.model_copy(update={"bbox": move(blk.bbox)}) for blk in page.blocks]
    for table in doc.tables:
        _move_table(table, by_page, {p.page: p for p in doc.pages})
    return doc


def _mover(damage: PageDamage, width: float, height: float):
    dx, dy = damage.shift_pt
    return lambda bbox: shift_bbox(bbox, dx, dy, width, height)


def _move_line(line: Line, move) -> Line:
    boxes = [move(b) for b in line.char_boxes] if line.char_boxes else line.char_boxes
    return line.model_copy(update={"bbox": move(line.bbox), "char_boxes": boxes})


def _move_table(table: Table, damages: dict[int, PageDamage], pages: dict[int, Page]) -> None:
    def move(page_no: int, bbox):
        damage, page = damages.get(page_no), pages.get(page_no)
        if damage is None or page is None:
            return bbox
        return _mover(damage, page.width, page.height)(bbox)

    table.cells = [c.model_copy(update={"bbox": move(c.page, c.bbox)}) for c in table.cells]
    table.regions = [r.model_copy(update={"bbox": move(r.page, r.bbox)}) for r in table.regions]


__all__ = [
    "DAMAGE_MODELS",
    "SCAN_VERSION",
    "SCAN_VERSIONS",
    "degrade_document",
    "degrade_truth",
    "scan_page",
]
