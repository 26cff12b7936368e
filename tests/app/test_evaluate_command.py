"""`fiscalocr eval` runs the pipeline, its ablation and bare PaddleOCR on labelled pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fiscalocr.app.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "datasets" / "samples"


def test_eval_on_a_labelled_sample(tmp_path, capsys):
    for suffix in (".pdf", ".gt.json"):
        shutil.copy(SAMPLES / f"three-public-rotated-180{suffix}", tmp_path)
    status = main(
        [
            "eval",
            str(tmp_path),
            "--json",
            str(tmp_path / "m.json"),
            "--html",
            str(tmp_path / "report"),
            "--save-predictions",
            str(tmp_path / "predicted"),
        ]
    )
    assert status == 0
    metrics = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert metrics["table_type_accuracy"]["accuracy"] == 1.0
    assert metrics["numeric_cell_accuracy"]["after_reconciliation"] >= 0.9
    ablation = metrics["baselines"]["ablation"]["reconciliation"]
    assert ablation["checks_total"] == 0, "the ablation must run without reconciliation"
    assert metrics["reconciliation"]["checks_total"] > 0
    assert metrics["baselines"]["bare_paddleocr"]["cer"] is not None
    assert metrics["speed_ratio"] > 0
    assert (tmp_path / "report" / "index.html").is_file()
    # the saved outputs score the same without reading the scan again
    assert (
        main(
            [
                "eval",
                str(tmp_path),
                "--predictions",
                str(tmp_path / "predicted"),
                "--no-baselines",
                "--json",
                str(tmp_path / "again.json"),
            ]
        )
        == 0
    )
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["numeric_cell_accuracy"] == metrics["numeric_cell_accuracy"]
    assert again["grid_exact"] == metrics["grid_exact"]
