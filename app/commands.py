"""Argument parsers of the sub-commands other than ``convert`` (which lives in ``batch``).

Each parser sets ``run`` to a function taking the parsed args and returning an exit code;
the work itself is a library call in the module named beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fiscalocr.model import ExitCode

from .arguments import bounded_int
from .wording import plural


def add_command_parsers(sub: argparse._SubParsersAction) -> None:
    _add_synth(sub)
    _add_train(sub)
    _add_eval(sub)
    _add_debug(sub)
    _add_schema(sub)


def _add_synth(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth", help="write a labelled corpus: synthetic documents or scans of real PDFs"
    )
    p.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    p.add_argument(
        "--n-docs",
        type=bounded_int(1),
        default=10,
        help="how many synthetic documents to write (default 10)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed of the generator: the same seed writes the same bytes (default 0)",
    )
    p.add_argument(
        "--level",
        dest="levels",
        action="append",
        choices=["clean", "light", "medium", "heavy"],
        help="scan damage level (repeatable; default: all four)",
    )
    p.add_argument(
        "--from-pdf", type=Path, help="derive truth from born-digital PDFs in this folder"
    )
    p.add_argument(
        "--manifest",
        type=Path,
        help="regenerate the corpus a committed manifest describes (datasets/manifests/bench-v1.json)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        "--workers",
        dest="workers",
        metavar="N",
        type=bounded_int(1),
        default=1,
        help="processes generating documents (default 1)",
    )
    p.add_argument(
        "--damage",
        choices=["fiscalocr", "augraphy", "both"],
        default="fiscalocr",
        help="scan-damage model: ours, the independent augraphy one, or both (default: ours)",
    )
    p.set_defaults(run=_run_synth)


def _run_synth(args: argparse.Namespace) -> int:
    if args.manifest is not None:
        from fiscalocr.datasets.corpus import build_from_manifest

        manifest = build_from_manifest(args.manifest, args.out, workers=args.workers)
    else:
        from fiscalocr.datasets.cli import synth_command

        levels = args.levels or ["clean", "light", "medium", "heavy"]
        manifest = synth_command(
            args.out,
            args.n_docs,
            args.seed,
            levels,
            args.from_pdf,
            workers=args.workers,
            damage=args.damage,
        )
    count = len(getattr(manifest, "documents", []) or [])
    print(f"wrote {plural(count, 'document')} to {args.out}")
    return int(ExitCode.OK)


def _add_train(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the section / table-type classifiers on a corpus")
    p.add_argument(
        "corpus", type=Path, help="corpus folder or manifest written by `fiscalocr synth`"
    )
    p.add_argument("-o", "--out", type=Path, default=Path("models"), help="artefact folder")
    p.add_argument("--split", default="train", help="which split of the manifest to train on")
    p.add_argument(
        "--limit", type=bounded_int(1), default=None, help="train on at most this many documents"
    )
    p.set_defaults(run=_run_train)


def _run_train(args: argparse.Namespace) -> int:
    from .training import train_from_corpus

    metrics = train_from_corpus(args.corpus, args.out, split=args.split, limit=args.limit)
    for key, value in metrics.items():
        print(f"{key}: {value}")
    return int(ExitCode.OK)


def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="benchmark the pipeline on labelled documents")
    p.add_argument("dataset", type=Path, help="corpus folder or manifest (PDF + .gt.json pairs)")
    p.add_argument("--json", dest="json_path", type=Path, help="write metrics.json here")
    p.add_argument(
        "--html", dest="html_dir", type=Path, help="write an HTML report into this folder"
    )
    p.add_argument("--predictions", type=Path, help="read existing outputs instead of running")
    p.add_argument(
        "--save-predictions",
        type=Path,
        help="also write each document the pipeline produced here (NAME.json), for --predictions",
    )
    p.add_argument(
        "--split",
        default="test",
        help="which split of the manifest to score: train, dev or test (default test)",
    )
    p.add_argument(
        "--limit",
        type=bounded_int(1),
        default=None,
        help="score at most this many documents (default all of the split)",
    )
    p.add_argument(
        "--level",
        action="append",
        dest="levels",
        default=[],
        help="only documents scanned at this damage level (repeatable)",
    )
    p.add_argument(
        "--damage",
        action="append",
        dest="damage_models",
        default=[],
        help="only documents scanned by this damage model: fiscalocr or augraphy (repeatable)",
    )
    p.add_argument("--no-baselines", action="store_true", help="skip bare PaddleOCR and ablation")
    p.add_argument(
        "--ocr-cache",
        type=Path,
        help="keep each page's OCR output here and reuse it (keyed by file, page, OCR options"
        " and code): re-measure layout and reconciliation without OCR; timings then lie",
    )
    p.set_defaults(run=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_dataset

    metrics = evaluate_dataset(
        args.dataset,
        json_path=args.json_path,
        html_dir=args.html_dir,
        predictions=args.predictions,
        split=args.split,
        limit=args.limit,
        baselines=not args.no_baselines,
        save_predictions=args.save_predictions,
        levels=args.levels,
        damage_models=args.damage_models,
        ocr_cache=args.ocr_cache,
        progress=not getattr(args, "quiet", False),
    )
    print(json.dumps(metrics.headline(), ensure_ascii=False, indent=1))
    return int(ExitCode.OK)


def _add_debug(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("debug", help="draw the detected rules, cells and text of one page")
    p.add_argument("input", type=Path, help="a PDF or an image scan (.tif, .png, .jpg)")
    p.add_argument("--page", type=bounded_int(1), default=1, help="1-based page number")
    p.add_argument("-o", "--out", type=Path, required=True, help="PNG to write")
    p.add_argument(
        "--dpi",
        type=bounded_int(50, 600, " dpi"),
        default=200,
        help="rasterisation dpi of a page that is not one scan (default 200)",
    )
    p.add_argument(
        "--force-ocr", action="store_true", help="OCR the page even when it has a text layer"
    )
    p.set_defaults(run=_run_debug)


def _run_debug(args: argparse.Namespace) -> int:
    from .debug import debug_page

    debug_page(args.input, args.page, args.out, dpi=args.dpi, force_ocr=args.force_ocr)
    print(f"wrote {args.out}")
    return int(ExitCode.OK)


def _add_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the output JSON Schema")
    p.add_argument("-o", "--out", type=Path, help="write to this file instead of stdout")
    p.set_defaults(run=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    from fiscalocr.model.schema import render_schema

    text = render_schema()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return int(ExitCode.OK)
