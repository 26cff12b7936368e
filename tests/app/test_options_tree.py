"""One options tree: ConvertOptions holds the stages' options, set from the API, a TOML
file or flags, all of it (but the thread count) in the output key resume compares."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from fiscalocr.app.batch.command import _convert_options, configure_parser
from fiscalocr.app.config import ConfigFileError, load_config
from fiscalocr.app.options import ConvertOptions, OptionsError, build_options
from fiscalocr.layout import LayoutOptions
from fiscalocr.ocr import OcrOptions
from fiscalocr.reconcile import ReconcileOptions


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    return parser.parse_args(["x.pdf", "-o", "out", *argv])


def test_every_stage_option_changes_the_output_key_but_threads_do_not():
    base = ConvertOptions()
    for stage, kind in (
        ("ocr", OcrOptions),
        ("layout", LayoutOptions),
        ("reconcile", ReconcileOptions),
    ):
        for field in dataclasses.fields(kind):
            value = getattr(getattr(base, stage), field.name)
            if isinstance(value, bool):
                changed = not value
            elif isinstance(value, int | float):
                changed = value + 1
            elif isinstance(value, tuple):
                changed = tuple(v + 1 for v in value)
            elif field.name in ("engine", "reread_engine"):
                changed = "ppocrv4"  # engine names are checked: another real one
            elif field.name == "det_fit":  # a nested settings object, off by default: on
                changed = {"target_px": 28.0}
            else:
                changed = value + "x"
            if (stage, field.name) in {("ocr", "cpu_threads")}:
                continue
            other = base.with_overrides(**{stage: {field.name: changed}})
            assert other.output_key() != base.output_key(), f"{stage}.{field.name}"
    assert base.with_overrides(cpu_threads=7).output_key() == base.output_key()
    # a field inside a nested settings object changes the key too (a config's [ocr.det_fit])
    fitted = base.with_overrides(ocr={"det_fit": {"target_px": 24.0}})  # the rest defaults
    assert fitted.ocr.det_fit.target_px == 24.0 and fitted.ocr.det_fit.refit_tolerance == 0.15
    assert fitted.output_key() != base.output_key()


def test_config_file_sets_the_tree_and_flags_win(tmp_path):
    config = tmp_path / "fiscalocr.toml"
    config.write_text(
        'dpi = 300\npages = "1-2,5"\n[ocr]\nmin_line_conf = 0.7\ndeskew = false\n'
        "[layout]\nsnap_pt = 4.5\n[reconcile]\nbreak_cost = 9.0\n",
        encoding="utf-8",
    )
    options = _convert_options(_args("--config", str(config), "--dpi", "250"))
    assert options.pages == (1, 2, 5)
    assert (options.ocr.dpi, options.ocr.min_line_conf, options.ocr.deskew) == (250, 0.7, False)
    assert (options.layout.snap_pt, options.reconcile.break_cost) == (4.5, 9.0)
    assert options.output_key() != ConvertOptions().output_key()


def test_key_stage_options_are_flags():
    options = _convert_options(_args("--no-deskew", "--no-orientation", "--min-line-conf", "0.8"))
    assert (options.ocr.deskew, options.ocr.detect_orientation) == (False, False)
    assert options.ocr.min_line_conf == 0.8


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[ocr]\nmin_line_cnf = 0.6\n",
            "unknown option ocr.min_line_cnf (did you mean ocr.min_line_conf?)",
        ),
        (
            "[layout]\nsnap_pt = 'wide'\n",
            "layout.snap_pt: 'wide' is not valid here; expected a number",
        ),
        ("dpi = 5\n", "ocr.dpi 5 is out of range (50 to 600)"),
        ("colour = true\n", "unknown option 'colour'"),
    ],
)
def test_bad_config_values_are_refused_in_our_words(tmp_path, text, message):
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(OptionsError) as caught:
        build_options(load_config(config), {})
    assert str(caught.value) == message
    assert "pydantic" not in str(caught.value) and "Input should" not in str(caught.value)


def test_unreadable_config_files_are_usage_errors(tmp_path):
    with pytest.raises(ConfigFileError, match="cannot read"):
        load_config(tmp_path / "none.toml")
    (tmp_path / "broken.toml").write_text("dpi = = 3", encoding="utf-8")
    with pytest.raises(ConfigFileError, match="not valid TOML"):
        load_config(tmp_path / "broken.toml")


def test_old_switch_names_and_shorthands_still_build_the_tree():
    options = ConvertOptions(dpi=150, force_ocr=True, classify=False, reconcile=False)
    assert (options.ocr.dpi, options.ocr.force_ocr) == (150, True)
    assert (options.do_classify, options.do_reconcile, options.do_tables) == (False, False, True)
    assert isinstance(options.reconcile, ReconcileOptions)
