"""Input expansion, deduplication, deterministic output names; page/format specs; exit rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fiscalocr.app.batch import batch_exit_code, collect_inputs
from fiscalocr.app.batch.inputs import read_list_file
from fiscalocr.app.batch.spec import parse_formats, parse_pages


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n")
    return path


def test_folders_are_mirrored_files_named_by_stem_and_clashes_resolved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _touch(tmp_path / "arc/2019/a.pdf")
    _touch(tmp_path / "arc/2019/scan.TIF")
    _touch(tmp_path / "arc/2020/a.pdf")
    _touch(tmp_path / "arc/notes.txt")  # not a scan: folders only yield scans
    _touch(tmp_path / "arc/.hidden.pdf")
    _touch(tmp_path / "x/b.pdf")
    _touch(tmp_path / "x/b.png")
    _touch(tmp_path / "y/b.pdf")
    found = collect_inputs(["arc", "x/b.pdf", "x/b.png", "y/b.pdf"])
    keys = {f.path: f.output_key for f in found.files}
    assert keys["arc/2019/a.pdf"] == "2019/a"
    assert keys["arc/2020/a.pdf"] == "2020/a"
    assert keys["arc/2019/scan.TIF"] == "2019/scan"
    assert keys["x/b.png"] == "b.png"
    # x/b.pdf and y/b.pdf clash even with their suffix: a hash of the path decides
    assert keys["x/b.pdf"].startswith("b.pdf.") and keys["y/b.pdf"].startswith("b.pdf.")
    assert keys["x/b.pdf"] != keys["y/b.pdf"]
    assert len(found.files) == 6 and not found.problems
    again = collect_inputs(["arc", "x/b.pdf", "x/b.png", "y/b.pdf"])
    assert [f.output_key for f in again.files] == [f.output_key for f in found.files]


def test_globs_lists_and_symlinks_are_deduplicated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _touch(tmp_path / "d/one.pdf")
    _touch(tmp_path / "d/two.jpeg")
    os.symlink(tmp_path / "d/one.pdf", tmp_path / "link.pdf")
    (tmp_path / "list.txt").write_text("# archive\nd/one.pdf\n\nd/two.jpeg\nmissing.pdf\n")
    arguments = ["d/*.pdf", "d", "link.pdf", *read_list_file("list.txt"), "none/*.pdf"]
    found = collect_inputs(arguments)
    assert sorted(f.path for f in found.files) == ["d/one.pdf", "d/two.jpeg"]
    assert [(p.argument, p.code) for p in found.problems] == [
        ("missing.pdf", "file_missing"),
        ("none/*.pdf", "no_match"),
    ]


def test_page_and_format_specs():
    assert parse_pages("1-3,5") == (1, 2, 3, 5)
    assert parse_pages("4,2-2") == (2, 4)
    for bad in ("0", "3-1", "a", "1,,2"):
        with pytest.raises(ValueError):
            parse_pages(bad)
    assert parse_formats("csv,xlsx") == ("json", "xlsx", "csv")
    assert parse_formats("pdf,md,html") == ("json", "md", "pdf", "html")
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        parse_formats("json,docx")


def test_exit_code_rule_puts_bugs_before_bad_inputs_before_partial_pages():
    assert batch_exit_code([0, 0]) == 0
    assert batch_exit_code([0, 5]) == 5
    assert batch_exit_code([5, 4]) == 4
    assert batch_exit_code([5, 4, 3]) == 3
    assert batch_exit_code([3, 1, 5]) == 1
    assert batch_exit_code([1, 6]) == 6
    assert batch_exit_code([6, 130]) == 130


def test_document_line_states_pages_status_and_reconciliation():
    from fiscalocr.app.batch.record import DocRecord, ReconciliationCounts
    from fiscalocr.app.batch.summary import document_line

    counts = ReconciliationCounts(
        checks_total=412,
        checks_passed_before=398,
        checks_passed_after=410,
        repairs=12,
        unresolved=2,
    )
    line = document_line(
        DocRecord(input="a.pdf", status="ok", pages=24, seconds=61.2, reconciliation=counts)
    )
    assert line == (
        "ok       a.pdf: 24 pages, 61.2s, checks 398->410/412 passed, 12 repairs, 2 unresolved"
    )
    failed = DocRecord(input="b.pdf", status="failed", error_code="encrypted_pdf", message="m")
    assert document_line(failed) == "failed   b.pdf: encrypted_pdf: m"
    partial = DocRecord(input="c.pdf", status="partial", pages=3, error_code="model_artifact")
    assert document_line(partial).endswith("3 pages, 0.0s, a stage failed (model_artifact)")
