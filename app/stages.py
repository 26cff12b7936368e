"""Wiring: which stage functions a conversion runs, built once per process.

The stages never import each other; this is the one place that knows them all. The
engine-holding pieces (PaddleOCR, the classifiers) are cached by their own loaders, so
building a :class:`Stages` a second time in a worker costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fiscalocr.model import Document, Page, PageWork, Table

from .options import ConvertOptions


@dataclass
class Stages:
    open_source: Callable[[Path], Any]
    read_page: Callable[[Any, int], PageWork]
    analyse_page: Callable[[PageWork], None] | None
    join_tables: Callable[[list[Page], list[Table]], list[Table]] | None
    classify: Callable[[Document], None] | None
    reconcile: Callable[[Document, Path], None] | None


def ocr_options(options: ConvertOptions):
    from fiscalocr.ocr import OcrOptions

    return OcrOptions(
        dpi=options.dpi,
        engine=options.ocr_engine,
        reread_engine=options.ocr_reread_engine,
        force_ocr=options.force_ocr,
        render_text_pages=options.tables,
        cpu_threads=options.cpu_threads,
    )


def load_stages(options: ConvertOptions, ocr_cache: Path | None = None) -> Stages:
    """The stages ``options`` ask for; ``ocr_cache`` keeps and reuses each page's OCR
    output there (evaluation only, see ``page_cache``)."""
    from fiscalocr import ocr

    ocr_opts = ocr_options(options)

    def read_page(source: Any, index: int) -> PageWork:
        return ocr.read_page(source, index, ocr_opts)

    if ocr_cache is not None:
        from .page_cache import cached_reader

        read_page = cached_reader(read_page, ocr_cache, ocr_opts)

    return Stages(
        open_source=ocr.open_source,
        read_page=read_page,
        analyse_page=_layout_stage(ocr_opts) if options.tables else None,
        join_tables=_join_stage() if options.tables else None,
        classify=_classify_stage(options) if options.classify else None,
        reconcile=_reconcile_stage(ocr_opts) if options.reconcile and options.tables else None,
    )


def _recognizer(ocr_opts: Any):
    from fiscalocr import ocr

    return ocr.load_engine(ocr_opts).recognizer()


def _layout_stage(ocr_opts: Any) -> Callable[[PageWork], None]:
    from fiscalocr import layout

    def analyse(work: PageWork) -> None:
        recognizer = _recognizer(ocr_opts) if work.page.text_source == "ocr" else None
        layout.analyse_page(work, layout.LayoutOptions(), recognizer)

    return analyse


def _join_stage() -> Callable[[list[Page], list[Table]], list[Table]]:
    from fiscalocr import layout

    return layout.join_tables


def _classify_stage(options: ConvertOptions) -> Callable[[Document], None]:
    from fiscalocr import classify

    models_dir = Path(options.models_dir) if options.models_dir else None

    def run(doc: Document) -> None:
        classify.classify_document(doc, classify.load_classifiers(models_dir))

    return run


def _reconcile_stage(ocr_opts: Any) -> Callable[[Document, Path], None]:
    from fiscalocr import reconcile

    from .reread import CellRereader

    def run(doc: Document, source_path: Path) -> None:
        with CellRereader(source_path, doc, ocr_opts) as reread:
            reconcile.reconcile_document(doc, reconcile.ReconcileOptions(), reread=reread)

    return run
