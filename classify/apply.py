"""Run-time labelling of one document with the loaded classifiers."""

from __future__ import annotations

import numpy as np

from fiscalocr.model import Document

from .artifacts import Classifiers
from .facts import read_facts
from .records import page_record, table_record
from .sequence import posteriors, viterbi


def predict_sections(doc: Document, classifiers: Classifiers) -> list[tuple[str, float]]:
    """Section and confidence of each page, smoothed over the page order."""
    pages = sorted(doc.pages, key=lambda p: p.page)
    if not pages:
        return []
    n_pages = max(p.page for p in pages)
    proba = classifiers.section.predict_proba([page_record(p, doc, n_pages) for p in pages])
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
    classes = classifiers.table.classes_
    return [
        (str(classes[k]), float(row[k])) for row, k in zip(proba, proba.argmax(axis=1), strict=True)
    ]


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
