"""Benchmark: how long a corpus takes to generate (prints figures; not a test).

python -m fiscalocr.datasets.synth.bench --n-docs 200 --seed 1 -o /tmp/synth-bench
python -m fiscalocr.datasets.synth.bench --n-docs 20 --version synth-1.9
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n-docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--out", type=Path, default=Path("/tmp/synth-bench"))
    parser.add_argument("--version", default=None, help="generator version (default: current)")
    args = parser.parse_args()
    start = time.perf_counter()
    cpu_start = time.process_time()
    import pymupdf  # noqa: F401  (import cost reported apart: paid once per process)

    from . import GENERATOR_VERSION, generate_corpus

    imported = time.perf_counter()
    paths = generate_corpus(args.n_docs, args.seed, args.out, args.version or GENERATOR_VERSION)
    done = time.perf_counter()
    cpu = time.process_time() - cpu_start
    pages = sum(_pages(p) for p in paths)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"import {imported - start:.1f}s; {len(paths)} documents, {pages} pages, "
        f"{size / 1e6:.1f} MB of PDF in {done - imported:.1f}s "
        f"({(done - imported) / len(paths):.2f}s per document, {(done - imported) / pages * 1000:.0f} ms per page); "
        f"CPU {cpu:.1f}s ({cpu / len(paths):.2f}s per document; wall time depends on machine load)"
    )


def _pages(pdf: Path) -> int:
    import json

    truth = json.loads(pdf.with_suffix("").with_suffix(".gt.json").read_text(encoding="utf-8"))
    return truth["source"]["page_count"]


if __name__ == "__main__":
    main()
