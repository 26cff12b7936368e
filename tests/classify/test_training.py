"""A retrain on a tiny corpus runs end to end: fit, save, verify, load, predict."""

from __future__ import annotations

import json

import pytest

from fiscalocr.classify import classify_document, load_classifiers, train_classifiers
from fiscalocr.classify.artifacts import MODEL_CARD, TABLE_MODEL
from fiscalocr.model import ModelArtifactError

DEPARTMENTS = [
    ("阳泉市招商中心", 2024),
    ("晋城市司法局", 2023),
    ("普陀区民政局", 2025),
    ("盂县财政局", 2021),
]


def _corpus(docs):
    pairs = []
    for dept, year in DEPARTMENTS:
        b = docs.budget(dept, year)
        types = {"t1": "expenditure", "t2": "three_public"}
        pairs.append((b, docs.truth_of(b, docs.budget_sections, types, "budget", dept, year)))
        f = docs.final(dept, year - 1)
        types = {"t1": "revenue_expenditure_summary"}
        pairs.append(
            (f, docs.truth_of(f, docs.final_sections, types, "final_account", dept, year - 1))
        )
    return pairs


def test_tiny_retrain_fits_saves_loads_and_predicts(docs, tmp_path):
    metrics = train_classifiers(_corpus(docs), tmp_path, test_fraction=0.25, seed=1)
    card = json.loads((tmp_path / MODEL_CARD).read_text(encoding="utf-8"))
    assert len(card["split"]["test_documents"]) == 2
    assert set(card["split"]["test_documents"]).isdisjoint(card["split"]["train_documents"])
    assert metrics["section"]["n_pages"] > 0 and "confusion" in metrics["table_type"]

    classifiers = load_classifiers(tmp_path)
    doc = docs.budget("江宁区教育局", 2026)
    classify_document(doc, classifiers)
    assert [p.section for p in doc.pages] == docs.budget_sections
    assert [t.type for t in doc.tables] == ["expenditure", "three_public"]
    assert all(0.5 < t.type_conf <= 1.0 for t in doc.tables)
    assert (doc.document.kind, doc.document.department, doc.document.year) == (
        "budget",
        "江宁区教育局",
        2026,
    )


def test_tampered_artefact_is_refused(docs, tmp_path):
    train_classifiers(_corpus(docs)[:4], tmp_path, test_fraction=0.0)
    with open(tmp_path / TABLE_MODEL, "ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(ModelArtifactError, match="sha256"):
        load_classifiers(tmp_path)


def test_missing_folder_raises_a_clear_error(tmp_path):
    with pytest.raises(ModelArtifactError, match="model card"):
        load_classifiers(tmp_path / "nowhere")
