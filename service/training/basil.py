"""Reader for BASIL (Fan et al., EMNLP 2019): phrase-level media bias in real news.

Only the 2010-2014 half is read (:data:`YEARS`); the later years are held back for
independent measurement and are never opened. An article is ``articles/YEAR/<event>_<n>.json``
(``body-paragraphs``: paragraphs, each a list of sentences) with its annotations in
``annotations/YEAR/<event>_<n>_ann.json``: phrases with ``id`` "p<i>" (the i-th body sentence
counting through all paragraphs; "title" is the headline, not read here), offsets into that
sentence, the bias type (``lex``: loaded wording; ``inf``: informational) and whether the
phrase is inside a quotation.

:func:`read_basil` rebuilds each article's body as one text (sentences joined by a space,
paragraphs by a line break) and maps every phrase to offsets into it. Phrases whose offsets do
not match their ``txt`` are re-found in their sentence, else skipped and reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

YEARS = (2010, 2011, 2012, 2013, 2014)


@dataclass(frozen=True)
class BasilSpan:
    start: int  # offsets into BasilArticle.text
    end: int
    bias: str  # "lex" | "inf"
    quoted: bool  # inside a quotation (BASIL's "quote": "yes")
    sentence: int  # index into BasilArticle.sentences


@dataclass
class BasilArticle:
    name: str  # "<event>_<n>"
    year: int
    outlet: str  # "fox" | "nyt" | "hpo"
    text: str
    sentences: list[tuple[int, int]]  # body sentences as (start, end) into text
    spans: list[BasilSpan]

    def lex(self) -> list[BasilSpan]:
        return [s for s in self.spans if s.bias == "lex"]


@dataclass
class BasilData:
    articles: list[BasilArticle]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file or phrase, reason)


def _build_text(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for p, para in enumerate(paragraphs):
        sents = [s for s in para if isinstance(s, str)]
        if p and parts:
            parts.append("\n")
            pos += 1
        for k, s in enumerate(sents):
            if k:
                parts.append(" ")
                pos += 1
            parts.append(s)
            offsets.append((pos, pos + len(s)))
            pos += len(s)
    return "".join(parts), offsets


def read_article(
    article_file: Path, annotation_file: Path | None, skipped: list[tuple[str, str]]
) -> BasilArticle:
    doc = json.loads(article_file.read_text(encoding="utf-8"))
    text, sents = _build_text(doc.get("body-paragraphs") or [])
    spans: list[BasilSpan] = []
    if annotation_file is not None and annotation_file.exists():
        ann = json.loads(annotation_file.read_text(encoding="utf-8"))
        for ph in ann.get("phrase-level-annotations", []):
            pid = str(ph.get("id", ""))
            if not pid.startswith("p") or not pid[1:].isdigit():
                continue  # the headline ("title") is not part of the body text
            i = int(pid[1:])
            if i >= len(sents):
                skipped.append((f"{article_file.name}:{pid}", "sentence index out of range"))
                continue
            s0, s1 = sents[i]
            sentence = text[s0:s1]
            txt = str(ph.get("txt", ""))
            a, b = int(ph.get("start", -1)), int(ph.get("end", -1))
            if sentence[a:b] != txt or not txt:
                a = sentence.find(txt) if txt else -1
                if a < 0:
                    skipped.append((f"{article_file.name}:{pid}", "phrase not in sentence"))
                    continue
                b = a + len(txt)
            spans.append(
                BasilSpan(
                    s0 + a,
                    s0 + b,
                    str(ph.get("bias", "")),
                    str(ph.get("quote", "")).lower() == "yes",
                    i,
                )
            )
    return BasilArticle(
        article_file.stem,
        int(article_file.parent.name),
        str(doc.get("source", "")).lower(),
        text,
        sents,
        sorted(spans, key=lambda s: (s.start, s.end)),
    )


def read_basil(root: Path, years=YEARS, limit: int | None = None) -> BasilData:
    """Articles of ``years`` (2010-2014 only) under ``root`` (the ``basil/`` folder)."""
    if any(int(y) not in YEARS for y in years):
        raise ValueError("only BASIL 2010-2014 may be read; the later years are held back")
    root = Path(root)
    data = BasilData([])
    for year in years:
        folder = root / "articles" / str(year)
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.json")):
            ann = root / "annotations" / str(year) / f"{f.stem}_ann.json"
            try:
                data.articles.append(read_article(f, ann, data.skipped))
            except (OSError, ValueError, TypeError, AttributeError) as exc:
                data.skipped.append((f.name, f"{type(exc).__name__}: {exc}"))
            if limit is not None and len(data.articles) >= limit:
                return data
    return data


# -- the engine's bias signals against BASIL's annotation --------------------------------------

_TOKEN = re.compile(r"\w+")


def _tokens_in(text: str, spans) -> set[int]:
    """Start offsets of the word tokens whose first character lies in one of ``spans``."""
    out: set[int] = set()
    for a, b in spans:
        out.update(m.start() for m in _TOKEN.finditer(text, a, b))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def _auc(y: list[int], s: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, s)), 4) if 0 < sum(y) < len(y) else 0.0


def evaluate_engine_on_basil(engine, data: BasilData) -> dict:
    """Share of sentences called biased, token P/R/F1 of ``loaded_wording`` flags against
    ``lex`` phrases, score AUC, and voice agreement, over every article of ``data``.

    Voice is scored in BASIL's view (paraphrase is the writer's voice; only a phrase inside a
    quotation is a source's): ``flag_voice`` takes the flags overlapping a ``lex`` phrase and
    counts those whose ``voice`` matches the phrase's ``quote`` field; ``span_voice`` does the
    same for every ``lex`` phrase with the engine's voice rule (:func:`phrase_voice`)."""
    from service.engine.bias.analyse import voice_spans
    from service.engine.bias.flags import voice
    from service.engine.quotes import quote_intervals
    from service.engine.segment import paragraphs

    called = engine_sents = 0
    sent_y: list[int] = []
    sent_s: list[float] = []
    sent_called: list[int] = []
    tp = fp = fn = 0
    flags_n = 0
    fv = {"writer_phrases": 0, "writer_agree": 0, "quoted_phrases": 0, "quoted_agree": 0}
    sv = {"writer_phrases": 0, "writer_agree": 0, "quoted_phrases": 0, "quoted_agree": 0}
    for art in data.articles:
        an = engine.analyze(art.text)
        text = art.text
        lex = art.lex()
        flags = [
            f for s in an.sentences if s.bias for f in s.bias.flags if f.kind == "loaded_wording"
        ]
        flags_n += len(flags)
        for s in an.sentences:
            if s.bias is None or not s.text.strip():
                continue
            engine_sents += 1
            called += int(s.bias.biased)
        # BASIL sentences: called biased when an engine sentence overlapping them is
        lex_sents = {sp.sentence for sp in lex}
        for i, (a, b) in enumerate(art.sentences):
            over = [s for s in an.sentences if s.start < b and a < s.end and s.bias]
            sent_y.append(int(i in lex_sents))
            sent_s.append(max((s.bias.score for s in over), default=0.0))
            sent_called.append(int(any(s.bias.biased for s in over)))
        gold = _tokens_in(text, [(sp.start, sp.end) for sp in lex])
        pred = _tokens_in(text, [(f.start, f.end) for f in flags])
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        quotes = quote_intervals(text, paragraphs(text))
        spans = voice_spans(an.attributions, quotes)
        for sp in lex:
            key = "quoted" if sp.quoted else "writer"
            want = "source" if sp.quoted else "writer"
            sv[key + "_phrases"] += 1
            sv[key + "_agree"] += int(voice(sp.start, sp.end, spans) == want)
            for f in flags:
                if f.start < sp.end and sp.start < f.end:
                    fv[key + "_phrases"] += 1
                    fv[key + "_agree"] += int(f.voice == want)

    def _agree(d):
        n = d["writer_phrases"] + d["quoted_phrases"]
        return {
            **d,
            "agreement": round((d["writer_agree"] + d["quoted_agree"]) / n, 4) if n else 0.0,
        }

    y, c = np.asarray(sent_y), np.asarray(sent_called)
    return {
        "articles": len(data.articles),
        "engine_sentences": engine_sents,
        "biased_share": round(called / engine_sents, 4) if engine_sents else 0.0,
        "basil_sentences": len(sent_y),
        "lex_sentence_share": round(float(y.mean()), 4) if len(y) else 0.0,
        "basil_sentences_called_biased": round(float(c.mean()), 4) if len(c) else 0.0,
        "sentence_vs_lex": _prf(
            int((y & c).sum()), int(((1 - y) & c).sum()), int((y & (1 - c)).sum())
        ),
        "score_auc_lex": _auc(sent_y, sent_s),
        "loaded_wording_flags": flags_n,
        "tokens": {**_prf(tp, fp, fn), "flagged": tp + fp, "gold": tp + fn},
        "flag_voice": _agree(fv),
        "span_voice": _agree(sv),
        "voice_view": "BASIL's: paraphrase is the writer's voice, quotations the source's",
    }


# -- calibration: the base rate of real copy ---------------------------------------------------


def em_prior(raw: np.ndarray, trained_prior: float = 0.5, steps: int = 100) -> float:
    """The base rate of "biased" in unlabelled text, by EM on the model's probabilities
    (Saerens, Latinne & Decaestecker 2002)."""
    from service.engine.bias.model import prior_shift

    prior = trained_prior
    for _ in range(steps):
        new = float(np.mean(prior_shift(raw, prior, trained_prior)))
        if abs(new - prior) < 1e-6:
            break
        prior = new
    return prior


# -- BASIL lex phrases as training data for the word model -------------------------------------


@dataclass
class BasilWordRows:
    X: list[dict]  # word features of every candidate word
    y: np.ndarray  # 1: the word lies in a lex phrase
    groups: np.ndarray  # the event (the three outlets' articles on it share a group)
    gold_tokens: int  # word tokens inside lex phrases (candidates or not)


def basil_word_rows(model, segmenter, data: BasilData) -> BasilWordRows:
    """Candidate words of every scored sentence, labelled by BASIL's ``lex`` phrases, with the
    word features the engine computes (lexicons and sentence score from ``model``)."""
    from service.engine.bias.features import word_features
    from service.engine.bias.model import word_candidates
    from service.engine.furniture import is_furniture

    X, y, groups, gold_tokens = [], [], [], 0
    lex = model.lexicons
    for art in data.articles:
        gold = _tokens_in(art.text, [(s.start, s.end) for s in art.lex()])
        gold_tokens += len(gold)
        segs = [
            (s.start, s.end)
            for s in segmenter.segment(art.text)
            if not is_furniture(art.text[s.start : s.end])
        ]
        texts = [art.text[a:b] for a, b in segs]
        for (a, _), t, r in zip(segs, texts, model.raw_score(texts)):
            toks, cands = word_candidates(t, lex)
            for i, names in cands:
                X.append(word_features(t, toks, i, names, lex, float(r)))
                y.append(int(a + toks[i][0] in gold))
                groups.append(art.name.rsplit("_", 1)[0])
    return BasilWordRows(X, np.asarray(y), np.asarray(groups), gold_tokens)


def basil_word_cv(
    rows: BasilWordRows, extra_X, extra_y, weight: float, C: float, folds: int = 5
) -> np.ndarray:
    """Out-of-fold word probabilities on BASIL, events held out: each fold's model is fitted
    on the other events' words (weight ``weight``) plus ``extra_X`` (BABE's words, weight 1)."""
    from sklearn.model_selection import GroupKFold

    from service.training.bias import make_word_pipeline

    P = np.zeros(len(rows.X))
    for tr, te in GroupKFold(folds).split(rows.X, rows.y, rows.groups):
        Xt = [rows.X[i] for i in tr] + list(extra_X)
        yt = np.concatenate([rows.y[tr], np.asarray(extra_y, dtype=int)])
        sw = np.concatenate([np.full(len(tr), weight), np.ones(len(extra_y))])
        m = make_word_pipeline(C).fit(Xt, yt, classify__sample_weight=sw)
        P[te] = m.predict_proba([rows.X[i] for i in te])[:, 1]
    return P


def word_token_report(rows: BasilWordRows, P: np.ndarray, t: float) -> dict:
    """Token P/R/F1 of candidate words at or above ``t`` against all lex tokens."""
    c = t <= P
    tp = int((c & (rows.y == 1)).sum())
    return {**_prf(tp, int(c.sum()) - tp, rows.gold_tokens - tp), "flagged": int(c.sum())}
