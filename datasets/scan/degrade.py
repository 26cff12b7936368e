"""Turn a born-digital PDF and its truth into a scanned, image-only PDF and its truth.

Each page becomes one JPEG at the scan's dpi on a page of the paper's size, as a scanner
writes it. The truth stays in the *upright frame* (see ``geometry``): the reader undoes
the turn and the skew recorded in ``Page.rotation`` / ``Page.skew_deg``, so only the
content shift moves the truth boxes. ``Page.dpi`` records the scan resolution.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from fiscalocr.model import Document, Line, Page, Table

from . import effects
from .geometry import shift_bbox, skew_matrix_px
from .levels import PROFILES, PageDamage, ScanLevel, draw_page_damage
from .seal import seal_mask, stamp

GENERIC_SEAL_TEXT = "财务专用章"


def degrade_document(
    pdf: bytes,
    truth: Document,
    level: ScanLevel,
    seed: int,
    *,
    overrides: Mapping[int, Mapping[str, Any]] | None = None,
) -> tuple[bytes, Document]:
    """Scan ``pdf`` at ``level``; return the image-only PDF and the truth that matches it.

    ``overrides`` maps a 0-based page index to ``PageDamage`` fields to force (tests use
    it to demand a rotation or a skew); everything else is drawn from ``seed``.
    """
    import pymupdf

    profile = PROFILES[level]
    rng = np.random.default_rng([seed, PROFILE_SALT[level]])
    src = pymupdf.open(stream=pdf, filetype="pdf")
    out = pymupdf.open()
    damages = []
    for index, page in enumerate(src):
        damage = draw_page_damage(profile, rng)
        if overrides and index in overrides:
            damage = replace(damage, **overrides[index])
        truth_page = truth.pages[index] if index < len(truth.pages) else None
        jpeg, size_pt = scan_page(page, damage, _seal_anchor(truth_page), _seal_text(truth))
        new = out.new_page(width=size_pt[0], height=size_pt[1])
        new.insert_image(new.rect, stream=jpeg)
        damages.append(damage)
    data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    return data, degrade_truth(truth, damages, data)


PROFILE_SALT = {"clean": 11, "light": 23, "medium": 37, "heavy": 53}


def scan_page(
    page, damage: PageDamage, anchor_pt, seal_text: str
) -> tuple[bytes, tuple[float, float]]:
    """Render, damage and JPEG-encode one page; return the JPEG and the scanned page's size
    in points (the paper's, turned with the sheet)."""
    import cv2
    import pymupdf

    rng = np.random.default_rng(damage.effect_seed)
    colour = damage.seal
    pix = page.get_pixmap(
        dpi=damage.dpi, colorspace=pymupdf.csRGB if colour else pymupdf.csGRAY, alpha=False
    )
    img = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n).copy()
    img = img[:, :, 0] if pix.n == 1 else img
    img = _paper_effects(img, damage, anchor_pt, seal_text, rng)
    img = _scanner_geometry(img, damage)
    img = _scanner_effects(img, damage, rng)
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, damage.jpeg_quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    width, height = page.rect.width, page.rect.height  # the paper, as the scanner states it
    return buf.tobytes(), (height, width) if damage.rotation in (90, 270) else (width, height)


def _paper_effects(img, damage: PageDamage, anchor_pt, seal_text: str, rng) -> np.ndarray:
    """What happens to the sheet itself before it meets the scanner."""
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
    return img


def _scanner_geometry(img: np.ndarray, damage: PageDamage) -> np.ndarray:
    """Shift and skew on the platen, then the sheet's turn; white where paper is absent."""
    import cv2

    h, w = img.shape[:2]
    matrix = skew_matrix_px(w, h, damage.skew_deg)
    px = damage.dpi / 72.0
    shift = np.array([damage.shift_pt[0] * px, damage.shift_pt[1] * px])
    matrix[:, 2] += matrix[:, :2] @ shift  # shift first, then turn about the centre
    if abs(damage.skew_deg) > 1e-6 or np.any(shift != 0):
        white = (255, 255, 255) if img.ndim == 3 else 255
        img = cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=white)
    if damage.rotation:
        img = np.ascontiguousarray(np.rot90(img, k=damage.rotation // 90))
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


__all__ = ["degrade_document", "degrade_truth", "scan_page"]
