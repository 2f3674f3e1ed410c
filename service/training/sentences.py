"""Build the sentence-classifier data set from a corpus and fit the classifier."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from service.engine.features import sentence_features
from service.engine.segment import Segmenter, paragraphs
from service.training.labels import sentence_labels
from service.training.polnear import Document


@dataclass
class SentenceData:
    features: list[dict[str, float]]
    labels: np.ndarray
    groups: np.ndarray  # document index per sentence, for grouped cross-validation
    texts: list[str]


def build_sentence_data(docs: list[Document], segmenter: Segmenter) -> SentenceData:
    feats, labels, groups, texts = [], [], [], []
    for k, doc in enumerate(docs):
        segs = segmenter.segment(doc.text)
        feats += sentence_features(doc.text, segs, paragraphs(doc.text))
        labels += sentence_labels(doc, segs)
        groups += [k] * len(segs)
        texts += [doc.text[s.start:s.end] for s in segs]
    return SentenceData(feats, np.asarray(labels), np.asarray(groups), texts)


N_FEATURES = 2**18


def make_sentence_pipeline(C: float = 0.3, class_weight: str | None = None,
                           n_features: int = N_FEATURES) -> Pipeline:
    """Feature hashing + L2 logistic regression.

    Hashing keeps the artifact small (no vocabulary to store) and the transform fast.
    """
    return Pipeline([
        ("vectorize", FeatureHasher(n_features=n_features, alternate_sign=False)),
        ("classify", LogisticRegression(C=C, max_iter=5000, class_weight=class_weight)),
    ])
