"""Two scanned one-page disclosures for the export tests, read by the real pipeline.

The first is fed a little crooked (tilted by :data:`SKEW_DEG`) and one row total is
misprinted (1,500.00 where its items sum to 1,450.00, and the column total agrees with
1,450.00), so reconciliation flags it; the second
was fed sideways (the scan is a quarter turn off) and adds up. Drawn with PyMuPDF's
built-in CJK font and scanned as a grey JPEG, as a scanner writes an image-only PDF.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SKEW_DEG = 1.2
DPI = 200
HEADER = ["项目", "合计", "基本支出", "项目支出"]
TABLE_ONE = [
    HEADER,
    ["合计", "2,310.40", "1,800.40", "510.00"],
    ["一般公共服务支出", "1,500.00", "1,200.00", "250.00"],
    ["教育支出", "860.40", "600.40", "260.00"],
]
TABLE_TWO = [
    HEADER,
    ["合计", "3,516.75", "2,980.50", "536.25"],
    ["社会保障和就业支出", "2,380.50", "2,100.00", "280.50"],
    ["卫生健康支出", "1,136.25", "880.50", "255.75"],
]
MISPRINTED_TOTAL, TRUE_TOTAL = "1,500.00", "1,450.00"


def _put(page, x: float, y: float, text: str, size: float, right: float | None = None) -> None:
    import pymupdf

    font = "helv" if text.isascii() else "china-s"
    if right is not None:
        x = right - pymupdf.get_text_length(text, fontname=font, fontsize=size)
    page.insert_text((x, y), text, fontname=font, fontsize=size)


def _table_page(doc, title: str, rows: list[list[str]]) -> None:
    page = doc.new_page(width=595, height=842)
    _put(page, 150, 110, title, 18)
    _put(page, 400, 150, "单位：万元", 10)
    xs, top, height = [60.0, 250.0, 345.0, 440.0, 535.0], 160.0, 30.0
    for r in range(len(rows) + 1):
        page.draw_line((xs[0], top + r * height), (xs[-1], top + r * height), width=0.8)
    for x in xs:
        page.draw_line((x, top), (x, top + height * len(rows)), width=0.8)
    for r, row in enumerate(rows):
        y = top + r * height + height / 2 + 4
        _put(page, xs[0] + 6, y, row[0], 11)
        for c, text in enumerate(row[1:], start=1):
            if r == 0:
                _put(page, xs[c] + 20, y, text, 11)
            else:
                _put(page, 0, y, text, 11, right=xs[c + 1] - 6)


def _raster(page) -> np.ndarray:
    import pymupdf

    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w).copy()


def _tilt(image: np.ndarray, degrees: float) -> np.ndarray:
    import cv2

    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderValue=255, flags=cv2.INTER_LINEAR)


def _image_pdf(image: np.ndarray, path: Path) -> Path:
    """An image-only PDF of one grey scan, as a scanner writes it (JPEG, page = image)."""
    import cv2
    import pymupdf

    h, w = image.shape
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    out = pymupdf.open()
    page = out.new_page(width=w * 72 / DPI, height=h * 72 / DPI)
    page.insert_image(page.rect, stream=jpeg.tobytes())
    out.save(path)
    return path


def upside_down_disclosure(folder: Path) -> Path:
    """The crooked scan's page fed upside down: turned half round, and tilted."""
    import cv2
    import pymupdf

    drawn = pymupdf.open()
    _table_page(drawn, "2024年部门支出预算表", TABLE_ONE)
    image = cv2.rotate(_tilt(_raster(drawn[0]), SKEW_DEG), cv2.ROTATE_180)
    folder.mkdir(parents=True, exist_ok=True)
    return _image_pdf(image, folder / "upside_down.pdf")


def scanned_disclosures(folder: Path) -> list[Path]:
    """Two one-page image-only PDFs: ``crooked.pdf`` (tilted, with the misprint) and
    ``sideways.pdf`` (fed a quarter turn off)."""
    import cv2
    import pymupdf

    drawn = pymupdf.open()
    _table_page(drawn, "2024年部门支出预算表", TABLE_ONE)
    _table_page(drawn, "2024年部门支出预算表", TABLE_TWO)
    images = {
        "crooked.pdf": _tilt(_raster(drawn[0]), SKEW_DEG),
        "sideways.pdf": cv2.rotate(_raster(drawn[1]), cv2.ROTATE_90_CLOCKWISE),
    }
    folder.mkdir(parents=True, exist_ok=True)
    return [_image_pdf(image, folder / name) for name, image in images.items()]
