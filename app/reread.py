"""Second readings of suspect cells for reconciliation, from the page rendered anew.

Reconciliation runs after every page's raster was dropped (documents stream), so a cell
it doubts is read again from a fresh, larger render of its page: a different scale gives
the recogniser an independent look. The last rendered page is kept, because the suspects
of one table sit on one or two pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fiscalocr.model import Cell, Document

REREAD_SCALE = 1.5


class CellRereader:
    """Callable ``cell -> [other readings]`` over one document's source file."""

    def __init__(
        self, path: Path, doc: Document, ocr_opts: Any, scale: float = REREAD_SCALE
    ) -> None:
        self._path = path
        self._pages = {page.page: page for page in doc.pages}
        self._ocr_opts = ocr_opts
        self._scale = scale
        self._source: Any = None
        self._raster: tuple[int, Any, float] | None = None
        self._read: dict[tuple, list[str]] = {}  # nothing is re-read twice

    def __enter__(self) -> CellRereader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._source is not None:
            self._source.close()
        self._source = self._raster = None

    def __call__(self, cell: Cell) -> list[str]:
        from fiscalocr import ocr

        page = self._pages.get(cell.page)
        if page is None or page.text_source != "ocr":
            return []  # a text-layer page holds the printed characters: nothing to re-read
        key = (cell.page, tuple(cell.bbox))
        if key not in self._read:
            image, px_per_pt = self._page_raster(page)
            crop = ocr.crop_points(image, px_per_pt, cell.bbox)
            self._read[key] = [] if crop is None else self._reread(crop)
        return self._read[key]

    def _reread(self, crop: Any) -> list[str]:
        """The cascade's accurate engine reads suspects when there is one."""
        from dataclasses import replace

        from fiscalocr import ocr

        opts = self._ocr_opts
        if opts.reread_engine:
            opts = replace(opts, engine=opts.reread_engine)
        return [line.text for line in ocr.load_engine(opts).recognizer()([crop]) if line.text]

    def _page_raster(self, page) -> tuple[Any, float]:
        from fiscalocr import ocr

        if self._raster is None or self._raster[0] != page.page:
            if self._source is None:
                self._source = ocr.open_source(self._path)
            image, px_per_pt = ocr.render_as_read(self._source, page, self._scale)
            self._raster = (page.page, image, px_per_pt)
        return self._raster[1], self._raster[2]
