"""Baselines measured on the same pages: bare PaddleOCR lines, and the ablation.

Bare OCR has no tables, so its amounts are compared as a bag of values: every number
read inside a truth table's area against every labelled amount. The pipeline's and the
ablation's table cells are put through the same bag, so the three figures compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fiscalocr.model import Document, Line, parse_amount

from .geometry import centre, contains_point
from .matching import footprint
from .text import ErrorCount, lines_errors

# Amounts are compared to the cent and a bit; the bag keys on this many decimals.
BAG_DECIMALS = 4


@dataclass
class BagCounts:
    """A multiset comparison: labelled amounts, amounts found, and how many agree."""

    truth: int = 0
    found: int = 0
    matched: int = 0

    def __add__(self, other: BagCounts) -> BagCounts:
        return BagCounts(
            self.truth + other.truth, self.found + other.found, self.matched + other.matched
        )


def _bag(values: Iterable[float | None]) -> Counter:
    return Counter(round(v, BAG_DECIMALS) for v in values if v is not None)


def compare_bags(found: Iterable[float | None], truth: Iterable[float | None]) -> BagCounts:
    f, t = _bag(found), _bag(truth)
    return BagCounts(sum(t.values()), sum(f.values()), sum((f & t).values()))


def truth_amounts(truth: Document) -> list[float]:
    return [c.value for t in truth.tables for c in t.cells if c.value is not None]


def table_amounts(document: Document) -> list[float | None]:
    return [c.value for t in document.tables for c in t.cells]


def numbers_in_lines(lines: Iterable[Line]) -> list[float]:
    """Every amount a line of text holds, token by token."""
    found = []
    for line in lines:
        for token in line.text.split():
            value = parse_amount(token)
            if value is not None:
                found.append(value)
    return found


def lines_in_tables(truth: Document, page: int, lines: list[Line]) -> list[Line]:
    """The lines whose centre lies in one of the truth tables on that page (all lines
    when the truth tables there carry no boxes)."""
    boxes = [fp[page] for fp in map(footprint, truth.tables) if page in fp]
    if not boxes and any(page in t.pages for t in truth.tables):
        return list(lines)
    return [ln for ln in lines if any(contains_point(b, centre(ln.bbox)) for b in boxes)]


@dataclass
class BaselineCounts:
    bare_text: ErrorCount
    bare_numbers: BagCounts
    pipeline_numbers: BagCounts
    ablation_numbers: BagCounts | None


def score_baselines(
    predicted: Document,
    truth: Document,
    bare_lines: dict[int, list[Line]] | None,
    ablation: Document | None,
) -> BaselineCounts | None:
    """None when the item carries no bare OCR lines."""
    if bare_lines is None:
        return None
    labelled = truth_amounts(truth)
    text = ErrorCount()
    inside: list[Line] = []
    for page in truth.pages:
        lines = bare_lines.get(page.page, [])
        if page.lines:
            text = text + lines_errors(lines, page.lines)
        inside += lines_in_tables(truth, page.page, lines)
    return BaselineCounts(
        bare_text=text,
        bare_numbers=compare_bags(numbers_in_lines(inside), labelled),
        pipeline_numbers=compare_bags(table_amounts(predicted), labelled),
        ablation_numbers=compare_bags(table_amounts(ablation), labelled) if ablation else None,
    )
