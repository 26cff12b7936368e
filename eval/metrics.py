"""The figures :func:`evaluate` returns, as pydantic models (their JSON is metrics.json).

Every rate is ``None`` when nothing was there to count (no labelled text, no timings...),
so a missing measurement never reads as a perfect or a zero score.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NumericAccuracy(_Model):
    """Share of labelled amounts read exactly, before and after reconciliation."""

    before_reconciliation: float | None = None
    after_reconciliation: float | None = None
    cells: int = Field(0, description="labelled amounts counted")
    not_in_cell: int = Field(
        0, description="labelled amounts no predicted cell holds a value for (recall lost)"
    )
    not_in_cell_warned: int = Field(
        0,
        description="of those, the ones a page's warning covers (amounts outside every table, "
        "cells holding an amount but no value)",
    )
    wrong_unflagged: int = Field(
        0, description="amounts reported with a wrong value and no unresolved rule naming them"
    )
    wrong_unflagged_rate: float | None = Field(
        None, description="wrong_unflagged per labelled amount"
    )
    wrong_unflagged_unchecked: int = Field(
        0,
        description="of wrong_unflagged, those in a table no rule checks, which the page's "
        "amounts_unchecked warning names (told unverified, though no rule names them)",
    )


class LabelAccuracy(_Model):
    """Accuracy of a label, with ``confusion[truth][predicted]`` counts.

    ``∅`` stands for a table or page one side lacks: row ``∅`` counts predicted tables
    with no truth table, column ``∅`` truth tables nothing was matched to. Accuracy is
    over the pairs where both sides exist.
    """

    accuracy: float | None = None
    n: int = 0
    confusion: dict[str, dict[str, int]] = Field(default_factory=dict)


class FactsAccuracy(_Model):
    kind: float | None = None
    department: float | None = None
    year: float | None = None
    documents: int = 0


class ReconciliationMetrics(_Model):
    checks_total: int = 0
    checks_passed_before: int = 0
    checks_passed_after: int = 0
    repairs: int = 0
    repairs_correct: int = Field(0, description="repairs after which the cell holds the truth")
    repair_precision: float | None = None
    false_repairs: int = Field(0, description="repairs that turned a right amount wrong")
    unresolved: int = 0
    wrong_cells_before: int = Field(0, description="labelled amounts OCR read wrong")
    wrong_cells_caught: float | None = Field(
        None, description="share of those repaired or named by an unresolved rule"
    )


class Speed(_Model):
    """Throughput of the pipeline over the documents that carry timings."""

    value: float | None = Field(None, description="pages per second")
    pages: int = Field(0, description="all pages evaluated")
    timed_pages: int = 0
    seconds: float | None = None
    seconds_per_stage: dict[str, float] = Field(default_factory=dict)
    seconds_per_page_by_stage: dict[str, float] = Field(default_factory=dict)


class MetricSet(_Model):
    """The headline figures, for the whole run or one breakdown group."""

    cer: float | None = None
    numeric_cell_accuracy: NumericAccuracy = Field(default_factory=NumericAccuracy)
    grid_exact: float | None = None
    teds: float | None = None
    teds_structure: float | None = None
    table_type_accuracy: LabelAccuracy = Field(default_factory=LabelAccuracy)
    section_accuracy: LabelAccuracy = Field(default_factory=LabelAccuracy)
    document_facts_accuracy: FactsAccuracy = Field(default_factory=FactsAccuracy)
    reconciliation: ReconciliationMetrics = Field(default_factory=ReconciliationMetrics)
    pages_per_second: Speed = Field(default_factory=Speed)
    peak_rss_mb: float | None = None


class NumberBag(_Model):
    """Labelled amounts against amounts found, compared as multisets of values."""

    recall: float | None = None
    precision: float | None = None
    truth: int = 0
    found: int = 0
    matched: int = 0


class BareOcrBaseline(_Model):
    cer: float | None = None
    numbers: NumberBag = Field(default_factory=NumberBag)
    seconds: float | None = None


class Baselines(_Model):
    """Bare PaddleOCR and the pipeline without reconciliation, on the same documents."""

    bare_paddleocr: BareOcrBaseline | None = None
    pipeline_numbers: NumberBag | None = Field(
        None, description="the pipeline's table cells through the same bag as bare OCR"
    )
    ablation_numbers: NumberBag | None = None
    ablation: MetricSet | None = Field(None, description="the pipeline without reconciliation")


class Metrics(MetricSet):
    """metrics.json: the headline figures plus breakdowns and baselines."""

    by_level: dict[str, MetricSet] = Field(default_factory=dict)
    by_kind: dict[str, MetricSet] = Field(default_factory=dict)
    baselines: Baselines | None = None
    speed_ratio: float | None = Field(None, description="pipeline seconds ÷ bare PaddleOCR seconds")

    def headline(self) -> dict:
        """The figures a person reads first (CLI and benchmark print them), confusion
        matrices left out."""
        data = self.model_dump(mode="json", include=set(HEADLINE_KEYS))
        return {
            key: {k: v for k, v in data[key].items() if k != "confusion"}
            if isinstance(data.get(key), dict)
            else data.get(key)
            for key in HEADLINE_KEYS
            if key in data
        }


HEADLINE_KEYS: tuple[str, ...] = (
    "cer",
    "numeric_cell_accuracy",
    "grid_exact",
    "teds",
    "teds_structure",
    "table_type_accuracy",
    "section_accuracy",
    "document_facts_accuracy",
    "reconciliation",
    "baselines",
    "speed_ratio",
    "pages_per_second",
    "peak_rss_mb",
)
