"""The seed-render corpus: each seed in each style, scanned at each level, all ``test``.

Everything here is derived from the seed transcriptions in ``../shared/seeds``: it is
written under git-ignored ``data/`` and is a benchmark only, never training data (every
document is in the ``test`` split). Born-digital renders and their checked truth go to
``<out>/born/``; the scans and their truth to ``<out>/<level>/``, described by
``<out>/manifest.json`` like the real-PDF scans (origin ``realpdf``: truth from a text
layer). A corpus whose plan and files are unchanged is not rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from fiscalocr.model import Document

from .render import SEED_RENDER_VERSION, RenderedSeed, render_name, render_seed
from .styles import STYLE_NAMES

DEFAULT_SEEDS_DIR = Path("../shared/seeds")
DEFAULT_OUT_DIR = Path("data/seed-renders")
BORN_DIR = "born"
RENDERS_RECORD = "renders.json"  # the born renders (PDF, truth hashes) the scans came from


class InexactTruthError(RuntimeError):
    """A render's derived truth does not match its seed: it must not be scored."""


def seed_files(seeds_dir: str | Path) -> list[Path]:
    """The seed transcriptions (``NNN_*.txt``) of a folder, in name order."""
    folder = Path(seeds_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no seeds folder (the seeds live in ../shared/seeds)")
    return sorted(p for p in folder.glob("*.txt") if p.name[:3].isdigit())


def damage_models_for(damage: Sequence[str]) -> list[str]:
    """The damage models to scan with (ours when none is named), checked."""
    from fiscalocr.datasets.scan import DAMAGE_MODELS, DEFAULT_DAMAGE_MODEL

    models = list(dict.fromkeys(damage)) or [DEFAULT_DAMAGE_MODEL]
    unknown = [m for m in models if m not in DAMAGE_MODELS]
    if unknown:
        raise ValueError(f"unknown damage models {unknown}; choose from {DAMAGE_MODELS}")
    return models


def render_all(
    seeds: Sequence[Path], styles: Sequence[str], out_dir: Path, *, allow_inexact: bool = False
) -> list[RenderedSeed]:
    """Render every seed in every style into ``out_dir/born``; refuse inexact truth."""
    renders = [render_seed(s, style, out_dir / BORN_DIR) for s in seeds for style in styles]
    bad = [r for r in renders if not (r.check.exact and not r.off_page)]
    if bad and not allow_inexact:
        lines = [f"{r.name}: {r.check.summary()} off-page {r.off_page}" for r in bad]
        raise InexactTruthError("derived truth is not exact:\n" + "\n".join(lines))
    return renders


def plan_seed_corpus(renders: Sequence[RenderedSeed], levels: Sequence[str], seed: int,
                     damage: Sequence[str] = ()):  # fmt: skip
    """One test document per (render, level, damage model); damage seeds fixed by ``seed``
    (the same for every model, so the models damage the same render with the same seed)."""
    from fiscalocr.datasets.manifest import CorpusDocument, Manifest, sha256_file
    from fiscalocr.datasets.scan import SCAN_LEVELS, SCAN_VERSION

    unknown = [lv for lv in levels if lv not in SCAN_LEVELS]
    if unknown or not levels:
        raise ValueError(f"unknown scan levels {unknown}; choose from {SCAN_LEVELS}")
    from fiscalocr.datasets.corpus import model_suffix

    models = damage_models_for(damage)
    docs = []
    for i, render in enumerate(renders):
        for level in levels:
            for model in models:
                name = f"{render.name}-{level}{model_suffix(model)}"
                docs.append(CorpusDocument(id=f"{render.name}@{level}{model_suffix(model)}", split="test",
                                           kind=render.truth.document.kind, level=level, seed=seed + i,
                                           source=f"{BORN_DIR}/{render.pdf.name}", source_sha256=sha256_file(render.pdf),
                                           pdf=f"{level}/{name}.pdf", truth=f"{level}/{name}.gt.json",
                                           damage_model=model))  # fmt: skip
    return Manifest(name="seed-renders", origin="realpdf", generator_version=SEED_RENDER_VERSION,
                    scan_version=SCAN_VERSION, seed=seed, n_docs=len(renders), levels=list(levels),
                    split_fractions={"test": 1.0}, damage_models=models, documents=docs)  # fmt: skip


def build_seed_corpus(
    seeds_dir: str | Path = DEFAULT_SEEDS_DIR,
    out_dir: str | Path = DEFAULT_OUT_DIR,
    *,
    styles: Sequence[str] = STYLE_NAMES,
    levels: Sequence[str] = ("medium",),
    seed: int = 0,
    damage: Sequence[str] = (),
    only: Sequence[str] = (),
    workers: int = 1,
    allow_inexact: bool = False,
):
    """Render, check, scan and write the corpus; return its manifest and the renders.

    ``only`` keeps the seeds whose file name starts with one of its prefixes (``000``).
    """
    from fiscalocr.datasets.corpus import materialise

    out = Path(out_dir)
    seeds = [s for s in seed_files(seeds_dir) if not only or s.name.startswith(tuple(only))]
    if not seeds:
        raise FileNotFoundError(f"{seeds_dir}: no seed transcriptions match {list(only) or '*'}")
    unknown = [s for s in styles if s not in STYLE_NAMES]
    if unknown:
        raise ValueError(f"unknown styles {unknown}; choose from {STYLE_NAMES}")
    renders = render_all(seeds, styles, out, allow_inexact=allow_inexact)
    plan = plan_seed_corpus(renders, levels, seed, damage)
    _forget_other_renders(renders, out)
    return materialise(plan, out, _scan_render, workers), renders


def _forget_other_renders(renders: Sequence[RenderedSeed], out: Path) -> None:
    """Scans made from another print of a render, or from other truth of it (the truth
    builder changed), are stale: the corpus cache keys on the plan, which names renders,
    not their bytes. ``born/renders.json`` records what the scans were made from; when it
    differs, the manifest is dropped and everything is scanned again."""
    from fiscalocr.datasets.manifest import MANIFEST_FILE

    record = out / BORN_DIR / RENDERS_RECORD
    now = _render_hashes(renders)
    recorded = json.loads(record.read_text("utf-8")) if record.is_file() else None
    if recorded != now and (out / MANIFEST_FILE).is_file():
        (out / MANIFEST_FILE).unlink()
    record.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _render_hashes(renders: Sequence[RenderedSeed]) -> dict[str, list[str]]:
    from fiscalocr.datasets.manifest import sha256_file

    return {
        r.name: [sha256_file(r.pdf), sha256_file(r.pdf.with_suffix(".gt.json"))] for r in renders
    }


def _scan_render(doc, root: str, scan_version: str | None = None):
    """Scan one planned document from its born-digital render (a worker's job)."""
    from fiscalocr.datasets.corpus import write_document
    from fiscalocr.datasets.scan import SCAN_VERSION, degrade_document

    born = Path(root) / doc.source
    truth = Document.model_validate_json(born.with_suffix(".gt.json").read_text("utf-8"))
    pdf, scanned = degrade_document(born.read_bytes(), truth, doc.level, doc.seed,
                                    scan_version=scan_version or SCAN_VERSION, damage_model=doc.damage_model)  # fmt: skip
    scanned.source.file = Path(doc.pdf).name
    return write_document(doc, Path(root), pdf, scanned, doc.source_sha256 or "")


__all__ = [
    "DEFAULT_OUT_DIR",
    "DEFAULT_SEEDS_DIR",
    "InexactTruthError",
    "build_seed_corpus",
    "plan_seed_corpus",
    "render_all",
    "render_name",
    "seed_files",
]
