"""Real PaddleOCR on pages the tests render: text, amounts, turns, skew, blank pages.

Sign conventions: ``rotation`` is the clockwise turn applied to the page as displayed to
read it upright; ``skew_deg`` is the counter-clockwise angle (OpenCV's sense) the text
lines had on the page, which was then undone.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from fiscalocr.ocr import OcrOptions, open_source, read_page

OPTIONS = OcrOptions()


def texts(work) -> list[str]:
    return [line.text for line in work.page.lines]


def assert_reads_table(work, pages) -> None:
    """Title and every amount read exactly (spaces aside), in reading order."""
    read = [t.replace(" ", "") for t in texts(work)]
    assert read[0] == pages.TITLE
    for label, amount in pages.AMOUNT_LINES:
        assert label in read and amount in read
    assert read.index("合计") < read.index("1,234.56") < read.index("基本支出")


@pytest.fixture(scope="module")
def upright(scan_dir, pages) -> np.ndarray:
    return pages.render(pages.text_pdf(scan_dir / "upright-src.pdf"), dpi=200)


def read_scan(
    image: np.ndarray, name: str, scan_dir, pages, dpi: int = 200, options: OcrOptions = OPTIONS
):
    with open_source(pages.image_pdf(image, dpi, scan_dir / name)) as source:
        return read_page(source, 0, options)


def test_scanned_page_reads_chinese_text_and_amounts(engine, upright, scan_dir, pages):
    work = read_scan(upright, "upright.pdf", scan_dir, pages)
    page = work.page
    assert page.text_source == "ocr" and page.rotation == 0 and abs(page.skew_deg) < 0.3
    assert_reads_table(work, pages)
    title = page.lines[0]
    assert title.bbox[0] == pytest.approx(40, abs=5) and title.bbox[1] == pytest.approx(
        45, abs=6
    )  # points
    assert title.conf > 0.9
    amount = next(line for line in page.lines if line.text == "371,514,655.00")
    assert len(amount.char_boxes) == len(amount.char_alternatives) == len(amount.text)
    assert amount.char_alternatives[0][0].char == "3" and amount.char_alternatives[0][0].prob > 0.5
    assert (
        amount.char_boxes[0][0] >= amount.bbox[0] - 1
        and amount.char_boxes[-1][2] <= amount.bbox[2] + 1
    )
    assert (page.width, page.height) == (pytest.approx(420, abs=1), pytest.approx(300, abs=1))
    assert work.px_per_pt == pytest.approx(200 / 72) and work.image.shape[:2] == upright.shape[:2]


def test_scan_is_read_at_its_own_resolution(engine, pages, scan_dir):
    image = pages.render(pages.text_pdf(scan_dir / "src150.pdf"), dpi=150)
    work = read_scan(image, "scan150.pdf", scan_dir, pages, dpi=150)
    assert work.page.dpi == 150 and work.px_per_pt == pytest.approx(150 / 72)
    assert texts(work)[0].replace(" ", "") == pages.TITLE


def test_upside_down_page_is_read_upright(engine, upright, scan_dir, pages):
    import cv2

    work = read_scan(cv2.rotate(upright, cv2.ROTATE_180), "r180.pdf", scan_dir, pages)
    assert work.page.rotation == 180
    assert_reads_table(work, pages)


def test_page_turned_a_quarter_is_read_upright(engine, upright, scan_dir, pages):
    import cv2

    work = read_scan(cv2.rotate(upright, cv2.ROTATE_90_CLOCKWISE), "r90.pdf", scan_dir, pages)
    page = work.page
    assert page.rotation == 270  # turned 90 clockwise, so 270 clockwise brings it back
    assert (page.width, page.height) == (pytest.approx(420, abs=1), pytest.approx(300, abs=1))
    assert texts(work)[0].replace(" ", "") == pages.TITLE


def test_skewed_page_is_deskewed(engine, upright, scan_dir, pages):
    work = read_scan(pages.rotate_deg(upright, 2.0), "skew2.pdf", scan_dir, pages)
    assert work.page.rotation == 0
    assert abs(work.page.skew_deg - 2.0) < 0.7
    assert_reads_table(work, pages)


def test_force_ocr_reads_a_text_page_by_ocr(engine, scan_dir, pages):
    with open_source(pages.text_pdf(scan_dir / "text.pdf")) as source:
        layer = read_page(source, 0, OPTIONS)
        forced = read_page(source, 0, OcrOptions(force_ocr=True))
    assert layer.page.text_source == "pdf_text" and forced.page.text_source == "ocr"
    assert texts(layer)[0] == pages.TITLE == texts(forced)[0].replace(" ", "")


def test_blank_page_gives_no_lines_quickly(engine, scan_dir, pages):
    blank = np.full((600, 840, 3), 255, dtype=np.uint8)
    start = time.perf_counter()
    work = read_scan(blank, "blank.pdf", scan_dir, pages)
    assert work.page.lines == [] and work.page.rotation == 0 and work.page.skew_deg == 0.0
    assert work.page.errors == []
    assert time.perf_counter() - start < 5.0  # detection only; nothing to recognise


def test_recognizer_rereads_crops_in_crop_pixels(engine, upright):
    recognise = engine.recognizer()
    # the "1,234.56" amount sits at x 200 pt, baseline y 110 pt (200 dpi: x2.78)
    crop = upright[275:315, 540:820]
    blank = np.full((30, 60, 3), 255, dtype=np.uint8)
    amount, nothing = recognise([crop, blank])
    assert amount.text == "1,234.56"
    assert amount.bbox == (0.0, 0.0, 280.0, 40.0)
    assert all(0 <= box[0] < box[2] <= 280 for box in amount.char_boxes)
    assert nothing.text == "" and nothing.conf == 0.0


def test_missing_page_index_is_a_page_error(scan_dir, pages):
    from fiscalocr.model import PageError

    with (
        open_source(pages.text_pdf(scan_dir / "one.pdf")) as source,
        pytest.raises(PageError, match="page 2 does not exist"),
    ):
        read_page(source, 1, OPTIONS)
