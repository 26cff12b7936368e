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
from fiscalocr.model import ExitCode, FiscalOcrError, exit_codes_help

from .arguments import Parser, add_verbosity, log_level, silence_foreign_warnings


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="fiscalocr",
        description="Scanned Chinese budget / final-account disclosures to verified JSON.",
        epilog=exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fiscalocr {__version__}")
    add_verbosity(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from .batch import add_convert_parser, run_convert

    add_convert_parser(sub)
    sub.choices["convert"].set_defaults(run=run_convert)
    from .commands import add_command_parsers

    add_command_parsers(sub)
    from .export.commands import register as add_export_commands

    add_export_commands(sub)
    for command in sub.choices.values():  # every sub-command takes -v/-q after its name too
        if not any("--verbose" in action.option_strings for action in command._actions):
            add_verbosity(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    silence_foreign_warnings()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=log_level(args), format="%(levelname)s %(name)s: %(message)s")
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
