"""Spanning cells of a table whose columns came from text alignment (no column rules).

With no printed column rule, a header cell over several columns (``项目`` over code and
name, ``本年支出`` over 小计/基本支出/项目支出) is only a short centred text in one row,
and a total row's ``合计`` sits in the name column with the code cell beside it empty.
Alignment would cut both into single cells. A person reads them as spans, and so does the
truth: in a header row, an empty cell belongs to the centred text nearest it in that row,
and a total row's empty cells left of its only label belong to that label. An empty
header cell with an unruled edge above or below is part of a row span the rules already
show, so it is left alone. Pure functions of boxes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .geometry import centre
from .pieces import Piece, is_numeric_text

_TOTAL_LABEL = re.compile(r"^(合计|总计|本年.{0,6}合计)$")


def _cells(columns: Sequence[float], band: Sequence[Piece]) -> list[list[Piece]]:
    return [
        [p for p in band if a <= centre(p.bbox)[0] < b]
        for a, b in zip(columns, columns[1:], strict=False)
    ]


def header_groups(
    columns: Sequence[float],
    band: Sequence[Piece],
    ruled_above: Sequence[bool],
    ruled_below: Sequence[bool],
    aligned_pt: float,
) -> list[int]:
    """For each cell of a header row between ``columns``, the cell it spans with.

    An empty cell ruled above and below joins the text cell whose text centre is nearest
    its own centre, if that text may span: centred words, not a number (a 栏次 row
    numbers single columns) and not text set at its cell's left edge (within
    ``aligned_pt``: a body label such as ``一、政府采购情况`` that opens a group). An empty
    cell open above or below is part of a row span the rules show; it stays apart.
    """
    cells = _cells(columns, band)
    groups = list(range(len(cells)))
    texts = [k for k, cell in enumerate(cells) if cell and _may_span(cell, columns[k], aligned_pt)]
    if not texts:
        return groups
    mids = {k: sum(centre(p.bbox)[0] for p in cells[k]) / len(cells[k]) for k in texts}
    for k, cell in enumerate(cells):
        if cell or not ruled_above[k] or not ruled_below[k]:
            continue
        middle = (columns[k] + columns[k + 1]) / 2
        groups[k] = min(texts, key=lambda t: abs(mids[t] - middle))
    return _contiguous(groups)


def _may_span(cell: Sequence[Piece], left: float, aligned_pt: float) -> bool:
    if any(is_numeric_text(p.text) for p in cell):
        return False
    return min(p.bbox[0] for p in cell) - left > aligned_pt


def total_row_groups(columns: Sequence[float], band: Sequence[Piece]) -> list[int]:
    """For each cell of a body row, the cell it spans with: a row whose only label is a
    total (``合计``) spans the empty cells left of it; every other row is single cells."""
    cells = _cells(columns, band)
    groups = list(range(len(cells)))
    labels = [k for k, cell in enumerate(cells) if any(not is_numeric_text(p.text) for p in cell)]
    if len(labels) != 1:
        return groups
    k = labels[0]
    text = "".join(p.text for p in cells[k]).replace(" ", "")
    if not _TOTAL_LABEL.match(text) or any(cells[j] for j in range(k)):
        return groups
    return [k if j < k else g for j, g in enumerate(groups)]


def _contiguous(groups: list[int]) -> list[int]:
    """Groups that are not runs of neighbours are split back into single cells (a text
    between would leave a span with a hole)."""
    out = list(groups)
    for g in set(groups):
        members = [k for k, x in enumerate(groups) if x == g]
        if members != list(range(members[0], members[-1] + 1)):
            for k in members:
                out[k] = k
    return out


def merged_between(groups: Sequence[int]) -> list[bool]:
    """For each inner column line, whether the cells on its two sides are one span."""
    return [a == b for a, b in zip(groups, groups[1:], strict=False)]
