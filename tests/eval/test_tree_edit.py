"""The optimised tree edit distance equals a plain textbook Zhang–Shasha on random trees
(its fast paths: closed forms for leaves, batched flat subtrees, numpy rows)."""

from __future__ import annotations

import random

import pytest

from fiscalocr.eval import tree_edit
from fiscalocr.eval.tree_edit import TreeNode, tree_edit_distance


def textbook_distance(a: TreeNode, b: TreeNode, rename) -> float:
    """Zhang & Shasha (1989) as published, unit insert and delete."""

    def postorder(root):
        nodes, left = [], []

        def visit(n):
            first = None
            for child in n.children:
                leaf = visit(child)
                first = leaf if first is None else first
            nodes.append(n)
            left.append(first if first is not None else len(nodes) - 1)
            return left[-1]

        visit(root)
        keyroots = sorted({leaf: i for i, leaf in enumerate(left)}.values())
        return nodes, left, keyroots

    na, la, ka = postorder(a)
    nb, lb, kb = postorder(b)
    cost = rename(na, nb)
    td = [[0.0] * len(nb) for _ in na]
    for i in ka:
        for j in kb:
            fd = {(la[i] - 1, lb[j] - 1): 0.0}
            for x in range(la[i], i + 1):
                fd[(x, lb[j] - 1)] = fd[(x - 1, lb[j] - 1)] + 1
            for y in range(lb[j], j + 1):
                fd[(la[i] - 1, y)] = fd[(la[i] - 1, y - 1)] + 1
            for x in range(la[i], i + 1):
                for y in range(lb[j], j + 1):
                    options = [fd[(x - 1, y)] + 1, fd[(x, y - 1)] + 1]
                    if la[x] == la[i] and lb[y] == lb[j]:
                        fd[(x, y)] = min(options + [fd[(x - 1, y - 1)] + cost[x][y]])
                        td[x][y] = fd[(x, y)]
                    else:
                        fd[(x, y)] = min(options + [fd[(la[x] - 1, lb[y] - 1)] + td[x][y]])
    return td[-1][-1]


def random_tree(rnd: random.Random, budget: int) -> TreeNode:
    left = [budget]

    def grow(depth):
        node = TreeNode(rnd.choice("abc"), content=rnd.choice(["", "x", "xy"]))
        while left[0] > 0 and depth < 4 and rnd.random() < 0.6:
            left[0] -= 1
            node.children.append(grow(depth + 1))
        return node

    return grow(0)


def costs(xs, ys):
    return [
        [
            0.0 if (x.tag, x.content) == (y.tag, y.content) else 0.5 if x.tag == y.tag else 1.0
            for y in ys
        ]
        for x in xs
    ]


@pytest.mark.parametrize("vector_min", [tree_edit.VECTOR_MIN_NODES, 2])
def test_equals_textbook_on_random_trees(monkeypatch, vector_min):
    monkeypatch.setattr(tree_edit, "VECTOR_MIN_NODES", vector_min)
    for seed in range(120):
        rnd = random.Random(seed)
        a, b = random_tree(rnd, rnd.randint(0, 25)), random_tree(rnd, rnd.randint(0, 25))
        assert tree_edit_distance(a, b, costs) == pytest.approx(textbook_distance(a, b, costs)), (
            seed
        )
