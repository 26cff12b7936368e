"""The contract's number rule, shared by every stage that turns cell text into `value`.

``value`` is the amount as printed: thousands separators removed; ``—``, ``——``, ``-``
and blank give None; a percentage gives the number before ``%``; a cell that is not a
number (a label, a code such as ``2011301``) gives None. Codes are text, not amounts:
callers that know a column holds codes must not parse it.
"""

from __future__ import annotations

import re

_DASHES = {"", "-", "—", "——", "–", "－", "---", "/"}
_AMOUNT = re.compile(r"^[-−+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")


def normalise_amount_text(text: str) -> str:
    """Fold full-width digits and punctuation and drop inner spaces."""
    return text.translate(_FULLWIDTH).replace(" ", "").replace("\u3000", "").strip()


def parse_amount(text: str | None) -> float | None:
    """Parse a printed amount; None when the text is not a number."""
    if text is None:
        return None
    s = normalise_amount_text(text)
    if s in _DASHES or not _AMOUNT.match(s):
        return None
    s = s.rstrip("%").replace(",", "").replace("−", "-")
    try:
        return float(s)
    except ValueError:
        return None
