"""Write the committed samples: three small scanned, image-only PDFs with their truth.

Run ``python -m fiscalocr.datasets.samples.make_samples`` to regenerate them. Each is one
page of a synthetic document (never of a real PDF), scanned at a named level:
- a budget 收支总表 page at ``light``;
- a final-account 一般公共预算财政拨款支出决算表 page at ``medium``;
- a 三公 page fed upside down (rotation 180) at ``light``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SAMPLES_DIR = Path(__file__).parent
MAX_SAMPLE_BYTES = 400_000


@dataclass(frozen=True)
class SampleSpec:
    name: str
    kind: str
    table_type: str
    level: str
    seed: int
    overrides: dict


SAMPLES = (
    SampleSpec("budget-summary-light", "budget", "revenue_expenditure_summary", "light", 303, {}),
    SampleSpec("final-general-budget-medium", "final_account", "general_budget_expenditure", "medium", 202, {"seal": True}),
    SampleSpec("three-public-rotated-180", "budget", "three_public", "light", 101, {"rotation": 180}),
)  # fmt: skip


def make_sample(spec: SampleSpec, out_dir: Path = SAMPLES_DIR) -> tuple[Path, int]:
    """Write ``<name>.pdf`` and ``<name>.gt.json``; return the PDF path and its size."""
    from fiscalocr.datasets.scan import degrade_document
    from fiscalocr.datasets.subset import subset_document
    from fiscalocr.datasets.synth import generate_document

    synth = generate_document(spec.seed, spec.kind)  # type: ignore[arg-type]
    page = _page_of(synth.truth, spec.table_type)
    pdf, truth = subset_document(synth.pdf, synth.truth, [page])
    scanned, scanned_truth = degrade_document(
        pdf, truth, spec.level, spec.seed, overrides={0: spec.overrides}
    )  # type: ignore[arg-type]
    scanned_truth.source.file = f"{spec.name}.pdf"
    path = out_dir / f"{spec.name}.pdf"
    path.write_bytes(scanned)
    (out_dir / f"{spec.name}.gt.json").write_text(scanned_truth.to_json(), encoding="utf-8")
    return path, len(scanned)


def _page_of(truth, table_type: str) -> int:
    """The first page holding a whole table of this type (one that does not run on)."""
    for table in truth.tables:
        if table.type == table_type and len(table.pages) == 1:
            return table.pages[0]
    raise LookupError(f"no single-page {table_type} table in {truth.source.file}")


def main() -> None:
    for spec in SAMPLES:
        path, size = make_sample(spec)
        flag = "" if size < MAX_SAMPLE_BYTES else "  (too big!)"
        print(f"{path.name}: {size // 1024} KB{flag}")


if __name__ == "__main__":
    main()
