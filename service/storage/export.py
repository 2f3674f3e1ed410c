"""Corrections as training examples: one JSON object per corrected article, its relations in
the corpora's span format (PolNeAR/brat: each span a list of ``[start, end]`` fragments)::

    {"name": ..., "split": "corrections", "publisher": "", "date": "2026-11-01",
     "text": "...",
     "relations": [{"id": "a1", "cue": [[s, e]], "source": [[s, e]] | null,
                    "content": [[[s, e]]], "kind": "indirect"}],
     "sentences": [{"start": s, "end": e, "label": "reported", "corrected": true}],
     "sources": [{"id", "name", "type", "named", "mentions": [[s, e], ...]}],
     "bias_flags": [{"sentence", "start", "end", "kind", "status"}],
     "model": {"version", "components"}, "editors": [...], "corrections": 3,
     "last_corrected": "...Z"}

``service.training.corrections`` reads these back as training documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from service.storage.db import Database
from service.storage.repository import StoredArticle, corrected_articles


def _frags(span: dict | None) -> list[list[int]] | None:
    return None if span is None else [[span["start"], span["end"]]]


def training_example(article: StoredArticle) -> dict:
    """One corrected article as a training example (see the module docstring)."""
    analysis, review = article.corrected()
    corrected = set(review["corrected"]["sentences"])
    reviewed = {
        (f["sentence"], f["start"], f["end"], f["kind"]): f["status"] for f in review["flags"]
    }
    flags = []
    for s in analysis["sentences"]:
        for f in (s.get("bias") or {}).get("flags", []):
            flags.append(
                {
                    "sentence": s["index"],
                    "start": f["start"],
                    "end": f["end"],
                    "kind": f["kind"],
                    "status": reviewed.get(
                        (s["index"], f["start"], f["end"], f["kind"]), "unreviewed"
                    ),
                }
            )
    flags += [
        {k: f[k] for k in ("sentence", "start", "end", "kind", "status")}
        for f in review["flags"]
        if f["status"] == "dismissed"
    ]
    return {
        "name": article.id,
        "split": "corrections",
        "publisher": "",
        "date": article.created_at[:10],
        "text": article.text,
        "relations": [
            {
                "id": a["id"],
                "cue": _frags(a["cue"]),
                "source": _frags(a.get("source")),
                "content": [_frags(a["content"])] if a.get("content") else [],
                "kind": a["kind"],
            }
            for a in analysis["attributions"]
        ],
        "sentences": [
            {
                "start": s["start"],
                "end": s["end"],
                "label": s["label"],
                "corrected": s["index"] in corrected,
            }
            for s in analysis["sentences"]
        ],
        "sources": [
            {
                "id": s["id"],
                "name": s["name"],
                "type": s["type"],
                "named": s["named"],
                "mentions": [[m["start"], m["end"]] for m in s["mentions"]],
            }
            for s in analysis["sources"]
        ],
        "bias_flags": sorted(flags, key=lambda f: (f["sentence"], f["start"], f["end"])),
        "model": {"version": article.model_version, "components": article.components},
        "editors": sorted({c.editor for c in article.corrections}),
        "corrections": len(article.corrections),
        "last_corrected": max(c.created_at for c in article.corrections),
    }


def iter_examples(db: Database):
    """Training examples of every corrected article, oldest correction first."""
    for article in corrected_articles(db):
        yield training_example(article)


def export_corrections(db: Database, out: str | Path | IO[str]) -> int:
    """Write every corrected article as JSON Lines to ``out`` (path or text stream); returns
    how many were written. A path is written to a temporary file, then renamed."""
    if not isinstance(out, (str, Path)):
        n = 0
        for example in iter_examples(db):
            out.write(json.dumps(example, ensure_ascii=False) + "\n")
            n += 1
        return n
    path = Path(out)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        n = export_corrections(db, fh)
    tmp.replace(path)
    return n
