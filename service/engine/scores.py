"""Article-level scores from the sentences, attributions and sources.

The definitions are in the README ("Scores"); every share is rounded to four decimal places
and is 0.0 when its denominator is zero.
"""

from __future__ import annotations

import math
from collections import Counter

from service.engine.attributions import content_parts
from service.engine.bias.analyse import writer_biased
from service.engine.quotes import quote_intervals
from service.engine.segment import paragraphs
from service.engine.tokens import WORD
from service.engine.types import Attribution, Scores, Sentence, Source


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def source_diversity(counts: list[int]) -> float:
    """Shannon entropy of the counts over log(number of sources): 0 one source, 1 even use."""
    counts = [c for c in counts if c > 0]
    if len(counts) < 2:
        return 0.0
    total = sum(counts)
    h = -sum(c / total * math.log(c / total) for c in counts)
    return round(min(h / math.log(len(counts)), 1.0), 4)


def content_share(
    text: str, attributions: list[Attribution], quotes: list[tuple[int, int]] | None = None
) -> float:
    """Word tokens (``\\w+``) starting inside some content span, over all word tokens of the
    text; a relation's own cue and source inside its content (the "he said" of a split
    quote) are not content (:func:`~service.engine.attributions.content_parts`).
    ``quotes``: the text's quote intervals, if already computed."""
    spans = []
    for a in attributions:
        if a.content is None:
            continue
        holds = any(
            p is not None and a.content.start <= p.start and p.end <= a.content.end
            for p in (a.cue, a.source)
        )
        if holds and quotes is None:
            quotes = quote_intervals(text, paragraphs(text))
        spans += content_parts(a, quotes or [])
    spans.sort()
    total = inside = 0
    i = 0
    for m in WORD.finditer(text):
        total += 1
        while i < len(spans) and spans[i][1] <= m.start():
            i += 1
        j = i
        while j < len(spans) and spans[j][0] <= m.start():
            if m.start() < spans[j][1]:
                inside += 1
                break
            j += 1
    return _share(inside, total)


def article_scores(
    sentences: list[Sentence],
    attributions: list[Attribution] | None = None,
    sources: list[Source] | None = None,
    text: str = "",
    quotes: list[tuple[int, int]] | None = None,
) -> Scores:
    attributions = attributions or []
    sources = sources or []
    n = len(sentences)
    reported = sum(s.label == "reported" for s in sentences)
    n_rel = len(attributions)
    by_source = Counter(a.source_id for a in attributions if a.source_id)
    anonymous_ids = {s.id for s in sources if s.type == "anonymous"}
    return Scores(
        sentences=n,
        reported_sentences=reported,
        attribution_density=_share(reported, n),
        attributions=n_rel,
        sources=len(sources),
        named_sources=sum(s.named for s in sources),
        anonymous_sources=len(anonymous_ids),
        anonymous_share=_share(len(anonymous_ids), len(sources)),
        anonymous_attribution_share=_share(
            sum(a.source_id in anonymous_ids for a in attributions), n_rel
        ),
        top_source_share=_share(max(by_source.values(), default=0), n_rel),
        source_diversity=source_diversity(list(by_source.values())),
        direct_quote_share=_share(sum(a.kind == "direct_quote" for a in attributions), n_rel),
        content_share=content_share(text, attributions, quotes),
        **bias_scores(sentences),
    )


def bias_scores(sentences: list[Sentence]) -> dict:
    """The writer's-voice bias counts; all zero when no sentence carries ``bias``."""
    writer = [s.bias for s in sentences if s.bias is not None and s.bias.voice != "source"]
    flags = [
        f for s in sentences if s.bias is not None for f in s.bias.flags if f.voice == "writer"
    ]
    unattributed = sum(f.rule.startswith("unattributed") for f in flags)
    return {
        "writer_bias_share": _share(sum(writer_biased(b) for b in writer), len(writer)),
        "loaded_verbs": sum(f.kind == "loaded_verb" for f in flags),
        "hedges": sum(f.kind == "hedge" for f in flags),
        "weasels": sum(f.kind == "weasel" for f in flags) - unattributed,
        "unattributed_claims": unattributed,
    }
