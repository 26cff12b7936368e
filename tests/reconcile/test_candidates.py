"""Candidate readings of one cell: the OCR confusions, priced by the evidence."""

from __future__ import annotations

from fiscalocr.reconcile.candidates import generate
from fiscalocr.reconcile.evidence import Evidence
from fiscalocr.reconcile.options import ReconcileOptions

OPTS = ReconcileOptions()


def by_text(cands):
    return {c.text: c for c in cands}


def test_comma_read_as_point_and_lost_point():
    assert by_text(generate("1.234.56", None, 2, None, [], OPTS))["1,234.56"].source == "separator"
    assert (
        by_text(generate("1430", 143000, 2, None, [], OPTS))["14.30"].cost == OPTS.cost_point_lost
    )


def test_look_alikes_offered_and_decimals_kept():
    found = by_text(generate("110.23", 11023, 2, None, [], OPTS))
    assert {"118.23", "116.23", "119.23", "170.23", "410.23"} <= set(found)
    assert all(len(t.partition(".")[2]) == 2 for t in found)
    assert "110.24" not in found  # 3→4 is not a look-alike and no evidence offers it


def test_ctc_evidence_prices_each_digit():
    chars = [[(ch, 0.999)] for ch in "110.23"]
    chars[1] = [("1", 0.6), ("7", 0.39)]
    found = by_text(generate("110.23", 11023, 2, Evidence(chars), [], OPTS))
    assert found["170.23"].cost < 1.0  # the recogniser's own second choice
    assert found["110.28"].cost > 5.0  # a look-alike it did not list: expensive
    assert "150.23" not in found  # neither listed nor look-alike


def test_reread_agreement_makes_other_readings_dearer():
    alone = by_text(generate("12.38", 1238, 2, None, [], OPTS))["12.33"].cost
    agreed = by_text(generate("12.38", 1238, 2, None, ["12.38"], OPTS))["12.33"].cost
    assert agreed == alone + OPTS.reread_agreement_bonus
    assert (
        by_text(generate("12.38", 1238, 2, None, ["12.33"], OPTS))["12.33"].cost == OPTS.cost_reread
    )
