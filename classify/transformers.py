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
