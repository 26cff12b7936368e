"""Cutting OCR lines that the detector glued across table cells.

The detector often boxes two right-aligned amounts of neighbouring columns as one line:
``82,096,797.4282,096,797.42`` or ``12,029,501.84|12,029,501.84`` (the column rule read as
``|``). A space, a ``|`` between digits, or a run of well-formed amounts (thousands
separators, two decimals) back to back are unambiguous cell boundaries, so the OCR stage
cuts them using the per-character boxes; anything subtler is left to the layout stage,
which sees the table rules.
"""

from __future__ import annotations

import re

from fiscalocr.model import Line

AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2}")
RULE_CHARS = "|丨"  # what the recogniser reads a vertical table rule as


def cut_points(text: str) -> list[tuple[int, int]]:
    """(start, end) character ranges of the pieces ``text`` splits into."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for i, char in enumerate(text):
        between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        if (char == " " or char in RULE_CHARS) and between_digits:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    return [cut for piece in pieces for cut in _amount_runs(text, *piece)]


def _amount_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A piece made only of two or more back-to-back amounts splits into them."""
    matches = list(AMOUNT.finditer(text, start, end))
    covers = matches and matches[0].start() == start and matches[-1].end() == end
    contiguous = all(a.end() == b.start() for a, b in zip(matches, matches[1:], strict=False))
    if len(matches) >= 2 and covers and contiguous:
        return [(m.start(), m.end()) for m in matches]
    return [(start, end)]


def split_glued(line: Line) -> list[Line]:
    """``line`` cut at unambiguous cell boundaries (itself when there are none)."""
    if not line.char_boxes or len(line.char_boxes) != len(line.text):
        return [line]
    cuts = cut_points(line.text)
    if len(cuts) == 1:
        return [line]
    return [_piece(line, a, b) for a, b in cuts if b > a]


def _piece(line: Line, start: int, end: int) -> Line:
    boxes = line.char_boxes[start:end]
    alternatives = line.char_alternatives[start:end] if line.char_alternatives else None
    tops = [alts[0].prob for alts in alternatives if alts] if alternatives else []
    return Line(
        text=line.text[start:end],
        bbox=(boxes[0][0], line.bbox[1], boxes[-1][2], line.bbox[3]),
        conf=round(sum(tops) / len(tops), 4) if tops else line.conf,
        char_boxes=boxes,
        char_alternatives=alternatives,
        ocr_engine=line.ocr_engine,
    )
