"""A red official seal over the amounts: its ink is taken off before reading, so the
amounts under it are read; red text elsewhere on the page is left as printed."""

from __future__ import annotations

import numpy as np
import pytest

from fiscalocr.datasets.scan.seal import seal_mask, stamp
from fiscalocr.ocr import OcrOptions, open_source, read_page
from fiscalocr.ocr.seal import seal_boxes, without_seals

DPI = 200
AMOUNTS = ["2.20", "55.98", "263.81", "1,542.54", "305.36", "72.08"]
HEADING = "部门决算公开"


def stamped_page(path) -> np.ndarray:
    """Amounts in a column at 14 pt spacing, a red heading at the top, a seal over the
    amounts."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((200, 80), HEADING, fontname="china-s", fontsize=20, color=(0.8, 0, 0))
    for k, amount in enumerate(AMOUNTS):
        page.insert_text((300, 300 + 18 * k), amount, fontname="helv", fontsize=11)
        page.insert_text((120, 300 + 18 * k), f"科目{k + 1}", fontname="china-s", fontsize=11)
    doc.save(path)
    pix = doc[0].get_pixmap(dpi=DPI, colorspace=pymupdf.csRGB, alpha=False)
    image = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()
    k = DPI / 72
    mask = seal_mask("阳泉市发展和改革委员会", DPI, 12.0)
    image = stamp(image, mask, (int(320 * k), int(340 * k)), np.random.default_rng(1))
    return image[:, :, ::-1].copy()  # BGR, as rasters travel in the pipeline


@pytest.fixture(scope="module")
def image(scan_dir):
    return stamped_page(scan_dir / "seal-src.pdf")


def test_the_seal_is_found_and_only_it(image):
    (box,) = seal_boxes(image, DPI / 72)  # the ring's box; the star inside it is not another
    x0, y0, x1, y1 = (v / (DPI / 72) for v in box)
    assert x0 < 300 < x1 and y0 < 340 < y1 and y1 < 500  # around the amounts, not the heading
    cleaned = without_seals(image, DPI / 72)
    top = cleaned[: int(120 * DPI / 72)]
    assert np.array_equal(top, image[: int(120 * DPI / 72)])  # the red heading untouched


def test_amounts_under_the_seal_are_read(engine, image, scan_dir, pages):
    with open_source(pages.image_pdf(image, DPI, scan_dir / "sealed.pdf")) as source:
        work = read_page(source, 0, OcrOptions())
    read = [line.text.replace(" ", "") for line in work.page.lines]
    assert [a for a in AMOUNTS if a not in read] == []
    assert HEADING in read
    (seal,) = work.page.seals  # recorded in points, so layout can tell the rim from a rule
    assert seal[0] < 320 < seal[2] and seal[1] < 340 < seal[3] and seal[3] < 500
    assert work.image is not None and (work.image.max(axis=2) - work.image.min(axis=2)).max() > 100
