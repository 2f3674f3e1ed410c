"""Article-level scores computed from the per-sentence labels."""
from __future__ import annotations

from service.engine.types import Scores, Sentence


def article_scores(sentences: list[Sentence]) -> Scores:
    n = len(sentences)
    reported = sum(s.label == "reported" for s in sentences)
    return Scores(
        sentences=n,
        reported_sentences=reported,
        attribution_density=reported / n if n else 0.0,
    )
