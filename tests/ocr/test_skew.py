"""Fine skew from long strokes: a page's rules give its residual tilt to a few hundredths
of a degree, where text boxes give it to about ±0.3°. A page without rules says nothing."""

from __future__ import annotations

import numpy as np
import pytest

from fiscalocr.ocr.skew import residual_skew

DPI = 200
PX_PER_PT = DPI / 72.0


def ruled_page() -> np.ndarray:
    """An A4 page with a 6-row, 4-column ruled table and text in it."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for row in range(7):
        page.draw_line((60, 120 + 24 * row), (540, 120 + 24 * row), width=0.8)
    for x in (60, 200, 320, 430, 540):
        page.draw_line((x, 120), (x, 264), width=0.8)
    for row in range(6):
        page.insert_text(
            (66, 137 + 24 * row), f"一般公共服务支出{row}", fontname="china-s", fontsize=10
        )
        page.insert_text((330, 137 + 24 * row), "1,234.56", fontname="china-s", fontsize=10)
    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()


@pytest.mark.parametrize("angle", [0.0, 0.35, -0.5])
def test_residual_skew_of_a_ruled_page(pages, angle):
    found = residual_skew(pages.rotate_deg(ruled_page(), angle), PX_PER_PT)
    assert found == pytest.approx(angle, abs=0.05)


@pytest.mark.parametrize("angle", [0.0, 0.4])
def test_page_without_rules_says_nothing(scan_dir, pages, angle):
    text_only = pages.render(pages.text_pdf(scan_dir / "skew-text.pdf"), dpi=DPI)
    assert residual_skew(pages.rotate_deg(text_only, angle), PX_PER_PT) is None
