"""The pipeline: one document in, one contract :class:`Document` out.

Per page, streaming (a 500-page file never holds more than one raster): OCR or text
layer → layout (blocks, table fragments) → raster dropped. Per document: join tables
across pages → classify sections, table types and facts → reconcile the arithmetic.

One bad page never kills a document: its error is recorded in ``page.errors`` and the
document's status becomes ``partial``. An unreadable document raises an
:class:`~fiscalocr.model.InputFileError` for the caller (CLI or batch) to record.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fiscalocr import __version__
from fiscalocr.model import (
    AMOUNTS_WITHOUT_VALUE,
    Document,
    ErrorRecord,
    FiscalOcrError,
    Page,
    PageWork,
    Source,
    StageTiming,
    Table,
)

from .options import ConvertOptions
from .stages import Stages, load_stages

log = logging.getLogger(__name__)

PageCallback = Callable[[int, int], None]


class _Timer:
    """Adds up seconds per stage over a document."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def as_records(self) -> list[StageTiming]:
        return [StageTiming(stage=k, seconds=round(v, 4)) for k, v in self.seconds.items()]


def selected_indices(page_count: int, pages: tuple[int, ...] | None) -> list[int]:
    """0-based indices of the 1-based ``pages`` that exist (all when None)."""
    if pages is None:
        return list(range(page_count))
    return sorted({p - 1 for p in pages if 1 <= p <= page_count})


def _failed_page(index: int, error: Exception, stage: str) -> Page:
    code = error.code if isinstance(error, FiscalOcrError) else "internal_error"
    message = str(error) or type(error).__name__
    return Page(
        page=index + 1,
        width=0.0,
        height=0.0,
        errors=[ErrorRecord(code=code, message=message, stage=stage, page=index + 1)],
    )


def _page_error(page: Page, error: Exception, stage: str) -> None:
    code = error.code if isinstance(error, FiscalOcrError) else "internal_error"
    page.errors.append(
        ErrorRecord(
            code=code, message=str(error) or type(error).__name__, stage=stage, page=page.page
        )
    )


def convert_document(
    path: str | Path,
    options: ConvertOptions | None = None,
    *,
    on_page: PageCallback | None = None,
    stages: Stages | None = None,
) -> Document:
    """Convert one PDF or image scan into a contract Document.

    Raises :class:`~fiscalocr.model.InputFileError` (and subclasses) when the file
    cannot be read at all; every later failure is recorded inside the Document.
    """
    options = options or ConvertOptions()
    stages = stages or load_stages(options)
    timer = _Timer()
    path = Path(path)
    with stages.open_source(path) as source:
        doc = Document(
            source=Source(
                file=path.name,
                sha256=source.sha256,
                page_count=source.page_count,
                size_bytes=path.stat().st_size,
            ),
            generator=f"fiscalocr {__version__}",
            options_key=options.output_key(),
        )
        indices = selected_indices(source.page_count, options.pages)
        fragments: list[Table] = []
        for done, index in enumerate(indices, start=1):
            page = _read_one_page(source, index, stages, timer, fragments)
            doc.pages.append(page)
            if on_page is not None:
                on_page(done, len(indices))
    _finish_document(doc, fragments, stages, timer, path)
    doc.timings = timer.as_records()
    return doc


def _read_one_page(
    source, index: int, stages: Stages, timer: _Timer, fragments: list[Table]
) -> Page:
    try:
        with timer.stage("ocr"):
            work: PageWork = stages.read_page(source, index)
    except Exception as error:  # one bad page never kills a document
        log.warning("page %d: %s", index + 1, error)
        return _failed_page(index, error, "ocr")
    if stages.analyse_page is not None and work.image is not None:
        try:
            with timer.stage("layout"):
                stages.analyse_page(work)
            fragments.extend(work.tables)
        except Exception as error:
            log.warning("page %d layout: %s", index + 1, error)
            _page_error(work.page, error, "layout")
    work.drop_image()
    return work.page


def _run_document_stage(doc: Document, name: str, timer: _Timer, fn: Callable[[], None]) -> None:
    try:
        with timer.stage(name):
            fn()
    except Exception as error:  # a failed stage is recorded, the rest of the document kept
        log.warning("%s: %s", name, error)
        code = error.code if isinstance(error, FiscalOcrError) else "internal_error"
        doc.errors.append(
            ErrorRecord(code=code, message=f"{type(error).__name__}: {error}", stage=name)
        )


def _finish_document(
    doc: Document, fragments: list[Table], stages: Stages, timer: _Timer, path: Path
) -> None:
    if stages.join_tables is not None:

        def join() -> None:
            doc.tables = stages.join_tables(doc.pages, fragments)

        _run_document_stage(doc, "tables", timer, join)
    if stages.classify is not None:
        _run_document_stage(doc, "classify", timer, lambda: stages.classify(doc))
    if stages.reconcile is not None:
        _run_document_stage(doc, "reconcile", timer, lambda: stages.reconcile(doc, path))
    if stages.join_tables is not None:
        report_unread_amounts(doc)
    doc.status = document_status(doc)


def report_unread_amounts(doc: Document) -> None:
    """(Re)write the warnings for table cells that hold an amount but got no value, as the
    document stands now (after reconciliation, which may have read some of them)."""
    from fiscalocr.layout import unread_cell_warnings

    for page in doc.pages:
        page.errors = [e for e in page.errors if e.code != AMOUNTS_WITHOUT_VALUE]
    unread_cell_warnings(doc)


def _failures(errors: list[ErrorRecord]) -> list[ErrorRecord]:
    """Errors proper: a warning (amounts outside tables, say) is reported, not a failure."""
    return [e for e in errors if e.severity == "error"]


def document_status(doc: Document) -> str:
    """ok, partial (some page or stage failed), or failed (no page could be read)."""
    failed_pages = sum(
        1 for p in doc.pages if _failures(p.errors) and not p.lines and p.width == 0.0
    )
    if doc.pages and failed_pages == len(doc.pages):
        return "failed"
    if failed_pages or _failures(doc.errors) or any(_failures(p.errors) for p in doc.pages):
        return "partial"
    return "ok"
