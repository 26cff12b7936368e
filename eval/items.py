"""What the app hands to :func:`evaluate`: one labelled document and what was read from it."""

from __future__ import annotations

from dataclasses import dataclass

from fiscalocr.model import Document, Line

BaselineLines = dict[int, list[Line]]


@dataclass
class EvalItem:
    """One document: the pipeline's output, the truth, and optional baseline and timings.

    ``baseline_lines`` are bare PaddleOCR lines keyed by 1-based page number (a list of
    per-page lists is accepted and keyed 1, 2, ...). ``ablation`` is the pipeline's output
    with reconciliation switched off. ``stage_seconds`` and ``total_seconds`` time the
    pipeline on this document (the predicted document's own ``timings`` are used when
    they are absent); ``baseline_seconds`` times bare PaddleOCR on the same pages.
    """

    name: str
    predicted: Document
    truth: Document
    level: str | None = None
    kind: str | None = None
    baseline_lines: BaselineLines | list[list[Line]] | None = None
    ablation: Document | None = None
    stage_seconds: dict[str, float] | None = None
    total_seconds: float | None = None
    baseline_seconds: float | None = None
    pages: int | None = None
    peak_rss_mb: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.baseline_lines, list):
            self.baseline_lines = {i + 1: lines for i, lines in enumerate(self.baseline_lines)}
        if self.kind is None:
            self.kind = self.truth.document.kind

    @property
    def level_key(self) -> str:
        """The breakdown key of the damage level ("none" when the item has none)."""
        return self.level if self.level is not None else "none"

    def stage_times(self) -> dict[str, float]:
        """Seconds per pipeline stage, from the item or else from the document's timings."""
        if self.stage_seconds is not None:
            return dict(self.stage_seconds)
        times: dict[str, float] = {}
        for timing in self.predicted.timings:
            times[timing.stage] = times.get(timing.stage, 0.0) + timing.seconds
        return times

    def pipeline_seconds(self) -> float | None:
        if self.total_seconds is not None:
            return self.total_seconds
        stages = self.stage_times()
        return sum(stages.values()) if stages else None

    def page_count(self) -> int:
        return self.pages if self.pages is not None else len(self.truth.pages)
