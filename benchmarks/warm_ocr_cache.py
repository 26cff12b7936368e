"""Fill the OCR page cache of labelled corpora before they are evaluated.

OCR is three quarters of an evaluation's time and the one part a layout or reconciliation
change leaves alone. This runs only the OCR stage over every page of the selected
documents (the eval's own options: every page OCR'd), storing each page under the key
``fiscalocr eval --ocr-cache`` reads (see ``app/page_cache.py``). One process, so the
engine's threads have the machine; pages already cached are skipped.

    .venv/bin/python benchmarks/warm_ocr_cache.py data/real6-s4 --level medium --cache data/ocr-cache
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fiscalocr.app.evaluate import iter_labelled
from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.stages import load_stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="corpus folder or manifest")
    parser.add_argument("--cache", type=Path, required=True, help="the OCR cache folder")
    parser.add_argument("--split", default="test")
    parser.add_argument("--level", action="append", dest="levels", default=[])
    parser.add_argument("--damage", action="append", dest="damage_models", default=[])
    args = parser.parse_args()
    stages = load_stages(ConvertOptions(force_ocr=True), args.cache)
    start, pages = time.perf_counter(), 0
    for item in iter_labelled(args.dataset, args.split, None, args.levels, args.damage_models):
        with stages.open_source(item.pdf) as source:
            for index in range(source.page_count):
                try:
                    stages.read_page(source, index)
                except Exception as error:  # the eval records it again; keep warming
                    print(f"{item.name} p{index + 1}: {error}")
                pages += 1
        print(f"{item.name}: {pages} pages, {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
