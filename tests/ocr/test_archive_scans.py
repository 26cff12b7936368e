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
