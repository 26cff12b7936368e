"""PPOCRLabel import and line-level text metrics on a hand-written Label.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscalocr.eval import line_metrics, lines_to_points, load_ppocrlabel
from fiscalocr.model import InputFileError, Line

LABEL = Path(__file__).parent / "fixtures" / "Label.txt"


def test_reads_sample_label_file():
    labels = load_ppocrlabel(LABEL)
    assert list(labels) == ["scans/yangquan-p3.png", "scans/yangquan-p4.png"]
    page3 = labels["scans/yangquan-p3.png"]
    assert [ln.text for ln in page3] == [
        "2024年部门预算收支总表",
        "单位：万元",
        "359.95",
    ]  # '###' dropped
    assert page3[2].bbox == (399.0, 150.0, 470.0, 172.0)  # quadrilateral -> bounding box
    assert [ln.text for ln in labels["scans/yangquan-p4.png"]] == [
        "一般公共预算支出"
    ]  # difficult dropped


def test_line_metrics_against_labels():
    truth = load_ppocrlabel(LABEL)["scans/yangquan-p3.png"]
    read = [
        Line(text="2024年部门预算收支总表", bbox=(118, 38, 522, 74), conf=0.99),
        Line(text="359.96", bbox=(398, 149, 471, 173), conf=0.9),  # one digit wrong
        Line(text="噪点", bbox=(20, 20, 40, 30), conf=0.3),  # nothing there
    ]
    m = line_metrics(read, truth)
    assert (m.matched, m.n_predicted, m.n_truth) == (2, 3, 3)
    assert m.precision == pytest.approx(2 / 3)
    assert m.recall == pytest.approx(2 / 3)
    # matched lines: 1 wrong character of 13 + 6 characters
    assert m.matched_cer == pytest.approx(1 / 19)
    # page text: '单位:万元' (NFKC folds the full-width colon) missing, '噪点' added, one digit
    assert m.text.edits == 5 + 2 + 1


def test_malformed_label_file_is_an_input_error(tmp_path):
    bad = tmp_path / "Label.txt"
    bad.write_text("img.png\tnot json\n", encoding="utf-8")
    with pytest.raises(InputFileError):
        load_ppocrlabel(bad)


def test_pixels_to_points():
    labels = load_ppocrlabel(LABEL)["scans/yangquan-p3.png"]
    points = lines_to_points(labels, dpi=144)  # 2 px per point
    assert points[2].bbox == (199.5, 75.0, 235.0, 86.0)
    assert points[2].text == "359.95"
