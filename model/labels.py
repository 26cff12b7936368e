"""Label sets of the contract (§2 table types, §3 sections), one place for all stages."""

from __future__ import annotations

from typing import Literal, get_args

DocumentKind = Literal["budget", "final_account", "unknown"]

TableType = Literal[
    "revenue_expenditure_summary",
    "revenue",
    "expenditure",
    "appropriation_summary",
    "appropriation_expenditure",
    "general_budget_expenditure",
    "general_budget_basic_expenditure",
    "gov_fund",
    "state_capital",
    "three_public",
    "operating_costs",
    "project_expenditure",
    "procurement",
    "info_statistics",
    "performance_target",
    "performance_evaluation",
    "other",
]

SectionLabel = Literal[
    "cover", "contents", "overview", "tables", "explanation", "glossary", "appendix", "other"
]

TABLE_TYPES: tuple[str, ...] = get_args(TableType)
SECTIONS: tuple[str, ...] = get_args(SectionLabel)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
