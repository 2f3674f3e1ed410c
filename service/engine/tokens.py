"""Word tokens with character offsets, for the span models."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates: not encodable as UTF-8


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text


TOKEN = re.compile(r"\w+(?:['’]\w+)*|''|``|[^\w\s]")


class Token(NamedTuple):
    """A word or punctuation mark with its character offsets (a tuple: cheap to create)."""

    start: int
    end: int
    text: str
    lower: str  # lower case, curly apostrophe normalised
    sentence: int


def tokenize(text: str, start: int, end: int, sentence: int) -> list[Token]:
    """Tokens of ``text[start:end]``: words (with inner apostrophes), '' and ``, punctuation."""
    return [
        Token(m.start(), m.end(), m.group(), m.group().lower().replace("’", "'"), sentence)
        for m in TOKEN.finditer(text, start, end)
    ]


@lru_cache(maxsize=1 << 16)
def shape(word: str) -> str:
    """Collapsed character shape: 'McCain' -> 'XxXx', '2016' -> 'd', 'U.S.' -> 'X.X.'."""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)
