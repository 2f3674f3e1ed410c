"""Turn raw relations into typed attributions: kind, verb, sentence membership."""
from __future__ import annotations

import re
from bisect import bisect_left

from service.engine.lexicon import REPORTING_VERBS
from service.engine.spans import RawRelation
from service.engine.types import Attribution, Span

HEDGE_CUES = frozenset(
    """reportedly allegedly purportedly supposedly apparently rumored rumoured
    said to be is said to are said to believed to be thought to be""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_HEDGE_PHRASE = re.compile(r"\b(?:is|are|was|were) (?:said|believed|thought|reported) to\b", re.I)


def _quoted_share(start: int, end: int, quotes: list[tuple[int, int]]) -> float:
    if end <= start:
        return 0.0
    inside = sum(max(0, min(e, end) - max(s, start)) for s, e in quotes)
    return inside / (end - start)


def attribution_kind(text: str, rel: RawRelation, quotes: list[tuple[int, int]]) -> str:
    """direct_quote | mixed | according_to | hedge | indirect."""
    cue = text[rel.cue[0]:rel.cue[1]].lower()
    if cue.startswith("according to"):
        return "according_to"
    words = _WORD.findall(cue)
    if (any(w in HEDGE_CUES for w in words) or _HEDGE_PHRASE.search(cue)) and rel.source is None:
        return "hedge"
    if rel.content:
        share = _quoted_share(*rel.content, quotes)
        if share >= 0.8:
            return "direct_quote"
        if share > 0.0:
            return "mixed"
    return "indirect"


def cue_verb(text: str, rel: RawRelation) -> str | None:
    """The cue's reporting word, lower case ("said" in "said in a statement")."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[rel.cue[0]:rel.cue[1]])]
    for w in words:
        if w in REPORTING_VERBS or w in HEDGE_CUES:
            return w
    return words[-1] if words else None


def _span(text: str, se: tuple[int, int] | None) -> Span | None:
    return None if se is None else Span(start=se[0], end=se[1], text=text[se[0]:se[1]])


def build_attributions(text: str, relations: list[RawRelation], quotes: list[tuple[int, int]],
                       source_ids: list[str | None]) -> list[Attribution]:
    return [
        Attribution(
            id=f"a{i + 1}",
            cue=_span(text, rel.cue),
            source=_span(text, rel.source),
            content=_span(text, rel.content),
            kind=attribution_kind(text, rel, quotes),
            source_id=sid,
            verb=cue_verb(text, rel),
        )
        for i, (rel, sid) in enumerate(zip(relations, source_ids))
    ]


def sentence_attributions(sentence_bounds: list[tuple[int, int]],
                          attributions: list[Attribution]) -> list[list[str]]:
    """For each sentence, ids of the attributions whose cue or content it holds.

    A sentence holds a cue it overlaps at all; it holds content when at least half of the
    sentence lies in it or at least half of the content lies in the sentence, so a content
    span that only grazes a neighbouring sentence does not make that sentence reported.
    """
    starts = [s for s, _ in sentence_bounds]
    out: list[list[str]] = [[] for _ in sentence_bounds]

    def overlapping(a: int, b: int):
        i = max(bisect_left(starts, a + 1) - 1, 0)
        while i < len(sentence_bounds) and sentence_bounds[i][0] < b:
            s, e = sentence_bounds[i]
            if e > a:
                yield i, min(e, b) - max(s, a)
            i += 1

    for att in attributions:
        hit = {i for i, _ in overlapping(att.cue.start, att.cue.end)}
        if att.content:
            a, b = att.content.start, att.content.end
            for i, ov in overlapping(a, b):
                s, e = sentence_bounds[i]
                if 2 * ov >= e - s or 2 * ov >= b - a:
                    hit.add(i)
        for i in sorted(hit):
            out[i].append(att.id)
    return out
