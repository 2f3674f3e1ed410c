"""The sentence classifier: is a sentence reported or in the writer's own voice?"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from service.engine.artifacts import Manifest, load_estimator
from service.engine.features import sentence_features
from service.engine.segment import Segment

ESTIMATOR_FILE = "sentences.skops"


class SentenceClassifier:
    """Wraps a fitted DictVectorizer + LogisticRegression pipeline and its decision threshold."""

    def __init__(self, pipeline, threshold: float = 0.5, artifact_id: str = "unsaved"):
        self.pipeline = pipeline
        self.threshold = threshold
        self.artifact_id = artifact_id

    @classmethod
    def load(cls, folder: Path) -> "SentenceClassifier":
        manifest = Manifest.read(folder)
        pipeline = load_estimator(folder / ESTIMATOR_FILE)
        return cls(pipeline, float(manifest.data.get("threshold", 0.5)), manifest.artifact_id)

    def predict_proba(self, text: str, segments: list[Segment],
                      paragraphs: list[tuple[int, int]]) -> np.ndarray:
        """Probability of "reported" for each segment."""
        if not segments:
            return np.zeros(0)
        feats = sentence_features(text, segments, paragraphs)
        return self.pipeline.predict_proba(feats)[:, 1]
