"""TEDS on hand-made tables whose tree edit distance can be worked out on paper."""

from __future__ import annotations

import pytest

from fiscalocr.eval.teds import table_tree, teds
from fiscalocr.eval.tree_edit import TreeNode, tree_edit_distance
from fiscalocr.model import Table


def test_identical_tables_score_one(build):
    t = build.table([["项目", "金额"], ["合计", "359.95"]])
    assert teds(t, t) == 1.0
    assert teds(t, t, structure_only=True) == 1.0


def test_one_cell_text_difference(build):
    # table + 2 tr + 4 td = 7 nodes; renaming 'abc' -> 'abd' costs 1/3
    truth = build.table([["abc", "x"], ["y", "z"]])
    read = build.table([["abd", "x"], ["y", "z"]])
    assert teds(read, truth) == pytest.approx(1 - (1 / 3) / 7)


def test_structure_only_ignores_content(build):
    truth = build.table([["abc", "x"], ["y", "z"]])
    read = build.table([["完全不同", "1"], ["2", "3"]])
    assert teds(read, truth) < 0.6
    assert teds(read, truth, structure_only=True) == 1.0


def test_span_difference_lowers_structure_score(build):
    # truth: table(tr(td colspan=2), tr(td, td)) = 6 nodes; read has no span = 7 nodes.
    # Cheapest edit: rename the spanning td to a plain td (1) and insert one td (1) = 2.
    truth = Table(
        id="t",
        n_rows=2,
        n_cols=2,
        cells=[build.cell(0, 0, "h", colspan=2), build.cell(1, 0, "a"), build.cell(1, 1, "b")],
    )
    read = build.table([["h", ""], ["a", "b"]])
    assert teds(read, truth, structure_only=True) == pytest.approx(1 - 2 / 7)


def test_missing_empty_cells_equal_explicit_empty_cells(build):
    full = build.table([["a", ""], ["", "d"]])
    sparse = Table(id="t", n_rows=2, n_cols=2, cells=[build.cell(0, 0, "a"), build.cell(1, 1, "d")])
    assert teds(sparse, full) == 1.0
    assert table_tree(sparse).size() == 7


def test_missed_table_scores_zero(build):
    assert teds(None, build.table([["a"]])) == 0.0


def test_zhang_shasha_textbook_example():
    # Zhang & Shasha (1989): f(d(a, c(b)), e) -> f(c(d(a, b)), e) costs 2
    def n(tag, *children):
        return TreeNode(tag, children=list(children))

    a = n("f", n("d", n("a"), n("c", n("b"))), n("e"))
    b = n("f", n("c", n("d", n("a"), n("b"))), n("e"))

    def unit(xs, ys):
        return [[0.0 if x.tag == y.tag else 1.0 for y in ys] for x in xs]

    assert tree_edit_distance(a, b, unit) == 2.0


def test_forty_by_eight_table_one_digit_wrong(build):
    rows = [[f"{r * 8 + c}.5" if c else f"科目{r}" for c in range(8)] for r in range(40)]
    wrong = [row[:] for row in rows]
    wrong[17][3] = "999.5"  # truth '139.5': 2 of 5 characters differ
    nodes = 1 + 40 + 320
    assert teds(build.table(wrong), build.table(rows)) == pytest.approx(1 - (2 / 5) / nodes)
