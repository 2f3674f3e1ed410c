"""Evaluation metrics shared by the notebooks and ``reportedly evaluate``."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import accuracy_score, precision_recall_fscore_support


def binary_report(y_true, y_pred) -> dict[str, float]:
    """Accuracy and precision/recall/F1 of the positive ("reported") class."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    p, r, f, _ = precision_recall_fscore_support(
        y_true, y_pred, average="binary", pos_label=1, zero_division=0
    )
    return {
        "n": int(len(y_true)),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4) if len(y_true) else 0.0,
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "positive_rate": round(float(y_true.mean()), 4) if len(y_true) else 0.0,
    }
