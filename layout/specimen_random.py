"""Random table specifications with exact ground truth, for the grid benchmark.

Tables as budget disclosures print them: nested multi-row headers over the amount
columns, split 类/款/项 or single code columns, labels, amounts with blanks; ruled four
ways. Grids are canonical (no grid row in which no cell starts), so every truth is
recoverable from the page in principle.
"""

from __future__ import annotations

import random

from .specimen import TableSpec, spec_from_rows

LABELS = [
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "一般公共服务支出",
    "行政运行",
    "机关服务",
    "其他一般公共服务支出",
    "社会保障和就业支出",
    "行政事业单位养老支出",
    "机关事业单位基本养老保险缴费支出",
    "卫生健康支出",
    "住房保障支出",
    "住房公积金",
    "城乡社区支出",
    "事业运行",
    "一般行政管理事务",
]
HEADS = [
    "合计",
    "小计",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "上年结转",
    "事业收入",
    "其他收入",
    "本年预算",
    "上年预算",
    "增减",
]


def _amount(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return ""
    value = rng.randint(0, 9_999_999) / (100 if rng.random() < 0.7 else 1)
    return f"{value:,.2f}" if isinstance(value, float) and rng.random() < 0.7 else f"{int(value):,}"


def _nested_header(rng: random.Random, n: int, depth: int) -> list[list[str]]:
    """Header rows over n columns: groups with a label spanning their sub-columns."""
    rows = [[""] * n for _ in range(depth)]

    def fill(level: int, lo: int, hi: int) -> None:
        c = lo
        while c < hi:
            size = 1 if level == depth - 1 else min(hi - c, rng.choice([1, 1, 2, 3]))
            if size == 1:
                rows[level][c] = rng.choice(HEADS)
                for r in range(level + 1, depth):
                    rows[r][c] = "^"
            else:
                rows[level][c] = rng.choice(HEADS) + "合计"
                for k in range(c + 1, c + size):
                    rows[level][k] = "<"
                fill(level + 1, c, c + size)
            c += size

    fill(0, 0, n)
    return rows


def random_spec(rng: random.Random) -> TableSpec:
    style = rng.choice(["full"] * 4 + ["no_outer"] * 2 + ["horizontal"] * 2 + ["booktabs"])
    n_amounts = rng.randint(1, 6)
    codes = rng.choice(["split", "single", "none"])
    depth = rng.choice([1, 2, 3]) if style in ("full", "no_outer") and n_amounts > 1 else 1
    lead = {
        "split": ["类", "款", "项", "科目名称"],
        "single": ["科目编码", "科目名称"],
        "none": ["项目"],
    }[codes]
    header = _nested_header(rng, n_amounts, depth)
    rows = [
        [lead[i] if r == 0 else "^" for i in range(len(lead))] + header[r] for r in range(depth)
    ]
    for _ in range(rng.randint(2, 22)):
        code = f"2{rng.randint(0, 99):02d}"
        sub, item = f"{rng.randint(1, 99):02d}", f"{rng.randint(1, 99):02d}"
        lead_cells = {"split": [code, sub, item], "single": [code + sub + item], "none": []}[codes]
        rows.append(lead_cells + [rng.choice(LABELS)] + [_amount(rng) for _ in range(n_amounts)])
    if codes == "split" and style in ("full", "no_outer"):
        rows.append(["合计", "<", "<", "<"] + [_amount(rng) for _ in range(n_amounts)])
    font = rng.choice([8.0, 9.0, 10.0])
    label_width = max(len(t) for t in LABELS) * font + 10
    widths = {"split": [3 * font, 3 * font, 3 * font], "single": [5 * font + 12], "none": []}[
        codes
    ] + [label_width]
    widths += [rng.uniform(7.5, 10) * font for _ in range(n_amounts)]
    spec = spec_from_rows(
        rows,
        widths,
        row_height=rng.uniform(1.9, 2.5) * font,
        header_rows=depth,
        rules=style,
        font_size=font,
        title="支出预算表",
        unit=rng.choice(["元", "万元"]),
    )
    for r in range(depth):
        spec.row_heights[r] = 2.9 * font  # header texts wrap to two lines
    return canonical(spec)


def canonical(spec: TableSpec) -> TableSpec:
    """Drop grid rows in which no cell starts: no rule could ever show them."""
    empty = [r for r in range(spec.n_rows) if not any(c.row == r for c in spec.cells)]
    for r in reversed(empty):
        for c in spec.cells:
            if c.row > r:
                c.row -= 1
            elif c.row + c.rowspan > r:
                c.rowspan -= 1
        spec.header_rows -= 1
        del spec.row_heights[r]
    return spec
