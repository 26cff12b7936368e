"""The trained classifiers committed in models/ label hand-built pages correctly."""

from __future__ import annotations

import pytest

from fiscalocr.classify import classify_document, load_classifiers
from fiscalocr.classify.apply import predict_table_types


@pytest.fixture(scope="module")
def classifiers():
    return load_classifiers()  # the repo's models/, checked against its card's sha256


def test_three_public_table_is_typed(docs, classifiers):
    doc = docs.budget("晋城市司法局", 2023)
    classify_document(doc, classifiers)
    three = doc.tables[1]
    assert "三公" in three.title
    assert three.type == "three_public"
    assert three.type_conf > 0.5


def test_final_summary_with_hangci_columns_is_typed(docs, classifiers):
    doc = docs.final("阳城县投资促进中心", 2022)
    classify_document(doc, classifiers)
    summary = doc.tables[0]
    assert any(c.text == "行次" for c in summary.cells)
    assert summary.type == "revenue_expenditure_summary"


def test_continuation_page_without_title_still_gets_its_type(docs, classifiers):
    doc = docs.split_table()  # page 2 holds the rest of page 1's table, joined as nothing
    tail = doc.tables[1]
    assert tail.title is None and tail.header_rows == 0
    assert not any("表" in ln.text for ln in doc.pages[1].lines)
    types = predict_table_types(doc, classifiers)
    assert types[0][0] == "general_budget_basic_expenditure"
    assert types[1][0] == "general_budget_basic_expenditure"


def test_sections_of_cover_contents_and_table_pages(docs, classifiers):
    doc = docs.budget("普陀区民政局", 2025)
    classify_document(doc, classifiers)
    sections = [p.section for p in doc.pages]
    assert sections[0] == "cover"
    assert sections[1] == "contents"
    assert sections[3:6] == ["tables", "tables", "tables"]
    assert all(p.section_conf is not None and 0 < p.section_conf <= 1 for p in doc.pages)


def test_facts_of_a_final_account_through_the_classifier(docs, classifiers):
    doc = docs.final("长治市民政局", 2019)
    classify_document(doc, classifiers)
    facts = doc.document
    assert (facts.kind, facts.department, facts.year) == ("final_account", "长治市民政局", 2019)


PROCUREMENT_HEAD = [
    ["项目名称", "采购品目", "采购数量", "金额"],
    ["办公设备购置", "台式计算机", "10", "6.00"],
    ["办公设备购置", "打印机", "2", "0.80"],
]
PROCUREMENT_TAIL = [
    ["车辆维修", "维修服务", "1", "3.20"],
    ["物业管理", "物业服务", "1", "12.00"],
    ["合计", "", "", "22.00"],
]


@pytest.mark.parametrize("tail_top, expected", [(60.0, "procurement"), (500.0, None)])
def test_untitled_table_opening_a_page_leans_to_the_type_it_continues(
    docs, classifiers, tail_top, expected
):
    """Rows with no header and no title say little by themselves; opening the page after
    a procurement table, they most likely continue it. Lower down the page, they do not
    get that lean."""
    from fiscalocr.model import Document, Source

    title = "2024年政府采购预算表"
    head, head_lines = docs.make_table("t1", 1, PROCUREMENT_HEAD, 1, title)
    tail, tail_lines = docs.make_table("t2", 2, PROCUREMENT_TAIL, 0, None, top=tail_top)
    doc = Document(
        source=Source(file="x.pdf", sha256="0" * 64, page_count=2),
        pages=[
            docs.table_page(1, title, "某局", "万元", head, head_lines),
            docs.page(2, tail_lines),
        ],
        tables=[head, tail],
    )
    (head_type, _), (tail_type, _) = predict_table_types(doc, classifiers)
    assert head_type == "procurement"
    assert (tail_type == "procurement") == (expected == "procurement")
