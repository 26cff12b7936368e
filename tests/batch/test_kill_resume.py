"""Kill ``python -m fiscalocr.app.batch`` after its first output (SIGTERM, SIGKILL) and
rerun it: what was written stays whole, and only the rest is converted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from fiscalocr.model import Document

N_DOCUMENTS = 5
PAGES_PER_DOCUMENT = 80  # text-layer pages: ~0.4 s of work per document on a quiet machine
FIRST_OUTPUT_TIMEOUT = 120.0


@pytest.fixture(scope="module")
def many_documents(tmp_path_factory, build) -> Path:
    """Five long text-layer PDFs (pages copied from one, so they are quick to make)."""
    import pymupdf

    folder = tmp_path_factory.mktemp("many")
    one = build.text_pdf(folder.parent / "one-page.pdf", "2024年部门预算公开")
    for index in range(N_DOCUMENTS):
        doc = pymupdf.open()
        for _ in range(PAGES_PER_DOCUMENT):
            doc.insert_pdf(pymupdf.open(one))
        doc.set_metadata({"title": f"document {index}"})  # distinct bytes, distinct sha256
        doc.save(folder / f"doc{index}.pdf")
    return folder


def _start(build, folder: Path, outdir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [build.PYTHON, "-m", "fiscalocr.app.batch", str(folder), "-o", str(outdir)]
        + ["--workers", "1", *build.FAST],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_first_output(process: subprocess.Popen, outdir: Path) -> None:
    deadline = time.monotonic() + FIRST_OUTPUT_TIMEOUT
    while not list(outdir.glob("doc*.json")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.05)


@pytest.mark.parametrize("kill_signal", [signal.SIGTERM, signal.SIGKILL])
def test_killed_run_resumes_with_only_the_rest(many_documents, tmp_path, build, kill_signal):
    outdir = tmp_path / "out"
    process = _start(build, many_documents, outdir)
    _wait_for_first_output(process, outdir)
    process.send_signal(kill_signal)
    _, stderr = process.communicate(timeout=60)
    done = {p.stem: p.read_bytes() for p in outdir.glob("doc*.json")}
    assert 1 <= len(done) < N_DOCUMENTS, "the kill must land mid-run"
    for data in done.values():  # nothing written is half-written
        assert Document.model_validate_json(data).status == "ok"
    if kill_signal == signal.SIGTERM:
        assert process.returncode == 130, stderr
        summary = json.loads((outdir / "run-summary.json").read_text())
        assert summary["interrupted"] is True and summary["exit_code"] == 130
        status = {Path(d["input"]).stem: d["status"] for d in summary["documents"]}
        # a document whose JSON was written just before the signal may still be "pending"
        assert {k for k, v in status.items() if v == "ok"} <= set(done)
        assert {k for k, v in status.items() if v == "pending"} >= set(status) - set(done)
    else:
        assert process.returncode == -signal.SIGKILL
        time.sleep(1.5)  # the orphaned worker notices its parent is gone and exits

    rerun = build.run_cli(str(many_documents), "-o", str(outdir), "--workers", "0", *build.FAST)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads((outdir / "run-summary.json").read_text())
    status = {Path(d["input"]).stem: d["status"] for d in summary["documents"]}
    assert {k for k, v in status.items() if v == "skipped"} == set(done)
    assert {k for k, v in status.items() if v == "ok"} == {
        f"doc{i}" for i in range(N_DOCUMENTS)
    } - set(done)
    for stem, data in done.items():  # outputs of the killed run are kept as they were
        assert (outdir / f"{stem}.json").read_bytes() == data
    assert not list(outdir.glob(".*.tmp")) or os.name != "posix"
