"""Characters of a page's text layer, and text reassembled from them.

The plain extraction of these files scatters numbers (``371,514,655.00`` comes out as
``371 514 655 00`` and a line of ``, , .``) because separators sit in their own spans;
reassembling from single characters, ordered by visual line then x, gives the printed
text back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_OVERLAP = 0.5  # share of the smaller height two glyphs must share to be one line
WORD_GAP = 0.6  # a gap wider than this many glyph heights inside a line is a space

BBox = tuple[float, float, float, float]
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Char:
    c: str
    bbox: BBox

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2)


def page_chars(page) -> list[Char]:
    """Every visible non-space character that reads horizontally on the page *as displayed*.

    PyMuPDF reports text of a page with ``/Rotate`` in the unrotated frame; the page's
    rotation matrix brings boxes and writing directions to the displayed frame.
    """
    import pymupdf

    turn = page.rotation_matrix
    chars: list[Char] = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            direction = pymupdf.Point(line["dir"]) * turn - pymupdf.Point(0, 0) * turn
            if abs(direction.y) > 0.2:  # vertical or rotated text: not table content
                continue
            for span in line["spans"]:
                for ch in span["chars"]:
                    if ch["c"].strip():
                        box = pymupdf.Rect(ch["bbox"]) * turn
                        chars.append(Char(ch["c"], (box.x0, box.y0, box.x1, box.y1)))
    return chars


def chars_inside(chars: list[Char], box: BBox) -> list[Char]:
    """Characters whose centre lies inside ``box``."""
    x0, y0, x1, y1 = box
    return [ch for ch in chars if x0 <= ch.centre[0] <= x1 and y0 <= ch.centre[1] <= y1]


def visual_lines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines (vertical overlap), top to bottom, each left to right."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda k: (k.centre[1], k.bbox[0])):
        for line in lines:
            if _same_line(line, ch):
                line.append(ch)
                break
        else:
            lines.append([ch])
    for line in lines:
        line.sort(key=lambda k: k.bbox[0])
    return sorted(lines, key=lambda ln: min(k.bbox[1] for k in ln))


def _same_line(line: list[Char], ch: Char) -> bool:
    y0 = min(k.bbox[1] for k in line)
    y1 = max(k.bbox[3] for k in line)
    overlap = min(y1, ch.bbox[3]) - max(y0, ch.bbox[1])
    return overlap >= LINE_OVERLAP * min(y1 - y0, ch.bbox[3] - ch.bbox[1])


def line_text(line: list[Char]) -> tuple[str, list[BBox]]:
    """Text of one visual line with a box per character; wide gaps become one space."""
    text, boxes = "", []
    for prev, ch in zip([None, *line[:-1]], line, strict=True):
        height = ch.bbox[3] - ch.bbox[1]
        if prev is not None and ch.bbox[0] - prev.bbox[2] > WORD_GAP * height and _latin(prev, ch):
            text += " "
            boxes.append((prev.bbox[2], ch.bbox[1], ch.bbox[0], ch.bbox[3]))
        text += ch.c
        boxes.append(ch.bbox)
    return text, boxes


def _latin(a: Char, b: Char) -> bool:
    """A space is kept only between Latin/digit glyphs; Chinese never needs one."""
    return a.c.isascii() and b.c.isascii()


def cell_text(chars: list[Char]) -> str:
    """Text of a cell: its visual lines joined (wrapped Chinese text joins without space)."""
    parts = [line_text(line)[0] for line in visual_lines(chars)]
    return _SPACES.sub(" ", "".join(parts)).strip()


def union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
