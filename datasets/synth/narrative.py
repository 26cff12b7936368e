"""情况说明: narrative that quotes the tables' figures, with the generator's own templates.

Conventions the ground-truth checks rely on (and real documents mostly follow): in a
sentence that gives shares, the first amount quoted is the whole and each "X，占P%" is a
part of it; a year-on-year comparison reads "W，较上年的A增加/减少D，增长/下降P%". Every
other quoted amount is a figure printed in some table.
"""

from __future__ import annotations

import random

from .amounts import fmt_quoted, percent
from .books import Books
from .charts import pie
from .codes import CHINESE_ORDINALS, class_names, economic_name
from .layout import Flow

REASONS_UP = [
    "主要是人员变动导致人员经费增加",
    "主要是新增重点工作任务相应安排经费",
    "主要是部分项目支出规模扩大",
]
REASONS_DOWN = [
    "主要是厉行节约压减一般性支出",
    "主要是部分项目已完成不再安排",
    "主要是人员减少相应经费减少",
]


def _compare(books: Books, now: int, before: int, rng: random.Random | None = None) -> str:
    """Year-on-year clause: "，较上年的A增加D，增长P%" (wording and a reason vary)."""
    q = lambda c: fmt_quoted(c, books.style)  # noqa: E731
    diff = now - before
    than = rng.choice(["较上年的", "比上年的"]) if rng else "较上年的"
    if diff == 0:
        return f"，与上年的{q(before)}持平"
    up = diff > 0
    clause = (
        f"，{than}{q(before)}{'增加' if up else '减少'}{q(abs(diff))}，"
        f"{'增长' if up else '下降'}{percent(abs(diff), before)}%"
    )
    if rng and rng.random() < 0.6:
        clause += "，" + rng.choice(REASONS_UP if up else REASONS_DOWN)
    return clause


def _shares(books: Books, whole: int, parts: list[tuple[str, int]], sep: str = "；") -> str:
    q = lambda c: fmt_quoted(c, books.style)  # noqa: E731
    return sep.join(f"{name}{q(cents)}，占{percent(cents, whole)}%" for name, cents in parts)


def explanation(flow: Flow, rng: random.Random, books: Books) -> list[str]:
    """Write the 情况说明 sections; returns their headings for the contents page."""
    sections = (
        _budget_sections(books, rng) if books.kind == "budget" else _final_sections(books, rng)
    )
    headings = []
    word = "预算" if books.kind == "budget" else "决算"
    for i, (title, paragraphs) in enumerate(sections):
        heading = f"{CHINESE_ORDINALS[i]}、{_heading_variant(rng, title, word)}"
        flow.ensure(flow.style.body_size * 5)
        flow.line_of_text(heading, flow.style.body_size + 1, bold=True, block="heading", gap=2.0)
        headings.append(heading)
        for item in paragraphs:
            if callable(item):
                item(flow)  # a chart
            else:
                flow.paragraph(item)
    return headings


def _heading_variant(rng: random.Random, title: str, word: str) -> str:
    """Departments word their section headings differently; the topic stays recognisable."""
    choice = rng.random()
    if choice < 0.5:
        return title
    if choice < 0.75:
        return title.replace("情况", "情况说明") if title.endswith("情况") else title + "说明"
    if choice < 0.9 and title.endswith("情况"):
        return f"关于{title[:-2]}的说明"
    return title.replace(word, f"{word}执行" if word == "决算" else f"{word}安排", 1)


def _maybe_chart(rng: random.Random, title: str, parts: list[tuple[str, int]]) -> list:
    """A pie chart after the paragraph, in about half the documents."""
    if rng.random() < 0.5:
        return [lambda flow: pie(flow, rng, title, parts)]
    return []


def _class_parts(books: Books, sources) -> list[tuple[str, int]]:
    names = class_names(books.year)
    return [
        (names[c], books.spent(c, sources=sources))
        for c in names
        if books.spent(c, sources=sources)
    ]


def _econ_names(books: Books, personnel: bool) -> str:
    items = [economic_name(i) for i, (p, q) in books.economic.items() if (p if personnel else q)]
    return "、".join(items[:8])


def _budget_sections(books: Books, rng: random.Random) -> list[tuple[str, list[str]]]:
    q = lambda c: fmt_quoted(c, books.style)  # noqa: E731
    d, y = books.dept.name, books.year
    total, carry = books.spent(), books.spent(sources=("carry",))
    income = total - carry
    basic, project = books.spent(uses=("basic",)), books.spent(uses=("project",))
    gen = books.spent(sources=("gen",))
    sources = [
        ("一般公共预算", "gen"),
        ("政府性基金预算", "fund"),
        ("国有资本经营预算", "capital"),
        ("财政专户管理资金", "special"),
        ("单位资金", "unit"),
    ]
    out = [
        (
            "收支预算总体情况",
            [
                f"{y}年{d}收入预算总计{q(total)}{_compare(books, total, books.prev['total'], rng)}。"
                f"支出预算总计{q(total)}，收支平衡。"
            ],
        ),
        (
            "收入预算情况",
            [
                f"{y}年本年收入预算合计{q(income)}，其中："
                + _shares(
                    books,
                    income,
                    [
                        (n, books.spent(sources=(s,)))
                        for n, s in sources
                        if books.spent(sources=(s,))
                    ],
                )
                + "。"
                + (f"另安排上年结转资金{q(carry)}。" if carry else "")
            ],
        ),
        (
            "支出预算情况",
            [
                f"{y}年本年支出预算合计{q(total)}，其中："
                + _shares(books, total, [("基本支出", basic), ("项目支出", project)])
                + "。"
            ],
        ),
        (
            "一般公共预算支出情况",
            [
                f"{y}年一般公共预算支出{q(gen)}{_compare(books, gen, books.prev['gen'], rng)}。",
                f"一般公共预算支出{q(gen)}，按功能分类主要用于："
                + _shares(books, gen, _class_parts(books, ("gen",)))
                + "。",
                *_maybe_chart(rng, "一般公共预算支出结构图", _class_parts(books, ("gen",))),
            ],
        ),
        (
            "一般公共预算基本支出情况",
            [
                f"一般公共预算基本支出{q(books.personnel() + books.public())}，其中："
                f"人员经费{q(books.personnel())}，主要包括{_econ_names(books, True)}等；"
                f"公用经费{q(books.public())}，主要包括{_econ_names(books, False)}等。"
            ],
        ),
    ]
    out.append(_three_public(books, "预算", rng))
    out.append(
        (
            "机关运行经费情况",
            [
                f"{y}年机关运行经费预算{q(books.public())}"
                f"{_compare(books, books.public(), books.prev['operating'], rng)}，"
                f"主要用于保障机关日常运转所需的办公、水电、差旅等公用支出。"
            ],
        )
    )
    out.append(_procurement(books, "预算"))
    projects = [p for p in books.projects if p.source != "carry"]
    if projects:
        amount = sum(p.cents for p in projects)
        out.append(
            (
                "绩效目标设置情况",
                [
                    f"{y}年纳入绩效目标管理的项目共{len(projects)}个，涉及资金{q(amount)}，"
                    f"各项目均按要求设置了产出、效益和满意度指标。"
                ],
            )
        )
    return out


def _three_public(books: Books, word: str, rng: random.Random) -> tuple[str, list[str]]:
    q = lambda c: fmt_quoted(c, books.style)  # noqa: E731
    f = books.three_public
    total = books.three_public_total()
    prev = books.prev["three_public"]
    first = f"{books.year}年“三公”经费{word}数{q(total)}{_compare(books, total, prev, rng)}"
    if total:
        first += "；其中：" + _shares(
            books,
            total,
            [
                ("因公出国（境）费", f["abroad"]),
                ("公务用车购置及运行维护费", f["car_buy"] + f["car_run"]),
                ("公务接待费", f["reception"]),
            ],
        )
    first += "。"
    detail = (
        f"公务用车购置及运行维护费中，公务用车购置费{q(f['car_buy'])}，公务用车运行维护费{q(f['car_run'])}，"
        f"年末公务用车保有量{books.vehicles}辆。"
    )
    return ("“三公”经费情况", [first, detail])


def _procurement(books: Books, word: str) -> tuple[str, list[str]]:
    q = lambda c: fmt_quoted(c, books.style)  # noqa: E731
    goods, works, services = (sum(r[i] for r in books.procurement) for i in (1, 2, 3))
    total = goods + works + services
    if not total:
        return ("政府采购情况", [f"{books.year}年本部门无政府采购{word}。"])
    return (
        "政府采购情况",
        [
            f"{books.year}年政府采购{word}总额{q(total)}，其中："
            + _shares(books, total, [("货物类", goods), ("工程类", works), ("服务类", services)])
            + "。"
        ],
    )


def _final_sections(books: Books, rng: random.Random) -> list[tuple[str, list[str]]]:
    q = lambda c: fmt_quoted(c, books.style)  # noqa: E731
    d, y = books.dept.name, books.year
    income, spent = books.received(), books.spent()
    begin, end = books.carried_in(), books.carried_out()
    income_parts = [
        ("财政拨款收入", books.received(sources=("gen", "fund", "capital"))),
        ("上级补助收入", books.received(sources=("superior",))),
        ("事业收入", books.received(sources=("business",))),
        ("其他收入", books.received(sources=("other",))),
    ]
    uses = [
        ("基本支出", books.spent(uses=("basic",))),
        ("项目支出", books.spent(uses=("project",))),
    ]
    approp = books.spent(sources=("gen", "fund", "capital"))
    gen = books.spent(sources=("gen",))
    out = [
        (
            "收入支出决算总体情况",
            [
                f"{y}年度{d}收入总计{q(income + begin)}，支出总计{q(spent + end)}"
                f"{_compare(books, spent + end, books.prev['total'], rng)}。"
            ],
        ),
        (
            "收入决算情况",
            [
                f"{y}年度本年收入合计{q(income)}，其中："
                + _shares(books, income, [p for p in income_parts if p[1]])
                + "。"
            ],
        ),
        (
            "支出决算情况",
            [
                f"{y}年度本年支出合计{q(spent)}，其中：" + _shares(books, spent, uses) + "。",
                *_maybe_chart(rng, "支出决算结构图", uses),
            ],
        ),
        (
            "财政拨款收入支出决算总体情况",
            [
                f"{y}年度本年支出合计{q(spent)}，其中财政拨款支出{q(approp)}，"
                f"占{percent(approp, spent)}%。"
            ],
        ),
        (
            "一般公共预算财政拨款支出决算情况",
            [
                f"{y}年度一般公共预算财政拨款支出{q(gen)}"
                f"{_compare(books, gen, books.prev['gen'], rng)}。",
                f"一般公共预算财政拨款支出{q(gen)}，主要用于："
                + _shares(books, gen, _class_parts(books, ("gen",)))
                + "。",
            ],
        ),
        (
            "一般公共预算财政拨款基本支出决算情况",
            [
                f"{y}年度一般公共预算财政拨款基本支出{q(books.personnel() + books.public())}，"
                f"其中：人员经费{q(books.personnel())}，主要包括{_econ_names(books, True)}等；"
                f"公用经费{q(books.public())}，主要包括{_econ_names(books, False)}等。"
            ],
        ),
        _three_public(books, "决算", rng),
        (
            "机关运行经费支出情况",
            [
                f"{y}年度机关运行经费支出{q(books.public())}"
                f"{_compare(books, books.public(), books.prev['operating'], rng)}。"
            ],
        ),
        _procurement(books, "支出"),
    ]
    projects = books.projects
    if projects:
        amount = sum(p.cents for p in projects)
        out.append(
            (
                "预算绩效情况说明",
                [
                    f"{y}年度本部门对{len(projects)}个项目开展了绩效自评，涉及资金{q(amount)}，"
                    f"自评结果详见附件。"
                ],
            )
        )
    return out
