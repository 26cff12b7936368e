"""Join per-page table fragments into document tables (``t1..tn`` in reading order).

A fragment continues the previous page's last table when no new title opens it, the
column structure matches, and it is the first thing of its kind on its page. A header
that the next page repeats is dropped, never counted as data rows.

A continuation that repeats no header is recognised by its columns alone: a table always
prints its header where it starts, so a header-less fragment under a line that names no
table (a running page header, ``（续表）``) still continues. When such a page leaves a
column empty and its columns came from text alignment (no column rules), its grid merged
that column into a neighbour; it is cut again at the previous page's columns. A form
whose two parts print other columns (a performance-target form's fund rows and indicator
rows), broken by the page inside one frame, joins on the union of both parts' column
lines (``mixed_columns``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from statistics import median

from fiscalocr.model import Page, Table, TableRegion

from .continuation import regrid_at_columns
from .mixed_columns import joined_on_union
from .options import DEFAULT_OPTIONS, LayoutOptions
from .tables import assign_values, groups_thousands

_OPENS_NEW_TABLE = ("title", "heading")
_HEADER_TEXT_SIMILARITY = 0.8
_CONTINUED = re.compile(r"续表|[（(]续[）)]")
"""A line saying the table goes on (续表, （续）) opens no new table."""
_NAMES_A_TABLE = re.compile(r"表")
_TITLE_ROWS = 3
"""First rows of a fragment searched for a caption or title its grid took in."""


def column_edges(table: Table) -> list[float]:
    """Relative left edges of the columns (share of the table width)."""
    x0, _, x1, _ = table.regions[0].bbox
    width = max(x1 - x0, 1e-6)
    edges = []
    for col in range(table.n_cols):
        xs = [c.bbox[0] for c in table.cells if c.col == col]
        edges.append((median(xs) - x0) / width if xs else -1.0)
    return edges


def columns_match(a: Table, b: Table, tol: float) -> bool:
    if a.n_cols != b.n_cols:
        return False
    return all(abs(p - q) <= tol for p, q in zip(column_edges(a), column_edges(b), strict=True))


def _rows_text(table: Table, first: int, last: int) -> list[tuple[int, int, int, int, str]]:
    return sorted(
        (c.row - first, c.col, c.rowspan, c.colspan, c.text.replace(" ", ""))
        for c in table.cells
        if first <= c.row < last
    )


def repeated_header_rows(prev: Table, frag: Table) -> int:
    """Leading rows of ``frag`` that repeat ``prev``'s header (0 when it repeats none).

    The repeat must have the same cell structure and nearly the same text (OCR may
    misread a character of one copy).
    """
    rows = prev.header_rows
    if rows == 0 or frag.n_rows <= rows:
        return 0
    ours, theirs = _rows_text(prev, 0, rows), _rows_text(frag, 0, rows)
    if [c[:4] for c in ours] != [c[:4] for c in theirs]:
        return 0
    a, b = "".join(c[4] for c in ours), "".join(c[4] for c in theirs)
    return rows if SequenceMatcher(None, a, b).ratio() >= _HEADER_TEXT_SIMILARITY else 0


def _blocks_above(page: Page | None, table: Table) -> list[str]:
    """Texts of the title and heading blocks above the table on its page."""
    if page is None:
        return []
    top = table.regions[0].bbox[1]
    return [
        b.text
        for b in page.blocks
        if b.table_id != table.id and b.bbox[3] <= top and b.type in _OPENS_NEW_TABLE
    ]


def _opens_new_table(text: str, header_less: bool) -> bool:
    """Whether a title or heading above a fragment starts a table of its own."""
    if _CONTINUED.search(text):
        return False
    return not header_less or bool(_NAMES_A_TABLE.search(text))


def _continues(
    prev: Table, frag: Table, pages: dict[int, Page], first_on_page: bool, options: LayoutOptions
) -> tuple[Table, Table] | None:
    """``prev`` and ``frag`` as they join (``frag`` re-gridded at ``prev``'s columns, or
    both re-counted on the union of their columns, if need be), or None when ``frag``
    starts a table of its own."""
    if not first_on_page or frag.pages[0] != prev.pages[-1] + 1:
        return None
    header_less = frag.header_rows == 0
    page = pages.get(frag.pages[0])
    above = ([frag.title] if frag.title is not None else []) + _blocks_above(page, frag)
    if any(_opens_new_table(text, header_less) for text in above):
        return None
    if columns_match(prev, frag, options.column_match_tol):
        return prev, frag
    if header_less and page is not None:
        regridded = regrid_at_columns(prev, frag, page, options)
        if regridded is not None:
            return prev, regridded
    # A grid that took in the page's top, caption and title and all (dirt along a scan's
    # edge drew a rule there), opens a new table however its columns fall.
    first_rows = [c.text for c in frag.cells if c.row < _TITLE_ROWS]
    if any(_opens_new_table(text, header_less=True) for text in first_rows):
        return None
    return joined_on_union(prev, frag, pages, options)


def _append(prev: Table, frag: Table, drop: int) -> None:
    offset = prev.n_rows - drop
    for cell in frag.cells:
        if cell.row < drop:
            continue
        prev.cells.append(cell.model_copy(update={"row": cell.row + offset}))
    added = frag.n_rows - drop
    for region in frag.regions:
        prev.regions.append(
            TableRegion(
                page=region.page,
                bbox=region.bbox,
                first_row=prev.n_rows,
                last_row=prev.n_rows + max(0, added - 1),
            )
        )
    prev.n_rows += added
    prev.pages.append(frag.pages[0])
    prev.notes.extend(frag.notes)
    prev.unit = prev.unit or frag.unit


def join_tables(
    pages: list[Page], fragments: list[Table], options: LayoutOptions = DEFAULT_OPTIONS
) -> list[Table]:
    """Document tables from page fragments; ``page.blocks`` table ids are renamed to match."""
    by_page = {p.page: p for p in pages}
    ordered = sorted(
        fragments, key=lambda t: (t.pages[0], t.regions[0].bbox[1], t.regions[0].bbox[0])
    )
    tables: list[Table] = []
    renamed: dict[tuple[int, str], int] = {}
    for k, frag in enumerate(ordered):
        first_on_page = k == 0 or ordered[k - 1].pages[0] != frag.pages[0]
        prev = tables[-1] if tables else None
        joining = None if prev is None else _continues(prev, frag, by_page, first_on_page, options)
        if joining is not None:
            tables[-1], continuation = joining
            _append(tables[-1], continuation, repeated_header_rows(tables[-1], continuation))
        else:
            tables.append(frag.model_copy(deep=True))
        renamed[(frag.pages[0], frag.id)] = len(tables) - 1
    document_groups = any(groups_thousands(table) for table in tables)
    for index, table in enumerate(tables):
        table.id = f"t{index + 1}"
        assign_values(table, document_groups)
    _rename_blocks(pages, renamed, tables)
    return tables


def _rename_blocks(
    pages: Sequence[Page], renamed: dict[tuple[int, str], int], tables: list[Table]
) -> None:
    for page in pages:
        for block in page.blocks:
            if block.table_id is not None and (page.page, block.table_id) in renamed:
                block.table_id = tables[renamed[(page.page, block.table_id)]].id
