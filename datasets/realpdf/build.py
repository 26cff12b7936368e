"""Ground truth of a born-digital disclosure PDF, in the contract's format.

The text layer is the truth of what a scan of the page shows: cell grids from the rules,
cell text from characters, values by the contract's number rule, table types and page
sections by the keyword rules in ``labels``. A table that runs on at the top of the next
page (no title of its own, on the same columns) is joined into one table.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fiscalocr.model import Document, Page, Source, Table

from .facts import document_facts
from .labels import section_for_page, table_type_for_title
from .tables import PageRead, PageTable, fill_values, read_page

CONTINUATION_TOP_PT = 120.0  # a continued table starts this close to the page top
FORM_TYPES = ("performance_target", "performance_evaluation")  # forms of the appendix
COLUMN_LINE_TOL = 2.0  # pt: a continuation's column line this close to the table's is on it


def derive_ground_truth(pdf_path: str | Path) -> Document:
    """Truth of every page and table of ``pdf_path`` (text_source ``pdf_text``)."""
    import pymupdf

    path = Path(pdf_path)
    data = path.read_bytes()
    doc = pymupdf.open(stream=data, filetype="pdf")
    reads: list[PageRead] = [read_page(page, i + 1) for i, page in enumerate(doc)]
    pages = _pages(doc, reads)
    tables = _join_tables(reads)
    facts = document_facts([page.get_text() for page in doc])
    return Document(
        source=Source(
            file=path.name,
            sha256=hashlib.sha256(data).hexdigest(),
            page_count=len(doc),
            size_bytes=len(data),
        ),
        document=facts,
        pages=pages,
        tables=tables,
    )


def _pages(doc, reads: list[PageRead]) -> list[Page]:
    pages, previous = [], None
    for index, (page, read) in enumerate(zip(doc, reads, strict=True)):
        if _forms_page(read, previous):
            section = "appendix"
        else:
            statutory = any(t.has_title for t in read.tables) or (
                bool(read.tables) and previous == "tables"
            )
            section = section_for_page(read.head_lines, statutory, index, previous)
        previous = section
        pages.append(Page(page=index + 1, width=round(page.rect.width, 2), height=round(page.rect.height, 2),
                          text_source="pdf_text", section=section, lines=read.lines))  # fmt: skip
    return pages


def _forms_page(read: PageRead, previous: str | None) -> bool:
    """A page of performance forms (contract §3: appendix), not of statutory tables: its
    titled tables are all 绩效目标/绩效自评 forms, or it continues a form page."""
    titled = [table_type_for_title(t.table.title) for t in read.tables if t.has_title]
    if titled:
        return all(label in FORM_TYPES for label in titled)
    return bool(read.tables) and previous == "appendix"


def _join_tables(reads: list[PageRead]) -> list[Table]:
    """Number the tables t1, t2, ... and fold continuations into their first part."""
    tables: list[Table] = []
    last: PageTable | None = None
    columns: list[float] = []  # column lines of the current table (its first part's)
    for read in reads:
        for part in read.tables:
            joins = last is not None and _continues(last, part, tables[-1])
            shared = _shared_columns(columns, part) if joins else None
            if shared is not None:
                _place_on_columns(tables[-1], columns, shared)
                _place_on_columns(part.table, part.grid.xs, shared)
                _append(tables[-1], part.table)
                columns = shared
            else:
                table = part.table
                table.id = f"t{len(tables) + 1}"
                table.type = table_type_for_title(table.title)  # type: ignore[assignment]
                table.type_conf = 1.0
                tables.append(table)
                columns = part.grid.xs
            last = part
    return tables


def _continues(previous: PageTable, part: PageTable, table: Table) -> bool:
    return (
        (
            not part.has_title
            or (part.table.title == previous.table.title and not _restarts(table, part.table))
        )
        and part.table.pages[0] == previous.table.pages[-1] + 1
        and part.grid.bbox[1] <= CONTINUATION_TOP_PT
    )


def _restarts(table: Table, part: Table) -> bool:
    """A part under the same title that opens with the table's first label but other
    contents is a second table of that title (one project's form after another's)."""
    first = [(c.col, c.text) for c in table.cells if c.row == 0]
    again = [(c.col, c.text) for c in part.cells if c.row == 0]
    return bool(first and again) and first[0] == again[0] and first != again


def _shared_columns(columns: list[float], part: PageTable) -> list[float] | None:
    """The column lines a table and its continuation share; None when the part is not on
    the table's columns.

    The same number of columns is the same columns. Otherwise the one with fewer column
    lines (a form whose rows on that page merge some columns) must have each of its lines
    on a line of the other, and the same outer edges; the other's lines are then shared.
    """
    xs = part.grid.xs
    if len(xs) == len(columns):
        return columns
    fewer, more = sorted((columns, xs), key=len)
    if not fewer or not _lines_on(fewer, more):
        return None
    return more


def _lines_on(fewer: list[float], more: list[float]) -> bool:
    edges = (
        abs(fewer[0] - more[0]) <= COLUMN_LINE_TOL and abs(fewer[-1] - more[-1]) <= COLUMN_LINE_TOL
    )
    return edges and all(min(abs(x - m) for m in more) <= COLUMN_LINE_TOL for x in fewer)


def _place_on_columns(table: Table, own: list[float], shared: list[float]) -> None:
    """Move a table's cells from its own column lines onto the shared ones (in place)."""
    if len(own) == len(shared):
        return
    lines = [min(range(len(shared)), key=lambda j: abs(shared[j] - x)) for x in own]
    for cell in table.cells:
        end = lines[cell.col + cell.colspan]
        cell.col, cell.colspan = lines[cell.col], end - lines[cell.col]
    table.n_cols = len(shared) - 1


def _append(table: Table, part: Table) -> None:
    """Add a continuation's rows below the table; a repeated header is dropped."""
    skip = table.header_rows if _same_header(table, part) else 0
    offset = table.n_rows - skip
    for cell in part.cells:
        if cell.row >= skip:
            table.cells.append(cell.model_copy(update={"row": cell.row + offset}))
    for region in part.regions:
        table.regions.append(
            region.model_copy(
                update={
                    "first_row": table.n_rows,
                    "last_row": table.n_rows + part.n_rows - skip - 1,
                }
            )
        )
    table.n_rows += part.n_rows - skip
    table.pages.append(part.pages[0])
    # A continuation page without its header cannot tell its 类/款/项 code columns from
    # amounts (款 05 looks like a number): the joined table's header decides for all rows.
    fill_values(table.cells, table.header_rows)


def _same_header(table: Table, part: Table) -> bool:
    """Does the part start with the table's header rows again (a repeated header)?

    The part's own header count is not asked: on a continuation page the rows before the
    first amount may run past the repeated header (label rows with no amount).
    """
    rows = table.header_rows
    if rows == 0 or part.n_rows <= rows:
        return False
    head = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.row < rows)
    again = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in part.cells if c.row < rows)
    return head == again
