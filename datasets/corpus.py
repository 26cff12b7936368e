"""Build corpora: synthetic documents scanned at graded levels, and scans of real PDFs.

Splits are by *document*: a document (one generator seed) belongs to exactly one split,
whatever its pages. Within each split, documents alternate kind and cycle through the
levels, so every split, the test split above all, covers both kinds and every level.
Corpora are cached: when ``out_dir/manifest.json`` describes the same plan and its
files are intact, nothing is regenerated.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from importlib.resources import files
from pathlib import Path

from .manifest import (
    DEFAULT_DAMAGE_MODEL,
    MANIFEST_FILE,
    SPLITS,
    CorpusDocument,
    Manifest,
    StaleManifestError,
    files_intact,
    sha256_file,
)

DEFAULT_CORPUS_DIR = Path("data/corpus")
DEFAULT_REAL_SCANS_DIR = Path("data/real-scans")
DEFAULT_SPLIT_FRACTIONS = {"train": 0.8, "dev": 0.07, "test": 0.13}
KINDS = ("budget", "final_account")
SEED_STRIDE = 1_000_003  # document seeds of two corpus seeds never collide below this


def plan_synthetic_corpus(
    n_docs: int,
    seed: int,
    levels: Sequence[str],
    split_fractions: dict[str, float] | None = None,
    name: str = "synthetic",
    *,
    damage_models: DamageModels = (DEFAULT_DAMAGE_MODEL,),
    scan_version: str | None = None,
    generator_version: str | None = None,
) -> Manifest:
    """The manifest of a synthetic corpus before anything is generated (pure, instant).

    ``damage_models`` is a list for every split, or a mapping split -> list (bench-v2
    scans its held-out documents with both models, its training documents with ours).
    A document scanned by several models appears once per model, same seed, same split;
    ids and paths of the non-default models end in ``-<model>``. ``scan_version``
    defaults to this checkout's (scan-2.0); bench-v1 pins scan-1.3. ``generator_version``
    defaults to this checkout's generator (synth-2.0); bench-v1 pins synth-1.9.
    """
    from .scan import SCAN_LEVELS, SCAN_VERSION
    from .synth import GENERATOR_VERSION, VERSIONS

    generator = generator_version or GENERATOR_VERSION
    if generator not in VERSIONS:
        raise ValueError(f"unknown generator version {generator!r}; choose from {VERSIONS}")

    unknown = [lv for lv in levels if lv not in SCAN_LEVELS]
    if unknown or not levels:
        raise ValueError(f"unknown scan levels {unknown}; choose from {SCAN_LEVELS}")
    version = scan_version or SCAN_VERSION
    models_of = models_by_split(damage_models, version)
    weights = dict(split_fractions or DEFAULT_SPLIT_FRACTIONS)
    total = sum(weights.values())
    # fractions that already sum to 1 (a manifest's, being replanned) are kept to the bit
    fractions = weights if math.isclose(total, 1.0) else {k: v / total for k, v in weights.items()}
    docs: list[CorpusDocument] = []
    index = 0
    for split, count in zip(SPLITS, split_sizes(n_docs, fractions), strict=True):
        for j in range(count):
            kind, level = KINDS[j % 2], levels[(j // 2) % len(levels)]
            doc_seed = seed * SEED_STRIDE + index
            for model in models_of[split]:
                doc_id = f"synth-{doc_seed}-{kind}-{level}{model_suffix(model)}"
                docs.append(CorpusDocument(id=doc_id, split=split, kind=kind, level=level, seed=doc_seed,  # type: ignore[arg-type]
                                           source="synth", pdf=f"{split}/{doc_id}.pdf", truth=f"{split}/{doc_id}.gt.json",
                                           damage_model=model))  # fmt: skip
            index += 1
    used = [m for m in dict.fromkeys(d.damage_model for d in docs)] or [DEFAULT_DAMAGE_MODEL]
    return Manifest(name=name, origin="synthetic", generator_version=generator, scan_version=version,
                    seed=seed, n_docs=n_docs, levels=list(levels), split_fractions=fractions,
                    damage_models=used, documents=docs)  # fmt: skip


DamageModels = Sequence[str] | Mapping[str, Sequence[str]]


def models_by_split(damage_models: DamageModels, scan_version: str) -> dict[str, tuple[str, ...]]:
    """Damage models per split, checked against what ``scan_version`` offers."""
    from .scan import DAMAGE_MODELS, SCAN_VERSION_1, SCAN_VERSIONS

    if scan_version not in SCAN_VERSIONS:
        raise ValueError(f"unknown scan version {scan_version!r}; choose from {SCAN_VERSIONS}")
    if isinstance(damage_models, Mapping):
        chosen = {s: tuple(damage_models.get(s, ())) for s in SPLITS}
    else:
        chosen = {s: tuple(damage_models) for s in SPLITS}
    offered = (DEFAULT_DAMAGE_MODEL,) if scan_version == SCAN_VERSION_1 else DAMAGE_MODELS
    for split, models in chosen.items():
        bad = [m for m in models if m not in offered]
        if bad or len(set(models)) != len(models):
            raise ValueError(f"{split}: damage models {models}; {scan_version} offers {offered}")
    return chosen


def model_suffix(damage_model: str) -> str:
    """What a document's id and folder get for its damage model (none for ours)."""
    return "" if damage_model == DEFAULT_DAMAGE_MODEL else f"-{damage_model}"


def split_sizes(n_docs: int, fractions: dict[str, float]) -> list[int]:
    """Documents per split (train, dev, test); train takes the rounding remainder."""
    total = sum(fractions.get(s, 0.0) for s in SPLITS)
    if total <= 0:
        raise ValueError("split fractions must sum to more than 0")
    dev = round(n_docs * fractions.get("dev", 0.0) / total)
    test = round(n_docs * fractions.get("test", 0.0) / total)
    return [max(n_docs - dev - test, 0), dev, test]


def build_synthetic_corpus(
    out_dir: str | Path = DEFAULT_CORPUS_DIR,
    n_docs: int = 40,
    seed: int = 0,
    levels: Sequence[str] = ("clean", "light", "medium", "heavy"),
    split_fractions: dict[str, float] | None = None,
    *,
    workers: int = 1,
    damage_models: DamageModels = (DEFAULT_DAMAGE_MODEL,),
) -> Manifest:
    """Generate, scan and write a synthetic corpus; return (and write) its manifest."""
    root = Path(out_dir)
    plan = plan_synthetic_corpus(
        n_docs, seed, levels, split_fractions, root.name or "synthetic", damage_models=damage_models
    )
    return materialise(plan, root, synthetic_maker(plan), workers)


def synthetic_maker(plan: Manifest):
    """The worker's job for a synthetic plan: generate with the plan's generator version."""
    return partial(_make_synthetic, generator_version=plan.generator_version)


def materialise(plan: Manifest, root: Path, make, workers: int) -> Manifest:
    """Build every planned document with ``make(doc, root, scan_version)`` unless the cache
    holds them (the plan's scan version decides the damage: see ``scan.degrade_document``)."""
    cached = _cached(plan, root)
    if cached is not None:
        return cached
    root.mkdir(parents=True, exist_ok=True)
    jobs = [(doc, str(root), plan.scan_version) for doc in plan.documents]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            built = list(pool.map(make, *zip(*jobs, strict=True)))
    else:
        built = [make(*job) for job in jobs]
    manifest = plan.model_copy(update={"documents": built})
    manifest.write(root / MANIFEST_FILE)
    return manifest


def _cached(plan: Manifest, root: Path) -> Manifest | None:
    path = root / MANIFEST_FILE
    if not path.is_file():
        return None
    try:
        existing = Manifest.read(path)
    except ValueError:
        return None
    return existing if existing.same_plan(plan) and files_intact(existing, root) else None


def _make_synthetic(
    doc: CorpusDocument, root: str, scan_version: str, generator_version: str | None = None
) -> CorpusDocument:
    """Generate one synthetic document, scan it and write both files (a worker's job)."""
    from .scan import degrade_document
    from .synth import GENERATOR_VERSION, generate_document

    synth = generate_document(doc.seed, doc.kind, version=generator_version or GENERATOR_VERSION)  # type: ignore[arg-type]
    pdf, truth = degrade_document(synth.pdf, synth.truth, doc.level, doc.seed,  # type: ignore[arg-type]
                                  scan_version=scan_version, damage_model=doc.damage_model)  # fmt: skip
    truth.source.file = Path(doc.pdf).name
    return write_document(doc, Path(root), pdf, truth, hashlib.sha256(synth.pdf).hexdigest())


def write_document(
    doc: CorpusDocument, root: Path, pdf: bytes, truth, source_sha: str
) -> CorpusDocument:
    """Write one scanned PDF and its truth; the manifest entry with their hashes."""
    pdf_path, truth_path = root / doc.pdf, root / doc.truth
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(pdf)
    truth_path.write_text(truth.to_json(), encoding="utf-8")
    pages = truth.source.page_count
    return doc.model_copy(update={"pdf_sha256": hashlib.sha256(pdf).hexdigest(), "truth_sha256": sha256_file(truth_path),
                                  "source_sha256": source_sha, "pages": pages})  # fmt: skip


# package data (installed with the wheel), found through importlib.resources
BENCH_MANIFEST = Path(str(files("fiscalocr.datasets") / "manifests" / "bench-v1.json"))
BENCH_PLAN = {"n_docs": 248, "seed": 2026, "split_fractions": {"train": 200, "dev": 16, "test": 32}}
BENCH_V2_PLAN = {
    "n_docs": 248,
    "seed": 2027,
    "split_fractions": {"train": 200, "dev": 16, "test": 32},
}
BENCH_LEVELS = ("clean", "light", "medium", "heavy")
BENCH_V1_GENERATOR = "synth-1.9"  # bench-v1 was drawn by it; synth-2.0 keeps it bit for bit
BENCH_V2_DAMAGE = {"train": ("fiscalocr",), "dev": ("fiscalocr", "augraphy"),
                   "test": ("fiscalocr", "augraphy")}  # fmt: skip


def plan_bench_v1() -> Manifest:
    """The benchmark: 200 training, 16 dev and 32 test documents, all four levels, scanned
    with scan-1.3 (its profiles are kept so the corpus rebuilds bit for bit)."""
    from .scan import SCAN_VERSION_1

    return plan_synthetic_corpus(
        BENCH_PLAN["n_docs"],
        BENCH_PLAN["seed"],
        BENCH_LEVELS,
        BENCH_PLAN["split_fractions"],
        name="bench-v1",
        scan_version=SCAN_VERSION_1,
        generator_version=BENCH_V1_GENERATOR,
    )


def plan_bench_v2() -> Manifest:
    """bench-v2: new seed (2027), same splits, scan-2.0 levels, this checkout's generator;
    dev and test documents are scanned by both damage models (each figure can be given
    under ours and under augraphy's), training documents by ours only."""
    from .scan import SCAN_VERSION_2

    return plan_synthetic_corpus(
        BENCH_V2_PLAN["n_docs"],
        BENCH_V2_PLAN["seed"],
        BENCH_LEVELS,
        BENCH_V2_PLAN["split_fractions"],
        name="bench-v2",
        damage_models=BENCH_V2_DAMAGE,
        scan_version=SCAN_VERSION_2,
    )


def build_from_manifest(
    manifest_path: str | Path, out_dir: str | Path = DEFAULT_CORPUS_DIR, *, workers: int = 1
) -> Manifest:
    """Regenerate the corpus a committed (plan) manifest describes, bit for bit.

    The plan is rebuilt from the manifest's seed, splits, levels, scan version and the
    damage models its documents name per split (bench-v1: scan-1.3, ours; bench-v2:
    scan-2.0, both). Refuses when this checkout's generator differs from the manifest's or
    it has no such scan version: the files would not be the ones the manifest names.
    """
    wanted = Manifest.read(Path(manifest_path))
    plan = replan(wanted)
    if plan is None or not plan.same_plan(wanted):
        have = f"{plan.generator_version}/{plan.scan_version}" if plan else "no such scan version"
        raise StaleManifestError(
            f"made by {wanted.generator_version}/{wanted.scan_version}, this checkout "
            f"has {have}; it cannot be regenerated bit for bit",
            path=str(manifest_path),
        )
    built = materialise(plan, Path(out_dir), synthetic_maker(plan), workers)
    _check_hashes(wanted, built)
    return built


def replan(wanted: Manifest) -> Manifest | None:
    """This checkout's plan for a synthetic manifest: its seed, splits, levels, scan version
    and the damage models its documents name per split; None if the version is unknown."""
    per_split = {s: [d.damage_model for d in wanted.documents if d.split == s] for s in SPLITS}
    models = {s: tuple(dict.fromkeys(m)) for s, m in per_split.items()}
    try:
        return plan_synthetic_corpus(wanted.n_docs, wanted.seed, wanted.levels, wanted.split_fractions,
                                     name=wanted.name, damage_models=models, scan_version=wanted.scan_version,
                                     generator_version=wanted.generator_version)  # fmt: skip
    except ValueError:
        return None


def _check_hashes(wanted: Manifest, built: Manifest) -> None:
    """Where the plan recorded hashes, the rebuilt files must have the same."""
    for want, got in zip(wanted.documents, built.documents, strict=True):
        if want.pdf_sha256 and want.pdf_sha256 != got.pdf_sha256:
            raise StaleManifestError(f"{want.id}: regenerated PDF differs from the manifest's hash")


BENCH_V2_MANIFEST = BENCH_MANIFEST.with_name("bench-v2.json")


def write_bench_manifest() -> Path:
    """Write the committed plan ``manifests/bench-v2.json`` (this checkout's generator,
    scan-2.0). ``bench-v1.json`` is frozen: synth-1.9 and scan-1.3 are kept so that it
    rebuilds bit for bit. When the generator or the scan damage changes again, plan a
    ``bench-v3`` beside them rather than rewriting either."""
    plan_bench_v2().write(BENCH_V2_MANIFEST)
    return BENCH_V2_MANIFEST


if __name__ == "__main__":
    print(write_bench_manifest())
