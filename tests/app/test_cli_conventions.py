"""CLI conventions: the exit-code table written once (help and README agree with it),
help text on every option, -v/-q on every sub-command, -j beside --workers."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from fiscalocr.app.cli import build_parser
from fiscalocr.model import EXIT_CODE_MEANINGS, ExitCode, exit_codes_help, exit_codes_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_exit_code_has_a_meaning_and_the_readme_prints_the_same_table():
    assert set(EXIT_CODE_MEANINGS) == set(ExitCode)
    assert exit_codes_markdown() in README.read_text(encoding="utf-8"), (
        "README's exit-code table differs from model/errors.py: paste exit_codes_markdown()"
    )


def test_help_of_the_command_and_of_convert_show_the_table():
    assert exit_codes_help() in build_parser().format_help()
    assert exit_codes_help() in _subcommands()["convert"].format_help()


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_option_of_every_subcommand_has_help(name):
    parser = _subcommands()[name]
    bare = [
        "/".join(a.option_strings) or a.dest
        for a in parser._actions
        if not isinstance(a, argparse._HelpAction) and not a.help
    ]
    assert not bare, f"{name}: no help text for {bare}"


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_subcommand_takes_v_and_q(name):
    options = {s for a in _subcommands()[name]._actions for s in a.option_strings}
    assert {"-v", "--verbose", "-q", "--quiet"} <= options


def test_verbosity_before_or_after_the_subcommand_means_the_same():
    parser = build_parser()
    after = parser.parse_args(["convert", "x.pdf", "-o", "out", "-v", "-j", "2"])
    before = parser.parse_args(["-v", "convert", "x.pdf", "-o", "out", "--workers", "2"])
    assert after.verbose == before.verbose == 1 and after.workers == before.workers == 2
    assert parser.parse_args(["schema", "-q"]).quiet is True


def test_bad_numbers_get_our_own_words(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["debug", "a.png", "-o", "x.png", "--dpi", "5"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "argument --dpi: 5 is out of range (50 to 600 dpi)" in err
    assert len(err.strip().splitlines()) == 1 and "Input should" not in err
