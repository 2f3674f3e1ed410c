"""Word tokens with character offsets, and the engine's word patterns, each named for what
it feeds.

:data:`TOKEN` (the span models and the tagger) and :data:`SENTENCE_FEATURE_TOKEN` (the
sentence classifier) make the features of shipped models: changing either means retraining."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates: not encodable as UTF-8


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text


# Words (with inner apostrophes), NYT quotation marks ('' and ``) and punctuation: the tokens
# of the span models and the tagger (:func:`tokenize`).
TOKEN = re.compile(r"\w+(?:['’]\w+)*|''|``|[^\w\s]")
# Words (with inner apostrophes) and punctuation of a lower-cased sentence: the sentence
# classifier's words and bigrams.
SENTENCE_FEATURE_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
# A word of letters with inner hyphens or apostrophes ("well-known", "don't"): how cue words
# are looked up in the cue classes' word list.
CUE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A word of a clause (an abbreviation with its full stop: "Mr.", "U.S.") or a number: what
# relation completion walks and counts.
CLAUSE_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?|\d[\d,.]*")
# A run of word characters: what the article scores and the evaluations count.
WORD = re.compile(r"\w+")
# A word with inner apostrophes: the words the sentence classifier's cue lexicon is learnt
# over (the words of SENTENCE_FEATURE_TOKEN, which look it up).
CUE_LEXICON_WORD = re.compile(r"\w+(?:['’]\w+)*")
# A word (letters or digits, inner hyphens and apostrophes): the bias model's word features.
BIAS_FEATURE_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A run of letters: how the words that trigger a bias flag's patterns are found.
LETTERS = re.compile(r"[^\W\d_]+")
# A word (inner apostrophes) or a punctuation mark: the tokens just before a hedge or a
# loaded verb that their rules look at.
CONTEXT_TOKEN = re.compile(r"[\w'’]+|[^\w\s]")
# A word of letters with inner apostrophes: how a cue's words are matched against the hedge
# and reporting word lists (attribution kinds).
CUE_TEXT_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A token of a source mention or of the running text around it: an initialism ("U.S."), a
# word with inner & ' ’ . - ("AT&T", "O'Brien", "Jean-Luc"), a number, '' or ``, any other
# character.
MENTION_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_](?:[\w&'’.-]*\w)?|\d[\d,.]*\w*|''|``|\S")
# A run of lower-case ASCII letters: the words by which source names and descriptions are
# compared.
LOWER_WORD = re.compile(r"[a-z]+")


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
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)
