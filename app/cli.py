"""The ``fiscalocr`` command: a thin layer over library calls (OCRmyPDF style).

Each sub-command parses its arguments and calls one function. Errors of ours become one
clear line on stderr and the exit code of their class (see ``ExitCode``); anything else
is a bug, reported with its traceback and exit code 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence

from fiscalocr import __version__
from fiscalocr.model import ExitCode, FiscalOcrError

EXIT_CODES_HELP = """exit codes:
  0  every document converted
  1  internal error (a bug: please report it with the log)
  2  bad command line
  3  an input could not be read: missing, not a PDF or image, corrupt, truncated, no pages
  4  an input is an encrypted (password-protected) PDF
  5  converted, but some pages or stages failed (see "errors" in the JSON)
  6  a model file or dependency is missing
  130 interrupted
A batch goes on past every failure and exits with the most severe code present, in
the order 130 > 6 > 1 > 3 > 4 > 5."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fiscalocr",
        description="Scanned Chinese budget / final-account disclosures to verified JSON.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fiscalocr {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from .batch import add_convert_parser, run_convert

    add_convert_parser(sub)
    sub.choices["convert"].set_defaults(run=run_convert)
    from .commands import add_command_parsers

    add_command_parsers(sub)
    from .export.commands import register as add_export_commands

    add_export_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.run(args))
    except FiscalOcrError as error:
        print(f"fiscalocr: error: {error}", file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        print("fiscalocr: interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except Exception:
        traceback.print_exc()
        print("fiscalocr: internal error (a bug); the traceback is above", file=sys.stderr)
        return int(ExitCode.INTERNAL)


if __name__ == "__main__":
    sys.exit(main())
