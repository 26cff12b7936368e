"""A continuation that prints other columns than its table: one framed form, two layouts.

A performance-target form (项目支出绩效目标表) prints its fund rows in five columns and its
indicator rows in eight or nine, inside one frame. A page break inside the form leaves two
fragments whose columns cannot match, so neither ``columns_match`` nor re-gridding at the
previous page's columns joins them, and the part on the first page (the amounts) is cut
off from the rest of its table.

Such a fragment is joined on the union of both fragments' column lines: every cell keeps
its own left and right line, now counted in the wider grid, so a cell of the five-column
part spans the columns of the eight-column part it stands over. Without the matching
columns to prove a continuation, the pages' layout must: the previous table runs to the
foot of its page (nothing but a page number below it), the fragment opens its page
(nothing but a running head above it), and both frames have the same left and right
edges. The caller has already checked that no title opens the fragment, above it or in
its first rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from fiscalocr.model import Cell, Page, Table

from .continuation import column_lines
from .geometry import cluster_positions
from .options import LayoutOptions


def union_lines(
    ours: Sequence[float], theirs: Sequence[float], snap: float
) -> tuple[list[float], list[int], list[int]] | None:
    """The union of two sets of column lines, and where each set's lines fall in it.

    None when two lines of one set fall on one union line: the sets are not two layouts
    of one frame but one table's lines drawn twice with different widths."""
    union = cluster_positions([*ours, *theirs], snap)

    def placed(lines: Sequence[float]) -> list[int] | None:
        index = [min(range(len(union)), key=lambda k: abs(union[k] - x)) for x in lines]
        increasing = all(a < b for a, b in zip(index, index[1:], strict=False))
        return index if increasing else None

    mine, yours = placed(ours), placed(theirs)
    if mine is None or yours is None:
        return None
    return union, mine, yours


def _regridded(cells: Sequence[Cell], at: Sequence[int]) -> list[Cell]:
    return [
        cell.model_copy(
            update={"col": at[cell.col], "colspan": at[cell.col + cell.colspan] - at[cell.col]}
        )
        for cell in cells
    ]


def _only_short_lines(page: Page, above: float | None, below: float | None, most: int) -> bool:
    """No line of more than ``most`` characters lies above ``above`` (or below ``below``):
    a page number or a running head may, a paragraph or another table may not."""
    for line in page.lines:
        x0, y0, x1, y1 = line.bbox
        outside = (above is not None and y1 <= above) or (below is not None and y0 >= below)
        if outside and len(line.text.replace(" ", "")) > most:
            return False
    return True


def _same_frame(a: tuple, b: tuple, tol: float) -> bool:
    width = max(a[2] - a[0], 1e-6)
    return abs(a[0] - b[0]) <= tol * width and abs(a[2] - b[2]) <= tol * width


def joined_on_union(
    prev: Table, frag: Table, pages: dict[int, Page], options: LayoutOptions
) -> tuple[Table, Table] | None:
    """``prev`` and ``frag`` re-counted on the union of their column lines, ready to be
    appended, or None when the pages do not show one frame broken by the page."""
    prev_page, frag_page = pages.get(prev.pages[-1]), pages.get(frag.pages[0])
    if prev_page is None or frag_page is None or prev.n_cols == frag.n_cols:
        return None
    prev_box, frag_box = prev.regions[-1].bbox, frag.regions[0].bbox
    most = options.page_furniture_chars
    if not (
        _same_frame(prev_box, frag_box, options.column_match_tol)
        and _only_short_lines(prev_page, None, prev_box[3], most)
        and _only_short_lines(frag_page, frag_box[1], None, most)
    ):
        return None
    last_page = [c for c in prev.cells if c.page == prev.pages[-1]]
    ours, theirs = (
        column_lines(last_page, options.snap_pt),
        column_lines(frag.cells, options.snap_pt),
    )
    if len(ours) != prev.n_cols + 1 or len(theirs) != frag.n_cols + 1:
        return None  # some column line has no cell edge on it: the cells miss the grid
    scale = (ours[-1] - ours[0]) / max(theirs[-1] - theirs[0], 1e-6)
    moved = [ours[0] + (x - theirs[0]) * scale for x in theirs]  # onto prev's page frame
    merged = union_lines(ours, moved, options.snap_pt)
    if merged is None:
        return None
    union, at_prev, at_frag = merged
    n_cols = len(union) - 1
    widened = prev.model_copy(update={"cells": _regridded(prev.cells, at_prev), "n_cols": n_cols})
    moved_frag = frag.model_copy(
        update={"cells": _regridded(frag.cells, at_frag), "n_cols": n_cols}
    )
    return widened, moved_frag
