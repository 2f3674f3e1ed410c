"""Fit and check the relation confidence model (``models/relations``) on PolNeAR dev.

A relation is *right* when its cue overlaps a gold cue of a relation whose source it also
gets right (overlapping the gold source, or neither has one). The engine's features of each
relation are recorded by swapping its calibrator for :class:`FeatureRecorder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from service.engine.relation_confidence import FEATURES


@dataclass
class FeatureRecorder:
    """Stands in for :class:`~service.engine.relation_confidence.RelationConfidence`:
    records each relation's features and keeps every relation."""

    rows: list[list[float]] = field(default_factory=list)

    def __call__(self, features: list[float]) -> float:
        self.rows.append(list(features))
        return 1.0


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def relation_is_right(att, gold_relations) -> bool:
    """The attribution's cue overlaps a gold cue and its source agrees with that relation's."""
    cue = (att.cue.start, att.cue.end)
    src = (att.source.start, att.source.end) if att.source else None
    for g in gold_relations:
        if g.cue is None or not _overlap(cue, (g.cue.start, g.cue.end)):
            continue
        gsrc = (g.source.start, g.source.end) if g.source else None
        if (gsrc is None and src is None) or _overlap(src, gsrc):
            return True
    return False


def collect(engine, docs) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Features, labels and document index of every relation the engine finds in ``docs``
    (with no confidence floor), and the number of gold relations (for recall)."""
    saved = engine.relation_confidence, engine.min_confidence
    X, y, groups, gold = [], [], [], 0
    try:
        for k, doc in enumerate(docs):
            recorder = FeatureRecorder()
            engine.relation_confidence, engine.min_confidence = recorder, 0.0
            analysis = engine.analyze(doc.text, bias=False)
            assert len(recorder.rows) == len(analysis.attributions)
            gold += sum(1 for g in doc.relations if g.cue is not None)
            for feats, att in zip(recorder.rows, analysis.attributions):
                X.append(feats)
                y.append(int(relation_is_right(att, doc.relations)))
                groups.append(k)
    finally:
        engine.relation_confidence, engine.min_confidence = saved
    return np.array(X), np.array(y), np.array(groups), gold


def fit_weights(X: np.ndarray, y: np.ndarray, C: float = 1.0) -> dict[str, float]:
    """Logistic regression weights over FEATURES (the intercept is the "bias" weight)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=1000).fit(X[:, 1:], y)
    return {
        "bias": float(model.intercept_[0]),
        **{f: float(w) for f, w in zip(FEATURES[1:], model.coef_[0])},
    }


def cross_validated(
    X: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: int = 5, C: float = 1.0
) -> np.ndarray:
    """Out-of-fold probabilities, folds grouped by document."""
    from service.engine.relation_confidence import RelationConfidence

    out = np.zeros(len(y))
    fold_of = groups % folds
    for f in range(folds):
        test = fold_of == f
        model = RelationConfidence(fit_weights(X[~test], y[~test], C))
        out[test] = [model(list(row)) for row in X[test]]
    return out


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    """Per confidence bin: relations, mean confidence, share right."""
    rows = []
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.sum():
            rows.append(
                {
                    "bin": f"{lo:.1f}–{hi:.1f}",
                    "relations": int(m.sum()),
                    "mean_confidence": round(float(p[m].mean()), 3),
                    "share_right": round(float(y[m].mean()), 3),
                }
            )
    return rows


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    table = reliability_table(p, y, bins)
    n = len(y)
    return round(
        sum(r["relations"] / n * abs(r["mean_confidence"] - r["share_right"]) for r in table), 4
    )


def floor_table(
    p: np.ndarray, y: np.ndarray, gold: int, floors=(0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
) -> list[dict]:
    """Relation precision, recall (right relations over gold relations) and F1 when the
    relations under each confidence floor are dropped."""
    rows = []
    for f in floors:
        keep = p >= f
        right = int(y[keep].sum())
        prec = right / keep.sum() if keep.sum() else 0.0
        rec = right / gold if gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append(
            {
                "floor": f,
                "relations": int(keep.sum()),
                "precision": round(prec, 4),
                "recall": round(rec, 4),
                "f1": round(f1, 4),
            }
        )
    return rows
