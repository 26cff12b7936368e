"""eval at real scale: truth tables of a real disclosure, predictions made from them with
known damage, so the expected figures are exact. Skips without ../shared/real-pdfs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from fiscalocr.eval import EvalItem, evaluate
from fiscalocr.model import Document, parse_amount

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-pdfs"
PDF = REAL / "js-cppcc-office-2018-budget-tables.pdf"

pytestmark = pytest.mark.realpdfs


@pytest.fixture(scope="module")
def truth() -> Document:
    if not PDF.exists():
        pytest.skip(f"real PDFs not present at {REAL} (only in the project's workspace)")
    from fiscalocr.datasets.realpdf.build import derive_ground_truth

    return derive_ground_truth(PDF)


def _amounts(document: Document):
    return [(t, c) for t in document.tables for c in t.cells if c.value is not None]


def test_identical_document_scores_perfectly(truth):
    start = time.perf_counter()
    m = evaluate([EvalItem("real", truth.model_copy(deep=True), truth)])
    assert time.perf_counter() - start < 20
    assert (m.teds, m.teds_structure, m.grid_exact) == (1.0, 1.0, 1.0)
    assert m.numeric_cell_accuracy.after_reconciliation == 1.0
    assert m.numeric_cell_accuracy.cells == len(_amounts(truth)) > 50


def test_known_digit_errors_and_repairs(truth):
    read = truth.model_copy(deep=True)
    amounts = _amounts(read)
    broken = amounts[::10]  # every tenth amount misread: one more in its last digit
    for _, cell in broken:
        cell.text = cell.text[:-1] + str((int(cell.text[-1]) + 1) % 10)
        cell.value = parse_amount(cell.text)
    fixed = broken[::2]  # reconciliation puts half of them back
    for table, cell in fixed:
        original = next(
            c for c in truth.table(table.id).cells if (c.row, c.col) == (cell.row, cell.col)
        )
        cell.ocr_text, cell.text, cell.value, cell.repaired = (
            cell.text,
            original.text,
            original.value,
            True,
        )
    m = evaluate([EvalItem("real", read, truth)])
    n = len(amounts)
    assert m.numeric_cell_accuracy.before_reconciliation == pytest.approx((n - len(broken)) / n)
    assert m.numeric_cell_accuracy.after_reconciliation == pytest.approx(
        (n - len(broken) + len(fixed)) / n
    )
    assert m.reconciliation.repair_precision == 1.0
    assert m.reconciliation.wrong_cells_caught == pytest.approx(len(fixed) / len(broken))
    assert 0.9 < m.teds < 1.0 and m.teds_structure == 1.0


def test_grid_shifted_by_one_row_keeps_amounts_right(truth):
    read = truth.model_copy(deep=True)
    for table in read.tables:  # an extra row detected on top: every row index one lower
        for cell in table.cells:
            cell.row += 1
        table.n_rows += 1
    m = evaluate([EvalItem("real", read, truth)])
    assert m.grid_exact == 0.0
    assert m.numeric_cell_accuracy.after_reconciliation == 1.0  # found by box, not position
    assert m.teds_structure < 1.0
