"""Training of the table-type and section classifiers from (predicted, truth) documents.

Features always come from the predicted document (what OCR and layout produced, noise
included); labels come from the truth. Each titled table is also shown without its
title (title dropout) and each multi-page table also as its title-less continuation
fragments, so the model types a table from its rows, structure and context alone.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

import numpy as np

from fiscalocr.model import Document

from .align import page_labels, table_labels
from .artifacts import (
    MODEL_CARD,
    SECTION_MODEL,
    SEQUENCE_MODEL,
    TABLE_MODEL,
    Classifiers,
    save_pipeline,
    sha256_of,
)
from .evaluate import evaluate
from .fragments import continuation_fragments
from .pipelines import build_section_pipeline, build_table_pipeline
from .records import page_record, part_headings, table_record
from .sequence import learn_transitions

Pair = tuple[Document, Document]


def split_by_document(
    examples: list[Pair], test_fraction: float, seed: int
) -> tuple[list[Pair], list[Pair]]:
    """Deterministic train/test split of whole documents (never of pages)."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    n_test = round(len(examples) * test_fraction) if len(examples) > 1 else 0
    test = {i for i in order[:n_test]}
    return [e for i, e in enumerate(examples) if i not in test], [examples[i] for i in sorted(test)]


def table_training_rows(pairs: list[Pair]) -> tuple[list[dict], list[str]]:
    """Records and labels of every predicted table, its title-less copy and its fragments."""
    records, labels = [], []
    for pred, truth in pairs:
        for table, label in zip(pred.tables, table_labels(pred, truth), strict=True):
            records.append(table_record(table, pred))
            labels.append(label)
            if table.title:
                records.append(table_record(table, pred, drop_title=True))
                labels.append(label)
            for fragment in continuation_fragments(table):
                view = pred.model_copy(update={"tables": [*pred.tables, fragment]})
                records.append(table_record(fragment, view))
                labels.append(label)
    return records, labels


def page_training_rows(pairs: list[Pair]) -> tuple[list[dict], list[str], list[list[str]]]:
    """Records and labels of every labelled page, and each document's label sequence."""
    records, labels, sequences = [], [], []
    for number, (pred, truth) in enumerate(pairs):
        without_parts = number % NO_PARTS_EVERY == NO_PARTS_EVERY - 1
        pages = sorted(pred.pages, key=lambda p: p.page)
        n_pages = max((p.page for p in pages), default=1)
        by_page = dict(zip([p.page for p in pred.pages], page_labels(pred, truth), strict=True))
        parts = part_headings(pred)
        sequence = []
        for order, page in enumerate(pages):
            label = by_page[page.page]
            if label is None:
                continue
            record = page_record(page, pred, n_pages, parts[page.page])
            if without_parts:
                record["part"] = ""
            records.append(record)
            labels.append(label)
            sequence.append(label)
            if order % EXTRACT_EVERY == EXTRACT_EVERY - 1 and label != "cover":
                records.append(as_single_page_extract(record))
                labels.append(label)
                sequences.append([label])
        sequences.append(sequence)
    return records, labels, sequences


# Not every region prints 第一部分 … headings (Shanghai numbers its parts 一、二、): every
# NO_PARTS_EVERY-th training document is shown without them, so that their absence
# says nothing about the section.
NO_PARTS_EVERY = 4


# Archives hold extracts too (one table page scanned on its own): every EXTRACT_EVERY-th
# page is also shown to the section model as a one-page document, so that being first
# does not make a page a cover, and the order model may start anywhere.
EXTRACT_EVERY = 4


def as_single_page_extract(record: dict) -> dict:
    """A page record as if its page were a whole one-page document."""
    return {**record, "position": 0.0, "is_first": 1.0, "is_last": 1.0}


def fit_classifiers(pairs: list[Pair]) -> Classifiers:
    """Fit both Pipelines and the section order model on training pairs."""
    t_records, t_labels = table_training_rows(pairs)
    p_records, p_labels, sequences = page_training_rows(pairs)
    if len(set(t_labels)) < 2 or len(set(p_labels)) < 2:
        raise ValueError("training needs at least two table types and two sections")
    table = build_table_pipeline().fit(t_records, t_labels)
    section = build_section_pipeline().fit(p_records, p_labels)
    classes = [str(c) for c in section.classes_]
    sequence = learn_transitions(sequences, classes)
    counts = Counter(p_labels)
    sequence["priors"] = (np.array([counts[c] for c in classes]) / len(p_labels)).tolist()
    card = {"n_table_rows": len(t_records), "n_page_rows": len(p_records)}
    return Classifiers(table=table, section=section, sequence=sequence, card=card)


def _write(classifiers: Classifiers, out_dir: Path, card: dict) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    save_pipeline(classifiers.table, out_dir / TABLE_MODEL)
    save_pipeline(classifiers.section, out_dir / SECTION_MODEL)
    (out_dir / SEQUENCE_MODEL).write_text(
        json.dumps(classifiers.sequence, indent=1), encoding="utf-8"
    )
    card["artifacts"] = {
        name: {"sha256": sha256_of(out_dir / name), "bytes": (out_dir / name).stat().st_size}
        for name in (TABLE_MODEL, SECTION_MODEL, SEQUENCE_MODEL)
    }
    (out_dir / MODEL_CARD).write_text(
        json.dumps(card, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return card


def train_classifiers(
    examples: list[Pair],
    out_dir: Path,
    *,
    holdout: list[Pair] | None = None,
    test_fraction: float = 0.2,
    seed: int = 0,
    data_note: str = "",
) -> dict:
    """Train on (predicted, truth) pairs, measure on held-out documents, write artefacts.

    With ``holdout`` the given documents are the test split; otherwise a share of the
    examples is held out by document. Returns the held-out metrics, which also go into
    the model card beside the artefacts with each artefact's sha256.
    """
    train, test = (
        (examples, holdout)
        if holdout is not None
        else split_by_document(examples, test_fraction, seed)
    )
    classifiers = fit_classifiers(train)
    metrics = evaluate(test, classifiers) if test else {}
    card = {
        "model": "fiscalocr table-type and page-section classifiers",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": data_note,
        "split": {
            "train_documents": [p[1].source.file for p in train],
            "test_documents": [p[1].source.file for p in test],
            "how": "given holdout"
            if holdout is not None
            else f"by document, fraction {test_fraction}, seed {seed}",
        },
        "training_rows": classifiers.card,
        "table_types": [str(c) for c in classifiers.table.classes_],
        "sections": classifiers.sequence["labels"],
        "metrics_test": metrics,
    }
    _write(classifiers, Path(out_dir), card)
    return metrics
