"""Scans of real born-digital PDFs with truth derived from their text layer.

Everything written here is derived from the real PDFs, which must never be committed:
the default folder ``data/real-scans/`` is git-ignored. All documents go to the
``test`` split: the real PDFs are a benchmark, never training data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .corpus import DEFAULT_REAL_SCANS_DIR, materialise, model_suffix, models_by_split
from .manifest import DEFAULT_DAMAGE_MODEL, CorpusDocument, Manifest, sha256_file

REALPDF_TRUTH_VERSION = "realpdf-1.2"  # bump when derive_ground_truth changes


def plan_realpdf_corpus(
    src: str | Path,
    levels: Sequence[str],
    seed: int,
    *,
    damage_models: Sequence[str] = (DEFAULT_DAMAGE_MODEL,),
    scan_version: str | None = None,
) -> Manifest:
    """One entry per (real PDF, level, damage model); ``src`` is a folder of PDFs or one
    PDF. Folders are ``<level>`` for our model, ``<level>-<model>`` for another."""
    from .scan import SCAN_VERSION

    version = scan_version or SCAN_VERSION
    models = models_by_split(damage_models, version)["test"]
    pdfs = _pdfs(Path(src))
    docs = []
    for i, pdf in enumerate(pdfs):
        for level in levels:
            for model in models:
                folder = f"{level}{model_suffix(model)}"
                docs.append(CorpusDocument(id=f"{pdf.stem}@{folder}", split="test", kind="unknown", level=level,
                                           seed=seed + i, source=str(pdf.resolve()), source_sha256=sha256_file(pdf),
                                           pdf=f"{folder}/{pdf.stem}.pdf", truth=f"{folder}/{pdf.stem}.gt.json",
                                           damage_model=model))  # fmt: skip
    return Manifest(name="real-scans", origin="realpdf", generator_version=REALPDF_TRUTH_VERSION, scan_version=version,
                    seed=seed, n_docs=len(pdfs), levels=list(levels), split_fractions={"test": 1.0},
                    damage_models=list(models), documents=docs)  # fmt: skip


def _pdfs(src: Path) -> list[Path]:
    if src.is_file():
        return [src]
    if not src.is_dir():
        raise FileNotFoundError(f"{src}: no such PDF or folder")
    return sorted(p for p in src.iterdir() if p.suffix.lower() == ".pdf")


def build_realpdf_corpus(
    src_dir: str | Path,
    out_dir: str | Path = DEFAULT_REAL_SCANS_DIR,
    level: str = "medium",
    seed: int = 0,
    *,
    workers: int = 1,
    damage_models: Sequence[str] = (DEFAULT_DAMAGE_MODEL,),
) -> Manifest:
    """Scan every PDF of ``src_dir`` at ``level`` and write it with its derived truth."""
    return build_realpdf_levels(
        src_dir, out_dir, [level], seed, workers=workers, damage_models=damage_models
    )


def build_realpdf_levels(
    src_dir: str | Path,
    out_dir: str | Path,
    levels: Sequence[str],
    seed: int,
    *,
    workers: int = 1,
    damage_models: Sequence[str] = (DEFAULT_DAMAGE_MODEL,),
    scan_version: str | None = None,
) -> Manifest:
    """As :func:`build_realpdf_corpus`, at several levels (and damage models) into one
    manifest."""
    plan = plan_realpdf_corpus(
        src_dir, levels, seed, damage_models=damage_models, scan_version=scan_version
    )
    return materialise(plan, Path(out_dir), _make_real, workers)


def _make_real(doc: CorpusDocument, root: str, scan_version: str) -> CorpusDocument:
    from .corpus import write_document
    from .realpdf import derive_ground_truth
    from .scan import degrade_document

    source = Path(doc.source)
    truth = derive_ground_truth(source)
    pdf, scanned = degrade_document(source.read_bytes(), truth, doc.level, doc.seed,  # type: ignore[arg-type]
                                    scan_version=scan_version, damage_model=doc.damage_model)  # fmt: skip
    built = write_document(doc, Path(root), pdf, scanned, doc.source_sha256 or "")
    return built.model_copy(update={"kind": truth.document.kind})
