"""Hand-checked labels of the real disclosures in ../shared/real-pdfs, for
``classify_real_pdfs.py``: the contract's title keywords per table type, each file's
section runs, and the table types of the title-less table files. Labels only: nothing
from the PDFs themselves.
"""

from __future__ import annotations

import re
import unicodedata

TYPE_RULES: list[tuple[str, str]] = [
    (r"三公", "three_public"),
    (r"机关运行经费", "operating_costs"),
    (r"政府采购", "procurement"),
    (r"绩效目标", "performance_target"),
    (r"绩效自评", "performance_evaluation"),
    (r"相关信息统计", "info_statistics"),
    (r"国有资本经营", "state_capital"),
    (r"政府性基金", "gov_fund"),
    (r"项目支出.*预算表|项目支出表", "project_expenditure"),
    (
        r"一般公共预算.*基本支出|财政拨款基本支出|一般公共预算.*明细表",
        "general_budget_basic_expenditure",
    ),
    (r"一般公共预算", "general_budget_expenditure"),
    (r"财政拨款.*(收支|收入支出).*总表", "appropriation_summary"),
    (r"财政拨款.*支出", "appropriation_expenditure"),
    (r"(收支|收入支出).*总表", "revenue_expenditure_summary"),
    (r"收入", "revenue"),
    (r"支出", "expenditure"),
]
# Hand-checked section of every page: (first page, section) runs per file. Each page is
# labelled by the section that holds most of it; blank pages are left out of the score.
SECTION_RUNS: dict[str, list[tuple[int, str]]] = {
    "js-cppcc-office-2017-budget-tables.pdf": [(1, "tables")],
    "js-cppcc-office-2017-budget.pdf": [
        (1, "cover"),
        (2, "overview"),
        (8, "explanation"),
        (20, "glossary"),
    ],
    "js-cppcc-office-2018-budget-tables.pdf": [(1, "tables")],
    "js-cppcc-office-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (8, "explanation"),
        (16, "glossary"),
    ],
    "js-high-court-2017-budget.pdf": [
        (1, "cover"),
        (2, "overview"),
        (12, "tables"),
        (19, "explanation"),
        (27, "glossary"),
    ],
    "js-high-court-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (10, "tables"),
        (17, "explanation"),
        (25, "glossary"),
    ],
    "js-npc-office-2017-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (7, "tables"),
        (24, "explanation"),
        (30, "glossary"),
    ],
    "js-npc-office-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (8, "tables"),
        (19, "explanation"),
        (30, "glossary"),
    ],
    "js-party-office-2017-budget-tables.pdf": [(1, "tables")],
    "js-party-office-2017-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (6, "explanation"),
        (13, "glossary"),
    ],
    "js-party-office-2018-budget-tables.pdf": [(1, "cover"), (2, "contents"), (3, "tables")],
    "js-party-office-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (6, "explanation"),
        (13, "glossary"),
    ],
    "js-procuratorate-2017-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (10, "tables"),
        (19, "explanation"),
        (24, "glossary"),
    ],
    "js-procuratorate-2018-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (14, "tables"),
        (24, "explanation"),
        (31, "glossary"),
    ],
    "sh-putuo-government-office-2025-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (5, "glossary"),
        (6, "explanation"),
        (8, "tables"),
        (21, "explanation"),
        (22, "appendix"),
    ],
    "sh-putuo-justice-bureau-2026-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (4, "overview"),
        (7, "glossary"),
        (8, "explanation"),
        (10, "tables"),
        (22, "explanation"),
        (23, "appendix"),
    ],
    "sh-putuo-planning-resources-2024-final-account.pdf": [
        (1, "cover"),
        (2, "contents"),
        (4, "overview"),
        (7, "tables"),
        (20, "explanation"),
        (29, "glossary"),
    ],
    "sh-putuo-wanli-street-2025-budget.pdf": [
        (1, "cover"),
        (2, "contents"),
        (3, "overview"),
        (5, "glossary"),
        (6, "explanation"),
        (9, "tables"),
        (30, "explanation"),
        (31, "appendix"),
    ],
}
# Files whose table pages carry no printed title: the type of each page's table(s), read
# by hand from the file's own numbering (表一…/公开01表…) and the sibling 目录.
_JS2017 = [
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "appropriation_expenditure",
    "general_budget_basic_expenditure",
    "gov_fund",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "operating_costs",
    "three_public",
    "procurement",
]
_JS2018 = [
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "appropriation_expenditure",
    "general_budget_basic_expenditure",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "three_public",
    "gov_fund",
    "operating_costs",
    "procurement",
]
PAGE_TYPES: dict[str, dict[int, str]] = {
    "js-cppcc-office-2017-budget-tables.pdf": {**dict(enumerate(_JS2017, 1)), 13: "procurement"},
    "js-cppcc-office-2018-budget-tables.pdf": dict(enumerate(_JS2018, 1)),
    "js-party-office-2017-budget-tables.pdf": {
        **dict(enumerate(_JS2017, 1)),
        13: "procurement",
        14: "procurement",
    },
    "js-party-office-2018-budget-tables.pdf": {**dict(enumerate(_JS2018, 3)), 15: "procurement"},
}


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def type_from_title(title: str | None) -> str:
    t = norm(title)
    if not re.search(r"表", t):
        return "other"
    return next((label for pattern, label in TYPE_RULES if re.search(pattern, t)), "other")


def section_of(name: str, number: int) -> str:
    runs = SECTION_RUNS.get(name, [(1, "other")])
    return [label for first, label in runs if first <= number][-1]
