"""A poor scanner's copy of a specimen page, for layout tests and benchmarks.

The damage the independent evaluation met on scans the project had never seen: a low
resolution, strong JPEG compression, a little optical blur and sensor noise, and on the
heavy variant faded ink. A 0.5 pt light-grey rule (#c0c0c0) becomes a faint grey smear
one or two pixels wide. Small and local on purpose (plain OpenCV, seeded): the corpus'
own damage model (``fiscalocr.datasets.scan``) is a separate, changing thing.

:func:`scan_page_work` gives the damaged raster with the page's text-layer lines (fast,
exact text: measures the grid); :func:`scanned_pdf` gives the damaged pages as an
image-only PDF for the real OCR stage to read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fiscalocr.model import Page, PageWork

from .specimen import text_layer_lines


@dataclass(frozen=True)
class PoorScan:
    """One scanner's settings (grey scan)."""

    dpi: int
    jpeg_quality: int
    blur_sigma_px: float
    noise_sigma: float
    ink_fade: float
    """Share of the ink's darkness lost (0 none): worn toner, a light scan setting."""


POOR_SCANS: dict[str, PoorScan] = {
    "clean": PoorScan(dpi=150, jpeg_quality=95, blur_sigma_px=0.0, noise_sigma=0.0, ink_fade=0.0),
    "medium": PoorScan(dpi=150, jpeg_quality=45, blur_sigma_px=0.7, noise_sigma=3.0, ink_fade=0.0),
    "heavy": PoorScan(dpi=110, jpeg_quality=28, blur_sigma_px=0.8, noise_sigma=5.0, ink_fade=0.3),
}


def degrade(image: np.ndarray, scan: PoorScan, seed: int) -> np.ndarray:
    """Damage a clean raster (RGB or grey, uint8) as ``scan`` does; grey RGB out."""
    import cv2

    img = cv2.imdecode(np.frombuffer(degraded_jpeg(image, scan, seed), np.uint8), 0)
    return np.ascontiguousarray(np.repeat(img[:, :, None], 3, axis=2))


def degraded_jpeg(image: np.ndarray, scan: PoorScan, seed: int) -> bytes:
    """The damaged raster as the JPEG the scanner writes."""
    import cv2

    rng = np.random.default_rng(seed)
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    img = grey.astype(np.float32)
    if scan.ink_fade:
        img = 255 - (255 - img) * (1 - scan.ink_fade)
    if scan.blur_sigma_px:
        img = cv2.GaussianBlur(img, (0, 0), scan.blur_sigma_px)
    if scan.noise_sigma:
        img = img + rng.normal(0, scan.noise_sigma, img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, scan.jpeg_quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return buf.tobytes()


def _clean_raster(page, scan: PoorScan) -> np.ndarray:
    pix = page.get_pixmap(dpi=scan.dpi)
    clean = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)
    return clean[:, :, :3].copy()


LEVELS = {  # blur sigma px, noise sigma, jpeg quality, rule fade (0 none), holes, skew deg
    "clean": (0.0, 0.0, 100, 0.0, 0, 0.0),
    "light": (0.6, 4.0, 85, 0.2, 2, 0.1),
    "medium": (0.9, 8.0, 70, 0.45, 6, 0.2),
    "heavy": (1.3, 14.0, 50, 0.65, 12, 0.35),
}
"""The grid benchmark's own damage levels (``benchmarks/layout_grid.py``), applied to a
raster at whatever resolution it was rendered."""


def damage(image: np.ndarray, level: str, px_per_pt: float, rng: np.random.Generator) -> np.ndarray:
    """Scanner-like damage that keeps the page upright (the OCR stage deskews first)."""
    import cv2

    blur, noise, quality, fade, gaps, skew = LEVELS[level]
    img = image.astype(np.float32)
    if fade:
        img = 255 - (255 - img) * (1 - fade * rng.uniform(0.5, 1.0))
    if skew:
        h, w = img.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-skew, skew), 1.0)
        img = cv2.warpAffine(img, m, (w, h), borderValue=(255, 255, 255))
    side = max(1, int(2 * px_per_pt))
    for _ in range(gaps * 40):  # white holes: dropped-out bits of rules and strokes
        x, y = int(rng.uniform(0, img.shape[1] - side)), int(rng.uniform(0, img.shape[0] - side))
        img[y : y + side, x : x + side] = 255
    if blur:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if noise:
        img = img + rng.normal(0, noise, img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if quality < 100:
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
        img = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return img


def scanned_raster(page, level: str, seed: int) -> tuple[np.ndarray, float]:
    """The damaged raster of a PyMuPDF page and its pixels per point."""
    scan = POOR_SCANS[level]
    return degrade(_clean_raster(page, scan), scan, seed), scan.dpi / 72.0


def scan_page_work(page, page_no: int, level: str, seed: int) -> PageWork:
    """Damaged raster plus the page's exact text-layer lines (grid work without OCR)."""
    image, px_per_pt = scanned_raster(page, level, seed)
    record = Page(
        page=page_no,
        width=page.rect.width,
        height=page.rect.height,
        text_source="pdf_text",
        lines=text_layer_lines(page),
    )
    return PageWork(page=record, image=image, px_per_pt=px_per_pt)


def scanned_pdf(pages, level: str, seed: int) -> bytes:
    """An image-only PDF of the damaged pages, each one JPEG as a scanner writes it."""
    import pymupdf

    scan = POOR_SCANS[level]
    out = pymupdf.open()
    for k, page in enumerate(pages):
        jpeg = degraded_jpeg(_clean_raster(page, scan), scan, seed + k)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=jpeg)
    return out.tobytes()
