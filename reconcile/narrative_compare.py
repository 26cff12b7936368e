"""Comparison sentences of the 情况说明, checked against their own figures.

Two kinds of sentence compare two figures the tables do not both print:

- budget against final: "年初预算为A万元，支出决算为B万元，完成年初预算的P%。决算数小于预算数…":
  P must be B ÷ A (A = 0 is flagged when B is not), and 大于/小于/持平 must agree with the
  sign of B − A;
- year on year: "W，较上年的A增加D，增长P%" or "W。与2023年度相比，…增加D，增长P%": 增加 goes
  with 增长 and 减少 with 下降, W − A = ±D, and P = D ÷ A (A = W ∓ D when not quoted).

Only sentences that match these shapes exactly are checked; a sentence whose wording
contradicts itself in a way we cannot read ("下降（增长）27.78%") is left alone. Tolerances
follow the printed precision: half a unit of the last printed digit of each figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscalocr.model import Document, Finding, FindingFigure

from .findings import line_box
from .rules_narrative import UNIT_FACTOR, sections

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_AMT = _NUM + r"(万元|千元|元)"
BUDGET_FINAL = re.compile(
    rf"预算(?:数)?为?{_AMT}[,，]?(?:[^。;%\d]{{0,12}}?)决算(?:数)?为?{_AMT}"
    rf"(?:[,，]?完成(?:年初)?预算(?:数)?的{_NUM}%)?"
)
VERDICT = re.compile(
    r"决算数?(大于|高于|超过|多于|小于|低于|少于)(?:年初)?预算数?"
    r"|决算数?(?:同|与|和)(?:年初)?预算数?(基本)?持平"
)
MORE = {"大于", "高于", "超过", "多于"}
YOY = re.compile(
    rf"(?:较|比|与)(?:上年|上年度|上一年度|\d{{4}}年度?)(?:的{_AMT})?(?:相比|比较)?[,，]?"
    rf"([^。;%\d,，]{{0,12}}?)(增加|减少)了?{_AMT}(?:[,，]?(增长|下降)了?{_NUM}%)?"
)
_FLAT = re.compile(rf"(?:较|比|与)(?:上年|上年度|上一年度)的{_AMT}持平")
_AMOUNT = re.compile(_AMT)
_W_WINDOW = 40
"""Characters before 较/比/与 where the current figure W is looked for."""
_SHARE_CLAUSE = re.compile(r"^[,，]?占[^,，。;%\d]{0,16}?\d+(?:\.\d+)?%")
_PCT_SLACK = 0.1
"""Percentage points a stated rate may be off before it is a finding: authors compute
rates from unrounded books or a last-year figure of another 口径 (79.05% for 79.09%);
a misprinted rate (1312.56% for 1212.56%, 0.06% for 0.60%) is far outside it."""


@dataclass
class _Text:
    text: str
    starts: list[tuple[int, int]]

    def page(self, pos: int) -> int:
        return max((p for s, p in self.starts if s <= pos), default=self.starts[0][1])


def texts(doc: Document) -> list[_Text]:
    out = []
    for section in sections(doc):
        starts, pos = [], 0
        for page, t in section:
            starts.append((pos, page))
            pos += len(t)
        out.append(_Text("".join(t for _, t in section), starts))
    return out


def _yuan(number: str, unit: str) -> float:
    return float(number.replace(",", "")) * UNIT_FACTOR[unit]


def _step(number: str, unit: str) -> float:
    """Half a unit of the last printed digit, in 元."""
    decimals = len(number.partition(".")[2])
    return 0.5 * 10**-decimals * UNIT_FACTOR[unit]


def _pct_tolerance(pct: str, part: float, part_step: float, whole: float, whole_step: float):
    decimals = len(pct.partition(".")[2])
    rounding = 100 * (part_step / whole + part * whole_step / whole**2)
    return 0.5 * 10**-decimals + rounding + _PCT_SLACK


def findings(doc: Document, contexts=None, values=None) -> list[Finding]:
    out: list[Finding] = []
    for block in texts(doc):
        out += _budget_final(doc, block)
        out += _year_on_year(doc, block)
    return out


def _finding(doc, block: _Text, match: re.Match, kind: str, rule: str, figures, message):
    page = block.page(match.start())
    snippet = block.text[match.start() : match.end()]
    box = line_box(doc, page, snippet[-8:]) or line_box(doc, page, snippet[:8])
    for fig in figures:
        fig.page, fig.bbox = page, box
    return Finding(
        kind=kind,
        severity="error",
        page=page,
        bbox=box,
        rule=f"{rule}:p{page}:{match.start()}",
        figures=figures,
        message=f"第{page}页情况说明“{snippet}”：{message}",
    )


def _fig(label: str, number: str, unit: str | None) -> FindingFigure:
    text = number + (unit or "%")
    value = float(number.replace(",", ""))
    return FindingFigure(label=label, value=value, text=text, unit=unit)


def _budget_final(doc: Document, block: _Text) -> list[Finding]:
    out = []
    text = block.text
    matches = list(BUDGET_FINAL.finditer(text))
    for i, m in enumerate(matches):
        a_num, a_unit, b_num, b_unit, pct = m.groups()
        a, b = _yuan(a_num, a_unit), _yuan(b_num, b_unit)
        figs = [_fig("预算数", a_num, a_unit), _fig("决算数", b_num, b_unit)]
        if pct is not None:
            figs.append(_fig("完成率", pct, None))
            if a == 0 and b != 0:
                out.append(
                    _finding(
                        doc,
                        block,
                        m,
                        "narrative_completion",
                        "n:done",
                        figs,
                        "预算数为0，完成预算的百分比无从计算。",
                    )
                )
            elif a != 0:
                computed = 100 * b / a
                tol = _pct_tolerance(pct, b, _step(b_num, b_unit), a, _step(a_num, a_unit))
                if abs(float(pct) - computed) > tol:
                    out.append(
                        _finding(
                            doc,
                            block,
                            m,
                            "narrative_completion",
                            "n:done",
                            figs,
                            f"完成率应为决算数÷预算数={computed:.2f}%，说明为{pct}%。",
                        )
                    )
        verdict = _verdict_after(text, m, matches[i + 1].start() if i + 1 < len(matches) else None)
        if verdict is None:
            continue
        word, basic = verdict
        gap = b - a
        slack = _step(a_num, a_unit) + _step(b_num, b_unit)
        if word == "持平":
            wrong = abs(gap) > slack and not basic
        elif word in MORE:
            wrong = gap < -slack or (abs(gap) <= slack and a == b)
        else:
            wrong = gap > slack or (abs(gap) <= slack and a == b)
        if wrong:
            said = "持平" if word == "持平" else f"决算数{word}预算数"
            truth = "大于" if gap > 0 else "小于" if gap < 0 else "等于"
            out.append(
                _finding(
                    doc,
                    block,
                    m,
                    "narrative_comparison",
                    "n:vs",
                    figs,
                    f"说明称{said}，但所引决算数{b_num}{b_unit}{truth}预算数{a_num}{a_unit}。",
                )
            )
    return out


def _verdict_after(text: str, m: re.Match, stop: int | None) -> tuple[str, bool] | None:
    """The 大于/小于/持平 verdict in the rest of this sentence or the next one."""
    end = m.end()
    first = text.find("。", end)
    second = text.find("。", first + 1) if first >= 0 else -1
    limit = second if second >= 0 else len(text)
    if stop is not None:
        limit = min(limit, stop)
    found = VERDICT.search(text, end, limit)
    if found is None:
        return None
    if found.group(1):
        return found.group(1), False
    return "持平", bool(found.group(2))


def _current_figure(text: str, start: int) -> re.Match | None:
    """W: the last amount within the window before the comparison, with no percentage,
    no other comparison and no other amount between."""
    found = [m for m in _AMOUNT.finditer(text, 0, start) if m.end() >= start - _W_WINDOW]
    if not found:  # (searched from the start: a window edge must not cut 6,543.55 in two)
        return None
    last = found[-1]
    between = _SHARE_CLAUSE.sub("", text[last.end() : start])  # "，占…的99.13%" is W's share
    if any(w in between for w in ("%", "增加", "减少", "增长", "下降", "其中", "占")):
        return None
    return last


def _year_on_year(doc: Document, block: _Text) -> list[Finding]:
    out = []
    text = block.text
    for m in YOY.finditer(text):
        a_num, a_unit, _subject, d_word, d_num, d_unit, p_word, pct = m.groups()
        tail = text[m.end() : m.end() + 6]
        if p_word is None and re.match(r"[,，]?(?:增长|下降)", tail):
            continue  # "下降(增长)27.78%": wording we cannot read
        d = _yuan(d_num, d_unit)
        figs = [_fig("增减额", d_num, d_unit)]
        if p_word is not None and (d_word == "增加") != (p_word == "增长"):
            figs.append(_fig("增减率", pct, None))
            out.append(
                _finding(
                    doc,
                    block,
                    m,
                    "narrative_yoy",
                    "n:yoy",
                    figs,
                    f"“{d_word}”与“{p_word}”方向相反。",
                )
            )
            continue
        w = _current_figure(text, m.start())
        sign = 1 if d_word == "增加" else -1
        if w is not None:
            figs.insert(0, _fig("本年数", w.group(1), w.group(2)))
        w_val = _yuan(w.group(1), w.group(2)) if w is not None else None
        if a_num is not None:
            a = _yuan(a_num, a_unit)
            figs.insert(1 if w is not None else 0, _fig("上年数", a_num, a_unit))
            if w_val is not None:
                slack = _step(a_num, a_unit) + _step(d_num, d_unit) + _step(w.group(1), w.group(2))
                if abs(w_val - a - sign * d) > slack:
                    out.append(
                        _finding(
                            doc,
                            block,
                            m,
                            "narrative_yoy",
                            "n:yoy",
                            figs,
                            f"本年数与上年数之差为{(w_val - a) / UNIT_FACTOR[d_unit]:,.2f}"
                            f"{d_unit}，说明为{d_word}{d_num}{d_unit}。",
                        )
                    )
                    continue
            prev, prev_step = a, _step(a_num, a_unit)
        elif w_val is not None:
            prev = w_val - sign * d
            prev_step = _step(w.group(1), w.group(2)) + _step(d_num, d_unit)
        else:
            continue
        if pct is None or prev <= 0:
            continue
        computed = 100 * d / prev
        tol = _pct_tolerance(pct, d, _step(d_num, d_unit), prev, prev_step)
        if abs(float(pct) - computed) > tol:
            figs.append(_fig("增减率", pct, None))
            out.append(
                _finding(
                    doc,
                    block,
                    m,
                    "narrative_yoy",
                    "n:yoy",
                    figs,
                    f"{p_word}率应为增减额÷上年数={computed:.2f}%，说明为{pct}%。",
                )
            )
    out += _flat(doc, block)
    return out


def _flat(doc: Document, block: _Text) -> list[Finding]:
    """ "W，与上年的A持平" while W ≠ A."""
    out = []
    for m in _FLAT.finditer(block.text):
        w = _current_figure(block.text, m.start())
        if w is None:
            continue
        a_num, a_unit = m.groups()
        w_val, a = _yuan(w.group(1), w.group(2)), _yuan(a_num, a_unit)
        if abs(w_val - a) > _step(a_num, a_unit) + _step(w.group(1), w.group(2)):
            figs = [_fig("本年数", w.group(1), w.group(2)), _fig("上年数", a_num, a_unit)]
            out.append(
                _finding(
                    doc,
                    block,
                    m,
                    "narrative_yoy",
                    "n:flat",
                    figs,
                    f"说明称与上年持平，但本年数{w.group(1)}{w.group(2)}与上年数{a_num}{a_unit}不同。",
                )
            )
    return out
