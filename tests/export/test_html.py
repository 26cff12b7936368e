"""``--format html``: a self-contained page (no external resource) with the page image,
the cell grid over it, cells coloured by what happened to them, and the findings."""

from __future__ import annotations

import re

import pytest

from fiscalocr.app.export import write_outputs

from .documents import three_public_document


def test_hand_built_document_marks_cells_and_lists_findings(tmp_path):
    written = write_outputs(three_public_document(), tmp_path / "a", ("json", "html"))
    assert [p.name for p in written] == ["a.html", "a.json"]
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert re.search(r'<td id="c-t1-2-1"[^>]*class="repaired num"', page)
    assert re.search(r'<td id="c-t1-3-2"[^>]*class="flagged num"', page)
    assert "修复: 4300.30 → 4300.80 (t1:sum:col1)" in page
    assert "“其他”行合计与分项之和相差0.30万元" in page
    assert 'const flagged = ["t1-3-1", "t1-3-2"];' in page
    assert "未找到原始扫描文件" in page  # no source given: the table only, said so


@pytest.mark.slow
def test_scanned_page_is_embedded_with_its_grid(converted, tmp_path):
    item = converted["crooked"]
    path = write_outputs(
        item.doc, tmp_path / "crooked", ("html",), only_missing=True, source=item.source
    )[0]
    page = path.read_text(encoding="utf-8")
    assert page.count('<img data-src="data:image/jpeg;base64,') == 1  # decoded when seen
    import base64

    import pymupdf

    from fiscalocr.app.export.page_images import IMAGE_DPI

    jpeg = re.search(r'data-src="data:image/jpeg;base64,([^"]+)"', page).group(1)
    image = pymupdf.Pixmap(base64.b64decode(jpeg))
    assert image.n == 1, "a grey scan is embedded grey (one channel, not three)"
    width_points = pymupdf.open(item.source)[0].rect.width
    assert image.w == round(width_points * IMAGE_DPI / 72)
    assert not re.search(r'(src|href)="(https?:)?//', page), "self-contained: nothing fetched"
    polygons = re.findall(r'<polygon id="p-(t1-\d+-\d+)" class="(\w*)"', page)
    assert {key for key, status in polygons if status == "flagged"} == {
        "t1-2-1",
        "t1-2-2",
        "t1-2-3",
    }
    (grid,) = re.findall(r'<path class="grid" d="([^"]*)"', page)  # the other cells: one path
    assert grid.count("M") + len(polygons) == len(item.doc.tables[0].cells) == 16
