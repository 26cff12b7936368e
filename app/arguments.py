"""Argument conventions shared by every sub-command (OCRmyPDF's): ``-v/-q``, ``-j``,
bounded numbers in our own words, and the logging they set up.

The sub-commands' ``-v``/``-q`` default to ``SUPPRESS`` so that ``fiscalocr -v convert``
and ``fiscalocr convert -v`` mean the same (a sub-parser's defaults would otherwise
overwrite what the main parser parsed).
"""

from __future__ import annotations

import argparse
import logging
import warnings

# Foreign notices that say nothing about the user's run; kept out of stderr.
FOREIGN_WARNINGS = (r".*No ccache found.*",)


def add_verbosity(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    default = 0 if top_level else argparse.SUPPRESS
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default,
        help="log progress to stderr (-vv: debug detail)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="no progress bar, errors only",
    )


def bounded_int(low: int, high: int | None = None, what: str = "") -> type:
    """An argparse ``type`` for a whole number in ``low..high``, worded by us."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            span = f"{low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"{value} is out of range ({span}{what})")
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse


def bounded_float(low: float, high: float) -> type:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range ({low} to {high})")
        return value

    parse.__name__ = "number"
    return parse


def log_level(args: argparse.Namespace) -> int:
    if getattr(args, "quiet", False):
        return logging.ERROR
    verbose = getattr(args, "verbose", 0) or 0
    return logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING


def silence_foreign_warnings() -> None:
    """Paddle warns "No ccache found" on import (it only matters to people building C++
    extensions); the warning filter must be in place before Paddle is imported."""
    for pattern in FOREIGN_WARNINGS:
        warnings.filterwarnings("ignore", message=pattern)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (the usage block of 15 lines buries
    the one that matters); ``--help`` still shows everything. Sub-parsers inherit it."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")
