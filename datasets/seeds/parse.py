"""Parse a seed transcription (markdown-ish text from a PDF converter) into a document.

The transcription has ``#`` headings, paragraphs, contents lines with dotted leaders, and
tables as tab-separated rows with some HTML (``<b>``, ``<p>``, ``<br>``) left in. A table's
rows may be interrupted by blank lines where the source page broke; they are one table
until some other text comes. The lines printed just above a table (its 表 caption, its
title, ``部门名称：``/``单位：`` lines, ``（2024年度）``) are taken into the table, and 注/说明
lines under it become its notes. The converter's own errors are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .spans import place_cells
from .structure import Block, SeedDocument, SeedTable, TextBlock

TITLE_MAX_CHARS = 60  # a table title is a short line; longer lines are sentences

_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
_TAGS = re.compile(r"</?(?:b|p|strong|span|div|td|tr|table|tbody|thead)\b[^>]*>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_LEADER = re.compile(r"\s*[.．·…]{3,}\s*$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff（）、])\s+(?=[\u4e00-\u9fff（）、])")
CAPTION = re.compile(
    r"^(?:(?:预算|部门|决算)?公开表\s*\d+|公开\s*\d+\s*表|表[一二三四五六七八九十\d]+)$"
)
META = re.compile(
    r"^(?:(?:部门名称|单位名称|金额单位|单位|编制单位|编制部门)\s*[：:]|[（(]?\s*20\d\d\s*年度\s*[）)]?$)"
)
NOTE = re.compile(r"^(?:注|说明|备注)\s*[：:]")
CONTENTS = re.compile(r"^目\s*录$")
FORM_TITLE = re.compile(r"绩效")


@dataclass(frozen=True)
class _Line:
    kind: str  # heading | text | row | toc | blank
    text: str = ""
    level: int = 0
    bold: bool = False
    cells: tuple[str, ...] = ()


def parse_seed(path: str | Path) -> SeedDocument:
    """The document structure of one transcription file."""
    path = Path(path)
    lines = [_classify(raw) for raw in path.read_text(encoding="utf-8").splitlines()]
    cover, lines = _split_cover(lines)
    return SeedDocument(name=path.stem, cover=cover, blocks=_blocks(lines))


def clean_inline(text: str) -> tuple[str, bool]:
    """Text without HTML/markdown emphasis, and whether it was bold."""
    bold = "<b>" in text.lower() or "**" in text
    text = _BREAK.sub(" ", text)
    text = _TAGS.sub("", text).replace("**", "")
    return text.strip(), bold


def clean_cell(text: str) -> str:
    """A cell's text; spaces between Chinese characters are the converter's line wraps."""
    text, _ = clean_inline(text)
    return _CJK_GAP.sub("", re.sub(r"\s+", " ", text))


def _classify(raw: str) -> _Line:
    line = raw.rstrip("\r\n")
    if not line.strip():
        return _Line("blank")
    heading = _HEADING.match(line.strip())
    if heading:
        text, bold = clean_inline(heading.group(2))
        return _Line("heading", text, len(heading.group(1)), bold)
    if "\t" in line:
        cells = line.split("\t")
        first, bold = clean_inline(cells[0])
        if _LEADER.search(first):
            page = clean_inline(cells[-1])[0] if len(cells) > 1 else ""
            return _Line("toc", _LEADER.sub("", first), bold=bold, cells=(page,))
        return _Line("row", cells=tuple(clean_cell(c) for c in cells))
    text, bold = clean_inline(line)
    if text.startswith("- "):
        text = text[2:].strip()
    return _Line("text", text, bold=bold)


def _split_cover(lines: list[_Line]) -> tuple[list[str], list[_Line]]:
    """The lines before the contents heading are the cover."""
    for i, line in enumerate(lines):
        if line.kind == "heading" and CONTENTS.match(line.text):
            cover = [ln.text for ln in lines[:i] if ln.kind in ("heading", "text")]
            return cover, lines[i:]
    return [], lines


def _blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "row":
            rows, i = _table_rows(lines, i)
            blocks.append(_table(rows, blocks))
            continue
        if line.kind == "heading":
            blocks.append(TextBlock("heading", line.text, line.level, line.bold))
        elif line.kind == "toc":
            blocks.append(TextBlock("toc", line.text, bold=line.bold, page_ref=line.cells[0]))
        elif line.kind == "text":
            table = blocks[-1] if blocks and isinstance(blocks[-1], SeedTable) else None
            if table is not None and NOTE.match(line.text):
                table.notes.append(line.text)
            else:
                blocks.append(TextBlock("paragraph", line.text, bold=line.bold))
        i += 1
    return blocks


def _table_rows(lines: list[_Line], start: int) -> tuple[list[list[str]], int]:
    """Rows from ``start`` on, across blank lines, until a line that is not a row."""
    rows: list[list[str]] = []
    i = start
    while i < len(lines) and lines[i].kind in ("row", "blank"):
        if lines[i].kind == "row":
            rows.append(list(lines[i].cells))
        i += 1
    return rows, i


def _table(rows: list[list[str]], blocks: list[Block]) -> SeedTable:
    """A table from its rows and the caption/title/meta lines that end ``blocks``."""
    caption, title, meta = _take_heading_lines(blocks)
    notes = []
    while rows and NOTE.match(rows[-1][0]) and not any(rows[-1][1:]):
        notes.insert(0, rows.pop()[0])
    form = bool(title and FORM_TITLE.search(title))
    grid = place_cells(rows, form=form)
    return SeedTable(title=title, caption=caption, meta=meta, n_rows=grid.n_rows, n_cols=grid.n_cols,
                     header_rows=grid.header_rows, cells=grid.cells, form=form, notes=notes)  # fmt: skip


def _take_heading_lines(blocks: list[Block]) -> tuple[str | None, str | None, list[str]]:
    """Pop the caption, title and meta lines printed right above a table."""
    caption: str | None = None
    title: str | None = None
    meta: list[str] = []
    while blocks and isinstance(blocks[-1], TextBlock) and blocks[-1].kind != "toc":
        text = blocks[-1].text.strip()
        if CAPTION.match(text) and caption is None:
            caption = text
        elif META.match(text):
            meta.insert(0, text)
        elif title is None and "表" in text and len(text) <= TITLE_MAX_CHARS:
            title = text
        else:
            break
        blocks.pop()
    return caption, title, meta
