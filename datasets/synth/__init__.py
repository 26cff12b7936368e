"""Synthetic disclosure documents with exact ground truth (issue 3).

`generate_document(seed, kind)` returns a clean born-digital PDF and its ground truth in
the contract format; `generate_corpus` writes many. Output is a pure function of the seed,
the kind, the version (`GENERATOR_VERSION`, or `version="synth-1.9"` for bench-v1's
documents) and the style overrides (and of which fonts are installed: see `fonts`).

synth-2.0 varies how each table is drawn (rule weight and grey, no frame, horizontal-only
and booktabs grids, header and zebra fills, tables cut at the right page edge, continuation
pages without a header, wide 12-16 column revenue tables, per-table faces). To draw one
failure class on purpose, force it with `StyleOverrides`::

    from fiscalocr.datasets.synth import StyleOverrides, generate_document

    thin_grey = StyleOverrides(every_table={"rule_width": 0.3, "rule_gray": 200 / 255})
    generate_document(5, "budget", style_overrides=thin_grey)
    generate_document(5, "budget", style_overrides=StyleOverrides(wide_cols=14))
    cut = StyleOverrides(by_table={"revenue": {"cut_right": True}})
    headless = StyleOverrides(every_table={"repeat_header": False})
    horizontal = StyleOverrides(every_table={"grid": "horizontal", "frame": False})

Every field of `TableStyle` can be forced; what is not forced is drawn as without overrides.
"""

from .document import (
    GENERATOR_VERSION,
    VERSIONS,
    SynthDocument,
    generate_corpus,
    generate_document,
)
from .table_style import StyleOverrides, TableStyle

__all__ = [
    "GENERATOR_VERSION",
    "VERSIONS",
    "StyleOverrides",
    "SynthDocument",
    "TableStyle",
    "generate_corpus",
    "generate_document",
]
