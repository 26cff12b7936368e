"""Layout work without re-reading: cache each page's OCR once, then replay layout on it.

OCR costs seconds per page; layout costs a fraction of a second. To improve table grids
on a labelled corpus, read every page once (``cache``), then re-run only the layout stage
and the table join on the cached reads (``replay``), as often as the layout changes, and
list every table whose grid differs from the truth. The cache (pickled
:class:`~fiscalocr.model.PageWork`, raster included) lives under ``data/.cache/pagework``,
keyed by the PDF's sha256, and is never committed. It is not keyed by the code: after a
change to ``ocr/`` (seal removal, orientation, tiling), move the folder aside and cache
again, or the replay measures the old reads (a cache from before the seal and orientation
changes gave 98.4 % of amounts right where fresh reads give 99.4 %).

    .venv/bin/python benchmarks/layout_replay.py cache data/bench-v1/test-medium-2 --split test
    .venv/bin/python benchmarks/layout_replay.py replay data/bench-v1/test-medium-2 --split test -v
    .venv/bin/python benchmarks/layout_replay.py replay data/real-scans-6/medium --reconcile -v
"""

from __future__ import annotations

import argparse
import copy
import gzip
import os
import pickle
import time
from pathlib import Path

from fiscalocr.app.evaluate import iter_labelled
from fiscalocr.app.options import ConvertOptions
from fiscalocr.app.stages import ocr_options
from fiscalocr.model import Document, PageWork, Source

CACHE = Path(os.environ.get("FISCALOCR_PAGEWORK_CACHE", "data/.cache/pagework"))


def _cache_dir(pdf: Path) -> Path:
    from fiscalocr.ocr import file_sha256

    return CACHE / f"{pdf.stem}.{file_sha256(pdf)[:16]}"


def cache_pages(dataset: Path, split: str | None, limit: int | None) -> None:
    from fiscalocr import ocr

    opts = ocr_options(ConvertOptions(force_ocr=True))
    for item in iter_labelled(dataset, split, limit):
        folder = _cache_dir(item.pdf)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        with ocr.open_source(item.pdf) as source:
            for index in range(source.page_count):
                target = folder / f"p{index:04d}.pkl.gz"
                if target.is_file():
                    continue
                work = ocr.read_page(source, index, opts)
                with gzip.open(target.with_suffix(".tmp"), "wb", compresslevel=1) as fh:
                    pickle.dump(work, fh)
                target.with_suffix(".tmp").replace(target)
        print(f"{item.name}: cached in {time.perf_counter() - start:.0f}s")


def load_pages(pdf: Path) -> list[PageWork]:
    """The cached reads of ``pdf`` (trusted: written by :func:`cache_pages` on this machine)."""
    folder = _cache_dir(pdf)
    works = []
    for path in sorted(folder.glob("p*.pkl.gz")):
        with gzip.open(path, "rb") as fh:
            works.append(pickle.load(fh))  # noqa: S301 - our own cache
    return works


def replay_document(pdf: Path, stages) -> Document:
    """The cached reads of ``pdf`` through the pipeline's own layout and join stages
    (``stages``: :func:`fiscalocr.app.stages.load_stages`)."""
    fragments = []
    pages = []
    for work in load_pages(pdf):
        work = copy.deepcopy(work)
        stages.analyse_page(work)
        fragments.extend(work.tables)
        pages.append(work.page)
    doc = Document(source=Source(file=pdf.name, sha256="0" * 64, page_count=len(pages)))
    doc.pages = pages
    doc.tables = stages.join_tables(pages, fragments)
    return doc


def _describe(table) -> str:
    from fiscalocr.eval.grid import canonical_grid

    grid = canonical_grid(table)
    return f"{grid.n_rows}x{grid.n_cols} spans={len(grid.spans())} pages={table.pages}"


def _print_cells(name: str, outcomes) -> None:
    for o in outcomes:
        if o.right_after and not o.repaired:
            continue
        mark = "repaired " if o.repaired else ""
        mark += "flagged " if o.flagged else ""
        state = "right" if o.right_after else "WRONG"
        print(
            f"  {name} {o.truth_table} p{o.page} truth {o.truth_text!r} read {o.ocr_text!r}"
            f" -> {o.read_text!r} {mark}{state}"
        )


def replay(
    dataset: Path, split: str | None, limit: int | None, verbose: bool, with_reconcile: bool
) -> None:
    from fiscalocr.app.stages import load_stages
    from fiscalocr.eval.matching import match_tables
    from fiscalocr.eval.scoring import grid_signature, score_cells, score_repairs

    stages = load_stages(ConvertOptions(force_ocr=True))  # the pipeline's own stages
    tables = exact = cells = right = after = types = sections = pages = 0
    repairs = repairs_right = 0
    for item in iter_labelled(dataset, split, limit):
        doc = replay_document(item.pdf, stages)
        stages.classify(doc, item.pdf)
        if with_reconcile:
            stages.reconcile(doc, item.pdf)  # re-reads suspects from the scan, as at run time
        match = match_tables(doc.tables, item.truth.tables)
        types += sum(
            p.predicted is not None and p.predicted.type == p.truth.type for p in match.pairs
        )
        truth_sections = {p.page: p.section for p in item.truth.pages}
        pages += len(doc.pages)
        sections += sum(p.section == truth_sections.get(p.page) for p in doc.pages)
        if verbose:
            for p in match.pairs:
                if p.predicted is not None and p.predicted.type != p.truth.type:
                    print(
                        f"  {item.name} {p.truth.id} type {p.truth.type} read as {p.predicted.type}"
                    )
            for p in doc.pages:
                if p.section != truth_sections.get(p.page):
                    print(
                        f"  {item.name} page {p.page} section {truth_sections.get(p.page)} read as {p.section}"
                    )
        outcomes = score_cells(match, doc)
        cells += len(outcomes)
        right += sum(o.right_before for o in outcomes)
        after += sum(o.right_after for o in outcomes)
        if with_reconcile:
            counts = score_repairs(match, doc, outcomes)
            repairs += counts.repairs
            repairs_right += counts.repairs_correct
            if verbose:
                _print_cells(item.name, outcomes)
        for pair in match.pairs:
            tables += 1
            ok = pair.predicted is not None and grid_signature(pair.predicted) == grid_signature(
                pair.truth
            )
            exact += ok
            if not ok and verbose:
                got = _describe(pair.predicted) if pair.predicted else "MISSING"
                print(
                    f"  {item.name} {pair.truth.id} ({pair.truth.type}): truth {_describe(pair.truth)} | got {got}"
                )
        for extra in match.extra if verbose else []:
            print(f"  {item.name} extra table {_describe(extra)}")
    print(
        f"table type {types}/{tables} = {types / max(tables, 1):.1%}; "
        f"page section {sections}/{pages} = {sections / max(pages, 1):.1%}; "
        f"grid exact {exact}/{tables} = {exact / max(tables, 1):.1%}; "
        f"numeric cells right (before reconciliation) {right}/{cells} = {right / max(cells, 1):.1%}"
    )
    if with_reconcile:
        print(
            f"after reconciliation {after}/{cells} = {after / max(cells, 1):.2%}; "
            f"repairs {repairs_right}/{repairs} right"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["cache", "replay"])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--split", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--reconcile", action="store_true", help="also reconcile (re-reads the scan's suspects)"
    )
    args = parser.parse_args()
    if args.command == "cache":
        cache_pages(args.dataset, args.split, args.limit)
    else:
        replay(args.dataset, args.split, args.limit, args.verbose, args.reconcile)


if __name__ == "__main__":
    main()
