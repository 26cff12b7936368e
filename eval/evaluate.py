"""``evaluate``: labelled documents in, :class:`Metrics` out. It never runs the pipeline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .baseline import BagCounts, BaselineCounts, score_baselines
from .fold import fold, number_bag, ratio
from .items import EvalItem
from .metrics import BareOcrBaseline, Baselines, Metrics, MetricSet
from .scoring import DocCounts, score_document
from .text import ErrorCount


def _groups(
    items: list[EvalItem], docs: list[DocCounts], key: Callable[[EvalItem], str]
) -> dict[str, MetricSet]:
    members: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        members[key(item)].append(index)
    return {
        name: fold([items[i] for i in idx], [docs[i] for i in idx])
        for name, idx in sorted(members.items())
    }


def _baselines(items: list[EvalItem]) -> tuple[Baselines | None, float | None]:
    """Bare-OCR and ablation figures, and the pipeline ÷ bare OCR time ratio."""
    scored: list[BaselineCounts] = []
    for item in items:
        counts = score_baselines(item.predicted, item.truth, item.baseline_lines, item.ablation)
        if counts is not None:
            scored.append(counts)
    ablated = [i for i in items if i.ablation is not None]
    if not scored and not ablated:
        return None, None
    bare_timed = [
        i for i in items if i.baseline_seconds is not None and i.pipeline_seconds() is not None
    ]
    bare_seconds = sum(i.baseline_seconds for i in bare_timed)
    baselines = Baselines()
    if scored:
        baselines.bare_paddleocr = BareOcrBaseline(
            cer=sum((c.bare_text for c in scored), ErrorCount()).rate,
            numbers=number_bag(sum((c.bare_numbers for c in scored), BagCounts())),
            seconds=bare_seconds if bare_timed else None,
        )
        baselines.pipeline_numbers = number_bag(
            sum((c.pipeline_numbers for c in scored), BagCounts())
        )
        ablation_bags = [c.ablation_numbers for c in scored if c.ablation_numbers is not None]
        if ablation_bags:
            baselines.ablation_numbers = number_bag(sum(ablation_bags, BagCounts()))
    if ablated:
        # reconciliation changes text, never the grid: TEDS of the ablation says nothing new
        docs = [score_document(i.ablation, i.truth, with_teds=False) for i in ablated]
        baselines.ablation = fold([_untimed(i) for i in ablated], docs)
    ratio_ = ratio(sum(i.pipeline_seconds() for i in bare_timed), bare_seconds)
    return baselines, ratio_


def _untimed(item: EvalItem) -> EvalItem:
    """The ablation's own timings are not the pipeline's: do not report them as such."""
    return EvalItem(
        item.name,
        item.ablation,
        item.truth,
        item.level,
        item.kind,
        stage_seconds={},
        pages=item.pages,
    )


def evaluate(pairs: Iterable[EvalItem]) -> Metrics:
    """Every metric over all items, by damage level and by document kind, and baselines."""
    items = list(pairs)
    docs = [score_document(item.predicted, item.truth) for item in items]
    overall = fold(items, docs)
    baselines, speed_ratio = _baselines(items)
    return Metrics(
        **overall.model_dump(),
        by_level=_groups(items, docs, lambda i: i.level_key),
        by_kind=_groups(items, docs, lambda i: i.kind or "unknown"),
        baselines=baselines,
        speed_ratio=speed_ratio,
    )
