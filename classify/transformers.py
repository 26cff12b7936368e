"""Feature transformers over records (see :mod:`records`), following the estimator contract.

Each takes a list of record dicts. They learn nothing themselves (``fit`` returns self
and records only the input width), so they are cheap to persist with skops and carry no
state across calls.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin


class FieldText(TransformerMixin, BaseEstimator):
    """Select one text field of each record (feeds a TfidfVectorizer)."""

    def __init__(self, field: str = "text") -> None:
        self.field = field

    def fit(self, records: list[dict], y=None) -> FieldText:
        self.n_records_seen_ = len(records)
        return self

    def transform(self, records: list[dict]) -> list[str]:
        return [str(r.get(self.field, "") or "") for r in records]


class NumericFields(TransformerMixin, BaseEstimator):
    """Select numeric fields of each record as a dense float matrix (missing = 0)."""

    def __init__(self, fields: tuple[str, ...] = ()) -> None:
        self.fields = fields

    def fit(self, records: list[dict], y=None) -> NumericFields:
        self.n_features_out_ = len(self.fields)
        return self

    def transform(self, records: list[dict]) -> np.ndarray:
        return np.array(
            [[float(r.get(f, 0.0) or 0.0) for f in self.fields] for r in records],
            dtype=np.float64,
        ).reshape(len(records), len(self.fields))


class BinnedTokens(TransformerMixin, BaseEstimator):
    """Numeric fields as coarse bin tokens (``cols6 code_share3``), for a CountVectorizer.

    A scaled raw number lets one out-of-range value (a grid split into 20 columns, a scan
    whose amounts did not parse) dominate a linear model; a bin token adds at most its
    one learned weight, so structure informs the type without overruling the words.
    """

    def __init__(self, fields: tuple[str, ...] = (), max_cols: int = 12) -> None:
        self.fields = fields
        self.max_cols = max_cols

    def fit(self, records: list[dict], y=None) -> BinnedTokens:
        self.n_fields_ = len(self.fields)
        return self

    def _token(self, field: str, value: float) -> str:
        if field == "n_cols":
            return f"cols{min(int(value), self.max_cols)}"
        if field == "log_rows":
            return f"rows{min(int(value * 2), 10)}"
        if field in ("header_rows", "n_pages"):
            return f"{field}{min(int(value), 5)}"
        return f"{field}{int(min(max(value, 0.0), 1.0) * 4)}"

    def transform(self, records: list[dict]) -> list[str]:
        return [
            " ".join(self._token(f, float(r.get(f, 0.0) or 0.0)) for f in self.fields)
            for r in records
        ]
