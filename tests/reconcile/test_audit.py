"""The audit's findings, family by family, on built documents: a synthetic final account
and budget (the generator's exact truth), and hand-built tables with explanation pages.

Each injected error is found with its page and figures; the same document unchanged has
no finding at all."""

from __future__ import annotations

import pytest

from fiscalocr.datasets.synth.document import generate_document
from fiscalocr.model import Page
from fiscalocr.reconcile import reconcile_document
from fiscalocr.reconcile.inject import FAMILIES, inject
from fiscalocr.testing.handbuilt import document_of, explanation_page, table_from_rows


@pytest.fixture(scope="module")
def truths():
    return {
        "final_account": generate_document(0).truth,
        "budget": generate_document(1).truth,
    }


def test_clean_synthetic_documents_have_no_finding(truths):
    for doc in truths.values():
        clean = doc.model_copy(deep=True)
        reconcile_document(clean)
        assert clean.reconciliation.checks_total > 200
        assert clean.findings == []


CELL_FAMILIES = ("sum", "carry", "three_public_blank")
FAMILIES_OF = {
    "final_account": [f for f in FAMILIES if f != "verdict"],
    "budget": [f for f in FAMILIES if f not in ("verdict", "carry")],
}


@pytest.mark.parametrize(
    "kind,family", [(k, f) for k, families in FAMILIES_OF.items() for f in families]
)
def test_each_injected_error_is_found_with_its_page_and_figures(truths, kind, family):
    made = inject(truths[kind], family, seed=15)
    assert made is not None, f"the {kind} document offers no {family} to inject"
    dirty, where = made
    reconcile_document(dirty)
    assert where.found_by(dirty.findings)
    hits = [f for f in dirty.findings if f.kind in where.kinds]
    assert all(f.message and f.page is not None for f in hits)
    if where.cell is not None:  # the changed cell is among the figures, with its value
        table, row, col = where.cell
        cell = dirty.table(table).cell_at(row, col)
        figures = [g for f in hits for g in f.figures if (g.table, g.row, g.col) == where.cell]
        assert figures and figures[0].value == cell.value and figures[0].page == cell.page
    elif where.page is not None:
        assert any(f.page == where.page for f in hits)


def _appropriation_summary():
    rows = [
        "收入\t<\t支出\t<",
        "项目\t决算数\t项目\t决算数",
        "一、一般公共预算财政拨款\t2961.68\t一、一般公共服务支出\t2961.68",
        "本年收入合计\t2961.68\t本年支出合计\t2961.68",
        "总计\t2961.68\t总计\t2961.68",
    ]
    return table_from_rows(
        "t4", rows, 2, table_type="appropriation_summary", title="财政拨款收入支出决算总表"
    )


def test_narrative_total_against_the_table_total_the_issue_cites():
    page = explanation_page(
        "四、财政拨款收入支出决算总体情况说明",
        "2024年度财政拨款收入支出总计0.3万元。与2023年度持平。",
    )
    doc = document_of(_appropriation_summary(), pages=[Page(page=1, width=595, height=842), page])
    reconcile_document(doc)
    [found] = doc.findings
    assert (found.kind, found.page, found.bbox) == ("narrative_amount", 2, page.lines[1].bbox)
    quoted, printed = found.figures
    assert (quoted.value, quoted.unit) == (3000.0, "元")
    assert (printed.table, printed.row, printed.col, printed.value) == ("t4", 4, 1, 2961.68)
    assert "0.3万元" in found.message


def test_the_same_sentence_quoting_the_table_total_has_no_finding():
    page = explanation_page("2024年度财政拨款收入支出总计2,961.68万元。")
    doc = document_of(_appropriation_summary(), pages=[Page(page=1, width=595, height=842), page])
    reconcile_document(doc)
    assert doc.findings == []
    assert len(doc.reconciliation.unresolved) == 0 and doc.reconciliation.checks_total > 0


@pytest.mark.parametrize(
    "sentence,kinds",
    [
        ("年初预算为10.00万元，支出决算为12.00万元，完成年初预算的120.00%。决算数大于预算数。", []),
        (
            "年初预算为10.00万元，支出决算为12.00万元，完成年初预算的120.00%。决算数小于预算数。",
            ["narrative_comparison"],
        ),
        (
            "年初预算为10.00万元，支出决算为12.00万元，完成年初预算的95.00%。决算数大于预算数。",
            ["narrative_completion"],
        ),
        (
            "年初预算为0.00万元，支出决算为12.00万元，完成年初预算的100.00%。",
            ["narrative_completion"],
        ),
        (
            "年初预算为12.00万元，支出决算为12.00万元，完成年初预算的100.00%。决算数同预算数持平。",
            [],
        ),
        (
            "年初预算为12.50万元，支出决算为12.00万元。决算数同预算数持平。",
            ["narrative_comparison"],
        ),
        ("机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%。", []),
        ("机关运行经费支出142.80万元，比2023年度减少13.52万元，增长8.65%。", ["narrative_yoy"]),
        ("机关运行经费支出142.80万元，比2023年度减少13.52万元，下降9.65%。", ["narrative_yoy"]),
        ("支出142.80万元，较上年的150.00万元减少13.52万元，下降9.01%。", ["narrative_yoy"]),
        ("支出142.80万元，与上年的150.00万元持平。", ["narrative_yoy"]),
    ],
)
def test_budget_against_final_and_year_on_year_sentences(sentence, kinds):
    doc = document_of(_appropriation_summary(), pages=[explanation_page("一、说明", sentence)])
    reconcile_document(doc)
    assert [f.kind for f in doc.findings] == kinds
    for f in doc.findings:
        assert f.page == 2 and f.figures and all(g.value is not None for g in f.figures)


def _three_public_final():
    rows = [
        "合计\t<\t因公出国(境)费\t<\t公务接待费\t<",
        "预算数\t决算数\t预算数\t决算数\t预算数\t决算数",
        "2.85\t0.39\t0.00\t0.00\t2.85\t0.39",
    ]
    return table_from_rows(
        "t8", rows, 2, table_type="three_public", title="财政拨款“三公”经费支出决算表"
    )


@pytest.mark.parametrize(
    "sentence,found",
    [
        ("2024年度“三公”经费支出决算数小于预算数的主要原因：厉行节约。", False),
        ("2024年度“三公”经费支出决算数大于预算数的主要原因：厉行节约。", True),
        ("公务接待费决算数与预算数持平。", True),
        ("因公出国(境)费决算数与预算数持平。", False),
    ],
)
def test_a_three_public_verdict_without_figures_is_checked_against_the_table(sentence, found):
    doc = document_of(
        _three_public_final(), pages=[explanation_page("七、“三公”经费情况", sentence)]
    )
    reconcile_document(doc)
    kinds = [f.kind for f in doc.findings]
    assert kinds == (["narrative_comparison"] if found else [])
    if found:
        budget, final = doc.findings[0].figures
        assert (budget.table, budget.row) == (final.table, final.row) == ("t8", 2)
        assert final.col == budget.col + 1 and final.value < budget.value
