"""A batch over good and bad inputs: every good one converted, every bad one reported
with its reason, a file vanishing after listing, reruns skipping what is done."""

from __future__ import annotations

import argparse
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from fiscalocr.app.batch import run_batch
from fiscalocr.app.batch.command import build_plan, configure_parser
from fiscalocr.app.batch.summary import SUMMARY_NAME
from fiscalocr.model import Document


def _plan(*argv: str):
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    return build_plan(parser.parse_args(list(argv)))


def _by_name(summary) -> dict:
    return {Path(d.input).name: d for d in summary.documents}


def _text(doc: Document) -> str:
    return unicodedata.normalize("NFKC", "".join(line.text for p in doc.pages for line in p.lines))


def _assert_outputs_whole(outdir: Path) -> None:
    """Every JSON parses (as a Document, or the summary); no temporary file is left."""
    for path in outdir.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name != SUMMARY_NAME:
            Document.model_validate(data)
    assert not list(outdir.rglob("*.tmp"))


@pytest.fixture(scope="module")
def mixed_run(mixed_folder, tmp_path_factory, build):
    """The mixed folder through a real worker process; one file vanishes after listing."""
    folder = tmp_path_factory.mktemp("run") / "in"
    shutil.copytree(mixed_folder, folder)
    vanishing = build.text_pdf(folder / "vanishing.pdf", "2022年部门预算公开")
    outdir = folder.parent / "out"
    plan = _plan(str(folder), "-o", str(outdir), "--workers", "1", "--quiet", *build.FAST)
    assert "vanishing.pdf" in {Path(j.path).name for j in plan.jobs}
    vanishing.unlink()
    return run_batch(plan), outdir


def test_every_good_document_is_converted(mixed_run):
    summary, outdir = mixed_run
    docs = _by_name(summary)
    for name, key, title in [
        ("good-a.pdf", "good-a", "2024年部门预算公开 第2页"),
        ("good-b.pdf", "sub/good-b", "2023年部门决算公开"),
    ]:
        assert docs[name].status == "ok", docs[name]
        doc = Document.model_validate_json((outdir / f"{key}.json").read_text())
        assert title in _text(doc) and doc.pages[0].text_source == "pdf_text"
    tiff = Document.model_validate_json((outdir / "scans" / "two-pages.json").read_text())
    assert docs["two-pages.tif"].status == "ok" and len(tiff.pages) == 2
    assert "收入支出决算总表" in _text(tiff)
    png = Document.model_validate_json((outdir / "scans" / "photo.json").read_text())
    assert "政府采购预算表" in _text(png)
    scan = Document.model_validate_json((outdir / "scan-c.json").read_text())
    assert scan.pages[0].text_source == "ocr"  # the real PaddleOCR read the picture
    assert "预算收支总表" in _text(scan) and "3,159.95" in _text(scan)


def test_blank_and_10000px_pages_do_not_fail_the_document(mixed_run):
    summary, outdir = mixed_run
    assert _by_name(summary)["blank-and-tall.pdf"].status in ("ok", "partial")
    doc = Document.model_validate_json((outdir / "blank-and-tall.json").read_text())
    assert [(p.page, p.height) for p in doc.pages] == [(1, pytest.approx(842, abs=1)), (2, 3600)]
    assert doc.pages[0].lines == []


@pytest.mark.parametrize(
    ("name", "code", "exit_code"),
    [
        ("truncated.pdf", "truncated_pdf", 3),
        ("encrypted.pdf", "encrypted_pdf", 4),
        ("zero.pdf", "empty_pdf", 3),
        ("picture.pdf", "not_a_pdf", 3),
        ("vanishing.pdf", "file_missing", 3),
    ],
)
def test_every_bad_document_is_reported_with_its_reason(mixed_run, name, code, exit_code):
    summary, outdir = mixed_run
    record = _by_name(summary)[name]
    assert (record.status, record.error_code, record.exit_code) == ("failed", code, exit_code)
    assert record.message and "Traceback" not in record.message
    assert not (outdir / name.replace(".pdf", ".json")).exists()


def test_summary_file_and_exit_code(mixed_run):
    summary, outdir = mixed_run
    written = json.loads((outdir / SUMMARY_NAME).read_text())
    assert written["finished"] is True and written["exit_code"] == 3  # unreadable inputs
    assert written["counts"] == {"ok": 6, "failed": 5}
    assert all("traceback" not in d for d in written["documents"])
    converted = [d for d in summary.documents if d.status == "ok"]
    assert all(d.worker_peak_rss_mb and d.worker_peak_rss_mb > 50 for d in converted)
    _assert_outputs_whole(outdir)


def test_rerun_skips_done_documents_redoes_changed_ones_and_overwrite(tmp_path, build):
    folder = tmp_path / "in"
    for index in range(3):
        build.text_pdf(folder / f"d{index}.pdf", f"202{index}年部门预算公开")
    outdir = tmp_path / "out"
    common = [str(folder), "-o", str(outdir), "--workers", "0", "--quiet", *build.FAST]
    first = run_batch(_plan(*common, "--format", "json,csv"))
    assert [d.status for d in first.documents] == ["ok"] * 3 and first.exit_code == 0
    before = (outdir / "d0.json").stat().st_mtime_ns
    build.text_pdf(folder / "d1.pdf", "2031年部门预算公开")  # changed since the first run
    (outdir / "d2.json").write_text('{"source": {"sha256": "')  # a half-written output
    second = run_batch(_plan(*common, "--format", "json,xlsx"))
    assert [d.status for d in second.documents] == ["skipped", "ok", "ok"]
    assert second.exit_code == 0
    assert (outdir / "d0.json").stat().st_mtime_ns == before
    assert (outdir / "d0.xlsx").exists(), "a new --format is added to a skipped document"
    assert "2031年" in _text(Document.model_validate_json((outdir / "d1.json").read_text()))
    third = run_batch(_plan(*common, "--overwrite"))
    assert [d.status for d in third.documents] == ["ok"] * 3
    assert (outdir / "d0.json").stat().st_mtime_ns != before
    _assert_outputs_whole(outdir)


def test_rerun_with_other_pages_converts_again(tmp_path, build):
    """A trial run over a few pages must not be taken for the finished job."""
    folder = tmp_path / "in"
    build.text_pdf(folder / "d0.pdf", "2024年部门预算公开")
    outdir = tmp_path / "out"
    common = [str(folder), "-o", str(outdir), "--workers", "0", "--quiet", *build.FAST]
    trial = run_batch(_plan(*common, "--pages", "1"))
    assert [d.status for d in trial.documents] == ["ok"]
    same = run_batch(_plan(*common, "--pages", "1"))
    assert [d.status for d in same.documents] == ["skipped"]
    full = run_batch(_plan(*common))
    assert [d.status for d in full.documents] == ["ok"]
    written = Document.model_validate_json((outdir / "d0.json").read_text(encoding="utf-8"))
    assert len(written.options_key or "") == 16
