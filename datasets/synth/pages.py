"""Text pages: cover, contents, overview (概况), glossary (名词解释) and the appendix forms.

All sentences are the generator's own templates; only official names and codes are facts.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from fiscalocr.model import Table

from .books import Books
from .codes import CHINESE_ORDINALS
from .fonts import text_width
from .layout import Flow
from .performance import department_form, evaluation_form, target_form
from .render import render_table
from .table_style import TableStyle


def cover(flow: Flow, rng: random.Random, dept: str, year: int, doc_word: str) -> None:
    flow.new_page("cover")
    st = flow.style
    flow.y = flow.page.height * rng.uniform(0.22, 0.32)
    flow.line_of_text(
        dept,
        st.body_size + rng.choice([10, 12, 14]),
        face=st.title_face,
        align="c",
        bold=True,
        block="title",
        gap=2.2,
    )
    flow.line_of_text(
        f"{year}年度{doc_word}公开",
        st.body_size + rng.choice([8, 10, 14]),
        face=st.title_face,
        align="c",
        bold=rng.random() < 0.7,
        block="title",
        gap=2.2,
    )
    flow.y = flow.page.height * rng.uniform(0.7, 0.8)
    month = rng.randint(1, 3) if doc_word == "部门预算" else rng.randint(7, 9)
    published = year if doc_word == "部门预算" else year + 1
    flow.line_of_text(f"{published}年{month}月", st.body_size + 2, align="c", block="other")


def reserve_contents(flow: Flow) -> int:
    """An empty 目录 page, filled in once page numbers are known."""
    flow.new_page("contents")
    return flow.index


def contents(flow: Flow, page: int, entries: list[tuple[int, str, int]]) -> None:
    """目录 with dot leaders and page numbers on the reserved page."""
    st = flow.style
    p = flow.pages[page]
    size = st.body_size + 5
    title = "目  录"
    width = text_width(st.title_face, title, size)
    y = st.margin + size
    box = flow.text((p.width - width) / 2, y, title, st.title_face, size, True, page=page)
    flow.block("title", title, box, page=page)
    y += size * 1.5
    avail = p.height - 2 * st.margin - y
    size = min(st.body_size, avail / (len(entries) * 1.6))
    step = min(size * 1.9, avail / len(entries))
    left, right = st.margin, p.width - st.margin
    for level, text, number in entries:
        y += step
        x = left + level * size * 2
        box = flow.text(x, y, text, st.body_face, size, bold=level == 0, page=page)
        num = str(number)
        num_w = text_width(st.body_face, num, size)
        dots_w = right - num_w - box[2] - size
        dot_w = text_width(st.body_face, ".", size)
        if dots_w > dot_w * 3:
            dots = "." * int(dots_w / dot_w)
            flow.text(box[2] + size * 0.5, y, dots, st.body_face, size, page=page)
        nbox = flow.text(right - num_w, y, num, st.body_face, size, page=page)
        flow.block("other", f"{text} {num}", (box[0], box[1], nbox[2], nbox[3]), page=page)


def overview(flow: Flow, rng: random.Random, books: Books) -> None:
    flow.new_page("overview")
    st = flow.style
    inst = books.dept.institution
    flow.line_of_text(
        "第一部分 概况",
        st.body_size + 5,
        face=st.title_face,
        align="c",
        bold=True,
        block="heading",
        gap=2.4,
    )
    flow.line_of_text(
        rng.choice(["一、部门职责", "一、本部门（单位）职责", "一、主要职能"]),
        st.body_size + 1,
        bold=True,
        block="heading",
        gap=2.0,
    )
    topics = list(inst.topics)
    rng.shuffle(topics)
    duties = [
        f"负责本地区{topics[0]}工作的统筹安排，研究拟订年度工作计划并组织落实。",
        f"承担{topics[1]}相关事项的组织实施、监督检查和情况汇总，定期向上级报告进展。",
        f"组织开展{topics[2]}，协调有关单位形成工作合力，提升服务质量和效率。",
        f"做好{topics[3]}的日常管理，建立健全内部管理制度，规范资金和资产使用。",
        "落实党风廉政建设责任，加强干部队伍建设和业务培训。",
        "完成上级机关交办的其他工作任务。",
    ]
    for i, duty in enumerate(duties[: rng.randint(4, 6)]):
        flow.paragraph(
            f"{i + 1}．{duty}" if rng.random() < 0.5 else f"（{CHINESE_ORDINALS[i]}）{duty}"
        )
    flow.line_of_text("二、机构设置情况", st.body_size + 1, bold=True, block="heading", gap=2.0)
    offices = "、".join(inst.offices)
    staff = rng.randint(8, 120)
    flow.paragraph(
        f"{books.dept.name}内设{len(inst.offices)}个职能机构，分别为：{offices}。"
        f"核定编制{staff}名，年末实有人员{max(1, staff - rng.randint(0, 6))}名。"
    )
    if len(books.dept.units) > 1:
        subs = "、".join(books.dept.units[1:])
        flow.paragraph(
            f"纳入本年度{'预算' if books.kind == 'budget' else '决算'}编制范围的单位共{len(books.dept.units)}个，"
            f"除本级外还包括：{subs}。"
        )


GLOSSARY_BUDGET = [
    (
        "一般公共预算",
        "以税收为主体的财政收入，安排用于保障和改善民生、维持国家机构正常运转等方面的收支预算。",
    ),
    (
        "政府性基金预算",
        "依照法律、行政法规在一定期限内向特定对象征收或以其他方式筹集，专项用于特定公共事业的资金收支预算。",
    ),
    ("国有资本经营预算", "对国有资本收益作出支出安排的收支预算。"),
    ("财政专户管理资金", "纳入财政专户、实行收支两条线管理的教育收费等资金。"),
    ("单位资金", "除财政拨款以外，单位通过事业、经营等渠道取得的各项资金。"),
    ("上年结转", "以前年度预算已安排、本年度按原用途继续使用的资金。"),
]
GLOSSARY_FINAL = [
    ("财政拨款收入", "本级财政部门当年拨付给本单位的资金。"),
    ("事业收入", "事业单位开展专业业务活动及其辅助活动所取得的收入。"),
    ("年初结转和结余", "以前年度没有用完、按规定留到本年度继续使用或已形成结余的资金。"),
    ("年末结转和结余", "本年度没有用完、按规定留到以后年度继续使用或已形成结余的资金。"),
]
GLOSSARY_COMMON = [
    ("基本支出", "为保障机构正常运转和完成日常工作任务所安排的支出，分为人员经费和公用经费。"),
    ("项目支出", "在基本支出以外，为完成特定的工作任务和事业发展目标所安排的支出。"),
    ("“三公”经费", "用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    (
        "机关运行经费",
        "为保障行政单位（含参照公务员法管理的事业单位）运行而用于购买商品和服务的各项公用经费。",
    ),
]


def glossary(flow: Flow, rng: random.Random, kind: str) -> None:
    terms = (GLOSSARY_BUDGET if kind == "budget" else GLOSSARY_FINAL) + GLOSSARY_COMMON
    terms = rng.sample(terms, rng.randint(len(terms) - 3, len(terms)))
    for i, (term, meaning) in enumerate(terms):
        sep = rng.choice(["：", "是指", "，指"])
        flow.paragraph(f"{CHINESE_ORDINALS[i]}、{term}{sep}{meaning}")


def appendix(
    flow: Flow,
    rng: random.Random,
    books: Books,
    n_tables: int,
    style_for: Callable[[str, str, bool], TableStyle] | None = None,
) -> list[Table]:
    """附件: performance target forms (budget) or self-evaluation forms (final account).

    style_for(table id, type, repeat header): a table's style (None: the document's one)."""
    projects = [p for p in books.projects if p.source != "carry"]
    if not projects:
        return []
    chosen = rng.sample(projects, min(len(projects), rng.randint(1, 3)))
    flow.new_page("appendix")
    flow.line_of_text(
        "第五部分 附件",
        flow.style.body_size + 5,
        face=flow.style.title_face,
        align="c",
        bold=True,
        block="heading",
        gap=2.4,
    )
    specs = []
    if books.kind == "budget" and rng.random() < 0.5:
        specs.append(department_form(rng, books))
    form = target_form if books.kind == "budget" else evaluation_form
    specs += [form(rng, books, project) for project in chosen]
    tables = []
    for i, spec in enumerate(specs):
        if i:
            flow.new_page("appendix")
        table_id = f"t{n_tables + i + 1}"
        style = style_for(table_id, spec.type, spec.repeat_header) if style_for else None
        tables.append(render_table(flow, spec, table_id, rng, style))
    return tables


def back_page(flow: Flow, rng: random.Random, books: Books) -> None:
    """A closing page of contact details (section `other`)."""
    flow.new_page("other")
    flow.y = flow.page.height * rng.uniform(0.3, 0.5)
    area = rng.randint(10, 999)
    lines = [
        f"编制单位：{books.dept.name}",
        f"联系电话：0{area:03d}-{rng.randint(2000000, 8999999)}",
        f"通讯地址：{books.dept.region}{rng.choice(['人民路', '新华路', '府前街', '迎泽大街'])}{rng.randint(1, 300)}号",
        "欢迎社会各界对本部门预决算公开工作提出意见和建议。",
    ]
    for text in lines:
        flow.line_of_text(text, flow.style.body_size, align="l", block="other", gap=2.2)
