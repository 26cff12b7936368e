"""The per-document task every backend runs: check resume, convert, write, report.

It never raises for a document's sake: a user error (unreadable file) becomes a
``failed`` record with the error's code and exit code; an unexpected exception becomes
an ``internal_error`` record with its traceback (for the log file). This is what lets
one bad document never kill a batch, in a process pool or on a Ray actor alike.
"""

from __future__ import annotations

import errno
import os
import resource
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fiscalocr.app.export import write_outputs
from fiscalocr.app.export.outputs import expected_outputs, json_path
from fiscalocr.app.options import ConvertOptions
from fiscalocr.model import (
    AMOUNTS_OUTSIDE_TABLES,
    AMOUNTS_UNCHECKED,
    AMOUNTS_WITHOUT_VALUE,
    DiskFullError,
    Document,
    ExitCode,
    FileMissingError,
    FiscalOcrError,
    InputFileError,
    OutputError,
)

from .inputs import InputFile
from .record import DocRecord, ReconciliationCounts
from .resume import file_sha256, trusted_output

PageCallback = Callable[[int, int], None]
UNPLACED_CODES = (AMOUNTS_OUTSIDE_TABLES, AMOUNTS_WITHOUT_VALUE)
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


@dataclass(frozen=True)
class BatchSettings:
    """What every task of one batch shares besides the ConvertOptions (picklable)."""

    outdir: str
    formats: tuple[str, ...] = ("json",)
    overwrite: bool = False


def status_exit_code(status: str) -> int:
    """Exit code a converted document's own status stands for."""
    return {"ok": ExitCode.OK, "partial": ExitCode.PARTIAL}.get(status, ExitCode.INPUT)


def run_job(
    job: InputFile,
    options: ConvertOptions,
    settings: BatchSettings,
    on_page: PageCallback | None = None,
) -> DocRecord:
    """Convert one input (or skip it when its output is trusted); never raises."""
    start, cpu_start = time.perf_counter(), time.process_time()
    out_base = Path(settings.outdir) / job.output_key
    record = DocRecord(input=job.path, output=str(json_path(out_base)))
    try:
        record.sha256 = _input_sha256(job.path)
        kept = (
            None
            if settings.overwrite
            else trusted_output(json_path(out_base), record.sha256, options.output_key())
        )
        if kept is not None:
            _skip(record, kept, out_base, settings, Path(job.path))
        else:
            _convert(record, job, options, settings, out_base, on_page)
    except FiscalOcrError as error:
        _fail(record, error.code, error.message, int(error.exit_code))
    except Exception as error:  # a bug in one document must not stop the batch
        _fail(record, "internal_error", f"{type(error).__name__}: {error}", ExitCode.INTERNAL)
        record.traceback = traceback.format_exc()
    record.seconds = round(time.perf_counter() - start, 3)
    record.cpu_seconds = round(time.process_time() - cpu_start, 3)
    record.worker_pid = os.getpid()
    record.worker_peak_rss_mb = peak_rss_mb()
    return record


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _input_sha256(path: str) -> str:
    try:
        return file_sha256(path)
    except FileNotFoundError:
        raise FileMissingError(
            "file not found (removed before it was converted?)", path=path
        ) from None
    except IsADirectoryError:
        raise InputFileError("is a folder, not a file", path=path) from None
    except OSError as error:
        raise InputFileError(f"cannot read: {error.strerror or error}", path=path) from None


def _convert(
    record: DocRecord,
    job: InputFile,
    options: ConvertOptions,
    settings: BatchSettings,
    out_base: Path,
    on_page: PageCallback | None,
) -> None:
    from fiscalocr.app.pipeline import convert_document  # loads the stages in the worker

    doc = convert_document(job.path, options, on_page=on_page)
    with output_errors(out_base):
        written = write_outputs(doc, out_base, settings.formats, source=Path(job.path))
    _fill_from_document(record, doc)
    record.exports = [str(p) for p in written if p.suffix != ".json"]


def _skip(
    record: DocRecord, kept: dict, out_base: Path, settings: BatchSettings, source: Path
) -> None:
    """The output is trusted: keep it, only adding exports a new ``--format`` asks for."""
    record.status = "skipped"
    record.previous_status = str(kept.get("status"))
    record.exit_code = int(status_exit_code(record.previous_status))
    record.pages = len(kept.get("pages") or [])
    if set(settings.formats) - {"json"}:
        doc = Document.model_validate(kept)
        missing = [p for p in expected_outputs(doc, out_base, settings.formats) if not p.exists()]
        if missing:
            with output_errors(out_base):
                write_outputs(doc, out_base, settings.formats, only_missing=True, source=source)
        record.exports = [
            str(p) for p in expected_outputs(doc, out_base, settings.formats) if p.suffix != ".json"
        ]


@contextmanager
def output_errors(where: Path) -> Iterator[None]:
    """An OSError while writing outputs is the output's problem, not the input's nor a
    bug: a full disk (or quota) becomes :class:`DiskFullError`, anything else (read-only,
    no permission) :class:`OutputError`; both carry exit code 7."""
    try:
        yield
    except OSError as error:
        if error.errno in DISK_FULL_ERRNOS:
            raise DiskFullError(
                "no space left on the device: the output was not written "
                "(free some space and rerun; finished documents are kept)",
                path=str(where.parent),
            ) from error
        raise OutputError(
            f"cannot write the output: {error.strerror or error}", path=str(where.parent)
        ) from error


def _fill_from_document(record: DocRecord, doc: Document) -> None:
    record.status = doc.status
    record.exit_code = int(status_exit_code(doc.status))
    record.pages = len(doc.pages)
    record.pages_failed = sum(1 for p in doc.pages if any(e.severity == "error" for e in p.errors))
    warnings = [e for p in doc.pages for e in p.errors if e.severity == "warning"]
    record.amounts_outside_tables = sum(
        e.count or 0 for e in warnings if e.code == AMOUNTS_OUTSIDE_TABLES
    )
    record.cells_without_value = sum(
        e.count or 0 for e in warnings if e.code == AMOUNTS_WITHOUT_VALUE
    )
    record.amounts_unchecked = sum(e.count or 0 for e in warnings if e.code == AMOUNTS_UNCHECKED)
    record.pages_with_unplaced = sorted(
        {e.page for e in warnings if e.code in UNPLACED_CODES and e.page}
    )
    problems = [e for p in doc.pages for e in p.errors if e.severity == "error"] + [
        e for e in doc.errors if e.severity == "error"
    ]
    if problems:
        record.error_code = problems[0].code
        record.message = "; ".join(_describe(e) for e in problems[:3])
    record.reconciliation = _reconciliation_counts(doc)


def _reconciliation_counts(doc: Document) -> ReconciliationCounts | None:
    """The summary line's checks, repairs, unresolved rules and findings (None: no checks)."""
    rec = doc.reconciliation
    if not (rec.checks_total or rec.repairs or rec.unresolved or doc.findings):
        return None
    return ReconciliationCounts(
        checks_total=rec.checks_total,
        checks_passed_before=rec.checks_passed_before,
        checks_passed_after=rec.checks_passed_after,
        repairs=len(rec.repairs),
        unresolved=len(rec.unresolved),
        findings=len(doc.findings),
    )


def _describe(error) -> str:
    where = f"page {error.page}: " if error.page is not None else ""
    return f"{where}{error.code}: {error.message}"


def _fail(record: DocRecord, code: str, message: str, exit_code: int) -> None:
    record.status = "failed"
    record.error_code = code
    record.message = message
    record.exit_code = int(exit_code)
