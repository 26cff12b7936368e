"""Measure the layout stage: share of tables whose grid (rows, columns, spans) is exact.

Two sources of tables with known ground truth:

* ``specimens``: random tables drawn with :mod:`fiscalocr.testing.specimen` (nested
  headers, split 类/款/项 or single code columns, wrapped labels, blank cells), ruled four
  ways (full, no outer border, horizontal rules only, 三线表) as ``plain``, and the styles
  scans showed to fail (``grey`` hairlines, ``open_right`` cut by the page edge, ``wide``
  12-16 narrow columns under 3-line headers, ``unruled``, ``continuation`` on a second
  page without its header, joined); damaged at the benchmark's four levels (blur,
  noise, JPEG, faded and broken rules, residual skew) and by the poor scanner of
  :mod:`fiscalocr.testing.specimen_scan` (``scan-medium``, ``scan-heavy``); reported per
  style and per damage, with the share of amounts in the right cell;
* ``synth``: documents of ``fiscalocr.datasets.synth.generate_document`` (when that
  package is present), every page rendered and read back, tables joined across pages and
  compared with ``Document.tables``.

Lines come from the PDF text layer (exact text, per-character boxes), so the figures
measure the grid and the placement, not OCR.

    .venv/bin/python benchmarks/layout_grid.py --specimens 40 --docs 6
    .venv/bin/python benchmarks/layout_grid.py --styles grey,wide --levels scan-heavy --docs 0 --real-pages 0
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from fiscalocr.layout import analyse_page, join_tables
from fiscalocr.layout.geometry import RuleLine
from fiscalocr.layout.grid import build_grid
from fiscalocr.layout.options import DEFAULT_OPTIONS
from fiscalocr.layout.pieces import line_pieces
from fiscalocr.layout.placement import place_text
from fiscalocr.layout.regions import group_regions, is_underlined_prose
from fiscalocr.layout.rules import merge_collinear
from fiscalocr.layout.tables import make_fragment
from fiscalocr.layout.textgrid import complete_rules
from fiscalocr.model import Line, PageWork, Table
from fiscalocr.model.geometry import iou
from fiscalocr.testing.specimen import page_work, text_layer_lines
from fiscalocr.testing.specimen_bench import (
    amounts_right,
    content,
    spec_table,
    specimen_pages,
    structure,
)
from fiscalocr.testing.specimen_random import SPECIMEN_STYLES, styled_spec
from fiscalocr.testing.specimen_scan import LEVELS, damage


def teds_pair(predicted: Table | None, truth: Table) -> tuple[float, float]:
    """(TEDS-structure, TEDS) when fiscalocr.eval is present, else NaN."""
    try:
        from fiscalocr.eval.teds import teds
    except ImportError:
        return float("nan"), float("nan")
    return teds(predicted, truth, structure_only=True), teds(predicted, truth)


SPECIMEN_LEVELS = (*LEVELS, "scan-medium", "scan-heavy")
"""The benchmark's own four damage levels at ``--dpi``, and the poor scanner of
:mod:`fiscalocr.testing.specimen_scan` (150 dpi JPEG 45 blur; 110 dpi JPEG 28 faded)."""


def run_specimens(count: int, seed: int, dpi: float, styles: list[str], levels: list[str]) -> None:
    """``count`` random specimens per style, each at every damage level."""
    nrng = np.random.default_rng(seed)
    hits: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0.0, 0, 0])
    for style in styles:
        rng = random.Random(seed if style == "plain" else f"{seed}-{style}")
        for index in range(count):
            specimen = styled_spec(rng, style)
            kind = f"plain:{specimen.specs[0].rules}" if style == "plain" else style
            truth_spec = specimen.joined or specimen.specs[0]
            truth_grid = structure(truth_spec.n_rows, truth_spec.n_cols, truth_spec.cells)
            truth_text = content(truth_spec.cells)
            truth_table = spec_table(truth_spec)
            for level in levels:
                works = specimen_pages(specimen, level, dpi, nrng, seed + index)
                for work in works:
                    analyse_page(work)
                fragments = [t for w in works for t in w.tables]
                found = join_tables([w.page for w in works], fragments)
                got = found[0] if len(found) == 1 and len(found[0].pages) == len(works) else None
                grid_ok = got is not None and (
                    structure(got.n_rows, got.n_cols, got.cells) == truth_grid
                )
                text_ok = grid_ok and content(got.cells) == truth_text
                teds_s, _ = teds_pair(got, truth_table)
                n_amounts, right = amounts_right(got, truth_spec)
                for key in {(kind, level), (style, level), ("all", level)}:
                    row = hits[key]
                    for k, v in enumerate((1, grid_ok, text_ok, teds_s, n_amounts, right)):
                        row[k] += v
    print(f"specimens: {count} random tables per style, dpi {dpi} (scan-* levels: their own)")
    print(
        f"{'style':<18}{'level':<13}{'tables':>7}{'grid exact':>12}{'grid+text':>11}"
        f"{'TEDS-S':>8}{'amounts right':>15}"
    )
    for (style, level), (n, g, t, ts, na, ar) in sorted(
        hits.items(), key=lambda kv: (kv[0][0] == "all", kv[0][0], levels.index(kv[0][1]))
    ):
        print(
            f"{style:<18}{level:<13}{n:>7}{g / n:>12.1%}{t / n:>11.1%}{ts / n:>8.3f}"
            f"{ar / max(na, 1):>15.2%}"
        )


def run_synth(docs: int, seed: int, dpi: float) -> None:
    try:
        from fiscalocr.datasets.synth import generate_document
    except ImportError:
        print("synth: fiscalocr.datasets.synth.generate_document not available; skipped")
        return
    import pymupdf

    total = exact = 0
    failures: list[str] = []
    for k in range(docs):
        synth = generate_document(seed + k)
        doc = pymupdf.open(stream=synth.pdf, filetype="pdf")
        pages_with_tables = sorted({p for t in synth.truth.tables for p in t.pages})
        works = []
        for number in pages_with_tables:
            work = page_work(doc[number - 1], number, dpi=dpi)
            analyse_page(work)
            works.append(work)
        found = join_tables([w.page for w in works], [t for w in works for t in w.tables])
        for truth in synth.truth.tables:
            total += 1
            match = next(
                (t for t in found if t.pages == truth.pages and t.title == truth.title), None
            )
            match = match or next((t for t in found if t.pages[0] == truth.pages[0]), None)
            ok = match is not None and structure(
                match.n_rows, match.n_cols, match.cells
            ) == structure(truth.n_rows, truth.n_cols, truth.cells)
            exact += ok
            if not ok:
                got = f"{match.n_rows}x{match.n_cols} pages {match.pages}" if match else "none"
                failures.append(
                    f"{synth.name} {truth.id} {truth.title} {truth.n_rows}x{truth.n_cols} pages {truth.pages}: got {got}"
                )
    print(
        f"synth: {docs} documents, {total} tables, grid exact {exact}/{total} = {exact / max(total, 1):.1%} (clean render, dpi {dpi})"
    )
    for line in failures[:15]:
        print("  miss:", line)


REAL_PDFS = Path(__file__).resolve().parents[2] / "shared" / "real-pdfs"


def vector_rules(page) -> list[RuleLine]:
    """The page's printed rules read from its vector drawings (exact, no raster)."""
    rules = []
    turn = page.rotation_matrix  # drawings come in the unrotated frame; text is displayed
    for path in page.get_drawings():
        colour = path.get("fill") if path.get("type") == "f" else path.get("color")
        if colour is not None and sum(colour) / len(colour) > 0.9:
            continue  # white fills and strokes: backgrounds, not rules
        for item in path["items"]:
            if item[0] == "l":
                a, b = item[1] * turn, item[2] * turn
                (x0, y0), (x1, y1) = (a.x, a.y), (b.x, b.y)
                if abs(y1 - y0) < 0.5:
                    rules.append(RuleLine("h", y0, min(x0, x1), max(x0, x1)))
                elif abs(x1 - x0) < 0.5:
                    rules.append(RuleLine("v", x0, min(y0, y1), max(y0, y1)))
            elif item[0] == "re":
                r = item[1] * turn
                if r.height < 2 and r.width >= 2:
                    rules.append(RuleLine("h", (r.y0 + r.y1) / 2, r.x0, r.x1))
                elif r.width < 2 and r.height >= 2:
                    rules.append(RuleLine("v", (r.x0 + r.x1) / 2, r.y0, r.y1))
    return merge_collinear(rules, DEFAULT_OPTIONS.snap_pt, DEFAULT_OPTIONS.gap_bridge_pt)


def grids_from_rules(rules: list[RuleLine], lines) -> list[Table]:
    """Table fragments built from given rules (the layout stage minus raster detection)."""
    pieces = line_pieces(lines, DEFAULT_OPTIONS.min_column_gap_pt)
    tables = []
    for region in group_regions(rules, lines, DEFAULT_OPTIONS):
        if is_underlined_prose(region, lines):  # fill-in blanks of narrative text: no table
            continue
        grid = build_grid(complete_rules(region, pieces, DEFAULT_OPTIONS), DEFAULT_OPTIONS)
        if grid.n_rows * grid.n_cols < 2:
            continue
        placed, _ = place_text(grid, lines, DEFAULT_OPTIONS)
        tables.append(make_fragment(grid, placed, 1, len(tables) + 1))
    return tables


def paddle_reader():
    """(lines-from-image, crop recogniser) through the OCR stage's engine, no char boxes."""
    from fiscalocr.ocr import OcrOptions, load_engine
    from fiscalocr.ocr.bare import lines_from_paddle_result

    engine = load_engine(OcrOptions(engine="ppocrv4"))

    def read(image: np.ndarray, px_per_pt: float) -> list[Line]:
        bgr = np.ascontiguousarray(image[:, :, ::-1]) if image.ndim == 3 else image
        return lines_from_paddle_result(engine.paddle_ocr(bgr), px_per_pt)

    return read, engine.recognizer()


def _best_match(tables: list[Table], truth: Table) -> Table | None:
    got = max(tables, key=lambda t: iou(t.regions[0].bbox, truth.regions[0].bbox), default=None)
    return (
        got if got is not None and iou(got.regions[0].bbox, truth.regions[0].bbox) >= 0.5 else None
    )


def _values_right(got: Table | None, truth: Table) -> tuple[int, int]:
    """(numeric truth cells, of them read with exactly the right value)."""
    numeric = [c for c in truth.cells if c.value is not None]
    if got is None:
        return len(numeric), 0
    right = 0
    for cell in numeric:
        mine = got.cell_at(cell.row, cell.col)
        right += mine is not None and mine.value == cell.value
    return len(numeric), right


def run_real(
    levels: list[str], dpi: float, seed: int, max_pages: int, use_ocr: bool = False, stride: int = 1
) -> None:
    """Real PDFs: grids from the damaged raster against grids from the vector rules."""
    if not REAL_PDFS.exists():
        print(f"real: {REAL_PDFS} absent; skipped")
        return
    import pymupdf

    reader, recogniser = paddle_reader() if use_ocr else (None, None)
    nrng = np.random.default_rng(seed)
    stats = {level: [0, 0, 0.0, 0.0, 0, 0] for level in levels}
    misses: list[str] = []
    pages_done = seen = 0
    for path in sorted(REAL_PDFS.glob("*.pdf")):
        doc = pymupdf.open(path)
        for page in doc:
            lines = text_layer_lines(page)
            truths = grids_from_rules(vector_rules(page), lines)
            if not truths or pages_done >= max_pages:
                continue
            seen += 1
            if (seen - 1) % stride:
                continue
            pages_done += 1
            clean = page_work(page, page.number + 1, dpi=dpi, lines=lines)
            for level in levels:
                image = damage(clean.image, level, clean.px_per_pt, nrng)
                work = PageWork(
                    page=clean.page.model_copy(deep=True), image=image, px_per_pt=clean.px_per_pt
                )
                if reader is not None:
                    work.page.lines = reader(image, clean.px_per_pt)
                analyse_page(work, recognizer=recogniser)
                for truth in truths:
                    got = _best_match(work.tables, truth)
                    ok = got is not None and structure(
                        got.n_rows, got.n_cols, got.cells
                    ) == structure(truth.n_rows, truth.n_cols, truth.cells)
                    ts, tc = teds_pair(got, truth)
                    numeric, right = (
                        _values_right(got, truth) if ok else (_values_right(None, truth))
                    )
                    row = stats[level]
                    for k, v in enumerate((1, ok, ts, tc, numeric, right)):
                        row[k] += v
                    if not ok:
                        shape = f"{got.n_rows}x{got.n_cols}" if got else "none"
                        misses.append(
                            f"{level} {path.name} p{page.number + 1}: truth {truth.n_rows}x{truth.n_cols}, got {shape}"
                        )
    source = "PaddleOCR PP-OCRv4 lines" if use_ocr else "text-layer lines"
    print(
        f"real PDFs: {pages_done} table pages, {source}; truth = grid from the PDF's vector rules + text layer, dpi {dpi}"
    )
    print(
        f"{'level':<8}{'tables':>7}{'grid exact':>12}{'TEDS-S':>8}{'TEDS':>8}{'values right':>14}"
    )
    for level, (n, g, ts, tc, num, right) in stats.items():
        if n:
            print(
                f"{level:<8}{n:>7}{g / n:>12.1%}{ts / n:>8.3f}{tc / n:>8.3f}{right / max(num, 1):>14.1%}"
            )
    for line in misses[:20]:
        print("  miss:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--specimens", type=int, default=40, help="random tables per style")
    parser.add_argument("--styles", default=",".join(SPECIMEN_STYLES))
    parser.add_argument("--levels", default=",".join(SPECIMEN_LEVELS))
    parser.add_argument("--docs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dpi", type=float, default=150.0)
    parser.add_argument("--real-pages", type=int, default=400, help="0 skips the real PDFs")
    parser.add_argument("--real-levels", default="clean,medium")
    parser.add_argument(
        "--ocr", action="store_true", help="real PDFs read by PaddleOCR, not the text layer"
    )
    parser.add_argument("--stride", type=int, default=1, help="every n-th real table page")
    args = parser.parse_args()
    start = time.time()
    if args.specimens:
        run_specimens(
            args.specimens, args.seed, args.dpi, args.styles.split(","), args.levels.split(",")
        )
    if args.docs:
        run_synth(args.docs, args.seed, args.dpi)
    if args.real_pages:
        run_real(
            args.real_levels.split(","), args.dpi, args.seed, args.real_pages, args.ocr, args.stride
        )
    print(f"({time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
