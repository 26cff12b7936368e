"""Transparent keyword rules: table type from a title, section from a page's text.

Read top to bottom; the first rule whose keywords all occur wins, so the specific rules
come before the general ones (``财政拨款收支总表`` before ``收支总表``). The tables follow
contract §2 and §3 and were checked by hand against the titles of the development PDFs.
"""

from __future__ import annotations

import re

# (all of these keywords, none of these) -> table type
TABLE_TYPE_RULES: list[tuple[tuple[str, ...], tuple[str, ...], str]] = [
    (("绩效目标",), (), "performance_target"),
    (("绩效自评",), (), "performance_evaluation"),
    (("自评",), (), "performance_evaluation"),
    (("相关信息统计",), (), "info_statistics"),
    (("三公",), (), "three_public"),
    (("机关运行经费",), (), "operating_costs"),
    (("政府采购",), (), "procurement"),
    (("项目支出",), ("基本支出",), "project_expenditure"),
    (("政府性基金",), (), "gov_fund"),
    (("国有资本经营",), (), "state_capital"),
    (("一般公共预算", "基本支出"), (), "general_budget_basic_expenditure"),
    (("一般公共预算", "经济分类"), (), "general_budget_basic_expenditure"),
    (("财政拨款", "基本支出"), (), "general_budget_basic_expenditure"),
    (("一般公共预算", "支出决算明细"), (), "general_budget_basic_expenditure"),
    (("一般公共预算", "支出"), (), "general_budget_expenditure"),
    (("财政拨款", "收", "支", "总表"), (), "appropriation_summary"),
    (("财政拨款", "收入支出"), (), "appropriation_summary"),
    (("财政拨款", "支出"), (), "appropriation_expenditure"),
    (("收", "支", "总表"), (), "revenue_expenditure_summary"),
    (("收入支出决算总表",), (), "revenue_expenditure_summary"),
    (("收入",), ("支出",), "revenue"),
    (("支出",), ("收入",), "expenditure"),
]

# (any of these keywords in the page's first lines) -> section
SECTION_RULES: list[tuple[tuple[str, ...], str]] = [
    (("目录", "目  录", "目 录"), "contents"),
    (("名词解释",), "glossary"),
    (
        ("绩效目标表", "绩效自评表", "绩效目标申报", "项目概述", "项目经费情况说明", "附件"),
        "appendix",
    ),
    (("情况说明", "编制说明", "总体情况", "预算说明"), "explanation"),
    (("主要职能", "机构设置", "部门概况", "单位概况", "职责"), "overview"),
]
SECTION_HEAD_LINES = 4  # a section starts with its heading near the top of the page

_BLANKS = re.compile(r"\s+")
HEADING_MAX_CHARS = 20
_HEADING_MARK = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"
)


def table_type_for_title(title: str | None) -> str:
    """Contract §2 label for a title, or ``other`` when no rule matches."""
    if not title:
        return "other"
    text = _BLANKS.sub("", title).replace('"', "“")
    for needed, forbidden, label in TABLE_TYPE_RULES:
        if all(k in text for k in needed) and not any(k in text for k in forbidden):
            return label
    return "other"


def section_for_page(lines: list[str], has_table: bool, index: int, previous: str | None) -> str:
    """Contract §3 label for one page from its text lines (outside tables), top first.

    A page with a statutory table is ``tables``; the first page is the cover; a page that
    follows the contents and holds no sentence is more contents; a heading near the top
    starts a section; any other page continues the previous section.
    """
    if has_table:
        return "tables"
    if index == 0:
        return "cover"
    if previous == "contents" and not any("。" in ln for ln in lines):
        return "contents"
    headings = [_BLANKS.sub("", ln) for ln in lines[:SECTION_HEAD_LINES] if _is_heading(ln)]
    for keywords, label in SECTION_RULES:
        if any(_BLANKS.sub("", k) in h for k in keywords for h in headings):
            return label
    if previous in (None, "cover", "contents"):
        return "overview"
    return "explanation" if previous == "tables" else previous


def _is_heading(line: str) -> bool:
    """Short, or numbered like a heading (第一部分, 一、, （一）), and not a sentence."""
    text = _BLANKS.sub("", line)
    if "。" in text:
        return False
    return len(text) <= HEADING_MAX_CHARS or bool(_HEADING_MARK.match(text))
