"""After skew, a quarter/half turn and a shift, the truth boxes still sit on their text
as the real OCR stage reads it (upright, deskewed frame, PDF points)."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest

from fiscalocr.datasets.realpdf import derive_ground_truth
from fiscalocr.datasets.scan import degrade_document
from fiscalocr.model.geometry import iou

MIN_IOU = 0.5


def _render_helper():
    """``render_table_page`` from the sibling test module (tests are not a package)."""
    path = Path(__file__).with_name("test_scan_damage.py")
    spec = importlib.util.spec_from_file_location("scan_damage_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render_table_page


def _norm(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


@pytest.mark.slow
@pytest.mark.parametrize("rotation, skew", [(90, 2.5)])  # 180/270 mapping: test_scan_damage
def test_truth_lines_match_ocr_lines_after_turn_and_skew(tmp_path, rotation, skew):
    ocr = pytest.importorskip("fiscalocr.ocr")
    src = tmp_path / "page.pdf"
    _render_helper()(src)
    truth = derive_ground_truth(src)
    damage = {"rotation": rotation, "skew_deg": skew, "shift_pt": (5.0, 7.0), "seal": False}
    scan, scan_truth = degrade_document(
        src.read_bytes(), truth, "heavy", seed=4, overrides={0: damage}
    )
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scan)

    work = ocr.read_page(ocr.open_source(scanned), 0, ocr.OcrOptions())
    page, want = work.page, scan_truth.pages[0]
    assert page.rotation == want.rotation
    assert abs(page.skew_deg - want.skew_deg) < 0.5
    matched = 0
    for line in want.lines:
        best = max(page.lines, key=lambda got: iou(got.bbox, line.bbox), default=None)
        if best is None or iou(best.bbox, line.bbox) < MIN_IOU:
            continue
        truth_text, read = _norm(line.text), _norm(best.text)
        if truth_text and (truth_text in read or read in truth_text):
            matched += 1
    assert len(want.lines) >= 15
    assert matched >= 0.85 * len(want.lines)
