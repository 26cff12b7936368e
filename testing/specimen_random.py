"""Random table specifications with exact ground truth, for the grid benchmark.

Tables as budget disclosures print them: nested multi-row headers over the amount
columns, split 类/款/项 or single code columns, labels, amounts with blanks; ruled four
ways. Grids are canonical (no grid row in which no cell starts), so every truth is
recoverable from the page in principle.

:func:`styled_spec` adds what scans the project had not seen showed (see
``SPECIMEN_STYLES``): light-grey hairlines, a table cut by the page's right edge, wide
tables of narrow columns under three-line headers, tables with no rules at all, and a
table continued on a second page without its header.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .specimen import RuleStyle, SpecimenTable, spec_from_rows

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


FIRST_AMOUNT_COL = "first_amount_col"
"""``SpecimenTable.extra`` key: columns from this one on hold amounts (left of it: codes, labels)."""


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


def random_spec(rng: random.Random, rules: RuleStyle | None = None) -> SpecimenTable:
    """A random table; ``rules`` forces its rule style (else one of four, weighted)."""
    style = rules or rng.choice(["full"] * 4 + ["no_outer"] * 2 + ["horizontal"] * 2 + ["booktabs"])
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
    spec.extra[FIRST_AMOUNT_COL] = len(lead)
    return canonical(spec)


def canonical(spec: SpecimenTable) -> SpecimenTable:
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


SPECIMEN_STYLES = ("plain", "grey", "open_right", "wide", "unruled", "continuation")
"""``plain`` is :func:`random_spec` as it always was; the others are the failure classes."""
GREY_SHADES = (0.7, 0.8)
"""Light-grey rule colours drawn from (RGB 0-1): an office suite's default border is
#c0c0c0 (0.75)."""
PAGE_MARGIN_PT = 60.0
TOP_PT = 110.0


@dataclass
class Specimen:
    """One or two pages of tables with their truth: ``specs[k]`` is drawn on page k at
    ``(PAGE_MARGIN_PT, top[k])`` of a page ``sizes[k]`` big; ``joined`` is the truth of
    the whole table when the specs are one table over pages (else None)."""

    style: str
    specs: list[SpecimenTable]
    sizes: list[tuple[float, float]]
    tops: list[float]
    joined: SpecimenTable | None = None


def _page_size(spec: SpecimenTable) -> tuple[float, float]:
    width = max(595.0, sum(spec.col_widths) + 2 * PAGE_MARGIN_PT)
    return width, max(842.0, sum(spec.row_heights) + 2 * TOP_PT)


def styled_spec(rng: random.Random, style: str) -> Specimen:
    """A random specimen of one style of ``SPECIMEN_STYLES``."""
    if style == "wide":
        spec = wide_spec(rng)
        landscape = (max(842.0, sum(spec.col_widths) + 2 * PAGE_MARGIN_PT), 595.0)
        return Specimen(style, [spec], [landscape], [TOP_PT])
    if style == "continuation":
        return continuation_specimen(rng)
    forced = {"open_right": "full", "unruled": "none"}.get(style)
    spec = random_spec(rng, forced)  # type: ignore[arg-type]
    if style == "grey":
        shade = rng.uniform(*GREY_SHADES)
        spec.rule_color = (shade, shade, shade)
        spec.rule_width = rng.choice([0.3, 0.4, 0.5])
    elif style == "open_right":
        spec.open_sides = "r"
        spec.overrun_pt = rng.uniform(0.0, 8.0)
        width = PAGE_MARGIN_PT + sum(spec.col_widths) + spec.overrun_pt + rng.uniform(0.0, 2.0)
        return Specimen(style, [spec], [(width, _page_size(spec)[1])], [TOP_PT])
    return Specimen(style, [spec], [_page_size(spec)], [TOP_PT])


WIDE_HEADS = [
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "用事业基金弥补收支差额",
    "上年结转结余",
    "对个人和家庭的补助",
    "其他收入",
    "事业收入",
]


def wide_spec(rng: random.Random) -> SpecimenTable:
    """12 to 16 narrow amount columns under header cells that wrap to three lines, on a
    landscape page (a 部门收入预算总表 in 万元)."""
    n_amounts = rng.randint(12, 16)
    font = rng.choice([7.0, 7.5, 8.0])
    col = rng.uniform(5.6, 6.4) * font  # five to six CJK characters a line
    grouped = rng.random() < 0.5
    heads = [rng.choice(WIDE_HEADS) for _ in range(n_amounts)]
    if grouped:  # 合计 | 本年收入 over a group of sources | the rest
        size = rng.randint(3, min(8, n_amounts - 2))
        top = ["项目", "合计", "本年收入合计"] + ["<"] * (size - 1)
        top += heads[size + 1 :]
        second = ["^", "^", *heads[1 : size + 1]] + ["^"] * (n_amounts - size - 1)
        header = [top, second]
    else:
        header = [["项目", *heads]]
    rows = [list(r) for r in header]
    for _ in range(rng.randint(4, 14)):
        label = rng.choice([t for t in LABELS if len(t) <= _WIDE_LABEL_CHARS])
        rows.append([label] + [_wide_amount(rng) for _ in range(n_amounts)])
    label_width = _WIDE_LABEL_CHARS * font + 10
    spec = spec_from_rows(
        rows,
        [label_width] + [col] * n_amounts,
        row_height=rng.uniform(2.0, 2.4) * font,
        header_rows=len(header),
        font_size=font,
        title="部门收入预算总表",
        unit="万元",
        rules=rng.choice(["full", "full", "no_outer"]),
    )
    for r in range(len(header)):
        spec.row_heights[r] = 4.4 * font  # three wrapped lines and their padding
    spec.extra[FIRST_AMOUNT_COL] = 1
    return canonical(spec)


_WIDE_LABEL_CHARS = 9
"""Labels of a wide table fit one line of its label column."""


def _wide_amount(rng: random.Random) -> str:
    """万元 amounts that fit a narrow column (at most 99,999.99)."""
    if rng.random() < 0.25:
        return ""
    return f"{rng.randint(0, 9_999_999) / 100:,.2f}"


def continuation_specimen(rng: random.Random) -> Specimen:
    """A table whose body runs on to a second page that repeats no header (its first
    row there is a row of amounts, its columns the same)."""
    first = random_spec(rng)
    head = first.header_rows
    rows = _rows_of(first)
    body = rows[head:]
    while len(body) < 4:  # room for two rows on each page
        body.append([r if r not in ("<", "^") else "" for r in body[-1]])
    cut = rng.randint(2, len(body) - 2)
    widths = list(first.col_widths)
    kw = dict(font_size=first.font_size, rules=first.rules, unit=first.unit)
    row_height = first.row_heights[-1]
    page1 = spec_from_rows(rows[:head] + body[:cut], widths, row_height, header_rows=head, **kw)
    page1.title = first.title
    page1.row_heights[:head] = first.row_heights[:head]
    page2 = spec_from_rows(body[cut:], widths, row_height, header_rows=0, **{**kw, "unit": None})
    whole = spec_from_rows(rows[:head] + body, widths, row_height, header_rows=head, **kw)
    for spec in (page1, page2, whole):
        spec.extra = dict(first.extra)
    specs = [canonical(page1), canonical(page2)]
    return Specimen(
        "continuation",
        specs,
        [_page_size(s) for s in specs],
        [TOP_PT, rng.uniform(50.0, 70.0)],
        canonical(whole),
    )


def _rows_of(spec: SpecimenTable) -> list[list[str]]:
    """The text matrix of a spec in :func:`spec_from_rows`' notation."""
    rows = [["" for _ in range(spec.n_cols)] for _ in range(spec.n_rows)]
    for cell in spec.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                rows[r][c] = "^" if r > cell.row and c == cell.col else "<" if c > cell.col else ""
        rows[cell.row][cell.col] = cell.text
    return rows
