"""The command line: one clear line per bad file and no traceback; an unexpected error in
one document is recorded (traceback in the log file) and the batch goes on; usage errors."""

from __future__ import annotations

import json


def test_bad_files_one_line_each_unexpected_error_logged_batch_goes_on(tmp_path, build):
    folder = tmp_path / "in"
    build.text_pdf(folder / "good.pdf", "2024年部门预算公开")
    build.text_pdf(folder / "blocked.pdf", "2023年部门预算公开")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("meeting notes, not a PDF")
    outdir = tmp_path / "out"
    (outdir / "blocked.json").mkdir(parents=True)  # a real fault: the output cannot be written
    log = tmp_path / "run.log"
    result = build.run_cli(
        str(folder), "-o", str(outdir), "--workers", "0", "--log-file", str(log), *build.FAST
    )
    assert result.returncode == 1, result.stderr  # an internal error outranks bad inputs
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == 3
    assert any("empty.pdf: empty_pdf:" in line for line in failed)
    assert any("notes.pdf: not_a_pdf:" in line for line in failed)
    assert any("blocked.pdf: internal_error: IsADirectoryError" in line for line in failed)
    assert "ok       " in result.stdout and "good.pdf: 1 pages" in result.stdout
    assert (outdir / "good.json").is_file()
    assert "Traceback (most recent call last)" in log.read_text()
    summary = json.loads((outdir / "run-summary.json").read_text())
    assert summary["counts"] == {"ok": 1, "failed": 3} and summary["exit_code"] == 1


def test_usage_errors_exit_2_with_one_line(tmp_path, build):
    (tmp_path / "a-file").write_text("")
    for argv, message in [
        ([str(tmp_path), "-o", str(tmp_path / "a-file" / "out")], "cannot create"),
        (["-o", str(tmp_path)], "no INPUT given"),
        ([str(tmp_path), "-o", str(tmp_path), "--pages", "3-1"], "--pages: bad page range"),
        ([str(tmp_path), "-o", str(tmp_path), "--format", "docx"], "--format: unknown format"),
        ([str(tmp_path), "-o", str(tmp_path), "--dpi", "5"], "--dpi"),
    ]:
        result = build.run_cli(*argv)
        assert result.returncode == 2, (argv, result.stderr)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
