"""``fiscalocr eval`` with a chosen OCR engine, to compare engines on the same scans.

The CLI's eval runs the default engine; this runs the same evaluation
(``evaluate_dataset``) with ``ocr.engine`` and ``ocr.reread_engine`` set, and prints the
figures per level and damage model. With ``--ocr-cache`` each engine's reads are kept
under their own keys, so a layout or reconciliation change is re-measured without OCR.

    .venv/bin/python benchmarks/eval_engine.py data/real6-s6 --name r6-v4 --engine ppocrv4 --reread-engine none
    .venv/bin/python benchmarks/eval_engine.py data/bench-v2/test-medium-heavy-1 --name v2 --level medium
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from bench_eval import print_levels  # the script's own folder is on sys.path

from fiscalocr.app.evaluate import evaluate_dataset
from fiscalocr.app.options import ConvertOptions
from fiscalocr.ocr.detsize import DetectionFit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="corpus folder or manifest")
    parser.add_argument("--name", required=True, help="names OUT/NAME.json and OUT/NAME-pred/")
    parser.add_argument("--engine", default=None, help="ocr.engine (default: the default's)")
    parser.add_argument("--reread-engine", default=None, help="ocr.reread_engine, or none")
    parser.add_argument(
        "--fit-detection",
        action="store_true",
        help="detection fitted to the text size (ocr.det_fit, off by default)",
    )
    parser.add_argument("--level", action="append", dest="levels", default=[])
    parser.add_argument("--damage", action="append", dest="damage_models", default=[])
    parser.add_argument("--ocr-cache", type=Path, default=Path("data/ocr-cache"))
    parser.add_argument("--out", type=Path, default=Path("out/engines-eval"))
    args = parser.parse_args()
    base = ConvertOptions()
    ocr = {}
    if args.engine:
        ocr["engine"] = args.engine
    if args.reread_engine:
        ocr["reread_engine"] = None if args.reread_engine == "none" else args.reread_engine
    if args.fit_detection:
        ocr["det_fit"] = DetectionFit()
    options = base.model_copy(update={"ocr": replace(base.ocr, **ocr)})
    metrics = evaluate_dataset(
        args.dataset,
        json_path=args.out / f"{args.name}.json",
        baselines=False,
        options=options,
        save_predictions=args.out / f"{args.name}-pred",
        levels=args.levels,
        damage_models=args.damage_models,
        ocr_cache=args.ocr_cache,
    )
    print_levels(metrics, prefix=f"{args.name} ")


if __name__ == "__main__":
    main()
