"""Feature records: what one table or one page looks like to the classifiers.

A record is a plain dict of strings and numbers, so the saved Pipelines hold only
sklearn transformers (no pydantic objects) and the same record is built at training and
at run time from whatever the pipeline read (noisy OCR text included).
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher

from fiscalocr.model import Document, Line, Page, Table
from fiscalocr.model.text import normalise_text

from .text import (
    first_column_texts,
    has_hangci,
    header_texts,
    is_code,
    is_number,
    lines_outside,
    page_tables,
    table_boxes_on_page,
)

# Lines further above a table than this (points) are not its caption block.
ABOVE_WINDOW_PT = 120.0
# Two lines are readings of the same title at this similarity (OCR noise allowed).
TITLE_SIMILARITY = 0.6
# Cap on text fed to the vectorisers: a page of narrative says what it is early on.
MAX_TEXT_CHARS = 1500
_LEADER_DOTS = re.compile(r"(\.{4,}|…{2,}|·{4,})")
_PART_HEADING = re.compile(r"第[一二三四五六七八九十]+部分")
_EMPTY_NOTE = ("本表无数据", "无数据", "此表为空", "本单位无")

TABLE_NUMERIC_FIELDS = (
    "n_cols",
    "log_rows",
    "header_rows",
    "code_share",
    "hangci",
    "numeric_share",
    "empty_share",
    "n_pages",
    "empty_note",
    "has_title",
)
PAGE_NUMERIC_FIELDS = (
    "log_lines",
    "table_share",
    "n_tables",
    "position",
    "is_first",
    "is_last",
    "numeric_share",
    "leader_share",
    "mean_len",
    "part_heading",
    "landscape",
)


def _join(texts: list[str], limit: int = MAX_TEXT_CHARS) -> str:
    return "|".join(normalise_text(t) for t in texts if t)[:limit]


def _reading_order(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: (round(line.bbox[1] / 4), line.bbox[0]))


def _caption_lines(table: Table, page: Page, others: list[Table]) -> list[Line]:
    """Lines just above the table's first part, below any other table there."""
    boxes = table_boxes_on_page(table, page.page)
    if not boxes:
        return []
    top = min(b[1] for b in boxes)
    floor = max(
        (b[3] for t in others for b in table_boxes_on_page(t, page.page) if b[3] <= top + 1),
        default=top - ABOVE_WINDOW_PT,
    )
    floor = max(floor, top - ABOVE_WINDOW_PT)
    return [ln for ln in page.lines if floor - 1 <= ln.bbox[3] <= top + 2]


def table_structure(table: Table) -> dict[str, float]:
    """Shape of the grid: the cues that survive when every word is misread."""
    texts = [c.text for c in table.cells if c.text]
    rows_with_code = {c.row for c in table.cells if c.text and is_code(c.text)}
    n_rows = max(table.n_rows, max((c.row + 1 for c in table.cells), default=0))
    n_cols = max(table.n_cols, max((c.col + 1 for c in table.cells), default=0))
    n_slots = max(1, n_rows * n_cols)
    return {
        "n_cols": float(n_cols),
        "log_rows": math.log1p(n_rows),
        "header_rows": float(table.header_rows),
        "code_share": len(rows_with_code) / max(1, n_rows),
        "hangci": float(has_hangci(texts)),
        "numeric_share": sum(is_number(t) for t in texts) / max(1, len(texts)),
        "empty_share": 1.0 - len(texts) / n_slots,
        "n_pages": float(max(1, len(table.pages))),
        "empty_note": float(any(n in normalise_text(" ".join(texts)) for n in _EMPTY_NOTE)),
    }


def _similar(a: str, b: str) -> bool:
    """True when two normalised texts are readings of the same line."""
    if not a or not b:
        return False
    if len(b) >= 4 and (a in b or b in a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY


def table_record(table: Table, doc: Document, drop_title: bool = False) -> dict:
    """Record of one table.

    ``drop_title`` simulates a title OCR failed to read (title dropout at training): the
    title and every page line that reads like it are left out.
    """
    title = "" if drop_title else table.title
    pages = {p.page: p for p in doc.pages}
    first = min(
        table.pages or [r.page for r in table.regions] or [c.page for c in table.cells] or [0]
    )
    page = pages.get(first)
    caption: list[Line] = []
    context: list[Line] = []
    if page is not None:
        others = [t for t in page_tables(page, doc.tables) if t.id != table.id]
        caption = _caption_lines(table, page, others)
        boxes = [
            b for t in page_tables(page, doc.tables) for b in table_boxes_on_page(t, page.page)
        ]
        context = lines_outside(page.lines, boxes)
    if drop_title and table.title:
        gone = normalise_text(table.title)
        caption = [ln for ln in caption if not _similar(normalise_text(ln.text), gone)]
        context = [ln for ln in context if not _similar(normalise_text(ln.text), gone)]
    structure = table_structure(table)
    structure["has_title"] = float(bool(normalise_text(title)))
    return {
        "title": normalise_text(title),
        "caption": _join([ln.text for ln in _reading_order(caption)]),
        "header": _join(header_texts(table)),
        "rows": _join(first_column_texts(table)),
        "context": _join([ln.text for ln in _reading_order(context)]),
        **structure,
    }


def part_headings(doc: Document) -> dict[int, str]:
    """Per page, the last part heading (第二部分 …预算表) printed before it or in its top
    lines; one pass over the document.

    Sections run in parts; a page of 主要任务 narrative reads like an explanation but
    sits under 第一部分 部门概况. The heading in force is the context that says so.
    """
    carried, out = "", {}
    for page in sorted(doc.pages, key=lambda p: p.page):
        texts = [normalise_text(ln.text) for ln in _reading_order(page.lines)]
        out[page.page] = _last_heading(texts[:_TOP_LINES]) or carried
        carried = _last_heading(texts) or carried
    return out


def _last_heading(texts: list[str]) -> str:
    heading = ""
    for text in texts:
        found = _PART_HEADING.search(text)
        if found:
            heading = text[found.start() : found.start() + _HEADING_CHARS]
    return heading


_TOP_LINES = 4
_HEADING_CHARS = 24


def page_record(
    page: Page, doc: Document, n_pages: int | None = None, part: str | None = None
) -> dict:
    """Record of one page: its words, its top lines, its part heading, and its layout.

    Callers recording every page pass ``part`` from one :func:`part_headings` pass."""
    lines = _reading_order(page.lines)
    texts = [normalise_text(ln.text) for ln in lines]
    tables = page_tables(page, doc.tables)
    area = max(1.0, page.width * page.height)
    table_area = sum(
        (b[2] - b[0]) * (b[3] - b[1]) for t in tables for b in table_boxes_on_page(t, page.page)
    )
    n_pages = n_pages or max((p.page for p in doc.pages), default=1)
    n = max(1, len(texts))
    return {
        "text": _join(texts),
        "top": _join(texts[:3], limit=200),
        "part": part if part is not None else part_headings(doc).get(page.page, ""),
        "log_lines": math.log1p(len(texts)),
        "table_share": min(1.0, table_area / area),
        "n_tables": float(len(tables)),
        "position": (page.page - 1) / max(1, n_pages - 1),
        "is_first": float(page.page == 1),
        "is_last": float(page.page == n_pages),
        "numeric_share": sum(is_number(t) for t in texts) / n,
        "leader_share": sum(bool(_LEADER_DOTS.search(t)) for t in texts) / n,
        "mean_len": sum(len(t) for t in texts) / n / 20.0,
        "part_heading": float(any(_PART_HEADING.search(t) for t in texts[:4])),
        "landscape": float(page.width > page.height),
    }
