"""Document facts (kind, department, fiscal year) from the first pages' text."""

from __future__ import annotations

import re

from fiscalocr.model import DocumentFacts

FACT_PAGES = 3  # the cover and the next pages name the department and year

_YEAR = re.compile(r"(20\d\d)\s*年")
_DEPT_LABEL = re.compile(r"(?:预算主管部门|编制部门|编制单位|部门名称|部门)\s*[：:]\s*(\S+)")
_DEPT_SUFFIX = re.compile(
    r"([\u4e00-\u9fff（）()]{2,40}(?:局|委员会|办公室|办公厅|法院|检察院|中心|街道办事处|街道|政府|委|厅|部|院|会|所|站|馆|处))"
)
_COVER_CUT = re.compile(r"部门预算|部门决算|预算|决算|目录")  # the name ends before these


def document_facts(page_texts: list[str]) -> DocumentFacts:
    """Kind from 预算/决算 on the first pages; the year printed with 年 there; the
    department from a ``部门：`` label or the cover title."""
    head = "\n".join(page_texts[:FACT_PAGES])
    cover = page_texts[0] if page_texts else ""
    return DocumentFacts(
        kind=_kind(cover + head),
        department=_department(cover, head),
        year=_year(cover, head, "\n".join(page_texts)),
    )


def _kind(text: str) -> str:
    flat = re.sub(r"\s+", "", text)
    first_final, first_budget = flat.find("决算"), flat.find("预算")
    if first_final >= 0 and (first_budget < 0 or first_final <= first_budget):
        return "final_account"
    return "budget" if first_budget >= 0 else "unknown"


def _year(cover: str, head: str, rest: str = "") -> int | None:
    for text in (cover, head, rest):
        match = _YEAR.search(re.sub(r"\s+", "", text))
        if match:
            return int(match.group(1))
    return None


def _department(cover: str, head: str) -> str | None:
    for text in (cover, head):
        match = _DEPT_LABEL.search(text)
        if match:
            return match.group(1).strip()
    flat = re.sub(r"\s+", "", cover)
    before_year = re.split(r"20\d\d年", flat, maxsplit=1)[0]
    if 2 <= len(before_year) <= 40 and _DEPT_SUFFIX.fullmatch(before_year):
        return before_year
    lead = _COVER_CUT.split(re.sub(r"20\d\d年度?", "", flat), maxsplit=1)[0]
    match = _DEPT_SUFFIX.search(lead)
    return match.group(1) if match else None
