"""One-to-one pairing of predicted and labelled text lines by box overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fiscalocr.model import BBox, Line

from .geometry import intersection, iou
from .text import normalise_text

# A predicted line detects a labelled line when their boxes overlap at least this much.
MIN_LINE_IOU = 0.5


def match_lines(
    predicted: Sequence[Line], truth: Sequence[Line], min_iou: float = MIN_LINE_IOU
) -> list[tuple[int, int]]:
    """Greedy pairs ``(predicted index, truth index)``, best overlap first."""
    scored = sorted(
        (
            (iou(p.bbox, t.bbox), pi, ti)
            for pi, p in enumerate(predicted)
            for ti, t in enumerate(truth)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_t: set[int] = set()
    pairs = []
    for overlap, pi, ti in scored:
        if overlap < min_iou:
            break
        if pi not in used_p and ti not in used_t:
            used_p.add(pi)
            used_t.add(ti)
            pairs.append((pi, ti))
    return pairs


def _same_text_pairs(
    predicted: Sequence[Line], truth: Sequence[Line], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    used_p = {pi for pi, _ in taken}
    used_t = {ti for _, ti in taken}
    pairs = []
    for ti, t in enumerate(truth):
        if ti in used_t:
            continue
        text = normalise_text(t.text)
        for pi, p in enumerate(predicted):
            if (
                pi not in used_p
                and normalise_text(p.text) == text
                and intersection(p.bbox, t.bbox) > 0
            ):
                used_p.add(pi)
                pairs.append((pi, ti))
                break
    return pairs


@dataclass
class LineOutcome:
    """A line read wrong (both texts), missed (``read`` None) or invented (``truth`` None)."""

    bbox: BBox
    read: str | None
    truth: str | None


def line_outcomes(predicted: Sequence[Line], truth: Sequence[Line]) -> list[LineOutcome]:
    """Every line whose reading differs from the label, for the report's pictures.

    Lines left unpaired by overlap but holding the same text where their boxes touch
    are paired too: a box drawn a little wider is not a reading error.
    """
    pairs = match_lines(predicted, truth)
    pairs += _same_text_pairs(predicted, truth, pairs)
    found_p = {pi for pi, _ in pairs}
    found_t = {ti for _, ti in pairs}
    wrong = [
        LineOutcome(truth[ti].bbox, predicted[pi].text, truth[ti].text)
        for pi, ti in pairs
        if normalise_text(predicted[pi].text) != normalise_text(truth[ti].text)
    ]
    missed = [LineOutcome(t.bbox, None, t.text) for ti, t in enumerate(truth) if ti not in found_t]
    invented = [
        LineOutcome(p.bbox, p.text, None) for pi, p in enumerate(predicted) if pi not in found_p
    ]
    return wrong + missed + invented
