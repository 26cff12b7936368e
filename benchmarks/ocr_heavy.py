"""Where does the OCR stage lose amounts on poor archive copies? Per page and per effect.

A fixed set of table pages (synthetic: one page each from ``generate_document(SEED + i)``;
real: with ``--real``, a table page of a few ``../shared/real-pdfs`` PDFs, written under
git-ignored ``out/`` only) is scanned with scan-2.0 at each level of both damage models
and read by the pipeline's own ``fiscalocr.ocr.read_page``. Scans are frozen on first use
(``out/ocr_heavy/scans``), so a later change to the damage code does not move a
before/after comparison; ``--rescan`` redoes them.

Every truth cell with a value is one amount, located by its truth text box. Verdicts:

- exact: an OCR line over the box (vertical overlap >= half the box) holds the amount as
  printed, not inside a longer number;
- orientation: the page was read at another quarter turn than the scan's;
- skew: the page's deskew is off by more than ``SKEW_TOL_DEG``;
- separator: the line over it has the digits right but other separators (``21.968.00``);
- recognition: OCR boxes cover at least ``COVERED`` of the box's width, text wrong;
- dropped: the detector has a box over it (detected again on the page as read, outside
  the timing), but no line was kept there (read below ``min_line_conf``);
- detection: no box (or too little of one) over it.

    nice -n 10 .venv/bin/python benchmarks/ocr_heavy.py --label before
    nice -n 10 .venv/bin/python benchmarks/ocr_heavy.py --label before --real --levels heavy
    .venv/bin/python benchmarks/ocr_heavy.py --compare out/ocr_heavy/before.json out/ocr_heavy/after.json
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 7300  # page choice and damage seeds; not the damage sweep's 4242 (looked at there)
N_SYNTH = 6
KINDS = ("budget", "final_account")
REAL_PDFS = ("js-high-court-2017-budget", "js-cppcc-office-2018-budget-tables",
             "sh-putuo-justice-bureau-2026-budget", "sh-putuo-planning-resources-2024-final-account")  # fmt: skip
HEAVY_SEEDS = 2  # heavy scans per page and model (more effects drawn)
SKEW_TOL_DEG = 0.5
COVERED = 0.5
SEPARATORS = ".,:;·，。：；、"
VERDICTS = ("exact", "separator", "recognition", "dropped", "detection", "orientation", "skew")
OUT = Path("out/ocr_heavy")


def synth_pages(n: int):
    from fiscalocr.datasets.subset import subset_document
    from fiscalocr.datasets.synth import generate_document

    pages = []
    for i in range(n):
        synth = generate_document(SEED + i, KINDS[i % 2])  # type: ignore[arg-type]
        pages.append((f"synth{i}", *_richest(synth.pdf, synth.truth, subset_document)))
    return pages


def real_pages(root: Path):
    from fiscalocr.datasets.realpdf import derive_ground_truth
    from fiscalocr.datasets.subset import subset_document

    pages = []
    for name in REAL_PDFS:
        path = root / f"{name}.pdf"
        if path.is_file():
            pages.append(
                (
                    f"real:{name}",
                    *_richest(path.read_bytes(), derive_ground_truth(path), subset_document),
                )
            )
    return pages  # fmt: skip


def _richest(pdf: bytes, truth, subset_document):
    """The page of single-page tables with the most amounts."""
    counts = Counter(
        t.pages[0]
        for t in truth.tables
        if len(t.pages) == 1
        for c in t.cells
        if c.value is not None
    )
    page = max(counts, key=lambda p: (counts[p], -p))
    return subset_document(pdf, truth, [page])  # fmt: skip


def scans(pages, levels, models, rescan: bool):
    """(page id, level, model, seed, scan pdf, scan truth), frozen under OUT/scans."""
    from fiscalocr.datasets.scan import degrade_document
    from fiscalocr.model import Document

    out = []
    for p, (pid, pdf, truth) in enumerate(pages):
        for model in models:
            for level in levels:
                for k in range(HEAVY_SEEDS if level == "heavy" else 1):
                    seed = SEED + 100 * k + p
                    key = OUT / "scans" / f"{pid.replace(':', '_')}-{model}-{level}-{seed}"
                    if rescan or not key.with_suffix(".pdf").is_file():
                        key.parent.mkdir(parents=True, exist_ok=True)
                        data, scanned = degrade_document(
                            pdf, truth, level, seed, damage_model=model
                        )  # type: ignore[arg-type]
                        key.with_suffix(".pdf").write_bytes(data)
                        key.with_suffix(".json").write_text(scanned.model_dump_json(by_alias=True))
                    scanned = Document.model_validate_json(key.with_suffix(".json").read_text())
                    out.append((pid, level, model, seed, key.with_suffix(".pdf"), scanned))
    return out  # fmt: skip


def effects(level: str, model: str, seed: int) -> str:
    """The drawn damage of a one-page scan, in a few words, as the damage code draws it
    now (the scan's own dpi and turn are the frozen truth's, see ``read_all``)."""
    import numpy as np

    from fiscalocr.datasets.scan.degrade import SCAN_VERSION, damage_drawer, damage_seed

    d = damage_drawer(SCAN_VERSION, model, level)(
        np.random.default_rng(damage_seed(SCAN_VERSION, model, level, seed))
    )
    words = [f"q{d.jpeg_quality}"]
    words += [f"fade{d.ink_fade:.2f}"] if d.ink_fade else []
    words += [
        name for name in ("photocopy", "copier_streak", "seal", "faded_rules") if getattr(d, name)
    ]
    return " ".join(words)  # fmt: skip


def amount_boxes(truth):
    """(amount text, its text box) for every truth cell with a value."""
    lines = truth.pages[0].lines
    found = []
    for table in truth.tables:
        for cell in table.cells:
            if cell.value is None or not any(ch.isdigit() for ch in cell.text):
                continue
            text = _clean(cell.text)
            box = next(
                (
                    ln.bbox
                    for ln in lines
                    if _clean(ln.text) == text and _inside(ln.bbox, cell.bbox)
                ),
                cell.bbox,
            )
            found.append((text, box))
    return found  # fmt: skip


def _inside(inner, outer, slack: float = 2.0) -> bool:
    return all(inner[i] >= outer[i] - slack for i in (0, 1)) and all(
        inner[i] <= outer[i] + slack for i in (2, 3)
    )


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def verdict(amount: str, box, lines, page_wrong: str | None, boxes=()) -> str:
    over = [
        ln
        for ln in lines
        if _v_overlap(ln.bbox, box) >= 0.5 and ln.bbox[0] < box[2] and ln.bbox[2] > box[0]
    ]
    texts = [_clean(ln.text) for ln in over]
    if _holds(texts, amount):
        return "exact"
    if page_wrong:
        return page_wrong
    unify = lambda s: re.sub(f"[{re.escape(SEPARATORS)}]", ".", s)  # noqa: E731
    drop = lambda s: re.sub(f"[{re.escape(SEPARATORS)}]", "", s)  # noqa: E731
    if _holds([unify(t) for t in texts], unify(amount)) or _holds(
        [drop(t) for t in texts], drop(amount)
    ):
        return "separator"
    if _coverage(over, box) >= COVERED:
        return "recognition"
    found = [b for b in boxes if _v_overlap(b, box) >= 0.5 and b[0] < box[2] and b[2] > box[0]]
    return "dropped" if _coverage(found, box) >= COVERED else "detection"  # fmt: skip


def _v_overlap(a, b) -> float:
    return max(0.0, min(a[3], b[3]) - max(a[1], b[1])) / max(b[3] - b[1], 1e-6)


def _coverage(lines, box) -> float:
    spans = sorted(
        (max(b[0], box[0]), min(b[2], box[2])) for b in (getattr(x, "bbox", x) for x in lines)
    )
    covered, end = 0.0, box[0]
    for x0, x1 in spans:
        covered += max(0.0, x1 - max(x0, end))
        end = max(end, x1)
    return covered / max(box[2] - box[0], 1e-6)


def _holds(texts: list[str], amount: str) -> bool:
    pattern = re.compile(rf"(?<![0-9]){re.escape(amount)}(?![0-9])")
    return any(pattern.search(t) for t in texts)


def detected_boxes(work) -> list[tuple[float, ...]]:
    """The detector's boxes on the page as read, in points (diagnosis only)."""
    from fiscalocr.ocr import OcrOptions, load_engine

    quads = load_engine(OcrOptions()).detect(work.image)
    s = work.px_per_pt
    return [
        (q[:, 0].min() / s, q[:, 1].min() / s, q[:, 0].max() / s, q[:, 1].max() / s) for q in quads
    ]


def read_all(items, label: str, overrides: dict) -> dict:
    from fiscalocr.ocr import OcrOptions, load_engine, open_source, read_page

    options = OcrOptions(**overrides)
    load_engine(options)
    rows = []
    for pid, level, model, seed, path, truth in items:
        want = truth.pages[0]
        cpu, wall = time.process_time(), time.perf_counter()
        with open_source(path) as source:
            work = read_page(source, 0, options)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        got = work.page
        wrong = "orientation" if got.rotation != want.rotation else None
        if wrong is None and abs(got.skew_deg - want.skew_deg) > SKEW_TOL_DEG:
            wrong = "skew"
        boxes = detected_boxes(work)
        lost = [(a, verdict(a, box, got.lines, wrong, boxes)) for a, box in amount_boxes(truth)]
        counts = Counter(v for _, v in lost)
        rows.append({"page": pid, "level": level, "model": model, "seed": seed, "effects": f"{want.dpi:.0f}dpi rot{want.rotation} {effects(level, model, seed)}",
                     "rotation": [want.rotation, got.rotation], "skew_deg": [want.skew_deg, got.skew_deg],
                     "amounts": sum(counts.values()), **{v: counts.get(v, 0) for v in VERDICTS},
                     "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                     "lost": [f"{a}:{v}" for a, v in lost if v != "exact"][:40],
                     "lines": [[ln.text, list(ln.bbox), round(ln.conf, 3)] for ln in got.lines]})  # fmt: skip
        r = rows[-1]
        print(f"{pid:34s} {model:9s} {level:6s} {r['effects']:42s} n={r['amounts']:3d} exact {r['exact']:3d} "
              f"sep {r['separator']:2d} rec {r['recognition']:3d} drop {r['dropped']:2d} det {r['detection']:3d} orient {r['orientation']:3d} "
              f"skew {r['skew']:3d}  {cpu:5.1f} cpu-s", flush=True)  # fmt: skip
    return {"label": label, "options": repr(options), "rows": rows}


def summary(rows: list[dict]) -> list[str]:
    """Totals per (model, level) and for synthetic/real separately."""
    groups: dict[tuple, Counter] = {}
    for r in rows:
        origin = "real" if r["page"].startswith("real:") else "synth"
        key = (origin, r["model"], r["level"])
        groups.setdefault(key, Counter()).update(
            {k: r[k] for k in ("amounts", *VERDICTS, "cpu_s")} | {"pages": 1}
        )
    out = []
    for (origin, model, level), c in sorted(groups.items()):
        n = max(c["amounts"], 1)
        out.append(f"{origin:5s} {model:9s} {level:6s} pages {c['pages']:2d} amounts {c['amounts']:4d}  exact {c['exact'] / n:6.1%}  "
                   + "  ".join(f"{v} {c[v]:3d}" for v in VERDICTS[1:]) + f"  cpu {c['cpu_s'] / c['pages']:.1f} s/page")  # fmt: skip
    return out


def compare(before: Path, after: Path) -> None:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    index = {(r["page"], r["model"], r["level"], r["seed"]): r for r in a["rows"]}
    for r in b["rows"]:
        old = index.get((r["page"], r["model"], r["level"], r["seed"]))
        if old and old["exact"] != r["exact"]:
            print(f"{r['page']:34s} {r['model']:9s} {r['level']:6s} {r['effects']:42s} exact {old['exact']} -> {r['exact']} "
                  f"of {r['amounts']}  cpu {old['cpu_s']} -> {r['cpu_s']}")  # fmt: skip
    for label, rows in ((a["label"], a["rows"]), (b["label"], b["rows"])):
        print(f"== {label}")
        print("\n".join(summary(rows)))


def use_ocr_stage(folder: Path) -> None:
    """Import ``fiscalocr.ocr`` from ``folder`` (a copy of an earlier commit's ``ocr/``, for
    a before/after in one working tree: ``git archive HEAD ocr | tar -x -C out/base``)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "fiscalocr.ocr", folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["fiscalocr.ocr"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    print(f"OCR stage from {module.__file__}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--label", default="run")
    parser.add_argument("--levels", default="light,medium,heavy")
    parser.add_argument("--models", default="fiscalocr,augraphy")
    parser.add_argument("--pages", type=int, default=N_SYNTH, help="synthetic pages")
    parser.add_argument("--real", action="store_true", help="also a page of each of REAL_PDFS")
    parser.add_argument("--real-only", action="store_true")
    parser.add_argument("--real-root", type=Path, default=Path("../shared/real-pdfs"))
    parser.add_argument("--only-page", action="append", help="page ids to read (e.g. synth3)")
    parser.add_argument("--match", action="append", help="read only scans whose id has this")
    parser.add_argument("--rescan", action="store_true")
    parser.add_argument("--compare", nargs=2, type=Path)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="an OcrOptions field for this run (a Python literal)",
    )
    parser.add_argument("--ocr-from", type=Path, help="read with the OCR stage in this folder")
    args = parser.parse_args()  # fmt: skip
    if args.compare:
        compare(*args.compare)
        return
    if args.ocr_from:
        use_ocr_stage(args.ocr_from)
    pages = [] if args.real_only else synth_pages(args.pages)
    pages += real_pages(args.real_root) if args.real or args.real_only else []
    if args.only_page:
        pages = [p for p in pages if p[0] in args.only_page]
    items = scans(pages, args.levels.split(","), args.models.split(","), args.rescan)
    if args.match:
        items = [
            it for it in items if any(m in f"{it[0]}-{it[2]}-{it[1]}-{it[3]}" for m in args.match)
        ]
    import ast

    overrides = {k: ast.literal_eval(v) for k, v in (item.split("=", 1) for item in args.set)}
    report = read_all(items, args.label, overrides)
    print("\n".join(summary(report["rows"])))
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "-real" if args.real or args.real_only else ""
    path = OUT / f"{args.label}{suffix}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
