"""The OCR page cache of evaluation: a page read once is read back identical, with the
raster layout needs, and a change of OCR options is a new entry, never a stale one."""

from __future__ import annotations

import numpy as np

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.page_cache import cached_reader
from fiscalocr.app.pipeline import convert_document
from fiscalocr.app.stages import load_stages, ocr_options

from .scanned_pages import put_text, ruled_table, scan


def _scanned_page(tmp_path):
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    put_text(page, 60, 80, "一般公共预算支出预算表", 14)
    rows = [
        ["项目", "合计", "基本支出"],
        ["行政运行", "1,234.50", "1,234.50"],
        ["合计", "1,234.50", "1,234.50"],
    ]
    ruled_table(page, rows, [60, 220, 340, 460], 110, 22)
    return scan(pdf, tmp_path / "scan.pdf")


def test_a_cached_page_reads_back_as_read_and_other_options_miss(tmp_path):
    from fiscalocr import ocr

    path = _scanned_page(tmp_path)
    options = ConvertOptions(force_ocr=True, classify=False)
    opts = ocr_options(options)
    calls = []

    def counting(source, index):
        calls.append(index)
        return ocr.read_page(source, index, opts)

    reader = cached_reader(counting, tmp_path / "cache", opts)
    with ocr.open_source(path) as source:
        first = reader(source, 0)
        second = reader(source, 0)
    assert calls == [0]
    assert [x.text for x in second.page.lines] == [x.text for x in first.page.lines]
    assert "1,234.50" in [x.text for x in first.page.lines]
    assert second.image is not None and np.array_equal(second.image, first.image)
    assert second.px_per_pt == first.px_per_pt

    other = ocr_options(ConvertOptions(force_ocr=True, classify=False, dpi=150))
    other_reader = cached_reader(counting, tmp_path / "cache", other)
    with ocr.open_source(path) as source:
        other_reader(source, 0)
    assert calls == [0, 0]
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == 2


def test_a_conversion_from_the_cache_equals_one_from_the_scan(tmp_path):
    path = _scanned_page(tmp_path)
    options = ConvertOptions(force_ocr=True, classify=False)
    direct = convert_document(path, options)
    cache = tmp_path / "cache"
    convert_document(path, options, stages=load_stages(options, cache))
    again = convert_document(path, options, stages=load_stages(options, cache))
    values = [[c.value for c in t.cells] for t in direct.tables]
    assert values == [[c.value for c in t.cells] for t in again.tables]
    assert any(1234.5 in row for row in values)


def test_an_entry_pickled_before_the_model_gained_a_field_loads_with_its_default():
    """Entries written by an older model (no ``Page.status``) must not break evaluation:
    the eval of merged main crashed with "'Page' object has no attribute 'status'"."""
    import pickle

    from fiscalocr.app.page_cache import _load
    from fiscalocr.model import Line, Page

    old = Page(
        page=3, width=595, height=842, lines=[Line(text="1,234.00", bbox=(1, 2, 3, 4), conf=0.9)]
    )
    del old.__dict__["status"]  # as an instance pickled by the earlier model comes back
    loaded = _load(pickle.dumps((old, None, 2.0)))
    assert loaded.page.status == "ok" and loaded.page.page == 3
    assert loaded.page.lines[0].text == "1,234.00" and loaded.page.lines[0].bbox == (1, 2, 3, 4)
