"""Opening inputs: each bad file gets its own error class, message and exit code."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fiscalocr.model import (
    CorruptPdfError,
    EmptyPdfError,
    EncryptedPdfError,
    ExitCode,
    FileMissingError,
    NotAPdfError,
    TruncatedPdfError,
)
from fiscalocr.ocr import open_source

ZERO_PAGE_PDF = b"""%PDF-1.4
1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj
trailer <</Root 1 0 R>>
%%EOF
"""


def scan_pdf_bytes(tmp_path: Path, pages) -> bytes:
    """A three-page scanned PDF, distinct images so truncation loses real content."""
    import cv2
    import pymupdf

    image = pages.render(pages.text_pdf(tmp_path / "src.pdf"), dpi=100)
    doc = pymupdf.open()
    for shade in range(3):
        page = doc.new_page(width=420, height=300)
        page.insert_image(page.rect, stream=cv2.imencode(".png", image - shade)[1].tobytes())
    return doc.tobytes(deflate=True)


def expect(path: Path, error: type, words: str, code: ExitCode) -> None:
    with pytest.raises(error) as caught:
        open_source(path)
    assert type(caught.value) is error
    assert words in caught.value.message
    assert str(path) in str(caught.value)
    assert caught.value.exit_code == code


def test_good_pdf_opens_with_hash_and_pages(tmp_path, pages):
    path = pages.text_pdf(tmp_path / "good.pdf")
    with open_source(path) as source:
        assert source.page_count == 1
        assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert source.path == path and not source.is_image_input


def test_image_scan_is_accepted(tmp_path, pages):
    import cv2

    path = tmp_path / "scan.png"
    cv2.imwrite(str(path), pages.render(pages.text_pdf(tmp_path / "src.pdf"), dpi=100))
    with open_source(path) as source:
        assert source.is_image_input and source.page_count == 1


def test_missing_file(tmp_path):
    expect(tmp_path / "nope.pdf", FileMissingError, "no such file", ExitCode.INPUT)


def test_text_file_is_not_a_pdf(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("部门预算公开\n", encoding="utf-8")
    expect(path, NotAPdfError, "not a PDF or image scan", ExitCode.INPUT)


def test_png_renamed_pdf_names_what_it_is(tmp_path, pages):
    import cv2

    path = tmp_path / "scan.pdf"
    path.write_bytes(
        cv2.imencode(".png", pages.render(pages.text_pdf(tmp_path / "src.pdf"), dpi=50))[
            1
        ].tobytes()
    )
    expect(path, NotAPdfError, "the content is a PNG image", ExitCode.INPUT)


def test_corrupt_bytes(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    expect(path, CorruptPdfError, "corrupt and cannot be opened", ExitCode.INPUT)


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.98])
def test_truncated_pdf(tmp_path, keep, pages, capfd):
    data = scan_pdf_bytes(tmp_path, pages)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    capfd.readouterr()
    expect(path, TruncatedPdfError, "truncated (cut short)", ExitCode.INPUT)
    assert "repair" not in capfd.readouterr().err  # MuPDF's chatter stays off the terminal


def test_cut_after_last_object_but_intact_is_accepted(tmp_path, pages):
    """Only the %%EOF line lost, every page readable: our documented rule accepts it."""
    data = pages.text_pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "no-eof.pdf"
    path.write_bytes(data[: data.rindex(b"%%EOF")])
    with open_source(path) as source:
        assert source.page_count == 1


def test_encrypted_pdf(tmp_path, pages):
    import pymupdf

    doc = pymupdf.open(pages.text_pdf(tmp_path / "plain.pdf"))
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    expect(path, EncryptedPdfError, "encrypted and needs a password", ExitCode.ENCRYPTED)


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    expect(path, EmptyPdfError, "empty (0 bytes)", ExitCode.INPUT)


def test_zero_page_pdf(tmp_path):
    path = tmp_path / "nopages.pdf"
    path.write_bytes(ZERO_PAGE_PDF)
    expect(path, EmptyPdfError, "has no pages", ExitCode.INPUT)


def test_multi_page_tiff_scan(tmp_path, pages):
    import cv2

    image = pages.render(pages.text_pdf(tmp_path / "src.pdf"), dpi=60)
    path = tmp_path / "scan.tif"
    assert cv2.imwritemulti(str(path), [image, image[::-1].copy()])
    with open_source(path) as source:
        assert source.is_image_input and source.page_count == 2


def test_pdf_cut_in_half_is_truncated_not_silently_short(tmp_path):
    """MuPDF repairs a half file into two pages, the second one empty: content was lost."""
    import pymupdf

    from fiscalocr.model import TruncatedPdfError
    from fiscalocr.ocr import open_source

    doc = pymupdf.open()
    for number in range(2):
        page = doc.new_page()
        page.insert_text(
            (72, 90), f"第{number + 1}页 收入总计 1,234.56", fontname="china-s", fontsize=14
        )
    data = doc.tobytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedPdfError, match="truncated"):
        open_source(path)
