"""Document facts (kind, department, year) read from the cover, titles and table captions.

These are rules, not a learned model: the facts are printed in a few fixed phrasings
(``阳泉市招商中心2024年度部门预算``, ``部门名称：…``, ``2022年度部门决算``), and every
table repeats them, so a weighted vote over all occurrences outvotes a misread one. The
cover counts most; a final account reports on the year in its title (``2022年度部门决算``,
published in 2023), never on a publication date (``2023年8月``).

The year is read in tiers, not by one vote: the cover's heading
(``上海市普陀区2024年区级部门预算``) decides when it names a year, then the table titles and
table-page headings, and only then the narrative, which quotes other years at length
(``2023年…预算执行情况``) and used to outvote the cover.
"""

from __future__ import annotations

import re
from collections import Counter

from fiscalocr.model import Document, DocumentFacts, Line
from fiscalocr.model.text import normalise_text

COVER_WEIGHT = 3.0
TITLE_WEIGHT = 1.0
BODY_WEIGHT = 0.3
YEAR_RANGE = (2000, 2040)
# A department reading missing up to this many characters still votes for the full name.
MAX_DROPPED_CHARS = 2
SUBSEQUENCE_SUPPORT = 0.5

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "Z": "2"})
_YEAR_TOKEN = re.compile(r"([2Z][0Oo〇][0-9OoIl]{2})年(度)?")
_KIND_PHRASE = re.compile(r"(部门|单位|[^\d年]{0,2})?(预算|决算)")
_FINAL = re.compile(r"决算")
_BUDGET = re.compile(r"(部门预算|单位预算|预算公开|预算表|预算总表|预算收支|预算情况说明)")
_NAMED = re.compile(r"^(?:预算主管|编制|填报|预算)?(?:部门|单位)(?:名称)?[:：](.+)")
_BARE_LABEL = re.compile(r"^(?:预算主管|编制|填报|预算)?(?:部门|单位)(?:名称)?[:：]$")
_PART_PREFIX = re.compile(r"^第[一二三四五六七八九十]+部分")
_NAME_BEFORE = re.compile(
    r"^([^\d]{2,40}?)(?:[2Z][0Oo〇][0-9OoIl]{2}年度?)?(?:部门|单位)(?:预算|决算)"
)
_NAME_STOP = re.compile(
    r"(金额)?单位[:：].*$|[2Z][0Oo〇][0-9OoIl]{2}年.*$|（公章）|\(公章\)|公开\d*表?$"
)
_NAME_TRIM = "：:，,。.、 |-—_"
_BAD_NAME = re.compile(r"(目录|预算|决算|公开|报表|说明|[\d、。，,“”:：])")
_NAME_AFTER_YEAR = re.compile(
    r"^[2Z][0Oo〇][0-9OoIl]{2}年度?([^\d]{4,40}?)(?:部门|单位)?(?:预算|决算)"
)
MIN_NAME_CHARS = 4
COVER_HEADING_LINES = 4
PAGE_HEAD_LINES = 3
PARTNER_BELOW_HEIGHTS = 1.5
"""A name printed under its bare ``部门：`` label starts within this many line heights."""
"""A table page's title and its 部门/单位 lines print in its first lines."""


def _year_tiers(doc: Document) -> list[list[tuple[str, float]]]:
    """The texts a year is read from, most authoritative tier first: the cover heading;
    table titles and the first lines of table pages; every line."""
    heading: list[tuple[str, float]] = []
    titles = [(normalise_text(t.title), 1.0) for t in doc.tables if t.title]
    body: list[tuple[str, float]] = []
    for page in sorted(doc.pages, key=lambda p: p.page):
        ordered = sorted(page.lines, key=lambda ln: (ln.bbox[1], ln.bbox[0]))
        lines = [normalise_text(ln.text) for ln in ordered]
        if page.page == 1 or page.section == "cover":
            heading.append((_cover_heading(lines), 1.0))
        titles.extend((t, 1.0) for t in lines[:PAGE_HEAD_LINES] if "表" in t)
        body.extend((t, 1.0) for t in lines)
    return [heading, titles, body]


def _weighted_texts(doc: Document) -> list[tuple[str, float]]:
    """Every line with the weight its place earns (cover > titles/captions > body)."""
    out: list[tuple[str, float]] = []
    for page in sorted(doc.pages, key=lambda p: p.page):
        cover = page.page == 1 or page.section == "cover"
        for line in sorted(page.lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
            out.append((normalise_text(line.text), COVER_WEIGHT if cover else BODY_WEIGHT))
    out.extend((normalise_text(t.title), TITLE_WEIGHT) for t in doc.tables if t.title)
    return out


def read_year_in_tiers(tiers: list[list[tuple[str, float]]]) -> int | None:
    """The year of the first tier that names one (see the module docstring)."""
    for texts in tiers:
        year = read_year(texts)
        if year is not None:
            return year
    return None


def read_year(texts: list[tuple[str, float]]) -> int | None:
    """The fiscal year: years next to 预算/决算 count fully, a bare ``20xx年度`` a third."""
    votes: Counter[int] = Counter()
    for text, weight in texts:
        for m in _YEAR_TOKEN.finditer(text):
            year = int(m.group(1).translate(_OCR_DIGITS))
            if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                continue
            rest = text[m.end() : m.end() + 8]
            if re.match(r"\d{1,2}月", rest):
                continue  # a date (publication, signature), not the year reported on
            near_kind = _KIND_PHRASE.search(rest[:6]) is not None
            votes[year] += weight * (1.0 if near_kind else 0.34 if m.group(2) else 0.1)
    return votes.most_common(1)[0][0] if votes else None


def read_kind(texts: list[tuple[str, float]]) -> tuple[str, float]:
    """预算 vs 决算 by weighted phrase counts; the confidence is the winner's share."""
    final = sum(w * len(_FINAL.findall(t)) for t, w in texts)
    budget = sum(w * len(_BUDGET.findall(t)) for t, w in texts)
    if final + budget == 0:
        return "unknown", 0.0
    if final >= budget:
        return "final_account", final / (final + budget)
    return "budget", budget / (final + budget)


def _clean_name(name: str) -> str | None:
    name = _PART_PREFIX.sub("", _NAME_STOP.sub("", name)).strip(_NAME_TRIM)
    if not MIN_NAME_CHARS <= len(name) <= 40 or _BAD_NAME.search(name):
        return None
    if not re.search(r"[\u4e00-\u9fff]", name):
        return None
    return name


def _cover_heading(lines: list[str]) -> str:
    """The cover's lines up to the one naming the document, joined (titles wrap)."""
    heading = []
    for text in lines[:COVER_HEADING_LINES]:
        heading.append(text)
        if "预算" in text or "决算" in text:
            break
    return "".join(heading)


def _names_on_cover(heading: str) -> list[str]:
    """``阳泉市招商中心2024年度部门预算`` or ``2018年度江苏省高级人民法院预算公开``."""
    names = []
    for pattern in (_NAME_BEFORE, _NAME_AFTER_YEAR):
        match = pattern.match(heading)
        if match and (name := _clean_name(match.group(1))):
            names.append(name)
    return names


def read_department(doc: Document) -> str | None:
    """The department: the cover heading, ``部门名称：…`` captions, table titles."""
    votes: Counter[str] = Counter()
    for page in sorted(doc.pages, key=lambda p: p.page):
        cover = page.page == 1 or page.section == "cover"
        ordered = sorted(page.lines, key=lambda ln: (ln.bbox[1], ln.bbox[0]))
        lines = [normalise_text(ln.text) for ln in ordered]
        if cover:
            for name in _names_on_cover(_cover_heading(lines)):
                votes[name] += COVER_WEIGHT
        for index, text in enumerate(lines):
            named = _NAMED.match(text)
            if named is None and _BARE_LABEL.match(text):
                partner = _label_partner(ordered, index)
                named = _NAMED.match(text + normalise_text(partner.text)) if partner else None
            if named and (name := _clean_name(named.group(1))):
                votes[name] += COVER_WEIGHT if cover else TITLE_WEIGHT
    for table in doc.tables:
        match = _NAME_BEFORE.match(normalise_text(table.title))
        if match and (name := _clean_name(match.group(1))):
            votes[name] += TITLE_WEIGHT
    return _consensus(votes)


def _label_partner(lines: list[Line], index: int) -> Line | None:
    """The text a bare ``部门：`` label names: the nearest line to its right on the same
    row, else the line just below it (tables-only files print the name apart)."""
    label = lines[index]
    x0, y0, x1, y1 = label.bbox
    height = max(y1 - y0, 1.0)

    def overlap(other: Line) -> float:
        return min(y1, other.bbox[3]) - max(y0, other.bbox[1])

    right = [
        ln for ln in lines if ln is not label and ln.bbox[0] >= x1 - 1 and overlap(ln) > height / 2
    ]
    if right:
        return min(right, key=lambda ln: ln.bbox[0])
    below = [
        ln
        for ln in lines
        if ln is not label
        and 0 <= ln.bbox[1] - y1 <= PARTNER_BELOW_HEIGHTS * height
        and ln.bbox[0] < x1
        and ln.bbox[2] > x0
    ]
    return min(below, key=lambda ln: ln.bbox[1]) if below else None


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def _consensus(votes: Counter[str]) -> str | None:
    """The reading best supported by all readings.

    OCR mostly drops characters; a reading with one character lost still supports the
    full name, so each candidate also collects half the votes of every shorter reading
    that is a subsequence of it (missing at most a few characters). Half, so that one
    reading with a stray extra character cannot take over the votes of the true name.
    """
    if not votes:
        return None

    def support(name: str) -> float:
        return votes[name] + SUBSEQUENCE_SUPPORT * sum(
            w
            for other, w in votes.items()
            if len(name) - MAX_DROPPED_CHARS <= len(other) < len(name)
            and _is_subsequence(other, name)
        )

    return max(votes, key=lambda name: (support(name), votes[name], len(name)))


def read_facts(doc: Document) -> DocumentFacts:
    """Kind, department and year of a document as the pipeline read it."""
    texts = _weighted_texts(doc)
    kind, conf = read_kind(texts)
    return DocumentFacts(
        kind=kind,
        department=read_department(doc),
        year=read_year_in_tiers(_year_tiers(doc)),
        kind_conf=round(conf, 4),
    )
