"""Ground truth of a born-digital disclosure PDF, in the contract's format.

The text layer is the truth of what a scan of the page shows: cell grids from the rules,
cell text from characters, values by the contract's number rule, table types and page
sections by the keyword rules in ``labels``. A table that runs on at the top of the next
page (no title of its own, same column count) is joined into one table.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fiscalocr.model import Document, Page, Source, Table

from .facts import document_facts
from .labels import section_for_page, table_type_for_title
from .tables import PageRead, PageTable, fill_values, read_page

CONTINUATION_TOP_PT = 120.0  # a continued table starts this close to the page top


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
        statutory = any(t.has_title for t in read.tables) or (
            bool(read.tables) and previous == "tables"
        )
        section = section_for_page(read.head_lines, statutory, index, previous)
        previous = section
        pages.append(Page(page=index + 1, width=round(page.rect.width, 2), height=round(page.rect.height, 2),
                          text_source="pdf_text", section=section, lines=read.lines))  # fmt: skip
    return pages


def _join_tables(reads: list[PageRead]) -> list[Table]:
    """Number the tables t1, t2, ... and fold continuations into their first part."""
    tables: list[Table] = []
    last: PageTable | None = None
    for read in reads:
        for part in read.tables:
            if last is not None and _continues(last, part):
                _append(tables[-1], part.table)
            else:
                table = part.table
                table.id = f"t{len(tables) + 1}"
                table.type = table_type_for_title(table.title)  # type: ignore[assignment]
                table.type_conf = 1.0
                tables.append(table)
            last = part
    return tables


def _continues(previous: PageTable, part: PageTable) -> bool:
    return (
        (not part.has_title or part.table.title == previous.table.title)
        and part.table.pages[0] == previous.table.pages[-1] + 1
        and part.table.n_cols == previous.table.n_cols
        and part.grid.bbox[1] <= CONTINUATION_TOP_PT
    )


def _append(table: Table, part: Table) -> None:
    """Add a continuation's rows below the table; a repeated header is dropped."""
    skip = part.header_rows if _same_header(table, part) else 0
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
    if part.header_rows == 0 or part.header_rows != table.header_rows:
        return False
    head = [(c.row, c.col, c.text) for c in table.cells if c.row < table.header_rows]
    again = [(c.row, c.col, c.text) for c in part.cells if c.row < part.header_rows]
    return head == again
