"""Run-time labelling of one document with the loaded classifiers."""

from __future__ import annotations

import numpy as np

from fiscalocr.model import Document

from .artifacts import Classifiers
from .facts import read_facts
from .records import page_record, part_headings, table_record
from .sequence import posteriors, viterbi
from .titles import (
    HEADING_WEIGHT,
    TITLE_PRIOR_ODDS,
    section_named_by_heading,
    type_named_by_title,
)


def predict_sections(doc: Document, classifiers: Classifiers) -> list[tuple[str, float]]:
    """Section and confidence of each page, smoothed over the page order."""
    pages = sorted(doc.pages, key=lambda p: p.page)
    if not pages:
        return []
    n_pages = max(p.page for p in pages)
    parts = part_headings(doc)
    records = [page_record(p, doc, n_pages, parts[p.page]) for p in pages]
    proba = classifiers.section.predict_proba(records)
    model = classifiers.sequence
    order = [list(classifiers.section.classes_).index(label) for label in model["labels"]]
    # Scaled likelihoods p(y|x) / p(y), each page's row normalised: the form in which a
    # heading's evidence can be mixed in without a rare label's small prior inflating it.
    likely = proba[:, order] / np.clip(np.asarray(model["priors"]), 1e-9, None)
    likely /= likely.sum(axis=1, keepdims=True)
    for i, record in enumerate(records):
        named = section_named_by_heading(record["top"])
        if named in model["labels"]:
            likely[i] *= 1.0 - HEADING_WEIGHT
            likely[i, model["labels"].index(named)] += HEADING_WEIGHT
    flat = np.full(len(model["labels"]), 1.0 / len(model["labels"]))
    path = viterbi(likely, model, flat)
    post = posteriors(likely, model, flat)
    return [(model["labels"][k], float(post[i, k])) for i, k in enumerate(path)]


def predict_table_types(doc: Document, classifiers: Classifiers) -> list[tuple[str, float]]:
    """Type and calibrated probability of each table."""
    if not doc.tables:
        return []
    proba = classifiers.table.predict_proba([table_record(t, doc) for t in doc.tables])
    classes = [str(c) for c in classifiers.table.classes_]
    heights = {p.page: p.height for p in doc.pages}
    out: list[tuple[str, float]] = []
    for i, (table, row) in enumerate(zip(doc.tables, proba, strict=True)):
        named = type_named_by_title(table.title)
        if named in classes:
            row = row.copy()
            row[classes.index(named)] *= TITLE_PRIOR_ODDS
            row /= row.sum()
        if i and _continues(doc.tables[i - 1], table, heights):
            row = row.copy()
            row[classes.index(out[-1][0])] += CONTINUATION_WEIGHT
            row /= row.sum()
        k = int(row.argmax())
        out.append((classes[k], float(row[k])))
    return out


CONTINUATION_WEIGHT = 0.3
"""Probability added to the previous table's type for a title-less table that opens the
next page: it most likely continues that table (a join layout could not make because the
columns came out differently). The classifier still wins when it is sure otherwise."""
CONTINUATION_TOP_SHARE = 0.3
"""A continuation starts in the top part of its page."""


def _continues(previous, table, heights: dict[int, float]) -> bool:
    if table.title or not table.pages or not previous.pages or not table.regions:
        return False
    first = table.pages[0]
    top = table.regions[0].bbox[1] / max(1.0, heights.get(first, 0.0))
    return previous.pages[-1] == first - 1 and top < CONTINUATION_TOP_SHARE


def classify_document(doc: Document, classifiers: Classifiers) -> None:
    """Fill every page's section, every table's type and the document facts, in place."""
    pages = sorted(doc.pages, key=lambda p: p.page)
    for page, (label, conf) in zip(pages, predict_sections(doc, classifiers), strict=True):
        page.section = label
        page.section_conf = round(conf, 4)
    for table, (label, conf) in zip(doc.tables, predict_table_types(doc, classifiers), strict=True):
        table.type = label
        table.type_conf = round(conf, 4)
    doc.document = read_facts(doc)
