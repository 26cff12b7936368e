"""A rule-less table takes in neither the department line above it nor the note and the
page number below it.

Seed 002's office render, p10 (our damage): the 一般公共预算财政拨款支出决算表 printed with
no rules. The body run went on through ``注：本表反映…`` under it and down to the page's
``10`` (two digits: an amount to the run), and the header grew up over ``部门名称：…``.
Both lines cross the gap between the codes and the names, so the two were cut as one
column, ``201一般公共服务支出``: no code column, no hierarchy rule, and the amounts the
seal garbled went out unchecked.
"""

from __future__ import annotations

from fiscalocr.layout import find_layout

ROWS = [
    ("201", "一般公共服务支出", "4240750.58", "3191074.77", "1049675.81"),
    ("20113", "商贸事务", "4240750.58", "3191074.77", "1049675.81"),
    ("2011308", "招商引资", "1049675.81", "", "1049675.81"),
    ("2011350", "事业运行", "1522751.09", "1522751.09", ""),
    ("2011399", "其他商贸事务支出", "1668323.68", "1668323.68", ""),
    ("208", "社会保障和就业支出", "155955.54", "155955.54", ""),
]
CODE_X, NAME_X, AMOUNT_RIGHT = 62, 157, (402, 468, 531)


def _page_texts(size: float = 9) -> list:
    def right(x: float, text: str) -> float:
        return x - len(text) * size * 0.55

    texts = [
        ((60, 115), "部门名称：阳城县投资促进中心", size),
        ((312, 115), "2022年度", size),
        ((473, 115), "金额单位：元", size),
        ((187, 136), "项目", size),
        ((414, 136), "本年支出", size),
        ((71, 154), "功能分类科目编码", size),
        ((225, 154), "科目名称", size),
        ((356, 154), "小计", size),
        ((412, 154), "基本支出", size),
        ((478, 154), "项目支出", size),
    ]
    y = 154
    for code, name, *amounts in ROWS:
        y += 18
        texts += [((CODE_X, y), code, size), ((NAME_X, y), name, size)]
        texts += [
            ((right(x, a), y), a, size) for x, a in zip(AMOUNT_RIGHT, amounts, strict=True) if a
        ]
    texts.append(((59, y + 20), "注：本表反映部门本年度一般公共预算财政拨款支出情况。", size))
    texts.append(((292, 815), "10", size))
    return texts


def test_codes_and_names_are_two_columns_under_a_department_line(maker):
    page = maker.page([], extra_text=_page_texts())
    (table,) = find_layout(maker.work(page)).tables
    first = sorted((c.col, c.text) for c in table.cells if c.row == 0 and c.text)
    assert first[0][1] == "项目"
    texts = {c.text for c in table.cells}
    assert not any("部门名称" in t or t.startswith("注") for t in texts) and "10" not in texts
    codes = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0]
    assert [code for code, *_ in ROWS] == [t for t in codes if t.isdigit()]
    names = {c.text for c in table.cells if c.col == 1}
    assert {name for _, name, *_ in ROWS} <= names
