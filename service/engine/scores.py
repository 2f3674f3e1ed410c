"""Article-level scores from the sentences, attributions and sources (definitions in README)."""
from __future__ import annotations

import math
import re
from collections import Counter

from service.engine.types import Attribution, Scores, Sentence, Source

_WORD = re.compile(r"\w+")


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


def content_share(text: str, attributions: list[Attribution]) -> float:
    spans = sorted((a.content.start, a.content.end) for a in attributions if a.content)
    total = inside = 0
    i = 0
    for m in _WORD.finditer(text):
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


def article_scores(sentences: list[Sentence], attributions: list[Attribution] | None = None,
                   sources: list[Source] | None = None, text: str = "") -> Scores:
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
        attribution_density=reported / n if n else 0.0,
        attributions=n_rel,
        sources=len(sources),
        named_sources=sum(s.named for s in sources),
        anonymous_sources=len(anonymous_ids),
        anonymous_share=_share(len(anonymous_ids), len(sources)),
        anonymous_attribution_share=_share(
            sum(a.source_id in anonymous_ids for a in attributions), n_rel),
        top_source_share=_share(max(by_source.values(), default=0), n_rel),
        source_diversity=source_diversity(list(by_source.values())),
        direct_quote_share=_share(sum(a.kind == "direct_quote" for a in attributions), n_rel),
        content_share=content_share(text, attributions),
    )
