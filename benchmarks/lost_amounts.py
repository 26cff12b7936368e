"""Where the amounts went: every labelled amount that is not right, by cause.

Reads saved predictions (``fiscalocr eval … --save-predictions DIR``) against their
corpus, so a run of minutes of OCR can be looked at many times. Each amount that is not
right after reconciliation falls in one cause:

- ``table not found``: no predicted table was paired with its truth table;
- ``no cell``: the table was found, but no cell stands where the amount is printed;
- ``cell empty``: a cell is there, with no text;
- ``text, no value``: the cell has text that is no amount (what was read is listed);
- ``wrong value, flagged`` / ``wrong value, unflagged``: a value, not the truth, named
  or not by an unresolved rule.

    .venv/bin/python benchmarks/lost_amounts.py data/real6-v2 out/s4/real6-medium/pred \\
        --level medium --damage augraphy --examples 20
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from fiscalocr.app.evaluate import iter_labelled
from fiscalocr.eval.matching import match_tables
from fiscalocr.eval.scoring import score_cells
from fiscalocr.model import Document


def cause(outcome, predicted_table) -> str:
    if outcome.right_after:
        return "right"
    if predicted_table is None:
        return "table not found"
    if outcome.read_text is None:
        return "no cell"
    if not outcome.read_text.strip():
        return "cell empty"
    if outcome.read_value is None:
        return "text, no value"
    return "wrong value, flagged" if outcome.flagged else "wrong value, unflagged"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dataset", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--split", default="test")
    parser.add_argument("--level", action="append", dest="levels", default=[])
    parser.add_argument("--damage", action="append", dest="damage_models", default=[])
    parser.add_argument("--examples", type=int, default=10, help="examples listed per cause")
    args = parser.parse_args()

    by_group: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    lost_tables: Counter = Counter()
    for item in iter_labelled(args.dataset, args.split, None, args.levels, args.damage_models):
        # a corpus scanned at several levels saves NAME@LEVEL.json (see app/evaluate.py)
        path = args.predictions / f"{item.name}@{item.level}.json"
        if not path.is_file():
            path = args.predictions / f"{item.name}.json"
        if not path.is_file():
            continue
        predicted = Document.model_validate_json(path.read_text(encoding="utf-8"))
        match = match_tables(predicted.tables, item.truth.tables)
        paired = {p.truth.id: p.predicted for p in match.pairs}
        for outcome in score_cells(match, predicted):
            why = cause(outcome, paired.get(outcome.truth_table))
            by_group[item.level or "all"][why] += 1
            if why == "table not found":
                lost_tables[(item.name, outcome.truth_table, outcome.truth_type, outcome.page)] += 1
            elif why != "right" and len(examples[why]) < args.examples:
                examples[why].append(
                    f"{item.name} p{outcome.page} {outcome.truth_table}: truth {outcome.truth_text!r}"
                    f" read {outcome.ocr_text!r} -> {outcome.read_text!r}"
                )
    for group, counts in sorted(by_group.items()):
        total = sum(counts.values())
        print(
            f"\n## {group}: {total} amounts, {counts['right']} right ({counts['right'] / total:.2%})"
        )
        for why, n in counts.most_common():
            print(f"  {why:<24} {n:>6}  {n / total:.2%}")
    if lost_tables:
        print("\n## tables not found (amounts lost)")
        for (name, table, kind, page), n in lost_tables.most_common():
            print(f"  {n:>4}  {name} {table} ({kind}, first amount on p{page})")
    for why, lines in examples.items():
        print(f"\n## {why}")
        for line in lines:
            print("  " + line)


if __name__ == "__main__":
    main()
