"""Small scanned-looking samples the project made itself (see make_samples.py).

They ship as package data, so an installed fiscalocr can convert one from any folder:
``fiscalocr.datasets.samples.sample_path("budget-summary-light")``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_names() -> list[str]:
    """The bundled samples' names (PDF stems), sorted."""
    folder = files(__name__)
    return sorted(p.name.removesuffix(".pdf") for p in folder.iterdir() if p.name.endswith(".pdf"))


def sample_path(name: str, suffix: str = ".pdf") -> Path:
    """Path of a bundled sample (``suffix=".gt.json"`` for its truth); KeyError if unknown."""
    if name not in sample_names():
        raise KeyError(f"no bundled sample {name!r} (there are: {', '.join(sample_names())})")
    return Path(str(files(__name__) / f"{name}{suffix}"))
