"""Held-out measurement of the classifiers: accuracy, confusion, calibration, facts."""

from __future__ import annotations

from collections import Counter

import numpy as np

from fiscalocr.model import Document

from .align import page_labels, table_labels
from .apply import predict_sections, predict_table_types
from .artifacts import Classifiers
from .facts import read_facts
from .records import page_record, part_headings, table_record

# Bins of the expected calibration error.
CALIBRATION_BINS = 10


def confusion(truth: list[str], pred: list[str]) -> dict[str, dict[str, int]]:
    """Nested counts truth → predicted → n (only non-zero cells, JSON-friendly)."""
    counts: dict[str, Counter[str]] = {}
    for t, p in zip(truth, pred, strict=True):
        counts.setdefault(t, Counter())[p] += 1
    return {t: dict(sorted(c.items())) for t, c in sorted(counts.items())}


def expected_calibration_error(conf: list[float], correct: list[bool]) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by size."""
    if not conf:
        return 0.0
    conf_a, ok = np.asarray(conf), np.asarray(correct, dtype=float)
    bins = np.minimum((conf_a * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    total = 0.0
    for b in range(CALIBRATION_BINS):
        mask = bins == b
        if mask.any():
            total += mask.sum() * abs(ok[mask].mean() - conf_a[mask].mean())
    return float(total / len(conf_a))


def _accuracy(truth: list, pred: list) -> float | None:
    if not truth:
        return None
    return round(sum(t == p for t, p in zip(truth, pred, strict=True)) / len(truth), 4)


def _table_metrics(pairs: list[tuple[Document, Document]], classifiers: Classifiers) -> dict:
    truth, pred, pred_untitled, conf = [], [], [], []
    for predicted, gold in pairs:
        labels = table_labels(predicted, gold)
        if not labels:
            continue
        model = classifiers.table
        untitled = model.predict(
            [table_record(t, predicted, drop_title=True) for t in predicted.tables]
        )
        truth += labels
        typed = predict_table_types(predicted, classifiers)  # as at run time
        pred += [label for label, _ in typed]
        conf += [p for _, p in typed]
        pred_untitled += [str(p) for p in untitled]
    return {
        "n_tables": len(truth),
        "accuracy": _accuracy(truth, pred),
        "accuracy_title_dropped": _accuracy(truth, pred_untitled),
        "ece": round(
            expected_calibration_error(conf, [t == p for t, p in zip(truth, pred, strict=True)]), 4
        ),
        "confusion": confusion(truth, pred),
    }


def _section_metrics(pairs: list[tuple[Document, Document]], classifiers: Classifiers) -> dict:
    truth, smoothed, raw = [], [], []
    for predicted, gold in pairs:
        pages = sorted(predicted.pages, key=lambda p: p.page)
        labels = dict(
            zip([p.page for p in predicted.pages], page_labels(predicted, gold), strict=True)
        )
        keep = [i for i, p in enumerate(pages) if labels[p.page] is not None]
        if not keep:
            continue
        n_pages = max(p.page for p in pages)
        parts = part_headings(predicted)
        raw_pred = classifiers.section.predict(
            [page_record(p, predicted, n_pages, parts[p.page]) for p in pages]
        )
        seq = predict_sections(predicted, classifiers)
        truth += [labels[pages[i].page] for i in keep]
        raw += [str(raw_pred[i]) for i in keep]
        smoothed += [seq[i][0] for i in keep]
    return {
        "n_pages": len(truth),
        "accuracy": _accuracy(truth, smoothed),
        "accuracy_without_order": _accuracy(truth, raw),
        "confusion": confusion(truth, smoothed),
    }


def _facts_metrics(pairs: list[tuple[Document, Document]]) -> dict:
    kind, year, dept, misses = [], [], [], []
    for predicted, gold in pairs:
        facts = read_facts(predicted)
        kind.append(facts.kind == gold.document.kind)
        year.append(facts.year == gold.document.year)
        dept.append(facts.department == gold.document.department)
        if not (kind[-1] and year[-1] and dept[-1]):
            misses.append(
                {
                    "file": gold.source.file,
                    "read": facts.model_dump(),
                    "truth": gold.document.model_dump(),
                }
            )
    n = max(1, len(pairs))
    return {
        "n_documents": len(pairs),
        "kind_accuracy": round(sum(kind) / n, 4),
        "year_accuracy": round(sum(year) / n, 4),
        "department_accuracy": round(sum(dept) / n, 4),
        "misses": misses[:10],
    }


def evaluate(pairs: list[tuple[Document, Document]], classifiers: Classifiers) -> dict:
    """All held-out figures for (predicted, truth) document pairs."""
    return {
        "table_type": _table_metrics(pairs, classifiers),
        "section": _section_metrics(pairs, classifiers),
        "facts": _facts_metrics(pairs),
    }
