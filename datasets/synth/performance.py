"""Performance forms: 项目支出绩效目标表 (budget) and 项目支出绩效自评表 (final account).

Forms are tables of labels and text with nested spans; their amounts are printed in 元
(as the real forms are, whatever the unit of the statutory tables).
"""

from __future__ import annotations

import random

from .amounts import AmountStyle, fmt_amount, percent
from .books import Books, Project
from .spec import TableSpec

YUAN = AmountStyle(unit="元", thousands=True, zero="0.00")

INDICATORS = {
    "产出指标": [
        (
            "数量指标",
            ["完成{topic}场次", "覆盖服务对象人数", "印发宣传资料份数"],
            ["≥{n}次", "≥{n}人", "{n}份"],
        ),
        ("质量指标", ["{topic}验收合格率", "任务完成率"], ["≥{p}%", "100%"]),
        ("时效指标", ["按期完成率", "资金支付及时性"], ["{year}年12月底前", "及时"]),
        ("成本指标", ["{topic}成本控制", "单位成本"], ["≤{w}万元", "控制在预算内"]),
    ],
    "效益指标": [
        ("社会效益指标", ["{topic}社会影响", "公众知晓度提升"], ["明显提升", "有所提高"]),
        ("可持续影响指标", ["长效机制建立情况"], ["逐步完善"]),
    ],
    "满意度指标": [("服务对象满意度指标", ["服务对象满意度"], ["≥{p}%"])],
}


def _topic(project: Project) -> str:
    for suffix in ("工作经费", "专项经费", "运行维护费", "专项资金", "项目经费", "补助经费"):
        if project.name.endswith(suffix):
            return project.name[: -len(suffix)]
    return project.name[:4]


def _indicator_rows(
    rng: random.Random, project: Project, year: int
) -> list[tuple[str, str, str, str]]:
    topic = _topic(project)
    rows = []
    for first, seconds in INDICATORS.items():
        for second, thirds, values in rng.sample(seconds, rng.randint(1, len(seconds))):
            i = rng.randrange(len(thirds))
            value = values[min(i, len(values) - 1)].format(
                n=rng.randint(2, 60),
                p=rng.choice([85, 90, 95]),
                year=year,
                w=round(project.cents / 1e6, 1),
            )
            rows.append((first, second, thirds[i].format(topic=topic), value))
    return rows


def _header_block(spec: TableSpec, books: Books, project: Project, n_cols: int) -> None:
    spec.add(0, 0, "项目名称", "label", colspan=2)
    spec.add(0, 2, project.name, "text", colspan=n_cols - 2)
    spec.add(1, 0, "主管部门", "label", colspan=2)
    spec.add(1, 2, books.dept.name, "text", colspan=3)
    spec.add(1, 5, "实施单位", "label")
    spec.add(1, 6, project.unit, "text", colspan=n_cols - 6)


def target_form(rng: random.Random, books: Books, project: Project) -> TableSpec:
    """项目支出绩效目标表 (8 columns): funds block, overall goal, indicator grid."""
    spec = TableSpec(
        type="performance_target",
        title=f"{books.year}年度项目支出绩效目标表",
        unit="元",
        n_cols=8,
        header_rows=0,
    )
    spec.meta_left = f"填报单位：{project.unit}"
    _header_block(spec, books, project, 8)
    spec.add(2, 0, "项目属性", "label", colspan=2)
    spec.add(2, 2, project.category, "text", colspan=3)
    spec.add(2, 5, "项目期", "label")
    spec.add(2, 6, rng.choice(["1年", "3年", "长期"]), "text", colspan=2)
    spec.add(3, 0, "项目资金（元）", "label", rowspan=3, colspan=2)
    for r, (name, cents) in enumerate(
        (("年度资金总额", project.cents), ("其中：财政拨款", project.cents), ("其他资金", 0))
    ):
        spec.add(3 + r, 2, name, "label", colspan=2)
        spec.add(3 + r, 4, fmt_amount(cents, YUAN, blank_zero=False), "amount", colspan=4)
    topic = _topic(project)
    goal = (
        f"围绕{topic}任务，按计划组织实施，确保资金使用规范、进度可控，"
        f"年度内完成既定工作量并取得预期成效。"
    )
    spec.add(6, 0, "年度总体目标", "label", colspan=2)
    spec.add(6, 2, goal, "text", colspan=6)
    row = 7
    for c, name in ((0, "一级指标"), (2, "二级指标"), (4, "三级指标"), (6, "指标值")):
        spec.add(row, c, name, "label", colspan=2, bold=True)
    _indicator_grid(
        spec,
        _indicator_rows(rng, project, books.year),
        row + 1,
        lambda r, ind: [(4, ind[2], 2), (6, ind[3], 2)],
        span=2,
    )
    return spec


def _indicator_grid(spec: TableSpec, rows, start: int, rest, span: int = 1) -> int:
    """Indicator rows with 一级/二级 labels merged down over their runs; `span` columns
    each for the 一级 and 二级 labels."""
    r = start
    i = 0
    while i < len(rows):
        first = rows[i][0]
        j = i
        while j < len(rows) and rows[j][0] == first:
            j += 1
        spec.add(r, 0, first, "label", rowspan=j - i, colspan=span)
        k = i
        while k < j:
            second = rows[k][1]
            m = k
            while m < j and rows[m][1] == second:
                m += 1
            spec.add(r + k - i, span, second, "label", rowspan=m - k, colspan=span)
            k = m
        for n in range(i, j):
            for col, text, width in rest(r + n - i, rows[n]):
                spec.add(r + n - i, col, text, "text", colspan=width)
        r += j - i
        i = j
    return r


def evaluation_form(rng: random.Random, books: Books, project: Project) -> TableSpec:
    """项目支出绩效自评表 (9 columns): funds with 执行率 = 执行数 ÷ 全年预算数, indicators, 总分."""
    spec = TableSpec(
        type="performance_evaluation",
        title=f"{books.year}年度项目支出绩效自评表",
        unit="元",
        n_cols=9,
        header_rows=0,
    )
    spec.meta_left = f"填报单位：{project.unit}"
    spec.landscape = rng.random() < 0.5
    _header_block(spec, books, project, 9)
    spec.add(2, 0, "项目资金（元）", "label", rowspan=3, colspan=2)
    for c, name in enumerate(
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    ):
        spec.add(2, 2 + c, name, "label")
    budget, spent = project.budget_cents, project.cents
    rate = percent(spent, budget)
    score = f"{min(10.0, 10 * spent / budget):.2f}" if budget else "0.00"
    for r, name in ((3, "年度资金总额"), (4, "其中：当年财政拨款")):
        vals = [
            fmt_amount(budget, YUAN, False),
            fmt_amount(budget, YUAN, False),
            fmt_amount(spent, YUAN, False),
        ]
        spec.add(r, 2, name, "label")
        for c, text in enumerate(vals):
            spec.add(r, 3 + c, text, "amount")
        spec.add(r, 6, "10" if r == 3 else "—", "amount")
        spec.add(r, 7, f"{rate}%", "amount")
        spec.add(r, 8, score if r == 3 else "—", "amount")
    topic = _topic(project)
    spec.add(5, 0, "年度总体目标", "label", rowspan=2, colspan=2)
    spec.add(5, 2, "预期目标", "label", colspan=4)
    spec.add(5, 6, "实际完成情况", "label", colspan=3)
    spec.add(6, 2, f"按年度计划推进{topic}，完成各项任务指标。", "text", colspan=4)
    spec.add(6, 6, f"{topic}各项任务已按计划完成，资金执行率{rate}%。", "text", colspan=3)
    heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    for c, name in enumerate(heads):
        spec.add(7, c, name, "label", colspan=2 if c == 7 else 1, bold=True)
    indicators = _indicator_rows(rng, project, books.year)
    weight = 90 // len(indicators)
    points = [weight] * len(indicators)
    points[-1] += 90 - sum(points)
    got = [p - (1 if rng.random() < 0.2 else 0) for p in points]
    by_row = {}

    def rest(r, ind):
        n = len(by_row)
        by_row[r] = n
        return [
            (2, ind[2], 1),
            (3, ind[3], 1),
            (4, ind[3], 1),
            (5, str(points[n]), 1),
            (6, str(got[n]), 1),
            (7, "无", 2),
        ]

    end = _indicator_grid(spec, indicators, 8, rest)
    for cell in spec.cells:
        if cell.row >= 8 and cell.col in (5, 6):
            cell.kind = "amount"
    total_score = sum(got) + float(score)
    spec.add(end, 0, "总分", "label", colspan=5, bold=True)
    spec.add(end, 5, "100", "amount")
    spec.add(end, 6, f"{total_score:.2f}", "amount")
    spec.add(end, 7, "", "text", colspan=2)
    return spec


DEPARTMENT_INDICATORS = [
    ("产出指标", "数量指标", "重点工作任务完成数", "≥{n}项"),
    ("产出指标", "质量指标", "年度工作目标完成率", "≥{p}%"),
    ("产出指标", "时效指标", "预算执行进度", "年底前完成"),
    ("效益指标", "社会效益指标", "履职成效", "持续提升"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥{p}%"),
]


def department_form(rng: random.Random, books: Books) -> TableSpec:
    """部门整体支出绩效目标表: 资金总额 = 基本支出 + 项目支出 (in 元), goal, indicators."""
    spec = TableSpec(
        type="performance_target",
        title=f"{books.year}年度部门整体支出绩效目标表",
        unit="元",
        n_cols=8,
        header_rows=0,
    )
    spec.meta_left = f"部门名称：{books.dept.name}"
    spec.add(0, 0, "部门名称", "label", colspan=2)
    spec.add(0, 2, books.dept.name, "text", colspan=6)
    spec.add(1, 0, "年度预算资金（元）", "label", rowspan=3, colspan=2)
    basic, project = books.spent(uses=("basic",)), books.spent(uses=("project",))
    for r, (name, cents) in enumerate(
        (("资金总额", basic + project), ("其中：基本支出", basic), ("项目支出", project))
    ):
        spec.add(1 + r, 2, name, "label", colspan=3)
        spec.add(1 + r, 5, fmt_amount(cents, YUAN, blank_zero=False), "amount", colspan=3)
    goal = "保障机构正常运转，统筹推进年度重点工作，提升履职能力和公共服务水平，规范预算资金管理。"
    spec.add(4, 0, "年度总体目标", "label", colspan=2)
    spec.add(4, 2, goal, "text", colspan=6)
    for c, name in ((0, "一级指标"), (2, "二级指标"), (4, "三级指标"), (6, "指标值")):
        spec.add(5, c, name, "label", colspan=2, bold=True)
    rows = [
        (a, b, c, v.format(n=rng.randint(3, 20), p=rng.choice([85, 90, 95])))
        for a, b, c, v in DEPARTMENT_INDICATORS
    ]
    _indicator_grid(spec, rows, 6, lambda r, ind: [(4, ind[2], 2), (6, ind[3], 2)], span=2)
    return spec
