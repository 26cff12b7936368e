"""Stages that fail: the document still comes out, ``partial``, each failure recorded where
it happened; a missing model stops the run instead (it is no one document's fault)."""

from __future__ import annotations

import dataclasses

import pymupdf
import pytest

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document
from fiscalocr.app.stages import load_stages
from fiscalocr.model import ModelArtifactError


def _two_pages(path):
    doc = pymupdf.open()
    for number in (1, 2):
        page = doc.new_page(width=595, height=842)
        page.insert_text(
            (72, 90), f"2024年部门预算公开 第{number}页", fontname="china-s", fontsize=16
        )
        page.draw_rect(pymupdf.Rect(72, 120, 520, 300))
    doc.save(path)
    return path


@pytest.fixture
def real_stages():
    """The real stages of a text-layer run (no OCR needed), classifiers and all."""
    return load_stages(ConvertOptions(do_reconcile=False))


def test_failing_page_and_document_stages_give_a_partial_document(tmp_path, real_stages):
    pdf = _two_pages(tmp_path / "two.pdf")
    real_read = real_stages.read_page

    def read_page(source, index):
        if index == 1:
            raise MemoryError("raster too large")
        return real_read(source, index)

    def analyse_page(work):
        raise RuntimeError("rule detector exploded")

    def classify(doc, source_path):
        raise ValueError("no features")

    stages = dataclasses.replace(
        real_stages, read_page=read_page, analyse_page=analyse_page, classify=classify
    )
    doc = convert_document(pdf, ConvertOptions(do_reconcile=False), stages=stages)
    assert doc.status == "partial"
    first, second = doc.pages
    assert (first.status, second.status) == ("partial", "failed")
    assert first.lines, "a page whose layout failed keeps its text"
    (layout_error,) = first.errors
    assert (layout_error.code, layout_error.stage, layout_error.page) == (
        "internal_error",
        "layout",
        1,
    )
    assert layout_error.message == "RuntimeError: rule detector exploded"
    (read_error,) = second.errors
    assert (read_error.stage, read_error.message) == ("ocr", "MemoryError: raster too large")
    (classify_error,) = doc.errors
    assert (classify_error.stage, classify_error.message) == ("classify", "ValueError: no features")


def test_every_page_failing_makes_the_document_failed(tmp_path, real_stages):
    pdf = _two_pages(tmp_path / "two.pdf")

    def read_page(source, index):
        raise OSError("device gone")

    stages = dataclasses.replace(real_stages, read_page=read_page, classify=None)
    doc = convert_document(pdf, ConvertOptions(do_reconcile=False), stages=stages)
    assert doc.status == "failed" and [p.status for p in doc.pages] == ["failed", "failed"]


def test_a_missing_model_in_a_stage_is_raised_not_recorded(tmp_path, real_stages):
    pdf = _two_pages(tmp_path / "two.pdf")

    def classify(doc, source_path):
        raise ModelArtifactError("table_type.skops is missing")

    stages = dataclasses.replace(real_stages, classify=classify)
    with pytest.raises(ModelArtifactError):
        convert_document(pdf, ConvertOptions(do_reconcile=False), stages=stages)
