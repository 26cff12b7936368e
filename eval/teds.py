"""TEDS: tree-edit-distance similarity of tables, as PubTabNet defines it.

A table becomes the HTML tree ``table › tr › td`` (td carrying colspan, rowspan and its
text). ``TEDS = 1 - TED(a, b) / max(|a|, |b|)`` with unit insert/delete; renaming costs 1
when tags or spans differ, and for two td the normalised Levenshtein distance of their
text (0 when text is ignored, which gives TEDS-structure).

Contract tables may leave empty cells out; every grid position no cell covers is filled
with an empty 1×1 td, so "missing" and "empty" compare equal.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model import Table

from .text import normalise_text
from .tree_edit import TreeNode, tree_edit_distance


def _grid_size(table: Table) -> tuple[int, int]:
    rows = max([table.n_rows] + [c.row + c.rowspan for c in table.cells])
    cols = max([table.n_cols] + [c.col + c.colspan for c in table.cells])
    return rows, cols


def table_tree(table: Table, with_content: bool = True) -> TreeNode:
    """The PubTabNet-style HTML tree of a table."""
    n_rows, n_cols = _grid_size(table)
    covered = [[False] * n_cols for _ in range(n_rows)]
    starts: dict[tuple[int, int], TreeNode] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if covered[cell.row][cell.col]:
            continue  # overlapping cells: keep the first, as a browser would
        text = normalise_text(cell.text) if with_content else ""
        starts[(cell.row, cell.col)] = TreeNode("td", cell.colspan, cell.rowspan, text)
        for r in range(cell.row, min(n_rows, cell.row + cell.rowspan)):
            for c in range(cell.col, min(n_cols, cell.col + cell.colspan)):
                covered[r][c] = True
    root = TreeNode("table")
    for r in range(n_rows):
        tr = TreeNode("tr")
        for c in range(n_cols):
            if (r, c) in starts:
                tr.children.append(starts[(r, c)])
            elif not covered[r][c]:
                tr.children.append(TreeNode("td"))
        root.children.append(tr)
    return root


def _rename_costs(nodes_a: list[TreeNode], nodes_b: list[TreeNode]) -> np.ndarray:
    """PubTabNet's rename cost for every node pair, computed in bulk."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    def columns(nodes: list[TreeNode]):
        tags = np.array([n.tag for n in nodes])
        spans = np.array([(n.colspan, n.rowspan) for n in nodes])
        return tags, spans, tags == "td", np.array([bool(n.content) for n in nodes])

    tag_a, span_a, td_a, text_a = columns(nodes_a)
    tag_b, span_b, td_b, text_b = columns(nodes_b)
    differ = (tag_a[:, None] != tag_b[None, :]) | (span_a[:, None, :] != span_b[None, :, :]).any(-1)
    costs = differ.astype(float)
    compare = ~differ & td_a[:, None] & td_b[None, :] & (text_a[:, None] | text_b[None, :])
    if compare.any():
        rows, cols = np.flatnonzero(compare.any(1)), np.flatnonzero(compare.any(0))
        text = cdist(
            [nodes_a[r].content for r in rows],
            [nodes_b[c].content for c in cols],
            scorer=Levenshtein.normalized_distance,
            workers=1,
            dtype=np.float64,
        )
        block = costs[np.ix_(rows, cols)]
        wanted = compare[np.ix_(rows, cols)]
        block[wanted] = text[wanted]
        costs[np.ix_(rows, cols)] = block
    return costs


def teds(predicted: Table | None, truth: Table, structure_only: bool = False) -> float:
    """Similarity in [0, 1]; 0 when no table was predicted."""
    if predicted is None:
        return 0.0
    a = table_tree(predicted, with_content=not structure_only)
    b = table_tree(truth, with_content=not structure_only)
    if a == b:  # equal trees (dataclass equality is deep): skip the costly distance
        return 1.0
    distance = tree_edit_distance(a, b, _rename_costs)
    return 1.0 - distance / max(a.size(), b.size())
