"""Drop a table's outermost columns when no cell of them holds any text.

A rule that runs past the table's frame (a worn frame the faint finder extends, a row rule
smeared over the margin on textured paper, a copier streak beside the frame) makes a
grid line outside the printed frame, and the band between them an extra column. No
printed column is empty from header to last row: even a column without amounts names
itself in the header. The extra column costs nothing in amounts, but it shifts every
column's share of the table's width, so a continuation page that lacks it no longer
matches its table's columns and is not joined (bench-v2 medium p9-p10 under augraphy).
Only a column whose outer line no vertical rule draws is dropped: a continuation page's
last column may be empty on that page, inside a printed frame.
"""

from __future__ import annotations

from .geometry import covered_length
from .grid import CellGrid, GridCell
from .placement import CellText

_DRAWN_SHARE = 0.5
"""An outer edge is drawn when vertical rules cover this share of the table's height."""


def _empty_column(grid: CellGrid, placed: dict[int, CellText], col: int) -> bool:
    """No cell that lies wholly in column ``col`` holds text, and some cell does lie there."""
    own = [i for i, c in enumerate(grid.cells) if c.col == col and c.colspan == 1]
    return bool(own) and all(not (placed.get(i) and placed[i].text.strip()) for i in own)


def _drawn(grid: CellGrid, x: float, snap: float) -> bool:
    """Whether a vertical rule (printed or from text) draws the grid line at ``x``: a
    header-less continuation's last column may be empty on its page, but its frame is
    printed; an overhang's outer line is only where horizontal rules end."""
    top, bottom = grid.ys[0], grid.ys[-1]
    spans = [
        (r.start, r.end) for r in grid.rules if r.orientation == "v" and abs(r.pos - x) <= snap
    ]
    return covered_length(spans, top, bottom) >= _DRAWN_SHARE * (bottom - top)


def _overhang(grid: CellGrid, placed: dict[int, CellText], col: int, snap: float) -> bool:
    outer = grid.xs[0] if col == 0 else grid.xs[-1]
    return _empty_column(grid, placed, col) and not _drawn(grid, outer, snap)


def without_empty_edge_columns(
    grid: CellGrid, placed: dict[int, CellText], snap: float
) -> tuple[CellGrid, dict[int, CellText]]:
    """``grid`` and its placed text without an empty first or last column whose outer line
    no vertical rule draws (at most one each, never leaving fewer than two columns)."""
    first, last = 0, grid.n_cols - 1
    if grid.n_cols > 2 and _overhang(grid, placed, last, snap):
        last -= 1
    if last - first > 1 and _overhang(grid, placed, first, snap):
        first += 1
    if (first, last) == (0, grid.n_cols - 1):
        return grid, placed
    xs = grid.xs[first : last + 2]
    cells: list[GridCell] = []
    kept: dict[int, CellText] = {}
    for i, cell in enumerate(grid.cells):
        lo, hi = max(cell.col, first), min(cell.col + cell.colspan - 1, last)
        if lo > hi:
            continue
        x0, y0, x1, y1 = cell.bbox
        bbox = (max(x0, xs[0]), y0, min(x1, xs[-1]), y1)
        cells.append(GridCell(cell.row, lo - first, cell.rowspan, hi - lo + 1, bbox))
        if i in placed:
            kept[len(cells) - 1] = placed[i]
    return CellGrid(xs=xs, ys=list(grid.ys), cells=cells, rules=list(grid.rules)), kept
