"""Solver in isolation: inject OCR-like digit errors into ground-truth tables, reconcile,
and count what was repaired, flagged, missed or wrongly changed.

Ground truth comes from ``fiscalocr.datasets.synth.document.generate_document(seed).truth``
when that generator is importable, else from hand-built tables (random amounts, exact
sums, real classification codes). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/reconcile_inject.py --docs 20 --trials 300
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import time
from collections import Counter

from fiscalocr.model import Document
from fiscalocr.model.text import normalise_text
from fiscalocr.reconcile import reconcile_document
from fiscalocr.reconcile.api import build_rules
from fiscalocr.testing.handbuilt import CODE_NAMES, coded_rows, document_of, table_from_rows

LOOKALIKE = {
    "0": "8693",
    "8": "0693",
    "6": "0895",
    "9": "086",
    "3": "08",
    "1": "74",
    "7": "12",
    "4": "1",
    "5": "68",
    "2": "7",
}


# --------------------------------------------------------------------------- truth
def handbuilt_truth(rng: random.Random) -> Document:
    unit, scale = rng.choice([("万元", 1000.0), ("元", 5_000_000.0)])
    leaves_all = [c for c in CODE_NAMES if len(c) == 7]
    leaves = {}
    for code in rng.sample(leaves_all, rng.randint(4, len(leaves_all))):
        basic = round(rng.uniform(0.01, scale), 2) if rng.random() < 0.7 else 0.0
        project = round(rng.uniform(0.01, scale), 2) if rng.random() < 0.4 or not basic else 0.0
        leaves[code] = (basic, project)
    tables = [table_from_rows("t3", coded_rows(leaves), 2, unit=unit, table_type="expenditure")]
    if rng.random() < 0.5:
        tables.append(
            table_from_rows(
                "t5", coded_rows(leaves), 2, unit=unit, table_type="general_budget_expenditure"
            )
        )
    tables.append(_three_public(rng, unit, scale / 20))
    tables.append(_economic(rng, unit, scale / 5))
    return document_of(*tables)


def _three_public(rng, unit, scale):
    abroad, reception = round(rng.uniform(0, scale), 2), round(rng.uniform(0.01, scale), 2)
    buy, run = round(rng.uniform(0, scale), 2), round(rng.uniform(0.01, scale), 2)
    car = round(buy + run, 2)
    total = round(abroad + reception + car, 2)
    rows = ["项目\t预算数\t<\t<", "^\t合计\t一般公共预算\t政府性基金预算"]
    for name, v in [
        ("因公出国（境）费", abroad),
        ("公务接待费", reception),
        ("公务用车购置及运行费", car),
        ("①公务用车购置费", buy),
        ("②公务用车运行维护费", run),
        ("合计", total),
    ]:
        rows.append(f"{name}\t{v:.2f}\t{v:.2f}\t")
    return table_from_rows("t10", rows, 2, unit=unit, title="“三公”经费支出预算表")


def _economic(rng, unit, scale):
    rows = ["项目\t预算数\t<\t<", "^\t合计\t人员经费\t公用经费"]
    for name in ("基本工资", "津贴补贴", "奖金", "住房公积金", "办公费", "印刷费", "差旅费"):
        person = round(rng.uniform(0.01, scale), 2) if rng.random() < 0.6 else 0.0
        public = round(rng.uniform(0.01, scale), 2) if not person else 0.0
        rows.append(
            f"{name}\t{person + public:.2f}\t{person or ''}\t{public or ''}".replace("\t0.0", "\t")
        )
    return table_from_rows("t6", rows, 2, unit=unit)


def synth_truth(seed: int) -> Document | None:
    try:
        from fiscalocr.datasets.synth.document import generate_document
    except ImportError:
        return None
    return generate_document(seed).truth


# --------------------------------------------------------------------------- damage
def damage(text: str, rng: random.Random) -> str | None:
    """One OCR-like error: look-alike digit, digit dropped/added, point lost/moved."""
    s = normalise_text(text)
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    kind = rng.choice(["swap", "swap", "swap", "drop", "add", "point_lost", "point_moved"])
    if kind == "swap":
        i = rng.choice(digits)
        out = s[:i] + rng.choice(LOOKALIKE[s[i]]) + s[i + 1 :]
    elif kind == "drop" and len(digits) > 1:
        i = rng.choice(digits)
        out = s[:i] + s[i + 1 :]
    elif kind == "add":
        i = rng.choice(digits)
        out = s[:i] + s[i] + s[i:]
    elif kind == "point_lost" and "." in s:
        out = s.replace(".", "")
    elif kind == "point_moved" and "." in s:
        plain = s.replace(".", "")
        pos = s.index(".") + rng.choice([-1, 1])
        out = plain[:pos] + "." + plain[pos:] if 0 < pos < len(plain) else None
    else:
        return None
    if out is None or out.lstrip("0.") == "" or (out[0] == "0" and len(out) > 1 and out[1] != "."):
        return None
    from fiscalocr.model import parse_amount

    if out == s or parse_amount(out) == parse_amount(s):  # '607.9' for '607.90' is no error
        return None
    return out


# --------------------------------------------------------------------------- trials
def amount_cells(doc: Document):
    built = build_rules(doc)
    binding = Counter(ref for rule in built.book.rules for ref in rule.cells)
    cells = [(ref, n) for ref, n in binding.items() if built.values.get(ref)]
    return cells, built


def detectable(built, key, bad_text: str) -> bool:
    """Whether the damage breaks at least one rule (beyond its rounding tolerance)."""
    from fiscalocr.model import parse_amount

    ref = next(r for r in built.values if (r.table, r.row, r.col) == key)
    bad = parse_amount(bad_text)
    new = dict(built.values)
    new[ref] = None if bad is None else round(bad * 100)
    return any(ref in rule.cells and not rule.holds(new) for rule in built.book.rules)


def run_trial(
    truth: Document,
    cells,
    n_errors: int,
    rng: random.Random,
    stats: Counter,
    times: list,
    built=None,
):
    doc = copy.deepcopy(truth)
    chosen = rng.sample(cells, n_errors)
    injected = {}
    for ref, n_rules in chosen:
        cell = doc.table(ref.table).cell_at(ref.row, ref.col)
        bad = damage(cell.text, rng)
        if bad is None:
            return
        injected[(ref.table, ref.row, ref.col)] = (cell.text, n_rules, bad)
        cell.text = cell.ocr_text = bad
        cell.value = None
    t0 = time.perf_counter()
    reconcile_document(doc)
    times.append((time.perf_counter() - t0) / max(len(doc.tables), 1))
    rec = doc.reconciliation
    flagged = {(u.table, r, c) for u in rec.unresolved for r, c in u.cells}
    repaired = {(r.table, r.row, r.col): r.to for r in rec.repairs}
    for key, _to in repaired.items():
        truth_text = truth.table(key[0]).cell_at(key[1], key[2]).text
        good = key in injected and normalise_text(_to).replace(",", "") == normalise_text(
            truth_text
        ).replace(",", "")
        stats["repairs"] += 1
        stats["repairs_right"] += good
        stats["repairs_on_clean_cells"] += key not in injected
    for key, (truth_text, n_rules, bad) in injected.items():
        bucket = f"{n_errors}err:{min(n_rules, 3)}rules"
        stats[bucket] += 1
        if built is not None and not detectable(built, key, bad):
            stats[bucket + ":within_tolerance"] += 1
        if key in repaired and normalise_text(repaired[key]) == normalise_text(truth_text):
            stats[bucket + ":repaired"] += 1
        elif key in flagged:
            stats[bucket + ":flagged"] += 1
        elif key not in repaired:
            stats[bucket + ":missed"] += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--trials", type=int, default=200, help="per error count")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--handbuilt", action="store_true", help="ignore the synth generator")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    truths = []
    for i in range(args.docs):
        doc = None if args.handbuilt else synth_truth(args.seed * 1000 + i)
        truths.append(doc or handbuilt_truth(rng))
    source = "synth" if not args.handbuilt and synth_truth(0) is not None else "hand-built"
    prepared = [(t, *amount_cells(t)) for t in truths]
    clean_repairs, clean_times, n_tables = 0, [], 0
    for truth, _cells, _built in prepared:
        doc = copy.deepcopy(truth)
        t0 = time.perf_counter()
        reconcile_document(doc)
        clean_times.append((time.perf_counter() - t0) / max(len(doc.tables), 1))
        clean_repairs += len(doc.reconciliation.repairs)
        n_tables += len(doc.tables)
        failing = doc.reconciliation.checks_total - doc.reconciliation.checks_passed_before
        if failing:
            print(f"  note: clean {doc.source.file} fails {failing} checks as printed")
    stats: Counter = Counter()
    times: list[float] = []
    for n_errors in (1, 2):
        for _ in range(args.trials):
            truth, cells, built = rng.choice(prepared)
            if len(cells) >= n_errors:
                run_trial(truth, cells, n_errors, rng, stats, times, built)
    print(f"ground truth: {source}, {len(truths)} documents, {n_tables} tables")
    print(
        f"clean documents: {clean_repairs} repairs (false repairs), "
        f"{statistics.mean(clean_times) * 1000:.0f} ms per table"
    )
    for n_errors in (1, 2):
        for rules in (1, 2, 3):
            b = f"{n_errors}err:{rules}rules"
            if stats[b]:
                label = f"{rules}+ rules" if rules == 3 else f"{rules} rule(s)"
                print(
                    f"{n_errors} error(s), cell bound by {label}: n={stats[b]:4d} "
                    f"repaired {stats[b + ':repaired'] / stats[b]:6.1%} "
                    f"flagged {stats[b + ':flagged'] / stats[b]:6.1%} "
                    f"missed {stats[b + ':missed'] / stats[b]:6.1%}"
                )
                inside = stats[b + ":within_tolerance"]
                if stats[b] > inside:
                    print(
                        f"    {inside} of them within the rounding tolerance (no rule can see "
                        f"them); of the {stats[b] - inside} that break a rule, repaired "
                        f"{stats[b + ':repaired'] / (stats[b] - inside):6.1%}"
                    )
    if stats["repairs"]:
        print(
            f"repair precision: {stats['repairs_right']}/{stats['repairs']} = "
            f"{stats['repairs_right'] / stats['repairs']:.2%} "
            f"({stats['repairs_on_clean_cells']} repairs on cells that were not damaged)"
        )
    print(
        f"time per table (damaged): mean {statistics.mean(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
