"""The manifest of a corpus: what was generated, from which seeds and versions, where.

A manifest is enough to regenerate a corpus bit for bit (same generator and scan
versions, damage models and seeds) and to check that a cached corpus is the one asked for (sha256
of every file). Committed manifests under ``datasets/manifests/`` are *plans*: their
documents carry no hashes until built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from fiscalocr.model import Document, InputFileError

Split = Literal["train", "dev", "test"]
SPLITS: tuple[str, ...] = ("train", "dev", "test")
MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = "1"
DEFAULT_DAMAGE_MODEL = "fiscalocr"  # what every manifest before scan-2.0 was scanned with


class StaleManifestError(InputFileError):
    """A manifest this checkout cannot regenerate bit for bit (other generator versions)."""

    code = "stale_manifest"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorpusDocument(_Model):
    """One document of the corpus at one scan level."""

    id: str
    split: Split
    kind: str
    level: str
    seed: int = Field(description="generator seed (synthetic) and scan-damage seed")
    source: str = Field(description="'synth' or the real PDF's file name")
    source_sha256: str | None = None
    pdf: str = Field(description="path of the scanned PDF, relative to the manifest")
    truth: str = Field(description="path of the ground-truth JSON, relative to the manifest")
    pdf_sha256: str | None = None
    truth_sha256: str | None = None
    pages: int | None = None
    damage_model: str = Field(
        default=DEFAULT_DAMAGE_MODEL,
        description="scan-damage model: 'fiscalocr' (ours) or 'augraphy' (independent)",
    )


class Manifest(_Model):
    manifest_version: str = MANIFEST_VERSION
    name: str
    origin: Literal["synthetic", "realpdf"]
    generator_version: str
    scan_version: str
    seed: int
    n_docs: int
    levels: list[str]
    split_fractions: dict[str, float]
    damage_models: list[str] = Field(
        default_factory=lambda: [DEFAULT_DAMAGE_MODEL],
        description="the damage models of the corpus's documents, in plan order",
    )
    documents: list[CorpusDocument] = Field(default_factory=list)

    def same_plan(self, other: Manifest) -> bool:
        """Would both manifests produce the same files? (Hashes aside.)"""
        keys = (
            "origin",
            "generator_version",
            "scan_version",
            "seed",
            "n_docs",
            "levels",
            "split_fractions",
            "damage_models",
        )
        mine = [_plan_key(d) for d in self.documents]
        theirs = [_plan_key(d) for d in other.documents]
        return all(getattr(self, k) == getattr(other, k) for k in keys) and mine == theirs

    def split_counts(self) -> dict[str, int]:
        return {s: sum(1 for d in self.documents if d.split == s) for s in SPLITS}

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.model_dump_json(indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))


def _plan_key(doc: CorpusDocument) -> tuple:
    """What decides a document's bytes (its kind may be learnt only when built)."""
    return (doc.id, doc.split, doc.level, doc.seed, doc.source, doc.pdf, doc.damage_model)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_intact(manifest: Manifest, root: Path) -> bool:
    """Every document's files exist and match their recorded hashes."""
    for doc in manifest.documents:
        pdf, truth = root / doc.pdf, root / doc.truth
        if doc.pdf_sha256 is None or not pdf.is_file() or not truth.is_file():
            return False
        if sha256_file(pdf) != doc.pdf_sha256 or sha256_file(truth) != doc.truth_sha256:
            return False
    return True


class CorpusItem(NamedTuple):
    pdf_path: Path
    truth: Document
    split: str
    level: str
    kind: str
    damage_model: str = DEFAULT_DAMAGE_MODEL


def load_corpus(manifest_path: str | Path, split: str | None = None) -> Iterator[CorpusItem]:
    """Yield each built document (optionally of one split), truth parsed."""
    path = Path(manifest_path)
    manifest = Manifest.read(path)
    for doc in manifest.documents:
        if split is not None and doc.split != split:
            continue
        truth = Document.model_validate_json((path.parent / doc.truth).read_text(encoding="utf-8"))
        yield CorpusItem(
            path.parent / doc.pdf, truth, doc.split, doc.level, doc.kind, doc.damage_model
        )
