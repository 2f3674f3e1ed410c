"""Sentence features shared by training (notebooks) and serving (engine).

Every sentence becomes a dict of sparse features: its own words, its quotation state, cue
words, and a compact summary of its neighbours and paragraph, because whether a sentence is
reported often depends on the sentence after it ("…," he said) or on a quote that opened
paragraphs earlier.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from service.engine.lexicon import CUE_PHRASES, FIRST_SECOND_PERSON, MODALS, REPORTING_VERBS
from service.engine.quotes import QUOTE_MARKS, opening_mark, quote_intervals
from service.engine.segment import Segment
from service.engine.tokens import SENTENCE_FEATURE_TOKEN, without_surrogates

_ANY_CLOSE = frozenset("”»\"'")
_CUE_PHRASE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in CUE_PHRASES) + r")\b")
_SAID_END = re.compile(r"\b(said|says|added|told \w+|wrote|asked)\.?\W*$")


def _overlap(intervals: list[tuple[int, int]], starts: list[int], a: int, b: int) -> int:
    i = max(bisect_left(starts, a) - 1, 0)
    total = 0
    while i < len(intervals) and intervals[i][0] < b:
        s, e = intervals[i]
        total += max(0, min(e, b) - max(s, a))
        i += 1
    return total


def _length_bucket(n: int) -> str:
    for limit in (3, 6, 10, 20, 35, 60):
        if n <= limit:
            return str(limit)
    return "long"


def _local(
    text: str, seg: Segment, inside: int, q_start: bool, lexicon: Mapping[str, float]
) -> tuple[dict, dict, tuple]:
    """Own features, the flags neighbours see, and (words, lexicon hits, max cue rate)."""
    s = text[seg.start : seg.end]
    low = s.lower().replace("’", "'")
    low = without_surrogates(low)  # lone surrogates cannot be hashed as UTF-8
    toks = SENTENCE_FEATURE_TOKEN.findall(low)
    words = [t for t in toks if t[0].isalnum() or t[0] == "_"]
    n = max(len(s), 1)
    frac = inside / n
    qmarks = len(QUOTE_MARKS.findall(s))
    cue_verbs = [w for w in words if w in REPORTING_VERBS]
    phrases = _CUE_PHRASE_RE.findall(low)
    summary = {
        "cue": bool(cue_verbs),
        "phrase": bool(phrases),
        "quoted": frac >= 0.5,
        "partquote": 0 < frac < 0.5,
        "colon": s.rstrip().endswith(":"),
        "qend": any(c in _ANY_CLOSE for c in s.rstrip()[-2:]),
        "qstart": opening_mark(s, 0) is not None,
        "said_end": bool(_SAID_END.search(low)),
    }
    f: dict[str, float] = {"bias": 1.0}
    for w in words:
        f["w=" + w] = 1.0
    for a, b in zip(toks, toks[1:]):
        f["b=" + a + "_" + b] = 1.0
    if words:
        f["first=" + words[0]] = 1.0
        f["last=" + words[-1]] = 1.0
    f["qfrac"] = frac
    f["qfrac>=.5"] = float(frac >= 0.5)
    f["qfrac>0"] = float(frac > 0)
    f["qmarks"] = min(qmarks, 6) / 6
    f["qstate_start"] = float(q_start)
    f["len=" + _length_bucket(len(words))] = 1.0
    for v in cue_verbs:
        f["cueverb=" + v] = 1.0
    f["ncue"] = min(len(cue_verbs), 3) / 3
    for p in phrases:
        f["cuephrase=" + p] = 1.0
    if not FIRST_SECOND_PERSON.isdisjoint(words):
        f["pron12"] = 1.0
    if not MODALS.isdisjoint(words):
        f["modal"] = 1.0
    if "?" in s or "!" in s:
        f["qmark_excl"] = 1.0
    for k, v in summary.items():
        if v:
            f["self_" + k] = 1.0
    hits = [w for w in words if w in lexicon]
    top = max((lexicon[w] for w in hits), default=0.0)
    f["lexmax"] = top
    f["lexn"] = min(len(hits), 4) / 4
    for w in hits:
        f["lex=" + w] = 1.0
    return f, summary, (words, hits, top)


def sentence_features(
    text: str,
    segments: list[Segment],
    paragraphs: list[tuple[int, int]],
    cue_lexicon: Mapping[str, float] | None = None,
    quotes: list[tuple[int, int]] | None = None,
) -> list[dict[str, float]]:
    """One feature dict per segment of ``text``.

    ``cue_lexicon`` maps a lower-case word to how often it is part of a cue in training data
    (learnt by ``service.training.sentences.learn_cue_lexicon`` and shipped with the model).
    ``quotes``: the text's :func:`quote_intervals`, when the caller has them already.
    """
    lexicon = cue_lexicon or {}
    if quotes is None:
        quotes = quote_intervals(text, paragraphs)
    qstarts = [a for a, _ in quotes]
    locals_, summaries, views = [], [], []
    for seg in segments:
        inside = _overlap(quotes, qstarts, seg.start, seg.end)
        i = bisect_left(qstarts, seg.start + 1) - 1
        q_start = i >= 0 and quotes[i][0] < seg.start < quotes[i][1]
        f, summ, view = _local(text, seg, inside, q_start, lexicon)
        locals_.append(f)
        summaries.append(summ)
        views.append(view)
    n = len(segments)
    para_cue: dict[int, int] = {}
    para_size: dict[int, int] = {}
    for seg, summ in zip(segments, summaries):
        para_cue[seg.paragraph] = para_cue.get(seg.paragraph, 0) + (summ["cue"] or summ["phrase"])
        para_size[seg.paragraph] = para_size.get(seg.paragraph, 0) + 1
    feats = []
    for i, (seg, f) in enumerate(zip(segments, locals_)):
        f = dict(f)
        for off, tag in ((-1, "prev"), (1, "next"), (-2, "prev2"), (2, "next2")):
            j = i + off
            if not 0 <= j < n:
                f[tag + "_none"] = 1.0
                continue
            same = segments[j].paragraph == seg.paragraph
            scope = "same" if same else "other"
            for k, v in summaries[j].items():
                if v:
                    f[f"{tag}_{scope}_{k}"] = 1.0
                    f[f"{tag}_{k}"] = 1.0
            if abs(off) == 1:
                words, hits, top = views[j]
                f[f"{tag}_{scope}_lexmax"] = top
                for w in hits:
                    f[f"{tag}_{scope}_lex={w}"] = 1.0
                if words:
                    f[f"{tag}_{scope}_first={words[0]}"] = 1.0
                    f[f"{tag}_{scope}_last={words[-1]}"] = 1.0
                    if len(words) > 1:
                        f[f"{tag}_{scope}_last2={words[-2]}"] = 1.0
        f["para_cues=" + str(min(para_cue[seg.paragraph], 3))] = 1.0
        f["para_size=" + str(min(para_size[seg.paragraph], 4))] = 1.0
        if i == 0:
            f["is_first"] = 1.0
        if para_size[seg.paragraph] == 1:
            f["single_sentence_para"] = 1.0
        feats.append(f)
    return feats
