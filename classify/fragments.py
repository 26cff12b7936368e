"""Continuation fragments: the later pages of a multi-page table, as an unjoined part.

When joining fails (or a scan lost the first page), a table's later part arrives alone,
with no title and often no header. Training on such fragments teaches the classifier
to type a table from its rows, structure and page context alone.
"""

from __future__ import annotations

from fiscalocr.model import Table


def continuation_fragments(table: Table) -> list[Table]:
    """One title-less table per page after the first, holding only that page's cells."""
    pages = sorted(set(table.pages) | {c.page for c in table.cells})
    fragments = []
    for page in pages[1:]:
        cells = [c for c in table.cells if c.page == page]
        if not cells:
            continue
        first_row = min(c.row for c in cells)
        shifted = [c.model_copy(update={"row": c.row - first_row}) for c in cells]
        fragments.append(
            table.model_copy(
                update={
                    "id": f"{table.id}@p{page}",
                    "title": None,
                    "pages": [page],
                    "cells": shifted,
                    "regions": [r for r in table.regions if r.page == page],
                    "n_rows": max(c.row + c.rowspan for c in shifted),
                    "header_rows": sum(1 for r in {c.row for c in shifted if c.is_header}),
                }
            )
        )
    return fragments
