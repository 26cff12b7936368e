"""The versioned benchmark: bench-v1's held-out documents through ``fiscalocr eval``.

Builds (or reuses, cached under data/bench-v1/) the documents of the committed plan
``datasets/manifests/bench-v1.json`` that the filters select, then runs the pipeline, the
ablation without reconciliation and bare PaddleOCR on the same pages, and prints the
figures (also written as JSON and an HTML report). Fixed seeds: the same selection gives
the same pages on every machine.

    .venv/bin/python benchmarks/bench_eval.py --split test --level medium --max-docs 2
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from fiscalocr.app.evaluate import evaluate_dataset
from fiscalocr.datasets.corpus import materialise, plan_bench_v1, synthetic_maker


def select(split: str, levels: list[str] | None, max_docs: int | None):
    plan = plan_bench_v1()
    docs = [d for d in plan.documents if d.split == split and (not levels or d.level in levels)]
    if max_docs is not None:
        per_level: dict[str, int] = {}
        chosen = []
        for doc in docs:
            if per_level.get(doc.level, 0) < max_docs:
                chosen.append(doc)
                per_level[doc.level] = per_level.get(doc.level, 0) + 1
        docs = chosen
    return plan.model_copy(update={"documents": docs})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="test")
    parser.add_argument("--level", action="append", dest="levels")
    parser.add_argument("--max-docs", type=int, default=None, help="documents per level")
    parser.add_argument("--out", type=Path, default=Path("out/bench"))
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()

    plan = select(args.split, args.levels, args.max_docs)
    tag = "-".join([args.split, *(args.levels or ["all"]), str(args.max_docs or "all")])
    root = Path("data/bench-v1") / tag
    start = time.perf_counter()
    manifest = materialise(plan, root, synthetic_maker(plan), workers=1)
    print(
        f"corpus: {len(manifest.documents)} documents, {sum(d.pages or 0 for d in manifest.documents)} pages "
        f"({manifest.generator_version}/{manifest.scan_version}), built in {time.perf_counter() - start:.0f}s"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    metrics = evaluate_dataset(
        root / "manifest.json",
        json_path=args.out / "metrics.json",
        html_dir=args.out / "report",
        split=args.split,
        baselines=not args.no_baselines,
    )
    for key, value in metrics.headline().items():
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
