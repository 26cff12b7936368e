"""人员经费 / 公用经费 class sums (issue 15's identities) are built over every class the table
prints, or not at all: a scan that reads the class code 310 as 10 must not turn
公用经费 = 302 + 310 into 公用经费 = 302 and flag two right cells (issue 18)."""

from __future__ import annotations

from fiscalocr.reconcile import reconcile_document
from fiscalocr.reconcile.api import build_rules
from fiscalocr.testing.handbuilt import document_of, table_from_rows

BASIC = [  # the Shanghai 预算 form: split 类|款 codes, 合计 | 人员经费 | 公用经费 columns
    "科目编码\t<\t科目名称\t合计\t人员经费\t公用经费",
    "类\t款\t^\t^\t^\t^",
    "301\t\t工资福利支出\t2,117,033.81\t2,117,033.81\t",
    "301\t01\t基本工资\t1,254,019.20\t1,254,019.20\t",
    "301\t02\t津贴补贴\t863,014.61\t863,014.61\t",
    "302\t\t商品和服务支出\t193,277.54\t\t193,277.54",
    "302\t01\t办公费\t25,940.00\t\t25,940.00",
    "302\t17\t公务接待费\t167,337.54\t\t167,337.54",
    "303\t\t对个人和家庭的补助\t130,366.00\t130,366.00\t",
    "303\t02\t退休费\t130,366.00\t130,366.00\t",
    "310\t\t资本性支出\t200,000.00\t\t200,000.00",
    "310\t02\t办公设备购置\t200,000.00\t\t200,000.00",
    "合计\t<\t<\t2,640,677.35\t2,247,399.81\t393,277.54",
]
CAPITAL, GOODS, TOTAL = 10, 5, 12
"""Rows: 资本性支出 (310), 商品和服务支出 (302), 合计."""


def _basic(changes: dict[tuple[int, int], str] | None = None):
    t = table_from_rows("t10", BASIC, 2, unit="元", table_type="general_budget_basic_expenditure")
    for (row, col), text in (changes or {}).items():
        cell = t.cell_at(row, col)
        cell.text = cell.ocr_text = text
        cell.value = float(text.replace(",", "")) if col >= 3 else None
    return t


def _reconciled(table):
    doc = document_of(table)
    reconcile_document(doc)
    return doc


def _econ_rules(table) -> dict[str, list[tuple[int, int]]]:
    book = build_rules(document_of(table)).book
    return {r.id: [(ref.row, ref.col) for ref in r.cells] for r in book.rules if ":econ:" in r.id}


def test_class_code_read_right_builds_both_class_sums_and_they_hold():
    assert _econ_rules(_basic()) == {
        "t10:econ:人员经费": [(TOTAL, 4), (2, 3), (8, 3)],  # = 301 + 303
        "t10:econ:公用经费": [(TOTAL, 5), (GOODS, 3), (CAPITAL, 3)],  # = 302 + 310
    }
    doc = _reconciled(_basic())
    rec = doc.reconciliation
    assert rec.checks_total == rec.checks_passed_before and rec.unresolved == []
    assert doc.findings == [] and rec.skipped == []


def test_class_code_310_read_as_10_skips_the_public_class_sum_instead_of_flagging_it():
    doc = _reconciled(_basic({(CAPITAL, 0): "10"}))  # 资本性支出 310 → 10: not read as a class
    rec = doc.reconciliation
    flagged = {u.rule for u in rec.unresolved} | {f.rule for f in doc.findings}
    assert not any(":econ:" in r for r in flagged)
    skipped = {s.rule: s.reason for s in rec.skipped}
    reason = skipped["t10:econ:公用经费"]
    assert reason.startswith("公用经费合计 = 302 not built")
    assert "2,440,677.35" in reason and "2,640,677.35" in reason  # the classes read, the total
    assert "a class code may be misread" in reason
    assert "t10:econ:人员经费" not in skipped  # 301 + 303 still holds: kept
    assert list(_econ_rules(_basic({(CAPITAL, 0): "10"}))) == ["t10:econ:人员经费"]
    assert all(r.rule != "t10:econ:公用经费" for r in rec.repairs)


def test_a_real_inconsistency_in_302_is_still_found_by_the_class_sum():
    # 商品和服务支出 +13.57 in 合计 and in 公用经费: its row sum holds, 公用经费合计 does not
    doc = _reconciled(_basic({(GOODS, 3): "193,291.11", (GOODS, 5): "193,291.11"}))
    unresolved = {u.rule for u in doc.reconciliation.unresolved}
    assert "t10:econ:公用经费" in unresolved
    assert "t10:econ:公用经费" in {f.rule for f in doc.findings}
    assert not any(s.rule.startswith("t10:econ") for s in doc.reconciliation.skipped)
    # with 310 misread too, the class sum is skipped but the hierarchy still finds 302
    both = _reconciled(
        _basic({(GOODS, 3): "193,291.11", (GOODS, 5): "193,291.11", (CAPITAL, 0): "10"})
    )
    assert "t10:hier:302:col3" in {f.rule for f in both.findings}
