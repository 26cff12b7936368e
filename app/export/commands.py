"""The sub-commands this package adds to ``fiscalocr``: ``export`` (the archive as one
dataset) and ``review`` (correct flagged cells in a browser). ``register(sub)`` is the one
call the top-level CLI makes; the work is a library call each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fiscalocr.model import ExitCode

from ..wording import plural


def register(sub: argparse._SubParsersAction) -> None:
    _add_export(sub)
    _add_review(sub)


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write every amount of a conversion's output folder as one dataset",
        description="One tidy row per amount of every document in OUTDIR (Parquet or DuckDB).",
    )
    p.add_argument("outdir", type=Path, help="output folder of `fiscalocr convert`")
    p.add_argument(
        "-o", "--out", type=Path, required=True, help="archive.parquet or archive.duckdb"
    )
    p.add_argument(
        "--to",
        choices=("parquet", "duckdb"),
        help="format (default: from the -o suffix; .duckdb/.db is DuckDB, else Parquet)",
    )
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from .dataset import export_archive

    summary = export_archive(args.outdir, args.out, args.to)
    for problem in summary.problems:
        print(f"fiscalocr export: skipped {problem}", file=sys.stderr)
    amounts = plural(summary.rows, "amount")
    print(f"wrote {amounts} of {plural(summary.documents, 'document')} to {summary.path}")
    return int(ExitCode.INPUT if summary.problems else ExitCode.OK)


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="serve review pages on 127.0.0.1 to correct flagged cells",
        description="Serve one page per document of OUTDIR; corrections are saved into the JSON.",
    )
    p.add_argument("outdir", type=Path, help="output folder of `fiscalocr convert`")
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: any free one)")
    p.add_argument("--source-dir", type=Path, help="where the input PDFs are (for page images)")
    p.add_argument("--reviewer", help="name recorded with each correction")
    p.set_defaults(run=_run_review)


def _run_review(args: argparse.Namespace) -> int:
    from .review_server import serve

    return serve(args.outdir, port=args.port, source_dir=args.source_dir, reviewer=args.reviewer)
