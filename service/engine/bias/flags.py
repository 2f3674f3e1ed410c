"""The flag that the loaded-verb and hedge detectors return, and how to give it a voice.

A flag is a span of the submitted text (``text[start:end] == flag.text``) with the rule that
fired and the reason an editor reads. Flags carry no voice: whether words are the writer's or
a source's depends on the quote and content spans, which the caller has; :func:`voice` decides
it from those spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Literal

from service.engine.intervals import SpanIndex
from service.engine.tokens import LETTERS

# What the detectors find: hedges.py's patterns and loaded_verbs.py's verbs. An analysis
# reports unattributed claims as weasels (types.BiasFlagKind).
PatternKind = Literal["hedge", "weasel", "unattributed_claim"]
FlagKind = Literal["loaded_verb", PatternKind]


@dataclass(frozen=True, slots=True)
class Flag:
    start: int
    end: int
    text: str
    kind: FlagKind
    reason: str
    rule: str  # pattern id ("weasel.vague_group") or verb lemma ("claim", "refuse to")

    def to_dict(self) -> dict:
        return asdict(self)


Voice = Literal["writer", "source"]


def voice(start: int, end: int, source_spans: Iterable[tuple[int, int]] | SpanIndex) -> Voice:
    """ "source" when at least half of ``[start, end)`` lies in one of ``source_spans``.

    ``source_spans`` are the spans whose wording belongs to someone else: quote intervals
    (quotation marks included) and the content spans of attributions. A cue or a vague source
    ("critics say", "claimed") lies outside its own content span, so it stays the writer's.
    Pass a :class:`SpanIndex` when asking for many flags of one article.
    """
    need = max(1, end - start) / 2
    if isinstance(source_spans, SpanIndex):
        inside = source_spans.best_overlap(start, end) >= need
    else:
        inside = any(min(e, end) - max(s, start) >= need for s, e in source_spans)
    return "source" if inside else "writer"


def drop_overlaps(flags: Iterable[Flag]) -> list[Flag]:
    """Leftmost-longest flags first; a flag overlapping one already kept is dropped."""
    kept: list[Flag] = []
    for f in sorted(flags, key=lambda f: (f.start, -(f.end - f.start))):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def trigger_words(text: str, start: int, end: int, vocab) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-case word) for each word of ``text[start:end]`` found in ``vocab``.

    The detectors run their patterns only around these words, which keeps a scan to one pass
    of a simple regex over the lower-cased text."""
    seg = text[start:end]
    low = seg.lower()
    if len(low) == len(seg):
        for m in LETTERS.finditer(low):
            w = m.group()
            if w in vocab:
                yield start + m.start(), start + m.end(), w
    else:  # lower-casing changed the length ("İ"): lower word by word
        for m in LETTERS.finditer(text, start, end):
            w = m.group().lower()
            if w in vocab:
                yield m.start(), m.end(), w
