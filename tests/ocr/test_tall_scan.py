"""A very tall scan (a strip of several pages scanned as one image) is read line by line:
the detector sees page-shaped tiles, not the whole strip shrunk to 1600 px."""

from __future__ import annotations

import numpy as np

from fiscalocr.ocr import OcrOptions, open_source, read_page
from fiscalocr.ocr.tiles import tiles_along

LABELS = [f"第{n}项支出合计{n * 111 + 0.25:,.2f}" for n in range(1, 61)]


def tall_strip(path, pages) -> np.ndarray:
    """An A4-wide strip 4000 pt tall (1653 x 11,112 px at 200 dpi), 60 lines of 9 pt text:
    shrunk whole to 1600 px, PaddleOCR detects 3 of them."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=4000)
    for k, label in enumerate(LABELS):
        page.insert_text((40, 60 + k * 64), label, fontname="china-s", fontsize=9)
    doc.save(path)
    return pages.render(path, dpi=200)


def test_tiles_cover_the_strip_and_own_each_point_once():
    tiles = tiles_along(10_000, 1654, 1600)
    assert len(tiles) > 1 and tiles[0].start == 0 and tiles[-1].end == 10_000
    assert [t.own_start for t in tiles[1:]] == [t.own_end for t in tiles[:-1]]
    assert all(t.start < t.own_start or t.own_start == 0 for t in tiles)
    assert len(tiles_along(2339, 1654, 1600)) == 1  # an A4 page: one tile
    assert len(tiles_along(1500, 300, 1600)) == 1  # tall but within the detector's limit


def test_tall_strip_reads_every_line(engine, scan_dir, pages):
    image = tall_strip(scan_dir / "strip-src.pdf", pages)
    assert image.shape[0] > 6 * image.shape[1]
    with open_source(pages.image_pdf(image, 200, scan_dir / "strip.pdf")) as source:
        work = read_page(source, 0, OcrOptions())
    read = [line.text.replace(" ", "") for line in work.page.lines]
    assert sum(label in read for label in LABELS) >= len(LABELS) - 2
    assert len(read) == len(set(read))  # lines in the overlaps are not read twice
