"""The canonical grid of a table: what a reader sees, whatever grid the cells were laid on.

Two tables can look identical and still index their cells differently. A ground truth
may carry grid lines that no cell edge ever uses (the synthetic 绩效目标表 is drawn on 8
columns while every cell spans 2 of them, so the page shows 4-5 columns); a detector
that sees only the drawn rules finds the narrower grid. Both are right. So grids are
compared on the grid lines some cell edge actually uses: every position no cell covers
counts as an empty 1×1 cell (its edges are real: an empty column is still a column), and
each remaining row and column line is renumbered by rank.
"""

from __future__ import annotations

from dataclasses import dataclass

from fiscalocr.model import Cell, Table


@dataclass(frozen=True)
class GridCell:
    """One cell on the canonical grid; ``cell`` is None for an uncovered (empty) position."""

    row: int
    col: int
    rowspan: int
    colspan: int
    cell: Cell | None


@dataclass(frozen=True)
class CanonicalGrid:
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]  # in (row, col) order

    def spans(self) -> frozenset[tuple[int, int, int, int]]:
        """(row, col, rowspan, colspan) of every labelled cell that spans more than one."""
        return frozenset(
            (g.row, g.col, g.rowspan, g.colspan)
            for g in self.cells
            if g.cell is not None and (g.rowspan > 1 or g.colspan > 1)
        )


def grid_size(table: Table) -> tuple[int, int]:
    """Rows and columns as declared, grown to hold every cell."""
    rows = max([table.n_rows] + [c.row + c.rowspan for c in table.cells])
    cols = max([table.n_cols] + [c.col + c.colspan for c in table.cells])
    return rows, cols


def _boxes(table: Table) -> list[tuple[int, int, int, int, Cell | None]]:
    """(r0, c0, r1, c1, cell) for each cell, plus a 1×1 empty box per uncovered position.

    Overlapping cells keep the first in (row, col) order, as a browser would."""
    n_rows, n_cols = grid_size(table)
    covered = [[False] * n_cols for _ in range(n_rows)]
    boxes: list[tuple[int, int, int, int, Cell | None]] = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if covered[cell.row][cell.col]:
            continue
        r1, c1 = min(n_rows, cell.row + cell.rowspan), min(n_cols, cell.col + cell.colspan)
        boxes.append((cell.row, cell.col, r1, c1, cell))
        for r in range(cell.row, r1):
            for c in range(cell.col, c1):
                covered[r][c] = True
    boxes += [
        (r, c, r + 1, c + 1, None)
        for r in range(n_rows)
        for c in range(n_cols)
        if not covered[r][c]
    ]
    return boxes


def canonical_grid(table: Table) -> CanonicalGrid:
    """The table on the grid lines its cells' edges use, renumbered from 0."""
    boxes = _boxes(table)
    rank_r = {v: i for i, v in enumerate(sorted({v for b in boxes for v in (b[0], b[2])}))}
    rank_c = {v: i for i, v in enumerate(sorted({v for b in boxes for v in (b[1], b[3])}))}
    cells = sorted(
        (
            GridCell(rank_r[r0], rank_c[c0], rank_r[r1] - rank_r[r0], rank_c[c1] - rank_c[c0], cell)
            for r0, c0, r1, c1, cell in boxes
        ),
        key=lambda g: (g.row, g.col),
    )
    return CanonicalGrid(max(len(rank_r) - 1, 0), max(len(rank_c) - 1, 0), tuple(cells))
