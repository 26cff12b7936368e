"""A lone statutory-table page (an extract scanned on its own) is a tables page, not a cover."""

from __future__ import annotations

import pymupdf

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document

ROWS = [
    ("项目", "合计", "基本支出", "项目支出"),
    ("201 一般公共服务支出", "3,194,900.00", "2,894,900.00", "300,000.00"),
    ("208 社会保障和就业支出", "214,500.00", "214,500.00", ""),
    ("210 卫生健康支出", "66,800.00", "66,800.00", ""),
    ("合计", "3,476,200.00", "3,176,200.00", "300,000.00"),
]


def test_one_page_table_extract_is_labelled_tables(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((150, 80), "2024年一般公共预算支出预算表", fontname="china-s", fontsize=16)
    page.insert_text((60, 110), "部门名称：某市招商中心", fontname="china-s", fontsize=10)
    page.insert_text((440, 110), "单位：元", fontname="china-s", fontsize=10)
    xs, top, height = [50, 230, 330, 430, 530], 120, 24
    for r, row in enumerate(ROWS):
        y = top + r * height
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 4, y + 16), text, fontname="china-s", fontsize=9)
    for r in range(len(ROWS) + 1):
        page.draw_line((xs[0], top + r * height), (xs[-1], top + r * height))
    for x in xs:
        page.draw_line((x, top), (x, top + len(ROWS) * height))
    path = tmp_path / "extract.pdf"
    doc.save(path)
    result = convert_document(path, ConvertOptions())
    assert result.pages[0].section == "tables"
    assert [t.type for t in result.tables] == ["general_budget_expenditure"]
