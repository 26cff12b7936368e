"""Small test documents rendered with PyMuPDF: text-layer PDFs (fast), an image-only page
(real OCR), and each kind of bad input the batch must survive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PYTHON = sys.executable
FAST = ["--no-tables", "--no-classify", "--no-reconcile"]


def text_pdf(path: Path, title: str, pages: int = 1) -> Path:
    """A born-digital PDF: a CJK title and a few amount lines per page (text layer)."""
    import pymupdf

    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 90), f"{title} 第{number}页", fontname="china-s", fontsize=16)
        for row in range(4):
            text = f"一般公共预算支出 2010{row}01  {1234.5 + row * 10 + number:,.2f} 万元"
            page.insert_text((72, 140 + 24 * row), text, fontname="china-s", fontsize=11)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def image_only_pdf(path: Path, title: str, height_pt: float = 420.0, dpi: int = 150) -> Path:
    """A 'scan': the page is one picture of text and nothing else, so real OCR runs."""
    import pymupdf

    source = pymupdf.open()
    page = source.new_page(width=420, height=height_pt)
    page.insert_text((40, 80), title, fontname="china-s", fontsize=20)
    page.insert_text((40, 130), "收入总计 3,159.95", fontname="china-s", fontsize=16)
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    scan = doc.new_page(width=420, height=height_pt)
    scan.insert_image(scan.rect, stream=pixmap.tobytes("jpg", jpg_quality=80))
    doc.save(path)
    return path


TALL_PAGE_PT = (252, 3600)  # a 200 dpi scan of it is 700 x 10,000 px


def blank_and_tall_pdf(path: Path) -> Path:
    """Page 1 blank; page 2 a scan 10,000 px tall (a 200 dpi picture of a 3600 pt strip)."""
    import pymupdf

    width, height = TALL_PAGE_PT
    strip = pymupdf.open().new_page(width=width, height=height)
    strip.insert_text((20, 60), "部门预算公开附表", fontname="china-s", fontsize=14)
    strip.insert_text((20, 3500), "合计 1,000.00", fontname="china-s", fontsize=14)
    pixmap = strip.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    assert pixmap.height == 10_000
    doc = pymupdf.open()
    doc.new_page(width=595, height=842)
    tall = doc.new_page(width=width, height=height)
    tall.insert_image(tall.rect, stream=pixmap.tobytes("png"))
    doc.save(path)
    return path


def scan_images(path: Path, titles: list[str]) -> Path:
    """Image scans: a multi-page TIFF (several titles) or a PNG/JPEG (one), 150 dpi, grey."""
    import io

    import pymupdf
    from PIL import Image

    images = []
    for title in titles:
        page = pymupdf.open().new_page(width=300, height=100)
        page.insert_text((20, 55), title, fontname="china-s", fontsize=18)
        png = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY).tobytes("png")
        images.append(Image.open(io.BytesIO(png)))
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {"save_all": True, "append_images": images[1:], "dpi": (150, 150)}
    images[0].save(path, **(extra if len(images) > 1 else {"dpi": (150, 150)}))
    return path


def truncated_pdf(path: Path, good: Path) -> Path:
    """The first 60% of a scan PDF: the image stream is cut and there is no %%EOF."""
    data = good.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def encrypted_pdf(path: Path) -> Path:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret", fontname="helv")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")
    return path


def png_named_pdf(path: Path) -> Path:
    import pymupdf

    page = pymupdf.open().new_page(width=200, height=100)
    page.insert_text((10, 50), "not a pdf", fontname="helv")
    path.write_bytes(page.get_pixmap(dpi=72).tobytes("png"))
    return path


def run_cli(*args: str, timeout: float = 240, **popen) -> subprocess.CompletedProcess:
    """``python -m fiscalocr.app.batch ...`` in a subprocess (stderr is not a terminal)."""
    return subprocess.run(
        [PYTHON, "-m", "fiscalocr.app.batch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **popen,
    )


@pytest.fixture(scope="session")
def mixed_folder(tmp_path_factory) -> Path:
    """Good documents and every kind of bad one, in one folder tree."""
    folder = tmp_path_factory.mktemp("mixed")
    text_pdf(folder / "good-a.pdf", "2024年部门预算公开", pages=2)
    text_pdf(folder / "sub" / "good-b.pdf", "2023年部门决算公开")
    scan = image_only_pdf(folder / "scan-c.pdf", "2024年预算收支总表")
    truncated_pdf(folder / "truncated.pdf", scan)
    scan_images(folder / "scans" / "two-pages.tif", ["部门决算公开", "收入支出决算总表"])
    scan_images(folder / "scans" / "photo.png", ["政府采购预算表"])
    encrypted_pdf(folder / "encrypted.pdf")
    (folder / "zero.pdf").write_bytes(b"")
    png_named_pdf(folder / "picture.pdf")
    blank_and_tall_pdf(folder / "blank-and-tall.pdf")
    return folder


@pytest.fixture(scope="session")
def build():
    """The builders above, for test modules (``--import-mode=importlib`` cannot import us)."""
    import types

    return types.SimpleNamespace(
        text_pdf=text_pdf,
        image_only_pdf=image_only_pdf,
        run_cli=run_cli,
        FAST=FAST,
        PYTHON=PYTHON,
    )
