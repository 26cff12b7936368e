"""Tables continued over pages become one table; repeated headers are not data rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscalocr.layout import analyse_page, join_tables
from fiscalocr.testing.specimen import spec_from_rows

HEADER = [
    ["科目编码", "科目名称", "本年预算", "<"],
    ["^", "^", "基本支出", "项目支出"],
]
WIDTHS = [70, 190, 90, 90]


def _body(start: int, count: int) -> list[list[str]]:
    return [
        [
            f"2010{start + i:03d}",
            f"行政运行事务{start + i}",
            f"{(start + i) * 11}.50",
            f"{start + i}.25",
        ]
        for i in range(count)
    ]


def test_three_page_table_joined_with_repeated_header_dropped(maker):
    page1 = spec_from_rows(
        HEADER + _body(1, 8),
        WIDTHS,
        row_height=20,
        header_rows=2,
        title="一般公共预算支出预算表",
        unit="万元",
    )
    page2 = spec_from_rows(HEADER + _body(9, 8), WIDTHS, row_height=20, header_rows=2)
    page3 = spec_from_rows(_body(17, 3), WIDTHS, row_height=20, header_rows=0)
    other = spec_from_rows(
        [["项目", "金额"], ["机关运行经费", "310.50"]],
        [200, 100],
        row_height=20,
        title="机关运行经费预算表",
        unit="万元",
    )
    maker.page([(page1, 60, 120)])
    maker.page([(page2, 60, 60)], extra_text=[((290, 810), "- 5 -", 9)])
    maker.page([(page3, 60, 60), (other, 60, 260)])
    works = [maker.work(index, dpi=100) for index in range(3)]
    for work in works:
        analyse_page(work)
    fragments = [t for w in works for t in w.tables]
    assert [t.id for t in fragments] == ["p1t1", "p2t1", "p3t1", "p3t2"]
    assert [t.header_rows for t in fragments] == [2, 2, 0, 1]

    tables = join_tables([w.page for w in works], fragments)
    assert [t.id for t in tables] == ["t1", "t2"]
    joined, second = tables
    assert joined.pages == [1, 2, 3] and second.pages == [3]
    assert (joined.n_rows, joined.n_cols, joined.header_rows) == (2 + 19, 4, 2)
    expected = maker.cells_of_spec(spec_from_rows(HEADER + _body(1, 19), WIDTHS, header_rows=2))
    assert maker.cells_of_table(joined) == expected
    assert sum(1 for c in joined.cells if c.text == "科目编码") == 1, "repeated header dropped"
    assert [(r.page, r.first_row, r.last_row) for r in joined.regions] == [
        (1, 0, 9),
        (2, 10, 17),
        (3, 18, 20),
    ]
    assert {c.page for c in joined.cells if c.row == 20} == {3}
    assert all(c.value is None for c in joined.cells if c.col == 0), (
        "code column stays text on every page"
    )
    assert joined.cell_at(20, 2).value == 19 * 11 + 0.5
    assert (joined.title, joined.unit) == ("一般公共预算支出预算表", "万元")
    assert (second.title, second.n_rows) == ("机关运行经费预算表", 2)
    assert [b.table_id for b in works[2].page.blocks if b.type == "table"] == ["t1", "t2"]


REAL = Path(__file__).resolve().parents[3] / "shared" / "real-pdfs"


@pytest.mark.realpdfs
def test_real_landscape_table_over_three_pages():
    path = REAL / "sh-putuo-wanli-street-2025-budget.pdf"
    if not path.exists():
        pytest.skip(f"real PDFs not present at {REAL} (a clone has no ../shared/real-pdfs)")
    import pymupdf

    from fiscalocr.testing.specimen import page_work

    doc = pymupdf.open(path)
    works = [page_work(doc[i], i + 1, dpi=100) for i in (13, 14, 15)]
    for work in works:
        analyse_page(work)
    (table,) = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    assert (table.title, table.unit, table.pages) == ("2025年部门支出预算总表", "元", [14, 15, 16])
    assert (table.n_rows, table.n_cols, table.header_rows) == (51, 7, 3)
    header = [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.row < 3]
    assert sorted(header) == [
        (0, 0, 1, 4, "项目"),
        (0, 4, 1, 3, "支出预算"),
        (1, 0, 1, 3, "功能分类科目编码"),
        (1, 3, 2, 1, "功能分类科目名称"),
        (1, 4, 2, 1, "合计"),
        (1, 5, 2, 1, "基本支出"),
        (1, 6, 2, 1, "项目支出"),
        (2, 0, 1, 1, "类"),
        (2, 1, 1, 1, "款"),
        (2, 2, 1, 1, "项"),
    ]
    assert [table.cell_at(3, c).text for c in range(7)] == [
        "201",
        "",
        "",
        "一般公共服务支出",
        "3,296,600",
        "0",
        "3,296,600",
    ]


def _performance_form(amount: str):
    return spec_from_rows(
        [
            ["项目", "年度资金总额", "财政拨款", "其他资金"],
            ["资金总额", amount, amount, "0"],
            ["单位自筹", "0", "0", "0"],
            ["其他", "0", "0", "0"],
        ],
        [140, 90, 90, 90],
        row_height=20,
        header_rows=1,
        title="项目支出绩效目标表",
        unit="元",
    )


def test_a_lone_point_reads_as_a_comma_where_another_table_of_the_document_groups(maker):
    """Seed 000 p18: ``110,000`` read ``110.000`` in a form whose other cells are zeros.
    Its own print shows no thousands comma, but the document's other tables do
    (``950,000``), so the point is first a comma read as one; alone, it is read as printed."""
    grouped = spec_from_rows(
        [["项目", "金额"], ["甲", "950,000"], ["乙", "1,800,000.00"]],
        [200, 100],
        row_height=20,
        header_rows=1,
        title="部门收支总表",
        unit="元",
    )
    maker.page([(grouped, 60, 120)])
    maker.page([(_performance_form("110.000"), 60, 120)])
    works = [maker.work(index, dpi=100) for index in range(2)]
    for work in works:
        analyse_page(work)
    tables = join_tables([w.page for w in works], [t for w in works for t in w.tables])
    form = tables[1].cell_at(1, 1)
    assert (form.value, form.candidates) == (110000.0, ["110.000"])
    alone = join_tables([works[1].page], list(works[1].tables))[0].cell_at(1, 1)
    assert (alone.value, alone.candidates) == (110.0, ["110,000"])
