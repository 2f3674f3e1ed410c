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
from service.engine.segment import Segment
from service.engine.tokens import without_surrogates

TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
OPEN_QUOTES = ("“", "«", "„", "``")
CLOSE_QUOTES = ("”", "»")
# Marks that both open and close; the New York Times writes quotes as ''two apostrophes''.
TOGGLE_QUOTES = ('"', "''")
QUOTE_MARKS = re.compile(r"''|``|[\"“”«»„]")
# Single quotation marks ('…', ‘…’, ‚…‘) double as apostrophes (don't, O'Brien, the '90s,
# players'): an opening one stands at a word's left edge (and is no elision: '90s, 'em,
# 'til, rock 'n' roll), a closing one at a word's right edge, followed by punctuation or the
# end, or by a space after punctuation (,' he said) or after anything but an s (players'
# union). They are kept apart from QUOTE_MARKS, which counts only unambiguous marks (a
# sentence feature).
_SINGLE_OPEN = re.compile(
    r"(?<![\w'‘’.,!?])['‘‚](?=[^\W_]|[\"“«(\[$…])"
    r"(?!(?:\d\d?s?|em|tis|twas|til|cause|cos|bout|round|n|s)\b)",
    re.I,
)
_SINGLE_CLOSE = re.compile(
    r"(?<!\s['‘’]n)(?<=[^\s'‘’‚])['’‘](?=$|[^\w\s'’]|\s+[^\sa-z0-9])"
    r"|(?<=[.,!?;:…\-—–\"”»])['’‘](?=\s)"
    r"|(?<!\s['‘’]n)(?<=[^\s'‘’‚s])['’‘](?=\s)"
)
_SINGLE_PAIRS = {"'": "'’", "‘": "’'", "‚": "‘’"}
_ANY_CLOSE = frozenset("”»\"'")
_CUE_PHRASE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in CUE_PHRASES) + r")\b")
_SAID_END = re.compile(r"\b(said|says|added|told \w+|wrote|asked)\.?\W*$")


def _opens(text: str, pos: int) -> str | None:
    m = QUOTE_MARKS.match(text, pos)
    return m.group() if m and m.group() in OPEN_QUOTES + TOGGLE_QUOTES else None


def quote_intervals(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character intervals inside quotation marks (marks included), within paragraphs.

    Double marks of every style: "…", “…”, « … », „…“ and „…”, ``…'' (NYT). Single marks
    ('…', ‘…’, ‚…‘) only where they cannot be apostrophes (:data:`SINGLE_QUOTE_MARKS`); a
    single-quoted quotation holding double-quoted ones replaces them, and single marks inside
    a double-quoted quotation are part of it.

    A quote left open at the end of a paragraph continues only when the next paragraph opens
    with a quotation mark (the newspaper convention for quotes over several paragraphs);
    otherwise it is closed at the paragraph's end, so an unbalanced mark cannot swallow the
    rest of the article. An unclosed single mark is no quote at all unless it opens its
    paragraph and the next paragraph opens with one too.
    """
    out = _double_intervals(text, paragraphs)
    if "'" not in text and "‘" not in text and "‚" not in text:
        return out
    singles = _single_intervals(text, paragraphs, out)
    if not singles:
        return out
    merged, i = [], 0
    for a, b in singles:
        while i < len(out) and out[i][0] < a:
            merged.append(out[i])
            i += 1
        while i < len(out) and out[i][1] <= b:
            i += 1  # a double-quoted quotation inside the single-quoted one
        merged.append((a, b))
    merged.extend(out[i:])
    return merged


def _double_intervals(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    carry = False
    for ps, pe in paragraphs:
        open_at: int | None = None
        opener = ""
        skip = -1
        if carry and (mark := _opens(text, ps)):
            open_at, skip, opener = ps, ps, mark
        for m in QUOTE_MARKS.finditer(text, ps, pe):
            mark, pos = m.group(), m.start()
            if pos == skip:
                continue
            if open_at is None:
                if mark in OPEN_QUOTES or mark in TOGGLE_QUOTES:
                    open_at, opener = pos, mark
            elif mark in CLOSE_QUOTES or mark in TOGGLE_QUOTES or (opener == "„" and mark == "“"):
                out.append((open_at, m.end()))
                open_at = None
        carry = open_at is not None
        if carry:
            out.append((open_at, pe))
    return out


def _single_intervals(
    text: str, paragraphs: list[tuple[int, int]], doubles: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Single-quoted quotations outside the double-quoted ``doubles`` (one pass)."""
    marks = [(m.start(), "open", m.group()) for m in _SINGLE_OPEN.finditer(text)]
    marks += [(m.start(), "close", m.group()) for m in _SINGLE_CLOSE.finditer(text)]
    if not marks:
        return []
    marks.sort()
    out: list[tuple[int, int]] = []
    di = mi = 0
    carry = False
    opening = {pos for pos, kind, _ in marks if kind == "open"}
    for k, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        opener = ""
        run = False  # the open quote opened the paragraph (it may run on)
        while mi < len(marks) and marks[mi][0] < ps:
            mi += 1
        if carry and ps in opening:
            open_at, opener, run = ps, marks[mi][2], True
            mi += 1
        while mi < len(marks) and marks[mi][0] < pe:
            pos, kind, mark = marks[mi]
            mi += 1
            while di < len(doubles) and doubles[di][1] <= pos:
                di += 1
            if di < len(doubles) and doubles[di][0] <= pos:
                continue  # inside a double-quoted quotation
            if open_at is None:
                if kind == "open":
                    open_at, opener, run = pos, mark, pos == ps
            elif kind == "close" and mark in _SINGLE_PAIRS[opener] and pos > open_at:
                out.append((open_at, pos + 1))
                open_at = None
        carry = (
            open_at is not None
            and run
            and k + 1 < len(paragraphs)
            and paragraphs[k + 1][0] in opening
        )
        if carry:
            out.append((open_at, pe))
    return out


def closes_quote(text: str, interval: tuple[int, int]) -> bool:
    """Whether a :func:`quote_intervals` interval ends with its closing mark (rather than
    at the end of a paragraph it runs on from)."""
    a, b = interval
    if text[a] in "'‘‚":
        return b - 1 > a and text[b - 1] in "'’‘"
    return bool(QUOTE_MARKS.search(text, max(a + 1, b - 2), b))


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
    toks = TOKEN.findall(low)
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
        "qstart": _opens(s, 0) is not None,
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
