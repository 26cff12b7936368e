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

COLUMN_NUMBERING_LABELS: tuple[str, ...] = ("栏次", "档次", "行次")
"""Labels of the row under a header that numbers its columns (1, 2, 3 …): header, never
data. One definition for the layout that finds the row, the truth builders that label it
and the reconciliation that skips it."""

TABLE_TYPES: tuple[str, ...] = get_args(TableType)
SECTIONS: tuple[str, ...] = get_args(SectionLabel)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
