"""Bias signals per sentence: the wording model's score and flags, each with its voice.

Whose words are they? Quotations and attribution content are the source's; everything else,
cues included ("claimed", "critics say", "reportedly"), is the writer's. Article scores count
the writer's voice only (see the README, "Bias").
"""
from __future__ import annotations

from dataclasses import dataclass

from service.engine.attributions import content_parts
from service.engine.bias_flags import Flag, drop_overlaps, voice
from service.engine.hedges import find_hedges
from service.engine.loaded_verbs import cue_flag, find_loaded_verbs
from service.engine.types import Attribution, BiasFlag, SentenceBias

SOURCE_SHARE = 0.9  # a sentence this much inside source spans is in the source's voice
WRITER_SHARE = 0.1  # ... and this little, in the writer's


def source_spans(attributions: list[Attribution],
                 quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans in the sources' voice: quotations, and content without its own cue
    and source."""
    spans = list(quotes)
    for a in attributions:
        spans += content_parts(a, quotes)
    return sorted(spans)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """Characters of [start, end) covered by ``spans`` (sorted, may overlap)."""
    covered, reach = 0, start
    for a, b in spans:
        if a >= end:
            break  # sorted: no later span reaches into [start, end)
        if b <= reach:
            continue
        a = max(a, reach)
        covered += max(0, min(b, end) - a)
        reach = max(reach, min(b, end))
    return covered


def sentence_voice(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """writer | source | mixed, from the share of the sentence's non-space characters
    inside source spans."""
    stripped = len("".join(text[start:end].split()))  # split() drops exactly the isspace()
    if stripped <= 0:
        return "writer"
    share = _inside(start, end, spans) / (end - start)
    return "source" if share >= SOURCE_SHARE else "writer" if share <= WRITER_SHARE else "mixed"


@dataclass(frozen=True)
class WordingFlag:
    """A word the bias model holds responsible, and why."""

    start: int
    end: int
    reason: str


def _flag_voice(start: int, end: int, spans, cues) -> str:
    if any(a < end and start < b for a, b in cues):
        return "writer"  # the writer chose the cue
    return voice(start, end, spans)


def sentence_flags(text: str, start: int, end: int, attributions: list[Attribution],
                   wording: list[WordingFlag], spans, cues) -> list[BiasFlag]:
    """Every flag in the sentence [start, end): loaded wording (from the model), loaded
    attribution verbs (cues first, then verbs the span model missed), hedges and weasels."""
    rule_flags: list[Flag] = []
    for a in attributions:
        if start <= a.cue.start < end and (f := cue_flag(text, a.cue.start, a.cue.end)):
            rule_flags.append(f)
    rule_flags += find_loaded_verbs(text, start, end)
    rule_flags += find_hedges(text, start, end)
    out = [
        BiasFlag(start=f.start, end=f.end, text=f.text,
                 kind="weasel" if f.kind == "unattributed_claim" else f.kind,
                 voice=_flag_voice(f.start, f.end, spans, cues), reason=f.reason, rule=f.rule)
        for f in drop_overlaps(rule_flags)
    ]
    taken = [(f.start, f.end) for f in out]
    for w in wording:
        if not any(a < w.end and w.start < b for a, b in taken):
            out.append(BiasFlag(start=w.start, end=w.end, text=text[w.start:w.end],
                                kind="loaded_wording",
                                voice=_flag_voice(w.start, w.end, spans, cues),
                                reason=w.reason, rule="wording"))
    return sorted(out, key=lambda f: f.start)


def sentence_bias(text: str, start: int, end: int, score: float, threshold: float,
                  attributions: list[Attribution], wording: list[WordingFlag],
                  spans: list[tuple[int, int]], cues: list[tuple[int, int]]) -> SentenceBias:
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
        f.kind == "loaded_wording" and f.voice == "writer" for f in bias.flags)
