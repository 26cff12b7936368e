"""The text-layer path: born-digital pages read without OCR (no engine is loaded here)."""

from __future__ import annotations

import pytest

from fiscalocr.ocr import OcrOptions, open_source, read_page
from fiscalocr.ocr.textlayer import PdfChar, collect_chars, is_usable, text_layer_lines


def test_text_page_is_read_from_its_text_layer(tmp_path, pages):
    with open_source(pages.text_pdf(tmp_path / "t.pdf")) as source:
        work = read_page(source, 0, OcrOptions(render_drawn_pages=True))
    page = work.page
    texts = [line.text for line in page.lines]
    assert page.page == 1 and page.text_source == "pdf_text"
    assert texts[0] == pages.TITLE
    assert texts[1:] == [t for pair in pages.AMOUNT_LINES for t in pair]  # label and amount apart
    title = page.lines[0]
    assert title.bbox[0] == pytest.approx(40, abs=1) and title.bbox[3] == pytest.approx(62, abs=3)
    assert title.conf == 1.0 and len(title.char_boxes) == len(title.text)
    assert (page.width, page.height) == (420, 300)
    height, width, _ = work.image.shape
    assert abs(height - 300 * 200 / 72) <= 1 and abs(width - 420 * 200 / 72) <= 1
    assert work.px_per_pt == pytest.approx(200 / 72) and page.dpi == 200


def test_text_page_without_render(tmp_path, pages):
    with open_source(pages.text_pdf(tmp_path / "t.pdf")) as source:
        work = read_page(source, 0, OcrOptions(render_text_pages=False))
    assert work.image is None and work.page.lines[0].text == pages.TITLE


def test_spaces_inside_a_row_and_wide_gaps(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=400, height=200)
    page.insert_text((20, 50), "合计  371,514,655.00   1,234.56", fontname="china-s", fontsize=10)
    page.insert_text((20, 90), "Total 2024 budget", fontname="helv", fontsize=10)
    chars, _ = collect_chars(page, include_invisible=False)
    assert [line.text for line in text_layer_lines(chars)] == [
        "合计",
        "371,514,655.00",
        "1,234.56",
        "Total 2024 budget",
    ]


def test_sideways_text_is_not_a_usable_layer(tmp_path, pages):
    import pymupdf

    doc = pymupdf.open(pages.text_pdf(tmp_path / "r.pdf", rotate=90))
    chars, other = collect_chars(doc[0], include_invisible=False)
    assert chars == [] and other > 10
    assert not is_usable(chars, other, min_chars=10, is_scan=False)


def test_invisible_ocr_layer_over_a_scan_is_ignored_unless_trusted(tmp_path, pages):
    import pymupdf

    image = pages.render(pages.text_pdf(tmp_path / "src.pdf"), dpi=100)
    scan = pages.image_pdf(image, 100, tmp_path / "scan.pdf")
    doc = pymupdf.open(scan)
    doc[0].insert_text(
        (40, 40), "\n".join([pages.TITLE] * 10), fontname="china-s", fontsize=10, render_mode=3
    )
    hidden, _ = collect_chars(doc[0], include_invisible=False)
    trusted, _ = collect_chars(doc[0], include_invisible=True)
    assert hidden == [] and "".join(c.text for c in trusted).startswith(pages.TITLE)
    assert is_usable(trusted, 0, min_chars=10, is_scan=True)  # 110 characters
    assert not is_usable(trusted[:50], 0, min_chars=10, is_scan=True)  # a stamp is not a layer


def test_garbage_text_layer_is_unusable():
    good = [PdfChar("预", (0, 0, 10, 10), 1, False)] * 40
    broken = good[:30] + [PdfChar("\ufffd", (0, 0, 10, 10), 1, False)] * 10
    assert is_usable(good, 0, min_chars=10, is_scan=False)
    assert not is_usable(broken, 0, min_chars=10, is_scan=False)
    assert not is_usable(good[:5], 0, min_chars=10, is_scan=False)


def test_kangxi_radicals_are_normalised(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=100)
    page.insert_text(
        (20, 50), "\u2f00般公共预算", fontname="china-s", fontsize=12
    )  # ⼀ (Kangxi one)
    chars, _ = collect_chars(page, include_invisible=False)
    assert text_layer_lines(chars)[0].text == "一般公共预算"


def test_empty_page_needs_no_ocr(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    doc.new_page(width=200, height=100)
    doc.save(tmp_path / "empty-page.pdf")
    with open_source(tmp_path / "empty-page.pdf") as source:
        work = read_page(source, 0, OcrOptions(render_text_pages=False))
    assert work.page.lines == [] and work.page.text_source == "pdf_text" and work.page.errors == []


def test_amounts_in_neighbouring_columns_are_two_lines(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=400, height=100)
    page.insert_text((20, 50), "82,096,797.42 82,096,797.42", fontname="helv", fontsize=9)
    chars, _ = collect_chars(page, include_invisible=False)
    assert [line.text for line in text_layer_lines(chars)] == ["82,096,797.42", "82,096,797.42"]


def test_rotated_page_text_is_in_displayed_coordinates(tmp_path, pages):
    """A landscape table stored as a portrait page with /Rotate 90 and sideways text."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=420)
    page.insert_text((60, 380), pages.TITLE, fontname="china-s", fontsize=18, rotate=90)
    page.insert_text((120, 380), "合计   1,234.56", fontname="china-s", fontsize=12, rotate=90)
    page.set_rotation(90)
    doc.save(tmp_path / "rotated.pdf")
    with open_source(tmp_path / "rotated.pdf") as source:
        work = read_page(source, 0, OcrOptions(render_text_pages=False))
    page_read = work.page
    assert page_read.text_source == "pdf_text" and (page_read.width, page_read.height) == (420, 300)
    assert [line.text for line in page_read.lines] == [pages.TITLE, "合计", "1,234.56"]
    title = page_read.lines[0]
    assert title.bbox[0] == pytest.approx(40, abs=1) and title.bbox[2] > 200  # runs left to right


def test_a_huge_page_is_rendered_within_the_raster_cap(tmp_path):
    """A 3533×5000 pt page at 200 dpi would be a 136 Mpx raster (409 MB): it is rendered at
    the resolution that keeps it within MAX_RASTER_PIXELS, and its points still map."""
    import pymupdf

    from fiscalocr.ocr.raster import MAX_RASTER_PIXELS

    doc = pymupdf.open()
    page = doc.new_page(width=3533, height=5000)
    page.insert_text((200, 400), "一般公共预算支出表 2024", fontname="china-s", fontsize=60)
    page.draw_line((200, 500), (3300, 500), width=4)
    doc.save(tmp_path / "huge.pdf")
    with open_source(tmp_path / "huge.pdf") as source:
        work = read_page(source, 0, OcrOptions(render_drawn_pages=True))
    height, width, _ = work.image.shape
    assert height * width <= MAX_RASTER_PIXELS
    assert work.page.dpi == pytest.approx(132.68, abs=0.02)
    assert work.px_per_pt == pytest.approx(work.page.dpi / 72)
    assert abs(height - 5000 * work.px_per_pt) <= 1 and abs(width - 3533 * work.px_per_pt) <= 1
    assert (work.page.width, work.page.height) == (3533, 5000)
