"""Resident memory of one worker over a long batch: is it bounded, and flat?

Converts every PDF of the given folders (repeated with ``--rounds`` until ``--max-pages``)
in one process with the whole pipeline, as one batch worker does, and samples the
process's resident set size (RSS, psutil) after every page. Prints RSS after the first
pages, at the end, and the peak (``ru_maxrss``); ``--out`` keeps the whole curve.

Paddle's allocator flags are taken from the environment as the worker would see them, so
a variant is a prefix: ``FLAGS_allocator_strategy=auto_growth .venv/bin/python ...``;
``--keep-freed`` switches off the per-page heap trim (``OcrOptions.release_memory``).

    .venv/bin/python benchmarks/memory_batch.py data/real6-s4/medium --engine ppocrv4 \\
        --max-pages 120 --out out/memory-v4.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

import psutil

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document
from fiscalocr.app.stages import load_stages
from fiscalocr.ocr import OcrOptions


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--engine", default="ppocrv4")
    parser.add_argument("--reread-engine", help="the cascade's accurate engine")
    parser.add_argument("--minutes", type=float, help="stop after the document running then")
    parser.add_argument("--max-pages", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the files at most")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--keep-freed", action="store_true", help="do not trim the heap after each page"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    pdfs = [p for folder in args.folders for p in sorted(folder.glob("*.pdf"))]
    ocr = OcrOptions(
        engine=args.engine,
        reread_engine=args.reread_engine,
        cpu_threads=args.threads,
        release_memory=not args.keep_freed,
    )
    options = ConvertOptions(ocr=ocr)
    stages = load_stages(options)
    me = psutil.Process()
    curve: list[tuple[int, float, str]] = []
    started = time.perf_counter()

    def sample(done: int, total: int, name: str) -> None:
        curve.append((len(curve) + 1, me.memory_info().rss / 2**20, name))
        if args.out and len(curve) % 5 == 0:  # the curve so far, should the run be stopped
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps({"partial": True, "curve": curve}))

    for _ in range(args.rounds):
        for pdf in pdfs:
            out_of_time = args.minutes and time.perf_counter() - started > 60 * args.minutes
            if len(curve) >= args.max_pages or out_of_time:
                break
            left = args.max_pages - len(curve)
            import pymupdf

            with pymupdf.open(pdf) as doc:
                count = doc.page_count
            pages = tuple(range(1, min(count, left) + 1))
            convert_document(
                pdf,
                options.with_overrides(pages=pages),
                stages=stages,
                on_page=lambda d, t, n=pdf.name: sample(d, t, n),
            )
            print(f"{pdf.name}: {len(curve)} pages, RSS {curve[-1][1]:.0f} MB", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    marks = [p for p in (1, 3, 10, 25, 50, 100, 200, 300) if p <= len(curve)] + [len(curve)]
    summary = {
        "engine": args.engine,
        "reread_engine": args.reread_engine,
        "heap_trimmed_per_page": not args.keep_freed,
        "pages": len(curve),
        "seconds": round(time.perf_counter() - started, 1),
        "env": {
            k: v for k, v in os.environ.items() if k.startswith(("FLAGS_", "FISCALOCR_", "MALLOC_"))
        },
        "rss_mb_after_page": {m: round(curve[m - 1][1]) for m in marks},
        "peak_rss_mb": round(peak),
    }
    print(json.dumps(summary, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({**summary, "curve": curve}, indent=1))


if __name__ == "__main__":
    main()
