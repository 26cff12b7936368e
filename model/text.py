"""The one text normaliser every stage compares text with.

OCR output mixes full-width and half-width forms (``2０24``, ``1，234．56``, ``（一）``) and
scatters spaces inside Chinese words; a clean PDF text layer does neither. Comparing the
NFKC-folded text without whitespace makes both read the same. Cached: the same few
thousand cell and line texts are compared over and over.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def _normalised(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def normalise_text(text: str | None) -> str:
    """NFKC-fold and drop all whitespace; None or '' gives ''."""
    return _normalised(text) if text else ""
