"""Where does bare PP-OCRv4 start to misread amounts? A sweep over scan damage.

For a fixed, seeded set of synthetic table pages (one page each from documents generated
with seeds ``SWEEP_SEED + i``), each setting of a grid (dpi x JPEG quality x blur), each
named effect on a reference scan (150 dpi, JPEG 50, blur 0.5) and each level of both
damage models (scan-2.0 ``fiscalocr`` and ``augraphy``) is scanned and read by bare
PaddleOCR (``fiscalocr.ocr.bare_page_lines``: no orientation or skew correction, as it
comes). Per setting it reports, over the page's distinct amounts of at least
``MIN_DIGITS`` digits (a truth cell with a value):

- exact: the amount as printed is a substring of some OCR line (not inside a longer number);
- separator: found only once ``.`` ``,`` ``:`` and look-alikes are made one mark, or once
  separators are dropped on both sides (``21.968.00`` for ``21,968.00``, ``1879.36``);
- missing: not found either way.

    nice -n 10 .venv/bin/python benchmarks/damage_sweep.py            # 56 settings x 2 pages
    nice -n 10 .venv/bin/python benchmarks/damage_sweep.py --quick    # 26 settings x 2 pages
    .venv/bin/python benchmarks/damage_sweep.py --pages 4 --out out/damage_sweep.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SWEEP_SEED = 4242
KINDS = ("budget", "final_account")
MIN_DIGITS = 3  # a shorter amount (0.00 aside: 5.1) is too easily read by chance
LONG_DIGITS = 5  # pages are chosen for amounts this long (1,234.56 and up)
CANDIDATE_DOCS = 10
SEPARATORS = ".,:;·，。：；、"
REFERENCE = {"dpi": 150, "jpeg_quality": 50, "blur_sigma_px": 0.5, "noise_sigma": 3.0}
NEUTRAL = {"skew_deg": 0.0, "rotation": 0, "shift_pt": (0.0, 0.0), "lighting_depth": 0.0,
           "bleed_alpha": 0.0, "seal": False, "faded_rules": False, "ink_bleed": False,
           "texture": False, "streaks": False, "ink_fade": 0.0, "photocopy": False,
           "copier_streak": False}  # fmt: skip
EFFECTS = {
    "reference": {},
    "faded ink 0.5": {"ink_fade": 0.5},
    "photocopy": {"photocopy": True},
    "copier streak": {"copier_streak": True},
    "bleed-through 0.15": {"bleed_alpha": 0.15},
    "faded rules": {"faded_rules": True},
    "seal": {"seal": True},
    "skew 3": {"skew_deg": 3.0},
    "turned 180": {"rotation": 180},
    "turned 90": {"rotation": 90},
}


@dataclass
class Setting:
    group: str  # grid, effect or level
    name: str
    overrides: dict = field(default_factory=dict)  # PageDamage fields (grid, effect)
    level: str | None = None
    model: str | None = None


def grid_settings(quick: bool) -> list[Setting]:
    dpis = (100, 150, 200) if quick else (100, 150, 200, 300)
    qualities = (25, 45, 70) if quick else (25, 45, 70, 90)
    blurs = (0.6,) if quick else (0.0, 0.8)
    grid = [(d, q, b) for d in dpis for q in qualities for b in blurs]
    if quick:
        grid.append((300, 90, 0.0))  # the clean end
    return [
        Setting("grid", f"{d} dpi q{q} blur {b}", {**NEUTRAL, "dpi": d, "jpeg_quality": q,
                                                   "blur_sigma_px": b, "noise_sigma": 3.0})
        for d, q, b in grid
    ]  # fmt: skip


def effect_settings() -> list[Setting]:
    return [
        Setting("effect", name, {**NEUTRAL, **REFERENCE, **extra})
        for name, extra in EFFECTS.items()
    ]


def level_settings(levels: list[str], models: list[str]) -> list[Setting]:
    return [Setting("level", f"{m} {lv}", level=lv, model=m) for m in models for lv in levels]


def sample_pages(n_pages: int):
    """The ``n_pages`` table pages (at most one per document, from the first
    ``CANDIDATE_DOCS`` documents) with the most long amounts: the separator misreads
    (``21.968.00``) need thousands and decimals to show."""
    from fiscalocr.datasets.subset import subset_document
    from fiscalocr.datasets.synth import generate_document

    best = []
    for i in range(max(CANDIDATE_DOCS, n_pages)):
        synth = generate_document(SWEEP_SEED + i, KINDS[i % 2])  # type: ignore[arg-type]
        candidates = sorted({t.pages[0] for t in synth.truth.tables if len(t.pages) == 1})
        cut = [subset_document(synth.pdf, synth.truth, [p]) for p in candidates]
        if cut:
            best.append(max(cut, key=lambda pair: _richness(pair[1])))
    best.sort(key=lambda pair: _richness(pair[1]), reverse=True)
    return best[:n_pages]


def _richness(truth) -> tuple[int, int]:
    found = amounts(truth)
    return (sum(len(_drop(a)) >= LONG_DIGITS for a in found), len(found))


def scan(pdf: bytes, truth, setting: Setting, seed: int):
    from fiscalocr.datasets.scan import degrade_document

    if setting.level is not None:
        return degrade_document(pdf, truth, setting.level, seed, damage_model=setting.model)  # type: ignore[arg-type]
    return degrade_document(pdf, truth, "clean", seed, overrides={0: setting.overrides})


def read_lines(pdf: bytes, cache: Path | None) -> list[str]:
    """Bare PaddleOCR's line texts of the one-page scan, cached by the scan's sha256 (the
    same bytes always read the same, and re-scoring then costs no OCR)."""
    from fiscalocr.ocr import OcrOptions, bare_page_lines, open_source

    key = cache / f"{hashlib.sha256(pdf).hexdigest()}.json" if cache else None
    if key is not None and key.is_file():
        return json.loads(key.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scan.pdf"
        path.write_bytes(pdf)
        lines = [line.text for line in bare_page_lines(open_source(path), 0, OcrOptions())]
    if key is not None:
        key.parent.mkdir(parents=True, exist_ok=True)
        key.write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
    return lines


def amounts(truth) -> list[str]:
    """Distinct printed amounts (cells with a value) with at least MIN_DIGITS digits."""
    texts = {_clean(c.text) for t in truth.tables for c in t.cells if c.value is not None}
    return sorted(
        t for t in texts if sum(ch.isdigit() for ch in t) >= MIN_DIGITS and _drop(t).strip("0")
    )


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _unify(text: str) -> str:
    return re.sub(f"[{re.escape(SEPARATORS)}]", ".", text)


def _drop(text: str) -> str:
    return re.sub(f"[{re.escape(SEPARATORS)}]", "", text)


def _contains(lines: list[str], amount: str) -> bool:
    pattern = re.compile(rf"(?<![0-9]){re.escape(amount)}(?![0-9])")
    return any(pattern.search(line) for line in lines)


def classify(amount: str, lines: list[str]) -> str:
    if _contains(lines, amount):
        return "exact"
    if _contains([_unify(x) for x in lines], _unify(amount)):
        return "separator"
    if _contains([_drop(x) for x in lines], _drop(amount)):
        return "separator"
    return "missing"


def run(settings: list[Setting], pages, examples: int, cache: Path | None) -> list[dict]:
    rows = []
    for setting in settings:
        counts = {"exact": 0, "separator": 0, "missing": 0}
        confused: list[str] = []
        start = time.perf_counter()
        for i, (pdf, truth) in enumerate(pages):
            scanned, _ = scan(pdf, truth, setting, SWEEP_SEED + i)
            lines = [unicodedata.normalize("NFKC", x) for x in read_lines(scanned, cache)]
            for amount in amounts(truth):
                verdict = classify(amount, lines)
                counts[verdict] += 1
                if verdict == "separator" and len(confused) < examples:
                    confused.append(_misread(amount, lines))
        total = max(sum(counts.values()), 1)
        rows.append({"group": setting.group, "setting": setting.name, "amounts": total,
                     **{k: round(v / total, 4) for k, v in counts.items()},
                     "seconds_per_page": round((time.perf_counter() - start) / len(pages), 2),
                     "separator_examples": confused})  # fmt: skip
        _print_row(rows[-1])
    return rows


def _misread(amount: str, lines: list[str]) -> str:
    """The OCR text that held the amount with other separators (for the report)."""
    want = _drop(amount)
    for line in lines:
        for token in re.findall(rf"[0-9{re.escape(SEPARATORS)}]+", line):
            if _drop(token) == want:
                return f"{amount} -> {token}"
    return f"{amount} -> ?"


def _print_row(row: dict) -> None:
    print(f"{row['group']:6s} {row['setting']:28s} n={row['amounts']:3d}  exact {row['exact']:6.1%}  "
          f"separator {row['separator']:6.1%}  missing {row['missing']:6.1%}  "
          f"{row['seconds_per_page']:5.1f} s/page  {'; '.join(row['separator_examples'][:3])}", flush=True)  # fmt: skip


def time_levels(levels: list[str], models: list[str], n_pages: int = 20) -> list[dict]:
    """Seconds to degrade one ``n_pages``-page document at each level of each model (no
    OCR; wall and CPU, the first call of a process included, as a corpus worker pays it)."""
    from fiscalocr.datasets.scan import degrade_document
    from fiscalocr.datasets.subset import subset_document
    from fiscalocr.datasets.synth import generate_document

    synth = generate_document(SWEEP_SEED, "budget")
    n = min(n_pages, len(synth.truth.pages))
    pdf, truth = subset_document(synth.pdf, synth.truth, range(1, n + 1))
    rows = []
    for model in models:
        for level in levels:
            start, cpu = time.perf_counter(), time.process_time()
            out, _ = degrade_document(pdf, truth, level, SWEEP_SEED, damage_model=model)  # type: ignore[arg-type]
            wall, used = time.perf_counter() - start, time.process_time() - cpu
            rows.append({"model": model, "level": level, "pages": n, "wall_s": round(wall, 2),
                         "cpu_s": round(used, 2), "mib": round(len(out) / 2**20, 2)})  # fmt: skip
            print(f"degrade {n} pages, {model} {level}: {wall:.1f} s wall ({wall / n:.2f} s/page), "
                  f"{used:.1f} s CPU, {len(out) / 2**20:.1f} MiB", flush=True)  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2, help="table pages (one per document)")
    parser.add_argument("--quick", action="store_true", help="a 3x3 grid at blur 0.6")
    parser.add_argument("--only", choices=["grid", "effect", "level"], action="append")
    parser.add_argument("--levels", default="light,medium,heavy")
    parser.add_argument("--models", default="fiscalocr,augraphy")
    parser.add_argument("--examples", type=int, default=6, help="misreads kept per setting")
    parser.add_argument("--out", type=Path, default=Path("out/damage_sweep.json"))
    parser.add_argument("--timing", action="store_true", help="only time degrading 20 pages")
    parser.add_argument("--cache", type=Path, default=Path("out/damage_sweep_cache"))
    parser.add_argument("--no-cache", action="store_true", help="read every scan afresh")
    args = parser.parse_args()
    if args.timing:
        rows = time_levels(["clean", *args.levels.split(",")], args.models.split(","))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"timing": rows}, indent=1), encoding="utf-8")
        return
    from fiscalocr.datasets.scan import SCAN_VERSION
    from fiscalocr.datasets.synth import GENERATOR_VERSION

    groups = args.only or ["grid", "effect", "level"]
    settings = (grid_settings(args.quick) if "grid" in groups else []) + (
        effect_settings() if "effect" in groups else []
    ) + (level_settings(args.levels.split(","), args.models.split(",")) if "level" in groups else [])  # fmt: skip
    pages = sample_pages(args.pages)
    n_amounts = sum(len(amounts(t)) for _, t in pages)
    print(f"{len(pages)} pages, {n_amounts} amounts, {len(settings)} settings "
          f"({GENERATOR_VERSION}, {SCAN_VERSION}, bare PP-OCRv4)", flush=True)  # fmt: skip
    rows = run(settings, pages, args.examples, None if args.no_cache else args.cache)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"generator_version": GENERATOR_VERSION, "scan_version": SCAN_VERSION,
              "sweep_seed": SWEEP_SEED, "pages": args.pages, "min_digits": MIN_DIGITS,
              "reference": REFERENCE, "rows": rows}  # fmt: skip
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
