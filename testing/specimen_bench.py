"""Specimens against their truth: the scoring the grid benchmark and the tests share.

``structure`` is a grid up to renumbering (what "grid exact" compares), ``content`` the
texts by position, ``amounts_right`` the share of amounts that landed in the right cell
with the right value; ``specimen_pages`` draws, renders and damages a specimen's pages.
"""

from __future__ import annotations

from fiscalocr.model import Cell, PageWork, Table, parse_amount
from fiscalocr.model.text import normalise_text

from .specimen import draw_table, page_work
from .specimen_random import FIRST_AMOUNT_COL, PAGE_MARGIN_PT, Specimen
from .specimen_scan import LEVELS, damage, scan_page_work


def spec_table(spec) -> Table:
    """A SpecimenTable as a contract Table (the ground truth for TEDS)."""
    cells = [
        Cell(
            row=c.row,
            col=c.col,
            rowspan=c.rowspan,
            colspan=c.colspan,
            page=1,
            bbox=(0, 0, 0, 0),
            text=c.text,
        )
        for c in spec.cells
    ]
    return Table(id="truth", n_rows=spec.n_rows, n_cols=spec.n_cols, cells=cells)


def structure(n_rows: int, n_cols: int, cells) -> tuple:
    """Canonical grid: cells as (row, col, rowspan, colspan) on the grid lines some cell
    edge actually uses (a ground truth may carry grid lines no rule or cell shows), every
    position no cell covers counted as an empty 1×1 cell."""
    boxes = [(c.row, c.col, c.row + c.rowspan, c.col + c.colspan) for c in cells]
    covered = {(r, c) for r0, c0, r1, c1 in boxes for r in range(r0, r1) for c in range(c0, c1)}
    boxes += [
        (r, c, r + 1, c + 1) for r in range(n_rows) for c in range(n_cols) if (r, c) not in covered
    ]
    row_lines = sorted({v for b in boxes for v in (b[0], b[2])})
    col_lines = sorted({v for b in boxes for v in (b[1], b[3])})
    rank_r = {v: i for i, v in enumerate(row_lines)}
    rank_c = {v: i for i, v in enumerate(col_lines)}
    canon = sorted(
        (rank_r[r0], rank_c[c0], rank_r[r1] - rank_r[r0], rank_c[c1] - rank_c[c0])
        for r0, c0, r1, c1 in boxes
    )
    return (len(row_lines) - 1, len(col_lines) - 1, tuple(canon))


def content(cells) -> tuple:
    return tuple(sorted((c.row, c.col, normalise_text(c.text)) for c in cells if c.text))


def specimen_pages(specimen: Specimen, level: str, dpi: float, nrng, seed: int) -> list[PageWork]:
    """The specimen's pages drawn, rendered and damaged; text-layer lines."""
    import pymupdf

    doc = pymupdf.open()
    works = []
    for k, (spec, (width, height), top) in enumerate(
        zip(specimen.specs, specimen.sizes, specimen.tops, strict=True)
    ):
        page = doc.new_page(width=width, height=height)
        draw_table(page, spec, PAGE_MARGIN_PT, top)
        if level in LEVELS:
            work = page_work(page, k + 1, dpi=dpi)
            work.image = damage(work.image, level, work.px_per_pt, nrng)
        else:
            work = scan_page_work(page, k + 1, level.removeprefix("scan-"), seed + k)
        works.append(work)
    return works


def amounts_right(got: Table | None, spec) -> tuple[int, int]:
    """(amount cells of the truth, of them in the right cell with the right value)."""
    first = spec.extra.get(FIRST_AMOUNT_COL, 0)
    wanted = [
        c
        for c in spec.cells
        if c.row >= spec.header_rows and c.col >= first and parse_amount(c.text) is not None
    ]
    if got is None:
        return len(wanted), 0
    right = 0
    for cell in wanted:
        mine = got.cell_at(cell.row, cell.col)
        right += (
            mine is not None
            and (mine.row, mine.col, mine.rowspan, mine.colspan)
            == (cell.row, cell.col, cell.rowspan, cell.colspan)
            and mine.value == parse_amount(cell.text)
        )
    return len(wanted), right
