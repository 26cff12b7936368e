"""Batch throughput: pages/min with 1 and 2 local workers and through Ray, peak memory per worker.

Makes image-only A4 pages (a 200 dpi picture of a disclosure-like table page, ~30 text
lines, so the real PaddleOCR runs on every page), converts them with the batch runner
and prints one markdown table. Wall time includes each worker's model loading (as a
real batch pays it); "steady" excludes each worker's first document. "CPU s/page" is the
worker's CPU time (all threads) per page, which a busy machine inflates far less than
wall time.

    .venv/bin/python benchmarks/batch_throughput.py [--docs 6] [--pages 2] [--full] [--no-ray]

``--full`` runs every stage (tables, classify, reconcile); by default OCR only, since
OCR is what the workers parallelise and the other stages may still be in flux.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROWS = [
    ("2010101", "行政运行", 1234.56),
    ("2010102", "一般行政管理事务", 87.5),
    ("2010350", "事业运行", 456.78),
    ("2080505", "机关事业单位基本养老保险缴费支出", 98.01),
    ("2101101", "行政单位医疗", 45.2),
    ("2210201", "住房公积金", 67.89),
]


def make_scan_pdf(path: Path, pages: int, seed: int) -> None:
    """``pages`` image-only A4 pages: title, header and a table of codes and amounts."""
    import pymupdf

    doc = pymupdf.open()
    for number in range(pages):
        src = pymupdf.open().new_page(width=595, height=842)
        src.insert_text(
            (150, 70), f"{2020 + seed}年一般公共预算支出预算表", fontname="china-s", fontsize=16
        )
        src.insert_text((60, 105), "单位：万元", fontname="china-s", fontsize=10)
        y = 140
        for block in range(4):
            for code, name, amount in ROWS:
                value = amount * (1 + block + number + seed) / 3
                src.insert_text((60, y), code, fontname="china-s", fontsize=10)
                src.insert_text((130, y), name, fontname="china-s", fontsize=10)
                src.insert_text((430, y), f"{value:,.2f}", fontname="china-s", fontsize=10)
                y += 25
        pixmap = src.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
        page = doc.new_page(width=595, height=842)
        page.insert_image(page.rect, stream=pixmap.tobytes("jpg", jpg_quality=85))
    doc.save(path)


def run(folder: Path, outdir: Path, backend: str, workers: int, full: bool) -> dict:
    from fiscalocr.app.batch import run_batch
    from fiscalocr.app.batch.command import build_plan, configure_parser

    parser = argparse.ArgumentParser()
    configure_parser(parser)
    argv = [str(folder), "-o", str(outdir), "--workers", str(workers), "--quiet"]
    argv += ["--backend", backend] + (
        [] if full else ["--no-tables", "--no-classify", "--no-reconcile"]
    )
    start = time.perf_counter()
    summary = run_batch(build_plan(parser.parse_args(argv)))
    wall = time.perf_counter() - start
    failed = [d for d in summary.documents if d.status != "ok"]
    for record in failed:
        print(f"warning: {record.input}: {record.status} {record.error_code}", file=sys.stderr)
    return figures(summary, wall, workers) | {"failed": len(failed)}


def figures(summary, wall: float, workers: int) -> dict:
    """pages/min (wall, and steady = without each worker's first document), peak RSS."""
    by_worker = defaultdict(list)
    for record in (d for d in summary.documents if d.status == "ok"):
        by_worker[record.worker_pid].append(record)
    pages = sum(d.pages for d in summary.documents)
    steady_pages, steady_seconds = 0, 0.0
    for records in by_worker.values():
        later = records[1:]
        steady_pages += sum(d.pages for d in later)
        steady_seconds += sum(d.seconds for d in later)
    per_worker_rate = 60 * steady_pages / steady_seconds if steady_seconds else float("nan")
    peaks = [max(d.worker_peak_rss_mb or 0 for d in records) for records in by_worker.values()]
    first_doc = [records[0].seconds for records in by_worker.values()]
    later = [d for records in by_worker.values() for d in records[1:]]
    cpu_per_page = sum(d.cpu_seconds for d in later) / max(sum(d.pages for d in later), 1)
    return {
        "pages": pages,
        "wall_s": wall,
        "ppm_wall": 60 * pages / wall,
        "ppm_steady": per_worker_rate * min(workers, len(by_worker)),
        "sec_per_page": statistics.mean(
            d.seconds / d.pages for r in by_worker.values() for d in r[1:]
        )
        if steady_pages
        else float("nan"),
        "first_doc_s": max(first_doc),
        "peak_rss_mb": max(peaks),
        "cpu_s_per_page": cpu_per_page,
        "workers_seen": len(by_worker),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=6)
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scans"
        folder.mkdir()
        for index in range(args.docs):
            make_scan_pdf(folder / f"scan{index:02d}.pdf", args.pages, index)
        rows = []
        for backend, workers in [("local", 1), ("local", 2), ("ray", 2)]:
            if backend == "ray" and args.no_ray:
                continue
            if backend == "ray":
                import ray

                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
            print(f"running {backend} x{workers} ...", file=sys.stderr, flush=True)
            rows.append(
                (
                    backend,
                    workers,
                    run(
                        folder, Path(tmp) / f"out-{backend}-{workers}", backend, workers, args.full
                    ),
                )
            )
            if backend == "ray":
                ray.shutdown()
    print_table(rows, args)
    return 0


def print_table(rows, args) -> None:
    load = os.getloadavg()
    print(
        f"\n{args.docs} documents x {args.pages} image-only A4 pages (200 dpi), "
        f"{'all stages' if args.full else 'OCR only'}; {os.cpu_count()} CPUs, "
        f"load average at end {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}\n"
    )
    print(
        "| backend | workers | pages | wall s | pages/min (wall) | pages/min (steady) | s/page/worker | CPU s/page | first doc s | peak RSS/worker MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for backend, workers, f in rows:
        print(
            f"| {backend} | {workers} | {f['pages']} | {f['wall_s']:.1f} | {f['ppm_wall']:.1f} | "
            f"{f['ppm_steady']:.1f} | {f['sec_per_page']:.2f} | {f['cpu_s_per_page']:.2f} | {f['first_doc_s']:.1f} | {f['peak_rss_mb']:.0f} |"
        )
    cores = os.cpu_count() or 1
    cpu = min(f["cpu_s_per_page"] for _, _, f in rows)
    print(
        f"CPU-bound ceiling on {cores} idle cores: {60 * cores / cpu:.1f} pages/min "
        f"(= 60 x cores / CPU s per page; an estimate, not a measurement)"
    )
    base = next((f for b, w, f in rows if b == "local" and w == 1), None)
    for backend, workers, f in rows:
        if base and (backend, workers) != ("local", 1):
            print(
                f"speedup {backend} x{workers} vs local x1: wall {f['ppm_wall'] / base['ppm_wall']:.2f}x, "
                f"steady {f['ppm_steady'] / base['ppm_steady']:.2f}x"
            )


if __name__ == "__main__":
    sys.exit(main())
