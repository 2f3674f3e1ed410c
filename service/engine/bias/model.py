"""The sentence bias model: how biased is a sentence's wording, and which words carry it?

``models/bias/`` holds ``bias.skops`` (FeatureHasher + LogisticRegression, loaded against the
allow-list of :mod:`service.engine.artifacts`), ``lexicons.json`` (the word lists and the word
statistics learnt from BABE, see :mod:`service.engine.bias.features`) and ``model.json`` with
the decision threshold and the highlight rule's rate threshold, both chosen with outlets held out.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from service.engine.artifacts import Manifest, load_estimator, load_json
from service.engine.bias.features import (
    BiasLexicons,
    bias_features,
    is_candidate,
    prepare_lexicons,
    tokenize,
    word_features,
    word_lexicons,
)
from service.engine.bias.vocabulary import NEUTRAL_TERMS, loaded_phrases, plain_reason

ESTIMATOR_FILE = "bias.skops"
WORDS_FILE = "words.skops"
LEXICON_FILE = "lexicons.json"
DEFAULT_HIGHLIGHT_RATE = 0.3
DEFAULT_WORD_THRESHOLD = 0.5
PHRASE_CONFIDENCE = 0.7  # a listed loaded phrase, when the word model rates it lower
LEXICON_NAMES = {
    "babe_bias": "BABE bias-word lexicon",
    "strong_subjective": "strong subjective (Riloff & Wiebe)",
    "weak_subjective": "weak subjective (Riloff & Wiebe)",
    "negative": "negative (Hu & Liu)",
    "positive": "positive (Hu & Liu)",
    "npov": "Wikipedia NPOV edits (Recasens et al.)",
    "hedges": "hedges",
    "factives": "factive verbs (Hooper)",
    "assertives": "assertive verbs (Hooper)",
    "implicatives": "implicative verbs (Karttunen)",
    "report_verbs": "report verbs",
    "entailing": "entailing verbs (Berant)",
    "entailed": "entailed verbs (Berant)",
}

REASON_LEARNT = "BABE experts marked it as biased in {pct}% of its uses"
REASON_BABE = "in BABE bias-word lexicon"
REASON_SUBJ_NEG = "strong subjective (Riloff & Wiebe) and negative (Hu & Liu)"


class Highlight(NamedTuple):
    """A word that carries bias: ``sentence[start:end] == word``."""

    start: int
    end: int
    word: str
    reason: str


def highlight_words(
    sentence: str, lexicons: BiasLexicons, min_rate: float = DEFAULT_HIGHLIGHT_RATE
) -> list[Highlight]:
    """Every word of ``sentence`` that carries bias, with its character offsets and why.

    A word is highlighted when BABE's experts marked it as biased in at least ``min_rate`` of
    its uses (the learnt rates), when it is in the BABE bias-word lexicon, or when it is both a
    strong subjective and a negative word.
    """
    toks = tokenize(sentence)
    words = [t[2] for t in toks]
    learnt = lexicons.learnt
    out = []
    for i, (start, end, w) in enumerate(toks):
        reasons = []
        rate = learnt.get(w, 0.0)
        if rate >= min_rate:
            reasons.append(REASON_LEARNT.format(pct=round(rate * 100)))
        names = word_lexicons(words, i, lexicons) if w in lexicons.words else ()
        if "babe_bias" in names:
            reasons.append(REASON_BABE)
        if "strong_subjective" in names and "negative" in names:
            reasons.append(REASON_SUBJ_NEG)
        if reasons:
            out.append(Highlight(start, end, sentence[start:end], "; ".join(reasons)))
    return out


def prior_shift(p, prior: float, trained_prior: float = 0.5):
    """Probabilities of a model fitted at ``trained_prior`` (balanced: 0.5) re-weighted for a
    base rate ``prior`` (Saerens et al., 2002)."""
    p = np.asarray(p, dtype=float)
    a = p * prior / trained_prior
    b = (1 - p) * (1 - prior) / (1 - trained_prior)
    return np.divide(a, a + b, out=np.zeros_like(a), where=(a + b) > 0)


class WordFlagSpan(NamedTuple):
    """Loaded words of a sentence, as one span: ``sentence[start:end] == text``."""

    start: int
    end: int
    text: str
    confidence: float
    reason: str
    evidence: str


def word_candidates(sentence: str, lex: BiasLexicons):
    """(token index, lexicon names) of the words the word model scores, and the tokens."""
    toks = tokenize(sentence)
    words = [t[2] for t in toks]
    out = []
    for i, w in enumerate(words):
        if w in NEUTRAL_TERMS:
            continue
        names = word_lexicons(words, i, lex) if (w in lex.words or w in lex.phrases) else ()
        if is_candidate(w, lex, names):
            out.append((i, names))
    return toks, out


def _evidence(w: str, p: float, names, lex: BiasLexicons) -> str:
    parts = [f"word model {p:.2f}"]
    rate, seen = lex.learnt.get(w), lex.seen.get(w)
    if rate is not None:
        parts.append(
            f"BABE experts marked '{w}' biased at a smoothed rate of {rate:.0%}"
            + (f" over {seen} sentence{'s' if seen != 1 else ''}" if seen else "")
        )
    if w in lex.nb:
        parts.append(f"log-ratio in BABE biased over non-biased sentences {lex.nb[w]:+.2f}")
    named = [LEXICON_NAMES.get(n, n) for n in names if n in LEXICON_NAMES]
    if named:
        parts.append("word lists: " + ", ".join(named))
    return "; ".join(parts)


class BiasModel:
    """Scores sentences for biased wording and finds the words that are loaded in context."""

    def __init__(
        self,
        pipeline,
        lexicons: dict | BiasLexicons,
        threshold: float = 0.5,
        highlight_rate: float = DEFAULT_HIGHLIGHT_RATE,
        artifact_id: str = "unsaved",
        words=None,
        word_threshold: float = DEFAULT_WORD_THRESHOLD,
        prior: float | None = None,
    ):
        self.pipeline = pipeline
        self.lexicons = prepare_lexicons(lexicons)
        self.threshold = threshold
        self.highlight_rate = highlight_rate
        self.artifact_id = artifact_id
        self.words = words  # the word model (FeatureHasher + LR), or None
        self.word_threshold = word_threshold
        self.prior = prior  # base rate of real copy; None: no prior shift

    @classmethod
    def load(cls, folder: str | Path) -> BiasModel:
        """Load ``folder`` (``models/bias``): manifest, skops estimators, lexicons JSON."""
        folder = Path(folder)
        manifest = Manifest.read(folder)
        pipeline = load_estimator(folder / ESTIMATOR_FILE)
        lexicons = load_json(folder / LEXICON_FILE)
        params = manifest.data.get("parameters", {})
        words = load_estimator(folder / WORDS_FILE) if (folder / WORDS_FILE).exists() else None
        prior = params.get("prior")
        return cls(
            pipeline,
            lexicons,
            float(manifest.data.get("threshold", 0.5)),
            float(params.get("highlight_rate", DEFAULT_HIGHLIGHT_RATE)),
            manifest.artifact_id,
            words,
            float(params.get("word_threshold", DEFAULT_WORD_THRESHOLD)),
            None if prior is None else float(prior),
        )

    def features(self, sentences: list[str]) -> list[dict[str, float]]:
        return [bias_features(s, self.lexicons) for s in sentences]

    def raw_score(self, sentences: list[str]) -> np.ndarray:
        """The classifier's probability of BABE's "Biased" (fitted with balanced classes)."""
        if not sentences:
            return np.zeros(0)
        return self.pipeline.predict_proba(self.features(sentences))[:, 1]

    def score(self, sentences: list[str]) -> np.ndarray:
        """Probability that each sentence's wording is biased, corrected for the base rate of
        real copy (``prior``) when the model has one."""
        return self.score_from_raw(self.raw_score(sentences))

    def score_from_raw(self, raw) -> np.ndarray:
        """:meth:`score` from :meth:`raw_score`'s probabilities."""
        raw = np.asarray(raw, dtype=float)
        return raw if self.prior is None else prior_shift(raw, self.prior)

    def word_flags(self, sentences: list[str], raw_scores) -> list[list[WordFlagSpan]]:
        """Loaded words and phrases of each sentence, scored in context by the word model
        (one call for all sentences); adjacent loaded words and listed phrases are one span."""
        lex = self.lexicons
        if self.words is None:  # an older artifact: the highlight rule, gated by the score
            return [
                [
                    WordFlagSpan(h.start, h.end, h.word, 1.0, plain_reason(h.word), h.reason)
                    for h in self.highlight(s)
                ]
                if sc >= self.threshold
                else []
                for s, sc in zip(sentences, raw_scores)
            ]
        rows, where = [], []
        per_sentence = []
        for k, (s, sc) in enumerate(zip(sentences, raw_scores)):
            toks, cands = word_candidates(s, lex)
            per_sentence.append(toks)
            for i, names in cands:
                rows.append(word_features(s, toks, i, names, lex, float(sc)))
                where.append((k, i, names))
        probs = self.words.predict_proba(rows)[:, 1] if rows else np.zeros(0)
        hits: list[list[tuple[int, int, float, str]]] = [[] for _ in sentences]
        for (k, i, names), p in zip(where, probs):
            if p >= self.word_threshold:
                s, e, w = per_sentence[k][i]
                hits[k].append((s, e, float(p), _evidence(w, float(p), names, lex)))
        return [self._spans(s, h, per_sentence[k]) for k, (s, h) in enumerate(zip(sentences, hits))]

    def _spans(self, sentence: str, hits, toks) -> list[WordFlagSpan]:
        spans: list[list] = []  # [start, end, confidence, evidence parts, reason, alt]
        for s, e, p, ev in hits:
            if spans and not sentence[spans[-1][1] : s].strip(" -"):
                last = spans[-1]  # adjacent loaded words: one phrase
                last[1], last[2] = e, max(last[2], p)
                last[3].append(ev)
            else:
                spans.append([s, e, p, [ev], "", None])
        for s, e, reason, alt in loaded_phrases(sentence, 0, len(sentence)):
            inside = [sp for sp in spans if sp[0] < e and s < sp[1]]
            conf = max([PHRASE_CONFIDENCE] + [sp[2] for sp in inside])
            evs = [ev for sp in inside for ev in sp[3]] + ["reportedly's list of loaded phrases"]
            s, e = min([s] + [sp[0] for sp in inside]), max([e] + [sp[1] for sp in inside])
            spans = [sp for sp in spans if sp not in inside] + [[s, e, conf, evs, reason, alt]]
        out = []
        for s, e, p, evs, reason, alt in sorted(spans):
            words = sentence[s:e]
            out.append(
                WordFlagSpan(
                    s,
                    e,
                    words,
                    round(min(max(p, 0.0), 1.0), 4),
                    plain_reason(words, reason, alt),
                    " | ".join(evs),
                )
            )
        return out

    def predict(self, sentences: list[str]) -> np.ndarray:
        """``score >= threshold`` for each sentence."""
        return self.score(sentences) >= self.threshold

    def highlight(self, sentence: str) -> list[Highlight]:
        """Words of ``sentence`` that carry bias, as (start, end, word, reason)."""
        return highlight_words(sentence, self.lexicons, self.highlight_rate)
