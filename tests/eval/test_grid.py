"""Canonical grids: invisible grid lines (no cell edge on them) do not change a table."""

from __future__ import annotations

import pytest

from fiscalocr.eval.grid import canonical_grid
from fiscalocr.eval.scoring import grid_signature
from fiscalocr.eval.teds import teds
from fiscalocr.model import Table


def _doubled(build) -> Table:
    """A 绩效目标表-like truth: laid on 6 columns, every cell 2 wide, so 3 columns show."""
    cells = [
        build.cell(0, 0, "部门名称", colspan=2),
        build.cell(0, 2, "某某局", colspan=4),
        build.cell(1, 0, "产出指标", colspan=2, rowspan=2),
        build.cell(1, 2, "数量指标", colspan=2),
        build.cell(1, 4, "≥6项", colspan=2),
        build.cell(2, 2, "质量指标", colspan=2),
        build.cell(2, 4, "≥95%", colspan=2),
    ]
    return Table(id="truth", n_rows=3, n_cols=6, cells=cells, pages=[1])


def _as_drawn(build) -> Table:
    """The same table as a detector finds it from the drawn rules: 3 columns."""
    cells = [
        build.cell(0, 0, "部门名称"),
        build.cell(0, 1, "某某局", colspan=2),
        build.cell(1, 0, "产出指标", rowspan=2),
        build.cell(1, 1, "数量指标"),
        build.cell(1, 2, "≥6项"),
        build.cell(2, 1, "质量指标"),
        build.cell(2, 2, "≥95%"),
    ]
    return Table(id="read", n_rows=3, n_cols=3, cells=cells, pages=[1])


def test_unused_grid_columns_are_dropped(build):
    grid = canonical_grid(_doubled(build))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert grid.spans() == {(0, 1, 1, 2), (1, 0, 2, 1)}


def test_same_look_same_grid_and_full_teds(build):
    truth, read = _doubled(build), _as_drawn(build)
    assert grid_signature(read) == grid_signature(truth)
    assert teds(read, truth, structure_only=True) == 1.0
    assert teds(read, truth) == 1.0


def test_empty_column_still_counts(build):
    # An uncovered column is a real (empty) column a reader sees: it must not vanish.
    truth = build.table([["项目", "", "金额"], ["合计", "", "1.00"]])
    sparse = Table(
        id="t",
        n_rows=2,
        n_cols=3,
        cells=[c for c in truth.cells if c.text],
        pages=[1],
    )
    narrow = build.table([["项目", "金额"], ["合计", "1.00"]])
    assert canonical_grid(sparse).n_cols == 3
    assert grid_signature(sparse) == grid_signature(truth)
    assert grid_signature(narrow) != grid_signature(truth)
    assert teds(narrow, truth, structure_only=True) == pytest.approx(1 - 2 / 9)


def test_real_span_difference_is_still_a_wrong_grid(build):
    # Merging two visible columns is a layout error, canonical or not.
    truth = _as_drawn(build)
    merged = Table(
        id="m",
        n_rows=3,
        n_cols=3,
        cells=[c for c in truth.cells if (c.row, c.col) != (1, 2)]
        + [build.cell(1, 1, "数量指标 ≥6项", colspan=2)],
        pages=[1],
    )
    merged.cells = [c for c in merged.cells if not (c.row == 1 and c.col == 1 and c.colspan == 1)]
    assert grid_signature(merged) != grid_signature(truth)
    assert teds(merged, truth, structure_only=True) < 1.0
