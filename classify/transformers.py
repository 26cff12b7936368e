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


TITLE_KEYWORDS: tuple[str, ...] = (
    "收支",
    "收入",
    "支出",
    "总表",
    "财政拨款",
    "一般公共预算",
    "基本支出",
    "项目支出",
    "经济分类",
    "功能分类",
    "政府性基金",
    "国有资本经营",
    "三公",
    "机关运行经费",
    "会议费",
    "培训费",
    "政府采购",
    "绩效目标",
    "绩效自评",
    "相关信息统计",
    "明细",
)
"""The words that tell the contract's table types apart (contract §2), as printed in
titles across regions and years."""


class TitleKeywords(TransformerMixin, BaseEstimator):
    """The contract's title keywords present in a record's title (else its caption), as
    tokens for a CountVectorizer.

    Character n-grams of a long regional title (一般公共预算机关运行经费支出预算表) are
    mostly the words every expenditure table shares; one token per decisive keyword
    lets 机关运行经费 weigh as much in a long title as in a short one.
    """

    def __init__(self, keywords: tuple[str, ...] = TITLE_KEYWORDS) -> None:
        self.keywords = keywords

    def fit(self, records: list[dict], y=None) -> TitleKeywords:
        self.n_keywords_ = len(self.keywords)
        return self

    def transform(self, records: list[dict]) -> list[str]:
        out = []
        for r in records:
            text = str(r.get("title") or r.get("caption") or "")
            found = [f"kw{k}" for k, word in enumerate(self.keywords) if word in text]
            out.append(" ".join(found) or "kwnone")
        return out
