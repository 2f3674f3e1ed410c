"""Turn raw relations into typed attributions: kind, verb, sentence membership."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import cast, overload

from service.engine.furniture import strip_dateline
from service.engine.lexicon import REPORTING_VERBS
from service.engine.spans import RawRelation
from service.engine.tokens import CUE_TEXT_WORD
from service.engine.types import Attribution, AttributionKind, CueClass, Span
from service.engine.wordlists import alternation, words

# Single words that mark a source-less hedged report (wordlists/hedges.tsv, use "kind": the
# adverbs, and participles that hedge "alone"). Multi-word hedges ("is said to", "are
# believed to") are matched as phrases by _HEDGE_PHRASE, so their parts ("said", "to", "be")
# do not make every source-less "said" a hedge.
HEDGE_CUES = words("hedges", form="adverb", uses="kind") | words("hedges", uses="alone")
# "is said to", "are believed to be", "was reported that": looked for around the cue. Wider
# than the rules' (cue_rules._HEDGE): any form of "be", and "that", since the span model
# has already found the relation.
_HEDGE_PHRASE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:widely\s+|also\s+)?"
    r"(?:" + alternation(words("hedges", form="participle", uses="kind")) + r")\s+(?:to|that)\b",
    re.I,
)
_NOT_VERB = frozenset(
    """about for on of to at in into with against over by from up out as the a an his her
    their its has have had is was were are be been being will would could should may might
    can do does did not also later then now again still just even repeatedly""".split()
)
_NOT_CONTENT = re.compile(r"[\W_]*")  # white space and punctuation only


def _quoted_share(
    text: str,
    start: int,
    end: int,
    quotes: list[tuple[int, int]],
    interruptions: Sequence[tuple[int, int]] = (),
) -> float:
    """Share of the content's characters inside quotation marks.

    Unquoted stretches of white space and punctuation are not counted, nor is an unquoted
    stretch between two quotations that holds the relation's cue or source: the "he said"
    of a quote split by its cue (``"A," he said. "B."``) does not make the quote mixed.
    """
    if end <= start:
        return 0.0
    inside = outside = 0
    pos = start
    pieces = []  # (a, b, quoted)
    for s, e in quotes:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            pieces.append((pos, s, False))
        pieces.append((s, e, True))
        pos = max(pos, e)
    if pos < end:
        pieces.append((pos, end, False))
    for k, (a, b, quoted) in enumerate(pieces):
        if quoted:
            inside += b - a
            continue
        if _NOT_CONTENT.fullmatch(text, a, b):
            continue
        between = 0 < k < len(pieces) - 1
        if between and any(a <= x < b for x, _ in interruptions):
            continue
        outside += b - a
    total = inside + outside
    return inside / total if total else 0.0


def content_parts(att: Attribution, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The attribution's content span without its own cue and source inside it.

    ``"A," he said. "B."`` is one content span holding its cue and source; the words of the
    interruption are not content. When quotations stand on both sides of the interruption,
    all of the unquoted stretch between them goes ("told a news conference" too).
    """
    if att.content is None:
        return []
    a, b = att.content.start, att.content.end
    inner = [
        (p.start, p.end)
        for p in (att.cue, att.source)
        if p is not None and a <= p.start and p.end <= b
    ]
    if not inner:
        return [(a, b)]
    lo, hi = min(s for s, _ in inner), max(e for _, e in inner)
    # quotes are sorted and do not overlap, so their ends ascend with their starts: the last
    # quotation ending in (a, lo] and the first starting in [hi, b) are found by bisection
    i = bisect_right(quotes, (lo, float("inf"))) - 1
    while i >= 0 and quotes[i][1] > lo:
        i -= 1
    before = quotes[i][1] if i >= 0 and quotes[i][1] > a else None
    j = bisect_left(quotes, (hi, -1))
    after = quotes[j][0] if j < len(quotes) and quotes[j][0] < b else None
    if before is not None and after is not None:
        lo, hi = before, after
    return [(x, y) for x, y in ((a, lo), (hi, b)) if y > x]


def is_hedge_cue(text: str, cue: tuple[int, int]) -> bool:
    """A hedging cue: "reportedly", "allegedly", "is said to", "are believed to"."""
    words = CUE_TEXT_WORD.findall(text[cue[0] : cue[1]].lower())
    if any(w in HEDGE_CUES for w in words):
        return True
    lo = max(0, cue[0] - 12)  # the cue may be "said" of "is said to", or stop at "is said"
    return any(
        m.start() < cue[1] and m.end() > cue[0]
        for m in _HEDGE_PHRASE.finditer(text, lo, min(cue[1] + 8, len(text)))
    )


def attribution_kind(text: str, rel: RawRelation, quotes: list[tuple[int, int]]) -> AttributionKind:
    """direct_quote | mixed | according_to | hedge | indirect.

    * according_to: the cue is "according to ...";
    * hedge: a hedging cue ("reportedly", "is said to") with no source;
    * direct_quote: at least 80% of the content's characters (white space, punctuation and a
      split quote's interrupting "he said" aside) lie inside quotation marks;
    * mixed: some of the content is quoted, less than that;
    * indirect: everything else, including a relation without content.
    """
    cue = text[rel.cue[0] : rel.cue[1]].lower()
    if cue.startswith("according to"):
        return "according_to"
    if rel.source is None and is_hedge_cue(text, rel.cue):
        return "hedge"
    if rel.content:
        interruptions = [rel.cue] + ([rel.source] if rel.source else [])
        share = _quoted_share(text, *rel.content, quotes, interruptions)
        if share >= 0.8:
            return "direct_quote"
        if share > 0.0:
            return "mixed"
    return "indirect"


def cue_verb(text: str, rel: RawRelation) -> str | None:
    """The cue's reporting word, lower case ("said" in "said in a statement"); "according to"
    for an according-to cue; else the cue's first word that is no preposition, auxiliary or
    adverb ("talked" of "has talked about")."""
    cue = text[rel.cue[0] : rel.cue[1]]
    if cue.lower().startswith("according to"):
        return "according to"
    words = [w.lower().replace("’", "'") for w in CUE_TEXT_WORD.findall(cue)]
    for w in words:
        if w in REPORTING_VERBS or w in HEDGE_CUES:
            return w
    content_words = [w for w in words if w not in _NOT_VERB]  # never "about" of "talked about"
    return content_words[0] if content_words else (words[-1] if words else None)


@overload
def _span(text: str, se: tuple[int, int]) -> Span: ...
@overload
def _span(text: str, se: tuple[int, int] | None) -> Span | None: ...
def _span(text: str, se: tuple[int, int] | None) -> Span | None:
    return None if se is None else Span(start=se[0], end=se[1], text=text[se[0] : se[1]])


def _trim(text: str, se: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span without a leading dateline ("BOSTON (AP) — "); None when nothing is left."""
    if se is None:
        return None
    start = strip_dateline(text, *se)
    return (start, se[1]) if text[start : se[1]].strip() else None


def build_attributions(
    text: str,
    relations: list[RawRelation],
    quotes: list[tuple[int, int]],
    source_ids: list[str | None],
    classes: list[str] | None = None,
    confidences: list[float] | None = None,
) -> list[Attribution]:
    """Typed attributions ("a1", "a2", ...) from the span model's relations, with their
    cue classes and confidences (default: assertion, the relation's own confidence).

    Source and content spans that open a paragraph with a dateline start after it, as the
    source mentions of :func:`~service.engine.sources.resolve_sources` do.
    """
    classes = classes if classes is not None else ["assertion"] * len(relations)
    confidences = confidences if confidences is not None else [r.confidence for r in relations]
    out = []
    for i, (rel, sid) in enumerate(zip(relations, source_ids)):
        rel = replace(rel, source=_trim(text, rel.source), content=_trim(text, rel.content))
        out.append(
            Attribution(
                id=f"a{i + 1}",
                cue=_span(text, rel.cue),
                source=_span(text, rel.source),
                content=_span(text, rel.content),
                kind=attribution_kind(text, rel, quotes),
                source_id=sid if rel.source is not None else None,
                verb=cue_verb(text, rel),
                cue_class=cast(CueClass, classes[i]),  # one of cue_classes.CLASSES
                confidence=round(min(max(float(confidences[i]), 0.0), 1.0), 4),
            )
        )
    return out


def sentence_attributions(
    sentence_bounds: list[tuple[int, int]], attributions: list[Attribution]
) -> list[list[str]]:
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
