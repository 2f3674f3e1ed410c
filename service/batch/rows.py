"""Flatten an :class:`~service.engine.types.Analysis` into table rows.

``articles``: one row per article (input id, metadata kept, every score, ``words``,
``text_length``, model version, ``error``). ``sentences``, ``attributions`` and ``sources``:
one row per item, each with the article ``id``; join them to ``articles`` on ``id`` (and
attributions to sources on ``id`` + ``source_id``).
"""

from __future__ import annotations

import pyarrow as pa

from service.engine.types import Analysis, Scores

SCORE_TYPES = {
    name: pa.int64() if f.annotation is int else pa.float64()
    for name, f in Scores.model_fields.items()
}
EXTRA = {
    "words": pa.int64(),
    "text_length": pa.int64(),
    "model_version": pa.string(),
    "model_components": pa.string(),
    "error": pa.string(),
}
RESERVED = frozenset({"id", *SCORE_TYPES, *EXTRA})


def _span(prefix: str) -> list[pa.Field]:
    return [
        pa.field(f"{prefix}_start", pa.int64()),
        pa.field(f"{prefix}_end", pa.int64()),
        pa.field(f"{prefix}_text", pa.string()),
    ]


SCHEMAS = {
    "sentences": pa.schema(
        [
            ("id", pa.string()),
            ("index", pa.int64()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("label", pa.string()),
            ("probability", pa.float64()),
            ("attribution_ids", pa.list_(pa.string())),
            ("bias_score", pa.float64()),
            ("biased", pa.bool_()),
            ("voice", pa.string()),
            ("bias_flags", pa.int64()),
        ]
    ),
    "attributions": pa.schema(
        [
            pa.field("id", pa.string()),
            pa.field("attribution_id", pa.string()),
            pa.field("kind", pa.string()),
            pa.field("verb", pa.string()),
            pa.field("source_id", pa.string()),
            *_span("cue"),
            *_span("source"),
            *_span("content"),
        ]
    ),
    "sources": pa.schema(
        [
            ("id", pa.string()),
            ("source_id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("named", pa.bool_()),
            ("attribution_count", pa.int64()),
            ("mentions", pa.int64()),
        ]
    ),
}


def articles_schema(metadata: pa.Schema) -> pa.Schema:
    """The articles table: id, the input's metadata columns, scores, then the extras."""
    return pa.schema(
        [
            pa.field("id", pa.string()),
            *metadata,
            *(pa.field(k, t) for k, t in SCORE_TYPES.items()),
            *(pa.field(k, t) for k, t in EXTRA.items()),
        ]
    )


def score_row(analysis: Analysis, text: str) -> dict:
    """The article's scores plus ``words`` and ``text_length`` (``error`` left empty)."""
    return {
        **analysis.scores.model_dump(),
        "words": len(text.split()),
        "text_length": analysis.text_length,
    }


def error_row(text, exc: BaseException) -> dict:
    """Null scores and a one-line ``error``: what went wrong with this article."""
    words = len(text.split()) if isinstance(text, str) else None
    length = len(text) if isinstance(text, str) else None
    message = str(exc).splitlines()[0] if str(exc) else ""
    kind = "" if type(exc).__name__ == "InputError" else f"{type(exc).__name__}: "
    return {"words": words, "text_length": length, "error": (kind + message)[:500]}


def _spans(prefix: str, span) -> dict:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def sentence_rows(article_id: str, a: Analysis) -> list[dict]:
    return [
        {
            "id": article_id,
            "index": s.index,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "label": s.label,
            "probability": s.probability,
            "attribution_ids": s.attribution_ids,
            "bias_score": s.bias.score if s.bias else None,
            "biased": s.bias.biased if s.bias else None,
            "voice": s.bias.voice if s.bias else None,
            "bias_flags": len(s.bias.flags) if s.bias else None,
        }
        for s in a.sentences
    ]


def attribution_rows(article_id: str, a: Analysis) -> list[dict]:
    return [
        {
            "id": article_id,
            "attribution_id": r.id,
            "kind": r.kind,
            "verb": r.verb,
            "source_id": r.source_id,
            **_spans("cue", r.cue),
            **_spans("source", r.source),
            **_spans("content", r.content),
        }
        for r in a.attributions
    ]


def source_rows(article_id: str, a: Analysis) -> list[dict]:
    return [
        {
            "id": article_id,
            "source_id": s.id,
            "name": s.name,
            "type": s.type,
            "named": s.named,
            "attribution_count": s.attribution_count,
            "mentions": len(s.mentions),
        }
        for s in a.sources
    ]


TABLE_ROWS = {"sentences": sentence_rows, "attributions": attribution_rows, "sources": source_rows}
