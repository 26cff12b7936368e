"""Pages the OCR tests render themselves (PyMuPDF's built-in CJK font), and the engine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

TITLE = "2024年预算收支总表"
AMOUNT_LINES = [("合计", "1,234.56"), ("基本支出", "371,514,655.00"), ("项目支出", "8,090.17")]
SMALL_PAGE = (420, 300)  # points: small pages keep the real OCR runs short


def draw_table_page(page) -> None:
    """A title and three label/amount rows, as on a budget table page."""
    page.insert_text((40, 60), TITLE, fontname="china-s", fontsize=18)
    for row, (label, amount) in enumerate(AMOUNT_LINES):
        y = 110 + row * 36
        page.insert_text((40, y), label, fontname="china-s", fontsize=12)
        page.insert_text((200, y), amount, fontname="china-s", fontsize=12)


def text_pdf(path: Path, rotate: int = 0) -> Path:
    """A born-digital page (real text layer)."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=SMALL_PAGE[0], height=SMALL_PAGE[1])
    draw_table_page(page)
    page.set_rotation(rotate)
    doc.save(path)
    return path


def render(path: Path, dpi: int = 200) -> np.ndarray:
    """Page 1 of ``path`` as a BGR array."""
    import pymupdf

    with pymupdf.open(path) as doc:
        pix = doc[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3)[:, :, ::-1].copy()


def image_pdf(image: np.ndarray, dpi: int, path: Path) -> Path:
    """An image-only (scanned) PDF whose one page is ``image`` at ``dpi``."""
    import cv2
    import pymupdf

    doc = pymupdf.open()
    height, width = image.shape[:2]
    page = doc.new_page(width=width * 72 / dpi, height=height * 72 / dpi)
    page.insert_image(page.rect, stream=cv2.imencode(".png", image)[1].tobytes())
    doc.save(path)
    return path


def rotate_deg(image: np.ndarray, angle: float) -> np.ndarray:
    """``image`` turned ``angle`` degrees counter-clockwise (OpenCV sense), white corners."""
    import cv2

    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=(255, 255, 255))


@pytest.fixture(scope="module")
def engine():
    """The real PaddleOCR engine (PP-OCRv4, the reference), loaded once (cached per process)."""
    from fiscalocr.ocr import OcrOptions, load_engine

    return load_engine(OcrOptions(engine="ppocrv4"))


@pytest.fixture(scope="module")
def scan_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ocr-pages")


@pytest.fixture(scope="session")
def pages():
    """The page helpers above (test modules cannot import conftest in importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        TITLE=TITLE,
        AMOUNT_LINES=AMOUNT_LINES,
        text_pdf=text_pdf,
        render=render,
        image_pdf=image_pdf,
        rotate_deg=rotate_deg,
    )
