"""A red official seal (公章) stamped over the printed text.

The seal is drawn as vector art with PyMuPDF's built-in CJK font (ring, star, the issuing
body's name around the rim), rasterised as an ink mask and multiplied onto the page in
red, with uneven ink, so it covers text the way a real stamp does.
"""

from __future__ import annotations

import math

import numpy as np

SEAL_DIAMETER_PT = 120.0
SEAL_INK_RGB = (205, 35, 40)
SEAL_RIM_ARC_DEG = 250.0  # span of the rim text, centred on the top


def seal_mask(text: str, dpi: int, turn_deg: float) -> np.ndarray:
    """Ink mask (float32 in [0, 1], square) of a round seal with ``text`` on its rim."""
    import pymupdf

    size = SEAL_DIAMETER_PT
    doc = pymupdf.open()
    page = doc.new_page(width=size, height=size)
    centre = pymupdf.Point(size / 2, size / 2)
    page.draw_circle(centre, size / 2 - 3, color=(0, 0, 0), width=3.2)
    page.draw_polyline(_star(centre, size * 0.16), color=None, fill=(0, 0, 0), closePath=True)
    _rim_text(page, text[:16] or "专用章", centre, size / 2 - 17)
    zoom = pymupdf.Matrix(dpi / 72.0, dpi / 72.0).prerotate(turn_deg)
    pix = page.get_pixmap(colorspace=pymupdf.csGRAY, matrix=zoom)
    grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w)
    return (255.0 - grey.astype(np.float32)) / 255.0


def _star(centre, radius: float) -> list:
    import pymupdf

    pts = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.4
        a = math.radians(-90 + 36 * k)
        pts.append(pymupdf.Point(centre.x + r * math.cos(a), centre.y + r * math.sin(a)))
    return pts


def _rim_text(page, text: str, centre, radius: float) -> None:
    """Write ``text`` clockwise along the top arc, each glyph upright toward the centre."""
    import pymupdf

    n = len(text)
    fontsize = min(17.0, 2 * math.pi * radius * SEAL_RIM_ARC_DEG / 360.0 / max(n, 1) * 0.95)
    step = SEAL_RIM_ARC_DEG / max(n - 1, 1)
    for i, ch in enumerate(text):
        deg = -SEAL_RIM_ARC_DEG / 2 + i * step  # 0 = top of the seal
        a = math.radians(deg - 90)
        x, y = centre.x + radius * math.cos(a), centre.y + radius * math.sin(a)
        origin = pymupdf.Point(x - fontsize / 2, y + fontsize / 2)
        pivot = pymupdf.Point(x, y)
        page.insert_text(
            origin, ch, fontname="china-s", fontsize=fontsize, morph=(pivot, pymupdf.Matrix(-deg))
        )


def stamp(
    img: np.ndarray, mask: np.ndarray, centre_px: tuple[int, int], rng: np.random.Generator
) -> np.ndarray:
    """Multiply the red seal onto an RGB image, clipped at the borders; ink is patchy."""
    import cv2

    h, w = img.shape[:2]
    mh, mw = mask.shape
    patch = cv2.resize(
        rng.random((6, 6)).astype(np.float32), (mw, mh), interpolation=cv2.INTER_CUBIC
    )
    ink = mask * np.clip(0.55 + 0.45 * patch, 0.0, 1.0)
    x0, y0 = centre_px[0] - mw // 2, centre_px[1] - mh // 2
    sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x0 + mw, w), min(y0 + mh, h)
    if sx1 <= sx0 or sy1 <= sy0:
        return img
    part = ink[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0, None]
    colour = np.array(SEAL_INK_RGB, np.float32) / 255.0
    region = img[sy0:sy1, sx0:sx1].astype(np.float32)
    region *= 1.0 - part * (1.0 - colour)
    out = img.copy()
    out[sy0:sy1, sx0:sx1] = np.clip(region, 0, 255).astype(np.uint8)
    return out
