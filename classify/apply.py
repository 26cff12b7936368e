"""Run-time labelling of one document with the loaded classifiers."""

from __future__ import annotations

import numpy as np

from fiscalocr.model import Document

from .artifacts import Classifiers
from .facts import read_facts
from .records import page_record, part_headings, table_record
from .sequence import posteriors, viterbi


def predict_sections(doc: Document, classifiers: Classifiers) -> list[tuple[str, float]]:
    """Section and confidence of each page, smoothed over the page order."""
    pages = sorted(doc.pages, key=lambda p: p.page)
    if not pages:
        return []
    n_pages = max(p.page for p in pages)
    parts = part_headings(doc)
    proba = classifiers.section.predict_proba(
        [page_record(p, doc, n_pages, parts[p.page]) for p in pages]
    )
    model = classifiers.sequence
    order = [list(classifiers.section.classes_).index(label) for label in model["labels"]]
    proba = proba[:, order]
    priors = np.asarray(model["priors"])
    path = viterbi(proba, model, priors)
    post = posteriors(proba, model, priors)
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
