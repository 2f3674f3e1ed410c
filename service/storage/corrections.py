"""Editors' corrections: the kinds (pydantic models, also the API's request schema) and how
a list of them is replayed, in order, over a stored analysis.

========================  =========================================  ==========================
kind                      target                                     after
========================  =========================================  ==========================
``sentence_label``        ``{"sentence": i}``                        ``{"label"}``
``source``                ``{"source_id"}``                          ``{"name"?, "type"?, "named"?}``
``relation_spans``        ``{"attribution_id"}``                     ``{"cue"?, "source"?, "content"?, "kind"?, "source_id"?}``
``relation_delete``       ``{"attribution_id"}``                     ``null``
``relation_add``          ``{}``                                     ``{"cue", "source"?, "content"?, "kind"?, "source_id"?}``
``bias_flag``             ``{"sentence", "start", "end", "kind"}``   ``{"status": "confirmed" | "dismissed"}``
========================  =========================================  ==========================

Spans are ``{"start", "end"}`` offsets into the article text. Replaying recomputes each
sentence's ``attribution_ids``, each source's ``attribution_ids`` and ``attribution_count``
and the scores; dismissed bias flags are dropped from the corrected analysis. An analysis
stored before sources listed their ``attribution_ids`` gets them on reading.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, model_validator

from service.engine.types import Analysis, AttributionKind, SourceType

RELATION_ROLES = ("cue", "source", "content")


class CorrectionError(ValueError):
    """A correction that does not fit the article (unknown target, span out of range...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SpanRef(_Model):
    """A stretch of the article text, ``text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        return self


class SentenceTarget(_Model):
    sentence: int = Field(ge=0, description="Sentence index.")


class LabelAfter(_Model):
    label: Literal["reported", "direct"]


class SourceTarget(_Model):
    source_id: str = Field(max_length=64)


class SourceAfter(_Model):
    name: str | None = Field(None, min_length=1, max_length=200)
    type: SourceType | None = None
    named: bool | None = None

    @model_validator(mode="after")
    def _something(self):
        if not self.model_fields_set:
            raise ValueError("give at least one of name, type, named")
        return self


class RelationTarget(_Model):
    attribution_id: str = Field(max_length=64)


class RelationSpansAfter(_Model):
    """Only the fields present change; ``source``/``content``/``source_id`` may be null."""

    cue: SpanRef | None = None
    source: SpanRef | None = None
    content: SpanRef | None = None
    kind: AttributionKind | None = None
    source_id: str | None = Field(None, max_length=64)

    @model_validator(mode="after")
    def _something(self):
        if not self.model_fields_set:
            raise ValueError("give at least one field to change")
        if "cue" in self.model_fields_set and self.cue is None:
            raise ValueError("a relation's cue cannot be removed (delete the relation instead)")
        if "kind" in self.model_fields_set and self.kind is None:
            raise ValueError("kind cannot be null")
        return self


class RelationAddAfter(_Model):
    cue: SpanRef
    source: SpanRef | None = None
    content: SpanRef | None = None
    kind: AttributionKind = "indirect"
    source_id: str | None = Field(None, max_length=64)


class NoTarget(_Model):
    pass


class FlagTarget(_Model):
    sentence: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: str = Field(max_length=32)


class FlagAfter(_Model):
    status: Literal["confirmed", "dismissed"]


_NOTE = Field(None, max_length=2000, description="Optional free-text reason.")


class SentenceLabelCorrection(_Model):
    kind: Literal["sentence_label"]
    target: SentenceTarget
    after: LabelAfter
    note: str | None = _NOTE


class SourceCorrection(_Model):
    kind: Literal["source"]
    target: SourceTarget
    after: SourceAfter
    note: str | None = _NOTE


class RelationSpansCorrection(_Model):
    kind: Literal["relation_spans"]
    target: RelationTarget
    after: RelationSpansAfter
    note: str | None = _NOTE


class RelationDeleteCorrection(_Model):
    kind: Literal["relation_delete"]
    target: RelationTarget
    after: None = None
    note: str | None = _NOTE


class RelationAddCorrection(_Model):
    kind: Literal["relation_add"]
    target: NoTarget = Field(default_factory=NoTarget)
    after: RelationAddAfter
    note: str | None = _NOTE


class BiasFlagCorrection(_Model):
    kind: Literal["bias_flag"]
    target: FlagTarget
    after: FlagAfter
    note: str | None = _NOTE


class CorrectionRequest(RootModel):
    """One correction; ``kind`` says which fields ``target`` and ``after`` hold."""

    root: Annotated[
        SentenceLabelCorrection
        | SourceCorrection
        | RelationSpansCorrection
        | RelationDeleteCorrection
        | RelationAddCorrection
        | BiasFlagCorrection,
        Field(discriminator="kind"),
    ]


def parse_correction(data: dict) -> BaseModel:
    """``data`` (kind, target, after[, note]) as its correction model; ValidationError if bad."""
    return CorrectionRequest.model_validate(data).root


class _State:
    """The analysis being corrected, plus what the review has touched so far."""

    def __init__(self, text: str, analysis: dict):
        self.text = text
        self.a = copy.deepcopy(analysis)
        self.flags = {
            (s["index"], f["start"], f["end"], f["kind"]): f
            for s in analysis["sentences"]
            if s.get("bias")
            for f in s["bias"].get("flags", [])
        }
        self.flag_status: dict[tuple, str] = {}
        self.added = 0
        self.corrected: dict[str, set] = {
            "sentences": set(),
            "sources": set(),
            "attributions": set(),
        }
        self.deleted: list[dict] = []

    def span(self, ref: SpanRef | None) -> dict | None:
        if ref is None:
            return None
        if ref.end > len(self.text):
            raise CorrectionError(
                "span_out_of_range",
                f"span {ref.start}-{ref.end} is past the end of the text "
                f"({len(self.text)} characters)",
            )
        return {"start": ref.start, "end": ref.end, "text": self.text[ref.start : ref.end]}

    def sentence(self, index: int) -> dict:
        if index >= len(self.a["sentences"]):
            raise CorrectionError("unknown_target", f"no sentence {index}")
        return self.a["sentences"][index]

    def relation(self, rid: str) -> dict:
        for att in self.a["attributions"]:
            if att["id"] == rid:
                return att
        raise CorrectionError("unknown_target", f"no relation {rid!r}")

    def source(self, sid: str | None) -> dict | None:
        if sid is None:
            return None
        for src in self.a["sources"]:
            if src["id"] == sid:
                return src
        raise CorrectionError("unknown_target", f"no source {sid!r}")


def _bounds(d: dict | None) -> dict | None:
    return None if d is None else {"start": d["start"], "end": d["end"]}


def _relation_before(att: dict) -> dict:
    return {
        "cue": _bounds(att["cue"]),
        "source": _bounds(att.get("source")),
        "content": _bounds(att.get("content")),
        "kind": att["kind"],
        "source_id": att.get("source_id"),
    }


def _apply(state: _State, c: BaseModel) -> dict | None:
    """Apply one parsed correction to ``state``; returns the ``before`` value."""
    if isinstance(c, SentenceLabelCorrection):
        sent = state.sentence(c.target.sentence)
        before = {"label": sent["label"]}
        sent["label"] = c.after.label
        state.corrected["sentences"].add(sent["index"])
        return before
    if isinstance(c, SourceCorrection):
        src = state.source(c.target.source_id)
        assert src is not None  # the target's source_id is required
        changes = c.after.model_dump(include=c.after.model_fields_set)
        if changes.get("type") == "anonymous" and "named" not in changes:
            changes["named"] = False
        before = {k: src[k] for k in changes}
        src.update(changes)
        state.corrected["sources"].add(src["id"])
        return before
    if isinstance(c, RelationSpansCorrection):
        att = state.relation(c.target.attribution_id)
        before = _relation_before(att)
        fields = c.after.model_fields_set
        for role in RELATION_ROLES:
            if role in fields:
                att[role] = state.span(getattr(c.after, role))
        if "kind" in fields:
            att["kind"] = c.after.kind
        if "source_id" in fields:
            state.source(c.after.source_id)
            att["source_id"] = c.after.source_id
        state.corrected["attributions"].add(att["id"])
        return {k: before[k] for k in fields}
    if isinstance(c, RelationDeleteCorrection):
        att = state.relation(c.target.attribution_id)
        state.a["attributions"].remove(att)
        state.corrected["attributions"].discard(att["id"])
        state.deleted.append(att)
        return _relation_before(att)
    if isinstance(c, RelationAddCorrection):
        state.source(c.after.source_id)
        ids = {a["id"] for a in state.a["attributions"]} | {a["id"] for a in state.deleted}
        state.added += 1
        while f"e{state.added}" in ids:
            state.added += 1
        att = {
            "id": f"e{state.added}",
            "cue": state.span(c.after.cue),
            "source": state.span(c.after.source),
            "content": state.span(c.after.content),
            "kind": c.after.kind,
            "source_id": c.after.source_id,
            "verb": None,
        }
        state.a["attributions"].append(att)
        state.a["attributions"].sort(key=lambda a: (a["cue"]["start"], a["cue"]["end"]))
        state.corrected["attributions"].add(att["id"])
        return None
    if isinstance(c, BiasFlagCorrection):
        t = c.target
        key = (t.sentence, t.start, t.end, t.kind)
        if key not in state.flags:
            raise CorrectionError(
                "unknown_target", f"no {t.kind} flag at {t.start}-{t.end} in sentence {t.sentence}"
            )
        before = {"status": state.flag_status.get(key, "unreviewed")}
        state.flag_status[key] = c.after.status
        return before
    raise CorrectionError("unknown_kind", f"unknown correction {type(c).__name__}")


def _finish(state: _State) -> tuple[dict, dict]:
    """The corrected analysis (validated, with recomputed ids, counts and scores) and the
    review summary."""
    from service.engine.attributions import sentence_attributions
    from service.engine.scores import article_scores
    from service.engine.source_attributions import source_attributions
    from service.engine.types import Attribution, Sentence, Source

    a = state.a
    for s in a["sentences"]:
        if s.get("bias"):
            s["bias"]["flags"] = [
                f
                for f in s["bias"].get("flags", [])
                if state.flag_status.get((s["index"], f["start"], f["end"], f["kind"]))
                != "dismissed"
            ]
    attributions = [Attribution.model_validate(x) for x in a["attributions"]]
    ids = sentence_attributions([(s["start"], s["end"]) for s in a["sentences"]], attributions)
    for s, own in zip(a["sentences"], ids):
        s["attribution_ids"] = own
    said = source_attributions(attributions)
    for src in a["sources"]:
        src["attribution_ids"] = said.get(src["id"], [])
        src["attribution_count"] = len(src["attribution_ids"])
    sentences = [Sentence.model_validate(x) for x in a["sentences"]]
    sources = [Source.model_validate(x) for x in a["sources"]]
    a["scores"] = article_scores(sentences, attributions, sources, state.text).model_dump(
        mode="json"
    )
    analysis = Analysis.model_validate(a).to_dict()
    review = {
        "corrected": {k: sorted(v, key=str) for k, v in state.corrected.items()},
        "deleted_attributions": [_relation_before(d) | {"id": d["id"]} for d in state.deleted],
        "flags": [
            {
                "sentence": k[0],
                "start": k[1],
                "end": k[2],
                "kind": k[3],
                "status": v,
                "reason": state.flags[k].get("reason", ""),
                "text": state.flags[k]["text"],
            }
            for k, v in sorted(state.flag_status.items())
        ],
    }
    return analysis, review


def _with_source_ids(analysis: dict) -> dict:
    """``analysis``, or a copy whose sources get the ``attribution_ids`` it was stored
    without (analyses stored before the field existed)."""
    if all("attribution_ids" in s for s in analysis.get("sources", [])):
        return analysis
    from service.engine.source_attributions import source_attributions
    from service.engine.types import Attribution

    said = source_attributions([Attribution.model_validate(x) for x in analysis["attributions"]])
    sources = [s | {"attribution_ids": said.get(s["id"], [])} for s in analysis["sources"]]
    return analysis | {"sources": sources}


EMPTY_REVIEW = {
    "corrected": {"sentences": [], "sources": [], "attributions": []},
    "deleted_attributions": [],
    "flags": [],
}


def apply_corrections(
    text: str, analysis: dict, corrections: list[dict], new: dict | None = None
) -> tuple[dict, dict, Any]:
    """Replay stored ``corrections`` (dicts with kind/target/after) over ``analysis``, then
    apply ``new`` if given. Returns (corrected analysis, review summary, ``before`` of
    ``new``). Raises :class:`CorrectionError` (or pydantic's ValidationError) if ``new``
    does not fit; a stored correction that no longer fits is skipped."""
    if not corrections and new is None:
        return _with_source_ids(analysis), copy.deepcopy(EMPTY_REVIEW), None
    state = _State(text, analysis)
    for stored in corrections:
        try:
            _apply(state, parse_correction({k: stored.get(k) for k in ("kind", "target", "after")}))
        except (CorrectionError, ValidationError):
            continue
    before = None
    if new is not None:
        before = _apply(state, parse_correction(new))
    corrected, review = _finish(state)
    return corrected, review, before
