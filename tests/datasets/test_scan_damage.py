"""Scan damage: deterministic bytes, image-only pages, truth boxes that still fit."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from fiscalocr.datasets.realpdf import derive_ground_truth
from fiscalocr.datasets.scan import bbox_in_scan_px, degrade_document

ROWS = [("项目", "预算数", "上年数"), ("一般公共服务支出", "1,234.56", "1,100.00"),
        ("教育支出", "78.90", "80.00"), ("合计", "1,313.46", "1,180.00")]  # fmt: skip


def render_table_page(path) -> None:
    """A born-digital A4 page: title, unit, a ruled 4x3 table, one sentence."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((150, 100), "2024年部门收支预算总表", fontname="china-s", fontsize=20)
    page.insert_text((430, 140), "单位：万元", fontname="china-s", fontsize=12)
    xs, ys = [60, 260, 400, 540], [150 + 40 * i for i in range(len(ROWS) + 1)]
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y), width=0.8)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.8)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 10, ys[r] + 26), text, fontname="china-s", fontsize=14)
    page.insert_text(
        (60, 400), "本年收入合计1313.46万元，比上年增长11.3%。", fontname="china-s", fontsize=14
    )
    doc.save(path)


@pytest.fixture(scope="module")
def table_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "table.pdf"
    render_table_page(path)
    return path.read_bytes(), derive_ground_truth(path)


def test_same_seed_same_bytes_and_image_only(table_page):
    pdf, truth = table_page
    first, first_truth = degrade_document(pdf, truth, "heavy", seed=5)
    again, again_truth = degrade_document(pdf, truth, "heavy", seed=5)
    other, _ = degrade_document(pdf, truth, "heavy", seed=6)
    assert first == again and first_truth == again_truth
    assert other != first
    page = pymupdf.open(stream=first, filetype="pdf")[0]
    assert page.get_text().strip() == ""  # no text layer: a scan
    assert len(page.get_images()) == 1
    assert (round(page.rect.width), round(page.rect.height)) == (595, 842)  # the paper's size
    dpi = first_truth.pages[0].dpi
    assert (
        dpi in (100.0, 120.0, 150.0) and first_truth.pages[0].text_source == "ocr"
    )  # scan-2.0 heavy
    assert abs(min(_scan_image(first).shape) - 595 * dpi / 72) <= 1  # the truth states the dpi


def _scan_image(pdf: bytes) -> np.ndarray:
    """The page's one embedded image, pixel for pixel as the scanner wrote it."""
    import cv2

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    xref = doc[0].get_images()[0][0]
    data = np.frombuffer(doc.extract_image(xref)["image"], np.uint8)
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_truth_boxes_map_onto_their_ink_in_the_raw_scan(table_page, rotation):
    """Every truth character box, mapped into the raw scan, holds ink; the same box moved
    by a few points (where the text is not) holds much less."""
    pdf, truth = table_page
    damage = {"skew_deg": 2.5, "rotation": rotation, "shift_pt": (6.0, -4.0), "noise_sigma": 0.0,
              "seal": False, "bleed_alpha": 0.0, "faded_rules": False, "texture": False, "streaks": False}  # fmt: skip
    scan, scan_truth = degrade_document(
        pdf, truth, "medium", seed=1, scan_version="scan-1.3", overrides={0: damage}
    )
    assert_truth_on_ink(scan, scan_truth)


def assert_truth_on_ink(scan: bytes, scan_truth, min_hits: float = 0.95) -> None:
    """Every truth character box of page 1, mapped into the raw scan, holds ink (at least
    ``min_hits`` of them); the same box moved down by 14 pt (between text lines) holds
    less for nearly all."""
    page = scan_truth.pages[0]
    image = _scan_image(scan)
    hits, misses, n_chars = 0, 0, 0
    for line in page.lines:
        for char, box in zip(line.text, line.char_boxes or [], strict=True):
            if not char.isalnum():  # a comma's box is mostly paper
                continue
            n_chars += 1
            on = _ink(
                image,
                bbox_in_scan_px(
                    box, page.width, page.height, page.dpi, page.skew_deg, page.rotation
                ),
            )
            off_box = (box[0], box[1] + 14, box[2], box[3] + 14)  # between text lines
            off = _ink(
                image,
                bbox_in_scan_px(
                    off_box, page.width, page.height, page.dpi, page.skew_deg, page.rotation
                ),
            )
            hits += on > 0.04
            misses += on <= off
    assert n_chars > 60
    assert hits >= min_hits * n_chars
    assert misses <= 0.1 * n_chars


def _ink(image: np.ndarray, box) -> float:
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    crop = image[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)]
    return float((crop < 128).mean()) if crop.size else 0.0
