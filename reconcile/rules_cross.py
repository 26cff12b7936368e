"""Contract §4.5: the same code row, and the same 合计, printed in several tables agree.

Tables are matched by classification code (and by their 合计 row) within the same unit;
columns are matched by meaning: the table's total column, 基本支出, 项目支出.
"""

from __future__ import annotations

from .headers import is_total_header, strip_numbering
from .rules import CellRef, RuleBook, TableContext

TOTAL_ROW = "合计"


def build(contexts: list[TableContext], book: RuleBook, units: dict[str, str | None]) -> None:
    seen: dict[tuple[str | None, str, str], CellRef] = {}
    values = _as_values(contexts)
    for ctx in contexts:
        for key, ref in _figures(ctx):
            full_key = (units.get(ctx.table_id), *key)
            first = seen.setdefault(full_key, ref)
            if first is ref or first.table == ref.table:
                continue
            code, column = key
            book.add_sum(
                f"x:{code}:{column}:{first.table}={ref.table}",
                "cross",
                values,
                first,
                [ref],
                f"{code} {column} in {first.table} = in {ref.table}",
                None,
                exact=True,
            )


def _as_values(contexts: list[TableContext]) -> dict[CellRef, int | None]:
    merged: dict[CellRef, int | None] = {}
    for ctx in contexts:
        merged.update(ctx.values)
    return merged


def _column_key(header: str) -> str | None:
    if is_total_header(header):
        return "total"
    for name in ("基本支出", "项目支出"):
        if header.endswith(name):
            return name
    return None


def _figures(ctx: TableContext):
    """((code or 合计, column meaning), cell) for every coded panel of this table."""
    layout = ctx.layout
    for panel in layout.panels:
        codes = layout.row_codes(panel)
        if not codes:
            continue
        rows = dict(codes)
        for row in ctx.grid.data_rows():
            if row not in codes and strip_numbering(layout.row_label(panel, row)) == TOTAL_ROW:
                rows[row] = TOTAL_ROW
                break
        columns = {}
        for col in panel.amount_cols:
            path = layout.header_path[col]
            leaf = ctx.grid.text(*path[-1]) if path else ""
            key = _column_key(leaf)
            if key and key not in columns:
                columns[key] = col
        if len(panel.amount_cols) == 1 and not columns:
            columns["total"] = panel.amount_cols[0]
        for row, code in rows.items():
            for key, col in columns.items():
                yield (code, key), ctx.ref(row, col)
