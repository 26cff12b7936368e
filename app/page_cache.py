"""The OCR stage's output of a page, kept on disk for benchmarks that read the same scans
again after a layout or reconciliation change.

What the OCR stage returns for a page depends only on the file's bytes, the page, the OCR
options and the OCR code; the key holds all four (the code as a hash of the ``ocr``
package's sources), so a stale entry is never read: any change to OCR makes new keys. The
raster is stored as lossless PNG, so layout sees the very pixels it would have seen.

Only evaluation uses this (``fiscalocr eval --ocr-cache DIR``): a conversion always reads.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import astuple
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fiscalocr.model import DrawnRule, Page, PageWork

CACHE_FORMAT = "1"


@cache
def ocr_code_hash() -> str:
    """Hash of the ``fiscalocr.ocr`` package's sources (any edit gives new keys)."""
    import fiscalocr.ocr as ocr_package

    digest = hashlib.sha256()
    for source in sorted(Path(ocr_package.__file__).parent.rglob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def page_key(sha256: str, index: int, ocr_options: Any) -> str:
    """The cache name of one page's OCR output."""
    shaping = f"{CACHE_FORMAT}|{ocr_code_hash()}|{ocr_options!r}"
    options = hashlib.sha256(shaping.encode()).hexdigest()[:16]
    return f"{sha256[:16]}-p{index + 1:04d}-{options}"


def _as_data(value: Any) -> Any:
    """A page as plain data, whatever version of the model pickled it.

    The key names the OCR code, not the document model: an entry written before the model
    gained a field (``Page.status``) unpickles into an instance without it. Read back as
    data and validated again, it takes the field's default instead.
    """
    if isinstance(value, BaseModel):
        return {name: _as_data(item) for name, item in vars(value).items()}
    if isinstance(value, list | tuple):
        return [_as_data(item) for item in value]
    return value


def _dump(work: PageWork) -> bytes:
    import cv2

    image = None
    if work.image is not None:
        ok, png = cv2.imencode(".png", work.image)
        if not ok:
            raise ValueError("the page image could not be encoded")
        image = png.tobytes()
    drawn = None if work.drawn_rules is None else [astuple(r) for r in work.drawn_rules]
    return pickle.dumps((_as_data(work.page), image, work.px_per_pt, drawn))


def _load(data: bytes) -> PageWork:
    import cv2
    import numpy as np

    # entries written before drawn rules hold 3 items; they are read when an evaluation
    # holds ``ocr/`` at an older commit (the key names the OCR code, not this format)
    page, image, px_per_pt, *rest = pickle.loads(data)
    drawn = rest[0] if rest else None
    page = Page.model_validate(_as_data(page))  # fields the model gained get their defaults
    if image is not None:
        image = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_UNCHANGED)
    rules = None if drawn is None else [DrawnRule(*r) for r in drawn]
    return PageWork(page=page, image=image, px_per_pt=px_per_pt, drawn_rules=rules)


def cached_reader(
    read_page: Callable[[Any, int], PageWork], cache_dir: Path, ocr_options: Any
) -> Callable[[Any, int], PageWork]:
    """``read_page`` that first looks in ``cache_dir`` and stores what it reads there.

    Written to a temporary name and renamed, so a run stopped mid-write leaves no torn
    entry. Pages that fail are not stored: the error is raised again next time.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)

    def read(source: Any, index: int) -> PageWork:
        path = cache_dir / f"{page_key(source.sha256, index, ocr_options)}.pkl"
        if path.is_file():
            return _load(path.read_bytes())
        work = read_page(source, index)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(_dump(work))
        tmp.replace(path)
        return work

    return read
