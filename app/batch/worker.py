"""Set-up of a worker process (process pool or Ray actor): logging and an orphan guard.

A worker's models are loaded by the stages' own ``lru_cache``d loaders on its first
document and kept for every later one; nothing here holds them.
"""

from __future__ import annotations

import logging
import os
import threading
import time

PARENT_POLL_SECONDS = 1.0
WORKER_LOG_FORMAT = "%(asctime)s %(processName)s[%(process)d] %(levelname)s %(name)s: %(message)s"


def configure_worker_logging(log_file: str | None, quiet: bool, verbose: bool = False) -> None:
    """Send the worker's log records to the run's log file (appending), else to stderr
    (``-q``: errors only, ``-v``: progress too). Foreign notices are silenced."""
    from fiscalocr.app.arguments import silence_foreign_warnings

    silence_foreign_warnings()
    root = logging.getLogger()
    root.handlers.clear()
    if log_file:
        handler: logging.Handler = logging.FileHandler(log_file, mode="a", encoding="utf-8")
        root.setLevel(logging.INFO)
    else:
        handler = logging.StreamHandler()
        root.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    handler.setFormatter(logging.Formatter(WORKER_LOG_FORMAT))
    root.addHandler(handler)
    # third-party warnings (Paddle's ccache notice, ...) belong in the log, not on screen
    logging.captureWarnings(True)
    if not log_file:
        logging.getLogger("py.warnings").setLevel(logging.ERROR)


def exit_when_orphaned(parent_pid: int) -> None:
    """Stop this worker soon after its parent dies (e.g. the batch was SIGKILLed).

    Without it a worker would finish its document after the kill and race a rerun for
    the same output; its atomic write keeps the file whole either way, but the rerun's
    "only the rest is processed" would not hold.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="orphan-guard", daemon=True).start()


# The pool's page-tick queue, handed to each worker process once by its initializer
# (multiprocessing queues can only be shared at process creation, not with each task).
# The only per-process state of a worker besides the stages' cached models.
_PAGE_TICKS: list = []


def init_pool_worker(
    log_file: str | None, quiet: bool, parent_pid: int, ticks, verbose: bool = False
) -> None:
    """``ProcessPoolExecutor`` initializer."""
    configure_worker_logging(log_file, quiet, verbose)
    exit_when_orphaned(parent_pid)
    _PAGE_TICKS[:] = [ticks]


def report_page(job_path: str, done: int, total: int) -> None:
    """Tell the parent that page ``done`` of ``total`` of ``job_path`` is read."""
    for ticks in _PAGE_TICKS:
        ticks.put((job_path, done, total))
