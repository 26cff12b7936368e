"""What the scanner itself does to a sheet, shared by both damage models: its placement
(shift, skew, a sheet fed turned) and the JPEG file it writes."""

from __future__ import annotations

import numpy as np

from .geometry import skew_matrix_px
from .levels import PageDamage


def scanner_geometry(img: np.ndarray, damage: PageDamage) -> np.ndarray:
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


def encode_jpeg(img: np.ndarray, quality: int) -> bytes:
    """The scanner's file: grey or RGB pixels as one JPEG."""
    import cv2

    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return buf.tobytes()


def scanned_size(page, rotation: int) -> tuple[float, float]:
    """The scanned page's size in points: the paper's, turned with the sheet."""
    width, height = page.rect.width, page.rect.height  # the paper, as the scanner states it
    return (height, width) if rotation in (90, 270) else (width, height)
