"""Page flow: pages, margins, wrapped text, and the ground-truth lines and blocks they make.

Everything drawn through `Flow` is recorded twice: as a drawing operation on the canvas
and as a ground-truth `Line` (and `Block`) on the page model, with the box PyMuPDF's own
text extraction reports for that run.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from fiscalocr.model import Block, Line, Page

from .canvas import BBox, Canvas
from .fonts import FontFace, draw_face, text_width

PORTRAIT = (595.0, 842.0)  # A4
LANDSCAPE = (842.0, 595.0)  # A4 turned
A3_LANDSCAPE = (1191.0, 842.0)  # some provinces print their tables on A3


@dataclass(frozen=True)
class Style:
    """Typographic choices of one document."""

    body_face: str
    table_face: str
    title_face: str
    body_size: float
    table_size: float
    line_gap: float  # line height as a multiple of the font size
    row_factor: float  # table row height as a multiple of the table font size
    margin: float
    rule_width: float
    outer_width: float
    header_bold: bool
    total_bold: bool
    header_fill: float | None  # gray level of header cells, None: no fill
    open_sides: bool  # no vertical rules on the table's left and right edges
    landscape_size: tuple[float, float]
    page_number_style: str  # "plain" | "dash" | "none"


def draw_style(rng: random.Random) -> Style:
    body: FontFace = draw_face(rng)
    table = body if rng.random() < 0.6 else draw_face(rng)
    title = body if rng.random() < 0.5 else draw_face(rng)
    rule = rng.choice([0.4, 0.5, 0.6, 0.75, 1.0])
    return Style(
        body_face=body.key,
        table_face=table.key,
        title_face=title.key,
        body_size=rng.choice([10.5, 11.0, 12.0]),
        table_size=rng.choice([8.0, 9.0, 9.0, 10.0]),
        line_gap=rng.uniform(1.5, 1.9),
        row_factor=rng.uniform(1.8, 2.5),
        margin=rng.uniform(45, 75),
        rule_width=rule,
        outer_width=rule * rng.choice([1.0, 1.0, 1.6]),
        header_bold=rng.random() < 0.5,
        total_bold=rng.random() < 0.5,
        header_fill=rng.choice([None, None, None, 0.88, 0.93]),
        open_sides=rng.random() < 0.15,
        landscape_size=A3_LANDSCAPE if rng.random() < 0.12 else LANDSCAPE,
        page_number_style=rng.choice(["plain", "dash", "dash", "none"]),
    )


_TOKEN = re.compile(r"[0-9A-Za-z.,%‰]+[，。；：、）”%]?|.[，。；：、）”]?", re.S)


def wrap(text: str, face: str, size: float, width: float) -> list[str]:
    """Greedy wrap: CJK breaks between characters, but a number (with its % or comma) is
    never split and closing punctuation never starts a line (as typesetters do).
    Never returns an empty list."""
    lines, current, used = [], "", 0.0
    for token in _TOKEN.findall(text):
        w = text_width(face, token, size)
        if current and used + w > width:
            lines.append(current)
            current, used = "", 0.0
        current += token
        used += w
    lines.append(current)
    return lines


class Flow:
    """Pages being written: a cursor, the canvas, and the ground-truth page models."""

    def __init__(self, canvas: Canvas, style: Style) -> None:
        self.canvas = canvas
        self.style = style
        self.pages: list[Page] = []
        self.y = 0.0
        self.landscape_size = style.landscape_size  # a wide table may switch it to A3

    # pages -------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return len(self.pages) - 1

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def left(self) -> float:
        return self.style.margin

    @property
    def right(self) -> float:
        return self.page.width - self.style.margin

    @property
    def bottom(self) -> float:
        return self.page.height - self.style.margin - 20

    def new_page(self, section: str, landscape: bool = False) -> None:
        width, height = self.landscape_size if landscape else PORTRAIT
        self.canvas.new_page(width, height)
        self.pages.append(
            Page(
                page=len(self.pages) + 1,
                width=width,
                height=height,
                text_source="pdf_text",
                section=section,
            )
        )
        self.y = self.style.margin

    def ensure(self, space: float, section: str | None = None) -> None:
        """Start a new page (same orientation and section) unless `space` fits."""
        if self.y + space > self.bottom:
            self.new_page(section or self.page.section, self.page.width > self.page.height)

    # text --------------------------------------------------------------------------
    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        face: str,
        size: float,
        bold: bool = False,
        page: int | None = None,
    ) -> BBox:
        """Draw one run and record its ground-truth line."""
        page = self.index if page is None else page
        box = self.canvas.text(page, x, baseline, text, face, size, bold)
        self.pages[page].lines.append(Line(text=text, bbox=_round(box), conf=1.0))
        return box

    def block(
        self, type_: str, text: str, box: BBox, table_id: str | None = None, page: int | None = None
    ) -> None:
        page = self.index if page is None else page
        self.pages[page].blocks.append(
            Block(type=type_, text=text, bbox=_round(box), table_id=table_id)
        )

    def line_of_text(
        self,
        text: str,
        size: float,
        face: str | None = None,
        align: str = "l",
        bold: bool = False,
        block: str = "paragraph",
        gap: float | None = None,
    ) -> BBox:
        """One line at the cursor, aligned within the margins; moves the cursor down."""
        face = face or self.style.body_face
        height = size * (gap or self.style.line_gap)
        self.ensure(height)
        width = text_width(face, text, size)
        x = {"l": self.left, "c": (self.left + self.right - width) / 2, "r": self.right - width}[
            align
        ]
        box = self.text(x, self.y + size, text, face, size, bold)
        self.block(block, text, box)
        self.y += height
        return box

    def paragraph(
        self,
        text: str,
        size: float | None = None,
        indent_chars: int = 2,
        block: str = "paragraph",
        bold: bool = False,
    ) -> None:
        """A wrapped paragraph with a first-line indent, split over pages as needed."""
        size = size or self.style.body_size
        face = self.style.body_face
        indent = indent_chars * size
        first_width = self.right - self.left - indent
        first = wrap(text, face, size, first_width)[0]
        rest = (
            wrap(text[len(first) :], face, size, self.right - self.left)
            if len(first) < len(text)
            else []
        )
        height = size * self.style.line_gap
        boxes: list[BBox] = []
        for i, line in enumerate([first, *rest]):
            if self.y + height > self.bottom:
                self._flush_block(block, boxes)
                boxes = []
                self.new_page(self.page.section, self.page.width > self.page.height)
            x = self.left + (indent if i == 0 else 0)
            boxes.append(self.text(x, self.y + size, line, face, size, bold))
            self.y += height
        self._flush_block(block, boxes)
        self.y += size * 0.3

    def _flush_block(self, block: str, boxes: list[BBox]) -> None:
        """One block for the paragraph's lines on the current page (a paragraph that runs
        over a page break gives one block per page)."""
        if not boxes:
            return
        text = "".join(line.text for line in self.page.lines[-len(boxes) :])
        self.block(
            block,
            text,
            (min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3]),
        )

    def page_numbers(self, first_numbered: int, rng: random.Random) -> None:
        """Footer page numbers from the page after the cover and contents."""
        style = self.style.page_number_style
        if style == "none":
            return
        for i, page in enumerate(self.pages):
            if i < first_numbered:
                continue
            number = str(i - first_numbered + 1)
            text = f"— {number} —" if style == "dash" else number
            size = 9.0
            width = text_width(self.style.body_face, text, size)
            baseline = page.height - self.style.margin * 0.55
            box = self.text(
                (page.width - width) / 2, baseline, text, self.style.body_face, size, page=i
            )
            self.block("page_number", text, box, page=i)


def _round(box: BBox) -> BBox:
    return tuple(round(v, 2) for v in box)  # type: ignore[return-value]
