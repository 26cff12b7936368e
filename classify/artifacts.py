"""Saving and loading the trained artefacts safely.

Pipelines are stored with skops (no arbitrary pickle) and loaded with an explicit list
of trusted types; on top, each file's sha256 must match the model card written beside
it, so a swapped or truncated file is refused with a clear message instead of loaded.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fiscalocr.model import ModelArtifactError

TABLE_MODEL = "table_type.skops"
SECTION_MODEL = "section.skops"
SEQUENCE_MODEL = "section_sequence.json"
MODEL_CARD = "classifiers_card.json"
ARTIFACTS = (TABLE_MODEL, SECTION_MODEL, SEQUENCE_MODEL)

# Types skops may rebuild beyond its own safe defaults: only our own feature transformers.
TRUSTED_TYPES = [
    "fiscalocr.classify.transformers.BinnedTokens",
    "fiscalocr.classify.transformers.FieldText",
    "fiscalocr.classify.transformers.NumericFields",
    "fiscalocr.classify.transformers.TitleKeywords",
]


@dataclass(frozen=True)
class Classifiers:
    """The loaded models: table type and section Pipelines, section order model, card."""

    table: Any
    section: Any
    sequence: dict
    card: dict


def default_models_dir() -> Path:
    """The bundled artefacts: package data of ``fiscalocr.models`` (the repository's
    ``models/`` folder in an editable install, ``site-packages/fiscalocr/models`` from a
    wheel). Found through ``importlib.resources`` so it holds wherever fiscalocr is
    installed; the package is unzipped on disk, so the folder is a real path."""
    from importlib.resources import files

    return Path(str(files("fiscalocr.models")))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _compact_vocabularies(estimator: Any) -> None:
    """Turn fitted vocabularies' numpy-int values into ints.

    skops writes every numpy scalar as its own file inside the archive; a 30k-entry
    vocabulary of plain ints is one small JSON object instead.
    """
    vocabulary = getattr(estimator, "vocabulary_", None)
    if isinstance(vocabulary, dict):
        estimator.vocabulary_ = {str(k): int(v) for k, v in vocabulary.items()}
    for child in getattr(estimator, "steps", []) + getattr(estimator, "transformer_list", []):
        _compact_vocabularies(child[1])


def save_pipeline(pipeline: Any, path: Path) -> None:
    """Write a Pipeline with skops (compressed) and check it needs only trusted types."""
    import zipfile

    import skops.io as sio

    _compact_vocabularies(pipeline)
    sio.dump(pipeline, path, compression=zipfile.ZIP_DEFLATED)
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelArtifactError(
            f"{path.name} needs types not in TRUSTED_TYPES: {sorted(untrusted)}"
        )


def _verified(models_dir: Path, card: dict, name: str) -> Path:
    path = models_dir / name
    if not path.is_file():
        raise ModelArtifactError(
            f"classifier artefact {name} is missing from {models_dir}; "
            "run benchmarks/train_classifiers.py to train it",
            path=str(path),
        )
    expected = card.get("artifacts", {}).get(name, {}).get("sha256")
    if expected != sha256_of(path):
        raise ModelArtifactError(
            f"{name} does not match the sha256 in {MODEL_CARD} (file changed or card stale)",
            path=str(path),
        )
    return path


def _read_card(models_dir: Path) -> dict:
    path = models_dir / MODEL_CARD
    if not path.is_file():
        raise ModelArtifactError(
            f"no classifier model card {MODEL_CARD} in {models_dir}; train the classifiers first",
            path=str(path),
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelArtifactError(f"unreadable model card: {exc}", path=str(path)) from exc


def _load_skops(path: Path) -> Any:
    import skops.io as sio

    try:
        return sio.load(path, trusted=TRUSTED_TYPES)
    except Exception as exc:  # skops raises several types for bad or untrusted files
        raise ModelArtifactError(f"cannot load {path.name}: {exc}", path=str(path)) from exc


@functools.lru_cache(maxsize=4)
def _load_cached(models_dir: Path, card_stamp: int) -> Classifiers:
    card = _read_card(models_dir)
    paths = {name: _verified(models_dir, card, name) for name in ARTIFACTS}
    return Classifiers(
        table=_load_skops(paths[TABLE_MODEL]),
        section=_load_skops(paths[SECTION_MODEL]),
        sequence=json.loads(paths[SEQUENCE_MODEL].read_text(encoding="utf-8")),
        card=card,
    )


def load_classifiers(models_dir: Path | None = None) -> Classifiers:
    """Load the trained classifiers once per folder (default: the repo's ``models/``).

    Raises :class:`ModelArtifactError` when a file is missing, fails its hash check or
    holds types outside :data:`TRUSTED_TYPES`.
    """
    folder = Path(models_dir or default_models_dir()).resolve()
    card = folder / MODEL_CARD
    # The card's mtime is part of the cache key: a retrain in the same process reloads.
    return _load_cached(folder, card.stat().st_mtime_ns if card.is_file() else 0)
