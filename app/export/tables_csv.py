"""One CSV per table: the cell grid, a span's text in its top-left position only.

UTF-8 with a byte-order mark, because that is what makes Excel open Chinese text
correctly; every CSV reader that knows ``utf-8-sig`` reads it unchanged.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fiscalocr.model import Document, Table

from .atomic import atomic_write_text

CSV_ENCODING = "utf-8-sig"


def table_rows(table: Table) -> list[list[str]]:
    """The table as ``n_rows`` x ``n_cols`` strings; positions covered by a span are empty."""
    n_rows = max([table.n_rows, *(c.row + c.rowspan for c in table.cells)])
    n_cols = max([table.n_cols, *(c.col + c.colspan for c in table.cells)])
    grid = [[""] * n_cols for _ in range(n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def csv_path(out_base: Path, table: Table) -> Path:
    """``<stem>.<table id>.csv`` next to the document's JSON."""
    return out_base.with_name(f"{out_base.name}.{table.id}.csv")


def write_table_csvs(doc: Document, out_base: Path) -> list[Path]:
    """Write every table of ``doc`` as its own CSV; return the paths written."""
    written = []
    for table in doc.tables:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(table_rows(table))
        path = csv_path(out_base, table)
        atomic_write_text(path, buffer.getvalue(), encoding=CSV_ENCODING)
        written.append(path)
    return written
