"""What the user sees while a batch runs: a progress bar in pages and one line per document.

The bar counts pages (pages/s, ETA) and is shown only on a terminal and without
``--quiet``. Its total is an estimate that firms up as documents open: pages of the
documents started so far plus, for each document not started yet, the mean page count
seen so far. Document lines go to stdout (failures to stderr, always, one line each,
never a traceback); everything, tracebacks included, goes to the log.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from .record import DocRecord
from .summary import document_line

log = logging.getLogger("fiscalocr.batch")


class Reporter:
    """Receives page ticks and finished documents from a backend (main process only)."""

    def __init__(self, n_documents: int, *, quiet: bool, stream: TextIO | None = None) -> None:
        from tqdm import tqdm

        stream = stream or sys.stderr
        self.quiet = quiet
        self.n_documents = n_documents
        self.finished = 0
        self._pages_done: dict[str, int] = {}
        self._pages_total: dict[str, int] = {}
        self._known_pages = 0  # sum of _pages_total, kept as it changes (archives are large)
        show_bar = not quiet and stream.isatty()
        self.bar = tqdm(
            total=None, unit="page", disable=not show_bar, file=stream, dynamic_ncols=True
        )

    def on_page(self, job: str, done: int, total: int) -> None:
        """A worker finished page ``done`` of ``total`` of document ``job``."""
        self._set_total(job, total)
        self._advance(job, done)

    def on_document(self, record: DocRecord) -> None:
        self.finished += 1
        if record.status in ("ok", "partial", "failed"):
            self._set_total(record.input, record.pages)
            self._advance(record.input, record.pages)  # backends without page ticks (Ray)
        self.bar.set_postfix_str(f"{self.finished}/{self.n_documents} documents", refresh=False)
        self._update_total()
        self._print(record)

    def problem(self, argument: str, code: str, message: str) -> None:
        """An input argument that named nothing (missing file, empty glob)."""
        line = f"failed   {argument}: {code}: {message}"
        log.warning(line)
        self._write(line, sys.stderr)

    def close(self) -> None:
        self.bar.close()

    def _set_total(self, job: str, total: int) -> None:
        self._known_pages += total - self._pages_total.get(job, 0)
        self._pages_total[job] = total

    def _advance(self, job: str, done: int) -> None:
        step = done - self._pages_done.get(job, 0)
        if step > 0:
            self._pages_done[job] = done
            self._update_total()
            self.bar.update(step)

    def _update_total(self) -> None:
        started = len(self._pages_total)
        known = self._known_pages
        if not started:
            return
        not_started = max(self.n_documents - max(started, self.finished), 0)
        estimate = known + round(not_started * known / started)
        if estimate != self.bar.total:
            self.bar.total = max(estimate, self.bar.n)
            self.bar.refresh()

    def _print(self, record: DocRecord) -> None:
        line = document_line(record)
        if record.status == "failed":
            log.warning(line)
            if record.traceback:
                log.error("traceback for %s:\n%s", record.input, record.traceback)
            self._write(line, sys.stderr)
        else:
            log.info(line)
            if not self.quiet:
                self._write(line, sys.stdout)

    def _write(self, line: str, stream: TextIO) -> None:
        if self.bar.disable:
            print(line, file=stream, flush=True)
        else:
            self.bar.write(line, file=stream)
