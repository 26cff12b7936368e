"""OCR engines side by side on dense scanned table pages: amounts read right and time as
a ratio of bare PP-OCRv4, all in one run, on the same pages.

Sets (each a folder of scanned PDFs with their ``.gt.json`` truth): bench-v2 ``medium``
and ``heavy`` test documents (both damage models) and the real-PDF scans at ``medium``.
Dense pages are those whose truth tables hold at least ``--min-amounts`` amounts; a fixed
seed picks ``--pages`` of them per set. Pages are run in chunks of ``--chunk`` pages of one
document, and the order of the configurations rotates from chunk to chunk, so that load
from other processes on a shared machine hits every configuration alike.

Per configuration:
- ``bare``: PaddleOCR 2.10's own ``ocr()`` with PP-OCRv4 and its default detector size
  (960 px, max side), MKL-DNN on, our thread count: the baseline (time 1.00);
- ``ENGINE[+ACCURATE][@SIDE|@fit]``: the whole pipeline (OCR, layout, table joining, classification,
  reconciliation with its re-reads) with that engine (and the cascade's accurate engine
  re-reading doubtful lines and suspects) and detector size (none: the default fixed
  1600 px side; ``@fit``: fitted to the page's text size, ``ocr/detsize.py``), on those pages.

Amounts read right: per page, the truth's amount cells against the amounts of the
pipeline's table cells on that page (bare: the numbers in its lines inside the truth's
tables), matched as bags of values. Time: wall and process CPU seconds, summed per
configuration, each as a ratio of bare's. Models are loaded and warmed before timing.

    .venv/bin/python benchmarks/engine_compare.py --out out/engines.json \\
        --set v2-medium=data/bench-v2/test-medium-heavy-1/test:medium \\
        --set v2-heavy=data/bench-v2/test-medium-heavy-1/test:heavy \\
        --set real-medium=data/real6-s4/medium
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections import Counter, defaultdict
from pathlib import Path

from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.pipeline import convert_document
from fiscalocr.app.stages import load_stages
from fiscalocr.eval.baseline import lines_in_tables, numbers_in_lines
from fiscalocr.model import Document
from fiscalocr.ocr import OcrOptions, bare_page_lines, open_source
from fiscalocr.ocr.detsize import DetectionFit

BAG_DECIMALS = 2
PADDLE_DEFAULT_DET = 960  # PaddleOCR 2.10's det_limit_side_len


def bag(values) -> Counter:
    return Counter(round(v, BAG_DECIMALS) for v in values if v is not None)


def truth_by_page(truth: Document) -> dict[int, Counter]:
    pages: dict[int, Counter] = defaultdict(Counter)
    for table in truth.tables:
        for cell in table.cells:
            if cell.value is not None and not cell.is_header:
                pages[cell.page][round(cell.value, BAG_DECIMALS)] += 1
    return pages


def dense_pages(spec: str, min_amounts: int) -> list[tuple[Path, int, Document]]:
    """(pdf, 1-based page, truth) of every page of the set with enough amounts; ``spec`` is
    ``folder`` or ``folder:substring`` (only PDFs whose name holds it)."""
    folder, _, pattern = spec.partition(":")
    found = []
    for pdf in sorted(Path(folder).glob("*.pdf")):
        if pattern and pattern not in pdf.name:
            continue
        truth = Document.model_validate_json(pdf.with_suffix(".gt.json").read_text("utf-8"))
        for page, amounts in sorted(truth_by_page(truth).items()):
            if sum(amounts.values()) >= min_amounts:
                found.append((pdf, page, truth))
    return found


def parse_config(name: str) -> tuple[str, str | None, int, DetectionFit | None]:
    """``FAST[+ACCURATE][@SIDE|@fit]`` -> (engine, cascade's re-read engine, detector side,
    detection fitted to the text size or not). No suffix: the default fixed 1600 px side;
    ``@SIDE``: another fixed side; ``@fit``: the 1600 px side fitted to the text size."""
    engines, _, side = name.partition("@")
    engine, _, accurate = engines.partition("+")
    if side == "fit":
        return engine, accurate or None, 1600, DetectionFit()
    return engine, accurate or None, int(side or 1600), None


def run_bare(pdf: Path, pages: list[int], truth: Document, threads: int) -> tuple[dict, dict]:
    options = OcrOptions(
        engine="ppocrv4", det_limit_side_len=PADDLE_DEFAULT_DET, cpu_threads=threads
    )
    right: dict = {}
    with open_source(pdf) as source:
        for page in pages:
            lines = lines_in_tables(truth, page, bare_page_lines(source, page - 1, options))
            right[page] = bag(numbers_in_lines(lines))
    return right, {}


def run_pipeline(pdf: Path, pages: list[int], config: str, threads: int) -> tuple[dict, dict]:
    engine, accurate, side, fit = parse_config(config)
    ocr = OcrOptions(
        engine=engine,
        reread_engine=accurate,
        cpu_threads=threads,
        det_limit_side_len=side,
        det_fit=fit,
    )
    options = ConvertOptions(pages=tuple(pages), ocr=ocr)
    stages = load_stages(options)
    doc = convert_document(pdf, options, stages=stages)
    found: dict = defaultdict(Counter)
    for table in doc.tables:
        for cell in table.cells:
            if cell.value is not None and not cell.is_header:
                found[cell.page][round(cell.value, BAG_DECIMALS)] += 1
    return dict(found), {t.stage: t.seconds for t in doc.timings}


def timed(fn, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", action="append", required=True, help="NAME=FOLDER[:PATTERN]")
    parser.add_argument(
        "--config",
        action="append",
        help="ENGINE[+REREAD_ENGINE][@DET_SIDE|@fit] (default: ppocrv4, ppocrv6-small, "
        "ppocrv6-tiny at 1600); +REREAD_ENGINE is the cascade, @fit the fitted detector",
    )
    parser.add_argument("--pages", type=int, default=8, help="pages per set")
    parser.add_argument("--min-amounts", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=2)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    configs = ["bare", *(args.config or ["ppocrv4", "ppocrv6-small", "ppocrv6-tiny"])]
    rng = random.Random(args.seed)

    chunks = []  # (set name, pdf, pages, truth)
    for item in args.set:
        name, _, spec = item.partition("=")
        dense = dense_pages(spec, args.min_amounts)
        chosen = sorted(rng.sample(dense, min(args.pages, len(dense))), key=lambda d: (d[0], d[1]))
        by_pdf: dict[Path, list] = defaultdict(list)
        for pdf, page, truth in chosen:
            by_pdf[pdf].append((page, truth))
        for pdf, items in by_pdf.items():
            pages = [p for p, _ in items]
            for k in range(0, len(pages), args.chunk):
                chunks.append((name, pdf, pages[k : k + args.chunk], items[0][1]))
    print(f"{sum(len(c[2]) for c in chunks)} pages in {len(chunks)} chunks; configs {configs}")

    # warm every engine on the first page (model load and first-call costs are not timed)
    name, pdf, pages, truth = chunks[0]
    for config in configs:
        if config == "bare":
            run_bare(pdf, pages[:1], truth, args.threads)
        else:
            run_pipeline(pdf, pages[:1], config, args.threads)

    totals = {c: defaultdict(lambda: defaultdict(float)) for c in configs}
    for k, (name, pdf, pages, truth) in enumerate(chunks):
        order = configs[k % len(configs) :] + configs[: k % len(configs)]
        expected = truth_by_page(truth)
        for config in order:
            if config == "bare":
                (found, _), wall, cpu = timed(run_bare, pdf, pages, truth, args.threads)
            else:
                (found, _), wall, cpu = timed(run_pipeline, pdf, pages, config, args.threads)
            for group in (name, "all"):
                t = totals[config][group]
                t["pages"] += len(pages)
                t["wall"] += wall
                t["cpu"] += cpu
                for page in pages:
                    t["truth"] += sum(expected[page].values())
                    t["right"] += sum((found.get(page, Counter()) & expected[page]).values())
        print(f"chunk {k + 1}/{len(chunks)} {name} {pdf.name} p{pages} done", flush=True)
        write(args.out, configs, totals, chunks, args)
    write(args.out, configs, totals, chunks, args)
    print(json.dumps(json.loads(args.out.read_text())["table"], indent=1, ensure_ascii=False))


def write(out: Path, configs, totals, chunks, args) -> None:
    table = {}
    for config in configs:
        for group, t in totals[config].items():
            bare = totals["bare"].get(group, {})
            table.setdefault(group, {})[config] = {
                "pages": int(t["pages"]),
                "amounts_right": f"{int(t['right'])}/{int(t['truth'])}",
                "right_pct": round(100 * t["right"] / t["truth"], 2) if t["truth"] else None,
                "wall_vs_bare": round(t["wall"] / bare["wall"], 3) if bare.get("wall") else None,
                "cpu_vs_bare": round(t["cpu"] / bare["cpu"], 3) if bare.get("cpu") else None,
            }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "args": {k: str(v) for k, v in vars(args).items()},
                "pages": [[c[0], c[1].name, c[2]] for c in chunks],
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "table": table,
            },
            indent=1,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
