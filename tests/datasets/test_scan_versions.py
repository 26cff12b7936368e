"""Scan versions: scan-1.3 frozen bit for bit (bench-v1), scan-2.0 levels and the augraphy
model deterministic for a seed, each level's drawn damage within what it promises."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from fiscalocr.datasets.realpdf import derive_ground_truth
from fiscalocr.datasets.scan import (
    ARCHIVE_PROFILES,
    AUGRAPHY_PROFILES,
    degrade_document,
    draw_archive_damage,
)
from fiscalocr.datasets.scan.augraphy_model import draw_damage

# sha256 of the table page scanned at seed 5 by the scan code of commit 271ad88 (before
# scan-2.0 existed): scan-1.3 must keep writing exactly these bytes.
SCAN_1_3_PDF_SHA256 = {
    "clean": "38a7302d1bcbc544399d42f1a1991284643393defb897bd28c4ff12782f0cd6f",
    "light": "db8aa2f56ceb5ee5a92b8612dc34c58fd26341bce9d82861cd42cbdb3db1c4f9",
    "medium": "178c113ee634af6c92bb96620d73d032622844964fb8c395c993b27637b762e3",
    "heavy": "4691a0e1c41aacaad97a67ac2ca08bb36df3652597f9e01581377e08c785d803",
}


def _render_helper():
    """``render_table_page`` from the sibling test module (tests are not a package)."""
    path = Path(__file__).with_name("test_scan_damage.py")
    spec = importlib.util.spec_from_file_location("scan_damage_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render_table_page


@pytest.fixture(scope="module")
def table_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "table.pdf"
    _render_helper()(path)
    return path.read_bytes(), derive_ground_truth(path)


@pytest.mark.parametrize("level", list(SCAN_1_3_PDF_SHA256))
def test_scan_1_3_writes_the_same_bytes_as_before_scan_2(table_page, level):
    pdf, truth = table_page
    scan, _ = degrade_document(pdf, truth, level, seed=5, scan_version="scan-1.3")
    assert hashlib.sha256(scan).hexdigest() == SCAN_1_3_PDF_SHA256[level]


@pytest.mark.parametrize(
    "model, level",
    [("fiscalocr", lv) for lv in ("clean", "light", "medium", "heavy")]
    + [("augraphy", "medium"), ("augraphy", "heavy")],
)
def test_scan_2_levels_and_models_are_deterministic(table_page, model, level):
    pdf, truth = table_page
    first, first_truth = degrade_document(pdf, truth, level, seed=9, damage_model=model)
    again, again_truth = degrade_document(pdf, truth, level, seed=9, damage_model=model)
    other, _ = degrade_document(pdf, truth, level, seed=10, damage_model=model)
    assert first == again and first_truth == again_truth
    if level != "clean":
        assert other != first
    old, _ = degrade_document(pdf, truth, level, seed=9, scan_version="scan-1.3")
    assert old != first  # scan-2.0 is another damage, not a relabelled scan-1.3


def test_the_augraphy_model_leaves_the_global_random_state_alone(table_page):
    import random

    pdf, truth = table_page
    random.seed(1)
    np.random.seed(1)
    want = (random.random(), np.random.random())
    random.seed(1)
    np.random.seed(1)
    degrade_document(pdf, truth, "heavy", seed=3, damage_model="augraphy")
    assert (random.random(), np.random.random()) == want


def test_scan_1_3_has_no_augraphy_model_and_unknown_names_are_refused(table_page):
    pdf, truth = table_page
    with pytest.raises(ValueError, match="no augraphy damage in scan-1.3"):
        degrade_document(pdf, truth, "medium", 1, scan_version="scan-1.3", damage_model="augraphy")
    with pytest.raises(ValueError, match="unknown damage model"):
        degrade_document(pdf, truth, "medium", 1, damage_model="ours")


def _draws(draw, profile, n: int = 400):
    rng = np.random.default_rng(0)
    return [draw(profile, rng) for _ in range(n)]


def test_medium_is_the_150_dpi_low_quality_scan_of_the_punctuation_failure():
    for draw, profiles in (
        (draw_archive_damage, ARCHIVE_PROFILES),
        (draw_damage, AUGRAPHY_PROFILES),
    ):
        pages = _draws(draw, profiles["medium"])
        assert {p.dpi for p in pages} <= {150, 200} and 150 in {p.dpi for p in pages}
        assert all(40 <= p.jpeg_quality <= 60 for p in pages)
    ours = _draws(draw_archive_damage, ARCHIVE_PROFILES["medium"])
    assert all(0.4 <= p.blur_sigma_px <= 0.8 for p in ours)


def test_heavy_is_a_poor_archive_copy():
    pages = _draws(draw_archive_damage, ARCHIVE_PROFILES["heavy"])
    assert {p.dpi for p in pages} <= {100, 120, 150} and len({p.dpi for p in pages}) == 3
    assert all(20 <= p.jpeg_quality <= 45 for p in pages)
    assert max(abs(p.skew_deg) for p in pages) > 2.5 and all(abs(p.skew_deg) <= 3 for p in pages)
    turned = [p.rotation for p in pages if p.rotation]
    assert {90, 180, 270} <= set(turned) and 0.05 < len(turned) / len(pages) < 0.3
    for flag in ("photocopy", "copier_streak"):
        share = sum(bool(getattr(p, flag)) for p in pages) / len(pages)
        assert 0.2 < share < 0.7, flag
    assert sum(p.ink_fade > 0 for p in pages) / len(pages) > 0.3
    augraphy = _draws(draw_damage, AUGRAPHY_PROFILES["heavy"])
    assert {p.dpi for p in augraphy} <= {100, 150}
    assert all(abs(p.skew_deg) <= 3 for p in augraphy)
    assert any(p.rotation for p in augraphy)


def test_augraphy_bleed_through_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    """augraphy's own BleedThrough takes its reverse side from ./augraphy_cache/: ours uses
    the page, so a cache folder of other images changes nothing."""
    import cv2

    from fiscalocr.datasets.scan.augraphy_model import page_bleed_through
    from fiscalocr.datasets.scan.effects import seeded_global_random

    page = np.full((300, 200), 255, np.uint8)
    page[40:60, 20:180] = 0

    def bleed() -> np.ndarray:
        with seeded_global_random(7):
            return page_bleed_through()(intensity_range=(0.3, 0.4), offsets=(10, 20))(
                page, force=True
            )

    monkeypatch.chdir(tmp_path)
    alone = bleed()
    (tmp_path / "augraphy_cache").mkdir()
    stranger = np.zeros((300, 200, 3), np.uint8)
    stranger[200:260, :] = 255
    cv2.imwrite(str(tmp_path / "augraphy_cache" / "image_0.png"), stranger)
    assert np.array_equal(bleed(), alone)
    assert np.asarray(alone).mean() < page.mean()  # it did bleed
