"""A procurement table's outline is checked: groups sum their purchases, categories their
groups, 合计 the categories.

The rows of js-party-office-2017's 政府采购预算表 (a real disclosure), cut short: before
these rules the table had none, and its amounts went out unchecked (226 amounts in six
such tables on the real-PDF scans). The group 机要及电子政务业务费 runs over a page break,
where the next page repeats its name on its first purchase.
"""

from __future__ import annotations

from fiscalocr.reconcile import reconcile_document
from fiscalocr.testing.handbuilt import document_of, table_from_rows

HEADER = "采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计"
ROWS = [
    "合计\t\t\t\t\t122.50",
    "一、货物A\t\t\t\t\t100.00",
    "\t办公设备购置费\t办公设备购置\t\t\t60.00",
    "\t\t\t台式计算机\t政府集中采购\t12.00",
    "\t\t\t复印机\t政府集中采购\t48.00",
    "\t机要及电子政务业务费\t办公设备购置\t\t\t40.00",
    "\t\t\t台式计算机\t政府集中采购\t4.00",
    "\t机要及电子政务业务费\t办公设备购置\t便携式计算机\t政府集中采购\t36.00",
    "三、服务C\t\t\t\t\t22.50",
    "\t交通运行费\t公务用车运行维护费\t\t\t22.50",
    "\t\t\t车辆维修和保养服务\t政府集中采购\t22.50",
]


def _doc(rows):
    table = table_from_rows("t12", [HEADER, *rows], 1, table_type="procurement")
    return document_of(table), table


def test_every_level_of_the_outline_is_a_rule_and_holds():
    doc, _ = _doc(ROWS)
    reconcile_document(doc)
    rec = doc.reconciliation
    # 合计; 一 and 三; their three groups (the repeated name is a purchase, not a group)
    assert rec.checks_total == 6 == rec.checks_passed_before
    assert "t12:table" not in {s.rule for s in rec.skipped}


def test_a_misread_purchase_is_flagged_by_its_group():
    """One rule covers a purchase: 17.00 for 12.00 could as well be 43.00 for 48.00, so
    nothing is repaired, and the group's rule names both."""
    rows = list(ROWS)
    rows[3] = "\t\t\t台式计算机\t政府集中采购\t17.00"  # a 2 read as 7
    doc, table = _doc(rows)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert not rec.repairs and table.cell_at(4, 5).value == 17.00
    (unresolved,) = rec.unresolved
    assert unresolved.rule.startswith("t12:outline:row3:")
    assert {(4, 5), (5, 5)} <= set(map(tuple, unresolved.cells))
    assert unresolved.difference == -5.00


def test_a_label_row_without_an_amount_totals_nothing():
    """js-high-court-2017's text layer: a group name wrapped onto a second row
    (``信息网络及软件购`` / ``置更新``) made a row of its own with no amount. Taken for a
    group, it 'totalled' the purchases under it, a rule no reading could satisfy: right
    amounts flagged. The category above still counts it, as a blank part."""
    rows = [
        "合计\t\t\t\t\t30.00",
        "一、货物A\t\t\t\t\t30.00",
        "\t信息网络及软件购\t办公设备购置\t\t\t30.00",
        "\t置更新\t\t\t\t",
        "\t\t\t台式计算机\t政府集中采购\t10.00",
        "\t\t\t路由器\t政府集中采购\t20.00",
    ]
    doc, _ = _doc(rows)
    reconcile_document(doc)
    rec = doc.reconciliation
    assert not rec.unresolved
    assert rec.checks_total == 2 == rec.checks_passed_before  # 合计 = 一; 一 = its groups


def test_a_group_read_with_a_letter_is_repaired_by_its_two_rules():
    """The real scans under augraphy read ``50.0C``: no value, but text in the cell, so
    the group keeps its rule, and with the category's it settles the reading."""
    rows = list(ROWS)
    rows[2] = "\t办公设备购置费\t办公设备购置\t\t\t60.0C"
    doc, table = _doc(rows)
    reconcile_document(doc)
    (repair,) = doc.reconciliation.repairs
    assert (repair.row, repair.from_, repair.to) == (3, "60.0C", "60.00")
    assert len(repair.rules) == 2
    assert table.cell_at(3, 5).value == 60.00
