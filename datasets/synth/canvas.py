"""A recorder of drawing operations, written out as one PDF at the end.

Layout code records text, rules and fills page by page; `to_pdf` then draws them with
PyMuPDF in a fixed order and saves with fixed metadata and no new file id, so the same
operations always give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fonts import ascender_descender, document_fonts, text_width

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class TextOp:
    x: float
    baseline: float
    text: str
    face: str
    size: float
    bold: bool


@dataclass(frozen=True)
class RuleOp:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    gray: float


@dataclass(frozen=True)
class FillOp:
    rect: BBox
    gray: float | tuple[float, float, float]


@dataclass(frozen=True)
class SectorOp:
    """A filled pie slice: centre, radius, start angle and sweep in degrees (clockwise)."""

    cx: float
    cy: float
    radius: float
    start: float
    sweep: float
    rgb: tuple[float, float, float]


@dataclass
class PageOps:
    width: float
    height: float
    texts: list[TextOp] = field(default_factory=list)
    rules: list[RuleOp] = field(default_factory=list)
    fills: list[FillOp] = field(default_factory=list)
    sectors: list[SectorOp] = field(default_factory=list)


class Canvas:
    """Pages of recorded operations."""

    def __init__(self) -> None:
        self.pages: list[PageOps] = []

    def new_page(self, width: float, height: float) -> int:
        self.pages.append(PageOps(width, height))
        return len(self.pages) - 1

    def text(
        self,
        page: int,
        x: float,
        baseline: float,
        text: str,
        face: str,
        size: float,
        bold: bool = False,
    ) -> BBox:
        """Record one run of text; returns its box as PyMuPDF's extraction reports it."""
        self.pages[page].texts.append(TextOp(x, baseline, text, face, size, bold))
        return text_box(x, baseline, text, face, size)

    def rule(
        self, page: int, x0: float, y0: float, x1: float, y1: float, width: float, gray: float = 0.0
    ) -> None:
        self.pages[page].rules.append(RuleOp(x0, y0, x1, y1, width, gray))

    def fill(self, page: int, rect: BBox, gray: float | tuple[float, float, float]) -> None:
        """A filled rectangle, gray level or RGB."""
        self.pages[page].fills.append(FillOp(rect, gray))

    def sector(self, page: int, op: SectorOp) -> None:
        self.pages[page].sectors.append(op)

    def to_pdf(self, title: str, subject: str) -> bytes:
        import pymupdf

        doc = pymupdf.open()
        chars: dict[str, set[str]] = {}
        for ops in self.pages:
            for t in ops.texts:
                chars.setdefault(t.face, set()).update(t.text)
        fonts = document_fonts(chars)
        for ops in self.pages:
            page = doc.new_page(width=ops.width, height=ops.height)
            _draw_fills(page, ops.fills)
            _draw_sectors(page, ops.sectors)
            _draw_rules(page, ops.rules)
            _draw_texts(page, ops.texts, fonts)
        doc.subset_fonts()
        doc.set_metadata(
            {
                "title": title,
                "subject": subject,
                "author": "",
                "keywords": "",
                "creator": "fiscalocr synth",
                "producer": "fiscalocr synth",
                "creationDate": "",
                "modDate": "",
            }
        )
        return doc.tobytes(garbage=3, deflate=True, no_new_id=True)


def text_box(x: float, baseline: float, text: str, face: str, size: float) -> BBox:
    asc, desc = ascender_descender(face)
    return (x, baseline - asc * size, x + text_width(face, text, size), baseline - desc * size)


def _draw_fills(page, fills: list[FillOp]) -> None:
    if not fills:
        return
    shape = page.new_shape()
    for f in fills:
        shape.draw_rect(f.rect)
        rgb = f.gray if isinstance(f.gray, tuple) else (f.gray,) * 3
        shape.finish(color=None, fill=rgb, width=0)
    shape.commit()


def _draw_sectors(page, sectors: list[SectorOp]) -> None:
    import math

    if not sectors:
        return
    shape = page.new_shape()
    for s in sectors:
        start = math.radians(s.start)
        point = (s.cx + s.radius * math.cos(start), s.cy + s.radius * math.sin(start))
        shape.draw_sector((s.cx, s.cy), point, s.sweep, fullSector=True)
        shape.finish(color=(1, 1, 1), fill=s.rgb, width=0.5)
    shape.commit()


def _draw_rules(page, rules: list[RuleOp]) -> None:
    if not rules:
        return
    shape = page.new_shape()
    groups: dict[tuple[float, float], list[RuleOp]] = {}
    for r in rules:
        groups.setdefault((r.width, r.gray), []).append(r)
    for (width, gray), group in sorted(groups.items()):
        for x0, y0, x1, y1 in merge_segments([(r.x0, r.y0, r.x1, r.y1) for r in group]):
            shape.draw_line((x0, y0), (x1, y1))
        shape.finish(color=(gray,) * 3, width=width, closePath=False)
    shape.commit()


SNAP = 0.01  # points: segments on the same line closer than this are one line


def merge_segments(segments: list[BBox]) -> list[BBox]:
    """Join collinear horizontal/vertical segments that touch or overlap (a grid's cell edges
    become one rule per row and column boundary); other segments pass through."""
    rows: dict[tuple[str, float], list[tuple[float, float]]] = {}
    other = []
    for x0, y0, x1, y1 in segments:
        if abs(y0 - y1) < SNAP:
            rows.setdefault(("h", round(y0, 2)), []).append((min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) < SNAP:
            rows.setdefault(("v", round(x0, 2)), []).append((min(y0, y1), max(y0, y1)))
        else:
            other.append((x0, y0, x1, y1))
    out = []
    for (axis, at), spans in sorted(rows.items()):
        spans.sort()
        start, end = spans[0]
        for a, b in spans[1:]:
            if a <= end + SNAP:
                end = max(end, b)
                continue
            out.append((start, at, end, at) if axis == "h" else (at, start, at, end))
            start, end = a, b
        out.append((start, at, end, at) if axis == "h" else (at, start, at, end))
    return out + other


def _draw_texts(page, texts: list[TextOp], fonts: dict[str, object]) -> None:
    import pymupdf

    for bold in (False, True):
        writer = pymupdf.TextWriter(page.rect)
        used = False
        for t in texts:
            if t.bold == bold:
                writer.append((t.x, t.baseline), t.text, font=fonts[t.face], fontsize=t.size)
                used = True
        if used:
            writer.write_text(page, render_mode=2 if bold else 0)
