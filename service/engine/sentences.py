"""The sentence classifier: is a sentence reported or in the writer's own voice?"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from service.engine.artifacts import Manifest, load_estimator, load_json
from service.engine.features import sentence_features
from service.engine.segment import Segment

ESTIMATOR_FILE = "sentences.skops"
LEXICON_FILE = "cue_lexicon.json"


class SentenceClassifier:
    """Wraps a fitted FeatureHasher + LogisticRegression pipeline and its decision threshold."""

    def __init__(
        self,
        pipeline,
        threshold: float = 0.5,
        cue_lexicon: dict[str, float] | None = None,
        artifact_id: str = "unsaved",
    ):
        self.pipeline = pipeline
        self.threshold = threshold
        self.cue_lexicon = cue_lexicon or {}
        self.artifact_id = artifact_id

    @classmethod
    def load(cls, folder: Path) -> SentenceClassifier:
        manifest = Manifest.read(folder)
        pipeline = load_estimator(folder / ESTIMATOR_FILE)
        lexicon = load_json(folder / LEXICON_FILE) if (folder / LEXICON_FILE).exists() else {}
        return cls(
            pipeline, float(manifest.data.get("threshold", 0.5)), lexicon, manifest.artifact_id
        )

    def predict_proba(
        self,
        text: str,
        segments: list[Segment],
        paragraphs: list[tuple[int, int]],
        quotes: list[tuple[int, int]] | None = None,
    ) -> np.ndarray:
        """Probability of "reported" for each segment (``quotes``: the text's quote
        intervals, if already computed)."""
        if not segments:
            return np.zeros(0)
        feats = sentence_features(text, segments, paragraphs, self.cue_lexicon, quotes)
        return self.pipeline.predict_proba(feats)[:, 1]
