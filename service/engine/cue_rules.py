"""Attribution patterns the span model sees too rarely in PolNeAR to learn, as rules.

- an epigraph dash after a quotation: “…” ― Sonya Herridge
- ", citing X" / "Citing X, …"
- source-less hedged reports: "reportedly", "allegedly", "is said to", "are believed to"

A rule relation is added only where the model found no cue of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import replace
from itertools import accumulate

from service.engine.spans import MAX_CUES_PER_SENTENCE, DocTokens, RawRelation
from service.engine.wordlists import alternation, words

_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|bin|al|of))*"
_EPIGRAPH = re.compile(r"([”\"])[ \t\u00a0]*([―—–])[ \t\u00a0]*(" + _NAME + ")")
_CITING = re.compile(r"\b[Cc]iting\s+([^,.;:\n]{2,80}?)(?=\s*[,.;:\n]|$)")
# The hedge words of use "rule" (wordlists/hedges.tsv), in narrower forms than the hedge
# kinds' (attributions._HEDGE_PHRASE): a rule adds a relation the model did not find, so only
# a finite "be" and "to" ("is said to", not "being said that").
_HEDGE = re.compile(
    r"\b(?:" + alternation(words("hedges", form="adverb", uses="rule")) + r")\b"
    r"|\b(?:is|are|was|were)\s+(?:widely\s+|also\s+)?"
    r"(?:" + alternation(words("hedges", form="participle", uses="rule")) + r")\s+to\b",
    re.I,
)
RULE_CONFIDENCE = 0.9
MAX_RULES_PER_SENTENCE = MAX_CUES_PER_SENTENCE


def _sentence_of(dt: DocTokens, pos: int) -> tuple[int, int] | None:
    """Character bounds of the sentence holding ``pos``."""
    lo, _ = dt.token_range(pos, pos + 1)
    if lo >= len(dt.tokens):
        return None
    a, b = dt.sentence_bounds[dt.tokens[lo].sentence]
    return dt.tokens[a].start, dt.tokens[b - 1].end


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    return (start, end) if end > start else None


def _relation(dt: DocTokens, cue, source, content) -> RawRelation | None:
    lo, hi = dt.token_range(*cue)
    if lo >= hi:
        return None
    return RawRelation(
        cue=cue, source=source, content=content, cue_tokens=(lo, hi), confidence=RULE_CONFIDENCE
    )


def _epigraphs(dt: DocTokens):
    for m in _EPIGRAPH.finditer(dt.text):
        quote = dt.quote_at(m.start(1))
        if quote is None or quote[1] != m.end(1):
            continue  # the mark must close a quotation
        start, end = m.span(3)
        if dt.text[end - 1] == "." and end - start > 2 and dt.text[end - 3] != ".":
            end -= 1  # the sentence's full stop, not an initial ("J.R.")
        yield _relation(dt, m.span(2), (start, end), quote)


def _citing(dt: DocTokens):
    for m in _CITING.finditer(dt.text):
        if dt.quote_at(m.start()):
            continue
        sent = _sentence_of(dt, m.start())
        if sent is None:
            continue
        before = _trim(dt.text, sent[0], m.start())
        after = _trim(dt.text, m.end(1), sent[1])
        content = before if before and m.start() > sent[0] else after
        yield _relation(dt, (m.start(), m.start() + 6), m.span(1), content)


def _hedges(dt: DocTokens):
    for m in _HEDGE.finditer(dt.text):
        if dt.quote_at(m.start()):
            continue  # a hedge inside a quotation is the quoted speaker's
        sent = _sentence_of(dt, m.start())
        if sent is None:
            continue
        yield _relation(dt, m.span(), None, _trim(dt.text, *sent))


def unsourced_hedges(text: str, relations: list[RawRelation]) -> list[RawRelation]:
    """A hedged report has no source: in "The minister reportedly plans to resign" the
    minister is part of what is reported, so a hedge cue's "source" joins its content."""
    out = []
    for r in relations:
        if r.source is not None and _HEDGE.fullmatch(text, *r.cue):
            parts = [p for p in (r.source, r.content) if p is not None]
            r = replace(
                r, source=None, content=(min(p[0] for p in parts), max(p[1] for p in parts))
            )
        out.append(r)
    return out


def _overlaps_any(taken: list[tuple[int, int]], reach: list[int], cue: tuple[int, int]) -> bool:
    """Whether ``cue`` overlaps a span of ``taken`` (sorted; ``reach[i]`` is the largest end
    among ``taken[:i + 1]``)."""
    i = bisect_left(taken, (cue[1],)) - 1
    return i >= 0 and reach[i] > cue[0]


def rule_relations(dt: DocTokens, found: list[RawRelation]) -> list[RawRelation]:
    """Relations from the rules whose cue overlaps none of ``found`` (nor each other), at
    most :data:`MAX_RULES_PER_SENTENCE` per sentence; O(n log n) in the relations."""
    taken = sorted(r.cue for r in found)
    reach = list(accumulate((b for _, b in taken), max))
    accepted: list[tuple[int, int]] = []  # rule cues taken so far, sorted
    per_sentence: dict[int, int] = {}
    out = []
    for rel in (*_epigraphs(dt), *_citing(dt), *_hedges(dt)):
        if rel is None or _overlaps_any(taken, reach, rel.cue):
            continue
        i = bisect_left(accepted, rel.cue)
        if (i > 0 and accepted[i - 1][1] > rel.cue[0]) or (
            i < len(accepted) and accepted[i][0] < rel.cue[1]
        ):
            continue
        s = dt.tokens[rel.cue_tokens[0]].sentence
        if per_sentence.get(s, 0) >= MAX_RULES_PER_SENTENCE:
            continue
        per_sentence[s] = per_sentence.get(s, 0) + 1
        insort(accepted, rel.cue)
        out.append(rel)
    return out
