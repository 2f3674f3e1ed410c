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


def evaluate_split(
    data_root: str | Path | None = None,
    split: str = "dev",
    limit: int | None = None,
    engine: Engine | None = None,
) -> dict:
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


def evaluate_spans(
    data_root: str | Path | None = None,
    split: str = "dev",
    limit: int | None = None,
    engine: Engine | None = None,
) -> dict:
    """Run the engine over a PolNeAR split; score cue, source and content spans against gold
    (strict, partial and token F1), and the sentence labels, and time the engine."""
    import time

    from service.training.span_metrics import evaluate_relations, gold_spans

    root = Path(data_root) if data_root else default_data_root()
    engine = engine or Engine.load()
    docs = read_split(root / "polnear", split, limit=limit)
    scored, y_true, y_pred = [], [], []
    seconds = 0.0
    for doc in docs:
        t = time.perf_counter()
        analysis = engine.analyze(doc.text)
        seconds += time.perf_counter() - t
        pred = {
            "cue": [(a.cue.start, a.cue.end) for a in analysis.attributions],
            "source": [(a.source.start, a.source.end) for a in analysis.attributions if a.source],
            "content": [
                (a.content.start, a.content.end) for a in analysis.attributions if a.content
            ],
        }
        scored.append((doc.text, gold_spans(doc), pred))
        segs = [Segment(s.start, s.end, 0) for s in analysis.sentences]
        y_true += sentence_labels(doc, segs)
        y_pred += [int(s.label == "reported") for s in analysis.sentences]
    words = sum(len(d.text.split()) for d in docs)
    return {
        "split": split,
        "documents": len(docs),
        "model": engine.model_info.model_dump(),
        "spans": evaluate_relations(scored),
        "sentences": binary_report(y_true, y_pred),
        "speed": {
            "words": words,
            "seconds": round(seconds, 3),
            "words_per_second": round(words / seconds) if seconds else 0,
        },
    }


def format_span_evaluation(report: dict) -> str:
    from service.training.span_metrics import format_span_table

    s = report["sentences"]
    return "\n".join(
        [
            f"PolNeAR {report['split']}: {report['documents']} documents",
            f"model: {', '.join(report['model']['components'].values())}",
            "",
            format_span_table(report["spans"]),
            "",
            f"sentences (with relations): accuracy {s['accuracy']:.4f}  F1 {s['f1']:.4f}",
            f"engine speed during evaluation: {report['speed']['words_per_second']:,} words/s",
        ]
    )


def evaluate_bias_task(
    data_root: str | Path | None = None, limit: int | None = None, engine: Engine | None = None
) -> dict:
    """The bias model's held-out figures with the shipped model's settings (C, threshold,
    highlight rate from its manifest): leave-one-outlet-out on BABE."""
    from service.training.bias import evaluate_bias

    root = Path(data_root) if data_root else default_data_root()
    engine = engine or Engine.load(with_spans=False)
    manifest = engine.manifests.get("bias")
    if manifest is None:
        raise ValueError("no bias model loaded (models/bias is missing)")
    params = manifest.data.get("parameters", {})
    report = evaluate_bias(
        root,
        limit=limit,
        C=float(params.get("C", 0.05)),
        threshold=float(params.get("threshold", 0.5)),
        highlight_rate=float(params.get("highlight_rate", 0.3)),
    )
    report["model"] = manifest.artifact_id
    if (root / "basil").is_dir():
        from service.training.basil import evaluate_engine_on_basil, read_basil

        full = engine if engine.spans is not None else Engine.load()  # voice needs relations
        report["basil"] = evaluate_engine_on_basil(
            full, read_basil(root / "basil", limit=None if limit is None else max(limit, 3))
        )
    return report


def format_bias_evaluation(report: dict) -> str:
    """The held-out bias figures for people."""
    s, o, w = report["sentence"], report["opinion"], report["words_in_biased_sentences"]
    held = report["sentence_threshold_held_out"]
    lines = [
        f"BABE SG2, {report['sentences']} sentences, {report['outlets']} outlets: "
        f"{report['protocol']}",
        f"model settings from {report['model']}: C {report['C']}, threshold "
        f"{report['threshold']}, highlight rate {report['highlight_rate']}",
        "",
        f"biased vs non-biased   macro-F1 {s['macro_f1']:.4f}  accuracy {s['accuracy']:.4f}"
        f"  (threshold also chosen without the outlet: {held['macro_f1']:.4f})",
        f"opinion vs factual     macro-F1 {o['macro_f1']:.4f}  (n={o['n']})",
        f"highlighted words      precision {w['precision']:.4f}  recall {w['recall']:.4f}"
        "  (words shown in sentences flagged biased)",
        "",
        "per outlet (held out):",
    ]
    for row in report["per_outlet"]:
        lines.append(
            f"  {row['outlet']:<16} n={row['n']:<5} accuracy {row['accuracy']:.4f}"
            f"  biased {row['biased_share']:.3f}  predicted {row['predicted_share']:.3f}"
        )
    b = report.get("basil")
    if b:
        t, fv, sv = b["tokens"], b["flag_voice"], b["span_voice"]
        lines += [
            "",
            f"BASIL 2010-2014 (real news), {b['articles']} articles, the shipped engine:",
            f"  sentences called biased  {b['biased_share']:.4f} of {b['engine_sentences']}"
            f"  (BASIL sentences holding a lex phrase: {b['lex_sentence_share']:.4f};"
            f" score AUC for them {b['score_auc_lex']:.4f})",
            f"  loaded_wording vs lex    token precision {t['precision']:.4f}  recall "
            f"{t['recall']:.4f}  F1 {t['f1']:.4f}  ({t['flagged']} tokens flagged, "
            f"{t['gold']} in lex; in-sample: the word model was trained on these phrases, "
            "its events-held-out figure is in the bias model card)",
            f"  voice ({b['voice_view']}):",
            f"    lex phrases             agreement {sv['agreement']:.4f}  (writer's "
            f"{sv['writer_agree']}/{sv['writer_phrases']}, quoted {sv['quoted_agree']}/"
            f"{sv['quoted_phrases']})",
            f"    flags on lex phrases    agreement {fv['agreement']:.4f}  (writer's "
            f"{fv['writer_agree']}/{fv['writer_phrases']}, quoted {fv['quoted_agree']}/"
            f"{fv['quoted_phrases']})",
        ]
    return "\n".join(lines)
