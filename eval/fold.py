"""Folding per-document counts into one :class:`MetricSet` (for any group of documents)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .baseline import BagCounts
from .items import EvalItem
from .metrics import (
    FactsAccuracy,
    LabelAccuracy,
    MetricSet,
    NumberBag,
    NumericAccuracy,
    ReconciliationMetrics,
    Speed,
)
from .scoring import MISSING, DocCounts, ReconCounts
from .text import ErrorCount


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def label_accuracy(pairs: Sequence[tuple[str, str]], skip_missing: bool = True) -> LabelAccuracy:
    """Accuracy and confusion; ``skip_missing`` leaves pairs with a missing side out of
    the accuracy (tables: finding them is scored elsewhere) instead of counting them wrong
    (pages: a page the prediction lacks got no label)."""
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for truth, predicted in pairs:
        confusion[truth][predicted] += 1
    both = [(t, p) for t, p in pairs if not skip_missing or MISSING not in (t, p)]
    return LabelAccuracy(
        accuracy=ratio(sum(t == p for t, p in both), len(both)),
        n=len(both),
        confusion={t: dict(row) for t, row in confusion.items()},
    )


def number_bag(counts: BagCounts) -> NumberBag:
    return NumberBag(
        recall=ratio(counts.matched, counts.truth),
        precision=ratio(counts.matched, counts.found),
        truth=counts.truth,
        found=counts.found,
        matched=counts.matched,
    )


def _numeric(docs: Sequence[DocCounts]) -> NumericAccuracy:
    cells = [c for d in docs for c in d.cells]
    return NumericAccuracy(
        before_reconciliation=ratio(sum(c.right_before for c in cells), len(cells)),
        after_reconciliation=ratio(sum(c.right_after for c in cells), len(cells)),
        cells=len(cells),
        not_in_cell=sum(not c.reached_cell for c in cells),
        not_in_cell_warned=sum(c.warned for c in cells),
        wrong_unflagged=sum(c.wrong_unflagged for c in cells),
        wrong_unflagged_rate=ratio(sum(c.wrong_unflagged for c in cells), len(cells)),
        wrong_unflagged_unchecked=sum(c.wrong_unflagged and c.unchecked for c in cells),
    )


def _reconciliation(docs: Sequence[DocCounts]) -> ReconciliationMetrics:
    total = ReconCounts()
    for d in docs:
        for name in vars(total):
            setattr(total, name, getattr(total, name) + getattr(d.recon, name))
    return ReconciliationMetrics(
        checks_total=total.checks_total,
        checks_passed_before=total.checks_passed_before,
        checks_passed_after=total.checks_passed_after,
        repairs=total.repairs,
        repairs_correct=total.repairs_correct,
        repair_precision=ratio(total.repairs_correct, total.repairs),
        false_repairs=total.false_repairs,
        unresolved=total.unresolved,
        wrong_cells_before=total.wrong_before,
        wrong_cells_caught=ratio(total.wrong_caught, total.wrong_before),
    )


def _facts(docs: Sequence[DocCounts]) -> FactsAccuracy:
    n = len(docs)
    return FactsAccuracy(
        **{
            key: ratio(sum(d.facts_right.get(key, 0) for d in docs), n)
            for key in ("kind", "department", "year")
        },
        documents=n,
    )


def speed(items: Sequence[EvalItem]) -> Speed:
    timed = [i for i in items if i.pipeline_seconds() is not None]
    seconds = sum(i.pipeline_seconds() for i in timed)
    timed_pages = sum(i.page_count() for i in timed)
    stages: dict[str, float] = defaultdict(float)
    for item in timed:
        for stage, secs in item.stage_times().items():
            stages[stage] += secs
    return Speed(
        value=ratio(timed_pages, seconds),
        pages=sum(i.page_count() for i in items),
        timed_pages=timed_pages,
        seconds=seconds if timed else None,
        seconds_per_stage=dict(stages),
        seconds_per_page_by_stage={s: v / timed_pages for s, v in stages.items()}
        if timed_pages
        else {},
    )


def fold(items: Sequence[EvalItem], docs: Sequence[DocCounts]) -> MetricSet:
    """One metric set from the items of a group and their counts (same order)."""
    text = sum((d.text for d in docs), ErrorCount())
    n_tables = sum(d.tables.tables for d in docs)
    teds_tables = sum(d.tables.tables for d in docs if d.tables.teds_measured)
    peaks = [i.peak_rss_mb for i in items if i.peak_rss_mb is not None]
    return MetricSet(
        cer=text.rate,
        numeric_cell_accuracy=_numeric(docs),
        grid_exact=ratio(sum(d.tables.grid_exact for d in docs), n_tables),
        teds=ratio(sum(d.tables.teds_sum for d in docs), teds_tables),
        teds_structure=ratio(sum(d.tables.teds_structure_sum for d in docs), teds_tables),
        table_type_accuracy=label_accuracy([p for d in docs for p in d.tables.type_pairs]),
        section_accuracy=label_accuracy(
            [p for d in docs for p in d.section_pairs], skip_missing=False
        ),
        document_facts_accuracy=_facts(docs),
        reconciliation=_reconciliation(docs),
        pages_per_second=speed(items),
        peak_rss_mb=max(peaks) if peaks else None,
    )
