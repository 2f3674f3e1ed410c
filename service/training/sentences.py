"""Build the sentence-classifier data set from a corpus and fit the classifier."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from service.engine.features import sentence_features
from service.engine.segment import Segmenter, paragraphs
from service.engine.tokens import CUE_LEXICON_WORD
from service.training.labels import sentence_labels
from service.training.polnear import Document


@dataclass
class SentenceData:
    features: list[dict[str, float]]
    labels: np.ndarray
    groups: np.ndarray  # document index per sentence, for grouped cross-validation
    texts: list[str]


def learn_cue_lexicon(
    docs: list[Document], min_count: int = 5, min_rate: float = 0.2
) -> dict[str, float]:
    """Words that are part of a gold Cue span at least ``min_rate`` of the time.

    Maps each such lower-case word to its cue rate, rounded; seen at least ``min_count`` times.
    """
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for doc in docs:
        cue = np.zeros(len(doc.text) + 1, dtype=bool)
        for rel in doc.relations:
            if rel.cue is not None:
                for a, b in rel.cue.fragments:
                    cue[a:b] = True
        for m in CUE_LEXICON_WORD.finditer(doc.text):
            w = m.group().lower().replace("’", "'")
            seen[w] += 1
            as_cue[w] += bool(cue[m.start()])
    return {
        w: round(as_cue[w] / n, 3)
        for w, n in sorted(seen.items())
        if n >= min_count and as_cue[w] / n >= min_rate
    }


def build_sentence_data(
    docs: list[Document], segmenter: Segmenter, cue_lexicon: dict[str, float] | None = None
) -> SentenceData:
    feats, labels, groups, texts = [], [], [], []
    for k, doc in enumerate(docs):
        segs = segmenter.segment(doc.text)
        feats += sentence_features(doc.text, segs, paragraphs(doc.text), cue_lexicon)
        labels += sentence_labels(doc, segs)
        groups += [k] * len(segs)
        texts += [doc.text[s.start : s.end] for s in segs]
    return SentenceData(feats, np.asarray(labels), np.asarray(groups), texts)


N_FEATURES = 2**20


def make_sentence_pipeline(
    C: float = 0.1, class_weight: str | None = None, n_features: int = N_FEATURES
) -> Pipeline:
    """Feature hashing + L2 logistic regression.

    Hashing keeps the artifact small (no vocabulary to store) and the transform fast.
    """
    return Pipeline(
        [
            ("vectorize", FeatureHasher(n_features=n_features, alternate_sign=False)),
            ("classify", LogisticRegression(C=C, max_iter=5000, class_weight=class_weight)),
        ]
    )
