"""The title of a table among the lines above it (the boxes of a seed render's page 11,
office style, scanned at medium: the title, a caption, the unit, a year line printed as
large as the title and nearer the table, the department)."""

from __future__ import annotations

from fiscalocr.layout.blocks import find_title, title_text
from fiscalocr.model import Line

LINES = [
    Line(text="一般公共预算财政拨款支出决算明细表", bbox=(250, 40, 590, 58), conf=0.99),
    Line(text="公开06表", bbox=(740, 62, 790, 72), conf=0.99),
    Line(text="2022年度", bbox=(395, 66, 450, 84), conf=0.99),
    Line(text="部门名称:阳城县投资促进中心", bbox=(50, 88, 210, 98), conf=0.99),
    Line(text="金额单位:元", bbox=(720, 88, 790, 98), conf=0.99),
]


def test_a_line_naming_the_table_outranks_a_nearer_large_year_line():
    title = find_title(LINES, typical_height=10.0)
    assert title is not None and title_text(title) == "一般公共预算财政拨款支出决算明细表"


def test_a_large_line_is_the_title_when_none_names_a_table():
    lines = [
        Line(text="2022年度", bbox=(395, 66, 450, 84), conf=0.99),
        Line(text="部门收支总体情况", bbox=(300, 40, 500, 58), conf=0.99),
    ]
    title = find_title(lines, typical_height=10.0)
    assert title is not None and title.text == "部门收支总体情况"
