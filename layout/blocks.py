"""Page blocks in reading order: titles, headings, paragraphs, tables, notes, page numbers.

Lines inside a table become one ``table`` block; every other line is typed by what it
says and where it sits. Nothing is removed from ``page.lines``: blocks only point at
text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

from fiscalocr.model import Block, Line, Page, Table

from .geometry import union_bbox
from .options import LayoutOptions

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/共]\s*\d{1,4}\s*页?)?[-—–\s]*$")
NOTE_PATTERN = re.compile(r"^(注[:：\s]|注\d|说明[:：])|本表无数据|本表为空|无此项")
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d{1,2}[、．.](?!\d))"
)
_UNIT = re.compile(r"单位[:：]?\s*(万元|千元|元)")
_NOT_TITLE = re.compile(r"(单位[:：]|部门[:：]|编制)")
_NUMERAL = r"[0-9０-９一二三四五六七八九十〇零]{1,3}(?:[-－—.．][0-9０-９]{1,2})?"
_CAPTION_WORDS = r"(?:附表|附件|(?:部门|单位)?(?:预算|决算)?公开(?:报)?表?|表)"
CAPTION = re.compile(
    rf"^(?:{_CAPTION_WORDS}{_NUMERAL}表?|{_NUMERAL}号?表)(?:[:：、.．]|(?=$|[12]\d{{3}}年|[\u4e00-\u9fff（(“]))"
)
"""A numbered caption (公开表五, 公开07表, 表一, 预算公开表3, 附表2-1): it numbers the table
and names nothing, so it is never the title, though it often prints nearer the table."""
_YEAR_ONLY = re.compile(r"^[（(]?[12]\d{3}年度?[）)]?$")
"""A line that only gives the year (``2022年度``) dates the table; it names nothing."""
_MARGIN_SHARE = 0.08
_HEADING_MAX_CHARS = 40
_TITLE_HEIGHT_RATIO = 1.25
_PAGE_TITLE_HEIGHT_RATIO = 1.4


def median_height(lines: Sequence[Line]) -> float:
    return median(line.bbox[3] - line.bbox[1] for line in lines) if lines else 10.0


def find_unit(lines: Sequence[Line]) -> str | None:
    for line in lines:
        match = _UNIT.search(line.text.replace(" ", ""))
        if match:
            return match.group(1)
    return None


def split_caption(text: str) -> tuple[str | None, str]:
    """A line's numbered caption and the rest (``表五2024年…预算表`` → ``表五``, ``2024年…``);
    no caption gives ``(None, text)``."""
    compact = re.sub(r"\s+", "", text)
    match = CAPTION.match(compact)
    if match is None or compact[match.end() :].startswith("般"):  # 表一般… is no caption
        return None, text.strip()
    return match.group(0).rstrip(":：、.．"), compact[match.end() :].lstrip(":：、.．")


def is_caption(text: str) -> bool:
    """The whole line is a numbered caption and nothing else."""
    caption, rest = split_caption(text)
    return caption is not None and not rest


def find_title(candidates: Sequence[Line], typical_height: float) -> Line | None:
    """The table's title among the lines above it: says 表 or prints large, is no part
    heading (第二部分 …), no bare numbered caption and no bare year; the nearest line
    that says 表 wins, else the nearest large one.

    A caption with the title on the same line (``表五 2024年一般公共预算支出预算表``) is a
    title; :func:`title_text` drops its number.
    """
    titles = [
        line
        for line in candidates
        if not _NOT_TITLE.search(line.text.replace(" ", ""))
        and not _HEADING.match(line.text.strip())
        and not is_caption(line.text)
        and not _YEAR_ONLY.match(line.text.replace(" ", ""))
        and len(line.text.strip()) >= 4
        and (
            "表" in line.text or line.bbox[3] - line.bbox[1] >= _TITLE_HEIGHT_RATIO * typical_height
        )
    ]
    naming = [line for line in titles if "表" in line.text]
    if naming:  # a line naming a table outranks a merely large one (a 2022年度 line)
        titles = naming
    if not titles:
        return None
    return max(titles, key=lambda line: line.bbox[3])


def find_caption(candidates: Sequence[Line]) -> str | None:
    """The numbered caption among the lines above a table (its own line or a title's
    prefix), the nearest first."""
    for line in sorted(candidates, key=lambda ln: -ln.bbox[3]):
        caption, _ = split_caption(line.text)
        if caption is not None:
            return caption
    return None


def title_text(line: Line) -> str:
    """The title a line gives, its caption number dropped."""
    return split_caption(line.text)[1]


def line_type(line: Line, page: Page, notes_ok: bool, typical_height: float) -> str:
    """Type of a line outside tables: page_number, table_note, title, heading, other
    (a table's 部门/单位/公开NN表 line) or paragraph."""
    text = line.text.strip()
    in_margin = (
        line.bbox[1] > page.height * (1 - _MARGIN_SHARE)
        or line.bbox[3] < page.height * _MARGIN_SHARE
    )
    if in_margin and _PAGE_NUMBER.match(text):
        return "page_number"
    if notes_ok and NOTE_PATTERN.search(text):
        return "table_note"
    if len(text) <= _HEADING_MAX_CHARS and _HEADING.match(text):
        return "heading"
    if notes_ok and (_NOT_TITLE.search(text.replace(" ", "")) or is_caption(text)):
        return "other"
    if (
        len(text) <= _HEADING_MAX_CHARS
        and line.bbox[3] - line.bbox[1] >= _PAGE_TITLE_HEIGHT_RATIO * typical_height
    ):
        return "title"
    return "paragraph"


def _merge_paragraphs(typed: list[tuple[str, Line]], options: LayoutOptions) -> list[Block]:
    """Consecutive paragraph lines close together become one paragraph block."""
    blocks: list[Block] = []
    last_line: Line | None = None
    for kind, line in typed:
        height = line.bbox[3] - line.bbox[1]
        if (
            kind == "paragraph"
            and blocks
            and blocks[-1].type == "paragraph"
            and last_line is not None
            and line.bbox[1] - last_line.bbox[3] <= options.paragraph_gap_ratio * height
        ):
            prev = blocks[-1]
            blocks[-1] = Block(
                type="paragraph",
                text=prev.text + line.text.strip(),
                bbox=union_bbox([prev.bbox, line.bbox]),
            )
        else:
            blocks.append(Block(type=kind, text=line.text.strip(), bbox=line.bbox))  # type: ignore[arg-type]
        last_line = line
    return blocks


def page_blocks(
    page: Page,
    tables: Sequence[Table],
    table_lines: set[int],
    title_lines: dict[int, str],
    options: LayoutOptions,
) -> list[Block]:
    """All blocks of a page in reading order (top to bottom, then left to right)."""
    blocks = [
        Block(type="table", bbox=t.regions[0].bbox, table_id=t.id, text=t.title or "")
        for t in tables
    ]
    typed: list[tuple[str, Line]] = []
    typical = median_height(page.lines)
    for index, line in enumerate(page.lines):
        if index in table_lines:
            continue
        if index in title_lines:
            blocks.append(
                Block(
                    type="title",
                    text=line.text.strip(),
                    bbox=line.bbox,
                    table_id=title_lines[index],
                )
            )
            continue
        typed.append((line_type(line, page, bool(tables), typical), line))
    typed.sort(key=lambda item: (item[1].bbox[1], item[1].bbox[0]))
    blocks += _merge_paragraphs(typed, options)
    return sorted(blocks, key=lambda b: (round(b.bbox[1], 1), b.bbox[0]))
