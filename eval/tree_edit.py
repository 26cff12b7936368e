"""Zhang–Shasha ordered tree edit distance (unit insert/delete, caller-given rename cost).

TEDS (PubTabNet) is defined with APTED; both compute the same optimal edit distance, and
Zhang–Shasha is short enough to keep here. Table trees are shallow (table › tr › td), so
its cost is dominated by the root pair: a 40×8 table (~360 nodes) takes well under a
second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

INSERT_COST = 1.0
DELETE_COST = 1.0


@dataclass
class TreeNode:
    """One HTML element of a table tree."""

    tag: str
    colspan: int = 1
    rowspan: int = 1
    content: str = ""
    children: list[TreeNode] = field(default_factory=list)

    def size(self) -> int:
        return 1 + sum(child.size() for child in self.children)


@dataclass
class _Indexed:
    """A tree in postorder with each node's leftmost leaf and the keyroots."""

    nodes: list[TreeNode]
    leftmost: list[int]
    keyroots: list[int]


def _index(root: TreeNode) -> _Indexed:
    nodes: list[TreeNode] = []
    leftmost: list[int] = []

    def visit(node: TreeNode) -> int:
        first_leaf = -1
        for child in node.children:
            child_leaf = visit(child)
            if first_leaf < 0:
                first_leaf = child_leaf
        nodes.append(node)
        index = len(nodes) - 1
        leftmost.append(first_leaf if first_leaf >= 0 else index)
        return leftmost[index]

    visit(root)
    last_with_leaf: dict[int, int] = {}
    for index, leaf in enumerate(leftmost):
        last_with_leaf[leaf] = index
    return _Indexed(nodes, leftmost, sorted(last_with_leaf.values()))


RenameCost = Callable[[list[TreeNode], list[TreeNode]], list[list[float]]]


def tree_edit_distance(a: TreeNode, b: TreeNode, rename_costs: RenameCost) -> float:
    """Minimal cost of turning tree ``a`` into tree ``b``.

    ``rename_costs(nodes_a, nodes_b)`` returns the full matrix of rename costs between the
    postorder node lists, so callers can compute it in bulk (e.g. rapidfuzz ``cdist``).
    """
    ta, tb = _index(a), _index(b)
    rename = rename_costs(ta.nodes, tb.nodes)
    treedist = [[0.0] * len(tb.nodes) for _ in ta.nodes]
    leaves_b = [j for j in tb.keyroots if tb.leftmost[j] == j]
    inner_b = [j for j in tb.keyroots if tb.leftmost[j] != j]
    for i in ta.keyroots:
        partners = tb.keyroots
        if ta.leftmost[i] == i:
            # leaf against leaf needs no forest table: rename, or delete and insert
            for j in leaves_b:
                treedist[i][j] = min(rename[i][j], DELETE_COST + INSERT_COST)
            partners = inner_b
        for j in partners:
            _forest_distance(i, j, ta.leftmost, tb.leftmost, rename, treedist)
    return treedist[-1][-1]


def _forest_distance(
    i: int,
    j: int,
    left_a: list[int],
    left_b: list[int],
    rename: list[list[float]],
    treedist: list[list[float]],
) -> None:
    """Fill ``treedist`` for every subtree pair on the leftmost paths of keyroots i, j."""
    li, lj = left_a[i], left_b[j]
    rows, cols = i - li + 2, j - lj + 2
    off_a, off_b = li - 1, lj - 1
    fd = [[0.0] * cols for _ in range(rows)]
    for x in range(1, rows):
        fd[x][0] = fd[x - 1][0] + DELETE_COST
    for y in range(1, cols):
        fd[0][y] = fd[0][y - 1] + INSERT_COST
    for x in range(1, rows):
        xa = x + off_a
        whole_a = left_a[xa] == li
        p = left_a[xa] - 1 - off_a
        row, prev = fd[x], fd[x - 1]
        rename_row, tree_row = rename[xa], treedist[xa]
        for y in range(1, cols):
            yb = y + off_b
            best = prev[y] + DELETE_COST
            other = row[y - 1] + INSERT_COST
            if other < best:
                best = other
            if whole_a and left_b[yb] == lj:
                other = prev[y - 1] + rename_row[yb]
                if other < best:
                    best = other
                row[y] = best
                tree_row[yb] = best
            else:
                other = fd[p][left_b[yb] - 1 - off_b] + tree_row[yb]
                row[y] = other if other < best else best
