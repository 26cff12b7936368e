"""The OCR engine is a conversion option, checked when given, and reaches the OCR stage."""

from __future__ import annotations

import argparse

import pytest

from fiscalocr.app.batch.command import _convert_options, configure_parser
from fiscalocr.app.options import ConvertOptions, OptionsError, build_options
from fiscalocr.app.stages import ocr_options


def parsed(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    return parser.parse_args(["in.pdf", "-o", "out", *argv])


def test_default_is_the_measured_cascade():
    opts = ocr_options(ConvertOptions())
    assert (opts.engine, opts.reread_engine) == ("ppocrv6-tiny", "ppocrv6-small")


def test_command_line_picks_the_engine_and_can_drop_the_cascade():
    opts = _convert_options(parsed("--ocr-engine", "ppocrv4", "--reread-engine", "none"))
    assert (opts.ocr.engine, opts.ocr.reread_engine) == ("ppocrv4", None)
    assert ocr_options(opts).engine == "ppocrv4"


def test_unknown_engine_is_refused():
    with pytest.raises(OptionsError, match="unknown OCR engine 'ppocrv9'"):
        build_options({}, {"ocr": {"engine": "ppocrv9"}})


def test_engine_changes_the_output_key():
    assert (
        ConvertOptions().output_key()
        != build_options({}, {"ocr": {"engine": "ppocrv4"}}).output_key()
    )
