"""Contract §4.6: percentages quoted in the 情况说明 agree with part ÷ whole.

The narrative is read section by section (一、… / （一）… headings). In a sentence such as
"支出预算359.95万元，其中：基本支出156.95万元，占43.60%", the part is the amount just
before 占/占比 and the whole is the first amount of the section. Only "占 N%" and
"占比 N%" are checked: 增长/下降/完成预算的 percentages compare with figures that are not in
the tables (last year, the budget), so they cannot be built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscalocr.model import Document, SkippedRule
from fiscalocr.model.text import normalise_text

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|千元|元)")
_PAGE_NUMBER = re.compile(r"[-—–第]*\d{1,3}[-—–页]*")
_SHARE = re.compile(r"占比?(\d+(?:\.\d+)?)%")
UNIT_FACTOR = {"元": 1.0, "千元": 1e3, "万元": 1e4}
_MAX_GAP = 40
"""Characters allowed between the part amount and its 占 N%."""


@dataclass(frozen=True)
class ShareCheck:
    id: str
    page: int
    snippet: str
    part: float
    whole: float
    pct: float
    tolerance: float

    @property
    def difference(self) -> float:
        return round(self.pct - 100.0 * self.part / self.whole, 4)

    def holds(self) -> bool:
        return abs(self.difference) <= self.tolerance


def sections(doc: Document) -> list[list[tuple[int, str]]]:
    sections: list[list[tuple[int, str]]] = [[]]
    for page in doc.pages:
        if page.section != "explanation":
            continue
        for line in page.lines:
            text = normalise_text(line.text)
            if _PAGE_NUMBER.fullmatch(text):  # a folio between two halves of a sentence
                continue
            if _HEADING.match(text):
                sections.append([])
            sections[-1].append((page.page, text))
    return [s for s in sections if s]


def build(doc: Document, pct_slack: float) -> tuple[list[ShareCheck], list[SkippedRule]]:
    checks: list[ShareCheck] = []
    skipped: list[SkippedRule] = []
    for section in sections(doc):
        text = "".join(t for _, t in section)
        starts, pos = [], 0
        for page, t in section:
            starts.append((pos, page))
            pos += len(t)
        amounts = list(AMOUNT.finditer(text))
        for share in _SHARE.finditer(text):
            page = max((p for s, p in starts if s <= share.start()), default=section[0][0])
            rule_id = f"n:pct:p{page}:{len(checks) + len(skipped) + 1}"
            before = [a for a in amounts if a.end() <= share.start()]
            if not before or share.start() - before[-1].end() > _MAX_GAP:
                skipped.append(SkippedRule(rule=rule_id, reason="no amount before the share"))
                continue
            part, whole = before[-1], amounts[0]
            if whole is part:
                skipped.append(SkippedRule(rule=rule_id, reason="no whole amount before the part"))
                continue
            check = _check(rule_id, page, text, part, whole, share, pct_slack)
            if check is None:
                skipped.append(SkippedRule(rule=rule_id, reason="whole amount is zero"))
            else:
                checks.append(check)
    return checks, skipped


def _value(match: re.Match) -> float:
    return float(match.group(1).replace(",", "")) * UNIT_FACTOR[match.group(2)]


def _check(rule_id, page, text, part, whole, share, slack) -> ShareCheck | None:
    part_v, whole_v = _value(part), _value(whole)
    if whole_v == 0:
        return None
    digits = share.group(1)
    decimals = len(digits.partition(".")[2])
    printed = 0.5 * 10**-decimals
    unit = UNIT_FACTOR[part.group(2)]
    rounding = 100 * 0.005 * unit * (1 / whole_v + part_v / whole_v**2)
    snippet = text[max(part.start() - 12, 0) : share.end()]
    return ShareCheck(
        rule_id, page, snippet, part_v, whole_v, float(digits), printed + slack + rounding
    )
