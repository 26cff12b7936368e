"""The library API: ``fiscalocr.convert`` runs the real pipeline (OCR, layout, classifiers,
reconciliation) on a bundled sample; ``convert_all`` iterates inputs with one set of
stages; keyword overrides reach the options tree."""

from __future__ import annotations

import pytest

import fiscalocr
from fiscalocr.model import Document, FileMissingError

FAST = {"do_tables": False, "do_classify": False, "do_reconcile": False}


def text_pdf(path, title: str, pages: int = 1):
    """A born-digital PDF (text layer: read without OCR, fast)."""
    import pymupdf

    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 90), f"{title} 第{number}页", fontname="china-s", fontsize=16)
        page.insert_text(
            (72, 140), "一般公共预算支出 1,234.50 万元", fontname="china-s", fontsize=11
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return fiscalocr.convert(fiscalocr.sample_path("budget-summary-light"))


def test_convert_reads_the_sample_scan(sample_doc):
    assert isinstance(sample_doc, Document) and sample_doc.status == "ok"
    assert sample_doc.source.file == "budget-summary-light.pdf"
    facts = sample_doc.document
    assert (facts.kind, facts.year, facts.department) == ("budget", 2018, "盐城市人大常委会办公室")
    (table,) = sample_doc.tables
    assert (table.type, table.n_rows, table.n_cols) == ("revenue_expenditure_summary", 10, 6)
    totals = {c.text for c in table.cells if c.row == 9}
    assert {"收入总计", "4658.10", "支出总计", "4371.10", "287.00"} <= totals
    rec = sample_doc.reconciliation
    assert rec.checks_total > 0 and rec.checks_passed_after == rec.checks_total


def test_overrides_reach_the_options_tree_and_the_output_key(tmp_path):
    pdf = text_pdf(tmp_path / "two.pdf", "2024年部门预算公开", pages=2)
    plain = fiscalocr.convert(pdf, **FAST)
    other = fiscalocr.convert(pdf, pages=(2,), ocr={"min_text_chars": 5}, **FAST)
    assert [p.page for p in plain.pages] == [1, 2] and [p.page for p in other.pages] == [2]
    assert plain.options_key != other.options_key
    options = fiscalocr.ConvertOptions(dpi=150).with_overrides(layout={"snap_pt": 4.0})
    assert (options.ocr.dpi, options.layout.snap_pt) == (150, 4.0)


def test_convert_all_yields_each_input_and_keeps_going(tmp_path):
    folder = tmp_path / "in"
    text_pdf(folder / "a.pdf", "2024年部门预算公开")
    text_pdf(folder / "sub" / "b.pdf", "2023年部门决算公开", pages=2)
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    missing = tmp_path / "gone.pdf"
    results = list(fiscalocr.convert_all([folder, missing], raises_on_error=False, **FAST))
    by_name = {r.input.name: r for r in results}
    assert set(by_name) == {"a.pdf", "b.pdf", "broken.pdf", "gone.pdf"}
    assert len(by_name["b.pdf"].document.pages) == 2 and by_name["a.pdf"].exit_code == 0
    assert by_name["broken.pdf"].error.code == "not_a_pdf" and by_name["broken.pdf"].exit_code == 3
    assert by_name["gone.pdf"].document is None and by_name["gone.pdf"].exit_code == 3
    with pytest.raises(FileMissingError):
        list(fiscalocr.convert_all([missing], **FAST))
