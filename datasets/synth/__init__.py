"""Synthetic disclosure documents with exact ground truth (issue 3).

`generate_document(seed, kind)` returns a clean born-digital PDF and its ground truth in
the contract format; `generate_corpus` writes many. Output is a pure function of the seed,
the kind and `GENERATOR_VERSION` (and of which fonts are installed: see `fonts`).
"""

from .document import GENERATOR_VERSION, SynthDocument, generate_corpus, generate_document

__all__ = ["GENERATOR_VERSION", "SynthDocument", "generate_corpus", "generate_document"]
