"""The bare-PaddleOCR baseline reads a rendered page and its parser maps boxes to points."""

import pymupdf as fitz

from fiscalocr.ocr import OcrOptions, bare_page_lines, open_source
from fiscalocr.ocr.bare import lines_from_paddle_result


def test_parser_converts_recorded_output_to_points():
    recorded = [
        [
            [
                [[200.0, 250.0], [1200.0, 250.0], [1200.0, 290.0], [200.0, 290.0]],
                ("2０24年预算收支总表", 0.93),
            ]
        ]
    ]
    (line,) = lines_from_paddle_result(recorded, px_per_pt=200 / 72)
    assert line.text == "2024年预算收支总表"
    assert line.bbox == (72.0, 90.0, 432.0, 104.4)
    assert lines_from_paddle_result([None], 2.0) == []


def test_bare_read_of_a_rendered_page(tmp_path):
    doc = fitz.open()
    page = doc.new_page()
    page.insert_text((72, 100), "本年收入合计 1,234.56", fontname="china-s", fontsize=16)
    path = tmp_path / "p.pdf"
    doc.save(path)
    with open_source(path) as source:
        lines = bare_page_lines(source, 0, OcrOptions())
    text = "".join(line.text for line in lines)
    assert "本年收入合计" in text and "1,234.56" in text
    assert 60 < lines[0].bbox[0] < 80
