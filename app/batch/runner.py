"""One batch, whichever backend: gather records, report them, keep the summary current.

The summary is rewritten (atomically) at most every :data:`SUMMARY_EVERY_SECONDS`
while the batch runs, so a batch that runs for days and is killed still leaves an
account of what it did; an interrupt (SIGINT/SIGTERM) records the documents not done as
``pending`` and exits 130.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fiscalocr.app.options import ConvertOptions
from fiscalocr.model import DiskFullError, ExitCode

from .inputs import InputFile, InputProblem
from .job import BatchSettings
from .outdir import outdir_lock, replace_or_remove
from .progress import Reporter
from .record import DocRecord
from .summary import SUMMARY_NAME, RunSummary, final_line

SUMMARY_EVERY_SECONDS = 30.0


@dataclass(frozen=True)
class BatchPlan:
    jobs: list[InputFile]
    problems: list[InputProblem]
    options: ConvertOptions
    settings: BatchSettings
    backend: str = "local"
    workers: int = 1
    ray_address: str | None = None
    log_file: str | None = None
    quiet: bool = False
    verbose: bool = False


def run_batch(plan: BatchPlan) -> RunSummary:
    """Convert every job of ``plan``; return (and write) the run summary.

    Holds the output folder's run lock throughout (a concurrent run into the same folder
    is refused); the earlier run's summary is replaced before any work starts.
    """
    outdir = Path(plan.settings.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with outdir_lock(outdir):
        return _run_locked(plan, outdir)


def _run_locked(plan: BatchPlan, outdir: Path) -> RunSummary:
    summary = RunSummary(
        outdir=str(outdir),
        backend=plan.backend,
        workers=plan.workers,
        options=plan.options.model_dump(mode="json"),
        formats=list(plan.settings.formats),
        started_at=_now(),
    )
    replace_or_remove(outdir / SUMMARY_NAME, lambda: summary.write(outdir))
    reporter = Reporter(len(plan.jobs), quiet=plan.quiet)
    for problem in plan.problems:
        reporter.problem(problem.argument, problem.code, problem.message)
        summary.documents.append(_problem_record(problem))
    start = time.perf_counter()
    last_write = start
    done: set[str] = set()
    records = _records(plan, reporter)
    try:
        for record in records:
            done.add(record.input)
            summary.documents.append(record)
            reporter.on_document(record)
            if record.error_code == DiskFullError.code:  # every later document would fail too
                summary.stopped = f"{record.error_code}: {record.message}"
                break
            if time.perf_counter() - last_write > SUMMARY_EVERY_SECONDS:
                summary.refresh(time.perf_counter() - start)
                _write_summary(summary, outdir)
                last_write = time.perf_counter()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        records.close()  # stops the workers now, not at garbage collection
        reporter.close()
        summary.documents.extend(
            DocRecord(input=job.path, status="pending") for job in plan.jobs if job.path not in done
        )
        summary.finished = not summary.interrupted and summary.stopped is None
        summary.finished_at = _now()
        summary.refresh(time.perf_counter() - start)
        _write_summary(summary, outdir)
    if not plan.quiet or summary.exit_code:
        import sys

        print(final_line(summary), file=sys.stderr)
    return summary


def _write_summary(summary: RunSummary, outdir: Path) -> None:
    """Rewrite the summary; a run that cannot is stopped with the output error (exit 7),
    the stale summary removed rather than left standing."""
    replace_or_remove(outdir / SUMMARY_NAME, lambda: summary.write(outdir))


def _records(plan: BatchPlan, reporter: Reporter) -> Generator[DocRecord, None, None]:
    if plan.backend == "ray":
        from .ray_backend import run_ray

        return run_ray(
            plan.jobs,
            plan.options,
            plan.settings,
            workers=plan.workers,
            address=plan.ray_address,
            quiet=plan.quiet,
            verbose=plan.verbose,
        )
    from .local import run_local

    return run_local(
        plan.jobs,
        plan.options,
        plan.settings,
        reporter,
        workers=plan.workers,
        log_file=plan.log_file,
        quiet=plan.quiet,
        verbose=plan.verbose,
    )


def _problem_record(problem: InputProblem) -> DocRecord:
    return DocRecord(
        input=problem.argument,
        status="failed",
        error_code=problem.code,
        message=problem.message,
        exit_code=int(ExitCode.INPUT),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
