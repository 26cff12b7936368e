"""The entry point behind ``fiscalocr synth`` (wired by the app)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .corpus import build_synthetic_corpus
from .corpus_real import build_realpdf_levels
from .manifest import Manifest


def synth_command(
    out_dir: Path,
    n_docs: int,
    seed: int,
    levels: list[str],
    from_pdf: Path | None = None,
    *,
    workers: int = 1,
    damage: str = "fiscalocr",
) -> Manifest:
    """Write a synthetic corpus (or, with ``from_pdf``, scans of real PDFs) to ``out_dir``.

    ``from_pdf`` is a folder of born-digital PDFs or one PDF; ``n_docs`` is then ignored.
    ``damage`` is ``fiscalocr`` (ours), ``augraphy`` (independent) or ``both`` (every
    document scanned by each). Returns the manifest, also written as
    ``out_dir/manifest.json``.
    """
    models = damage_models_for(damage)
    if from_pdf is not None:
        return build_realpdf_levels(
            from_pdf, out_dir, levels, seed, workers=workers, damage_models=models
        )
    return build_synthetic_corpus(
        out_dir, n_docs, seed, levels, workers=workers, damage_models=models
    )


DAMAGE_CHOICES = ("fiscalocr", "augraphy", "both")


def damage_models_for(damage: str) -> Sequence[str]:
    """The damage models a ``--damage`` choice names."""
    if damage not in DAMAGE_CHOICES:
        raise ValueError(f"unknown damage {damage!r}; choose from {DAMAGE_CHOICES}")
    return ("fiscalocr", "augraphy") if damage == "both" else (damage,)
