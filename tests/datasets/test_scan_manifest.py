"""Manifests record the damage model: ids and paths differ per model, old manifests still
validate, plans round-trip, bench-v1 stays scan-1.3 and bench-v2 is both models on test."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from fiscalocr.datasets.cli import damage_models_for
from fiscalocr.datasets.corpus import (
    BENCH_MANIFEST,
    plan_bench_v1,
    plan_bench_v2,
    plan_synthetic_corpus,
    replan,
)
from fiscalocr.datasets.corpus_real import build_realpdf_levels
from fiscalocr.datasets.manifest import Manifest, load_corpus

LEVELS = ("clean", "light", "medium", "heavy")
BOTH = ("fiscalocr", "augraphy")


def test_a_plan_with_both_models_names_each_scan_apart_and_round_trips(tmp_path):
    plan = plan_synthetic_corpus(8, 3, LEVELS, {"train": 4, "dev": 0, "test": 4}, damage_models={"train": ("fiscalocr",), "test": BOTH})  # fmt: skip
    test = [d for d in plan.documents if d.split == "test"]
    assert Counter(d.damage_model for d in test) == {"fiscalocr": 4, "augraphy": 4}
    assert {d.damage_model for d in plan.documents if d.split == "train"} == {"fiscalocr"}
    ours = {d.seed: d for d in test if d.damage_model == "fiscalocr"}
    for doc in (d for d in test if d.damage_model == "augraphy"):
        assert doc.id == ours[doc.seed].id + "-augraphy" and doc.pdf != ours[doc.seed].pdf
    assert len({d.id for d in plan.documents}) == len({d.pdf for d in plan.documents}) == 12
    assert plan.scan_version == "scan-2.0" and plan.damage_models == ["fiscalocr", "augraphy"]
    plan.write(tmp_path / "m.json")
    again = Manifest.read(tmp_path / "m.json")
    assert again == plan and again.same_plan(plan)
    ours_only = plan_synthetic_corpus(8, 3, LEVELS, {"train": 4, "dev": 0, "test": 4})
    assert not ours_only.same_plan(plan)
    assert replan(again).same_plan(plan)


def test_a_manifest_written_before_damage_models_still_validates_as_ours():
    committed = Manifest.read(BENCH_MANIFEST)
    assert committed.scan_version == "scan-1.3" and committed.damage_models == ["fiscalocr"]
    assert {d.damage_model for d in committed.documents} == {"fiscalocr"}


def test_bench_v1_is_replanned_with_scan_1_3_and_its_ids_unchanged():
    committed, fresh = Manifest.read(BENCH_MANIFEST), plan_bench_v1()
    assert fresh.scan_version == "scan-1.3"
    assert [d.id for d in fresh.documents] == [d.id for d in committed.documents]
    assert [d.pdf for d in fresh.documents] == [d.pdf for d in committed.documents]
    assert replan(committed).scan_version == "scan-1.3"


def test_bench_v2_scans_held_out_documents_with_both_models():
    plan = plan_bench_v2()
    assert (plan.name, plan.seed, plan.scan_version) == ("bench-v2", 2027, "scan-2.0")
    assert plan.split_counts() == {"train": 200, "dev": 32, "test": 64}
    by_split = {
        s: {d.seed for d in plan.documents if d.split == s} for s in ("train", "dev", "test")
    }
    assert len(by_split["test"]) == 32 and not by_split["train"] & by_split["test"]
    test = [d for d in plan.documents if d.split == "test"]
    assert min(Counter((d.level, d.damage_model, d.kind) for d in test).values()) >= 4
    assert {d.damage_model for d in plan.documents if d.split == "train"} == {"fiscalocr"}
    assert replan(plan).same_plan(plan)


def test_unknown_versions_and_models_are_refused():
    with pytest.raises(ValueError, match="offers"):
        plan_synthetic_corpus(4, 1, LEVELS, damage_models=BOTH, scan_version="scan-1.3")
    with pytest.raises(ValueError, match="unknown scan version"):
        plan_synthetic_corpus(4, 1, LEVELS, scan_version="scan-9.9")
    stale = plan_synthetic_corpus(4, 1, LEVELS).model_copy(update={"scan_version": "scan-1.2"})
    assert replan(stale) is None
    assert damage_models_for("both") == BOTH
    with pytest.raises(ValueError):
        damage_models_for("mine")


def _render_page(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "pages", Path(__file__).with_name("test_scan_damage.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.render_table_page(path)


def test_real_pdf_scans_by_both_models_load_with_their_model(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _render_page(src / "budget-2024.pdf")
    manifest = build_realpdf_levels(src, tmp_path / "out", ["medium"], 3, damage_models=BOTH)
    assert [d.id for d in manifest.documents] == [
        "budget-2024@medium",
        "budget-2024@medium-augraphy",
    ]
    assert [d.pdf for d in manifest.documents] == [
        "medium/budget-2024.pdf",
        "medium-augraphy/budget-2024.pdf",
    ]
    assert manifest.documents[0].pdf_sha256 != manifest.documents[1].pdf_sha256
    items = list(load_corpus(tmp_path / "out" / "manifest.json"))
    assert [(i.level, i.damage_model) for i in items] == [
        ("medium", "fiscalocr"),
        ("medium", "augraphy"),
    ]
    assert Manifest.read(tmp_path / "out" / "manifest.json") == manifest
