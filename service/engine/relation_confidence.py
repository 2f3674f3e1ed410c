"""Relation confidence: the probability that a relation is right, calibrated on PolNeAR dev.

A logistic model over a few facts of each relation (the span model's cue confidence, its
sentence's probability of being reported, whether it has a source and a content, whether
the content is quoted, its cue class); the weights live in
``models/relations/confidence.json`` and are fitted by ``notebooks/07_relations.py``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from service.engine.cue_classes import CLASSES

FEATURES = (
    "bias",
    "cue_logit",
    "strength_logit",
    "has_source",
    "has_content",
    "quoted",
    "rule",
) + tuple(f"class_{c}" for c in CLASSES[1:])


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def relation_features(
    cue_confidence: float,
    strength: float,
    has_source: bool,
    has_content: bool,
    quoted: bool,
    rule: bool,
    cue_class: str,
) -> list[float]:
    """The calibration model's inputs for one relation, in :data:`FEATURES` order."""
    return [
        1.0,
        _logit(cue_confidence),
        _logit(strength),
        float(has_source),
        float(has_content),
        float(quoted),
        float(rule),
    ] + [float(cue_class == c) for c in CLASSES[1:]]


class RelationConfidence:
    """Weights over :data:`FEATURES`; :meth:`__call__` gives a probability."""

    def __init__(self, weights: dict[str, float]):
        missing = set(FEATURES) - set(weights)
        if missing:
            raise ValueError(f"confidence weights lack {sorted(missing)}")
        self.weights = [float(weights[f]) for f in FEATURES]

    @classmethod
    def load(cls, path: str | Path) -> RelationConfidence:
        return cls(json.loads(Path(path).read_text(encoding="utf-8"))["weights"])

    def __call__(self, features: list[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
