"""Zhang–Shasha ordered tree edit distance (unit insert/delete, caller-given rename cost).

TEDS (PubTabNet) is defined with APTED; both compute the same optimal edit distance.
Table trees are shallow and wide (table › tr › td), which shapes three speed-ups, none of
which changes the result:

- a subtree against a single node has a closed form (keep the cheapest node, delete the
  rest), so no keyroot pair involving a leaf needs a forest table;
- large forest tables are filled a row at a time with numpy (the insert recurrence along
  a row is a running minimum), on the longer side, using TED's symmetry;
- flat subtrees (a row: tr over its td leaves) against flat subtrees depend only on the
  closed forms, so all row-against-row tables of one shape are filled at once, the pairs
  stacked along a numpy axis;
- what remains small stays in plain Python, where numpy's overhead loses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

INSERT_COST = 1.0
DELETE_COST = 1.0
# Forest tables whose longer side has at least this many nodes are filled with numpy.
VECTOR_MIN_NODES = 24


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
    leftmost: np.ndarray
    keyroots: list[int]
    sizes: np.ndarray

    def is_leaf(self, k: int) -> bool:
        return self.leftmost[k] == k

    def is_flat(self, k: int) -> bool:
        """A node whose children are all leaves (a table row)."""
        below = range(self.leftmost[k], k)
        return len(below) > 0 and all(self.leftmost[n] == n for n in below)


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
    last_with_leaf = {leaf: index for index, leaf in enumerate(leftmost)}
    left = np.array(leftmost)
    return _Indexed(nodes, left, sorted(last_with_leaf.values()), np.arange(len(nodes)) - left + 1)


RenameCost = Callable[[list[TreeNode], list[TreeNode]], "np.ndarray | list[list[float]]"]


def tree_edit_distance(a: TreeNode, b: TreeNode, rename_costs: RenameCost) -> float:
    """Minimal cost of turning tree ``a`` into tree ``b``.

    ``rename_costs(nodes_a, nodes_b)`` returns the full matrix of rename costs between the
    postorder node lists, so callers can compute it in bulk (e.g. rapidfuzz ``cdist``).
    """
    ta, tb = _index(a), _index(b)
    rename = np.asarray(rename_costs(ta.nodes, tb.nodes), dtype=float)
    treedist = np.zeros((len(ta.nodes), len(tb.nodes)))
    _single_node_distances(ta, tb, rename, treedist)
    _single_node_distances(tb, ta, rename.T, treedist.T)
    inner_a = [i for i in ta.keyroots if not ta.is_leaf(i)]
    inner_b = [j for j in tb.keyroots if not tb.is_leaf(j)]
    flat_a = {i for i in inner_a if ta.is_flat(i)}
    flat_b = {j for j in inner_b if tb.is_flat(j)}
    shapes: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i in flat_a:
        for j in flat_b:
            shapes.setdefault((ta.sizes[i], tb.sizes[j]), []).append((i, j))
    for pairs in shapes.values():
        _forest_batch(pairs, ta.leftmost, tb.leftmost, rename, treedist)
    for i in inner_a:
        for j in inner_b:
            if i not in flat_a or j not in flat_b:
                _forest_distance(i, j, ta.leftmost, tb.leftmost, rename, treedist)
    return float(treedist[-1, -1])


def _single_node_distances(
    ta: _Indexed, tb: _Indexed, rename: np.ndarray, treedist: np.ndarray
) -> None:
    """Every subtree of ``a`` against every leaf of ``b``: keep one node or none."""
    leaves = np.flatnonzero(tb.sizes == 1)
    if not len(leaves):
        return
    cheapest = rename[:, leaves].copy()  # a leaf of a can only keep itself
    for x in np.flatnonzero(ta.sizes > 1):
        cheapest[x] = cheapest[ta.leftmost[x] : x + 1].min(axis=0)
    sizes = ta.sizes[:, None]
    keep_one = (sizes - 1) * DELETE_COST + cheapest
    treedist[:, leaves] = np.minimum(keep_one, sizes * DELETE_COST + INSERT_COST)


def _forest_distance(
    i: int, j: int, left_a: np.ndarray, left_b: np.ndarray, rename: np.ndarray, treedist: np.ndarray
) -> None:
    """Fill ``treedist`` for the subtree pairs on the leftmost paths of keyroots i and j."""
    rows, cols = i - left_a[i] + 1, j - left_b[j] + 1
    if max(rows, cols) < VECTOR_MIN_NODES:
        _forest_small(i, j, left_a, left_b, rename, treedist)
    elif rows <= cols:
        _forest_vector(i, j, left_a, left_b, rename, treedist)
    else:  # TED is symmetric: loop over the shorter side
        _forest_vector(j, i, left_b, left_a, rename.T, treedist.T)


def _forest_vector(
    i: int, j: int, left_a: np.ndarray, left_b: np.ndarray, rename: np.ndarray, treedist: np.ndarray
) -> None:
    """Zhang–Shasha's forest table, one numpy row per node of ``i``'s subtree."""
    li, lj = left_a[i], left_b[j]
    rows, cols = i - li + 2, j - lj + 2
    fd = np.empty((rows, cols))
    fd[:, 0] = np.arange(rows) * DELETE_COST
    fd[0, :] = np.arange(cols) * INSERT_COST
    lb = left_b[lj : j + 1]
    whole_b = lb == lj
    q = lb - lj  # forest column left of each b node's subtree
    steps = np.arange(cols) * INSERT_COST
    for x in range(1, rows):
        xa = x + li - 1
        p = left_a[xa] - li
        best = fd[p, q] + treedist[xa, lj : j + 1]
        if left_a[xa] == li:
            diag = fd[x - 1, :-1] + rename[xa, lj : j + 1]
            best = np.where(whole_b, diag, best)
        best = np.minimum(best, fd[x - 1, 1:] + DELETE_COST)
        fd[x, 1:] = best
        fd[x] = np.minimum.accumulate(fd[x] - steps) + steps  # insert along the row
        if left_a[xa] == li:
            treedist[xa, lj : j + 1][whole_b] = fd[x, 1:][whole_b]


def _forest_batch(
    pairs: list[tuple[int, int]],
    left_a: np.ndarray,
    left_b: np.ndarray,
    rename: np.ndarray,
    treedist: np.ndarray,
) -> None:
    """Forest tables of many flat-against-flat pairs of one shape, stacked on axis 0.

    In a flat subtree every node but the first leaf and the root is a leaf on its own,
    whose distances are already known, so the pairs do not depend on one another.
    """
    first_a = np.array([left_a[i] for i, _ in pairs])
    first_b = np.array([left_b[j] for _, j in pairs])
    size_a, size_b = pairs[0][0] - first_a[0] + 1, pairs[0][1] - first_b[0] + 1
    rows_a = first_a[:, None, None] + np.arange(size_a)[None, :, None]
    cols_b = first_b[:, None, None] + np.arange(size_b)[None, None, :]
    ren = rename[rows_a, cols_b]
    td = treedist[rows_a, cols_b]
    fd = np.zeros((size_a + 1, size_b + 1, len(pairs)))
    fd[:, 0] = (np.arange(size_a + 1) * DELETE_COST)[:, None]
    fd[0, :] = (np.arange(size_b + 1) * INSERT_COST)[:, None]
    for x in range(1, size_a + 1):
        whole_a = x in (1, size_a)  # the first leaf and the root start at the first leaf
        for y in range(1, size_b + 1):
            best = np.minimum(fd[x - 1, y] + DELETE_COST, fd[x, y - 1] + INSERT_COST)
            if whole_a and y in (1, size_b):
                best = np.minimum(best, fd[x - 1, y - 1] + ren[:, x - 1, y - 1])
                td[:, x - 1, y - 1] = best
            else:
                p = 0 if x == size_a else x - 1  # forest left of the subtree at x
                q = 0 if y == size_b else y - 1
                best = np.minimum(best, fd[p, q] + td[:, x - 1, y - 1])
            fd[x, y] = best
    treedist[rows_a, cols_b] = td


def _forest_small(
    i: int, j: int, left_a: np.ndarray, left_b: np.ndarray, rename: np.ndarray, treedist: np.ndarray
) -> None:
    """The same table in plain Python, on local copies of the blocks it touches."""
    li, lj = int(left_a[i]), int(left_b[j])
    la = (left_a[li : i + 1] - li).tolist()
    lb = (left_b[lj : j + 1] - lj).tolist()
    ren = rename[li : i + 1, lj : j + 1].tolist()
    block = treedist[li : i + 1, lj : j + 1]
    td = block.tolist()
    rows, cols = len(la) + 1, len(lb) + 1
    fd = [[0.0] * cols for _ in range(rows)]
    for x in range(1, rows):
        fd[x][0] = fd[x - 1][0] + DELETE_COST
    for y in range(1, cols):
        fd[0][y] = fd[0][y - 1] + INSERT_COST
    for x in range(1, rows):
        whole_a = la[x - 1] == 0
        row, prev, fp = fd[x], fd[x - 1], fd[la[x - 1]]
        ren_row, td_row = ren[x - 1], td[x - 1]
        for y in range(1, cols):
            best = prev[y] + DELETE_COST
            other = row[y - 1] + INSERT_COST
            if other < best:
                best = other
            if whole_a and lb[y - 1] == 0:
                other = prev[y - 1] + ren_row[y - 1]
                if other < best:
                    best = other
                td_row[y - 1] = best
            else:
                other = fp[lb[y - 1]] + td_row[y - 1]
                if other < best:
                    best = other
            row[y] = best
    block[:] = td
