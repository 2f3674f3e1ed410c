"""Token features for the span models (cue tagger and role tagger), as lists of strings.

Strings go through ``FeatureHasher(input_type="string")``: cheaper to build than dicts, and
the artifact stores no vocabulary. Training (service.training.spans) and serving
(service.engine.spans) both call these functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from nltk.stem.snowball import EnglishStemmer

from service.engine.lexicon import REPORTING_VERBS
from service.engine.tokens import Token, shape

PRONOUNS = frozenset("he she they it we i you his her their its our who which".split())
COMPLEMENTISERS = frozenset("that whether if how why what".split())
_STEMMER = EnglishStemmer()  # pure code: no NLTK data needed


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """Snowball stem of a lower-case word ("claimed" -> "claim"); other tokens unchanged."""
    return _STEMMER.stem(word) if word.isalpha() else word


def _rate_bucket(rate: float) -> str:
    return (
        "0"
        if rate <= 0
        else "1"
        if rate < 0.05
        else "2"
        if rate < 0.2
        else "3"
        if rate < 0.5
        else "4"
    )


def cue_features(
    tokens: Sequence[Token],
    quoted: Sequence[bool],
    lexicon: Mapping[str, float],
    tags: Sequence[str] | None = None,
) -> list[list[str]]:
    """Per token: is it part of an attribution cue? Word, shape, neighbours, quote state;
    with ``tags`` (part-of-speech, one per token) also the tag, its neighbours' and the
    word with its tag (only for a model trained with them: see ``pos_features`` in the
    spans manifest)."""
    n = len(tokens)
    words = [t.lower for t in tokens]
    rates = [_rate_bucket(lexicon.get(w, 0.0)) for w in words]
    out = []
    for i, t in enumerate(tokens):
        w = words[i]
        p1 = words[i - 1] if i > 0 and tokens[i - 1].sentence == t.sentence else "<s>"
        p2 = words[i - 2] if i > 1 and tokens[i - 2].sentence == t.sentence else "<s>"
        n1 = words[i + 1] if i + 1 < n and tokens[i + 1].sentence == t.sentence else "</s>"
        n2 = words[i + 2] if i + 2 < n and tokens[i + 2].sentence == t.sentence else "</s>"
        q = "q1" if quoted[i] else "q0"
        f = [
            "w=" + w,
            "sh=" + shape(t.text),
            "suf=" + w[-3:],
            "r=" + rates[i],
            q,
            "p1=" + p1,
            "n1=" + n1,
            "p2=" + p2,
            "n2=" + n2,
            "p1w=" + p1 + "_" + w,
            "wn1=" + w + "_" + n1,
            "rp1=" + (rates[i - 1] if i > 0 else "-") + rates[i],
            "rn1=" + rates[i] + (rates[i + 1] if i + 1 < n else "-"),
            "wq=" + w + q,
        ]
        if w in REPORTING_VERBS:
            f.append("rv")
        if p1 in PRONOUNS:
            f.append("p1pron")
        if i > 0 and tokens[i - 1].text[:1].isupper():
            f.append("p1cap")
        if tags is not None:
            f += _pos_features(tokens, tags, i, w)
        out.append(f)
    return out


def _pos_features(tokens: Sequence[Token], tags: Sequence[str], i: int, w: str) -> list[str]:
    t, s = tags[i], tokens[i].sentence
    p = tags[i - 1] if i > 0 and tokens[i - 1].sentence == s else "<s>"
    n = tags[i + 1] if i + 1 < len(tags) and tokens[i + 1].sentence == s else "</s>"
    return ["pos=" + t, "ppos=" + p + "_" + t, "npos=" + t + "_" + n, "wpos=" + w + "_" + t]


def _dist_bucket(d: int) -> str:
    a = abs(d)
    b = (
        str(a)
        if a <= 3
        else "4-6"
        if a <= 6
        else "7-12"
        if a <= 12
        else "13-25"
        if a <= 25
        else "26+"
    )
    return ("-" if d < 0 else "+") + b


class RoleContext:
    """An article's tokens seen by the role tagger: what every cue's features share.

    Counts of commas, quote marks and cues are prefix sums over the article, and the
    features of a token that do not depend on the cue are built once per side of the cue,
    so tagging k cues costs far less than k times one window.
    """

    def __init__(
        self,
        tokens: Sequence[Token],
        quoted: Sequence[bool],
        cue_mask: Sequence[bool],
        tags: Sequence[str] | None = None,
    ):
        self.tokens, self.quoted, self.tags = tokens, quoted, tags
        n = len(tokens)
        self.commas, self.marks, self.cues = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        self.quote_run, run = [0] * n, 0
        for i, t in enumerate(tokens):
            self.commas[i + 1] = self.commas[i] + (t.text in _CLAUSE_MARKS)
            self.marks[i + 1] = self.marks[i] + (t.text in _QUOTE_MARKS)
            self.cues[i + 1] = self.cues[i] + bool(cue_mask[i])
            if quoted[i]:
                run += not (i and quoted[i - 1])
                self.quote_run[i] = run
        self._static: dict[tuple[int, str], list[str]] = {}

    def _token(self, i: int, side: str) -> list[str]:
        """Features of token ``i`` that depend only on which side of the cue it lies."""
        key = (i, side)
        f = self._static.get(key)
        if f is None:
            toks, n = self.tokens, len(self.tokens)
            t = toks[i]
            w = t.lower
            p1 = toks[i - 1].lower if i > 0 else "<s>"
            n1 = toks[i + 1].lower if i + 1 < n else "</s>"
            f = [
                "w=" + w,
                "ws=" + w + side,
                "sh=" + shape(t.text) + side,
                "st=" + stem(w) + side,
                "p1=" + p1 + side,
                "n1=" + n1 + side,
                "p1n1=" + p1 + "|" + n1 + side,
            ]
            if w in PRONOUNS:
                f.append("pron" + side)
            if t.text in ".?!":
                f.append("endp" + side)
            if w in COMPLEMENTISERS:
                f.append("comp" + side)
            if i > 0 and toks[i - 1].sentence != t.sentence:
                f.append("sstart" + side)
            if i + 1 < n and toks[i + 1].sentence != t.sentence:
                f.append("send" + side)
            if self.tags is not None:  # part-of-speech, for a model trained with it
                tag = self.tags[i]
                prev = self.tags[i - 1] if i > 0 else "<s>"
                f += ["pos=" + tag + side, "ppos=" + prev + "_" + tag + side]
            self._static[key] = f
        return f

    def features(self, window: tuple[int, int], cue: tuple[int, int]) -> list[list[str]]:
        """Per token of ``window`` (token indices [lo, hi) into the article), relative to
        one cue (token indices [a, b)): is it this relation's source, content, or neither?"""
        toks, quoted = self.tokens, self.quoted
        lo_w, hi_w = window
        a, b = cue
        commas, marks, cues, quote_run = self.commas, self.marks, self.cues, self.quote_run
        cue_words = "_".join(t.lower for t in toks[a:b])[:40]
        cue_sent = toks[a].sentence
        cue_q = "c1" if quoted[a] else "c0"
        after = toks[b].lower if b < hi_w else "</w>"
        near_quotes = {
            next((quote_run[i] for i in range(a - 1, lo_w - 1, -1) if quote_run[i]), 0),
            next((quote_run[i] for i in range(b, hi_w) if quote_run[i]), 0),
        } - {0}
        cw = "cw=" + cue_words
        per_side = {
            side: (
                "cue=" + cue_words + side,
                "after=" + after + side,
                "samesent" + side,
                "nearq" + side,
            )
            for side in "LRC"
        }
        static = self._static
        out = []
        for i in range(lo_w, hi_w):
            t = toks[i]
            if i < a:
                d, lo, hi, side = i - a, i, a, "L"
            elif i >= b:
                d, lo, hi, side = i - b + 1, b, i, "R"
            else:
                d, lo, hi, side = 0, i, i, "C"
            cue_side, after_side, same_side, nearq_side = per_side[side]
            dist, sd, side_sd = _RELATIVE[d, t.sentence - cue_sent, side]
            q = ("q1" if quoted[i] else "q0") + cue_q
            f = [
                dist,
                sd,
                side_sd,
                cue_side,
                cw,
                _COUNT["bc=", commas[hi] - commas[lo], 3, side],
                _COUNT["bm=", marks[hi] - marks[lo], 3, side],
                _COUNT["bcue=", cues[hi] - cues[lo], 2, side],
                _CONCAT[q, side],
                _DIST_QUOTE[d, q],
                after_side,
            ]
            f += static.get((i, side)) or self._token(i, side)
            if t.text[:1].isupper():
                f.append(_CAP[side, abs(d) <= 6])
            if quote_run[i] in near_quotes:
                f.append(nearq_side)
            if t.sentence == cue_sent:
                f.append(same_side)
            out.append(f)
        return out


class _Table(dict):
    """A dict that fills itself: ``table[key]`` is ``make(*key)``, computed once."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(*key)
        return value


def _relative(d: int, sent_offset: int, side: str) -> tuple[str, str, str]:
    sd = str(max(-2, min(2, sent_offset)))
    return "d=" + _dist_bucket(d), "sd=" + sd, "side=" + side + sd


_RELATIVE = _Table(_relative)
_COUNT = _Table(lambda name, count, cap, side: name + str(min(count, cap)) + side)
_CONCAT = _Table(lambda a, b: a + b)
_DIST_QUOTE = _Table(lambda d, q: "dq=" + _dist_bucket(d) + q)
_CAP = _Table(lambda side, near: "cap" + side + ("1" if near else "2"))


_CLAUSE_MARKS = frozenset((",", ";", "—", "–", "-", ":"))
_QUOTE_MARKS = frozenset(('"', "“", "”", "''", "``", "«", "»"))


def role_features(
    tokens: Sequence[Token],
    quoted: Sequence[bool],
    window: tuple[int, int],
    cue: tuple[int, int],
    cue_mask: Sequence[bool],
    tags: Sequence[str] | None = None,
) -> list[list[str]]:
    """Role-tagger features of one cue's window (see :class:`RoleContext`)."""
    return RoleContext(tokens, quoted, cue_mask, tags).features(window, cue)
