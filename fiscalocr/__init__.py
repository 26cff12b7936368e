"""fiscalocr: scanned budget and final-account disclosures to verified, structured JSON.

    import fiscalocr

    doc = fiscalocr.convert("budget.pdf")                  # a fiscalocr.model.Document
    for result in fiscalocr.convert_all(["scans/", "more.pdf"]):
        print(result.input, result.document.status)

The repository's top-level folders are installed as sub-packages of this namespace:
``fiscalocr.model`` (ground floor), ``fiscalocr.ocr``/``layout``/``classify``/``reconcile``/
``datasets``/``eval`` (stages and wings), ``fiscalocr.app`` (pipeline, batch, CLI) and
``fiscalocr.testing`` (tables with known truth for the tests and benchmarks).
The names below load lazily, so ``import fiscalocr`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "convert": "fiscalocr.app.api",
    "convert_all": "fiscalocr.app.api",
    "ConversionResult": "fiscalocr.app.api",
    "ConvertOptions": "fiscalocr.app.options",
    "Document": "fiscalocr.model",
    "ExitCode": "fiscalocr.model",
    "FiscalOcrError": "fiscalocr.model",
    "sample_path": "fiscalocr.datasets.samples",
    "sample_names": "fiscalocr.datasets.samples",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
