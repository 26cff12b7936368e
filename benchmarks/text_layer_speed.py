"""Born-digital (text-layer) pages per second, rules from the drawing against the raster.

Converts every PDF of a folder whole (OCR stage, layout, joining, classification,
reconciliation), in one process, twice per file: with the rules read from the page's
drawing commands (the default) and with them found on a 200 dpi render
(``ocr.rules_from_drawings=False``, the path before). The order of the two alternates
from file to file, and both convert the same files in the same run, so their ratio holds
whatever else the machine is doing. It also counts where the two disagree (tables, grid
shapes, amounts), so the speed is never bought with a different answer.

Models are loaded and warmed on the first file before timing.

    .venv/bin/python benchmarks/text_layer_speed.py ../shared/real-pdfs --out out/text-layer-speed.json
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from fiscalocr.app.api import convert
from fiscalocr.app.options import ConvertOptions
from fiscalocr.ocr import OcrOptions

CONFIGS = {
    "drawn": ConvertOptions(),
    "raster": ConvertOptions(ocr=OcrOptions(rules_from_drawings=False)),
}


def _summary(doc) -> tuple[list, Counter]:
    shapes = [(t.pages, t.n_rows, t.n_cols, t.type) for t in doc.tables]
    amounts = Counter(str(c.value) for t in doc.tables for c in t.cells if c.value is not None)
    return shapes, amounts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=Path("out/text-layer-speed.json"))
    args = parser.parse_args()
    pdfs = sorted(args.folder.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDF in {args.folder}")
    for options in CONFIGS.values():
        convert(pdfs[0], options)  # load and warm the models
    seconds = dict.fromkeys(CONFIGS, 0.0)
    pages = 0
    differ = {"tables": 0, "amounts": 0, "files": []}
    text_pages = 0
    for k, pdf in enumerate(pdfs):
        order = list(CONFIGS) if k % 2 == 0 else list(reversed(CONFIGS))
        results = {}
        for name in order:
            start = time.perf_counter()
            doc = convert(pdf, CONFIGS[name])
            seconds[name] += time.perf_counter() - start
            results[name] = _summary(doc)
        pages += len(doc.pages)
        text_pages += sum(p.text_source == "pdf_text" for p in doc.pages)
        (shapes_d, amounts_d), (shapes_r, amounts_r) = results["drawn"], results["raster"]
        changed_tables = sum(a != b for a, b in zip(shapes_d, shapes_r, strict=False))
        changed_tables += abs(len(shapes_d) - len(shapes_r))
        changed_amounts = sum((amounts_d - amounts_r).values()) + sum(
            (amounts_r - amounts_d).values()
        )
        if changed_tables or changed_amounts:
            differ["files"].append(pdf.name)
        differ["tables"] += changed_tables
        differ["amounts"] += changed_amounts
        print(
            f"{pdf.name}: {len(doc.pages)} pages, drawn/raster tables differ {changed_tables}, "
            f"amounts differ {changed_amounts}",
            flush=True,
        )
    result = {
        "files": len(pdfs),
        "pages": pages,
        "text_layer_pages": text_pages,
        "pages_per_second": {name: pages / s for name, s in seconds.items()},
        "raster_seconds_over_drawn": seconds["raster"] / seconds["drawn"],
        "differ": differ,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
