"""OCR evidence for one cell: the recogniser's per-character alternatives (CTC output).

Layout keeps the cell's text but not the recogniser's probabilities; those live on the
page's text lines. The evidence for a cell is the line (or the characters of a line)
whose box overlaps the cell on the same page, used only when its characters spell
exactly what the cell says.
"""

from __future__ import annotations

from dataclasses import dataclass

from fiscalocr.model import BBox, Cell, Line, Page
from fiscalocr.model.text import normalise_text

CharChoices = list[tuple[str, float]]
"""One character position: (character, probability), best first."""


@dataclass(frozen=True)
class Evidence:
    chars: list[CharChoices]
    """Aligned with the cell's normalised text, one entry per character."""

    def confident(self, min_prob: float) -> bool:
        return all(choices and choices[0][1] >= min_prob for choices in self.chars)


def _overlap(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def _inside(box: BBox, cell: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]


def _line_chars(line: Line, cell: Cell) -> list[tuple[str, CharChoices]] | None:
    """(read char, alternatives) for the characters of this line inside the cell."""
    alts = line.char_alternatives
    if not alts or len(alts) != len(line.text):
        return None
    pairs = [
        (ch, [(a.char, a.prob) for a in choices])
        for ch, choices in zip(line.text, alts, strict=True)
    ]
    boxes = line.char_boxes
    if boxes and len(boxes) == len(line.text):
        pairs = [p for p, box in zip(pairs, boxes, strict=True) if _inside(box, cell.bbox)]
    return pairs


def cell_evidence(cell: Cell, page: Page | None) -> Evidence | None:
    """Per-character alternatives spelling the cell's text, or None when none match."""
    if page is None:
        return None
    target = normalise_text(cell.text)
    if not target:
        return None
    for line in sorted(page.lines, key=lambda ln: -_overlap(ln.bbox, cell.bbox)):
        if _overlap(line.bbox, cell.bbox) <= 0:
            break
        pairs = _line_chars(line, cell)
        if not pairs:
            continue
        kept = [
            (normalise_text(ch), [(normalise_text(a) or a, p) for a, p in choices])
            for ch, choices in pairs
        ]
        kept = [(ch, choices) for ch, choices in kept if ch]
        if "".join(ch for ch, _ in kept) == target:
            return Evidence([choices for _, choices in kept])
    return None
