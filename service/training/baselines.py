"""Reference baselines the sentence model is compared with in its model card."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from service.engine.lexicon import REPORTING_VERBS
from service.engine.tokens import WORD


def cue_word_baseline(texts: list[str]) -> np.ndarray:
    """Reported when the sentence holds a reporting verb, "according to", or a quotation mark."""
    out = []
    for t in texts:
        low = t.lower()
        words = set(WORD.findall(low))
        out.append(
            int(
                bool(words & REPORTING_VERBS) or "according to" in low or any(q in t for q in '"“”')
            )
        )
    return np.asarray(out)


def tfidf_svm_baseline(C: float = 0.5) -> Pipeline:
    """TF-IDF word (1-2) and character (2-5) n-grams into a linear SVM, sentence text only."""
    return Pipeline(
        [
            (
                "tfidf",
                FeatureUnion(
                    [
                        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
                        (
                            "chars",
                            TfidfVectorizer(
                                analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True
                            ),
                        ),
                    ]
                ),
            ),
            ("svm", LinearSVC(C=C)),
        ]
    )
