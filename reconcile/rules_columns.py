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
        builder = _HeaderTree(ctx, book, panel)
        if not builder.walk(panel.amount_cols, 0):
            book.skip(
                f"{ctx.table_id}:cols:panel{panel.amount_cols[0]}",
                "header has several amount columns but no 合计/小计 column understood",
            )


class _HeaderTree:
    def __init__(self, ctx: TableContext, book: RuleBook, panel: Panel) -> None:
        self.ctx, self.book, self.panel = ctx, book, panel
        self.paths = ctx.layout.header_path

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
                f"{layout.header_text[total_col]} = {names} (row {row})",
                tid,
            )
