"""Document facts from scanned pages: the cover's year outranks years the narrative
quotes, and a ``部门：`` label printed apart from the department's name still names it."""

from __future__ import annotations

import pytest

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document

from .scanned_pages import put_text, ruled_table, scan

NARRATIVE = [
    "一、2023年部门预算执行情况",
    "2023年部门预算收入合计1,520.36万元，2023年部门预算支出合计1,498.20万元。",
    "2023年部门预算中，基本支出1,102.45万元，项目支出395.75万元。",
    "与2023年部门预算相比，本年度人员经费有所增加，主要是2023年新增编制人员。",
    "2023年部门预算安排的“三公”经费为12.30万元，2023年部门预算的机关运行经费为86.40万元。",
]


@pytest.mark.slow
def test_the_cover_year_outranks_years_the_narrative_quotes(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    cover = doc.new_page(width=595, height=842)
    put_text(cover, 110, 300, "上海市普陀区2024年区级部门预算", 22)
    put_text(cover, 170, 360, "预算主管部门：上海市普陀区司法局", 14)
    text = doc.new_page(width=595, height=842)
    for k, sentence in enumerate(NARRATIVE * 2):
        put_text(text, 60, 90 + 28 * k, sentence, 10.5)
    facts = convert_document(scan(doc, tmp_path / "budget.pdf"), ConvertOptions()).document
    assert (facts.kind, facts.year) == ("budget", 2024)
    assert facts.department == "上海市普陀区司法局"


@pytest.mark.slow
def test_a_department_printed_apart_from_its_label(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    put_text(page, 170, 70, "2018年收支预算总表", 16)
    put_text(page, 50, 100, "部门:", 10)
    put_text(page, 50, 116, "中共江苏省委办公厅", 10)
    put_text(page, 0, 116, "单位：万元", 9, right=545)
    rows = [
        ["项目", "金额", "项目", "金额"],
        ["一、财政拨款", "24,458.43", "一、一般公共服务支出", "20,153.75"],
        ["二、其他收入", "", "二、社会保障和就业支出", "2,331.82"],
        ["", "", "三、住房保障支出", "1,972.86"],
        ["收入合计", "24,458.43", "支出合计", "24,458.43"],
    ]
    ruled_table(page, rows, [50, 170, 290, 450, 545], top=124, height=22)
    facts = convert_document(scan(doc, tmp_path / "tables.pdf"), ConvertOptions()).document
    assert (facts.kind, facts.department, facts.year) == ("budget", "中共江苏省委办公厅", 2018)
