"""Bias signals per sentence: the wording model's score and flags, each with its voice.

Whose words are they? Quotations and attribution content are the source's; everything else,
cues included ("claimed", "critics say", "reportedly"), is the writer's. Article scores count
the writer's voice only (see the README, "Bias").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.engine.attributions import content_parts
from service.engine.bias.flags import Flag, SpanIndex, Voice, drop_overlaps, voice
from service.engine.bias.hedges import find_hedges
from service.engine.bias.loaded_verbs import (
    PROVENANCE,
    adds_judgement,
    cue_flag,
    entry_for,
    find_loaded_verbs,
)
from service.engine.types import Attribution, BiasFlag, SentenceBias

SOURCE_SHARE = 0.9  # a sentence this much inside source spans is in the source's voice
WRITER_SHARE = 0.1  # ... and this little, in the writer's
# A relation gives its content to the source's voice only when it is at least this sure and
# reports speech (cue_class "assertion"): words inside a doubtful relation, or in what a
# writer says someone believes or wants, stay the writer's.
VOICE_MIN_CONFIDENCE = 0.7
MAX_WORDING_FLAGS = 6  # per sentence, the most confident kept
RULE_CONFIDENCE = {"loaded_verb": 0.8, "hedge": 0.9, "weasel": 0.75, "unattributed_claim": 0.6}


def source_spans(
    attributions: list[Attribution], quotes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Character spans in the sources' voice: quotations, and content without its own cue
    and source."""
    spans = list(quotes)
    for a in attributions:
        spans += content_parts(a, quotes)
    return sorted(spans)


def gives_voice(a: Attribution) -> bool:
    """Does the relation's content count as its source's words?"""
    return a.confidence >= VOICE_MIN_CONFIDENCE and a.cue_class == "assertion"


def voice_spans(
    attributions: list[Attribution], quotes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans in the sources' voice: quotations, and the content (without its own cue and
    source) of the relations that :func:`gives_voice`."""
    return source_spans([a for a in attributions if gives_voice(a)], quotes)


def _inside(start: int, end: int, spans: list[tuple[int, int]] | SpanIndex) -> int:
    """Characters of [start, end) covered by ``spans`` (sorted, may overlap)."""
    covered, reach = 0, start
    if isinstance(spans, SpanIndex):  # skip the spans that end before the sentence
        spans = spans.spans[spans.first_reaching(start) :]
    for a, b in spans:
        if a >= end:
            break  # sorted: no later span reaches into [start, end)
        if b <= reach:
            continue
        a = max(a, reach)
        covered += max(0, min(b, end) - a)
        reach = max(reach, min(b, end))
    return covered


def sentence_voice(
    text: str, start: int, end: int, spans: list[tuple[int, int]] | SpanIndex
) -> Literal["writer", "source", "mixed"]:
    """writer | source | mixed, from the share of the sentence's non-space characters
    inside source spans."""
    stripped = len("".join(text[start:end].split()))  # split() drops exactly the isspace()
    if stripped <= 0:
        return "writer"
    share = _inside(start, end, spans) / (end - start)
    return "source" if share >= SOURCE_SHARE else "writer" if share <= WRITER_SHARE else "mixed"


@dataclass(frozen=True)
class WordingFlag:
    """Words the bias model holds loaded in context, why (plain words) and on what evidence."""

    start: int
    end: int
    reason: str
    confidence: float = 1.0
    evidence: str = ""


def _flag_voice(start: int, end: int, spans, cues) -> Voice:
    if isinstance(cues, SpanIndex):
        if cues.overlaps(start, end):
            return "writer"
    elif any(a < end and start < b for a, b in cues):
        return "writer"  # the writer chose the cue
    return voice(start, end, spans)


def _rule_evidence(f: Flag) -> str:
    if f.kind == "loaded_verb":
        e = entry_for(f.rule)
        src = "; ".join(PROVENANCE[p] for p in e.provenance) if e else ""
        return f"loaded-verb table, '{f.rule}' ({e.implies if e else ''}): {src}"
    return f"reportedly's hedge and weasel pattern {f.rule} (examples: GET /v1/lexicons)"


def sentence_flags(
    text: str,
    start: int,
    end: int,
    attributions: list[Attribution],
    wording: list[WordingFlag],
    spans,
    cues,
) -> list[BiasFlag]:
    """Every flag in the sentence [start, end): loaded wording (from the model), loaded
    attribution verbs (cues first, then verbs the span model missed), hedges and weasels."""
    rule_flags: list[Flag] = []
    for a in attributions:
        if start <= a.cue.start < end and (f := cue_flag(text, a.cue.start, a.cue.end)):
            rule_flags.append(f)
    rule_flags += find_loaded_verbs(text, start, end)
    # only verbs that add a judgement of their own ("claimed", "admitted", "conceded")
    rule_flags = [f for f in rule_flags if adds_judgement(f.rule)]
    rule_flags += find_hedges(text, start, end)
    out = [
        BiasFlag(
            start=f.start,
            end=f.end,
            text=f.text,
            kind="weasel" if f.kind == "unattributed_claim" else f.kind,
            voice=_flag_voice(f.start, f.end, spans, cues),
            reason=f.reason,
            rule=f.rule,
            confidence=RULE_CONFIDENCE.get(f.kind, 0.7),
            evidence=_rule_evidence(f),
        )
        for f in drop_overlaps(rule_flags)
    ]
    taken = [(f.start, f.end) for f in out]
    kept = sorted(wording, key=lambda w: -w.confidence)[:MAX_WORDING_FLAGS]
    for w in sorted(kept, key=lambda w: w.start):
        if not any(a < w.end and w.start < b for a, b in taken):
            out.append(
                BiasFlag(
                    start=w.start,
                    end=w.end,
                    text=text[w.start : w.end],
                    kind="loaded_wording",
                    voice=_flag_voice(w.start, w.end, spans, cues),
                    reason=w.reason,
                    rule="wording",
                    confidence=min(max(w.confidence, 0.0), 1.0),
                    evidence=w.evidence,
                )
            )
    return sorted(out, key=lambda f: f.start)


def sentence_bias(
    text: str,
    start: int,
    end: int,
    score: float,
    threshold: float,
    attributions: list[Attribution],
    wording: list[WordingFlag],
    spans: list[tuple[int, int]] | SpanIndex,
    cues: list[tuple[int, int]] | SpanIndex,
) -> SentenceBias:
    """The ``bias`` field of one sentence."""
    score = round(float(score), 4)
    return SentenceBias(
        score=score,
        biased=score >= threshold,
        voice=sentence_voice(text, start, end, spans),
        flags=sentence_flags(text, start, end, attributions, wording, spans, cues),
    )


def writer_biased(bias: SentenceBias) -> bool:
    """A biased sentence the writer answers for: in the writer's voice, or mixed with at
    least one loaded-wording flag outside the source's words."""
    if not bias.biased or bias.voice == "source":
        return False
    return bias.voice == "writer" or any(
        f.kind == "loaded_wording" and f.voice == "writer" for f in bias.flags
    )
