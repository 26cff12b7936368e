"""``fiscalocr convert INPUT... -o OUTDIR``: the command line of a (batch) conversion.

``add_convert_parser`` and ``run_convert`` are what the top-level CLI calls; ``python -m
fiscalocr.app.batch`` runs the same command on its own. Exit codes: see
:mod:`fiscalocr.app.batch.summary` (0 all ok, 5 some pages failed, 3/4 unreadable or
encrypted inputs, 1 internal error, 6 missing dependency, 2 bad command line, 130
interrupted, 7 an output could not be written).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from fiscalocr.app.arguments import (
    Parser,
    add_verbosity,
    bounded_float,
    bounded_int,
    silence_foreign_warnings,
)
from fiscalocr.app.options import ConvertOptions
from fiscalocr.model import ExitCode, FiscalOcrError

from .inputs import NO_SCANS, collect_inputs, read_list_file
from .job import BatchSettings
from .spec import parse_formats, parse_pages


def _epilog() -> str:
    from fiscalocr.model import exit_codes_help

    return (
        "inputs: PDF files, image scans (.tif/.tiff multi-page, .png, .jpg), folders (searched\n"
        "recursively), glob patterns (quote them: 'scans/**/*.pdf') and --from-list files.\n"
        "A rerun skips every document whose JSON in OUTDIR is complete and was made from the\n"
        "same bytes (sha256) and options; --overwrite redoes them. OUTDIR/run-summary.json\n"
        "lists every input.\n" + exit_codes_help()
    )


def add_convert_parser(subparsers) -> None:
    """Register ``convert`` on the top-level CLI's subparsers."""
    parser = subparsers.add_parser(
        "convert",
        help="convert PDFs and scans to contract JSON (and xlsx/csv)",
        description="Convert scanned disclosure PDFs and images into verified JSON.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    configure_parser(parser)
    parser.set_defaults(func=run_convert)


def configure_parser(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders or globs")
    parser.add_argument("-o", "--outdir", required=True, help="where the outputs go")
    parser.add_argument("--from-list", metavar="FILE", help="file with one input path per line")
    parser.add_argument(
        "--config",
        metavar="FILE.toml",
        help="options from a TOML file: top-level keys and [ocr], [layout], [reconcile] "
        "tables (flags given as well win)",
    )
    parser.add_argument(
        "--force-ocr", action="store_true", default=None, help="OCR pages with a text layer too"
    )
    parser.add_argument(
        "--dpi",
        type=bounded_int(50, 600, " dpi"),
        help="rasterisation dpi of pages that are not one scan (default 200)",
    )
    parser.add_argument("--pages", help="1-based pages to read, e.g. 1-3,5 (default all)")
    parser.add_argument(
        "--format", default="json", help="outputs: json,xlsx,csv,md,pdf,html (default json)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        "--workers",
        dest="workers",
        metavar="N",
        type=bounded_int(0),
        default=1,
        help="worker processes (0 = in this process; default 1)",
    )
    parser.add_argument(
        "--backend",
        choices=("local", "ray"),
        default="local",
        help="where workers run: processes on this machine, or a Ray cluster (default local)",
    )
    parser.add_argument("--ray-address", help="Ray cluster address (default: start a local Ray)")
    parser.add_argument("--overwrite", action="store_true", help="redo documents already done")
    add_verbosity(parser, top_level=top_level)
    parser.add_argument("--log-file", help="append a detailed log (tracebacks included) here")
    parser.add_argument("--no-tables", action="store_true", help="skip table detection")
    parser.add_argument("--no-classify", action="store_true", help="skip the classifiers")
    parser.add_argument("--no-reconcile", action="store_true", help="skip reconciliation")
    parser.add_argument(
        "--no-deskew", action="store_true", help="do not straighten skewed scans (ocr.deskew)"
    )
    parser.add_argument(
        "--no-orientation",
        action="store_true",
        help="do not turn pages scanned sideways or upside down (ocr.detect_orientation)",
    )
    parser.add_argument(
        "--min-line-conf",
        type=bounded_float(0.0, 1.0),
        help="drop recognised lines below this confidence (ocr.min_line_conf, default 0.5)",
    )
    parser.add_argument(
        "--ocr-engine",
        help="ppocrv4, ppocrv6-small or ppocrv6-tiny (ocr.engine, default ppocrv6-tiny)",
    )
    parser.add_argument(
        "--reread-engine",
        help="the cascade's accurate engine (ocr.reread_engine, default ppocrv6-small); "
        "'none': no cascade",
    )
    parser.add_argument("--models-dir", help="trained classifiers (default: the bundled ones)")


def run_convert(args: argparse.Namespace) -> int:
    """Run the batch the arguments describe; return the exit code."""
    silence_foreign_warnings()
    try:
        plan = build_plan(args)
    except _UsageError as error:
        print(f"fiscalocr convert: error: {error}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except FiscalOcrError as error:
        print(f"fiscalocr convert: {error.code}: {error}", file=sys.stderr)
        return int(error.exit_code)
    _setup_logging(args.log_file)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        from .runner import run_batch

        return run_batch(plan).exit_code
    except FiscalOcrError as error:
        print(f"fiscalocr convert: {error.code}: {error}", file=sys.stderr)
        return int(error.exit_code)
    finally:
        signal.signal(signal.SIGTERM, previous)


class _UsageError(Exception):
    pass


def build_plan(args: argparse.Namespace):
    """Check the command line and turn it into a :class:`BatchPlan` (or a usage error)."""
    from .runner import BatchPlan

    arguments = list(args.inputs)
    if args.from_list:
        try:
            arguments += read_list_file(args.from_list)
        except OSError as error:
            raise _UsageError(f"--from-list {args.from_list}: {error.strerror}") from error
    if not arguments:
        raise _UsageError("no INPUT given (files, folders, globs or --from-list)")
    if args.backend == "ray":
        _require_ray()
    options = _convert_options(args)  # the cheap checks first: no folder walk for a typo
    _check_models(options)
    _check_outdir(Path(args.outdir))
    settings = BatchSettings(
        outdir=str(Path(args.outdir)),
        formats=_parse(parse_formats, args.format, "--format"),
        overwrite=args.overwrite,
    )
    inputs = collect_inputs(arguments)
    if not inputs.files and all(p.code == NO_SCANS for p in inputs.problems):
        raise _UsageError("the inputs hold no PDF or image scan")
    return BatchPlan(
        jobs=inputs.files,
        problems=inputs.problems,
        options=options,
        settings=settings,
        backend=args.backend,
        workers=args.workers,
        ray_address=args.ray_address,
        log_file=args.log_file,
        quiet=bool(getattr(args, "quiet", False)),
        verbose=bool(getattr(args, "verbose", 0)),
    )


def _convert_options(args: argparse.Namespace) -> ConvertOptions:
    """The options tree: the ``--config`` file, then the flags given (flags win)."""
    from fiscalocr.app.config import load_config
    from fiscalocr.app.options import OptionsError, build_options

    try:
        base = load_config(args.config) if args.config else {}
    except FiscalOcrError as error:
        raise _UsageError(str(error)) from error
    flags: dict = {}
    if "cpu_threads" not in base and "cpu_threads" not in (base.get("ocr") or {}):
        flags["cpu_threads"] = threads_per_worker(args.workers)  # the cores, split
    if args.pages:
        flags["pages"] = _parse(parse_pages, args.pages, "--pages")
    for name in ("dpi", "force_ocr", "models_dir"):
        if getattr(args, name) is not None:
            flags[name] = getattr(args, name)
    for name in ("tables", "classify", "reconcile"):
        if getattr(args, f"no_{name}"):
            flags[f"do_{name}"] = False
    ocr = {}
    if args.no_deskew:
        ocr["deskew"] = False
    if args.no_orientation:
        ocr["detect_orientation"] = False
    if args.min_line_conf is not None:
        ocr["min_line_conf"] = args.min_line_conf
    if getattr(args, "ocr_engine", None):
        ocr["engine"] = args.ocr_engine
    if getattr(args, "reread_engine", None):
        ocr["reread_engine"] = None if args.reread_engine == "none" else args.reread_engine
    if ocr:
        flags["ocr"] = ocr
    try:
        return build_options(base, flags)
    except OptionsError as error:
        raise _UsageError(str(error)) from error


def threads_per_worker(workers: int) -> int:
    """Split the machine's cores between worker processes (2 workers x 2 threads on 2 cores
    would only make them fight for the cores)."""
    import os

    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    return max(1, min(cores // max(workers, 1), 8))


def _parse(parse, value: str, option: str):
    try:
        return parse(value)
    except ValueError as error:
        raise _UsageError(f"{option}: {error}") from error


def _check_outdir(outdir: Path) -> None:
    """OUTDIR must be a folder we can write (else every document would fail the same way)."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _UsageError(f"-o {outdir}: cannot create: {error.strerror}") from error
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise _UsageError(f"-o {outdir}: not writable")


def _check_models(options: ConvertOptions) -> None:
    """A missing or mistyped ``--models-dir`` stops the run before any work, with exit 6:
    else a whole archive would be converted without classification, each document
    ``partial``."""
    from fiscalocr.app.stages import check_models

    check_models(options)


def _require_ray() -> None:
    try:
        import ray  # noqa: F401
    except ImportError as error:
        raise _UsageError("--backend ray needs the extra: pip install 'fiscalocr[ray]'") from error


def _setup_logging(log_file: str | None) -> None:
    """The batch's own records go to the log file only: the screen gets them from the
    reporter already (a root handler, the CLI's or Ray's, would print them twice)."""
    batch_log = logging.getLogger("fiscalocr.batch")
    batch_log.propagate = False
    if not any(isinstance(h, logging.NullHandler) for h in batch_log.handlers):
        batch_log.addHandler(logging.NullHandler())
    if not log_file:
        return
    handler = logging.FileHandler(log_file, mode="a", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("fiscalocr.batch", "fiscalocr"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _raise_interrupt(signum, frame) -> None:
    """SIGTERM ends a batch like Ctrl-C: workers stopped, summary written, exit 130."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """``python -m fiscalocr.app.batch``: the convert command on its own."""
    parser = Parser(
        prog="python -m fiscalocr.app.batch",
        description="Convert scanned disclosure PDFs and images into verified JSON.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    configure_parser(parser, top_level=True)
    return run_convert(parser.parse_args(argv))
