"""Runs that do nothing, and failures, never say success: each case gets its documented
exit code and one clear line of our own (no traceback, no foreign text)."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from fiscalocr.app.batch.outdir import outdir_lock
from fiscalocr.app.batch.summary import SUMMARY_NAME
from fiscalocr.app.cli import main
from fiscalocr.model import ExitCode

FAST = ["--no-tables", "--no-classify", "--no-reconcile"]


def _convert(*argv: str) -> int:
    return main(["convert", *argv, "--workers", "0", "--quiet"])


def test_pages_past_the_end_is_an_error_not_an_empty_success(tmp_path, build, capsys):
    pdf = build.text_pdf(tmp_path / "one.pdf", "2024年部门预算公开")
    status = _convert(str(pdf), "-o", str(tmp_path / "out"), "--pages", "5", *FAST)
    err = capsys.readouterr().err
    assert status == ExitCode.USAGE == 2, err
    assert "one.pdf: nothing_selected: pages 5 do not exist: the file has 1 page" in err
    assert not (tmp_path / "out" / "one.json").exists()


def test_pages_partly_past_the_end_reads_the_rest_and_says_so(tmp_path, build, capsys):
    pdf = build.text_pdf(tmp_path / "two.pdf", "2024年部门预算公开", pages=2)
    status = _convert(str(pdf), "-o", str(tmp_path / "out"), "--pages", "2-4", *FAST)
    assert status == ExitCode.OK, capsys.readouterr().err
    doc = json.loads((tmp_path / "out" / "two.json").read_text(encoding="utf-8"))
    assert [p["page"] for p in doc["pages"]] == [2]
    (warning,) = doc["errors"]
    assert warning["code"] == "pages_not_found" and warning["severity"] == "warning"
    assert warning["message"] == "2 pages asked for do not exist (3, 4): the file has 2 pages"


def test_debug_page_past_the_end_exits_2(tmp_path, build, capsys):
    pdf = build.text_pdf(tmp_path / "one.pdf", "2024年部门预算公开")
    status = main(["debug", str(pdf), "--page", "9", "-o", str(tmp_path / "p9.png")])
    err = capsys.readouterr().err
    assert status == ExitCode.USAGE, err
    assert "--page 9 does not exist: the file has 1 page" in err
    assert "Traceback" not in err and not (tmp_path / "p9.png").exists()


def test_missing_models_dir_exits_6_before_any_work(tmp_path, build, capsys):
    pdf = build.text_pdf(tmp_path / "a.pdf", "2024年部门预算公开")
    out = tmp_path / "out"
    status = _convert(str(pdf), "-o", str(out), "--models-dir", str(tmp_path / "modles"))
    err = capsys.readouterr().err
    assert status == ExitCode.DEPENDENCY == 6, err
    assert "model_artifact" in err and "no classifier model card" in err
    assert not (out / "a.json").exists(), "no document may be converted without its models"


def test_folder_without_scans_among_inputs_gets_a_summary_row(tmp_path, build, capsys):
    pdf = build.text_pdf(tmp_path / "a.pdf", "2024年部门预算公开")
    empty = tmp_path / "notes"
    empty.mkdir()
    (empty / "readme.txt").write_text("no scans here")
    out = tmp_path / "out"
    status = _convert(str(pdf), str(empty), "-o", str(out), *FAST)
    err = capsys.readouterr().err
    assert status == ExitCode.INPUT, err
    assert f"{empty}: no_scans: the folder holds no PDF or image scan" in err
    rows = json.loads((out / SUMMARY_NAME).read_text())["documents"]
    assert {(Path(r["input"]).name, r["status"], r["error_code"]) for r in rows} == {
        ("a.pdf", "ok", None),
        ("notes", "failed", "no_scans"),
    }


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_writing_a_document_stops_with_exit_7(tmp_path, build, capsys, monkeypatch):
    a = build.text_pdf(tmp_path / "in" / "a.pdf", "2024年部门预算公开")
    b = build.text_pdf(tmp_path / "in" / "b.pdf", "2023年部门决算公开")
    monkeypatch.setattr("fiscalocr.app.export.outputs.atomic_write_text", _full_disk)
    out = tmp_path / "out"
    status = _convert(str(a), str(b), "-o", str(out), *FAST)
    err = capsys.readouterr().err
    assert status == ExitCode.OUTPUT == 7, err
    assert "a.pdf: disk_full: no space left on the device: the output was not written" in err
    assert "Traceback" not in err
    summary = json.loads((out / SUMMARY_NAME).read_text())
    assert summary["exit_code"] == 7 and summary["finished"] is False
    assert summary["stopped"].startswith("disk_full: no space left")
    statuses = {Path(d["input"]).name: d["status"] for d in summary["documents"]}
    assert statuses == {"a.pdf": "failed", "b.pdf": "pending"}  # not tried: it would fail too


def test_full_disk_never_leaves_the_last_runs_summary_standing(
    tmp_path, build, capsys, monkeypatch
):
    pdf = build.text_pdf(tmp_path / "a.pdf", "2024年部门预算公开")
    out = tmp_path / "out"
    out.mkdir()
    (out / SUMMARY_NAME).write_text(json.dumps({"started_at": "2020-01-01", "exit_code": 0}))
    monkeypatch.setattr("fiscalocr.app.batch.summary.atomic_write_text", _full_disk)
    status = _convert(str(pdf), "-o", str(out), *FAST)
    err = capsys.readouterr().err
    assert status == ExitCode.OUTPUT, err
    assert "disk_full: " in err and f"no space left on the device writing {SUMMARY_NAME}" in err
    assert not (out / SUMMARY_NAME).exists(), "the earlier run's summary would pass for this one"
    assert not (out / "a.json").exists(), "no work starts when the summary cannot be written"


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path, build, capsys):
    pdf = build.text_pdf(tmp_path / "a.pdf", "2024年部门预算公开")
    out = tmp_path / "out"
    out.mkdir()
    with outdir_lock(out):  # the first run, still going
        status = _convert(str(pdf), "-o", str(out), *FAST)
    err = capsys.readouterr().err
    assert status == ExitCode.USAGE, err
    assert "outdir_busy" in err and "another fiscalocr run (pid " in err
    assert not (out / "a.json").exists()
    assert _convert(str(pdf), "-o", str(out), *FAST) == ExitCode.OK  # the lock is released


def test_one_pixel_png_gets_our_message_and_no_opencv_text(tmp_path, build):
    import pymupdf

    pixel = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 1, 1), False)
    pixel.clear_with(255)
    pixel.save(tmp_path / "dot.png")
    result = build.run_cli(str(tmp_path / "dot.png"), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == ExitCode.INPUT, result.stderr
    assert "page 1: the image is 1×1 pixels, too small to hold text" in result.stderr
    assert "OpenCV" not in result.stderr and "WARNING" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # the document's line, the final line


@pytest.mark.slow
def test_truncated_jpeg_is_partial_with_the_error_recorded(tmp_path, build):
    import pymupdf

    page = pymupdf.open().new_page(width=420, height=600)
    for row in range(12):
        text = f"一般公共预算支出 {row + 1} 行 {1234.5 + row:,.2f}"
        page.insert_text((30, 40 + 45 * row), text, fontname="china-s", fontsize=16)
    whole = page.get_pixmap(dpi=150).tobytes("jpg", jpg_quality=85)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) * 6 // 10])
    out = tmp_path / "out"
    result = build.run_cli(str(cut), "-o", str(out), "--workers", "0", *FAST)
    assert result.returncode == ExitCode.PARTIAL, result.stderr
    assert "ccache" not in result.stderr, "Paddle's notice leaked onto stderr"
    doc = json.loads((out / "cut.json").read_text(encoding="utf-8"))
    assert doc["status"] == "partial" and doc["pages"][0]["status"] == "partial"
    (error,) = [e for e in doc["pages"][0]["errors"] if e["severity"] == "error"]
    assert error["code"] == "truncated_image" and "JPEG file is truncated" in error["message"]
    assert doc["pages"][0]["lines"], "what could be read is kept"
