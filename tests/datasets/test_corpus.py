"""Corpus plans split by document; manifests cache builds; committed samples are sound."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pymupdf
import pytest

from fiscalocr.datasets.corpus import BENCH_MANIFEST, plan_bench_v1, plan_synthetic_corpus
from fiscalocr.datasets.corpus_real import build_realpdf_corpus
from fiscalocr.datasets.manifest import Manifest, load_corpus
from fiscalocr.model import Document

SAMPLES = Path(__file__).resolve().parents[2] / "datasets" / "samples"
LEVELS = ("clean", "light", "medium", "heavy")


def _assert_split_by_document(manifest: Manifest) -> None:
    seeds_by_split: dict[str, set[int]] = {}
    for doc in manifest.documents:
        seeds_by_split.setdefault(doc.split, set()).add(doc.seed)
    splits = list(seeds_by_split.values())
    for i, a in enumerate(splits):
        for b in splits[i + 1 :]:
            assert not a & b, "a document (seed) sits in two splits"
    assert len({d.id for d in manifest.documents}) == len(manifest.documents)


def _assert_test_split_rule(manifest: Manifest) -> None:
    test = [d for d in manifest.documents if d.split == "test"]
    assert len(test) >= 30
    assert {d.kind for d in test} == {"budget", "final_account"}
    assert {d.level for d in test} == set(LEVELS)
    assert min(Counter((d.kind, d.level) for d in test).values()) >= 3


def test_plan_splits_by_document_and_test_split_is_big_enough():
    plan = plan_synthetic_corpus(248, 7, LEVELS, {"train": 200, "dev": 16, "test": 32})
    assert plan.split_counts() == {"train": 200, "dev": 16, "test": 32}
    _assert_split_by_document(plan)
    _assert_test_split_rule(plan)
    assert plan == plan_synthetic_corpus(248, 7, LEVELS, {"train": 200, "dev": 16, "test": 32})


def test_committed_bench_manifest_is_the_bench_plan():
    committed = Manifest.read(BENCH_MANIFEST)
    _assert_split_by_document(committed)
    _assert_test_split_rule(committed)
    assert committed.split_counts()["train"] == 200
    fresh = plan_bench_v1()
    assert [d.seed for d in committed.documents] == [d.seed for d in fresh.documents]
    assert [(d.split, d.kind, d.level) for d in committed.documents] == [
        (d.split, d.kind, d.level) for d in fresh.documents
    ]


def test_committed_bench_v2_manifest_is_the_bench_v2_plan():
    from fiscalocr.datasets.corpus import BENCH_V2_MANIFEST, plan_bench_v2

    committed, fresh = Manifest.read(BENCH_V2_MANIFEST), plan_bench_v2()
    assert committed.same_plan(fresh)
    assert (committed.generator_version, committed.scan_version) == ("synth-2.0", "scan-2.0")
    test = [d for d in committed.documents if d.split == "test"]
    assert {d.damage_model for d in test} == {"fiscalocr", "augraphy"} and len(test) == 64
    # bench-v1 is another benchmark: new seed, same split sizes
    assert not {d.seed for d in committed.documents} & {d.seed for d in plan_bench_v1().documents}


def _render_page(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "pages", Path(__file__).with_name("test_scan_damage.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.render_table_page(path)


def test_real_corpus_build_is_cached_and_loadable(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _render_page(src / "budget-2024.pdf")
    out = tmp_path / "scans"
    manifest = build_realpdf_corpus(src, out, level="light", seed=3)
    built = out / manifest.documents[0].pdf
    first_mtime = built.stat().st_mtime_ns
    assert manifest.documents[0].pdf_sha256 and manifest.split_counts()["test"] == 1
    again = build_realpdf_corpus(src, out, level="light", seed=3)
    assert again == manifest and built.stat().st_mtime_ns == first_mtime  # cached, not rebuilt
    (items,) = list(load_corpus(out / "manifest.json"))
    assert items.pdf_path == built and items.level == "light" and items.split == "test"
    table = items.truth.tables[0]
    assert (table.n_rows, table.n_cols, table.unit) == (4, 3, "万元")
    assert table.cell_at(3, 1).value == 1313.46
    built.write_bytes(b"tampered")
    rebuilt = build_realpdf_corpus(src, out, level="light", seed=3)
    assert rebuilt == manifest and built.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.stem)
def test_committed_samples_are_small_scans_with_truth(pdf):
    assert pdf.stat().st_size < 400_000
    doc = pymupdf.open(pdf)
    assert 1 <= doc.page_count <= 3
    assert all(page.get_text().strip() == "" and len(page.get_images()) == 1 for page in doc)
    truth = Document.model_validate(
        json.loads(pdf.with_suffix(".gt.json").read_text(encoding="utf-8"))
    )
    assert truth.tables and len(truth.pages) == doc.page_count


def test_three_samples_committed():
    assert len(list(SAMPLES.glob("*.pdf"))) == 3


def test_a_manifest_from_another_generator_version_is_refused(tmp_path):
    from fiscalocr.datasets.corpus import build_from_manifest
    from fiscalocr.datasets.manifest import StaleManifestError

    stale = plan_synthetic_corpus(4, 1, LEVELS).model_copy(
        update={"generator_version": "synth-0.0"}
    )
    stale.write(tmp_path / "old.json")
    with pytest.raises(StaleManifestError):
        build_from_manifest(tmp_path / "old.json", tmp_path / "out")
    assert not (tmp_path / "out").exists()
