"""Characters and text pieces: the units text is placed into cells by.

OCR lines glue neighbours across cell borders (``24,458.43二、…``), so the stage works on
characters. When the engine gives no per-character boxes, boxes are estimated from the
line box with CJK characters twice as wide as ASCII ones (how the fonts print them).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median

from fiscalocr.model import Line, looks_like_amount

from .geometry import BBox, centre, union_bbox


@dataclass(frozen=True)
class Char:
    text: str
    bbox: BBox
    line_index: int
    estimated: bool


@dataclass(frozen=True)
class Piece:
    """A run of characters of one line with no wide gap inside: a cell-sized unit."""

    chars: tuple[Char, ...]
    conf: float

    # Cached: a piece never changes, and layout asks for its box ~4,000 times a page
    # (128,000 calls on a 31-page file: a third of the text-layer path's time under
    # cProfile when recomputed).
    @cached_property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @cached_property
    def bbox(self) -> BBox:
        return union_bbox(c.bbox for c in self.chars)

    @property
    def line_index(self) -> int:
        return self.chars[0].line_index


def char_width_units(ch: str) -> float:
    """Printed width of a character in ems: full-width (CJK) 1, others 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def line_chars(line: Line, line_index: int) -> list[Char]:
    """The line's characters with boxes, real when the engine gave them."""
    if line.char_boxes and len(line.char_boxes) == len(line.text):
        return [
            Char(ch, tuple(b), line_index, False)
            for ch, b in zip(line.text, line.char_boxes, strict=True)
        ]
    x0, y0, x1, y1 = line.bbox
    units = [char_width_units(ch) for ch in line.text]
    total = sum(units) or 1.0
    chars, cursor = [], x0
    for ch, unit in zip(line.text, units, strict=True):
        width = (x1 - x0) * unit / total
        chars.append(Char(ch, (cursor, y0, cursor + width, y1), line_index, True))
        cursor += width
    return chars


def split_at_gaps(chars: list[Char], min_gap: float, conf: float) -> list[Piece]:
    """Cut a line's characters where the gap between neighbours is at least ``min_gap``."""
    pieces: list[list[Char]] = []
    for ch in chars:
        if ch.text.isspace():
            if pieces and pieces[-1]:
                pieces.append([])
            continue
        if pieces and pieces[-1] and ch.bbox[0] - pieces[-1][-1].bbox[2] >= min_gap:
            pieces.append([])
        if not pieces:
            pieces.append([])
        pieces[-1].append(ch)
    return [Piece(tuple(p), conf) for p in pieces if p]


def line_pieces(lines: list[Line], min_gap: float) -> list[Piece]:
    """Every line of the page cut into pieces at wide gaps."""
    out: list[Piece] = []
    for index, line in enumerate(lines):
        out.extend(split_at_gaps(line_chars(line, index), min_gap, line.conf))
    return out


def is_numeric_text(text: str) -> bool:
    """An amount (or a code) in the sense of the contract's number rule, or one whose
    separators a scan damaged (``21.968.00``)."""
    return looks_like_amount(text)


def is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and not ch.isdigit()


RULE_GLYPHS = "|丨｜"
"""What a table rule crossing the end of a text box reads as; never a cell's content."""


def join_fragments(parts: list[str]) -> str:
    """Join text fragments of one cell: no space next to CJK, one space between words,
    and no rule read as a glyph at either end (``2|``)."""
    out = ""
    for part in parts:
        part = part.strip().strip(RULE_GLYPHS).strip()
        if not part:
            continue
        if out and not is_cjk(out[-1]) and not is_cjk(part[0]):
            out += " "
        out += part
    return out


def text_rows_of_fragments(
    fragments: list[tuple[str, BBox]], ratio: float = 0.5
) -> list[tuple[str, BBox]]:
    """Fragments in reading order: top to bottom by rows, left to right in a row."""
    if not fragments:
        return []
    ordered = sorted(fragments, key=lambda f: (f[1][1] + f[1][3]) / 2)
    rows: list[list[tuple[str, BBox]]] = [[ordered[0]]]
    for frag in ordered[1:]:
        ref = rows[-1][0][1]
        height = max(ref[3] - ref[1], frag[1][3] - frag[1][1], 1e-6)
        if abs((frag[1][1] + frag[1][3]) / 2 - (ref[1] + ref[3]) / 2) <= ratio * height:
            rows[-1].append(frag)
        else:
            rows.append([frag])
    return [f for row in rows for f in sorted(row, key=lambda f: f[1][0])]


def text_rows(pieces: Sequence[Piece], ratio: float) -> list[list[Piece]]:
    """Pieces clustered into rows by vertical centre, top to bottom."""
    if not pieces:
        return []
    height = median(p.bbox[3] - p.bbox[1] for p in pieces)
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: centre(p.bbox)[1]):
        cy = centre(piece.bbox)[1]
        if rows and cy - centre(rows[-1][0].bbox)[1] <= ratio * height:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return rows


def row_gap(upper: Sequence[Piece], lower: Sequence[Piece]) -> float:
    """The blank between two text rows: the lower one's top less the upper one's bottom."""
    return min(p.bbox[1] for p in lower) - max(p.bbox[3] for p in upper)
