"""Split text into paragraphs (at newlines) and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nltk.tokenize.punkt import PunktSentenceTokenizer

# A sentence longer than this is cut at the last white space before the limit, so that a
# wall of text with no punctuation cannot produce one giant "sentence".
MAX_SENTENCE_CHARS = 2000

_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x85]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence as offsets into the original text, with its paragraph's index."""

    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding white space."""
    spans = []
    for m in _LINE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start + 1 : start + MAX_SENTENCE_CHARS]
        m = None
        for m in _SPACE.finditer(window):  # noqa: B007 - the last space in the window
            pass
        cut = start + 1 + m.start() if m else start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


class Segmenter:
    """Paragraphs at newlines, then Punkt sentences within each paragraph."""

    def __init__(self, punkt: PunktSentenceTokenizer):
        self.punkt = punkt

    def segment(self, text: str, paras: list[tuple[int, int]] | None = None) -> list[Segment]:
        """The sentences of ``text``; ``paras``: its :func:`paragraphs`, if already computed."""
        out: list[Segment] = []
        for p, (ps, pe) in enumerate(paras if paras is not None else paragraphs(text)):
            for s, e in self.punkt.span_tokenize(text[ps:pe]):
                s, e = ps + s, ps + e
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                for a, b in _cap(text, s, e):
                    out.append(Segment(a, b, p))
        return out
