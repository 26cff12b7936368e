"""A numbered caption (公开表五) is not a table's title: the line naming the type is.

On a page that prints both ``公开表五`` (next to the table) and the title
``财政拨款支出预算表（功能科目）`` above it, the caption used to become the title, the real
title went unused, and the table was typed as its look-alike (the body of an
appropriation-expenditure table is that of a general-budget expenditure table). Scanned
at 150 dpi, JPEG 45, and converted by the whole pipeline.
"""

from __future__ import annotations

import unicodedata

import pytest

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document

from .scanned_pages import put_text, ruled_table, scan

# (code, name, basic, project) in 万元; parents are the sums of their children
LEAVES = [
    ("2010301", "行政运行", "812.40", ""),
    ("2010302", "一般行政管理事务", "", "236.75"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "96.12", ""),
    ("2210201", "住房公积金", "71.30", ""),
]
TITLE = "财政拨款支出预算表（功能科目）"


def _rows() -> list[list[str]]:
    def cents(text: str) -> int:
        return round(float(text) * 100) if text else 0

    def money(c: int) -> str:
        return f"{c // 100:,}.{c % 100:02d}" if c else ""

    def line(code: str, name: str, basic: int, project: int) -> list[str]:
        return [code, name, money(basic + project), money(basic), money(project)]

    parents = {"201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务",
               "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
               "221": "住房保障支出", "22102": "住房改革支出"}  # fmt: skip
    sums: dict[str, tuple[int, int]] = {}
    for code, _, basic, project in LEAVES:
        for key in (code[:3], code[:5], "total"):
            b, p = sums.get(key, (0, 0))
            sums[key] = (b + cents(basic), p + cents(project))
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", *line("", "", *sums["total"])[2:]],
    ]
    for code, name, basic, project in LEAVES:
        for parent in (code[:3], code[:5]):
            if parent in parents:
                rows.append(line(parent, parents.pop(parent), *sums[parent]))
        rows.append(line(code, name, cents(basic), cents(project)))
    return rows


@pytest.mark.slow
def test_the_title_names_the_type_not_the_caption(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    put_text(page, 150, 70, TITLE, 16)
    put_text(page, 50, 100, "公开表五", 10)
    put_text(page, 50, 118, "部门：某某区发展和改革委员会", 9)
    put_text(page, 0, 118, "单位：万元", 9, right=545)
    ruled_table(page, _rows(), [50, 110, 300, 380, 460, 545], top=126, height=22)
    converted = convert_document(scan(doc, tmp_path / "captioned.pdf"), ConvertOptions())
    (table,) = converted.tables
    assert table.caption == "公开表五"
    assert unicodedata.normalize("NFKC", table.title) == unicodedata.normalize("NFKC", TITLE)
    assert table.type == "appropriation_expenditure"
    total = table.cell_at(1, 2)
    assert total is not None and total.value == 1216.57
    rec = converted.reconciliation
    assert rec.checks_total > 10 and rec.checks_passed_before == rec.checks_total
