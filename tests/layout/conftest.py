"""Shared helpers for the layout tests: draw known tables on fresh PDF pages, read the
page back (raster + text layer, or raster + real OCR), compare grids exactly."""

from __future__ import annotations

import pytest

from fiscalocr.model.text import normalise_text
from fiscalocr.testing.specimen import SpecimenTable, draw_table, page_work


def cells_of_table(table, page: int | None = None) -> list[tuple[int, int, int, int, str]]:
    return sorted(
        (c.row, c.col, c.rowspan, c.colspan, c.text)
        for c in table.cells
        if page is None or c.page == page
    )


def cells_of_spec(spec: SpecimenTable, row_offset: int = 0) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row + row_offset, c.col, c.rowspan, c.colspan, c.text) for c in spec.cells)


class PageMaker:
    """Draws table specs onto pages of one in-memory PDF."""

    def __init__(self) -> None:
        import pymupdf

        self.doc = pymupdf.open()

    def page(
        self,
        placements: list[tuple[SpecimenTable, float, float]],
        width: float = 595,
        height: float = 842,
        extra_text=(),
    ):
        page = self.doc.new_page(width=width, height=height)
        for spec, x, y in placements:
            draw_table(page, spec, x, y)
        for (x, y), text, size in extra_text:
            page.insert_text((x, y), text, fontname="china-s", fontsize=size)
        return page

    def work(self, page, dpi: float = 150.0, lines=None):
        """PageWork of a page object, or of a 0-based page index (PyMuPDF invalidates
        page objects once another page is added)."""
        if isinstance(page, int):
            page = self.doc[page]
        return page_work(page, page.number + 1, dpi=dpi, lines=lines)

    cells_of_table = staticmethod(cells_of_table)
    cells_of_spec = staticmethod(cells_of_spec)
    normalise_text = staticmethod(normalise_text)  # texts compared as the scorer does


@pytest.fixture
def maker() -> PageMaker:
    return PageMaker()
