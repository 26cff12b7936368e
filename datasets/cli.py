"""The entry point behind ``fiscalocr synth`` (wired by the app)."""

from __future__ import annotations

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
) -> Manifest:
    """Write a synthetic corpus (or, with ``from_pdf``, scans of real PDFs) to ``out_dir``.

    ``from_pdf`` is a folder of born-digital PDFs or one PDF; ``n_docs`` is then ignored.
    Returns the manifest, also written as ``out_dir/manifest.json``.
    """
    if from_pdf is not None:
        return build_realpdf_levels(from_pdf, out_dir, levels, seed, workers=workers)
    return build_synthetic_corpus(out_dir, n_docs, seed, levels, workers=workers)
