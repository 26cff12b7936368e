"""Document facts read from rendered covers and titles (rules, no model needed)."""

from __future__ import annotations

from fiscalocr.classify import read_facts
from fiscalocr.model import Line


def test_budget_cover_gives_kind_department_year(docs):
    facts = read_facts(docs.budget("阳泉市招商中心", 2024))
    assert (facts.kind, facts.department, facts.year) == ("budget", "阳泉市招商中心", 2024)


def test_final_account_reports_the_year_reported_on_not_the_publication_year(docs):
    doc = docs.final("阳城县投资促进中心", 2022)
    cover_text = " ".join(ln.text for ln in doc.pages[0].lines)
    assert "2023年8月" in cover_text  # published the year after
    facts = read_facts(doc)
    assert (facts.kind, facts.department, facts.year) == (
        "final_account",
        "阳城县投资促进中心",
        2022,
    )


def test_full_width_ocr_digits_and_spaces_are_folded(docs):
    doc = docs.final("晋城市司法局", 2023)
    cover = doc.pages[0]
    cover.lines[0].text = "晋城市 司法局"
    cover.lines[1].text = "2０23 年度部门决算公开"
    for page in doc.pages[1:]:
        page.lines = [ln for ln in page.lines if "部门名称" not in ln.text]
    facts = read_facts(doc)
    assert (facts.kind, facts.department, facts.year) == ("final_account", "晋城市司法局", 2023)


def test_majority_of_captions_outvotes_one_misread_cover(docs):
    doc = docs.budget("普陀区民政局", 2025)
    doc.pages[0].lines[0].text = "普陀区民攻局"  # OCR misread on the cover only
    for page in doc.pages[3:]:
        for k in range(3):
            box = (40.0, 700.0 + 20 * k, 200.0, 712.0 + 20 * k)
            page.lines.append(Line(text="部门名称：普陀区民政局", bbox=box, conf=0.9))
    assert read_facts(doc).department == "普陀区民政局"


def test_no_evidence_gives_unknown_and_none(docs):
    doc = docs.budget()
    for page in doc.pages:
        page.lines = []
    doc.tables = []
    facts = read_facts(doc)
    assert (facts.kind, facts.department, facts.year) == ("unknown", None, None)
