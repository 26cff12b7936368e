"""The local backend: a pool of worker processes on this machine.

``workers=0`` converts in this process (debugging); ``workers>=1`` uses a
``ProcessPoolExecutor`` with the ``spawn`` start method (Paddle's threads do not survive
``fork``). At most one document per worker is in flight, so a crash points at few
suspects: if a worker dies (segfault, out of memory) the pool is rebuilt, each document
that was in flight is retried once on its own, and one that kills its worker again is
recorded as ``worker_crashed``. Pages are reported through a queue each worker gets
at start-up (no manager process, which would outlive a killed batch).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from fiscalocr.app.options import ConvertOptions
from fiscalocr.model import ExitCode

from .inputs import InputFile
from .job import BatchSettings, run_job
from .progress import Reporter
from .record import DocRecord
from .worker import init_pool_worker, report_page

TICK_POLL_SECONDS = 0.25


def run_local(
    jobs: list[InputFile],
    options: ConvertOptions,
    settings: BatchSettings,
    reporter: Reporter,
    *,
    workers: int,
    log_file: str | None = None,
    quiet: bool = False,
    verbose: bool = False,
) -> Iterator[DocRecord]:
    """Yield one record per job, in completion order."""
    if workers == 0:
        for job in jobs:
            yield run_job(job, options, settings, _reporting_to(reporter, job))
        return
    run = _PoolRun(jobs, options, settings, reporter, workers, log_file, quiet, verbose)
    yield from run.records()


def _reporting_to(reporter: Reporter, job: InputFile):
    return lambda done, total: reporter.on_page(job.path, done, total)


def _pool_task(job: InputFile, options: ConvertOptions, settings: BatchSettings) -> DocRecord:
    """Runs in a worker: the job, with each page reported to the parent."""
    return run_job(job, options, settings, lambda done, total: report_page(job.path, done, total))


class _PoolRun:
    """One batch over a process pool, rebuilt if a worker dies."""

    def __init__(
        self, jobs, options, settings, reporter, workers, log_file, quiet, verbose
    ) -> None:
        self.pending: deque[InputFile] = deque(jobs)
        self.suspects: deque[InputFile] = deque()  # in flight when a worker died: run alone
        self.retried: set[str] = set()
        self.options, self.settings, self.reporter = options, settings, reporter
        self.workers, self.log_file, self.quiet = workers, log_file, quiet
        self.verbose = verbose

    def records(self) -> Iterator[DocRecord]:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        while self.pending or self.suspects:
            ticks = context.SimpleQueue()  # fresh: a dead worker may have held the old one's lock
            pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=init_pool_worker,
                initargs=(self.log_file, self.quiet, os.getpid(), ticks, self.verbose),
            )
            try:
                yield from self._drive(pool, ticks)
            except BaseException:
                _abandon(pool)
                raise
            pool.shutdown(wait=True)
            self._drain(ticks)

    def _drive(self, pool: ProcessPoolExecutor, ticks) -> Iterator[DocRecord]:
        in_flight: dict[Future, InputFile] = {}
        broken = False
        while (self.pending or self.suspects or in_flight) and not broken:
            broken = not self._fill(pool, in_flight)
            done, _ = wait(in_flight, timeout=TICK_POLL_SECONDS, return_when=FIRST_COMPLETED)
            self._drain(ticks)
            for future in done:
                job = in_flight.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken = True
                    yield from self._crashed(job)
        for job in in_flight.values():  # the pool broke: everything in flight is a suspect
            yield from self._crashed(job)

    def _fill(self, pool, in_flight: dict[Future, InputFile]) -> bool:
        """Top up the work in flight; False when the pool broke (a worker died idle)."""
        if self.suspects:
            return bool(in_flight) or self._submit(pool, self.suspects, in_flight)
        while self.pending and len(in_flight) < self.workers:
            if not self._submit(pool, self.pending, in_flight):
                return False
        return True

    def _submit(self, pool, source: deque[InputFile], in_flight: dict[Future, InputFile]) -> bool:
        job = source.popleft()
        try:
            in_flight[pool.submit(_pool_task, job, self.options, self.settings)] = job
        except BrokenProcessPool:
            source.appendleft(job)  # never started: not a suspect, just not sent yet
            return False
        return True

    def _crashed(self, job: InputFile) -> Iterator[DocRecord]:
        if job.path in self.retried:
            yield DocRecord(
                input=job.path,
                status="failed",
                error_code="worker_crashed",
                message="the worker process died while converting this document (twice)",
                exit_code=int(ExitCode.INTERNAL),
            )
        else:
            self.retried.add(job.path)
            self.suspects.append(job)

    def _drain(self, ticks) -> None:
        while not ticks.empty():
            path, done, total = ticks.get()
            self.reporter.on_page(path, done, total)


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Stop the pool now: on an interrupt, running documents are abandoned, not awaited.

    Their outputs are written atomically, so an abandoned document leaves nothing behind
    and is simply converted again by the next run.
    """
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
