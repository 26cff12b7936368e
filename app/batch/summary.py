"""The run summary (``OUTDIR/run-summary.json``), the exit-code rule and per-document lines.

Exit code of a batch: 0 when every input is ok (or skipped with an ok output);
otherwise the most severe code met, in the order of ``fiscalocr.model.EXIT_SEVERITY``:

    130 interrupted (SIGINT/SIGTERM)  >  7 an output could not be written  >  6 missing
    dependency/model  >  1 internal error  >  2 nothing selected  >  3 unreadable input
    >  4 encrypted input  >  5 partial (only some pages failed)

so 5 means "everything was converted, but some pages are missing", 3/4 mean "some
inputs could not be read at all" (each reported on one line, no traceback), 1 means a
bug (the traceback is in the log file). A skipped document counts as the status of
the output it kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from fiscalocr.app.export.atomic import atomic_write_text
from fiscalocr.app.wording import plural
from fiscalocr.model import EXIT_SEVERITY, ExitCode

from .record import DocRecord

SUMMARY_NAME = "run-summary.json"


def batch_exit_code(codes: Iterable[int]) -> int:
    """The most severe of ``codes`` by the documented order; 0 when all are 0."""
    present = set(codes)
    for code in EXIT_SEVERITY:
        if int(code) in present:
            return int(code)
    return int(ExitCode.INTERNAL) if present - {0} else int(ExitCode.OK)


class RunSummary(BaseModel):
    outdir: str
    backend: str
    workers: int
    options: dict
    formats: list[str]
    started_at: str
    finished_at: str | None = None
    finished: bool = False
    interrupted: bool = False
    stopped: str | None = Field(
        default=None,
        description="why the run stopped before its end (an output could not be written)",
    )
    seconds: float = 0.0
    counts: dict[str, int] = Field(default_factory=dict)
    pages_converted: int = 0
    pages_per_minute: float | None = None
    peak_worker_rss_mb: float | None = None
    exit_code: int = 0
    documents: list[DocRecord] = Field(default_factory=list)

    def refresh(self, seconds: float) -> None:
        """Recompute the totals from ``documents``."""
        self.seconds = round(seconds, 2)
        self.counts = dict(Counter(d.status for d in self.documents))
        converted = [d for d in self.documents if d.status in ("ok", "partial", "failed")]
        self.pages_converted = sum(d.pages for d in converted)
        busy = sum(d.seconds for d in converted)
        self.pages_per_minute = round(60 * self.pages_converted / seconds, 2) if seconds else None
        rss = [d.worker_peak_rss_mb for d in self.documents if d.worker_peak_rss_mb]
        self.peak_worker_rss_mb = max(rss) if rss and busy else None
        codes = [d.exit_code for d in self.documents]
        pending = any(d.status == "pending" for d in self.documents)
        if self.interrupted or (pending and self.stopped is None):
            codes.append(int(ExitCode.INTERRUPTED))
        self.exit_code = batch_exit_code(codes)

    def write(self, outdir: Path) -> Path:
        path = outdir / SUMMARY_NAME
        atomic_write_text(path, self.model_dump_json(indent=1))
        return path


def document_line(record: DocRecord) -> str:
    """One line per document: status, input, pages, time, and the reconciliation counts."""
    name = record.input
    if record.status == "failed" and record.pages == 0:
        return f"failed   {name}: {record.error_code}: {record.message}"
    if record.status == "skipped":
        return (
            f"skipped  {name}: output up to date ({record.previous_status}, "
            f"{plural(record.pages, 'page')})"
        )
    line = f"{record.status:<8} {name}: {plural(record.pages, 'page')}, {record.seconds:.1f}s"
    if record.pages_failed:
        line += f", {plural(record.pages_failed, 'page')} with errors ({record.error_code})"
        if record.status == "failed" and record.message:
            line += f": {record.message}"
    elif record.status == "partial":
        line += f", a stage failed ({record.error_code})"
    if record.amounts_outside_tables or record.cells_without_value:
        pages = ", ".join(str(p) for p in record.pages_with_unplaced[:8])
        more = " …" if len(record.pages_with_unplaced) > 8 else ""
        lost = []
        if record.amounts_outside_tables:
            lost.append(f"{plural(record.amounts_outside_tables, 'amount')} outside every table")
        if record.cells_without_value:
            lost.append(f"{plural(record.cells_without_value, 'cell')} with an amount but no value")
        line += f", {' and '.join(lost)} (page {pages}{more}): unchecked"
    if record.amounts_unchecked:
        line += f", {plural(record.amounts_unchecked, 'amount')} in tables no rule checks"
    rec = record.reconciliation
    if rec is not None:
        line += (
            f", checks {rec.checks_passed_before}->{rec.checks_passed_after}/{rec.checks_total}"
            f" passed, {plural(rec.repairs, 'repair')}, {rec.unresolved} unresolved"
        ) + _findings_part(rec.findings)
    return line


def _findings_part(count: int) -> str:
    """', 3 findings': what a reviewer has to look at (the JSON's ``findings``)."""
    return f", {plural(count, 'finding')}"


def final_line(summary: RunSummary) -> str:
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.counts.items()))
    rate = f", {summary.pages_per_minute} pages/min" if summary.pages_per_minute else ""
    stopped = f"; stopped: {summary.stopped}" if summary.stopped else ""
    return (
        f"{plural(len(summary.documents), 'document')} ({counts}), "
        f"{plural(summary.pages_converted, 'page')} in {summary.seconds:.1f}s{rate}{stopped}; "
        f"exit code {summary.exit_code}"
    )
