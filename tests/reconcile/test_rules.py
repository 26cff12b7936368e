"""Each rule family of contract §4 built from what the table prints, on hand-built tables."""

from __future__ import annotations

from fiscalocr.reconcile import reconcile_document
from fiscalocr.reconcile.grid import DenseTable
from fiscalocr.reconcile.headers import analyse
from fiscalocr.testing.handbuilt import (
    coded_rows,
    document_of,
    explanation_page,
    misread,
    table_from_rows,
)


def repairs(doc) -> list[tuple[str, int, int, str]]:
    return sorted((r.table, r.row, r.col, r.to) for r in doc.reconciliation.repairs)


SPLIT = [
    "科目编码\t<\t<\t科目名称\t合计",
    "类\t款\t项\t^\t^",
    "201\t\t\t一般公共服务支出\t321.23",
    "\t13\t\t商贸事务\t321.23",
    "\t\t01\t行政运行\t118.23",
    "\t\t08\t招商引资\t190.00",
    "\t\t99\t其他商贸事务支出\t13.00",
    "221\t\t\t住房保障支出\t12.33",
    "\t02\t\t住房改革支出\t12.33",
    "\t\t01\t住房公积金\t12.33",
]


def test_split_lei_kuan_xiang_columns_give_the_hierarchy():
    t = table_from_rows("t5", SPLIT, 2)
    layout = analyse(DenseTable.of(t))
    codes = layout.row_codes(layout.panels[0])
    assert codes == {
        2: "201",
        3: "20113",
        4: "2011301",
        5: "2011308",
        6: "2011399",
        7: "221",
        8: "22102",
        9: "2210201",
    }
    misread(t, 5, 4, "790.00")  # 1 read as 7
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t5", 5, 4, "190.00")]
    assert "t5:hier:20113:col4" in doc.reconciliation.repairs[0].rules


def _summary_rows() -> list[str]:
    items = {"一、一般公共服务支出": 1234567.89, "八、社会保障和就业支出": 23456.70}
    items |= {"九、卫生健康支出": 34567.01, "十九、住房保障支出": 45678.40}
    total = f"{sum(items.values()):.2f}"
    rows = [
        "收入\t<\t<\t支出\t<\t<",
        "项目\t行次\t决算数\t项目\t行次\t决算数",
        "栏次\t\t1\t栏次\t\t2",
    ]
    names = list(items)
    for i in range(4):
        left = (
            f"一、一般公共预算财政拨款收入\t1\t{total}"
            if i == 0
            else f"{'二三四'[i - 1]}、其他收入{i}\t{i + 1}\t"
        )
        rows.append(f"{left}\t{names[i]}\t{32 + i}\t{items[names[i]]:.2f}")
    rows += [
        f"本年收入合计\t27\t{total}\t本年支出合计\t58\t{total}",
        "使用非财政拨款结余\t28\t\t结余分配\t59\t",
        "年初结转和结余\t29\t\t年末结转和结余\t60\t",
        f"总计\t31\t{total}\t总计\t62\t{total}",
    ]
    return rows


def test_summary_table_rules_and_a_dropped_digit_in_a_total():
    t = table_from_rows("t1", _summary_rows(), 2, unit="元", table_type="other")
    truth = t.cell_at(7, 5).text
    misread(t, 7, 5, truth[:2] + truth[3:])  # 本年支出合计 lost a digit
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t1", 7, 5, truth)]
    rules = set(doc.reconciliation.repairs[0].rules)
    assert rules == {"t1:sum:col5:rows3-6", "t1:grand:col5"}
    assert doc.reconciliation.checks_total == 5  # 2 sums, 2 grand totals, 收入总计 = 支出总计


THREE_PUBLIC_ROWS = [
    "项目\t2024年预算数\t<\t<\t<",
    "^\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算",
    "因公出国（境）费\t1.20\t1.20\t\t",
    "公务接待费\t2.00\t2.00\t\t",
    "公务用车购置及运行费\t8.50\t8.50\t\t",
    "①公务用车购置费\t5.00\t5.00\t\t",
    "②公务用车运行维护费\t3.50\t3.50\t\t",
    "合计\t11.70\t11.70\t\t",
]


def test_three_public_rows_pin_the_car_cost():
    t = table_from_rows("t10", THREE_PUBLIC_ROWS, 2, title="2024年财政拨款安排“三公”经费支出预算表")
    misread(t, 6, 1, "3.80")
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t10", 6, 1, "3.50")]
    assert set(doc.reconciliation.repairs[0].rules) == {"t10:3pub:car:col1", "t10:cols:row6:col1"}


THREE_PUBLIC_COLUMNS = [
    "预算数\t<\t<\t<\t<\t<\t决算数\t<\t<\t<\t<\t<",
    "合计\t因公出国（境）费\t公务用车购置及运行维护费\t<\t<\t公务接待费"
    "\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t<\t<\t公务接待费",
    "^\t^\t小计\t公务用车购置费\t公务用车运行维护费\t^\t^\t^\t小计\t公务用车购置费\t公务用车运行维护费\t^",
    "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
    "343790.00\t\t25200.00\t\t25200.00\t318590.00\t343790.00\t\t25200.00\t\t25200.00\t318590.00",
]


def test_three_public_columns_per_budget_and_final():
    t = table_from_rows("t7", THREE_PUBLIC_COLUMNS, 3, unit="元")
    misread(t, 4, 6, "343190.00")  # 决算数 合计: 7 read as 1
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t7", 4, 6, "343790.00")]
    assert doc.reconciliation.repairs[0].rules == ["t7:cols:row4:col6"]
    assert doc.reconciliation.checks_total == 4  # 合计 and 小计, for 预算数 and 决算数


def test_same_figures_across_tables_must_agree():
    leaves = {"2011301": (118.23, 0.0), "2011308": (0.0, 190.00), "2210201": (12.33, 0.0)}
    t3 = table_from_rows("t3", coded_rows(leaves), 2, table_type="expenditure")
    t5 = table_from_rows("t5", coded_rows(leaves), 2, table_type="expenditure")
    summary = [
        "收入\t<\t支出\t<",
        "项目\t金额\t项目\t金额",
        "一、一般公共预算\t320.56\t一、一般公共服务支出\t308.23",
        "二、政府性基金预算\t\t二十、住房保障支出\t12.33",
        "本年收入合计\t320.56\t本年支出合计\t320.56",
        "收入总计\t320.56\t支出总计\t320.56",
    ]
    t1 = table_from_rows("t1", summary, 2, table_type="revenue_expenditure_summary")
    misread(t5, 5, 2, "118.28")  # 2011301 合计 in the second 支出表
    misread(t3, 3, 2, "303.23")  # 201 合计 in the first: 8 read as 3
    doc = document_of(t1, t3, t5)
    reconcile_document(doc)
    assert repairs(doc) == [("t3", 3, 2, "308.23"), ("t5", 5, 2, "118.23")]
    rules = {r.table: r.rules for r in doc.reconciliation.repairs}
    assert "x:2011301:total:t3=t5" in rules["t5"]
    assert "x:name:一般公共服务支出:total:t1=t3" in rules["t3"]
    assert not any(c.repaired for c in t1.cells)
    assert doc.reconciliation.unresolved == []


def test_narrative_percentage_mismatch_is_reported():
    page = explanation_page(
        "三、支出预算情况说明",
        "2024年度本部门支出预算359.95万元，其中：基本支出156.95万元，占43.60%；",
        "项目支出203.00万元，占56.90%。",
        "四、财政拨款收支预算总体情况说明",
        "比上年减少10.85万元，下降2.93%。",
    )
    doc = document_of(pages=[page])
    reconcile_document(doc)
    rec = doc.reconciliation
    assert rec.checks_total == 2 and rec.checks_passed_before == 1
    assert len(rec.unresolved) == 1
    u = rec.unresolved[0]
    assert u.table is None and u.rule.startswith("n:pct:p2")
    assert abs(u.difference - 0.5) < 0.01
    assert "56.90%" in u.description


def test_rules_that_cannot_be_built_are_skipped_not_passed():
    rows = [
        "项目\t金额\t其中：基本支出",
        "工资福利支出\t120.00\t120.00",
        "商品和服务支出\t30.00\t20.00",
    ]
    t = table_from_rows("t6", rows, 1, table_type="expenditure")
    doc = document_of(t)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert {s.rule for s in rec.skipped} == {"t6:hier", "t6:cols:panel1", "t6:table"}
    assert rec.checks_total == rec.checks_passed_after == 0


def test_narrative_amounts_are_looked_up_by_their_label():
    leaves = {"2011301": (118.23, 0.0), "2011308": (0.0, 190.00), "2210201": (12.33, 0.0)}
    t3 = table_from_rows("t3", coded_rows(leaves), 2, table_type="expenditure")
    page = explanation_page(
        "三、支出预算情况说明",
        "其中：基本支出130.56万元；项目支出190.00万元；",  # 基本支出 合计 is 130.56: agrees
        "一般公共服务支出(类)308.23万元，住房保障支出12.38万元。",  # 12.33 printed: disagrees
        "较上年的95.00万元增加1.00万元。",  # last year's figure: not a check
    )
    doc = document_of(t3, pages=[page])
    reconcile_document(doc)
    rec = doc.reconciliation
    amount_rules = [u for u in rec.unresolved if u.rule.startswith("n:amt")]
    assert len(amount_rules) == 1 and "住房保障支出" in amount_rules[0].description
    assert rec.checks_total - rec.checks_passed_before == 1


THREE_PUBLIC_PIVOTED = [
    "财政拨款“三公”经费" + "\t<" * 11,
    "合计\t<\t因公出国(境)费\t<\t公务用车购置及运行维护费\t<\t<\t<\t<\t<\t公务接待费\t<",
    "^\t^\t^\t^\t小计\t<\t公务用车购置费\t<\t公务用车运行维护费\t<\t^\t^",
    "预算数\t决算数" * 6,
    "12.85\t10.39\t\t\t10.00\t10.00\t\t\t10.00\t10.00\t2.85\t0.39",
    "注：本表反映“三公”经费预决算情况" + "\t<" * 11,
]


def test_three_public_with_budget_and_final_under_each_item():
    t = table_from_rows("t8", [r.replace("数预", "数\t预") for r in THREE_PUBLIC_PIVOTED], 4)
    misread(t, 4, 5, "18.00")  # 决算数 公务用车 小计 10.00: 0 read as 8
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t8", 4, 5, "10.00")]
    assert set(doc.reconciliation.repairs[0].rules) == {"t8:cols:row4:col1", "t8:cols:row4:col5"}
    assert doc.reconciliation.checks_total == 4 and doc.reconciliation.skipped == []


ECONOMIC_BY_NAME = [
    "部门预算支出经济科目名称\t政府预算支出经济科目名称\t2024年预算数\t<\t<",
    "^\t^\t合计\t人员经费\t公用经费",
    "合计\t\t156.95\t134.24\t22.71",
    "工资福利支出\t\t134.18\t134.18\t",
    "基本工资\t工资奖金津补贴\t45.67\t45.67\t",
    "津贴补贴\t工资奖金津补贴\t29.62\t29.62\t",
    "住房公积金\t住房公积金\t58.89\t58.89\t",
    "商品和服务支出\t\t22.71\t\t22.71",
    "办公费\t办公经费\t0.79\t\t0.79",
    "取暖费\t办公经费\t21.92\t\t21.92",
    "对个人和家庭的补助\t\t0.06\t0.06\t",
    "奖励金\t社会福利和救助\t0.06\t0.06\t",
]


def test_economic_classes_by_name_bind_their_items():
    t = table_from_rows("t6", ECONOMIC_BY_NAME, 2, table_type="general_budget_basic_expenditure")
    misread(t, 9, 4, "21.97")  # 取暖费 公用经费 21.92: 2 read as 7
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t6", 9, 4, "21.92")]
    assert set(doc.reconciliation.repairs[0].rules) == {"t6:hier:302:col4", "t6:cols:row9:col2"}
    assert doc.reconciliation.skipped == []


PANELLED = [
    "人员经费\t<\t<\t公用经费\t<\t<\t<\t<\t<",
    "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
    "301\t工资福利支出\t1,000.00\t302\t商品和服务支出\t900.00\t30217\t公务接待费\t300.00",
    "30101\t基本工资\t600.00\t30201\t办公费\t200.00\t30228\t工会经费\t150.00",
    "30102\t津贴补贴\t400.00\t30211\t差旅费\t250.00\t\t\t",
]


def test_a_class_continued_in_the_next_panel_is_one_hierarchy():
    t = table_from_rows("t6", PANELLED, 2, unit="元")
    misread(t, 3, 8, "160.00")  # 30228 工会经费 150.00, in the third panel: 5 read as 6
    doc = document_of(t)
    reconcile_document(doc)
    assert repairs(doc) == [("t6", 3, 8, "150.00")]
    assert doc.reconciliation.repairs[0].rules == ["t6:hier:302:col5"]
    assert doc.reconciliation.skipped == []


def test_whole_yuan_tables_allow_one_yuan_per_term_and_nested_items_are_not_summed():
    coded = [
        "功能分类科目编码\t<\t<\t科目名称\t合计",
        "类\t款\t项\t^\t^",
        "212\t\t\t城乡社区支出\t94,995,790",
        "212\t01\t\t城乡社区管理事务\t94,995,790",
        "212\t01\t01\t行政运行\t41,874,664",
        "212\t01\t99\t其他城乡社区管理事务支出\t53,121,125",  # rounded: 1 元 short
    ]
    summary = [
        "收入\t<\t支出\t<",
        "项目名称\t金额\t项目名称\t金额",
        "一、财政拨款\t300.00\t一、基本支出\t180.00",
        "1.一般公共预算\t300.00\t二、项目支出\t120.00",
        "当年收入小计\t300.00\t当年支出小计\t300.00",
        "收入合计\t300.00\t支出合计\t300.00",
    ]
    doc = document_of(
        table_from_rows("t2", coded, 2, unit="元"), table_from_rows("t1", summary, 2, unit="万元")
    )
    reconcile_document(doc)
    rec = doc.reconciliation
    assert rec.unresolved == [] and rec.checks_total == rec.checks_passed_before == 7


def test_an_item_numbered_with_an_ocr_lookalike_comma_still_counts_in_the_sum():
    """OCR reads 四、 as 四丶 (or 四，); the item is still one of the sum's terms."""
    rows = [r.replace("十九、", "十九丶") for r in _summary_rows()]
    doc = document_of(table_from_rows("t1", rows, 2, unit="元", table_type="other"))
    reconcile_document(doc)
    rec = doc.reconciliation
    assert rec.checks_passed_before == rec.checks_total == 5
    assert not rec.unresolved
