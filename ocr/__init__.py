"""The OCR stage: open an input, read each page (text layer or PaddleOCR) into a PageWork.

Public API (loaded lazily, so importing ``fiscalocr.ocr`` does not import Paddle)::

    open_source(path) -> PdfSource
    read_page(source, index, options) -> PageWork
    OcrOptions
    load_engine(options) -> OcrEngine   # options.engine picks it; .recognizer() is a TextRecognizer
    bare_page_lines(source, index, options) -> list[Line]   # PaddleOCR as it comes (baseline)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "OcrOptions": ".options",
    "PdfSource": ".source",
    "open_source": ".source",
    "read_page": ".page",
    "load_engine": ".engine",
    "PaddleEngine": ".paddle_engine",
    "OcrEngine": ".engine",
    "ENGINES": ".engine",
    "CropRecognizer": ".engine",
    "RawRecognition": ".ctc",
    "to_line": ".ctc",
    "bare_page_lines": ".bare",
    "render_as_read": ".reread",
    "crop_points": ".reread",
    "file_sha256": ".source",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name], __name__), name)
