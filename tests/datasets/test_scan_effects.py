"""scan-2.0's named effects do what they say, and heavy pages of both damage models keep
their truth on the ink (turned, skewed, photocopied or streaked)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from fiscalocr.datasets.realpdf import derive_ground_truth
from fiscalocr.datasets.scan import bbox_in_scan_px, degrade_document

# every scan-2.0 effect off, no geometry: each test switches on the one it looks at
NEUTRAL = {"dpi": 150, "skew_deg": 0.0, "rotation": 0, "shift_pt": (0.0, 0.0), "blur_sigma_px": 0.0,
           "noise_sigma": 0.0, "jpeg_quality": 95, "lighting_depth": 0.0, "bleed_alpha": 0.0,
           "seal": False, "faded_rules": False, "ink_bleed": False, "texture": False,
           "streaks": False, "ink_fade": 0.0, "photocopy": False, "copier_streak": False}  # fmt: skip
MID_GREY = (60, 200)  # neither toner nor paper


def _sibling():
    path = Path(__file__).with_name("test_scan_damage.py")
    spec = importlib.util.spec_from_file_location("scan_damage_helpers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HELPERS = _sibling()


@pytest.fixture(scope="module")
def table_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "table.pdf"
    HELPERS.render_table_page(path)
    return path.read_bytes(), derive_ground_truth(path)


def _scan(table_page, level: str = "heavy", seed: int = 2, **fields):
    pdf, truth = table_page
    return degrade_document(pdf, truth, level, seed, overrides={0: {**NEUTRAL, **fields}})


def _mid_grey_share(image: np.ndarray) -> float:
    return float(((image > MID_GREY[0]) & (image < MID_GREY[1])).mean())


def test_a_photocopied_page_is_near_binary(table_page):
    copy = HELPERS._scan_image(_scan(table_page, photocopy=True)[0])
    soft = HELPERS._scan_image(_scan(table_page, blur_sigma_px=0.8)[0])
    assert _mid_grey_share(copy) < 0.004
    assert _mid_grey_share(soft) > 2 * _mid_grey_share(copy)
    assert (copy < 60).mean() > 0.005  # the print survived as toner


def test_a_streaked_page_has_a_dark_column_band(table_page):
    streaked = HELPERS._scan_image(_scan(table_page, copier_streak=True)[0]).astype(float)
    plain = HELPERS._scan_image(_scan(table_page)[0]).astype(float)
    darker = (plain - streaked).mean(axis=0)  # per column, over the page's height
    band = darker > 30
    assert 150 * 0.04 <= band.sum() <= 2 * 150 * 0.25 + 2  # one or two bands of 0.04-0.25 in
    assert np.abs((plain - streaked).mean(axis=1)).std() < 8  # no row band: it runs down the page


def test_faded_ink_is_lighter_but_still_ink(table_page):
    faded = HELPERS._scan_image(_scan(table_page, ink_fade=0.6)[0])
    plain = HELPERS._scan_image(_scan(table_page)[0])
    ink = plain < 100
    assert faded[ink].mean() > plain[ink].mean() + 40
    assert faded[ink].mean() < 200  # a person still sees it


@pytest.mark.parametrize(
    "model, fields",
    [
        (
            "fiscalocr",
            {"rotation": 90, "skew_deg": 3.0, "photocopy": True, "shift_pt": (5.0, -3.0)},
        ),
        ("fiscalocr", {"rotation": 270, "skew_deg": -2.8, "copier_streak": True}),
        ("augraphy", {"rotation": 180, "skew_deg": -3.0, "shift_pt": (-4.0, 6.0)}),
        ("augraphy", {"rotation": 90, "skew_deg": 2.0}),
    ],
)
def test_heavy_turned_and_skewed_pages_keep_their_truth_on_the_ink(table_page, model, fields):
    pdf, truth = table_page
    overrides = {0: {"dpi": 150, **fields}}
    scan, scan_truth = degrade_document(
        pdf, truth, "heavy", 4, damage_model=model, overrides=overrides
    )
    page = scan_truth.pages[0]
    assert (page.rotation, page.skew_deg, page.dpi) == (
        fields["rotation"],
        fields["skew_deg"],
        150.0,
    )
    HELPERS.assert_truth_on_ink(scan, scan_truth, min_hits=0.9)


def test_the_truth_box_of_an_amount_lands_where_its_ink_is_after_a_turn(table_page):
    """The 1,313.46 cell, mapped into a page fed sideways and skewed, is darker than the
    paper around it."""
    scan, scan_truth = _scan(table_page, rotation=270, skew_deg=3.0)
    image = HELPERS._scan_image(scan)
    page, cell = scan_truth.pages[0], scan_truth.tables[0].cell_at(3, 1)
    box = bbox_in_scan_px(
        cell.bbox, page.width, page.height, page.dpi, page.skew_deg, page.rotation
    )
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    assert image[y0:y1, x0:x1].mean() < image.mean() - 10
