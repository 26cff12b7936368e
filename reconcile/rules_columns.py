"""Contract §4.2 (and the column form of §4.4): identities read from the header.

The header is read as a tree of cells: a header cell spanning several columns is a group.
Wherever a group (or the whole header) has one 合计/小计 column beside other amount
columns, that column equals the sum of the others in every data row: 合计 = 基本支出 +
项目支出 (+ …), 合计 = 人员经费 + 公用经费, 小计 = 一般公共预算 + 政府性基金 + 国有资本经营,
本年收入合计 = its sources, 三公 合计 = 出国 + 公务用车(小计) + 接待 per 预算数/决算数.
A sub-group without its own total stands for the sum of its leaves; a 其中 column is a
part of its neighbour, not a summand, and is left out.
"""

from __future__ import annotations

from .headers import Panel, is_total_header
from .rules import RuleBook, TableContext

Key = tuple


def build(ctx: TableContext, book: RuleBook) -> None:
    for panel in ctx.layout.panels:
        if len(panel.amount_cols) < 2:
            continue
        if not any(ctx.layout.header_path[c] for c in panel.amount_cols):
            book.skip(f"{ctx.table_id}:cols", "no header above the amount columns")
            continue
        found = False
        for cols, paths in _header_views(ctx, panel):
            found = _HeaderTree(ctx, book, panel, paths).walk(cols, 0) or found
        if not found:
            book.skip(
                f"{ctx.table_id}:cols:panel{panel.amount_cols[0]}",
                "header has several amount columns but no 合计/小计 column understood",
            )


def _header_views(ctx: TableContext, panel: Panel):
    """The header as printed, or — when the bottom header row repeats the same few labels
    under every group (三公: 合计 › 预算数 | 决算数 …) — one view per repeated label with
    that row dropped, so 合计 = 出国 + 公务用车 + 接待 is found for 预算数 and for 决算数."""
    paths = ctx.layout.header_path
    leaves = [ctx.grid.text(*paths[c][-1]) if paths[c] else "" for c in panel.amount_cols]
    counts = {leaf: leaves.count(leaf) for leaf in set(leaves)}
    repeated = (
        len(counts) >= 2
        and all(n >= 2 for n in counts.values())
        and not any(is_total_header(leaf) for leaf in counts)
        and all(len(paths[c]) >= 2 for c in panel.amount_cols)
    )
    if not repeated:
        return [(panel.amount_cols, paths)]
    views = []
    for leaf in sorted(counts):
        cols = [c for c, lf in zip(panel.amount_cols, leaves, strict=True) if lf == leaf]
        views.append((cols, {**paths, **{c: paths[c][:-1] for c in cols}}))
    return views


class _HeaderTree:
    def __init__(self, ctx: TableContext, book: RuleBook, panel: Panel, paths) -> None:
        self.ctx, self.book, self.panel = ctx, book, panel
        self.paths = paths

    def _children(self, cols: list[int], depth: int) -> list[tuple[Key, list[int]]]:
        groups: dict[Key, list[int]] = {}
        for col in cols:
            path = self.paths[col]
            key = path[depth] if len(path) > depth else ("leaf", col)
            groups.setdefault(key, []).append(col)
        return list(groups.items())

    def _text(self, key: Key, cols: list[int]) -> str:
        if key[0] == "leaf":
            return self.ctx.layout.header_text[cols[0]]
        return self.ctx.grid.text(*key)

    def _is_leaf(self, cols: list[int], depth: int) -> bool:
        return len(cols) == 1 and len(self.paths[cols[0]]) <= depth + 1

    def represent(self, key: Key, cols: list[int], depth: int) -> list[int]:
        """Columns whose sum is this node's amount."""
        if self._is_leaf(cols, depth) or len(cols) == 1:
            return cols
        children = self._children(cols, depth + 1)
        totals = [c for k, c in children if len(c) == 1 and is_total_header(self._text(k, c))]
        if len(totals) == 1:
            return totals[0]
        out: list[int] = []
        for k, c in children:
            if "其中" not in self._text(k, c):
                out += self.represent(k, c, depth + 1)
        return out

    def walk(self, cols: list[int], depth: int) -> bool:
        """Emit identities for this level and below; True if any identity was found."""
        children = self._children(cols, depth)
        found = False
        totals = [(k, c) for k, c in children if len(c) == 1 and is_total_header(self._text(k, c))]
        others = [
            (k, c) for k, c in children if (k, c) not in totals and "其中" not in self._text(k, c)
        ]
        if len(totals) == 1 and others:
            found = True
            total_col = totals[0][1][0]
            part_cols = [col for k, c in others for col in self.represent(k, c, depth)]
            self._emit(total_col, part_cols)
        for _key, c in children:
            if len(c) > 1:
                found = self.walk(c, depth + 1) or found
        return found

    def _emit(self, total_col: int, part_cols: list[int]) -> None:
        layout, tid = self.ctx.layout, self.ctx.table_id
        names = " + ".join(layout.header_text[c] for c in part_cols)
        for row in self.ctx.grid.data_rows():
            self.book.add_sum(
                f"{tid}:cols:row{row}:col{total_col}",
                "columns",
                self.ctx.values,
                self.ctx.ref(row, total_col),
                [self.ctx.ref(row, c) for c in part_cols],
                f"{layout.header_text[total_col]} = {names} (row {row + 1})",
                tid,
            )
