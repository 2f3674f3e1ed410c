"""Editors' corrections as extra training documents, merged only when asked.

``reportedly export-corrections --out var/corrections.jsonl`` (or ``GET /v1/corrections``)
writes one example per corrected article; a notebook turns merging on with a parameter::

    from service.training.corrections import merge_corrections
    MERGE_CORRECTIONS = False                      # notebook parameter; off by default
    train = merge_corrections(train, enabled=MERGE_CORRECTIONS)

Each example becomes a PolNeAR :class:`Document` (split ``"corrections"``). Relations keep
their cue/source/content spans. Sentence labels are derived from relations in training
(:mod:`service.training.labels`), so the editors' labels win: a sentence labelled reported
without a relation gets a content-only relation over it (span training skips relations
without a cue), and relations whose cue lies in a sentence labelled direct are left out.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from service.training.config import REPO_ROOT
from service.training.polnear import Document, Fragmented, Relation

ENV_PATH = "REPORTEDLY_CORRECTIONS"
DEFAULT_PATH = REPO_ROOT / "var" / "corrections.jsonl"


def _frag(frags) -> Fragmented | None:
    return Fragmented(tuple((int(a), int(b)) for a, b in frags)) if frags else None


def to_document(example: dict) -> Document:
    """One exported example as a training :class:`Document` (labels win, see above)."""
    direct = [(s["start"], s["end"]) for s in example["sentences"] if s["label"] == "direct"]
    relations = []
    for rel in example["relations"]:
        cue = _frag(rel.get("cue"))
        if cue is not None and any(a <= cue.start < b for a, b in direct):
            continue
        relations.append(
            Relation(
                rel["id"],
                cue,
                _frag(rel.get("source")),
                [f for f in map(_frag, rel.get("content") or []) if f],
            )
        )
    covered = [(r.cue.start, r.cue.end) for r in relations if r.cue] + [
        (c.start, c.end) for r in relations for c in r.content
    ]
    for k, s in enumerate(example["sentences"]):
        a, b = s["start"], s["end"]
        if s["label"] == "reported" and not any(x < b and a < y for x, y in covered):
            relations.append(Relation(f"label{k}", None, None, [Fragmented(((a, b),))]))
    return Document(
        example["name"],
        "corrections",
        example.get("publisher", ""),
        example.get("date", ""),
        example["text"],
        relations,
    )


def read_corrections(path: str | Path) -> list[Document]:
    """Every example in a JSON Lines export, as documents."""
    with open(path, encoding="utf-8") as fh:
        return [to_document(json.loads(line)) for line in fh if line.strip()]


def merge_corrections(
    docs: Iterable[Document], path: str | Path | None = None, *, enabled: bool = False
) -> list[Document]:
    """``docs`` plus the corrected documents when ``enabled`` (off by default).

    ``path`` defaults to ``$REPORTEDLY_CORRECTIONS``, else ``var/corrections.jsonl``; a
    document with the same name as a corrected one is replaced by it."""
    docs = list(docs)
    if not enabled:
        return docs
    path = Path(path or os.environ.get(ENV_PATH) or DEFAULT_PATH)
    if not path.is_file():
        raise FileNotFoundError(
            f"no corrections export at {path} (run: reportedly export-corrections --out FILE)"
        )
    corrected = read_corrections(path)
    names = {d.name for d in corrected}
    return [d for d in docs if d.name not in names] + corrected
