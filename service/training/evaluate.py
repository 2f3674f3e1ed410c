"""Evaluate the shipped engine on a PolNeAR split (what ``reportedly evaluate`` prints)."""
from __future__ import annotations

from pathlib import Path

from service.engine import Engine
from service.engine.segment import Segment
from service.training.config import data_root as default_data_root
from service.training.labels import sentence_labels
from service.training.metrics import binary_report
from service.training.polnear import read_split

__all__ = ["default_data_root", "evaluate_split", "format_evaluation"]


def evaluate_split(data_root: str | Path | None = None, split: str = "dev",
                   limit: int | None = None, engine: Engine | None = None) -> dict:
    """Run the engine over a PolNeAR split and score its sentence labels against gold.

    ``data_root`` is the folder holding ``polnear/`` (default :func:`default_data_root`).
    """
    root = Path(data_root) if data_root else default_data_root()
    engine = engine or Engine.load()
    docs = read_split(root / "polnear", split, limit=limit)
    y_true, y_pred = [], []
    for doc in docs:
        analysis = engine.analyze(doc.text)
        segs = [Segment(s.start, s.end, 0) for s in analysis.sentences]
        y_true += sentence_labels(doc, segs)
        y_pred += [int(s.label == "reported") for s in analysis.sentences]
    return {
        "split": split,
        "documents": len(docs),
        "model": engine.model_info.model_dump(),
        "sentences": binary_report(y_true, y_pred),
    }


def format_evaluation(report: dict) -> str:
    """A short human-readable table of :func:`evaluate_split`'s result."""
    s = report["sentences"]
    lines = [
        f"PolNeAR {report['split']}: {report['documents']} documents, {s['n']} sentences "
        f"({s['positive_rate']:.1%} reported)",
        f"model: {', '.join(report['model']['components'].values())}",
        "",
        "task       metric     value",
        f"sentences  accuracy   {s['accuracy']:.4f}",
        f"sentences  precision  {s['precision']:.4f}",
        f"sentences  recall     {s['recall']:.4f}",
        f"sentences  f1         {s['f1']:.4f}",
    ]
    return "\n".join(lines)
