"""Attribution spans: find cues, then each cue's source and content, as character offsets."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from service.engine.features import quote_intervals
from service.engine.segment import Segmenter, paragraphs
from service.engine.tokens import Token, tokenize


@dataclass
class DocTokens:
    """An article's tokens in order, with sentence bounds and quote state per token."""

    text: str
    tokens: list[Token]
    starts: list[int]
    sentence_bounds: list[tuple[int, int]]  # token index range per sentence
    sentence_paragraph: list[int]
    quoted: list[bool]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [lo, hi) of the tokens overlapping characters [start, end)."""
        lo = bisect_right(self.starts, start) - 1
        if lo < 0 or self.tokens[lo].end <= start:
            lo += 1
        hi = bisect_left(self.starts, end)
        return max(lo, 0), hi


def doc_tokens(text: str, segmenter: Segmenter, segments=None) -> DocTokens:
    paras = paragraphs(text)
    segments = segments if segments is not None else segmenter.segment(text)
    tokens: list[Token] = []
    bounds = []
    for i, seg in enumerate(segments):
        lo = len(tokens)
        tokens += tokenize(text, seg.start, seg.end, i)
        bounds.append((lo, len(tokens)))
    quotes = quote_intervals(text, paras)
    quoted = []
    qi = 0
    for t in tokens:
        while qi < len(quotes) and quotes[qi][1] <= t.start:
            qi += 1
        quoted.append(qi < len(quotes) and quotes[qi][0] <= t.start < quotes[qi][1])
    return DocTokens(text, tokens, [t.start for t in tokens], bounds,
                     [s.paragraph for s in segments], quoted)


def role_window(dt: DocTokens, cue_token: int, window: int) -> tuple[int, int]:
    """Token range of the cue's sentence and up to ``window`` sentences either side,
    within the same paragraph."""
    s = dt.tokens[cue_token].sentence
    p = dt.sentence_paragraph[s]
    first = s
    while first > 0 and s - first < window and dt.sentence_paragraph[first - 1] == p:
        first -= 1
    last = s
    while (last + 1 < len(dt.sentence_bounds) and last - s < window
           and dt.sentence_paragraph[last + 1] == p):
        last += 1
    return dt.sentence_bounds[first][0], dt.sentence_bounds[last][1]


@dataclass(frozen=True)
class RawRelation:
    """One attribution found in the text: character spans, before sources are grouped."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    cue_tokens: tuple[int, int]
    confidence: float


def _runs(mask: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, m in enumerate(mask):
        if m and start is None:
            start = i
        elif not m and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(mask)))
    return runs


def decode_cues(dt: DocTokens, probs, threshold: float) -> list[tuple[int, int, float]]:
    """Runs of consecutive cue tokens within a sentence, with their mean probability."""
    mask = [p >= threshold for p in probs]
    out = []
    for a, b in _runs(mask):
        # split a run that crosses a sentence boundary
        start = a
        for i in range(a + 1, b + 1):
            if i == b or dt.tokens[i].sentence != dt.tokens[start].sentence:
                out.append((start, i, float(sum(probs[start:i]) / (i - start))))
                start = i
    return out


def decode_roles(tokens: list[Token], probs, cue: tuple[int, int],
                 source_threshold: float = 0.5) -> tuple[tuple[int, int] | None,
                                                        tuple[int, int] | None]:
    """Pick one source run and one content region (token indices within the window).

    ``probs`` is (n, 3): O, source, content. The source is the run of source-labelled tokens
    around the most confident one, in the cue's sentence. The content is the best cluster of
    content runs, where runs separated only by this cue, the source, or punctuation merge (a
    quote split by its cue is one content span from its first to its last token).
    """
    a, b = cue
    n = len(tokens)
    cue_sent = tokens[a].sentence
    p_src = probs[:, 1]
    p_con = probs[:, 2]
    source = None
    cands = [i for i in range(n) if p_src[i] >= source_threshold and not a <= i < b
             and tokens[i].sentence == cue_sent]
    if cands:
        best = max(cands, key=lambda i: p_src[i])
        lo = hi = best
        while lo - 1 >= 0 and not a <= lo - 1 < b and p_src[lo - 1] >= source_threshold * 0.7:
            lo -= 1
        while hi + 1 < n and not a <= hi + 1 < b and p_src[hi + 1] >= source_threshold * 0.7:
            hi += 1
        source = (lo, hi + 1)
    is_con = [bool(p_con[i] >= max(p_src[i], 1 - p_con[i] - p_src[i])) and not a <= i < b
              and not (source and source[0] <= i < source[1]) for i in range(n)]
    runs = _runs(is_con)
    if not runs:
        return source, None
    # merge runs whose gap holds only the cue, the source, or punctuation
    merged = [list(runs[0])]
    for lo, hi in runs[1:]:
        gap = range(merged[-1][1], lo)
        if all((a <= g < b) or (source and source[0] <= g < source[1])
               or not tokens[g].text[:1].isalnum() for g in gap):
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    best = max(merged, key=lambda r: float(p_con[r[0]:r[1]].sum()))
    return source, (best[0], best[1])


class SpanModel:
    """Cue tagger + role tagger with their decoding thresholds."""

    def __init__(self, cue_pipeline, role_pipeline, lexicon: dict[str, float],
                 cue_threshold: float = 0.5, source_threshold: float = 0.5, window: int = 1,
                 artifact_id: str = "unsaved"):
        self.cue_pipeline = cue_pipeline
        self.role_pipeline = role_pipeline
        self.lexicon = lexicon
        self.cue_threshold = cue_threshold
        self.source_threshold = source_threshold
        self.window = window
        self.artifact_id = artifact_id

    def find(self, dt: DocTokens) -> list[RawRelation]:
        """Every attribution relation in the article, in text order of their cues."""
        from service.engine.span_features import cue_features, role_features

        if not dt.tokens:
            return []
        cue_p = self.cue_pipeline.predict_proba(cue_features(dt.tokens, dt.quoted, self.lexicon))[:, 1]
        cues = decode_cues(dt, cue_p, self.cue_threshold)
        if not cues:
            return []
        cue_mask = [False] * len(dt.tokens)
        for a, b, _ in cues:
            for i in range(a, b):
                cue_mask[i] = True
        windows, feats = [], []
        for a, b, _ in cues:
            lo, hi = role_window(dt, a, self.window)
            windows.append((lo, hi))
            feats += role_features(dt.tokens[lo:hi], dt.quoted[lo:hi], (a - lo, b - lo),
                                   cue_mask[lo:hi])
        probs = self.role_pipeline.predict_proba(feats)
        out, k = [], 0
        text = dt.text
        for (a, b, conf), (lo, hi) in zip(cues, windows):
            p = probs[k:k + hi - lo]
            k += hi - lo
            toks = dt.tokens[lo:hi]
            src, con = decode_roles(toks, p, (a - lo, b - lo), self.source_threshold)
            out.append(RawRelation(
                cue=(dt.tokens[a].start, dt.tokens[b - 1].end),
                source=(toks[src[0]].start, toks[src[1] - 1].end) if src else None,
                content=(toks[con[0]].start, toks[con[1] - 1].end) if con else None,
                cue_tokens=(a, b),
                confidence=round(conf, 4),
            ))
        del text
        return out
