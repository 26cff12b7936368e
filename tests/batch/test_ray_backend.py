"""The Ray backend on a local Ray instance: same records, summary and exit code as local."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

ray = pytest.importorskip(
    "ray", reason="the ray extra is not installed: pip install 'fiscalocr[ray]'"
)
pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_backend_converts_and_reports_like_the_local_one(local_ray, tmp_path, build):
    from fiscalocr.app.batch import run_batch
    from fiscalocr.app.batch.command import build_plan, configure_parser

    folder = tmp_path / "in"
    build.text_pdf(folder / "a.pdf", "2024年部门预算公开", pages=2)
    build.text_pdf(folder / "deep" / "b.pdf", "2023年部门决算公开")
    (folder / "zero.pdf").write_bytes(b"")
    outdir = tmp_path / "out"
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = [str(folder), "-o", str(outdir), "--backend", "ray", "--workers", "2", "--quiet"]
    summary = run_batch(build_plan(parser.parse_args(args + build.FAST)))

    status = {Path(d.input).name: (d.status, d.error_code, d.pages) for d in summary.documents}
    assert status == {
        "a.pdf": ("ok", None, 2),
        "b.pdf": ("ok", None, 1),
        "zero.pdf": ("failed", "empty_pdf", 0),
    }
    assert summary.exit_code == 3 and summary.backend == "ray"
    assert (outdir / "a.json").exists() and (outdir / "deep" / "b.json").exists()
    workers = {d.worker_pid for d in summary.documents}
    assert os.getpid() not in workers, "documents are converted in Ray actor processes"
    rerun = run_batch(build_plan(parser.parse_args(args + build.FAST)))
    assert sorted(d.status for d in rerun.documents) == ["failed", "skipped", "skipped"]


def _kill_actor_holding(name: str, killed: list[int], times: int) -> None:
    """SIGKILL the Ray actor process that has ``name`` open, ``times`` times (as OOM would)."""
    import time

    import psutil

    deadline = time.monotonic() + 120
    while len(killed) < times and time.monotonic() < deadline:
        for process in psutil.process_iter(["pid", "cmdline"]):
            try:
                if process.pid in killed or "ConverterActor" not in " ".join(process.cmdline()):
                    continue
                if any(Path(f.path).name == name for f in process.open_files()):
                    process.kill()
                    killed.append(process.pid)
            except psutil.Error:
                continue
        time.sleep(0.01)


def test_a_killed_actor_costs_one_document_after_one_retry(local_ray, tmp_path, build):
    import threading

    import pymupdf

    from fiscalocr.app.batch import run_batch
    from fiscalocr.app.batch.command import build_plan, configure_parser

    folder = tmp_path / "in"
    folder.mkdir()
    one = build.text_pdf(tmp_path / "one.pdf", "2024年部门预算公开")
    for index in range(4):
        doc = pymupdf.open()
        for _ in range(50):
            doc.insert_pdf(pymupdf.open(one))
        doc.set_metadata({"title": f"document {index}"})
        doc.save(folder / f"doc{index}.pdf")
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = [str(folder), "-o", str(tmp_path / "out"), "--backend", "ray", "--workers", "2"]
    killed: list[int] = []
    killer = threading.Thread(target=_kill_actor_holding, args=("doc1.pdf", killed, 2), daemon=True)
    killer.start()
    summary = run_batch(build_plan(parser.parse_args([*args, "--quiet", *build.FAST])))
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
