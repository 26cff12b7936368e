"""Pages of long paragraph lines (a landscape 编制说明 page) are turned the right way up.

The 0/180 classifier sees 48 x 192 px; whole 700 pt lines squeezed into that voted at
random on real disclosures, so the vote is taken on pieces of the lines."""

from __future__ import annotations

import pytest

from fiscalocr.ocr import OcrOptions, open_source, read_page

SENTENCE = (
    "公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元，主要用于：行政单位的基本"
    "支出。2025年当年预算执行数为1690.69万元，"
)


def paragraph_page(path, pages):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((300, 60), "2026年部门预算编制说明", fontname="china-s", fontsize=16)
    for k in range(14):
        page.insert_text((50, 100 + 30 * k), SENTENCE, fontname="china-s", fontsize=10.5)
    doc.save(path)
    return pages.render(path, dpi=200)


@pytest.fixture(scope="module")
def upright_paragraphs(scan_dir, pages):
    return paragraph_page(scan_dir / "paragraphs-src.pdf", pages)


@pytest.mark.parametrize("turn", [0, 180])
def test_paragraph_page_is_read_upright(engine, upright_paragraphs, scan_dir, pages, turn):
    import cv2

    image = upright_paragraphs if turn == 0 else cv2.rotate(upright_paragraphs, cv2.ROTATE_180)
    with open_source(pages.image_pdf(image, 200, scan_dir / f"para{turn}.pdf")) as source:
        work = read_page(source, 0, OcrOptions())
    assert work.page.rotation == turn
    read = "".join(line.text for line in work.page.lines).replace(" ", "")
    assert "编制说明" in read and read.count("1672.67") >= 12
