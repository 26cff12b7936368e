"""Findings of the audit (issue 15): none on clean documents, each injected error found.

For every document — synthetic truths (``generate_document(seed).truth``) and, when
``--real`` names a folder of contract JSON converted from the real PDFs' text layers —
reconcile the untouched document and count its findings, then inject one error of each
family (``fiscalocr.reconcile.inject``, seeded) into a copy and count whether a finding
of the right kind names its page, cell or table. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/audit_inject.py --synth 20 --trials 3 --real /tmp/real-json

(the real folder: ``fiscalocr convert ../shared/real-pdfs -o /tmp/real-json``; never commit it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from fiscalocr.model import Document
from fiscalocr.reconcile import reconcile_document
from fiscalocr.reconcile.inject import FAMILIES, inject

SEED = 15


def synth_docs(n: int):
    from fiscalocr.datasets.synth.document import generate_document

    for seed in range(n):
        yield f"synth-{seed}", generate_document(seed).truth


def real_docs(folder: Path):
    for path in sorted(folder.glob("*.json")):
        if path.name == "run-summary.json":
            continue
        yield path.stem, Document.model_validate_json(path.read_text())


def run(docs, label: str, verbose: bool, trials: int) -> None:
    clean_findings: Counter[str] = Counter()
    found: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    n_docs = 0
    start = time.perf_counter()
    for name, doc in docs:
        n_docs += 1
        clean = doc.model_copy(deep=True)
        reconcile_document(clean)
        for f in clean.findings:
            clean_findings[f.kind] += 1
            if verbose:
                print(f"  clean {name} p{f.page} {f.kind}: {f.message[:120]}")
        for k, family in enumerate(FAMILIES):
            for trial in range(trials):
                made = inject(doc, family, SEED * 100_000 + n_docs * 1000 + k * 10 + trial)
                if made is None:
                    break
                dirty, where = made
                reconcile_document(dirty)
                tried[family] += 1
                if where.found_by(dirty.findings):
                    found[family] += 1
                elif verbose:
                    kinds = sorted({f.kind for f in dirty.findings})
                    print(f"  missed {name} {family} at {where}: findings {kinds}")
    seconds = time.perf_counter() - start
    total_clean = sum(clean_findings.values())
    print(f"\n## {label}: {n_docs} documents ({seconds:.0f}s)")
    print(f"findings on the clean documents: {total_clean} {dict(clean_findings)}")
    print("| family | found / injected | rate |")
    print("|---|---|---|")
    for family in FAMILIES:
        if tried[family]:
            rate = 100 * found[family] / tried[family]
            print(f"| {family} | {found[family]} / {tried[family]} | {rate:.1f} % |")
        else:
            print(f"| {family} | n/a (no document offers it) | |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", type=int, default=12, help="synthetic documents (seeds 0..N-1)")
    parser.add_argument("--real", type=Path, help="folder of contract JSON of real text layers")
    parser.add_argument("--trials", type=int, default=3, help="injections per family and document")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.synth:
        run(synth_docs(args.synth), "synthetic truths", args.verbose, args.trials)
    if args.real:
        run(real_docs(args.real), f"real text layers ({args.real})", args.verbose, args.trials)


if __name__ == "__main__":
    main()
