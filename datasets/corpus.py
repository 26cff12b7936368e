"""Build corpora: synthetic documents scanned at graded levels, and scans of real PDFs.

Splits are by *document*: a document (one generator seed) belongs to exactly one split,
whatever its pages. Within each split, documents alternate kind and cycle through the
levels, so every split, the test split above all, covers both kinds and every level.
Corpora are cached: when ``out_dir/manifest.json`` describes the same plan and its
files are intact, nothing is regenerated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .manifest import (
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
) -> Manifest:
    """The manifest of a synthetic corpus before anything is generated (pure, instant)."""
    from .scan import SCAN_LEVELS, SCAN_VERSION
    from .synth import GENERATOR_VERSION

    unknown = [lv for lv in levels if lv not in SCAN_LEVELS]
    if unknown or not levels:
        raise ValueError(f"unknown scan levels {unknown}; choose from {SCAN_LEVELS}")
    weights = dict(split_fractions or DEFAULT_SPLIT_FRACTIONS)
    fractions = {k: v / sum(weights.values()) for k, v in weights.items()}
    docs: list[CorpusDocument] = []
    index = 0
    for split, count in zip(SPLITS, split_sizes(n_docs, fractions), strict=True):
        for j in range(count):
            kind, level = KINDS[j % 2], levels[(j // 2) % len(levels)]
            doc_seed = seed * SEED_STRIDE + index
            doc_id = f"synth-{doc_seed}-{kind}-{level}"
            docs.append(CorpusDocument(id=doc_id, split=split, kind=kind, level=level, seed=doc_seed,  # type: ignore[arg-type]
                                       source="synth", pdf=f"{split}/{doc_id}.pdf", truth=f"{split}/{doc_id}.gt.json"))  # fmt: skip
            index += 1
    return Manifest(name=name, origin="synthetic", generator_version=GENERATOR_VERSION, scan_version=SCAN_VERSION,
                    seed=seed, n_docs=n_docs, levels=list(levels), split_fractions=fractions, documents=docs)  # fmt: skip


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
) -> Manifest:
    """Generate, scan and write a synthetic corpus; return (and write) its manifest."""
    root = Path(out_dir)
    plan = plan_synthetic_corpus(
        n_docs, seed, levels, split_fractions, name=root.name or "synthetic"
    )
    return materialise(plan, root, _make_synthetic, workers)


def materialise(plan: Manifest, root: Path, make, workers: int) -> Manifest:
    """Build every planned document with ``make(doc, root)`` unless the cache holds them."""
    cached = _cached(plan, root)
    if cached is not None:
        return cached
    root.mkdir(parents=True, exist_ok=True)
    jobs = [(doc, str(root)) for doc in plan.documents]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            built = list(pool.map(make, *zip(*jobs, strict=True)))
    else:
        built = [make(doc, r) for doc, r in jobs]
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


def _make_synthetic(doc: CorpusDocument, root: str) -> CorpusDocument:
    """Generate one synthetic document, scan it and write both files (a worker's job)."""
    from .scan import degrade_document
    from .synth import generate_document

    synth = generate_document(doc.seed, doc.kind)  # type: ignore[arg-type]
    pdf, truth = degrade_document(synth.pdf, synth.truth, doc.level, doc.seed)  # type: ignore[arg-type]
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


BENCH_MANIFEST = Path(__file__).parent / "manifests" / "bench-v1.json"
BENCH_PLAN = {"n_docs": 248, "seed": 2026, "split_fractions": {"train": 200, "dev": 16, "test": 32}}


def plan_bench_v1() -> Manifest:
    """The benchmark: 200 training, 16 dev and 32 test documents, all four levels."""
    levels = ("clean", "light", "medium", "heavy")
    return plan_synthetic_corpus(
        BENCH_PLAN["n_docs"],
        BENCH_PLAN["seed"],
        levels,
        BENCH_PLAN["split_fractions"],
        name="bench-v1",
    )


def build_from_manifest(
    manifest_path: str | Path, out_dir: str | Path = DEFAULT_CORPUS_DIR, *, workers: int = 1
) -> Manifest:
    """Regenerate the corpus a committed (plan) manifest describes, bit for bit.

    Refuses when this checkout's generator or scan version differs from the manifest's:
    the files would not be the ones the manifest names.
    """
    wanted = Manifest.read(Path(manifest_path))
    plan = plan_synthetic_corpus(
        wanted.n_docs, wanted.seed, wanted.levels, wanted.split_fractions, name=wanted.name
    )
    if not plan.same_plan(wanted):
        raise StaleManifestError(
            f"made by {wanted.generator_version}/{wanted.scan_version}, this checkout "
            f"has {plan.generator_version}/{plan.scan_version}; it cannot be regenerated bit for bit",
            path=str(manifest_path),
        )
    built = materialise(plan, Path(out_dir), _make_synthetic, workers)
    _check_hashes(wanted, built)
    return built


def _check_hashes(wanted: Manifest, built: Manifest) -> None:
    """Where the plan recorded hashes, the rebuilt files must have the same."""
    for want, got in zip(wanted.documents, built.documents, strict=True):
        if want.pdf_sha256 and want.pdf_sha256 != got.pdf_sha256:
            raise StaleManifestError(f"{want.id}: regenerated PDF differs from the manifest's hash")


def write_bench_manifest() -> Path:
    """Rewrite ``manifests/bench-v1.json`` for this checkout's generator and scan versions
    (do it whenever either version is bumped; the benchmark's seeds and splits stay)."""
    plan_bench_v1().write(BENCH_MANIFEST)
    return BENCH_MANIFEST


if __name__ == "__main__":
    print(write_bench_manifest())
