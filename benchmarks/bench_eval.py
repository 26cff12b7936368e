"""The versioned benchmarks: bench-v1's or bench-v2's held-out documents through ``fiscalocr eval``.

Builds (or reuses, cached under ``data/bench-vN/``) the documents of the committed plan
(``datasets/manifests/bench-v1.json`` or ``bench-v2.json``) that the filters select, then
runs the pipeline, the ablation without reconciliation and bare PaddleOCR on the same
pages, and prints the figures (also written as JSON and an HTML report, and each produced
document under ``OUT/pred`` for ``benchmarks/lost_amounts.py``). Fixed seeds: the same
selection gives the same pages on every machine.

bench-v2 (synth-2.0 layouts, scan-2.0 damage) scans its test documents with both damage
models, ours and the independent augraphy one; ``--damage`` picks one, and the figures by
level name the model (``medium``, ``medium-augraphy``).

    .venv/bin/python benchmarks/bench_eval.py --split test --level medium --max-docs 2
    .venv/bin/python benchmarks/bench_eval.py --bench v2 --level heavy --damage augraphy --max-docs 4
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from fiscalocr.app.evaluate import evaluate_dataset
from fiscalocr.datasets.corpus import materialise, plan_bench_v1, plan_bench_v2, synthetic_maker

PLANS = {"v1": plan_bench_v1, "v2": plan_bench_v2}


def select(
    bench: str, split: str, levels: list[str] | None, damage: list[str] | None, max_docs: int | None
):
    """The plan's documents of one split, levels and damage models; at most ``max_docs``
    per level and model, the first ones of the plan."""
    plan = PLANS[bench]()
    docs = [
        d
        for d in plan.documents
        if d.split == split
        and (not levels or d.level in levels)
        and (not damage or d.damage_model in damage)
    ]
    if max_docs is not None:
        per_group: dict[tuple[str, str], int] = {}
        chosen = []
        for doc in docs:
            group = (doc.level, doc.damage_model)
            if per_group.get(group, 0) < max_docs:
                chosen.append(doc)
                per_group[group] = per_group.get(group, 0) + 1
        docs = chosen
    return plan.model_copy(update={"documents": docs})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bench", choices=sorted(PLANS), default="v1")
    parser.add_argument("--split", default="test")
    parser.add_argument("--level", action="append", dest="levels")
    parser.add_argument("--damage", action="append", help="fiscalocr or augraphy (repeatable)")
    parser.add_argument(
        "--max-docs", type=int, default=None, help="documents per level and damage model"
    )
    parser.add_argument("--out", type=Path, default=Path("out/bench"))
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="processes building the corpus")
    parser.add_argument(
        "--ocr-cache", type=Path, help="reuse each page's OCR output (see app/page_cache.py)"
    )
    args = parser.parse_args()

    plan = select(args.bench, args.split, args.levels, args.damage, args.max_docs)
    parts = [
        args.split,
        *(args.levels or ["all"]),
        *(args.damage or []),
        str(args.max_docs or "all"),
    ]
    root = Path(f"data/bench-{args.bench}") / "-".join(parts)
    start = time.perf_counter()
    manifest = materialise(plan, root, synthetic_maker(plan), workers=args.workers)
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
        save_predictions=args.out / "pred",
        ocr_cache=args.ocr_cache,
    )
    for key, value in metrics.headline().items():
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    print_levels(metrics)


def print_levels(metrics, prefix: str = "") -> None:
    """One line per level and damage model: amounts right, lost, wrong and unflagged."""
    for level, group in sorted(metrics.by_level.items()):
        n = group.numeric_cell_accuracy
        print(
            f"{prefix}{level}: numeric {n.before_reconciliation} -> {n.after_reconciliation} of"
            f" {n.cells}, no value {n.not_in_cell} ({n.not_in_cell_warned} warned), wrong"
            f" unflagged {n.wrong_unflagged} ({n.wrong_unflagged_unchecked} in unchecked"
            f" tables); grid exact {group.grid_exact}; type {group.table_type_accuracy.accuracy}"
        )


if __name__ == "__main__":
    main()
