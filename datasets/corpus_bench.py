"""Time corpus generation (a benchmark script, not a test).

``python -m fiscalocr.datasets.corpus_bench --n-docs 20 --workers 2`` builds a training-like
corpus (all four levels, document-level splits) in a temporary folder and prints the
seconds per document, per page and the extrapolation to a 200-document training set.
CPU seconds are printed beside wall seconds: on a shared, overloaded machine they are the
better estimate of what a quiet one takes.
Also times ``degrade_document`` alone on a 20-page document at each level.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

LEVELS = ("clean", "light", "medium", "heavy")


def time_corpus(n_docs: int, workers: int, seed: int) -> None:
    from fiscalocr.datasets.corpus import build_synthetic_corpus

    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), _cpu_seconds()
        manifest = build_synthetic_corpus(
            Path(tmp), n_docs, seed, LEVELS, {"train": 1.0}, workers=workers
        )
        seconds, cpu_seconds = time.perf_counter() - start, _cpu_seconds() - cpu
        pages = sum(d.pages or 0 for d in manifest.documents)
        size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
    print(f"corpus: {n_docs} docs, {pages} pages, {workers} workers: {seconds:.1f} s "
          f"({seconds / n_docs:.2f} s/doc, {seconds / max(pages, 1):.3f} s/page, {size / 2**20:.0f} MiB)")  # fmt: skip
    print(f"CPU: {cpu_seconds:.1f} s ({cpu_seconds / n_docs:.2f} s/doc)")
    print(f"extrapolated 200-document training set: {200 * seconds / n_docs / 60:.1f} min wall here; "
          f"{200 * cpu_seconds / n_docs / 60 / max(workers, 1):.1f} min on {workers} free cores")  # fmt: skip
    print(f"load average after the run: {os.getloadavg()}")


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_degrade(seed: int) -> None:
    from fiscalocr.datasets.scan import degrade_document
    from fiscalocr.datasets.subset import subset_document
    from fiscalocr.datasets.synth import generate_document

    synth = generate_document(seed, "budget")
    n = min(20, len(synth.truth.pages))
    pdf, truth = subset_document(synth.pdf, synth.truth, range(1, n + 1))
    for level in LEVELS:
        start, cpu = time.perf_counter(), time.process_time()
        out, _ = degrade_document(pdf, truth, level, seed)  # type: ignore[arg-type]
        wall, used = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"degrade {n} pages at {level}: {wall:.2f} s wall, {used:.2f} s CPU, {len(out) / 2**20:.1f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n-docs", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    time_degrade(args.seed)
    time_corpus(args.n_docs, args.workers, args.seed)


if __name__ == "__main__":
    main()
