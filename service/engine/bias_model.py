"""The sentence bias model: how biased is a sentence's wording, and which words carry it?

``models/bias/`` holds ``bias.skops`` (FeatureHasher + LogisticRegression, loaded against the
allow-list of :mod:`service.engine.artifacts`), ``lexicons.json`` (the word lists and the word
statistics learnt from BABE, see :mod:`service.engine.bias_features`) and ``model.json`` with
the decision threshold and the highlight rule's rate threshold, both chosen with outlets held out.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from service.engine.artifacts import Manifest, load_estimator, load_json
from service.engine.bias_features import (
    BiasLexicons,
    bias_features,
    prepare_lexicons,
    tokenize,
    word_lexicons,
)

ESTIMATOR_FILE = "bias.skops"
LEXICON_FILE = "lexicons.json"
DEFAULT_HIGHLIGHT_RATE = 0.3

REASON_LEARNT = "BABE experts marked it as biased in {pct}% of its uses"
REASON_BABE = "in BABE bias-word lexicon"
REASON_SUBJ_NEG = "strong subjective (Riloff & Wiebe) and negative (Hu & Liu)"


class Highlight(NamedTuple):
    """A word that carries bias: ``sentence[start:end] == word``."""

    start: int
    end: int
    word: str
    reason: str


def highlight_words(sentence: str, lexicons: BiasLexicons,
                    min_rate: float = DEFAULT_HIGHLIGHT_RATE) -> list[Highlight]:
    """Every word of ``sentence`` that carries bias, with its character offsets and why.

    A word is highlighted when BABE's experts marked it as biased in at least ``min_rate`` of
    its uses (the learnt rates), when it is in the BABE bias-word lexicon, or when it is both a
    strong subjective and a negative word.
    """
    toks = tokenize(sentence)
    words = [t[2] for t in toks]
    learnt = lexicons.learnt
    out = []
    for i, (start, end, w) in enumerate(toks):
        reasons = []
        rate = learnt.get(w, 0.0)
        if rate >= min_rate:
            reasons.append(REASON_LEARNT.format(pct=round(rate * 100)))
        names = word_lexicons(words, i, lexicons) if w in lexicons.words else ()
        if "babe_bias" in names:
            reasons.append(REASON_BABE)
        if "strong_subjective" in names and "negative" in names:
            reasons.append(REASON_SUBJ_NEG)
        if reasons:
            out.append(Highlight(start, end, sentence[start:end], "; ".join(reasons)))
    return out


class BiasModel:
    """Scores sentences for biased wording and highlights the words that carry it."""

    def __init__(self, pipeline, lexicons: dict | BiasLexicons, threshold: float = 0.5,
                 highlight_rate: float = DEFAULT_HIGHLIGHT_RATE, artifact_id: str = "unsaved"):
        self.pipeline = pipeline
        self.lexicons = prepare_lexicons(lexicons)
        self.threshold = threshold
        self.highlight_rate = highlight_rate
        self.artifact_id = artifact_id

    @classmethod
    def load(cls, folder: str | Path) -> "BiasModel":
        """Load ``folder`` (``models/bias``): manifest, skops estimator, lexicons JSON."""
        folder = Path(folder)
        manifest = Manifest.read(folder)
        pipeline = load_estimator(folder / ESTIMATOR_FILE)
        lexicons = load_json(folder / LEXICON_FILE)
        params = manifest.data.get("parameters", {})
        return cls(pipeline, lexicons, float(manifest.data.get("threshold", 0.5)),
                   float(params.get("highlight_rate", DEFAULT_HIGHLIGHT_RATE)),
                   manifest.artifact_id)

    def features(self, sentences: list[str]) -> list[dict[str, float]]:
        return [bias_features(s, self.lexicons) for s in sentences]

    def score(self, sentences: list[str]) -> np.ndarray:
        """Probability that each sentence's wording is biased (BABE's "Biased")."""
        if not sentences:
            return np.zeros(0)
        return self.pipeline.predict_proba(self.features(sentences))[:, 1]

    def predict(self, sentences: list[str]) -> np.ndarray:
        """``score >= threshold`` for each sentence."""
        return self.score(sentences) >= self.threshold

    def highlight(self, sentence: str) -> list[Highlight]:
        """Words of ``sentence`` that carry bias, as (start, end, word, reason)."""
        return highlight_words(sentence, self.lexicons, self.highlight_rate)
