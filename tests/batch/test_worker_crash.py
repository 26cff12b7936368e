"""A worker process killed from outside (as the OOM killer would) mid-document: the batch
rebuilds its pool, retries that document once on its own, and records it as
``worker_crashed`` if its worker dies again; every other document is converted."""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import psutil

from fiscalocr.app.batch import run_batch
from fiscalocr.app.batch.command import build_plan, configure_parser

PAGES = 50


def _spawned_workers() -> list[psutil.Process]:
    workers = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "spawn_main" in " ".join(child.cmdline()):
                workers.append(child)
        except psutil.Error:  # gone or a zombie between the two calls
            continue
    return workers


def _holds_open(process: psutil.Process, name: str) -> bool:
    try:
        return any(Path(f.path).name == name for f in process.open_files())
    except psutil.Error:
        return False


def _kill_worker_twice(killed: list[int]) -> None:
    """SIGKILL whichever worker is converting doc1 (it has the file open), twice."""
    deadline = time.monotonic() + 120
    while len(killed) < 2 and time.monotonic() < deadline:
        for worker in _spawned_workers():
            if worker.pid not in killed and _holds_open(worker, "doc1.pdf"):
                worker.kill()
                killed.append(worker.pid)
        time.sleep(0.01)


def test_a_dying_worker_costs_one_document_not_the_batch(tmp_path, build):
    import pymupdf

    folder = tmp_path / "in"
    folder.mkdir()
    one = build.text_pdf(tmp_path / "one.pdf", "2024年部门预算公开")
    for index in range(4):
        doc = pymupdf.open()
        for _ in range(PAGES):
            doc.insert_pdf(pymupdf.open(one))
        doc.set_metadata({"title": f"document {index}"})
        doc.save(folder / f"doc{index}.pdf")
    outdir = tmp_path / "out"
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    argv = [str(folder), "-o", str(outdir), "--workers", "1", "--quiet", *build.FAST]
    plan = build_plan(parser.parse_args(argv))
    killed: list[int] = []
    killer = threading.Thread(target=_kill_worker_twice, args=(killed,), daemon=True)
    killer.start()
    summary = run_batch(plan)
    killer.join(timeout=5)

    assert len(killed) == 2
    status = {Path(d.input).stem: (d.status, d.error_code) for d in summary.documents}
    assert status == {
        "doc0": ("ok", None),
        "doc1": ("failed", "worker_crashed"),
        "doc2": ("ok", None),
        "doc3": ("ok", None),
    }
    assert summary.exit_code == 1
    assert not (outdir / "doc1.json").exists()
    later = {d.worker_pid for d in summary.documents if Path(d.input).stem in ("doc2", "doc3")}
    assert later and not later & set(killed), "the rest ran in a fresh pool"
