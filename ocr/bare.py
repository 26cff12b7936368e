"""Bare PaddleOCR: the baseline every benchmark compares the pipeline with.

PaddleOCR's own ``ocr()`` call on the page raster (detection, angle classifier,
recognition) with nothing of ours around it: no orientation or skew correction, no CTC
alternatives, no table work. Lines come back in PDF points of the page as displayed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from fiscalocr.model import Line

from .engine import REFERENCE_ENGINE, load_engine
from .options import OcrOptions
from .raster import POINTS_PER_INCH, choose_dpi, render_bgr
from .source import PdfSource


def bare_page_lines(source: PdfSource, index: int, options: OcrOptions) -> list[Line]:
    """Run PaddleOCR (PP-OCRv4, whatever ``options.engine`` says) as it comes on page
    ``index`` (0-based) and convert its output."""
    page = source.doc.load_page(index)
    dpi = choose_dpi(page, options.dpi, options.scan_dpi_range)
    image = render_bgr(page, dpi)
    result = load_engine(replace(options, engine=REFERENCE_ENGINE)).paddle_ocr(image)
    return lines_from_paddle_result(result, dpi / POINTS_PER_INCH)


def lines_from_paddle_result(result: list | None, px_per_pt: float) -> list[Line]:
    """PaddleOCR's ``[[quad, (text, score)], ...]`` for one image, as our Lines."""
    lines: list[Line] = []
    for quad, (text, score) in (result or [None])[0] or []:
        xs = [p[0] / px_per_pt for p in quad]
        ys = [p[1] / px_per_pt for p in quad]
        bbox = (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))
        lines.append(Line(text=unicodedata.normalize("NFKC", text), bbox=bbox, conf=float(score)))
    return lines
