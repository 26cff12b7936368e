"""A rule-less continuation that prints only some of its columns joins the table it
continues, on a scanned two-page document read by the whole pipeline.

bench-v2 medium p10 under augraphy: the second page of a 财政拨款收支总表 whose rules the
copy lost, one amount row and rows of labels, then the totals, with nothing in the last
two of its four amount columns. Found from its text alone, the block ended where its text
ends, narrower than the page before: it was not joined, and its amounts went out in a
header-less table of their own (or, before that, in no table at all).
"""

from __future__ import annotations

import pytest

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document
from fiscalocr.model import AMOUNTS_OUTSIDE_TABLES

from .scanned_pages import put_text, ruled_table, scan

XS = [40, 190, 250, 450, 530, 610, 690, 770]
HEADS = ["收入项目", "预算数", "支出项目", "小计", "一般公共预算", "政府性基金", "国有资本经营"]
FIRST_PAGE = [
    ["一、一般公共预算拨款", "191.90", "一、一般公共服务支出", "150.21", "150.21", "", ""],
    ["二、政府性基金预算拨款", "", "二、教育支出", "30.00", "30.00", "", ""],
    ["三、国有资本经营预算拨款", "", "三、社会保障和就业支出", "20.00", "20.00", "", ""],
]
# the second page: (income label, its amount, spending label, 小计, 一般公共预算)
SECOND_PAGE = [
    ("", "", "四、住房保障支出", "0.09", "0.09"),
    ("", "", "五、粮油物资储备支出", "", ""),
    ("", "", "六、灾害防治及应急管理支出", "", ""),
    ("", "", "七、其他支出", "", ""),
    ("本年收入合计", "191.90", "本年支出合计", "200.30", "200.30"),
    ("上年结转", "8.40", "年终结转", "", ""),
    ("收入总计", "200.30", "支出总计", "200.30", "200.30"),
]


def _document(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    put_text(page, 330, 60, "财政拨款收支预算总表", 16)
    put_text(page, 0, 88, "单位：万元", 9, right=XS[-1])
    ruled_table(page, [HEADS, *FIRST_PAGE], XS, top=95, height=22, size=8)
    page = doc.new_page(width=842, height=595)
    y = 70.0
    for income, amount, spending, total, general in SECOND_PAGE:
        if income:
            put_text(page, XS[0] + 4, y, income, 8)
        if amount:
            put_text(page, 0, y, amount, 8, right=XS[2] - 4)
        put_text(page, XS[2] + 4, y, spending, 8)
        for col, text in ((3, total), (4, general)):
            if text:
                put_text(page, 0, y, text, 8, right=XS[col + 1] - 4)
        y += 22
    return scan(doc, tmp_path / "continued.pdf")


@pytest.mark.slow
def test_a_rule_less_continuation_joins_at_the_columns_before(tmp_path):
    doc = convert_document(_document(tmp_path), ConvertOptions())
    (table,) = doc.tables
    assert table.pages == [1, 2] and table.n_cols == len(HEADS)
    second = sorted((c.col, c.value) for c in table.cells if c.page == 2 and c.value is not None)
    expected = sorted(
        (col, float(text))
        for _, amount, _, total, general in SECOND_PAGE
        for col, text in ((1, amount), (3, total), (4, general))
        if text
    )
    assert second == expected
    page2 = next(p for p in doc.pages if p.page == 2)
    assert not [e for e in page2.errors if e.code == AMOUNTS_OUTSIDE_TABLES]
