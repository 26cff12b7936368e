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
    DependencyError,
    Document,
    ErrorRecord,
    NothingSelectedError,
    Page,
    PageWork,
    Source,
    StageTiming,
    Table,
)

from .options import ConvertOptions
from .scan_checks import truncation
from .stages import Stages, load_stages
from .wording import plural

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


def select_pages(page_count: int, pages: tuple[int, ...] | None, path: Path) -> list[int]:
    """The pages to read; a selection that holds no page of the file is refused (running
    it would report success over nothing), one that holds some is read and the rest
    reported (see :func:`missing_pages_warning`)."""
    indices = selected_indices(page_count, pages)
    if not indices:
        asked = ", ".join(str(p) for p in (pages or ())[:8])
        raise NothingSelectedError(
            f"pages {asked} do not exist: the file has {plural(page_count, 'page')}",
            path=str(path),
        )
    return indices


def missing_pages_warning(page_count: int, pages: tuple[int, ...] | None) -> ErrorRecord | None:
    """A warning naming the asked-for pages past the end of the file, if any."""
    missing = [p for p in pages or () if p > page_count]
    if not missing:
        return None
    shown = ", ".join(str(p) for p in missing[:8]) + (" …" if len(missing) > 8 else "")
    return ErrorRecord(
        code="pages_not_found",
        message=f"{plural(len(missing), 'page')} asked for do not exist ({shown}): "
        f"the file has {plural(page_count, 'page')}",
        stage="ocr",
        severity="warning",
        count=len(missing),
    )


def _failed_page(index: int, error: Exception, stage: str) -> Page:
    return Page(
        page=index + 1,
        width=0.0,
        height=0.0,
        status="failed",
        errors=[ErrorRecord.from_exception(error, stage, page=index + 1)],
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
        indices = select_pages(source.page_count, options.pages, path)
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
        missing = missing_pages_warning(source.page_count, options.pages)
        if missing is not None:
            doc.errors.append(missing)
        damage = truncation(path) if source.is_image_input else None
        fragments: list[Table] = []
        for done, index in enumerate(indices, start=1):
            page = _read_one_page(source, index, stages, timer, fragments)
            if damage is not None:
                page.errors.append(
                    ErrorRecord(code="truncated_image", message=damage, stage="ocr", page=page.page)
                )
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
        # recorded in the document and reported on its summary line: no second line here
        log.info("page %d: %s", index + 1, error)
        return _failed_page(index, error, "ocr")
    if stages.analyse_page is not None and (work.image is not None or work.drawn_rules is not None):
        try:
            with timer.stage("layout"):
                stages.analyse_page(work)
            fragments.extend(work.tables)
        except Exception as error:
            log.info("page %d layout: %s", index + 1, error)
            work.page.errors.append(ErrorRecord.from_exception(error, "layout", work.page.page))
    work.drop_image()
    return work.page


def _run_document_stage(doc: Document, name: str, timer: _Timer, fn: Callable[[], None]) -> None:
    try:
        with timer.stage(name):
            fn()
    except DependencyError:
        raise  # a missing model is the whole run's problem, not this document's
    except Exception as error:  # a failed stage is recorded, the rest of the document kept
        log.info("%s: %s", name, error)
        doc.errors.append(ErrorRecord.from_exception(error, name))


def _finish_document(
    doc: Document, fragments: list[Table], stages: Stages, timer: _Timer, path: Path
) -> None:
    if stages.join_tables is not None:

        def join() -> None:
            doc.tables = stages.join_tables(doc.pages, fragments)

        _run_document_stage(doc, "tables", timer, join)
    if stages.classify is not None:
        _run_document_stage(doc, "classify", timer, lambda: stages.classify(doc, path))
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
    """ok, partial (some page or stage failed), or failed (no page could be read); each
    page's own status is set on the way."""
    for page in doc.pages:
        if page.status != "failed" and _failures(page.errors):
            page.status = "partial"
    failed_pages = sum(1 for p in doc.pages if p.status == "failed")
    if doc.pages and failed_pages == len(doc.pages):
        return "failed"
    if failed_pages or _failures(doc.errors) or any(p.status != "ok" for p in doc.pages):
        return "partial"
    return "ok"
