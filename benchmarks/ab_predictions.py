"""A/B of two saved prediction folders of the same labelled corpus (same OCR, two commits).

``fiscalocr eval DATASET --ocr-cache C --save-predictions P`` at each commit, then

    .venv/bin/python benchmarks/ab_predictions.py DATASET P_BEFORE P_AFTER [--json out.json]

scores both folders with this checkout's eval code (so both sides are judged alike) and
prints, per group (level[-damage]) and overall: labelled amounts, right before / after
reconciliation, no value (reached no cell), wrong and unflagged, checks total / passed
before / passed after, repairs, right repairs, repairs that broke a right amount, and
unresolved rules. Per document: every labelled amount whose outcome differs (positional:
the truth is the same on both sides), every repair that is not right (right / FALSE: it
broke a right amount / neither), the unresolved rules only one side has, and the AFTER
side's rule families as this checkout rebuilds them from the prediction with its repairs
undone (rules of family ``identity``: how many, how many hold before / after, which stay
unresolved, and which repairs fixed one).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from fiscalocr.app.evaluate import iter_labelled
from fiscalocr.eval.matching import match_tables, twins
from fiscalocr.eval.scoring import score_document
from fiscalocr.eval.values import after_value, repaired_from, same_amount, truth_value
from fiscalocr.model import Document, parse_amount

COLUMNS = (
    "cells",
    "right_before",
    "right_after",
    "no_value",
    "wrong_unflagged",
    "checks",
    "passed_before",
    "passed_after",
    "repairs",
    "repairs_right",
    "repairs_false",
    "unresolved",
)


def load(folder: Path, name: str) -> Document:
    return Document.model_validate_json((folder / f"{name}.json").read_text(encoding="utf-8"))


def counts(pred: Document, truth: Document):
    scored = score_document(pred, truth, with_teds=False)
    cells, rec = scored.cells, scored.recon
    figures = {
        "cells": len(cells),
        "right_before": sum(c.right_before for c in cells),
        "right_after": sum(c.right_after for c in cells),
        "no_value": sum(not c.reached_cell for c in cells),
        "wrong_unflagged": sum(c.wrong_unflagged for c in cells),
        "checks": rec.checks_total,
        "passed_before": rec.checks_passed_before,
        "passed_after": rec.checks_passed_after,
        "repairs": rec.repairs,
        "repairs_right": rec.repairs_correct,
        "repairs_false": rec.false_repairs,
        "unresolved": rec.unresolved,
    }
    return figures, cells


def judge_repairs(pred: Document, truth: Document) -> list[dict]:
    """Each repair against the truth, as eval's score_repairs judges it."""
    match = match_tables(pred.tables, truth.tables)
    truth_of = {p.predicted.id: p.truth for p in match.pairs if p.predicted is not None}
    rules_of = {(r.table, r.row, r.col): r.rules for r in pred.reconciliation.repairs}
    out = []
    for key, from_text in repaired_from(pred).items():
        table = pred.table(key[0])
        cell = table.cell_at(key[1], key[2]) if table is not None else None
        found = twins(cell, truth_of.get(key[0])) if cell is not None else []
        values = [v for v in (truth_value(t) for t in found) if v is not None]
        if cell is not None and any(same_amount(after_value(cell), v) for v in values):
            verdict = "right"
        elif any(same_amount(parse_amount(from_text), v) for v in values):
            verdict = "FALSE"
        else:
            verdict = "neither"
        out.append(
            {
                "cell": key,
                "from": from_text,
                "to": cell.text if cell else None,
                "truth": values,
                "verdict": verdict,
                "rules": rules_of.get(key, []),
            }
        )
    return out


def rule_families(pred: Document) -> dict:
    """The rules this checkout builds on the prediction as read (its repairs undone)."""
    from fiscalocr.reconcile.api import build_rules

    raw = pred.model_copy(deep=True)
    for repair in raw.reconciliation.repairs:
        cell = raw.table(repair.table).cell_at(repair.row, repair.col)
        cell.text, cell.value = repair.from_, parse_amount(repair.from_)
    read, final = build_rules(raw), build_rules(pred)
    identity = [r for r in read.book.rules if r.family == "identity"]
    unresolved = {u.rule for u in pred.reconciliation.unresolved}
    return {
        "families": dict(Counter(r.family for r in read.book.rules)),
        "identity_ids": sorted(r.id for r in identity),
        "identity_hold_before": sum(r.holds(read.values) for r in identity),
        "identity_hold_after": sum(r.holds(final.values) for r in identity),
        "identity_unresolved": sorted(r.id for r in identity if r.id in unresolved),
        "family_of": {r.id: r.family for r in read.book.rules},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="corpus folder or manifest")
    parser.add_argument("before", type=Path, help="--save-predictions folder of side A")
    parser.add_argument("after", type=Path, help="--save-predictions folder of side B")
    parser.add_argument("--split", default="test")
    parser.add_argument("--json", type=Path, help="write every per-document detail here")
    args = parser.parse_args()
    groups: dict[str, dict[str, Counter]] = defaultdict(lambda: {"A": Counter(), "B": Counter()})
    docs = {}
    for item in iter_labelled(args.dataset, args.split, None):
        if not all((f / f"{item.name}.json").is_file() for f in (args.before, args.after)):
            print("no prediction on both sides:", item.name)
            continue
        before, after = load(args.before, item.name), load(args.after, item.name)
        figures_a, cells_a = counts(before, item.truth)
        figures_b, cells_b = counts(after, item.truth)
        for group in (item.level or "-", "all"):
            groups[group]["A"].update(figures_a)
            groups[group]["B"].update(figures_b)
        diffs = []
        for a, b in zip(cells_a, cells_b, strict=True):
            side_a = (a.right_after, a.reached_cell, a.flagged, a.read_text)
            side_b = (b.right_after, b.reached_cell, b.flagged, b.read_text)
            if side_a != side_b:
                keys = ("right", "reached", "flagged", "read")
                diffs.append(
                    {
                        "table": b.truth_table,
                        "page": b.page,
                        "truth": b.truth_text,
                        "before": dict(zip(keys, side_a, strict=True)),
                        "after": dict(zip(keys, side_b, strict=True)),
                    }
                )
        families = rule_families(after)
        family_of = families.pop("family_of")
        repairs_b = judge_repairs(after, item.truth)
        for repair in repairs_b:
            repair["families"] = sorted({family_of.get(r, "?") for r in repair["rules"]})
        unresolved_a = {u.rule for u in before.reconciliation.unresolved}
        unresolved_b = {u.rule: u for u in after.reconciliation.unresolved}
        docs[item.name] = {
            "group": item.level,
            "before": figures_a,
            "after": figures_b,
            "cell_diffs": diffs,
            "repairs_before": judge_repairs(before, item.truth),
            "repairs_after": repairs_b,
            "rules_after": families,
            "unresolved_only_after": {
                r: u.description for r, u in unresolved_b.items() if r not in unresolved_a
            },
            "unresolved_only_before": sorted(unresolved_a - set(unresolved_b)),
        }
    print("group".ljust(18), "side", *[c[:10].rjust(10) for c in COLUMNS])
    for group in sorted(groups, key=lambda g: (g == "all", g)):
        for side in "AB":
            row = groups[group][side]
            print(group.ljust(18), side.ljust(4), *[str(row[c]).rjust(10) for c in COLUMNS])
    for name, doc in docs.items():
        rules = doc["rules_after"]
        print(
            f"\n{name}: identity rules {len(rules['identity_ids'])} (hold before "
            f"{rules['identity_hold_before']}, after {rules['identity_hold_after']}; "
            f"unresolved {rules['identity_unresolved']}), families {rules['families']}"
        )
        for repair in doc["repairs_after"]:
            if "identity" in repair["families"] or repair["verdict"] != "right":
                print("  repair B:", repair)
        for repair in doc["repairs_before"]:
            if repair["verdict"] != "right":
                print("  repair A:", repair)
        for rule, text in doc["unresolved_only_after"].items():
            print("  unresolved only B:", rule, text)
        for rule in doc["unresolved_only_before"]:
            print("  unresolved only A:", rule)
        for diff in doc["cell_diffs"]:
            print("  amount differs:", diff)
    if args.json:
        report = {
            "groups": {g: {s: dict(c) for s, c in d.items()} for g, d in groups.items()},
            "docs": docs,
        }
        args.json.write_text(
            json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
