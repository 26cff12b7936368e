"""What a batch remembers about each input: the run summary's rows.

A :class:`DocRecord` is built in the worker (process pool or Ray actor) and sent back,
so it is a plain picklable pydantic model. The traceback of an unexpected exception
travels with it to go into the log file, but is left out of the summary JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

DocStatus = Literal["ok", "partial", "failed", "skipped", "pending"]


class ReconciliationCounts(BaseModel):
    checks_total: int = 0
    checks_passed_before: int = 0
    checks_passed_after: int = 0
    repairs: int = 0
    unresolved: int = 0
    findings: int = Field(default=0, description="inconsistencies a reviewer would act on")


class DocRecord(BaseModel):
    """One input of the batch and what became of it."""

    input: str
    output: str | None = Field(default=None, description="the JSON written (or kept)")
    status: DocStatus = "pending"
    previous_status: str | None = Field(
        default=None, description="for skipped documents: the status of the output kept"
    )
    error_code: str | None = None
    message: str | None = None
    exit_code: int = 0
    pages: int = 0
    pages_failed: int = 0
    amounts_outside_tables: int = Field(
        default=0, description="amounts printed outside every table found: they reached no cell"
    )
    cells_without_value: int = Field(
        default=0,
        description="table cells holding an amount glued to other text: no value, no check",
    )
    amounts_unchecked: int = Field(
        default=0,
        description="amounts read into tables no arithmetic rule covers: reported, not checked",
    )
    pages_with_unplaced: list[int] = Field(
        default_factory=list, description="the pages those amounts and cells are on"
    )
    seconds: float = 0.0
    cpu_seconds: float = Field(
        default=0.0, description="CPU time of the worker process (all threads) on this document"
    )
    sha256: str | None = None
    reconciliation: ReconciliationCounts | None = None
    exports: list[str] = Field(default_factory=list)
    worker_pid: int | None = None
    worker_peak_rss_mb: float | None = Field(
        default=None, description="peak resident memory of the worker process so far"
    )
    traceback: str | None = Field(default=None, exclude=True)
