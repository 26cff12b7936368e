"""Character error rate over page text.

Both sides are put in the same reading order and normalised the same way (NFKC folds the
full-width digits PaddleOCR mixes in, whitespace is dropped because line breaks and
spacing are layout, not reading), so CER measures what was read, not how it was laid out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fiscalocr.model import Line
from fiscalocr.model.text import normalise_text

# Two lines share a row of reading when their vertical overlap is at least this share of
# the shorter one's height (table cells on one row sit at the same height, give or take).
ROW_OVERLAP_FRACTION = 0.5


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (unit costs)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def _vertical_overlap(a: Line, b_top: float, b_bottom: float) -> float:
    top, bottom = a.bbox[1], a.bbox[3]
    overlap = min(bottom, b_bottom) - max(top, b_top)
    shorter = min(bottom - top, b_bottom - b_top)
    return overlap / shorter if shorter > 0 else 0.0


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """Top-to-bottom rows of lines, each row left to right."""
    rows: list[list[Line]] = []
    bounds: list[tuple[float, float]] = []
    for line in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        if rows and _vertical_overlap(line, *bounds[-1]) >= ROW_OVERLAP_FRACTION:
            rows[-1].append(line)
            top, bottom = bounds[-1]
            bounds[-1] = (min(top, line.bbox[1]), max(bottom, line.bbox[3]))
        else:
            rows.append([line])
            bounds.append((line.bbox[1], line.bbox[3]))
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.bbox[0])]


def page_text(lines: Sequence[Line]) -> str:
    """The normalised text of a page, in reading order."""
    return normalise_text("".join(line.text for line in reading_order(lines)))


@dataclass
class ErrorCount:
    """Edits and reference length: summing these gives a corpus CER weighted by length."""

    edits: int = 0
    chars: int = 0

    def __add__(self, other: ErrorCount) -> ErrorCount:
        return ErrorCount(self.edits + other.edits, self.chars + other.chars)

    @property
    def rate(self) -> float | None:
        if self.chars == 0:
            return None if self.edits == 0 else 1.0
        return self.edits / self.chars


def count_errors(predicted: str, truth: str) -> ErrorCount:
    """Edits needed to turn the normalised prediction into the normalised truth."""
    p, t = normalise_text(predicted), normalise_text(truth)
    return ErrorCount(edit_distance(p, t), len(t))


def cer(predicted: str, truth: str) -> float | None:
    """Character error rate of one string pair (None when both are empty)."""
    return count_errors(predicted, truth).rate


def lines_errors(predicted: Sequence[Line], truth: Sequence[Line]) -> ErrorCount:
    """Edits between two pages' lines, each page read in reading order."""
    p, t = page_text(predicted), page_text(truth)
    return ErrorCount(edit_distance(p, t), len(t))
