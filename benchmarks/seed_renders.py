"""Build the out-of-family benchmark: the two seed disclosures rendered by a browser.

The synthetic generator draws every table itself, so its benchmark measures its own
drawing assumptions. Here the seed transcriptions in ``../shared/seeds`` are parsed,
laid out by headless Chromium in styles unlike the generator's (``office``: light-grey
hairlines and a shaded header; ``print``: 1 px black borders, wide tables on landscape
pages, tables flowing over pages with the header repeated; ``print-norepeat``: the same
without the repeated header), their truth taken from the render's text layer by the
real-PDF truth builder and checked cell by cell against the parsed seed, then scanned.
Every document is in the ``test`` split, under git-ignored ``data/``: never train on it.

    .venv/bin/python benchmarks/seed_renders.py --out data/seed-renders --level medium
    .venv/bin/python benchmarks/seed_renders.py --level light,medium,heavy --damage fiscalocr,augraphy
    nice -n 10 .venv/bin/fiscalocr eval data/seed-renders --split test --json out/seeds/metrics.json

Chromium comes from Debian: ``make chromium`` (root: apt-get install -y chromium chromium-driver).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fiscalocr.datasets.seeds.chromium import INSTALL_HINT, find_chromium
from fiscalocr.datasets.seeds.corpus import (
    DEFAULT_OUT_DIR,
    DEFAULT_SEEDS_DIR,
    InexactTruthError,
    build_seed_corpus,
)
from fiscalocr.datasets.seeds.styles import STYLE_NAMES


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS_DIR, help="seed transcriptions")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="corpus folder (git-ignored)")
    ap.add_argument("--level", default="medium", help="scan level(s), comma-separated")
    ap.add_argument(
        "--styles", default=",".join(STYLE_NAMES), help="render styles, comma-separated"
    )
    ap.add_argument("--only", default="", help="seed file prefixes to keep, e.g. 000")
    ap.add_argument(
        "--damage",
        default="",
        help="damage model(s) of degrade_document, comma-separated: fiscalocr (ours, default), augraphy",
    )
    ap.add_argument("--seed", type=int, default=0, help="scan-damage seed")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--allow-inexact", action="store_true", help="write renders whose truth check failed"
    )
    args = ap.parse_args(argv)
    if find_chromium() is None:
        print(f"error: {INSTALL_HINT}", file=sys.stderr)
        return 6
    start = time.perf_counter()
    try:
        manifest, renders = build_seed_corpus(
            args.seeds, args.out, styles=_csv(args.styles), levels=_csv(args.level), seed=args.seed,
            damage=_csv(args.damage), only=_csv(args.only), workers=args.workers,
            allow_inexact=args.allow_inexact,
        )  # fmt: skip
    except (FileNotFoundError, ValueError, InexactTruthError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for render in renders:
        flag = "exact" if render.check.exact and not render.off_page else "NOT EXACT"
        print(f"{render.name}: {len(render.truth.pages)} pages, {render.check.summary()} [{flag}]")
    pages = sum(d.pages or 0 for d in manifest.documents)
    print(f"{len(manifest.documents)} test documents ({pages} pages, scan {manifest.scan_version}) "
          f"in {args.out} [{time.perf_counter() - start:.0f} s]")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
