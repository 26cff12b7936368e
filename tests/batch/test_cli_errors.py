"""The command line: one clear line per bad file and no traceback; an output that cannot be
written is recorded as an output error (exit 7, not a bug) and the batch goes on; usage
errors."""

from __future__ import annotations

import json


def test_bad_files_one_line_each_output_error_recorded_batch_goes_on(tmp_path, build):
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
    assert result.returncode == 7, result.stderr  # a lost output outranks bad inputs
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == 3
    assert any("empty.pdf: empty_pdf:" in line for line in failed)
    assert any("notes.pdf: not_a_pdf:" in line for line in failed)
    assert any(
        "blocked.pdf: output_error: cannot write the output: Is a directory" in line
        for line in failed
    )
    assert "ok       " in result.stdout and "good.pdf: 1 page," in result.stdout
    assert (outdir / "good.json").is_file()
    assert "blocked.pdf" in log.read_text()
    summary = json.loads((outdir / "run-summary.json").read_text())
    assert summary["counts"] == {"ok": 1, "failed": 3} and summary["exit_code"] == 7


def test_usage_errors_exit_2_with_one_line(tmp_path, build):
    (tmp_path / "a-file").write_text("")
    for argv, message in [
        ([str(tmp_path), "-o", str(tmp_path / "a-file" / "out")], "cannot create"),
        (["-o", str(tmp_path)], "no INPUT given"),
        ([str(tmp_path), "-o", str(tmp_path), "--pages", "3-1"], "--pages: bad page range"),
        ([str(tmp_path), "-o", str(tmp_path), "--format", "docx"], "--format: unknown format"),
        (
            [str(tmp_path), "-o", str(tmp_path), "--dpi", "5"],
            "--dpi: 5 is out of range (50 to 600 dpi)",
        ),
        (
            [str(tmp_path), "-o", str(tmp_path), "-j", "-1"],
            "-j/--jobs/--workers: -1 is out of range",
        ),
    ]:
        result = build.run_cli(*argv)
        assert result.returncode == 2, (argv, result.stderr)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
