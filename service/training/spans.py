"""Training data for the span models: token-level cue labels and per-cue role labels."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from service.engine.spans import DocTokens, doc_tokens, role_window
from service.engine.span_features import cue_features, role_features
from service.engine.segment import Segmenter
from service.training.polnear import Document

O, SOURCE, CONTENT = 0, 1, 2


@dataclass
class SpanData:
    cue_X: list[list[str]] = field(default_factory=list)
    cue_y: list[int] = field(default_factory=list)
    cue_groups: list[int] = field(default_factory=list)
    role_X: list[list[str]] = field(default_factory=list)
    role_y: list[int] = field(default_factory=list)
    role_groups: list[int] = field(default_factory=list)


def _token_mask(dt: DocTokens, spans) -> np.ndarray:
    mask = np.zeros(len(dt.tokens), dtype=bool)
    for span in spans:
        if span is None:
            continue
        for a, b in span.fragments:
            lo, hi = dt.token_range(a, b)
            mask[lo:hi] = True
    return mask


def build_span_data(docs: list[Document], segmenter: Segmenter,
                    lexicon: dict[str, float], window: int = 1) -> SpanData:
    """Cue tagger examples for every token; role examples for every gold relation's window."""
    data = SpanData()
    for k, doc in enumerate(docs):
        dt = doc_tokens(doc.text, segmenter)
        if not dt.tokens:
            continue
        cue_mask = _token_mask(dt, [r.cue for r in doc.relations])
        data.cue_X += cue_features(dt.tokens, dt.quoted, lexicon)
        data.cue_y += cue_mask.astype(int).tolist()
        data.cue_groups += [k] * len(dt.tokens)
        for rel in doc.relations:
            if rel.cue is None:
                continue
            a, b = dt.token_range(rel.cue.start, rel.cue.end)
            if a >= b:
                continue
            lo, hi = role_window(dt, a, window)
            src = _token_mask(dt, [rel.source])
            con = _token_mask(dt, rel.content)
            toks = dt.tokens[lo:hi]
            data.role_X += role_features(toks, dt.quoted[lo:hi], (a - lo, b - lo),
                                         cue_mask[lo:hi].tolist())
            data.role_y += [SOURCE if src[i] else CONTENT if con[i] else O for i in range(lo, hi)]
            data.role_groups += [k] * (hi - lo)
    return data
