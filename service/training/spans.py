"""Training sequences for the span CRFs: cue tags per sentence, role tags per cue window."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from service.engine.segment import Segmenter
from service.engine.span_features import RoleContext, cue_features
from service.engine.spans import CUE_LABELS, DocTokens, doc_tokens, role_window
from service.training.polnear import Document


@dataclass
class SpanSequences:
    cue_X: list = field(default_factory=list)
    cue_y: list = field(default_factory=list)
    role_X: list = field(default_factory=list)
    role_y: list = field(default_factory=list)


def token_mask(dt: DocTokens, spans) -> np.ndarray:
    """True for every token overlapping one of the (fragmented) gold spans."""
    mask = np.zeros(len(dt.tokens), dtype=bool)
    for span in spans:
        if span is None:
            continue
        for a, b in span.fragments:
            lo, hi = dt.token_range(a, b)
            mask[lo:hi] = True
    return mask


def _bio(mask, tag: str) -> list[str]:
    out, prev = [], False
    for m in mask:
        out.append(("I-" if prev else "B-") + tag if m else "O")
        prev = bool(m)
    return out


def role_labels(
    lo: int, hi: int, cue: tuple[int, int], src: np.ndarray, con: np.ndarray
) -> list[str]:
    """CUE / B-S / I-S / B-C / I-C / O for the tokens of one relation's window."""
    a, b = cue
    labels, prev = [], "O"
    for i in range(lo, hi):
        if a <= i < b:
            lab = "CUE"
        elif src[i]:
            lab = "I-S" if prev in ("B-S", "I-S") else "B-S"
        elif con[i]:
            lab = "I-C" if prev in ("B-C", "I-C") else "B-C"
        else:
            lab = "O"
        labels.append(lab)
        prev = lab
    return labels


def build_span_sequences(
    docs: list[Document],
    segmenter: Segmenter,
    lexicon: dict[str, float],
    window: int = 1,
    tagger=None,
) -> SpanSequences:
    """One cue sequence per sentence; one role sequence per gold relation (teacher-forced cue).
    With ``tagger`` (service.engine.tagger.Tagger) both taggers also see part-of-speech tags."""
    data = SpanSequences()
    assert CUE_LABELS == ("B-CUE", "I-CUE")
    for doc in docs:
        dt = doc_tokens(doc.text, segmenter)
        if not dt.tokens:
            continue
        cue_mask = token_mask(dt, [r.cue for r in doc.relations])
        tags = tagger.tag(dt.tokens) if tagger is not None else None
        feats = cue_features(dt.tokens, dt.quoted, lexicon, tags)
        for lo, hi in dt.sentence_bounds:
            if hi > lo:
                data.cue_X.append(feats[lo:hi])
                data.cue_y.append(_bio(cue_mask[lo:hi], "CUE"))
        context = RoleContext(dt.tokens, dt.quoted, cue_mask.tolist(), tags)
        for rel in doc.relations:
            if rel.cue is None:
                continue
            a, b = dt.token_range(rel.cue.start, rel.cue.end)
            if a >= b:
                continue
            lo, hi = role_window(dt, a, window)
            src = token_mask(dt, [rel.source])
            con = token_mask(dt, rel.content)
            data.role_X.append(context.features((lo, hi), (a, b)))
            data.role_y.append(role_labels(lo, hi, (a, b), src, con))
    return data


@contextmanager
def pos_features_in_engine(tagger):
    """Experiment only: while open, the engine's span model computes its features with
    part-of-speech tags from ``tagger`` (it reads ``cue_features`` and ``RoleContext`` from
    service.engine.span_features at each call), so a model trained with
    ``build_span_sequences(..., tagger=...)`` can be evaluated and timed. Shipping such a
    model needs the span model itself to pass the tags."""
    from service.engine import span_features

    plain_cue, plain_context = span_features.cue_features, span_features.RoleContext
    last: dict = {}

    def tags_of(tokens):
        if last.get("tokens") is not tokens:
            last["tokens"], last["tags"] = tokens, tagger.tag(tokens)
        return last["tags"]

    def cue_features(tokens, quoted, lexicon):
        return plain_cue(tokens, quoted, lexicon, tags_of(tokens))

    class RoleContext(span_features.RoleContext):
        def __init__(self, tokens, quoted, cue_mask):
            super().__init__(tokens, quoted, cue_mask, tags_of(tokens))

    # a deliberate monkeypatch of the module's function and class
    span_features.cue_features, span_features.RoleContext = cue_features, RoleContext  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        span_features.cue_features, span_features.RoleContext = plain_cue, plain_context  # type: ignore[misc]


def fit_crf(X, y, path, c1: float = 0.05, c2: float = 0.01, max_iterations: int = 150):
    """Fit a linear-chain CRF (sklearn-crfsuite) and keep its model file at ``path``.

    The file is crfsuite's own binary format, read by ``pycrfsuite.Tagger`` at serving time:
    no pickle involved.
    """
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=c1,
        c2=c2,
        max_iterations=max_iterations,
        all_possible_transitions=True,
        model_filename=str(path),
        keep_tempfiles=False,
    )
    crf.fit(X, y)
    return crf


def bench_with_pos(models_dir, articles: int = 200) -> dict:
    """``reportedly bench`` of a models folder whose span model was trained with
    part-of-speech features (its ``tagger/`` folder tags, see :func:`pos_features_in_engine`)."""
    from pathlib import Path

    from service.bench import run_benchmark
    from service.engine import Engine
    from service.engine.tagger import Tagger

    engine = Engine.load(models_dir)
    with pos_features_in_engine(Tagger.load(Path(models_dir) / "tagger")):
        return run_benchmark(articles=articles, engine=engine)


def evaluate_with_pos(models_dir, split: str = "dev") -> dict:
    """``reportedly evaluate --task spans`` of such a models folder (see :func:`bench_with_pos`)."""
    from pathlib import Path

    from service.engine import Engine
    from service.engine.tagger import Tagger
    from service.training.config import data_root
    from service.training.evaluate import evaluate_spans

    engine = Engine.load(models_dir)
    with pos_features_in_engine(Tagger.load(Path(models_dir) / "tagger")):
        return evaluate_spans(data_root(), split, engine=engine)


if __name__ == "__main__":  # python -m service.training.spans {evaluate,bench} MODELS_DIR
    import sys

    from service.bench import format_report
    from service.training.evaluate import format_span_evaluation

    task, folder = sys.argv[1], sys.argv[2]
    if task == "bench":
        print(format_report(bench_with_pos(folder)))
    else:
        print(format_span_evaluation(evaluate_with_pos(folder)))
