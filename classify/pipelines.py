"""The two scikit-learn Pipelines: table type and page section.

Both are FeatureUnions of character n-gram TF-IDF over record fields plus scaled layout
numbers, ending in a multinomial LogisticRegression whose probabilities are the
confidences we report (log-loss training keeps them calibrated; the model card gives
the measured calibration error).
"""

from __future__ import annotations

from .records import PAGE_NUMERIC_FIELDS, TABLE_NUMERIC_FIELDS

# Caps on vocabulary keep the saved artefacts small (a few MB at most).
MAX_NGRAMS_PER_FIELD = 12000
# Weight of the binned grid-structure tokens against the text branches. Measured on the
# real born-digital PDFs with the synthetic-trained model: scaled raw numbers (weight 1)
# gave 0.27 table-type accuracy, binned tokens at 1.0 gave 0.39, at 0.3 gave 0.66 (text
# alone 0.67), while the synthetic test split stayed at 0.996 in every variant.
STRUCTURE_WEIGHT = 0.3
KEYWORD_WEIGHT = 3.0


def _text_branch(field: str, ngrams: tuple[int, int] = (1, 3), max_features: int | None = None):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline

    from .transformers import FieldText

    return Pipeline(
        [
            ("select", FieldText(field)),
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=ngrams,
                    sublinear_tf=True,
                    min_df=2,
                    max_features=max_features or MAX_NGRAMS_PER_FIELD,
                    dtype=np.float32,
                ),
            ),
        ]
    )


def _numeric_branch(fields: tuple[str, ...]):
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from .transformers import NumericFields

    return Pipeline([("select", NumericFields(fields)), ("scale", StandardScaler())])


def _binned_branch(fields: tuple[str, ...]):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.pipeline import Pipeline

    from .transformers import BinnedTokens

    return Pipeline(
        [
            ("bin", BinnedTokens(fields)),
            ("count", CountVectorizer(token_pattern=r"\S+", binary=True)),
        ]
    )


def _keyword_branch():
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.pipeline import Pipeline

    from .transformers import TitleKeywords

    return Pipeline(
        [
            ("keywords", TitleKeywords()),
            ("count", CountVectorizer(token_pattern=r"\S+", binary=True)),
        ]
    )


def _classifier(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def build_table_pipeline(c: float = 8.0):
    """Title, caption, header, row labels and page context n-grams + binned grid structure."""
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("title", _text_branch("title")),
            ("caption", _text_branch("caption")),
            ("header", _text_branch("header")),
            ("rows", _text_branch("rows", (1, 2))),
            ("context", _text_branch("context", (1, 2), 6000)),
            ("structure", _binned_branch(TABLE_NUMERIC_FIELDS)),
            ("keywords", _keyword_branch()),
        ],
        transformer_weights={"structure": STRUCTURE_WEIGHT, "keywords": KEYWORD_WEIGHT},
    )
    return Pipeline([("features", features), ("classify", _classifier(c))])


def build_section_pipeline(c: float = 4.0):
    """Page text and top lines n-grams + page layout numbers."""
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("text", _text_branch("text", (1, 2))),
            ("top", _text_branch("top", (1, 3), 6000)),
            ("part", _text_branch("part", (1, 2), 2000)),
            ("layout", _numeric_branch(PAGE_NUMERIC_FIELDS)),
        ]
    )
    return Pipeline([("features", features), ("classify", _classifier(c))])
