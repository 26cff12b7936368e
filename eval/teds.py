"""TEDS: tree-edit-distance similarity of tables, as PubTabNet defines it.

A table becomes the HTML tree ``table › tr › td`` (td carrying colspan, rowspan and its
text). ``TEDS = 1 - TED(a, b) / max(|a|, |b|)`` with unit insert/delete; renaming costs 1
when tags or spans differ, and for two td the normalised Levenshtein distance of their
text (0 when text is ignored, which gives TEDS-structure).

Contract tables may leave empty cells out; every grid position no cell covers is filled
with an empty 1×1 td, so "missing" and "empty" compare equal. Trees are built on the
canonical grid (grid lines no cell edge uses dropped), so two tables that look the same
score 1 however many invisible grid lines either was laid on.
"""

from __future__ import annotations

import numpy as np

from fiscalocr.model import Table

from .grid import canonical_grid
from .text import normalise_text
from .tree_edit import TreeNode, tree_edit_distance


def table_tree(table: Table, with_content: bool = True) -> TreeNode:
    """The PubTabNet-style HTML tree of a table, on its canonical grid (see ``grid``)."""
    grid = canonical_grid(table)
    root = TreeNode("table")
    rows = [TreeNode("tr") for _ in range(grid.n_rows)]
    for g in grid.cells:  # in (row, col) order, so each tr gets its tds left to right
        text = normalise_text(g.cell.text) if with_content and g.cell is not None else ""
        rows[g.row].children.append(TreeNode("td", g.colspan, g.rowspan, text))
    root.children = rows
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
