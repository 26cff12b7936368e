"""Pages printed with PyMuPDF and scanned as a poor copy, for end-to-end tests.

Kept deliberately plain (not the synthetic generator's drawing code), so that a test of
one failure class depends on nothing but the lines it prints.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CJK, LATIN = "china-s", "helv"


def put_text(page, x: float, y: float, text: str, size: float, right: float | None = None):
    """Write ``text`` with its baseline at ``y``, left at ``x`` (or right-aligned to
    ``right``); CJK in PyMuPDF's built-in Song font, ASCII in Helvetica."""
    import pymupdf

    font = LATIN if text.isascii() else CJK
    if right is not None:
        x = right - pymupdf.get_text_length(text, fontname=font, fontsize=size)
    page.insert_text((x, y), text, fontname=font, fontsize=size)


def ruled_table(
    page,
    rows: list[list[str]],
    xs: list[float],
    top: float,
    height: float,
    size: float = 9.0,
    header_rows: int = 1,
) -> float:
    """A fully ruled grid, labels left, amounts right-aligned; returns its bottom."""
    bottom = top + height * len(rows)
    for r in range(len(rows) + 1):
        page.draw_line((xs[0], top + r * height), (xs[-1], top + r * height), width=0.6)
    for x in xs:
        page.draw_line((x, top), (x, bottom), width=0.6)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            y = top + r * height + height / 2 + size * 0.35
            amount = r >= header_rows and text and text.replace(",", "").replace(".", "").isdigit()
            if amount and "." in text:
                put_text(page, 0, y, text, size, right=xs[c + 1] - 4)
            else:
                put_text(page, xs[c] + 4, y, text, size)
    return bottom


def scan(pdf, path: Path, dpi: int = 150, jpeg_quality: int = 45, blur_px: float = 0.7) -> Path:
    """Each page of ``pdf`` as one grey JPEG at ``dpi`` (an image-only PDF, as a scanner
    writes it), blurred by ``blur_px`` and compressed at ``jpeg_quality``."""
    import cv2
    import pymupdf

    out = pymupdf.open()
    for page in pdf:
        pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        img = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w)
        if blur_px > 0:
            img = cv2.GaussianBlur(img, (0, 0), blur_px)
        ok, jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        assert ok
        scanned = out.new_page(width=page.rect.width, height=page.rect.height)
        scanned.insert_image(scanned.rect, stream=jpeg.tobytes())
    out.save(path)
    return path
