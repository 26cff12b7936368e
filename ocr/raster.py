"""Rasterising one page with PyMuPDF.

A page that is one scanned image is read at that image's own resolution (re-sampling a
scan only blurs it or wastes time); any other page at ``OcrOptions.dpi``. The result is a
BGR uint8 array (OpenCV's and PaddleOCR's convention), one page at a time.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

SCAN_COVERAGE = 0.8  # an image covering this share of the page makes it a scanned page
POINTS_PER_INCH = 72.0
MAX_RASTER_PIXELS = 60_000_000
"""Fixed, not an option: the largest page raster made (60 Mpx, 180 MB as BGR: A0 at 190
dpi, a 595×5000 pt scroll at 200 dpi is 23 Mpx). A larger page is read at the resolution
that fits: a 3533×5000 pt page at 200 dpi would be 136 Mpx (409 MB, and layout holds a few
float copies of it), a 14400 pt page, PDF's largest, 4.6 GB. Such pages are drawn several
times print size, so the capped raster still has more pixels per printed point than
print-size pages get."""


def scan_image_dpi(page: Any) -> float | None:
    """The native resolution of the scan that fills ``page``, or None if it is no scan.

    Resolution is pixels over the image's placed size in inches; the geometric mean of both
    axes makes it independent of a 90-degree placement.
    """
    info = dominant_image(page)
    if info is None:
        return None
    x0, y0, x1, y1 = info["bbox"]
    area_in2 = abs(x1 - x0) * abs(y1 - y0) / POINTS_PER_INCH**2
    if area_in2 <= 0:
        return None
    return math.sqrt(info["width"] * info["height"] / area_in2)


def dominant_image(page: Any) -> dict | None:
    """The image-info entry of an image covering >= SCAN_COVERAGE of the page, if any."""
    rect = page.rect
    page_area = rect.width * rect.height
    if page_area <= 0:
        return None
    for info in page.get_image_info():
        if area_on_page(info["bbox"], rect) >= SCAN_COVERAGE * page_area:
            return info
    return None


def image_share(page: Any) -> float:
    """Share of the page's area its images cover (overlaps counted twice)."""
    rect = page.rect
    page_area = rect.width * rect.height
    if page_area <= 0:
        return 0.0
    return sum(area_on_page(info["bbox"], rect) for info in page.get_image_info()) / page_area


def area_on_page(bbox: Any, rect: Any) -> float:
    """Area of ``bbox`` inside the page rectangle ``rect``."""
    x0, y0, x1, y1 = bbox
    return max(0.0, min(x1, rect.x1) - max(x0, rect.x0)) * max(
        0.0, min(y1, rect.y1) - max(y0, rect.y0)
    )


def choose_dpi(page: Any, default_dpi: int, dpi_range: tuple[int, int]) -> float:
    """The resolution to read ``page`` at: the scan's own, clamped, else ``default_dpi``."""
    native = scan_image_dpi(page)
    if native is None:
        return float(default_dpi)
    low, high = dpi_range
    return float(min(max(round(native), low), high))


def capped_dpi(page: Any, dpi: float) -> float:
    """``dpi``, or less when the page's raster at ``dpi`` would pass MAX_RASTER_PIXELS."""
    rect = page.rect

    def pixels(at: float) -> float:  # MuPDF rounds each side up to a whole pixel
        zoom = at / POINTS_PER_INCH
        return (rect.width * zoom + 1) * (rect.height * zoom + 1)

    if pixels(dpi) <= MAX_RASTER_PIXELS:
        return float(dpi)
    capped = math.floor(dpi * math.sqrt(MAX_RASTER_PIXELS / pixels(dpi)) * 100) / 100
    while pixels(capped) > MAX_RASTER_PIXELS:
        capped -= 0.01
    return round(capped, 2)


def render_bgr(page: Any, dpi: float) -> np.ndarray:
    """The page as displayed (its /Rotate applied), as an HxWx3 BGR uint8 array."""
    import pymupdf

    zoom = dpi / POINTS_PER_INCH
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csRGB, alpha=False)
    rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3)
    return np.ascontiguousarray(rgb[:, :, ::-1])
