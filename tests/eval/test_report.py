"""The HTML report is written and its page overlay shows the wrong cell in red."""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from fiscalocr.eval import EvalItem, evaluate, write_html_report
from fiscalocr.eval.report.overlay import GREEN, RED


def _items(build):
    truth = build.table([["项目", "金额"], ["合计", "359.95"], ["工资", "120.00"]])
    read = build.table([["项目", "金额"], ["合计", "359.96"], ["工资", "120.00"]])
    read.cells[5] = build.cell(2, 1, "120.00", ocr_text="128.00", repaired=True)
    return [EvalItem("阳泉 2024", build.document([read]), build.document([truth]), level="heavy")]


def _colour_share(image: Image.Image, box, colour) -> float:
    """Share of pixels of exactly ``colour`` on the outline band of ``box`` (pixels)."""
    pixels = np.asarray(image.convert("RGB"))
    x0, y0, x1, y1 = (round(v) for v in box)
    band = np.concatenate([pixels[y0 : y0 + 2, x0:x1], pixels[y1 - 2 : y1, x0:x1]], axis=0)
    return float(np.all(band == colour, axis=-1).mean())


def _report(build, tmp_path, page_images=None):
    items = _items(build)
    index = write_html_report(evaluate(items), items, tmp_path, page_images)
    html = index.read_text(encoding="utf-8")
    images = re.findall(r"<img class=page src='([^']+)'", html)
    assert len(images) == 1
    return html, Image.open(tmp_path / images[0])


def test_report_has_overlay_with_red_wrong_cell(build, tmp_path):
    html, overlay = _report(build, tmp_path)
    assert "359.96" in html and "359.95" in html  # read and true text listed
    scale = overlay.width / 595.0  # blank canvas of the page's size
    wrong = (110 * scale, 120 * scale, 170 * scale, 140 * scale)  # cell (1, 1) in points
    repaired = (110 * scale, 140 * scale, 170 * scale, 160 * scale)
    assert _colour_share(overlay, wrong, RED) > 0.5
    assert _colour_share(overlay, repaired, GREEN) > 0.5
    assert (tmp_path / "accuracy_by_level.png").exists()
    assert (tmp_path / "metrics.json").exists()


def test_report_draws_on_the_page_image_given(build, tmp_path):
    grey = np.full((1684, 1190, 3), 200, dtype=np.uint8)  # 2 px per point
    calls = []

    def page_images(name, page_no):
        calls.append((name, page_no))
        return grey

    _, overlay = _report(build, tmp_path, page_images)
    assert calls == [("阳泉 2024", 1)]
    assert overlay.size == (1190, 1684)
    assert _colour_share(overlay, (220, 240, 340, 280), RED) > 0.5
    assert np.asarray(overlay)[10, 10].tolist() == [200, 200, 200]


def test_report_shows_text_lines_read_wrong(build, tmp_path):
    from fiscalocr.eval.report.overlay import MAGENTA

    truth = build.document(lines=[build.line("2024年预算收支总表", 100, 50, w=200)])
    read = build.document(lines=[build.line("2O24年预算收支总表", 100, 50, w=200)])
    items = [EvalItem("title", read, truth)]
    index = write_html_report(evaluate(items), items, tmp_path)
    html = index.read_text(encoding="utf-8")
    assert "2O24年预算收支总表" in html
    image = re.findall(r"<img class=page src='([^']+)'", html)[0]
    pixels = np.asarray(Image.open(tmp_path / image).convert("RGB"))
    scale = pixels.shape[1] / 595.0
    y, x0, x1 = round(50 * scale), round(100 * scale), round(300 * scale)
    top_edge = pixels[y - 1 : y + 2, x0:x1]  # the 1-px outline, give or take rounding
    assert np.all(top_edge == MAGENTA, axis=-1).any(axis=0).mean() > 0.5


def test_report_shows_a_wrong_grid_in_blue(build, tmp_path):
    from fiscalocr.eval.report.overlay import BLUE

    truth = build.table([["项目", "金额"], ["合计", "1.00"]])
    read = build.table([["项目", "金额", ""], ["合计", "1.00", ""]])  # a spurious column
    items = [EvalItem("grid", build.document([read]), build.document([truth]))]
    index = write_html_report(evaluate(items), items, tmp_path)
    html = index.read_text(encoding="utf-8")
    assert "grid read 2×3, 0 spanning, true 2×2, 0 spanning" in html
    image = re.findall(r"<img class=page src='([^']+)'", html)[0]
    pixels = np.asarray(Image.open(tmp_path / image).convert("RGB"))
    scale = pixels.shape[1] / 595.0
    spurious = (170 * scale, 100 * scale, 230 * scale, 120 * scale)  # cell (0, 2)
    y, x0, x1 = round(spurious[1]), round(spurious[0]) + 3, round(spurious[2]) - 3
    assert np.all(pixels[y - 1 : y + 2, x0:x1] == BLUE, axis=-1).any(axis=0).mean() > 0.5
