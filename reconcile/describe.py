"""The reading of a table's header and stub, for callers outside reconciliation.

Exports (the archive dataset, markdown) need the same column header paths, row labels and
classification codes the rules are built from, so that a figure is named the same way in
a check and in a dataset row.
"""

from __future__ import annotations

from fiscalocr.model import Table

from .grid import DenseTable
from .headers import Panel, TableLayout, analyse


def table_layout(table: Table) -> TableLayout:
    """Column roles, panels (stub + amount columns), header paths, row labels and codes."""
    return analyse(DenseTable.of(table))


__all__ = ["Panel", "TableLayout", "table_layout"]
