"""The two scanned disclosures of :mod:`.scans`, converted once by the real pipeline
(OCR, layout, classifier, reconciliation) into one output folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from fiscalocr.model import Document


@dataclass
class Converted:
    source: Path
    doc: Document
    out_base: Path


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, Converted]:
    from fiscalocr.app.export import write_outputs
    from fiscalocr.app.pipeline import convert_document

    from .scans import scanned_disclosures

    root = tmp_path_factory.mktemp("scans")
    outdir = root / "out"
    found = {}
    for source in scanned_disclosures(root / "in"):
        doc = convert_document(source)
        out_base = outdir / source.stem
        write_outputs(doc, out_base, ("json",), source=source)
        found[source.stem] = Converted(source, doc, out_base)
    return found
