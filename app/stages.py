"""Wiring: which stage functions a conversion runs, built once per process.

The stages never import each other; this is the one place that knows them all. Each seam
has one call signature, written down as a Protocol below, so a stage can be swapped (a
test's failing stage, a cached OCR reader) without the pipeline knowing. The
engine-holding pieces (PaddleOCR, the classifiers) are cached by their own loaders, so
building a :class:`Stages` a second time in a worker costs nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from fiscalocr.model import Document, Page, PageWork, Table

from .options import ConvertOptions
from .scan_checks import check_image_size


class PageSource(Protocol):
    """An opened input (``fiscalocr.ocr.PdfSource``): what the page reader reads from."""

    path: Path
    sha256: str
    is_image_input: bool
    doc: Any  # the opened pymupdf.Document

    @property
    def page_count(self) -> int: ...

    def __enter__(self) -> PageSource: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class SourceOpener(Protocol):
    """Opens and validates an input; raises an ``InputFileError`` when it cannot."""

    def __call__(self, path: Path) -> PageSource: ...


class PageReader(Protocol):
    """Reads page ``index`` (0-based) into a PageWork: its text lines and raster."""

    def __call__(self, source: PageSource, index: int) -> PageWork: ...


class PageStage(Protocol):
    """Works on one page as it streams by (layout), raster still in hand."""

    def __call__(self, work: PageWork) -> None: ...


class TableJoiner(Protocol):
    """Joins the pages' table fragments into the document's tables."""

    def __call__(self, pages: list[Page], fragments: list[Table]) -> list[Table]: ...


class DocumentStage(Protocol):
    """Works on the whole document once every page is read (classify, reconcile);
    ``source_path`` lets it look at the input again (re-reading a cell)."""

    def __call__(self, doc: Document, source_path: Path) -> None: ...


@dataclass
class Stages:
    open_source: SourceOpener
    read_page: PageReader
    analyse_page: PageStage | None
    join_tables: TableJoiner | None
    classify: DocumentStage | None
    reconcile: DocumentStage | None


def ocr_options(options: ConvertOptions):
    """The OCR stage's options as a conversion uses them: text-layer pages are rendered,
    and their drawn rules read, only when tables are looked for (the layout stage is
    their only user)."""
    ocr = options.ocr
    return dataclasses.replace(
        ocr,
        render_text_pages=ocr.render_text_pages and options.do_tables,
        rules_from_drawings=ocr.rules_from_drawings and options.do_tables,
    )


def load_stages(options: ConvertOptions, ocr_cache: Path | None = None) -> Stages:
    """The stages ``options`` ask for; ``ocr_cache`` keeps and reuses each page's OCR
    output there (evaluation only, see ``page_cache``)."""
    from fiscalocr import ocr

    ocr_opts = ocr_options(options)

    def read_page(source: PageSource, index: int) -> PageWork:
        if source.is_image_input:
            check_image_size(source.doc.load_page(index), index + 1)
        return ocr.read_page(source, index, ocr_opts)

    if ocr_cache is not None:
        from .page_cache import cached_reader

        read_page = cached_reader(read_page, ocr_cache, ocr_opts)

    tables = options.do_tables
    return Stages(
        open_source=ocr.open_source,
        read_page=read_page,
        analyse_page=_layout_stage(options, ocr_opts) if tables else None,
        join_tables=_join_stage(options) if tables else None,
        classify=_classify_stage(options) if options.do_classify else None,
        reconcile=_reconcile_stage(options, ocr_opts) if options.do_reconcile and tables else None,
    )


def check_models(options: ConvertOptions) -> None:
    """Load the classifiers now when they will be needed, so a missing or mistyped
    ``models_dir`` stops the run before any work (exit 6), not once per document."""
    if options.do_classify:
        from fiscalocr import classify

        classify.load_classifiers(_models_dir(options))


def _models_dir(options: ConvertOptions) -> Path | None:
    return Path(options.models_dir) if options.models_dir else None


def _recognizer(ocr_opts):
    from fiscalocr import ocr

    return ocr.load_engine(ocr_opts).recognizer()


def _layout_stage(options: ConvertOptions, ocr_opts) -> PageStage:
    from fiscalocr import layout

    layout_options = options.layout

    def analyse(work: PageWork) -> None:
        recognizer = _recognizer(ocr_opts) if work.page.text_source == "ocr" else None
        layout.analyse_page(work, layout_options, recognizer)

    return analyse


def _join_stage(options: ConvertOptions) -> TableJoiner:
    from fiscalocr import layout

    layout_options = options.layout

    def join(pages: list[Page], fragments: list[Table]) -> list[Table]:
        return layout.join_tables(pages, fragments, layout_options)

    return join


def _classify_stage(options: ConvertOptions) -> DocumentStage:
    from fiscalocr import classify

    models_dir = _models_dir(options)

    def run(doc: Document, source_path: Path) -> None:
        classify.classify_document(doc, classify.load_classifiers(models_dir))

    return run


def _reconcile_stage(options: ConvertOptions, ocr_opts) -> DocumentStage:
    from fiscalocr import reconcile

    from .reread import CellRereader

    reconcile_options = options.reconcile

    def run(doc: Document, source_path: Path) -> None:
        with CellRereader(source_path, doc, ocr_opts) as reread:
            reconcile.reconcile_document(doc, reconcile_options, reread=reread)

    return run
