"""``fiscalocr train``: classifiers trained on what the pipeline really reads.

The classifiers must see real OCR noise, so each training document is run through OCR and
layout (not its clean truth text). Those reads are slow (seconds per page), so they are
cached beside the corpus, keyed by the PDF's sha256: a retrain after a feature change
costs no OCR.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fiscalocr.model import Document, InputFileError

from .evaluate import iter_labelled
from .options import ConvertOptions
from .pipeline import convert_document

log = logging.getLogger(__name__)

READ_OPTIONS = ConvertOptions(force_ocr=True, classify=False, reconcile=False)


def cached_read(pdf: Path, cache_dir: Path, options: ConvertOptions = READ_OPTIONS) -> Document:
    """The pipeline's unclassified read of ``pdf``, from the cache when its hash matches."""
    from fiscalocr.ocr import file_sha256

    sha = file_sha256(pdf)
    cached = cache_dir / f"{pdf.stem}.{sha[:16]}.read.json"
    if cached.is_file():
        return Document.model_validate_json(cached.read_text(encoding="utf-8"))
    doc = convert_document(pdf, options)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(doc.model_dump_json(by_alias=True), encoding="utf-8")
    tmp.replace(cached)
    return doc


def train_from_corpus(
    corpus: Path, out_dir: Path, *, split: str = "train", limit: int | None = None
) -> dict:
    from fiscalocr.classify import train_classifiers

    cache_dir = (corpus.parent if corpus.is_file() else corpus) / ".reads"
    examples = []
    for item in iter_labelled(corpus, split, limit):
        log.info("reading %s", item.name)
        examples.append((cached_read(item.pdf, cache_dir), item.truth))
    if not examples:
        raise InputFileError(f"no labelled documents in split {split!r}", path=str(corpus))
    return train_classifiers(examples, out_dir)
