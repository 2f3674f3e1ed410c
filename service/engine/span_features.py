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
    return "0" if rate <= 0 else "1" if rate < 0.05 else "2" if rate < 0.2 else "3" if rate < 0.5 else "4"


def cue_features(tokens: Sequence[Token], quoted: Sequence[bool],
                 lexicon: Mapping[str, float]) -> list[list[str]]:
    """Per token: is it part of an attribution cue? Word, shape, neighbours, quote state."""
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
            "w=" + w, "sh=" + shape(t.text), "suf=" + w[-3:], "r=" + rates[i], q,
            "p1=" + p1, "n1=" + n1, "p2=" + p2, "n2=" + n2,
            "p1w=" + p1 + "_" + w, "wn1=" + w + "_" + n1,
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
        out.append(f)
    return out


def _dist_bucket(d: int) -> str:
    a = abs(d)
    b = str(a) if a <= 3 else "4-6" if a <= 6 else "7-12" if a <= 12 else "13-25" if a <= 25 else "26+"
    return ("-" if d < 0 else "+") + b


def role_features(tokens: Sequence[Token], quoted: Sequence[bool], cue: tuple[int, int],
                  cue_mask: Sequence[bool]) -> list[list[str]]:
    """Per token of a window, relative to one cue (token indices ``cue`` = [a, b)):
    is the token part of this relation's source, its content, or neither?"""
    a, b = cue
    cue_words = "_".join(t.lower for t in tokens[a:b])[:40]
    cue_sent = tokens[a].sentence
    cue_q = quoted[a]
    n = len(tokens)
    # cumulative counts to know what lies between a token and the cue
    commas = [0] * (n + 1)
    marks = [0] * (n + 1)
    cues = [0] * (n + 1)
    for i, t in enumerate(tokens):
        commas[i + 1] = commas[i] + (t.text in (",", ";", "—", "–", "-", ":"))
        marks[i + 1] = marks[i] + (t.text in ('"', "“", "”", "''", "``", "«", "»"))
        cues[i + 1] = cues[i] + (cue_mask[i] and not a <= i < b)
    after = tokens[b].lower if b < n else "</w>"
    # quotations as runs of quoted tokens; the ones next to the cue on either side
    quote_run, run = [0] * n, 0
    for i in range(n):
        if quoted[i]:
            run += not (i and quoted[i - 1])
            quote_run[i] = run
    near_quotes = {next((quote_run[i] for i in range(a - 1, -1, -1) if quote_run[i]), 0),
                   next((quote_run[i] for i in range(b, n) if quote_run[i]), 0)} - {0}
    out = []
    for i, t in enumerate(tokens):
        if i < a:
            d, lo, hi, side = i - a, i, a, "L"
        elif i >= b:
            d, lo, hi, side = i - b + 1, b, i, "R"
        else:
            d, lo, hi, side = 0, i, i, "C"
        w = t.lower
        db = _dist_bucket(d)
        sd = str(max(-2, min(2, t.sentence - cue_sent)))
        between_c = min(commas[hi] - commas[lo], 3)
        between_m = min(marks[hi] - marks[lo], 3)
        between_cue = min(cues[hi] - cues[lo], 2)
        q = ("q1" if quoted[i] else "q0") + ("c1" if cue_q else "c0")
        p1 = tokens[i - 1].lower if i > 0 else "<s>"
        n1 = tokens[i + 1].lower if i + 1 < n else "</s>"
        f = [
            "d=" + db, "sd=" + sd, "side=" + side + sd,
            "w=" + w, "ws=" + w + side, "sh=" + shape(t.text) + side,
            "st=" + stem(w) + side,
            "cue=" + cue_words + side, "cw=" + cue_words,
            "bc=" + str(between_c) + side, "bm=" + str(between_m) + side,
            "bcue=" + str(between_cue) + side, q + side,
            "dq=" + db + q, "after=" + after + side,
            "p1=" + p1 + side, "n1=" + n1 + side, "p1n1=" + p1 + "|" + n1 + side,
        ]
        if w in PRONOUNS:
            f.append("pron" + side)
        if t.text[:1].isupper():
            f.append("cap" + side + ("1" if abs(d) <= 6 else "2"))
        if quote_run[i] in near_quotes:
            f.append("nearq" + side)
        if t.text in ".?!":
            f.append("endp" + side)
        if w in COMPLEMENTISERS:
            f.append("comp" + side)
        if i > 0 and tokens[i - 1].sentence != t.sentence:
            f.append("sstart" + side)
        if i + 1 < n and tokens[i + 1].sentence != t.sentence:
            f.append("send" + side)
        if t.sentence == cue_sent:
            f.append("samesent" + side)
        out.append(f)
    return out
