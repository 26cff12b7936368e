"""Poor archive copies (100 dpi, JPEG, skewed, no rules): the pipeline's own read_page.

Each page is rendered here, damaged here (OpenCV), and read by the real PaddleOCR. The
skew is set by the centres of the boxes in each text row (their own angles snap at 100 dpi),
and the scanner's edges do not move it.
"""

from __future__ import annotations

import numpy as np
import pytest

from fiscalocr.ocr import OcrOptions, open_source, read_page

ROWS = [
    (f"2080{k:02d}", f"{(k + 3) * 1379.41:,.2f}", f"{(k + 2) * 211.07:,.2f}") for k in range(18)
]


def ruleless_table(path, dpi: int) -> np.ndarray:
    """An A4 page: a title and an 18-row table of codes and two amount columns, no rules
    (a frameless style), 9 pt, rendered grey at ``dpi``."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((200, 90), "2024年部门支出总表", fontname="china-s", fontsize=14)
    for row, (code, first, second) in enumerate(ROWS):
        y = 140 + row * 22
        page.insert_text((60, y), code, fontname="china-s", fontsize=9)
        page.insert_text((150, y), "一般公共服务支出", fontname="china-s", fontsize=9)
        page.insert_text((330, y), first, fontname="china-s", fontsize=9)
        page.insert_text((450, y), second, fontname="china-s", fontsize=9)
    doc.save(path)
    pix = doc[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


def archive_scan(image: np.ndarray, skew_deg: float, jpeg_quality: int) -> np.ndarray:
    """The sheet fed at ``skew_deg`` (ccw) onto a scanner whose lid left a dark band along
    the top and bottom edge of the scan, then JPEG-compressed."""
    import cv2

    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), skew_deg, 1.0)
    scan = cv2.warpAffine(image, matrix, (width, height), borderValue=(255, 255, 255))
    scan[:4], scan[-4:] = 60, 60  # the lid's shadow: long straight strokes, not print
    ok, data = cv2.imencode(".jpg", scan, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


@pytest.fixture(scope="module")
def skewed_100dpi(scan_dir, pages):
    scan = archive_scan(ruleless_table(scan_dir / "ruleless.pdf", 100), 2.5, 45)
    with open_source(pages.image_pdf(scan, 100, scan_dir / "skewed-100dpi.pdf")) as source:
        return read_page(source, 0, OcrOptions())


def test_scanner_edges_do_not_set_the_skew_of_a_ruleless_page(engine, skewed_100dpi):
    """The lid's shadow runs along the scan's edge at -2.5 deg to the print once levelled:
    it must not pull the fine skew off the text's (the old box median read 2.83, the rule refinement then took 0.6 off on the shadow)."""
    assert skewed_100dpi.page.rotation == 0
    assert skewed_100dpi.page.skew_deg == pytest.approx(2.5, abs=0.15)


def faded_copy(image: np.ndarray, ink_grey: int, noise_sigma: float, seed: int) -> np.ndarray:
    """Ink faded to ``ink_grey`` on a 236-grey paper, sensor noise, JPEG quality 35."""
    import cv2

    grey = image.min(axis=2).astype(np.float32) / 255.0
    faded = ink_grey + (236 - ink_grey) * grey
    faded += np.random.default_rng(seed).normal(0.0, noise_sigma, faded.shape)
    scan = cv2.cvtColor(np.clip(faded, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    ok, data = cv2.imencode(".jpg", scan, [cv2.IMWRITE_JPEG_QUALITY, 35])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def test_faded_ink_is_stretched_and_clean_print_left_alone():
    """A crop of ink faded to grey 185 on 236 paper is stretched (its ink/paper range widened
    by the bounded gain, paper white); a crop of clean print (ink near 0) is returned unchanged."""
    from fiscalocr.ocr.contrast import MAX_GAIN, ink_and_paper, stretched_if_faded

    strokes = np.full((32, 120, 3), 255, np.uint8)
    strokes[10:22, 10:110:6] = 0
    faded = faded_copy(strokes, 185, 2.0, seed=1)
    ink, paper = ink_and_paper(faded)
    assert ink > 140
    out = stretched_if_faded(faded, 140)
    new_ink, new_paper = ink_and_paper(out)
    assert new_ink < ink - 15
    assert new_paper - new_ink == pytest.approx((paper - ink) * MAX_GAIN, abs=6)
    assert new_paper > 245
    assert stretched_if_faded(strokes, 140) is strokes
    assert stretched_if_faded(faded, 0) is faded
