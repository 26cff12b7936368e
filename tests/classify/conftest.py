"""Hand-built disclosure documents for the classifier tests.

Pages are laid out the way the seeds show them (title, 部门名称/单位 caption, a cell grid
with realistic headers and classification rows), with geometry in PDF points, so the
classifiers see what the layout stage would hand them.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fiscalocr.model import Cell, Document, Line, Page, Source, Table, TableRegion

W, H = 595.0, 842.0
ROW_H = 18.0
LEFT, RIGHT = 40.0, 555.0


def _line(text: str, y: float, x0: float = 60.0, size: float = 11.0) -> Line:
    return Line(text=text, bbox=(x0, y, x0 + size * len(text), y + size + 2), conf=0.98)


def _page(number: int, lines: list[Line]) -> Page:
    return Page(page=number, width=W, height=H, lines=lines)


def make_table(
    table_id: str,
    page: int,
    rows: list[list[str]],
    header_rows: int,
    title: str | None,
    top: float = 130.0,
    first_row: int = 0,
    unit: str | None = "万元",
) -> tuple[Table, list[Line]]:
    """A grid of equal columns from ``top``; returns the table and its cell-text lines."""
    n_cols = max(len(r) for r in rows)
    col_w = (RIGHT - LEFT) / n_cols
    cells, lines = [], []
    for r, row in enumerate(rows):
        y0 = top + r * ROW_H
        for c, text in enumerate(row):
            box = (LEFT + c * col_w, y0, LEFT + (c + 1) * col_w, y0 + ROW_H)
            cells.append(
                Cell(
                    row=first_row + r,
                    col=c,
                    page=page,
                    bbox=box,
                    text=text,
                    ocr_text=text,
                    is_header=r < header_rows,
                )
            )
            if text:
                lines.append(
                    Line(
                        text=text, bbox=(box[0] + 2, box[1] + 3, box[2] - 2, box[3] - 3), conf=0.97
                    )
                )
    bottom = top + len(rows) * ROW_H
    table = Table(
        id=table_id,
        title=title,
        unit=unit,
        pages=[page],
        n_rows=first_row + len(rows),
        n_cols=n_cols,
        header_rows=header_rows,
        cells=cells,
        regions=[
            TableRegion(
                page=page,
                bbox=(LEFT, top, RIGHT, bottom),
                first_row=first_row,
                last_row=first_row + len(rows) - 1,
            )
        ],
    )
    return table, lines


def table_page(
    number: int,
    title: str | None,
    dept: str,
    unit: str,
    table: Table,
    cell_lines: list[Line],
    extra: list[str] = (),
) -> Page:
    lines = []
    if title:
        lines.append(_line(title, 70.0, x0=150.0, size=14.0))
    lines.append(_line(f"部门名称：{dept}", 100.0, x0=LEFT))
    lines.append(_line(f"单位：{unit}", 100.0, x0=470.0))
    for i, text in enumerate(extra):
        lines.append(_line(text, 760.0 + 16 * i, x0=LEFT))
    lines.append(_line(str(number), 800.0, x0=290.0))
    return _page(number, lines + cell_lines)


THREE_PUBLIC_BUDGET = [
    ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "公务接待费"],
    ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
    ["", "3.50", "0.00", "2.00", "0.00", "2.00", "1.50"],
]
FINAL_SUMMARY = [
    ["收入", "", "", "支出", "", ""],
    ["项目", "行次", "决算数", "项目", "行次", "决算数"],
    ["栏次", "", "1", "栏次", "", "2"],
    [
        "一、一般公共预算财政拨款收入",
        "1",
        "4,566,031.64",
        "一、一般公共服务支出",
        "32",
        "4,240,750.58",
    ],
    ["二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "33", ""],
    ["三、国有资本经营预算财政拨款收入", "3", "", "三、国防支出", "34", ""],
    ["四、上级补助收入", "4", "", "四、公共安全支出", "35", ""],
    ["五、事业收入", "5", "", "八、社会保障和就业支出", "39", "155,955.54"],
    ["本年收入合计", "27", "4,566,031.64", "本年支出合计", "58", "4,566,031.64"],
    ["总计", "31", "4,566,031.64", "总计", "62", "4,566,031.64"],
]
EXPENDITURE_HEAD = [
    ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
]
EXPENDITURE_ROWS = [
    ["201", "一般公共服务支出", "319.49", "116.49", "203.00"],
    ["20113", "商贸事务", "319.49", "116.49", "203.00"],
    ["2011301", "行政运行", "116.49", "116.49", ""],
    ["2011308", "招商引资", "203.00", "", "203.00"],
    ["208", "社会保障和就业支出", "21.45", "21.45", ""],
    ["20805", "行政事业单位养老支出", "21.45", "21.45", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "14.30", "14.30", ""],
    ["2080506", "机关事业单位职业年金缴费支出", "7.15", "7.15", ""],
    ["210", "卫生健康支出", "6.68", "6.68", ""],
    ["21011", "行政事业单位医疗", "6.68", "6.68", ""],
    ["2101101", "行政单位医疗", "6.68", "6.68", ""],
    ["221", "住房保障支出", "12.33", "12.33", ""],
    ["22102", "住房改革支出", "12.33", "12.33", ""],
    ["2210201", "住房公积金", "12.33", "12.33", ""],
]

ECONOMIC_HEAD = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
ECONOMIC_ROWS = [
    ["301", "工资福利支出", "98.40", "98.40", ""],
    ["30101", "基本工资", "30.12", "30.12", ""],
    ["30102", "津贴补贴", "25.60", "25.60", ""],
    ["30103", "奖金", "8.20", "8.20", ""],
    ["30108", "机关事业单位基本养老保险缴费", "14.30", "14.30", ""],
    ["30109", "职业年金缴费", "7.15", "7.15", ""],
    ["30113", "住房公积金", "12.33", "12.33", ""],
    ["30199", "其他工资福利支出", "0.70", "0.70", ""],
    ["302", "商品和服务支出", "14.89", "", "14.89"],
    ["30201", "办公费", "3.20", "", "3.20"],
    ["30205", "水费", "0.60", "", "0.60"],
    ["30206", "电费", "1.50", "", "1.50"],
    ["30207", "邮电费", "0.90", "", "0.90"],
    ["30211", "差旅费", "2.40", "", "2.40"],
    ["30228", "工会经费", "1.29", "", "1.29"],
    ["30229", "福利费", "1.00", "", "1.00"],
    ["30231", "公务用车运行维护费", "2.00", "", "2.00"],
    ["30239", "其他交通费用", "2.00", "", "2.00"],
    ["303", "对个人和家庭的补助", "3.20", "3.20", ""],
    ["30305", "生活补助", "3.20", "3.20", ""],
]


def split_table_document(dept: str = "阳泉市招商中心", year: int = 2024) -> Document:
    """A basic-expenditure table over two pages that the join did not put together."""
    title = f"{year}年一般公共预算基本支出预算表"
    head, head_lines = make_table("t1", 1, ECONOMIC_HEAD + ECONOMIC_ROWS[:9], 1, title)
    tail, tail_lines = make_table("t2", 2, ECONOMIC_ROWS[9:], 0, None, top=60.0)
    pages = [
        table_page(1, title, dept, "万元", head, head_lines),
        _page(2, tail_lines + [_line("2", 800.0, x0=290.0)]),
    ]
    return Document(
        source=Source(file="split.pdf", sha256="0" * 64, page_count=2),
        pages=pages,
        tables=[head, tail],
    )


def cover_page(dept: str, year: int, kind: str) -> Page:
    word = "部门预算" if kind == "budget" else "部门决算"
    published = year if kind == "budget" else year + 1
    return _page(
        1,
        [
            _line(dept, 300.0, x0=200.0, size=20.0),
            _line(f"{year}年度{word}公开", 340.0, x0=180.0, size=20.0),
            _line(f"{published}年{'2' if kind == 'budget' else '8'}月", 600.0, x0=250.0, size=14.0),
        ],
    )


def contents_page(year: int, kind: str) -> Page:
    word = "预算" if kind == "budget" else "决算"
    entries = [
        "目录",
        "第一部分 概况........1",
        "一、本部门职责........1",
        "二、机构设置情况........1",
        f"第二部分 {year}年部门{word}报表........2",
        f"一、收入支出{word}总表........2",
        f"二、收入{word}表........3",
        f"第三部分 {year}年度部门{word}情况说明........9",
        "第四部分 名词解释........12",
    ]
    return _page(2, [_line(t, 80.0 + 30 * i) for i, t in enumerate(entries)])


def overview_page(number: int) -> Page:
    texts = [
        "第一部分 概况",
        "一、本部门职责",
        "负责全市招商引资工作的统筹协调和组织实施，研究制定中长期规划。",
        "组织开展投资促进活动，承办国内外经贸代表团的考察接待工作。",
        "二、机构设置情况",
        "本部门下设办公室、投资服务科、招商业务科三个内设机构。",
    ]
    return _page(number, [_line(t, 80.0 + 28 * i) for i, t in enumerate(texts)])


def explanation_page(number: int, year: int) -> Page:
    texts = [
        f"第三部分 {year}年度部门预算情况说明",
        "一、收入支出预算总体情况说明",
        f"{year}年收入预算总计359.95万元，较上年减少12.30万元，主要原因是人员变动。",
        "二、“三公”经费增减变动原因说明",
        "“三公”经费预算3.50万元，与上年持平，其中公务接待费1.50万元。",
    ]
    return _page(number, [_line(t, 80.0 + 28 * i) for i, t in enumerate(texts)])


def glossary_page(number: int) -> Page:
    texts = [
        "第四部分 名词解释",
        "一、财政拨款收入：指本级财政当年拨付的资金。",
        "二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
        "三、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    ]
    return _page(number, [_line(t, 80.0 + 28 * i) for i, t in enumerate(texts)])


def budget_document(dept: str = "阳泉市招商中心", year: int = 2024) -> Document:
    """Cover, 目录, 概况, a two-page 支出 table, a 三公 table, 说明, 名词解释."""
    exp_title = f"{year}年预算支出总表"
    head_rows = EXPENDITURE_HEAD + EXPENDITURE_ROWS[:8]
    t1, l1 = make_table("t1", 4, head_rows, 1, exp_title)
    t1b, l1b = make_table(
        "t1", 5, EXPENDITURE_ROWS[8:], 0, None, top=60.0, first_row=len(head_rows)
    )
    t1 = t1.model_copy(
        update={
            "pages": [4, 5],
            "cells": t1.cells + t1b.cells,
            "regions": t1.regions + t1b.regions,
            "n_rows": t1b.n_rows,
        }
    )
    tp_title = f"{year}年财政拨款安排“三公”经费支出预算表"
    t2, l2 = make_table("t2", 6, THREE_PUBLIC_BUDGET, 2, tp_title)
    pages = [
        cover_page(dept, year, "budget"),
        contents_page(year, "budget"),
        overview_page(3),
        table_page(4, exp_title, dept, "万元", t1, l1),
        _page(5, l1b + [_line("5", 800.0, x0=290.0)]),
        table_page(6, tp_title, dept, "万元", t2, l2),
        explanation_page(7, year),
        glossary_page(8),
    ]
    return Document(
        source=Source(file=f"{dept}-{year}-budget.pdf", sha256="0" * 64, page_count=8),
        pages=pages,
        tables=[t1, t2],
    )


def final_document(dept: str = "阳城县投资促进中心", year: int = 2022) -> Document:
    """Cover, 目录, 概况, a 收入支出决算总表 with 行次/栏次, 说明, 名词解释."""
    title = "收入支出决算总表"
    t1, l1 = make_table("t1", 4, FINAL_SUMMARY, 3, title, top=150.0, unit="元")
    page4 = table_page(4, title, dept, "元", t1, l1)
    page4.lines.append(_line("公开01表", 120.0, x0=480.0))
    page4.lines.append(_line(f"{year}年度", 120.0, x0=270.0))
    pages = [
        cover_page(dept, year, "final_account"),
        contents_page(year, "final_account"),
        overview_page(3),
        page4,
        explanation_page(5, year),
        glossary_page(6),
    ]
    for p in pages[4:]:
        for ln in p.lines:
            ln.text = ln.text.replace("预算情况说明", "决算情况说明").replace(
                "收入预算总计", "收入决算总计"
            )
    return Document(
        source=Source(file=f"{dept}-{year}-final.pdf", sha256="0" * 64, page_count=6),
        pages=pages,
        tables=[t1],
    )


def truth_of(
    doc: Document, sections: list[str], types: dict[str, str], kind: str, dept: str, year: int
) -> Document:
    truth = doc.model_copy(deep=True)
    for page, section in zip(truth.pages, sections, strict=True):
        page.section = section
    for table in truth.tables:
        table.type = types[table.id]
    truth.document.kind, truth.document.department, truth.document.year = kind, dept, year
    return truth


BUDGET_SECTIONS = [
    "cover",
    "contents",
    "overview",
    "tables",
    "tables",
    "tables",
    "explanation",
    "glossary",
]
FINAL_SECTIONS = ["cover", "contents", "overview", "tables", "explanation", "glossary"]


@pytest.fixture
def docs() -> SimpleNamespace:
    """Builders of the hand-made documents and their truth."""
    return SimpleNamespace(
        budget=budget_document,
        split_table=split_table_document,
        final=final_document,
        truth_of=truth_of,
        make_table=make_table,
        table_page=table_page,
        page=_page,
        line=_line,
        budget_sections=BUDGET_SECTIONS,
        final_sections=FINAL_SECTIONS,
    )
