"""Attribution spans: find cues, then each cue's source and content, as character offsets."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from service.engine.artifacts import Manifest, load_json
from service.engine.quotes import closes_quote, quote_at, quote_intervals
from service.engine.segment import Segmenter, paragraphs
from service.engine.tokens import Token, tokenize, without_surrogates

CUE_FILE, ROLE_FILE, LEXICON_FILE = "cue.crfsuite", "role.crfsuite", "cue_lexicon.json"


@dataclass
class DocTokens:
    """An article's tokens in order, with sentence bounds and quote state per token."""

    text: str
    tokens: list[Token]
    starts: list[int]
    sentence_bounds: list[tuple[int, int]]  # token index range per sentence
    sentence_paragraph: list[int]
    quoted: list[bool]
    quotes: list[tuple[int, int]]  # character intervals inside quotation marks (marks included)

    @cached_property
    def quote_starts(self) -> list[int]:
        return [q[0] for q in self.quotes]

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quote interval holding character ``pos``, if any."""
        return quote_at(self.quotes, self.quote_starts, pos)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [lo, hi) of the tokens overlapping characters [start, end)."""
        lo = bisect_right(self.starts, start) - 1
        if lo < 0 or self.tokens[lo].end <= start:
            lo += 1
        hi = bisect_left(self.starts, end)
        return max(lo, 0), hi


def doc_tokens(text: str, segmenter: Segmenter | None, segments=None, quotes=None) -> DocTokens:
    """The article's tokens with sentence bounds and quote state; ``segments`` (by
    ``segmenter``) and ``quotes`` (its :func:`quote_intervals`) are computed here unless
    given."""
    if segments is None:
        if segmenter is None:
            raise ValueError("doc_tokens needs a segmenter or the segments")
        segments = segmenter.segment(text)
    if quotes is None:
        quotes = quote_intervals(text, paragraphs(text))
    text = without_surrogates(text)  # crfsuite needs UTF-8 features
    tokens: list[Token] = []
    bounds = []
    for i, seg in enumerate(segments):
        lo = len(tokens)
        tokens += tokenize(text, seg.start, seg.end, i)
        bounds.append((lo, len(tokens)))
    quoted = []
    qi = 0
    for t in tokens:
        while qi < len(quotes) and quotes[qi][1] <= t.start:
            qi += 1
        quoted.append(qi < len(quotes) and quotes[qi][0] <= t.start < quotes[qi][1])
    return DocTokens(
        text,
        tokens,
        [t.start for t in tokens],
        bounds,
        [s.paragraph for s in segments],
        quoted,
        quotes,
    )


MAX_ROLE_REACH = 100  # tokens either side of a cue; covers 99.3% of PolNeAR's role spans


def role_window(
    dt: DocTokens, cue_token: int, window: int, reach: int = MAX_ROLE_REACH
) -> tuple[int, int]:
    """Token range of the cue's sentence and up to ``window`` sentences either side,
    within the same paragraph, and at most ``reach`` tokens either side of the cue (so a
    run-on text with many cues stays linear in its length)."""
    s = dt.tokens[cue_token].sentence
    p = dt.sentence_paragraph[s]
    first = s
    while first > 0 and s - first < window and dt.sentence_paragraph[first - 1] == p:
        first -= 1
    last = s
    while (
        last + 1 < len(dt.sentence_bounds)
        and last - s < window
        and dt.sentence_paragraph[last + 1] == p
    ):
        last += 1
    return (
        max(dt.sentence_bounds[first][0], cue_token - reach),
        min(dt.sentence_bounds[last][1], cue_token + reach),
    )


@dataclass(frozen=True)
class RawRelation:
    """One attribution found in the text: character spans, before sources are grouped."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    cue_tokens: tuple[int, int]
    confidence: float


CUE_LABELS = ("B-CUE", "I-CUE")


def cue_marginals(tagger, features, lo: int, hi: int) -> tuple[list[float], list[float]]:
    """P(B-CUE) and P(I-CUE) of each token of one sentence (token indices [lo, hi))."""
    tagger.set(features[lo:hi])
    marginal = tagger.marginal
    return (
        [marginal("B-CUE", i) for i in range(hi - lo)],
        [marginal("I-CUE", i) for i in range(hi - lo)],
    )


def decode_cues(
    dt: DocTokens, tagger, features, threshold: float, sentences=None, marginals: dict | None = None
) -> list[tuple[int, int, float]]:
    """Cue spans (token ranges) from the cue CRF's marginals, sentence by sentence (all, or
    the indices in ``sentences``).

    A token is in a cue when P(B-CUE) + P(I-CUE) >= ``threshold``; a token more likely to
    begin a cue than to continue one starts a new cue. ``marginals`` (sentence index ->
    :func:`cue_marginals`) keeps them for a second pass at another threshold.
    """
    marginals = {} if marginals is None else marginals
    out = []
    for k, (lo, hi) in enumerate(dt.sentence_bounds):
        if hi <= lo or (sentences is not None and k not in sentences):
            continue
        if k not in marginals:
            marginals[k] = cue_marginals(tagger, features, lo, hi)
        begin, inside = marginals[k]
        start = None
        for i in range(hi - lo + 1):
            on = i < hi - lo and begin[i] + inside[i] >= threshold
            if start is not None and (not on or begin[i] > inside[i]):
                conf = sum(begin[j] + inside[j] for j in range(start, i)) / (i - start)
                out.append((lo + start, lo + i, conf))
                start = None
            if on and start is None:
                start = i
    return out


def decode_roles(
    labels: list[str], cue: tuple[int, int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Source: the source run nearest the cue. Content: from the first to the last content
    token (a quote split by its cue is one whole span); the caller has already removed
    content tags from neighbouring sentences that hold cues of their own."""
    a, b = cue

    def runs(tags: tuple[str, str]) -> list[tuple[int, int]]:
        out, start = [], None
        for i, lab in enumerate(labels + ["O"]):
            if start is not None and lab != tags[1]:
                out.append((start, i))
                start = None
            if lab == tags[0] or (lab == tags[1] and start is None):
                start = i
        return out

    def distance(r: tuple[int, int]) -> int:
        return max(r[0] - b, a - r[1], 0)

    source_runs = runs(("B-S", "I-S"))
    source = min(source_runs, key=distance) if source_runs else None
    content_runs = runs(("B-C", "I-C"))
    if not content_runs:
        return source, None
    return source, (content_runs[0][0], content_runs[-1][1])


def runs_on(dt: DocTokens, i: int) -> bool:
    """Whether quotation ``i`` is left open at its paragraph's end and carried on by
    quotation ``i + 1`` at the start of the next one (a quote over several paragraphs)."""
    if i < 0 or i + 1 >= len(dt.quotes):
        return False
    (_, b), (c, _) = dt.quotes[i], dt.quotes[i + 1]
    return not closes_quote(dt.text, dt.quotes[i]) and not dt.text[b:c].strip()


def extend_to_quote(
    dt: DocTokens, start: int, end: int, cue_start: int, cue_end: int
) -> tuple[int, int]:
    """Widen content that starts or ends inside a quotation to the whole quotation,
    following a quotation over the paragraphs it runs on into.

    The role tagger sees only the cue's sentence and its neighbours; a quote running over
    more sentences is completed here. A quote holding the cue itself is left alone.
    """
    starts = dt.quote_starts

    def holds_cue(q: tuple[int, int]) -> bool:
        return q[0] <= cue_start < q[1]

    q = dt.quote_at(end - 1)
    if q and not holds_cue(q):
        end = max(end, q[1])
        i = bisect_left(starts, q[0])
        while runs_on(dt, i) and not holds_cue(dt.quotes[i + 1]):
            i += 1
            end = dt.quotes[i][1]
    q = dt.quote_at(start)
    if q and not holds_cue(q):
        start = min(start, q[0])
        i = bisect_left(starts, q[0])
        while runs_on(dt, i - 1) and not holds_cue(dt.quotes[i - 1]):
            i -= 1
            start = dt.quotes[i][0]
    # a final full stop or comma outside any quote belongs to the sentence, not the content
    while end > start and dt.text[end - 1] in ".,;:" and not dt.quote_at(end - 1):
        end -= 1
    return start, end


MAX_CUES_PER_SENTENCE = 8  # PolNeAR's busiest sentence has 6


def _most_confident_per_sentence(
    dt: DocTokens, cues: list[tuple[int, int, float]], limit: int = MAX_CUES_PER_SENTENCE
) -> list[tuple[int, int, float]]:
    """Keep at most ``limit`` cues per sentence, the most confident, so that a run-on text
    full of "said" costs time in proportion to its length."""
    by_sentence: dict[int, list[tuple[int, int, float]]] = {}
    for cue in cues:
        by_sentence.setdefault(dt.tokens[cue[0]].sentence, []).append(cue)
    if all(len(v) <= limit for v in by_sentence.values()):
        return cues
    kept = [c for v in by_sentence.values() for c in sorted(v, key=lambda c: -c[2])[:limit]]
    return sorted(kept)


class SpanModel:
    """Cue CRF + role CRF (python-crfsuite model files) with their decoding settings."""

    def __init__(
        self,
        cue_model: str | Path,
        role_model: str | Path,
        lexicon: dict[str, float],
        cue_threshold: float = 0.4,
        window: int = 1,
        artifact_id: str = "unsaved",
        second_threshold: float | None = None,
    ):
        import pycrfsuite

        self.cue_tagger = pycrfsuite.Tagger()
        self.cue_tagger.open(str(cue_model))
        self.role_tagger = pycrfsuite.Tagger()
        self.role_tagger.open(str(role_model))
        self.lexicon = lexicon
        self.cue_threshold = cue_threshold
        self.second_threshold = second_threshold
        self.window = window
        self.artifact_id = artifact_id

    @classmethod
    def load(cls, folder: str | Path) -> SpanModel:
        """Load ``folder`` (``models/spans``): the two CRF files, the cue lexicon and the
        decoding settings of its ``model.json``."""
        folder = Path(folder)
        manifest = Manifest.read(folder)
        params = manifest.data.get("parameters", {})
        return cls(
            folder / CUE_FILE,
            folder / ROLE_FILE,
            load_json(folder / LEXICON_FILE),
            cue_threshold=float(params.get("cue_threshold", 0.4)),
            window=int(params.get("window", 1)),
            artifact_id=manifest.artifact_id,
            second_threshold=params.get("second_threshold"),
        )

    def find(self, dt: DocTokens, reported: set[int] | None = None) -> list[RawRelation]:
        """Every attribution relation in the article, in text order of their cues.

        ``reported``: indices of sentences another model believes reported; those left
        without a cue get a second look at the lower ``second_threshold``.
        """
        from service.engine.span_features import RoleContext, cue_features

        if not dt.tokens:
            return []
        feats = cue_features(dt.tokens, dt.quoted, self.lexicon)
        marginals: dict = {}
        cues = decode_cues(dt, self.cue_tagger, feats, self.cue_threshold, None, marginals)
        if reported and self.second_threshold is not None:
            bare = reported - {dt.tokens[a].sentence for a, _, _ in cues}
            if bare:
                cues = sorted(
                    cues
                    + decode_cues(
                        dt, self.cue_tagger, feats, self.second_threshold, bare, marginals
                    )
                )
        cues = _most_confident_per_sentence(dt, cues)
        cue_mask = [False] * len(dt.tokens)
        for a, b, _ in cues:
            for i in range(a, b):
                cue_mask[i] = True
        cue_sentences = {dt.tokens[a].sentence for a, _, _ in cues}
        context = RoleContext(dt.tokens, dt.quoted, cue_mask)
        out = []
        for a, b, conf in cues:
            lo, hi = role_window(dt, a, self.window)
            toks = dt.tokens[lo:hi]
            labels = self.role_tagger.tag(context.features((lo, hi), (a, b)))
            # content never reaches into a neighbouring sentence that has a cue of its own
            own = dt.tokens[a].sentence
            labels = [
                "O" if t.sentence != own and t.sentence in cue_sentences else lab
                for t, lab in zip(toks, labels)
            ]
            src, con = decode_roles(labels, (a - lo, b - lo))
            content = None
            if con:
                content = extend_to_quote(
                    dt,
                    toks[con[0]].start,
                    toks[con[1] - 1].end,
                    dt.tokens[a].start,
                    dt.tokens[b - 1].end,
                )
            out.append(
                RawRelation(
                    cue=(dt.tokens[a].start, dt.tokens[b - 1].end),
                    source=(toks[src[0]].start, toks[src[1] - 1].end) if src else None,
                    content=content,
                    cue_tokens=(a, b),
                    confidence=round(conf, 4),
                )
            )
        return out
