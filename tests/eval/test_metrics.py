"""Every figure of evaluate() on tiny documents with answers worked out by hand."""

from __future__ import annotations

import json

import pytest

from fiscalocr.eval import EvalItem, cer, evaluate
from fiscalocr.eval.text import page_text
from fiscalocr.model import Reconciliation, Repair, StageTiming, Unresolved

TOP_LEVEL = {
    "cer",
    "numeric_cell_accuracy",
    "grid_exact",
    "teds",
    "teds_structure",
    "table_type_accuracy",
    "section_accuracy",
    "document_facts_accuracy",
    "reconciliation",
    "pages_per_second",
    "peak_rss_mb",
    "by_level",
    "by_kind",
    "baselines",
    "speed_ratio",
}


def test_cer_known_values():
    assert cer("abxd", "abcd") == 0.25
    assert cer("２０24 年", "2024年") == 0.0  # NFKC folds full-width digits; spaces dropped
    assert cer("", "abcd") == 1.0


def test_page_text_follows_rows_then_columns(build):
    lines = [build.line("右", 300, 101), build.line("下", 50, 140), build.line("左", 50, 100)]
    assert page_text(lines) == "左右下"


def test_page_cer_through_evaluate(build):
    truth = build.document(lines=[build.line("ab", 50, 50), build.line("cd", 100, 50)])
    read = build.document(lines=[build.line("abxd", 50, 50, w=90)])
    assert evaluate([EvalItem("d", read, truth)]).cer == 0.25


def _repaired(build, row, col, read, final):
    return build.cell(row, col, final, ocr_text=read, repaired=True)


def test_numeric_accuracy_before_and_after_and_repair_precision(build):
    truth = build.table(
        [["a", "10.00"], ["b", "20.00"], ["c", "30.00"], ["d", "40.00"], ["e", "50.00"]]
    )
    read = build.table(
        [["a", "10.00"], ["b", "20.00"], ["c", "39.00"], ["d", "40.00"], ["e", "50.00"]]
    )
    read.cells[3] = _repaired(build, 1, 1, "28.00", "20.00")  # wrong -> right
    read.cells[7] = _repaired(build, 3, 1, "40.00", "46.00")  # right -> wrong (false repair)
    read.cells[9] = _repaired(build, 4, 1, "59.00", "58.00")  # wrong -> still wrong
    predicted = build.document([read])
    predicted.reconciliation = Reconciliation(
        checks_total=5,
        checks_passed_before=2,
        checks_passed_after=3,
        unresolved=[Unresolved(table="t1", rule="t1:sum:col1", cells=[(2, 1)])],
    )
    m = evaluate([EvalItem("d", predicted, build.document([truth]))])
    # before: 10, 40 right; 28, 39, 59 wrong -> 2/5. after: 10, 20 right; 39, 46, 58 wrong -> 2/5
    assert m.numeric_cell_accuracy.before_reconciliation == pytest.approx(2 / 5)
    assert m.numeric_cell_accuracy.after_reconciliation == pytest.approx(2 / 5)
    assert m.numeric_cell_accuracy.cells == 5
    r = m.reconciliation
    assert (r.repairs, r.repairs_correct, r.false_repairs) == (3, 1, 1)
    assert r.repair_precision == pytest.approx(1 / 3)
    assert (r.checks_total, r.checks_passed_before, r.checks_passed_after, r.unresolved) == (
        5,
        2,
        3,
        1,
    )
    # wrong before: 28 (repaired), 39 (named by the unresolved rule), 59 (repaired) -> all caught
    assert r.wrong_cells_before == 3
    assert r.wrong_cells_caught == 1.0


def test_repairs_listed_only_in_reconciliation_count_too(build):
    truth = build.table([["a", "1.00"], ["b", "2.00"]])
    read = build.table([["a", "1.00"], ["b", "2.00"]])
    predicted = build.document([read])
    predicted.reconciliation.repairs = [
        Repair(table="t1", row=1, col=1, **{"from": "7.00"}, to="2.00", rules=["r"], confidence=0.9)
    ]
    m = evaluate([EvalItem("d", predicted, build.document([truth]))])
    assert m.numeric_cell_accuracy.before_reconciliation == 0.5
    assert m.reconciliation.repair_precision == 1.0


def test_grid_exact_and_offset_grid_tolerance(build):
    rows = [["项目", "金额"], ["合计", "12.50"], ["工资", "12.50"]]
    exact = build.table(rows, "t1", title="甲表")
    truth_b = build.table(rows, "t2", title="乙表")
    for c in truth_b.cells:  # second table lower on the page
        c.bbox = (c.bbox[0], c.bbox[1] + 300, c.bbox[2], c.bbox[3] + 300)
    # read: an extra empty row detected above the header; boxes still where they were
    shifted = build.table([[""]] + rows, "p2", title="乙表")
    shifted.cells = [
        c.model_copy(update={"bbox": (c.bbox[0], c.bbox[1] + 280, c.bbox[2], c.bbox[3] + 280)})
        for c in shifted.cells
    ]
    m = evaluate(
        [EvalItem("d", build.document([exact, shifted]), build.document([exact, truth_b]))]
    )
    assert m.grid_exact == 0.5
    assert m.numeric_cell_accuracy.after_reconciliation == 1.0  # matched by box, not position
    assert 0 < m.teds_structure < 1


def test_table_type_section_and_facts(build):
    truth = build.document(
        [
            build.table([["1.00"]], "t1", type="revenue"),
            build.table([["2.00"]], "t2", type="expenditure"),
        ],
        pages=2,
    )
    truth.tables[1].cells[0].bbox = (50, 400, 110, 420)
    read = build.document(
        [
            build.table([["1.00"]], "a", type="revenue"),
            build.table([["9"]], "b", type="three_public"),
        ],
        pages=2,
        kind="final_account",
        department="某某 局",
        year=2024,
    )
    read.tables[1].cells[0].bbox = (300, 700, 360, 720)  # nowhere near t2, untitled: extra
    read.pages[1].section = "explanation"
    m = evaluate([EvalItem("d", read, truth)])
    tt = m.table_type_accuracy
    assert (tt.accuracy, tt.n) == (1.0, 1)
    assert tt.confusion["expenditure"] == {"∅": 1}
    assert tt.confusion["∅"] == {"three_public": 1}
    assert m.section_accuracy.accuracy == 0.5
    facts = m.document_facts_accuracy
    assert (facts.kind, facts.department, facts.year) == (0.0, 1.0, 1.0)


def test_breakdowns_baselines_speed_and_json_keys(build):
    def page_lines(first: str):
        rows = ["a 1,234.50", "b 7.00"]  # the table's rows (at y 100-140) are page text too
        return [build.line(first, 50, 50)] + [
            build.line(text, 50, 104 + 20 * i, w=110) for i, text in enumerate(rows)
        ]

    truth = build.document(
        [build.table([["a", "1,234.50"], ["b", "7.00"]])], lines=page_lines("abcd")
    )
    good = build.document(
        [build.table([["a", "1,234.50"], ["b", "7.00"]])], lines=page_lines("abcd")
    )
    good.timings = [StageTiming(stage="ocr", seconds=3.0), StageTiming(stage="layout", seconds=1.0)]
    bad = build.document(
        [build.table([["a", "1,284.50"], ["b", "7.00"]])], lines=page_lines("abxd")
    )
    bare = [page_lines("abzz")]
    items = [
        EvalItem(
            "clean",
            good,
            truth,
            level="clean",
            baseline_lines=bare,
            baseline_seconds=1.0,
            ablation=bad,
            peak_rss_mb=812.0,
        ),
        EvalItem("hurt", bad, truth, level="heavy", kind="final_account", peak_rss_mb=900.0),
        EvalItem("plain", good, truth),
    ]
    m = evaluate(items)
    data = json.loads(m.model_dump_json())
    assert set(data) == TOP_LEVEL
    assert set(m.by_level) == {"clean", "heavy", "none"}
    assert set(m.by_kind) == {"budget", "final_account"}
    assert m.by_level["heavy"].numeric_cell_accuracy.after_reconciliation == 0.5
    assert m.by_level["clean"].cer == 0.0
    assert m.cer == pytest.approx(1 / 54)  # 1 edit in 3 pages of 18 characters
    assert m.peak_rss_mb == 900.0
    speed = m.pages_per_second
    assert (speed.value, speed.pages, speed.timed_pages) == (0.25, 3, 2)  # 2 pages in 8 s
    assert speed.seconds_per_page_by_stage == {"ocr": 3.0, "layout": 1.0}
    bare_m = m.baselines.bare_paddleocr
    assert bare_m.cer == pytest.approx(2 / 18)
    assert (bare_m.numbers.recall, bare_m.numbers.precision) == (1.0, 1.0)
    assert m.baselines.ablation.numeric_cell_accuracy.after_reconciliation == 0.5
    assert m.baselines.ablation.teds is None  # not measured: the grid is the pipeline's
    assert m.baselines.ablation_numbers.recall == 0.5
    assert m.speed_ratio == 4.0


def test_labelling_guide_example_is_valid_and_scores_perfectly():
    from pathlib import Path

    from fiscalocr.model import Document

    guide = Path(__file__).parents[2] / "eval" / "LABELLING.md"
    example = guide.read_text(encoding="utf-8").split("```json\n")[1].split("```")[0]
    truth = Document.model_validate_json(example)
    m = evaluate([EvalItem("putuo-2025", truth.model_copy(deep=True), truth)])
    assert (m.cer, m.teds, m.grid_exact, m.section_accuracy.accuracy) == (0.0, 1.0, 1.0, 1.0)
    assert (m.numeric_cell_accuracy.after_reconciliation, m.numeric_cell_accuracy.cells) == (1.0, 1)


def test_nothing_to_evaluate_gives_unmeasured_figures():
    m = evaluate([])
    assert (m.cer, m.teds, m.grid_exact, m.numeric_cell_accuracy.after_reconciliation) == (
        None,
    ) * 4
    assert (m.by_level, m.baselines, m.speed_ratio) == ({}, None, None)


def test_amounts_must_match_to_the_last_digit():
    from fiscalocr.eval.values import same_amount

    assert not same_amount(10070.49, 10070.48)
    assert not same_amount(371514655.01, 371514655.00)
    assert same_amount(0.1 + 0.2, 0.3)  # float noise is not an error
    assert same_amount(1234567.8 * 3 / 3, 1234567.8)
    assert not same_amount(None, 1.0)


def test_headline_lists_the_key_figures_without_confusion_matrices():
    from fiscalocr.eval.metrics import HEADLINE_KEYS, LabelAccuracy, Metrics

    metrics = Metrics(
        grid_exact=0.5,
        table_type_accuracy=LabelAccuracy(n=2, accuracy=0.5, confusion={"a": {"b": 1}}),
    )
    headline = metrics.headline()
    assert tuple(headline) == HEADLINE_KEYS
    assert headline["grid_exact"] == 0.5
    assert headline["table_type_accuracy"]["accuracy"] == 0.5
    assert "confusion" not in headline["table_type_accuracy"]


def test_amounts_that_reached_no_cell_and_wrong_amounts_nothing_flags(build):
    from fiscalocr.model import AMOUNTS_OUTSIDE_TABLES, ErrorRecord

    truth = build.table([["a", "10.00"], ["b", "20.00"], ["c", "30.00"], ["d", "40.00"]])
    read = build.table([["a", "10.00"], ["b", "29.00"], ["c", ""], ["d", "41.00"]])
    predicted = build.document([read])
    predicted.reconciliation = Reconciliation(
        unresolved=[Unresolved(table="t1", rule="t1:sum:col1", cells=[(3, 1)])]
    )
    # 30.00 reached no cell, and the page's warning box covers where it is printed
    box = read.cell_at(2, 1).bbox
    predicted.pages[0].errors.append(
        ErrorRecord(code=AMOUNTS_OUTSIDE_TABLES, message="1 amount", severity="warning",
                    count=1, bboxes=[(box[0] + 5, box[1] + 4, box[2] - 5, box[3] - 4)])
    )  # fmt: skip
    n = evaluate([EvalItem("d", predicted, build.document([truth]))]).numeric_cell_accuracy
    assert (n.cells, n.not_in_cell, n.not_in_cell_warned) == (4, 1, 1)
    assert n.wrong_unflagged == 1  # 29.00 for 20.00; 41.00 is named by an unresolved rule
    assert n.wrong_unflagged_rate == pytest.approx(1 / 4)
