"""Contract §2 titles and §3 headings decide where the body is shared or unfamiliar."""

from __future__ import annotations

import pytest

from fiscalocr.classify import load_classifiers
from fiscalocr.classify.apply import predict_sections, predict_table_types
from fiscalocr.classify.titles import section_named_by_heading, type_named_by_title
from fiscalocr.model import Document, Source

# Jiangsu prints one function-code body under two titles (and the 机关运行经费 table as an
# economic-code list); the amounts column is the same.
FUNCTION_BODY = [
    ["功能科目代码", "功能科目名称", "金额"],
    ["", "合计", "24,458.43"],
    ["201", "一般公共服务支出", "20,153.75"],
    ["20131", "党委办公厅（室）及相关机构事务", "20,153.75"],
    ["2013101", "行政运行", "8,072.29"],
    ["2013102", "一般行政管理事务", "12,081.46"],
    ["208", "社会保障和就业支出", "1,289.52"],
]
ECONOMIC_BODY = [
    ["科目编码", "科目名称", "机关运行经费支出"],
    ["", "合计", "2,094.58"],
    ["302", "商品和服务支出", "2,094.58"],
    ["30201", "办公费", "489.30"],
    ["30205", "水费", "46.00"],
    ["30206", "电费", "55.00"],
    ["30207", "邮电费", "200.00"],
]


@pytest.fixture(scope="module")
def classifiers():
    return load_classifiers()


@pytest.mark.parametrize(
    "title, expected",
    [
        ("财政拨款支出预算表", "appropriation_expenditure"),
        ("一般公共预算支出预算表", "general_budget_expenditure"),
        ("一般公共预算财政拨款支出决算表", "general_budget_expenditure"),
        ("财政拨款基本支出预算表", "general_budget_basic_expenditure"),
        ("一般公共预算财政拨款支出决算明细表", "general_budget_basic_expenditure"),
        ("一般公共预算机关运行经费支出预算表", "operating_costs"),
        ("“三公”经费和机关运行经费预算表", "three_public"),
        ("项目支出绩效目标表", "performance_target"),
        ("财政拨款收支总表", None),  # summaries are left to the model
        ("2024年部门收入预算总表", None),
        (None, None),
    ],
)
def test_titles_name_the_contract_type(title, expected):
    assert type_named_by_title(title) == expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        ("2018年财政拨款支出预算表", FUNCTION_BODY, "appropriation_expenditure"),
        ("2018年一般公共预算支出预算表", FUNCTION_BODY, "general_budget_expenditure"),
        ("2018年一般公共预算机关运行经费支出预算表", ECONOMIC_BODY, "operating_costs"),
    ],
)
def test_one_body_under_two_titles_is_typed_by_its_title(docs, classifiers, title, body, expected):
    table, lines = docs.make_table("t1", 1, body, 1, title)
    doc = Document(
        source=Source(file="x.pdf", sha256="0" * 64, page_count=1),
        pages=[docs.table_page(1, title, "中共江苏省委办公厅", "万元", table, lines)],
        tables=[table],
    )
    [(label, conf)] = predict_table_types(doc, classifiers)
    assert label == expected
    assert 0.5 < conf <= 1.0


@pytest.mark.parametrize(
    "top, expected",
    [
        ("目录|一、部门主要职能", "contents"),
        ("名词解释|(一)财政拨款收入:是区级预算主管部门…", "glossary"),
        ("2025年部门预算编制说明|2025年,本部门收入预算…", "explanation"),
        ("人民调解项目经费情况说明|一、项目概述", "appendix"),
        ("上海市普陀区司法局机构设置|本部门中,行政单位1家", "overview"),
        # a long sentence that mentions 职责 is not a heading
        ("本部门严格履行职责，加强预算管理，压减一般性支出，确保重点项目支出需要。|", None),
        ("2025年部门收入预算总表|单位:元", None),
    ],
)
def test_headings_name_the_contract_section(top, expected):
    assert section_named_by_heading(top) == expected


def test_shanghai_order_glossary_and_project_pages_follow_their_headings(docs, classifiers):
    """Shanghai prints 名词解释 and 编制说明 before its tables and ends with project
    descriptions; the synthetic training order does neither, and the headings decide."""
    glossary = [
        "名词解释",
        "(一)财政拨款收入:是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。",
        "(二)事业收入:指事业单位开展专业业务活动及其辅助活动取得的收入。",
        "(三)其他收入:指除上述收入以外的收入。",
    ]
    project = [
        "人民调解项目经费情况说明",
        "一、项目概述",
        "人民调解承担着化解社会矛盾、维护社会稳定的责任,尤其在专业性领域。",
        "二、立项依据",
        "《人民调解法》和区司法局年度重点工作任务书。",
    ]
    explanation = [
        "2025年部门预算编制说明",
        "2025年,上海市普陀区司法局收入预算3,245.10万元,其中:财政拨款收入3,245.10万元。",
        "支出预算3,245.10万元,其中:财政拨款支出预算3,245.10万元,比2024年预算增加12.40万元。",
    ]

    def text_page(number: int, texts: list[str]):
        return docs.page(number, [docs.line(t, 80.0 + 24 * i) for i, t in enumerate(texts)])

    table, lines = docs.make_table("t1", 4, FUNCTION_BODY, 1, "2025年一般公共预算支出预算表")
    pages = [
        text_page(1, ["上海市普陀区2025年区级部门预算", "预算主管部门:上海市普陀区司法局"]),
        text_page(2, glossary),
        text_page(3, explanation),
        docs.table_page(
            4, "2025年一般公共预算支出预算表", "上海市普陀区司法局", "元", table, lines
        ),
        text_page(5, project),
    ]
    doc = Document(
        source=Source(file="x.pdf", sha256="0" * 64, page_count=5), pages=pages, tables=[table]
    )
    sections = [label for label, _ in predict_sections(doc, classifiers)]
    assert sections == ["cover", "glossary", "explanation", "tables", "appendix"]
