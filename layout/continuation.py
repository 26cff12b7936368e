"""A header-less continuation cut again at the columns of the table it continues.

Without column rules, a page's columns come from the gaps in its text (``textgrid``). A
continuation page where one column holds nothing (no 项目支出 on these rows) has one
gap where the first page had two, and its grid merges the empty column into a
neighbour: the fragment has a column fewer and cannot join. The previous page's columns,
moved onto this page's table, are the right cut when no text piece of the fragment
crosses them; its rows stay its own. (Cuts in the middle of wide gaps also move from page
to page with the widths of the texts, so even a fragment with as many columns may need
them.)
"""

from __future__ import annotations

from collections.abc import Sequence

from fiscalocr.model import Cell, Page, Table

from .geometry import RuleLine, centre, cluster_positions
from .grid import build_grid
from .options import LayoutOptions
from .pieces import line_pieces
from .placement import place_text
from .tables import make_fragment


def column_lines(cells: Sequence[Cell], snap: float) -> list[float]:
    """The x positions of a table's column lines, from its cells' edges."""
    return cluster_positions([x for c in cells for x in (c.bbox[0], c.bbox[2])], snap)


def _row_lines(cells: Sequence[Cell], snap: float) -> list[float]:
    return cluster_positions([y for c in cells for y in (c.bbox[1], c.bbox[3])], snap)


def regrid_at_columns(prev: Table, frag: Table, page: Page, options: LayoutOptions) -> Table | None:
    """``frag`` re-gridded at ``prev``'s columns (scaled onto ``frag``'s width), or None
    when it has more columns, is not as wide, or text would be cut. Also for as many
    columns: cuts placed from the gaps of other text fall elsewhere on each page."""
    last_page = [c for c in prev.cells if c.page == prev.pages[-1]] or prev.cells
    prev_xs = column_lines(last_page, options.snap_pt)
    if frag.n_cols > len(prev_xs) - 1:
        return None
    fx0, fy0, fx1, fy1 = frag.regions[0].bbox
    width = prev_xs[-1] - prev_xs[0]
    if width <= 0:
        return None
    slack = options.column_match_tol * width
    if abs((fx1 - fx0) - width) <= slack:
        scale = (fx1 - fx0) / width
        xs = [fx0 + (x - prev_xs[0]) * scale for x in prev_xs]
    elif prev_xs[0] - slack <= fx0 and fx1 <= prev_xs[-1] + slack:
        # narrower, and within the columns of the page before: a block found from its
        # text alone ends where its text ends, and the last columns print nothing on
        # these rows (bench-v2 medium p10 under augraphy: two of a 收支总表's four
        # amount columns). The pages of one scan share their geometry, so prev's lines
        # stand where they stood.
        xs = list(prev_xs)
        fx0, fx1 = xs[0], xs[-1]
    else:
        return None
    lines = [
        line
        for line in page.lines
        if fx0 <= centre(line.bbox)[0] <= fx1 and fy0 <= centre(line.bbox)[1] <= fy1
    ]
    spans = [(p.bbox[0], p.bbox[2]) for p in line_pieces(lines, options.min_column_gap_pt)]
    moved = [_clear_of_text(xs, k, spans, options.min_column_gap_pt) for k in range(1, len(xs) - 1)]
    if any(x is None for x in moved):
        return None
    xs = [xs[0], *moved, xs[-1]]  # type: ignore[list-item]
    ys = _row_lines(frag.cells, options.snap_pt)
    rules = [RuleLine("v", x, ys[0], ys[-1], virtual=True) for x in xs]
    for cell in frag.cells:  # the fragment's own row structure (row spans) stays
        x0, y0, x1, y1 = cell.bbox
        rules += [RuleLine("h", y0, x0, x1, virtual=True), RuleLine("h", y1, x0, x1, virtual=True)]
    grid = build_grid(rules, options, xs, ys)
    placed, _ = place_text(grid, page.lines, options)
    again = make_fragment(grid, placed, frag.pages[0], 1)
    return again.model_copy(
        update={"id": frag.id, "title": frag.title, "unit": frag.unit, "notes": list(frag.notes)}
    )


def _clear_of_text(
    xs: list[float], k: int, spans: Sequence[tuple[float, float]], min_gap: float
) -> float | None:
    """Column line ``xs[k]``, or the nearest place between its neighbours where no text
    span crosses it (a line placed in the middle of page one's gap may cut a longer
    label here); None when the text leaves no such place."""
    half = min_gap / 2
    lo, hi = xs[k - 1] + half, xs[k + 1] - half
    blocked = sorted((a - half, b + half) for a, b in spans if b + half > lo and a - half < hi)
    free, cursor = [], lo
    for a, b in blocked:
        if a > cursor:
            free.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < hi:
        free.append((cursor, hi))
    if not free:
        return None
    return min((min(max(xs[k], a), b) for a, b in free), key=lambda x: abs(x - xs[k]))
