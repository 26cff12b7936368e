"""A suspect cell is read again from a fresh render of its page, turned as it was read."""

from __future__ import annotations

import numpy as np
import pymupdf

from fiscalocr.app.reread import CellRereader
from fiscalocr.model import Cell, Document, Source
from fiscalocr.ocr import OcrOptions, open_source, read_page


def _upside_down_scan(tmp_path):
    page_doc = pymupdf.open()
    page = page_doc.new_page(width=420, height=200)
    page.insert_text((40, 80), "本年支出合计", fontname="china-s", fontsize=16)
    page.insert_text((250, 80), "86,402.17", fontname="china-s", fontsize=16)
    pix = page.get_pixmap(dpi=200)
    image = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[::-1, ::-1].copy()
    turned = pymupdf.Pixmap(pymupdf.csRGB, pix.w, pix.h, image.tobytes(), False)
    scan = pymupdf.open()
    scan_page = scan.new_page(width=420, height=200)
    scan_page.insert_image(scan_page.rect, stream=turned.tobytes("png"))
    path = tmp_path / "upside-down.pdf"
    scan.save(path)
    return path


def test_rereads_cell_of_a_page_read_upside_down(tmp_path):
    path = _upside_down_scan(tmp_path)
    options = OcrOptions()
    with open_source(path) as source:
        page = read_page(source, 0, options).page
    assert page.rotation == 180
    amount = next(line for line in page.lines if "86,402" in line.text)
    doc = Document(source=Source(file=path.name, sha256="0" * 64, page_count=1), pages=[page])
    cell = Cell(row=0, col=1, page=1, bbox=amount.bbox, text=amount.text)
    with CellRereader(path, doc, options) as reread:
        assert reread(cell) == ["86,402.17"]
        text_cell = cell.model_copy(update={"page": 2})
        assert reread(text_cell) == []
