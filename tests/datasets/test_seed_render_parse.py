"""The seed transcriptions parse into the disclosures' tables, with spans inferred only
where the converter's layout shows them (no Chromium needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscalocr.datasets.seeds import parse_seed
from fiscalocr.datasets.seeds.spans import drop_unseen_columns, place_cells
from fiscalocr.datasets.seeds.structure import PlacedCell

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
BUDGET = SEEDS / "000_6ad99d98ab197b31.txt"
FINAL = SEEDS / "002_261ac433901636ed.txt"

BUDGET_TITLES = [
    "2024年预算收支总表",
    "2024年预算收入总表",
    "2024年预算支出总表",
    "2024年财政拨款收支总表",
    "2024年一般公共预算支出预算表（不含上年结转）",
    "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）",
    "2024年政府性基金预算收入表（不含上年结转）",
    "2024年政府性基金预算支出表（不含上年结转）",
    "2024年国有资本经营预算收支预算表（不含上年结转）",
    "2024年财政拨款安排“三公”经费支出预算表",
    "2024年财政拨款安排机关运行经费预算表",
    "2024年项目支出预算表（本年预算）",
    "2024年项目支出预算表（上年结转）",
]
FINAL_TITLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款支出决算明细表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
    "部门决算公开相关信息统计表",
]


def _seed(path: Path):
    if not path.is_file():
        pytest.skip(f"seed transcriptions absent ({SEEDS}): they are not part of a user's clone")
    return parse_seed(path)


def _span(table, row, col):
    cell = next(c for c in table.cells if (c.row, c.col) == (row, col))
    return cell.rowspan, cell.colspan


def test_budget_seed_tables_titles_and_amounts():
    doc = _seed(BUDGET)
    statutory = [t for t in doc.tables if not t.form]
    assert [t.title for t in statutory] == BUDGET_TITLES
    assert [t.caption for t in statutory if t.caption] == [
        "预算公开表1",
        "部门公开表9",
        "预算公开表10",
    ]
    assert sum(t.form for t in doc.tables) == 4  # the project performance-target forms
    assert doc.cover == ["阳泉市招商中心", "2024年度部门预算公开"]
    summary = statutory[0]
    assert (summary.n_rows, summary.n_cols, summary.header_rows) == (35, 6, 2)
    assert summary.meta == ["部门名称：阳泉市招商中心", "单位：万元"]
    assert _span(summary, 0, 0) == (1, 2) and _span(summary, 0, 2) == (1, 4)  # 收入 | 支出
    assert summary.text_at(34, 0) == "收入总计" and summary.text_at(34, 1) == "359.95"
    spending = statutory[2]  # 预算支出总表: 2011308 招商引资 is all 项目支出
    assert spending.text_at(6, 0) == "2011308"
    assert (spending.text_at(6, 2), spending.text_at(6, 3), spending.text_at(6, 4)) == (
        "190.00",
        "",
        "190.00",
    )


def test_final_account_seed_tables_titles_and_amounts():
    doc = _seed(FINAL)
    statutory = [t for t in doc.tables if not t.form]
    assert [t.title for t in statutory] == FINAL_TITLES
    assert [t.caption for t in statutory] == [f"公开{i:02d}表" for i in range(1, 11)]
    assert sum(t.form for t in doc.tables) == 4  # the project self-evaluation forms
    summary = statutory[0]  # 34 rows: the page break inside the table is not a new table
    assert (summary.n_rows, summary.n_cols, summary.header_rows) == (34, 6, 3)
    assert summary.text_at(3, 2) == "4566031.64" and summary.text_at(3, 5) == "4240750.58"
    detail = statutory[5]  # 明细表: 16 columns, 30201 办公费 in the second block
    assert detail.n_cols == 16 and _span(detail, 0, 4) == (1, 12)  # 公用经费
    assert (detail.text_at(3, 4), detail.text_at(3, 6)) == ("30201", "1555641.40")
    three = statutory[6]  # 三公: 合计 over two header rows, 公务用车… over three columns
    assert three.header_rows == 4  # three header rows and the 1..12 column numbers
    assert _span(three, 1, 0) == (2, 1) and _span(three, 1, 2) == (1, 3)
    assert three.text_at(4, 5) == "318590.00"


def test_header_spans_from_empty_cells():
    """A group heading over sub-columns, a cell merged down, a numbering row, then body."""
    rows = [
        ["项目", "", "本年支出", "", ""],
        ["科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["栏次", "", "1.00", "2.00", "3.00"],
        ["合计", "", "10.00", "6.00", "4.00"],
        ["201", "一般公共服务支出", "10.00", "6.00", "4.00"],
    ]
    grid = place_cells(rows, form=False)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert grid.header_rows == 3  # the 栏次 row is header, its empty cell stays a cell
    assert spans[(0, 0)] == (1, 2) and spans[(0, 2)] == (1, 3)
    assert spans[(2, 1)] == (1, 1) and spans[(3, 1)] == (1, 1)  # body: no spans inferred


def test_header_cell_merged_down_and_label_rows_end_the_header():
    rows = [
        ["项目", "2024年预算数", "", ""],
        ["", "合计", "一般公共预算", "政府性基金预算"],
        ["因公出国（境）费", "", "", ""],  # a label-only row is body, not a third header row
        ["公务接待费", "2.00", "2.00", ""],
    ]
    grid = place_cells(rows, form=False)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert grid.header_rows == 2
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (1, 3)
    assert (2, 1) in spans and spans[(2, 1)] == (1, 1)


def test_form_fields_run_right_and_unseen_columns_merge():
    rows = [
        ["项目名称", "", "聘请法律顾问专项经费", "", ""],
        ["", "产出指标", "数量指标", "2人", ""],
    ]
    grid = place_cells(rows, form=True)
    spans = {(c.row, c.col): c.colspan for c in grid.cells}
    # the last two columns are never separated by a cell edge: one column on the page
    assert grid.n_cols == 4
    assert spans == {(0, 0): 2, (0, 2): 2, (1, 0): 1, (1, 1): 1, (1, 2): 1, (1, 3): 1}
    cells, n_cols = drop_unseen_columns([PlacedCell(0, 0, "a", 1, 3)], 3)
    assert n_cols == 1 and cells[0].colspan == 1
