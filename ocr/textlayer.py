"""Reading a page from its PDF text layer, and deciding whether that layer is usable.

Lines are assembled from ``get_text("rawdict")`` characters ourselves rather than taken
from MuPDF's lines: MuPDF may split one printed number into pieces or glue neighbouring
table cells, and we want OCR-like lines (one per printed run of text) so every later stage
sees the same thing from both paths.

Usable means: at least ``min_text_chars`` visible characters, at most 10% garbage
(U+FFFD, private-use or control characters: a broken ToUnicode map), and at least 80% of
them running left-to-right on the displayed page. Invisible text (render mode 3, the OCR
layer other tools put over a scan) is ignored unless ``trust_invisible_text``: we prefer
our own OCR, whose per-character alternatives feed the repair step. On a page that is one
scanned image, a handful of visible characters (a stamped page number) is not a text
layer: it needs ``SCAN_MIN_TEXT_CHARS``.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass
from typing import Any

from fiscalocr.model import BBox, Line

MAX_GARBAGE_SHARE = 0.1
MIN_HORIZONTAL_SHARE = 0.8
SCAN_MIN_TEXT_CHARS = 100
ROW_OVERLAP = 0.5  # vertical overlap (share of the smaller height) that puts chars in one row
LINE_BREAK_GAP = 1.0  # gap, in char heights, that always ends a line
SOURCE_BREAK_GAP = 0.25  # smaller gap that ends a line when MuPDF also saw two lines
SPACE_GAP = 0.3  # gap, in char heights, written as one space inside a line
# A space never sits inside an amount: digits either side of a spaced gap are two cells
# (right-aligned amounts in neighbouring columns can be closer than LINE_BREAK_GAP).


@dataclass(frozen=True)
class PdfChar:
    text: str  # NFKC-normalised, one character
    bbox: BBox  # displayed page points
    source_line: int  # index of the MuPDF line it came from
    is_space: bool


def collect_chars(page: Any, include_invisible: bool) -> tuple[list[PdfChar], int]:
    """Horizontal characters in displayed coordinates, and the count of the rest."""
    import pymupdf

    matrix = page.rotation_matrix
    upright = page.rotation == 0  # displayed as stored: boxes need no turn (most pages)
    chars: list[PdfChar] = []
    other_direction = 0
    raw = page.get_text("rawdict")
    line_no = 0
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            line_no += 1
            dx, dy = pymupdf.Point(line["dir"]) * matrix - pymupdf.Point(0, 0) * matrix
            horizontal = dx > 0.99 and abs(dy) < 0.05
            for span in line["spans"]:
                if span.get("alpha", 255) == 0 and not include_invisible:
                    continue
                for char in span["chars"]:
                    if not horizontal:
                        other_direction += not char["c"].isspace()
                        continue
                    box = char["bbox"]
                    if not upright:
                        box = tuple(pymupdf.Rect(box) * matrix)
                    chars.extend(_normalised(char["c"], tuple(box), line_no))
    return chars, other_direction


def _normalised(char: str, bbox: BBox, line_no: int) -> list[PdfChar]:
    """NFKC form of one PDF character; an expanding form shares the glyph's box."""
    text = unicodedata.normalize("NFKC", char)
    if not text:
        return []
    x0, y0, x1, y1 = bbox
    step = (x1 - x0) / len(text)
    return [
        PdfChar(c, (x0 + i * step, y0, x0 + (i + 1) * step, y1), line_no, c.isspace())
        for i, c in enumerate(text)
    ]


def is_garbage(char: str) -> bool:
    return char == "\ufffd" or unicodedata.category(char) in ("Co", "Cc", "Cn")


def is_usable(chars: list[PdfChar], other_direction: int, min_chars: int, is_scan: bool) -> bool:
    """The usability rule of the module docstring."""
    visible = [c for c in chars if not c.is_space]
    total = len(visible) + other_direction
    needed = max(min_chars, SCAN_MIN_TEXT_CHARS) if is_scan else min_chars
    if len(visible) < needed or total == 0:
        return False
    garbage = sum(is_garbage(c.text) for c in visible)
    return (
        garbage <= MAX_GARBAGE_SHARE * len(visible) and len(visible) >= MIN_HORIZONTAL_SHARE * total
    )


def group_rows(chars: list[PdfChar]) -> list[list[PdfChar]]:
    """Characters (spaces included) grouped into printed rows, top to bottom, sorted by x."""
    rows: list[list[PdfChar]] = []
    extents: list[tuple[float, float]] = []
    for char in sorted(chars, key=lambda c: (c.bbox[1] + c.bbox[3]) / 2):
        y0, y1 = char.bbox[1], char.bbox[3]
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):  # recent rows suffice
            r0, r1 = extents[i]
            if min(y1, r1) - max(y0, r0) >= ROW_OVERLAP * min(y1 - y0, r1 - r0):
                rows[i].append(char)
                extents[i] = (min(r0, y0), max(r1, y1))
                break
        else:
            rows.append([char])
            extents.append((y0, y1))
    return [
        sorted(row, key=lambda c: c.bbox[0]) for row in rows if any(not c.is_space for c in row)
    ]


def split_row(row: list[PdfChar]) -> list[Line]:
    """One row cut into lines at wide gaps; narrower gaps become single spaces."""
    visible = [c for c in row if not c.is_space]
    height = statistics.median(c.bbox[3] - c.bbox[1] for c in visible) or 1.0
    lines: list[list[tuple[str, BBox]]] = [[]]
    prev: PdfChar | None = None
    blanks = 0
    for char in row:
        if char.is_space:
            blanks += prev is not None
            continue
        if prev is not None:
            gap = char.bbox[0] - prev.bbox[2]
            spaced = gap > SPACE_GAP * height or blanks == 1
            if (
                gap > LINE_BREAK_GAP * height
                or blanks >= 2
                or (char.source_line != prev.source_line and gap > SOURCE_BREAK_GAP * height)
                or (spaced and prev.text.isdigit() and char.text.isdigit())
            ):
                lines.append([])
            elif spaced:
                lines[-1].append(
                    (
                        " ",
                        (
                            prev.bbox[2],
                            min(prev.bbox[1], char.bbox[1]),
                            max(char.bbox[0], prev.bbox[2]),
                            max(prev.bbox[3], char.bbox[3]),
                        ),
                    )
                )
        lines[-1].append((char.text, char.bbox))
        prev, blanks = char, 0
    return [_line(parts) for parts in lines if parts]


def _line(parts: list[tuple[str, BBox]]) -> Line:
    boxes = [box for _, box in parts]
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return Line(
        text="".join(t for t, _ in parts),
        bbox=_rounded(bbox),
        conf=1.0,
        char_boxes=[_rounded(b) for b in boxes],
    )


def _rounded(box: BBox) -> BBox:
    return tuple(round(v, 2) for v in box)  # type: ignore[return-value]


def text_layer_lines(chars: list[PdfChar]) -> list[Line]:
    """All lines of the page in reading order (rows top to bottom, left to right)."""
    return [line for row in group_rows(chars) for line in split_row(row)]
