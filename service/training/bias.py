"""Fit and evaluate the sentence bias model on BABE, with outlets held out.

Evaluation is leave-one-outlet-out: every outlet's sentences are scored by a model fitted on
the other outlets only (word statistics included), the out-of-fold probabilities are pooled,
and the figures are computed on the pool. Random splits overstate what a model does on an
outlet it has never seen (BABE's README), so nothing here uses them.

Two word statistics are learnt from BABE and shipped in ``lexicons.json``: how often experts
marked each word as biased (``learnt``, from ``biased_words``) and the log-count ratio of each
word in Biased over Non-biased sentences (``nb``). Fitted on the same sentences they describe,
they would look far more reliable than they are on new text, so the training features of every
fit are *cross-fitted*: a sentence's features use statistics learnt on other outlets only
(:func:`crossfit_features`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold, KFold, LeaveOneGroupOut
from sklearn.pipeline import Pipeline

from service.engine.bias.features import (
    bias_features,
    prepare_lexicons,
    tokenize,
    word_features,
)
from service.engine.bias.model import DEFAULT_HIGHLIGHT_RATE, highlight_words
from service.training.babe import BabeRow, read_babe
from service.training.lexicons import read_lexicons

N_FEATURES = 2**18
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.30, 0.701, 0.01))
HIGHLIGHT_RATES = (0.2, 0.3, 0.4, 0.5)
Indices = Sequence[int] | np.ndarray  # positions of sentences in a BiasData

# Published anchors (macro-F1, Biased vs Non-biased), from the data README and issue 4.
ANCHORS = [
    {"system": "feature-based XGBoost (Spinde et al.)", "macro_f1": 0.52},
    {"system": "lexicon features alone", "macro_f1": 0.64},
    {"system": "TF-IDF logistic regression, outlets held out", "macro_f1": 0.67},
    {"system": "fine-tuned RoBERTa", "macro_f1": 0.80},
]

_GOLD_STRIP = "\"'“”‘’.,;:!?()[]…"


def normalise_word(word: str) -> str:
    """A ``biased_words`` entry as the tokens of :func:`tokenize` spell it."""
    return word.lower().replace("’", "'").strip(_GOLD_STRIP)


@dataclass
class BiasData:
    """Labelled BABE sentences with what evaluation needs, in one place."""

    rows: list[BabeRow]
    texts: list[str]
    y: np.ndarray  # 1 Biased, 0 Non-biased
    groups: np.ndarray  # outlet per sentence
    opinion: np.ndarray  # 1 writer's opinion, 0 entirely factual, -1 otherwise
    words: list[list[str]]  # tokens per sentence, as the features see them
    gold: list[set[str]]  # normalised biased_words per sentence

    def __len__(self) -> int:
        return len(self.rows)


def bias_dataset(rows: Sequence[BabeRow]) -> BiasData:
    rows = [r for r in rows if r.biased is not None]
    return BiasData(
        rows=rows,
        texts=[r.text for r in rows],
        y=np.asarray([r.biased for r in rows], dtype=int),
        groups=np.asarray([r.outlet for r in rows]),
        opinion=np.asarray([-1 if r.opinion is None else r.opinion for r in rows], dtype=int),
        words=[[t[2] for t in tokenize(r.text)] for r in rows],
        gold=[{normalise_word(w) for w in r.biased_words} - {""} for r in rows],
    )


def load_bias_data(data_root: Path, limit: int | None = None) -> tuple[BiasData, dict]:
    """BABE sentences and the word lists, from the data root (``babe/``, ``lexicons/``)."""
    babe = read_babe(Path(data_root) / "babe", limit=limit)
    return bias_dataset(babe.rows), read_lexicons(Path(data_root))


# -- word statistics learnt from BABE ----------------------------------------------------------


def learn_word_rates(data: BiasData, idx: Indices, smooth: float = 1.0) -> dict[str, float]:
    """word -> share of the sentences holding it where experts marked it biased (smoothed).

    ``marked / (seen + smooth)`` over sentences ``idx``; only words marked at least once.
    """
    seen: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    for i in idx:
        gold = data.gold[i]
        for w in set(data.words[i]):
            seen[w] += 1
            if w in gold:
                marked[w] += 1
    return {w: round(marked[w] / (seen[w] + smooth), 3) for w in sorted(marked)}


def learn_log_ratios(
    data: BiasData, idx: Indices, alpha: float = 1.0, min_df: int = 2
) -> dict[str, float]:
    """word -> log of its document rate in Biased over Non-biased sentences (NB-SVM's ``r``)."""
    pos: Counter[str] = Counter()
    neg: Counter[str] = Counter()
    npos = nneg = 0
    for i in idx:
        ws = set(data.words[i])
        if data.y[i]:
            pos.update(ws)
            npos += 1
        else:
            neg.update(ws)
            nneg += 1
    out = {}
    for w in sorted(set(pos) | set(neg)):
        if pos[w] + neg[w] >= min_df:
            r = math.log(((pos[w] + alpha) / (npos + alpha)) / ((neg[w] + alpha) / (nneg + alpha)))
            out[w] = round(r, 3)
    return out


def learn_word_counts(data: BiasData, idx: Indices) -> dict[str, int]:
    """word -> sentences of ``idx`` holding it, for the words experts marked at least once."""
    seen: Counter[str] = Counter()
    marked: set[str] = set()
    for i in idx:
        ws = set(data.words[i])
        seen.update(ws)
        marked |= ws & data.gold[i]
    return {w: seen[w] for w in sorted(marked)}


def lexicon_artifact(
    lexicons: Mapping[str, list[str]], data: BiasData, idx: Indices | None = None
) -> dict:
    """The ``lexicons.json`` dict: word lists plus word statistics learnt on sentences ``idx``."""
    idx = range(len(data)) if idx is None else idx
    return {
        "lexicons": {k: list(v) for k, v in lexicons.items()},
        "learnt": learn_word_rates(data, idx),
        "nb": learn_log_ratios(data, idx),
        "seen": learn_word_counts(data, idx),
    }


def _inner_splits(groups: np.ndarray, n: int, inner: int):
    if len(set(groups)) >= 2:
        return GroupKFold(min(inner, len(set(groups)))).split(np.zeros(n), groups=groups)
    return KFold(min(inner, max(n, 2)), shuffle=True, random_state=0).split(np.zeros(n))


def crossfit_features(
    data: BiasData, idx: np.ndarray, lexicons: Mapping[str, list[str]], inner: int = 5
) -> list[dict[str, float]]:
    """Features of sentences ``idx`` for fitting: each uses word statistics learnt on the other
    outlets of ``idx`` (``inner`` folds grouped by outlet)."""
    idx = np.asarray(idx)
    out: list[dict[str, float] | None] = [None] * len(idx)
    for fit, apply in _inner_splits(data.groups[idx], len(idx), inner):
        lex = prepare_lexicons(lexicon_artifact(lexicons, data, idx[fit]))
        for k in apply:
            out[k] = bias_features(data.texts[idx[k]], lex)
    return out  # type: ignore[return-value]


def make_bias_pipeline(C: float = 0.1, n_features: int = N_FEATURES) -> Pipeline:
    """Feature hashing + L2 logistic regression, classes weighted to balance.

    Balanced class weights matter with outlets held out: the training outlets' share of
    biased sentences differs from the held-out outlet's (Reuters 10%, Alternet 75%).
    """
    return Pipeline(
        [
            ("vectorize", FeatureHasher(n_features=n_features, alternate_sign=False)),
            (
                "classify",
                LogisticRegression(C=C, solver="liblinear", max_iter=5000, class_weight="balanced"),
            ),
        ]
    )


def fit_bias_model(
    data: BiasData,
    lexicons: Mapping[str, list[str]],
    C: float = 0.1,
    idx: Sequence[int] | None = None,
    feature_filter: Callable[[str], bool] | None = None,
) -> tuple[Pipeline, dict]:
    """Fit on sentences ``idx`` (all by default); return the pipeline and its lexicons.json."""
    rows = np.arange(len(data)) if idx is None else np.asarray(idx)
    feats = crossfit_features(data, rows, lexicons)
    if feature_filter:
        feats = [{k: v for k, v in f.items() if feature_filter(k)} for f in feats]
    model = make_bias_pipeline(C).fit(feats, data.y[rows])
    return model, lexicon_artifact(lexicons, data, rows)


# -- evaluation with outlets held out ----------------------------------------------------------


@dataclass
class OutletCV:
    proba: np.ndarray  # out-of-fold probability of Biased, per sentence
    fold_lexicons: dict[str, dict]  # outlet -> lexicons.json dict learnt without that outlet


def outlet_folds(data: BiasData):
    return LeaveOneGroupOut().split(np.zeros(len(data)), data.y, data.groups)


def outlet_cv(
    data: BiasData,
    lexicons: Mapping[str, list[str]],
    C: float = 0.1,
    feature_filter: Callable[[str], bool] | None = None,
) -> OutletCV:
    """Leave-one-outlet-out probabilities of the bias model (word statistics learnt per fold)."""
    proba = np.zeros(len(data))
    fold_lex = {}
    for tr, te in outlet_folds(data):
        outlet = str(data.groups[te[0]])
        if len(set(data.y[tr])) < 2:  # tiny samples: nothing to learn, predict the prior
            proba[te] = data.y[tr].mean() if len(tr) else 0.5
            continue
        model, lex = fit_bias_model(data, lexicons, C, tr, feature_filter)
        fold_lex[outlet] = lex
        prepared = prepare_lexicons(lex)
        feats = [bias_features(data.texts[i], prepared) for i in te]
        if feature_filter:
            feats = [{k: v for k, v in f.items() if feature_filter(k)} for f in feats]
        proba[te] = model.predict_proba(feats)[:, 1]
    return OutletCV(proba, fold_lex)


def is_lexicon_feature(key: str) -> bool:
    """The fixed word lists only: lexicon membership and counts (the lexicon-only baseline)."""
    return key == "bias" or key.startswith(("L=", "Ln=", "L2=", "Lkinds"))


def lexicon_only_cv(
    data: BiasData, lexicons: Mapping[str, list[str]], C: float = 1.0
) -> np.ndarray:
    return outlet_cv(data, lexicons, C, feature_filter=is_lexicon_feature).proba


def tfidf_lr_cv(data: BiasData, C: float = 10.0) -> np.ndarray:
    """Baseline: TF-IDF word 1-2-grams, logistic regression (balanced), outlets held out."""
    proba = np.zeros(len(data))
    for tr, te in outlet_folds(data):
        if len(set(data.y[tr])) < 2:
            proba[te] = data.y[tr].mean() if len(tr) else 0.5
            continue
        model = Pipeline(
            [
                ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("lr", LogisticRegression(C=C, solver="liblinear", class_weight="balanced")),
            ]
        ).fit([data.texts[i] for i in tr], data.y[tr])
        proba[te] = model.predict_proba([data.texts[i] for i in te])[:, 1]
    return proba


def macro_report(y_true, y_pred) -> dict[str, float]:
    """Macro-F1 (the headline), accuracy and per-class F1 of a binary labelling."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred).astype(int)
    if not len(y_true):
        return {"n": 0, "macro_f1": 0.0, "accuracy": 0.0, "f1_pos": 0.0, "f1_neg": 0.0}
    _, _, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=[0, 1], zero_division=0)
    return {
        "n": int(len(y_true)),
        "macro_f1": round(
            float(f1_score(y_true, y_pred, average="macro", labels=[0, 1], zero_division=0)), 4
        ),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "f1_pos": round(float(f[1]), 4),
        "f1_neg": round(float(f[0]), 4),
        "positive_rate": round(float(y_true.mean()), 4),
    }


def choose_threshold(y, proba, grid: Sequence[float] = THRESHOLDS) -> tuple[float, float]:
    """The threshold in ``grid`` with the best macro-F1 (ties: the one nearest 0.5)."""
    best = max(grid, key=lambda t: (macro_report(y, proba >= t)["macro_f1"], -abs(t - 0.5)))
    return float(best), macro_report(y, proba >= best)["macro_f1"]


def threshold_without_outlet(
    data: BiasData, proba: np.ndarray, grid: Sequence[float] = THRESHOLDS
) -> dict[str, float]:
    """Each outlet labelled with a threshold chosen on the other outlets' out-of-fold scores:
    what the pooled figure is worth once the threshold's own choice is held out too."""
    pred = np.zeros(len(data), dtype=int)
    for o in sorted(set(data.groups)):
        m = data.groups == o
        t, _ = choose_threshold(data.y[~m], proba[~m], grid) if (~m).any() else (0.5, 0.0)
        pred[m] = proba[m] >= t
    return macro_report(data.y, pred)


def opinion_report(data: BiasData, pred: np.ndarray) -> dict[str, float]:
    """``biased`` against "Expresses writer's opinion" (1) vs "Entirely factual" (0) only."""
    m = data.opinion >= 0
    return macro_report(data.opinion[m], np.asarray(pred)[m])


def word_report(
    data: BiasData, highlighted: Sequence[set[str]], idx: Sequence[int] | None = None
) -> dict[str, float]:
    """Precision/recall of highlighted words against ``biased_words``, per sentence, pooled.

    Word types per sentence, normalised like the tokens. Gold words that are not a token of
    their sentence (typos in the annotation, e.g. "demoize") cannot be highlighted; they are
    counted in ``gold_not_in_text`` and left out of recall.
    """
    idx = range(len(data)) if idx is None else idx
    tp = fp = fn = missing = 0
    for i in idx:
        toks = set(data.words[i])
        gold = data.gold[i] & toks
        missing += len(data.gold[i] - toks)
        pred = highlighted[i]
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "highlighted": tp + fp,
        "gold_words": tp + fn,
        "gold_not_in_text": missing,
    }


def oof_highlights(data: BiasData, cv: OutletCV, min_rate: float) -> list[set[str]]:
    """Words highlighted in each sentence with the word statistics of its own fold."""
    prepared = {o: prepare_lexicons(lex) for o, lex in cv.fold_lexicons.items()}
    out: list[set[str]] = []
    for i, text in enumerate(data.texts):
        lex = prepared.get(str(data.groups[i]))
        out.append(
            {normalise_word(h.word) for h in highlight_words(text, lex, min_rate)}
            if lex is not None
            else set()
        )
    return out


def choose_highlight_rate(
    data: BiasData, cv: OutletCV, grid: Sequence[float] = HIGHLIGHT_RATES
) -> tuple[float, dict]:
    """The learnt-rate threshold of the highlight rule with the best out-of-fold word F1."""
    reports = {r: word_report(data, oof_highlights(data, cv, r)) for r in grid}
    best = max(grid, key=lambda r: (reports[r]["f1"], -abs(r - DEFAULT_HIGHLIGHT_RATE)))
    return best, {str(r): v for r, v in reports.items()}


def per_outlet(data: BiasData, pred: np.ndarray) -> list[dict]:
    rows = []
    for o in sorted(set(data.groups)):
        m = data.groups == o
        rows.append(
            {
                "outlet": str(o),
                "n": int(m.sum()),
                "biased_share": round(float(data.y[m].mean()), 3),
                "predicted_share": round(float(np.mean(pred[m])), 3),
                "accuracy": round(float(np.mean(pred[m] == data.y[m])), 3),
            }
        )
    return rows


def evaluate_oof(
    data: BiasData, cv: OutletCV, threshold: float, highlight_rate: float = DEFAULT_HIGHLIGHT_RATE
) -> dict:
    """Every held-out figure of the bias model from its out-of-fold probabilities."""
    pred = (cv.proba >= threshold).astype(int)
    highlighted = oof_highlights(data, cv, highlight_rate)
    shown = [h if pred[i] else set() for i, h in enumerate(highlighted)]
    return {
        "sentence": macro_report(data.y, pred),
        "sentence_at_0.5": macro_report(data.y, cv.proba >= 0.5),
        "sentence_threshold_held_out": threshold_without_outlet(data, cv.proba),
        "opinion": opinion_report(data, pred),
        "words": word_report(data, highlighted),
        "words_in_biased_sentences": word_report(data, shown),
        "per_outlet": per_outlet(data, pred),
    }


def evaluate_bias(
    data_root: Path,
    limit: int | None = None,
    C: float = 0.05,
    threshold: float | None = None,
    highlight_rate: float | None = None,
) -> dict:
    """Train-and-score with outlets held out, as ``reportedly evaluate --task bias`` prints it.

    ``threshold`` / ``highlight_rate``: the shipped model's (from its manifest); when None they
    are chosen on the out-of-fold scores, as the notebook does.
    """
    data, lexicons = load_bias_data(data_root, limit)
    cv = outlet_cv(data, lexicons, C)
    if threshold is None:
        threshold, _ = choose_threshold(data.y, cv.proba)
    if highlight_rate is None:
        highlight_rate, _ = choose_highlight_rate(data, cv)
    report = evaluate_oof(data, cv, threshold, highlight_rate)
    report.update(
        {
            "threshold": threshold,
            "highlight_rate": highlight_rate,
            "C": C,
            "sentences": len(data),
            "outlets": len(set(data.groups)),
            "protocol": "leave-one-outlet-out, pooled out-of-fold predictions",
        }
    )
    return report


# -- the word model: is this word loaded here? ---------------------------------------------------


def word_rows(data: BiasData, idx: Sequence[int], lex, scores) -> tuple[list, list, list]:
    """Feature dicts, labels (1: in ``biased_words``) and (sentence, token) of the candidate
    words of sentences ``idx``; ``lex`` is a prepared lexicon or a function sentence -> one."""
    from service.engine.bias.model import word_candidates

    X, y, where = [], [], []
    for k in idx:
        lx = lex(k) if callable(lex) else lex
        toks, cands = word_candidates(data.texts[k], lx)
        for i, names in cands:
            X.append(word_features(data.texts[k], toks, i, names, lx, float(scores[k])))
            y.append(int(toks[i][2] in data.gold[k]))
            where.append((k, i))
    return X, y, where


def make_word_pipeline(C: float = 0.3, n_features: int = N_FEATURES) -> Pipeline:
    """Feature hashing + L2 logistic regression, unweighted (its probability is the flag's
    confidence)."""
    return Pipeline(
        [
            ("vectorize", FeatureHasher(n_features=n_features, alternate_sign=False)),
            ("classify", LogisticRegression(C=C, solver="liblinear", max_iter=5000)),
        ]
    )


def _lexicon_without(lexicons, data, idx, cache, outlets: frozenset):
    if outlets not in cache:
        keep = [i for i in idx if str(data.groups[i]) not in outlets]
        cache[outlets] = prepare_lexicons(lexicon_artifact(lexicons, data, keep))
    return cache[outlets]


def babe_word_rows(
    data: BiasData, lexicons, scores, idx=None, held: frozenset = frozenset(), cache=None
) -> tuple[list, list]:
    """Word-model rows of sentences ``idx``: each sentence's word statistics are learnt
    without its own outlet (and without ``held``), its score is out-of-fold."""
    idx = np.arange(len(data)) if idx is None else np.asarray(idx)
    cache = {} if cache is None else cache
    X, y, _ = word_rows(
        data,
        idx,
        lambda k: _lexicon_without(lexicons, data, idx, cache, held | {str(data.groups[k])}),
        scores,
    )
    return X, y


def fit_word_model(
    data: BiasData,
    lexicons,
    scores,
    idx=None,
    C: float = 0.3,
    held: frozenset = frozenset(),
    cache=None,
    extra=None,
) -> Pipeline:
    """Fit the word model on BABE sentences ``idx`` (see :func:`babe_word_rows`), plus
    ``extra`` = (X, y, weight) rows from elsewhere (BASIL's lex phrases)."""
    X, y = babe_word_rows(data, lexicons, scores, idx, held, cache)
    if extra is None:
        return make_word_pipeline(C).fit(X, y)
    ex, ey, w = extra
    sw = np.concatenate([np.ones(len(y)), np.full(len(ey), float(w))])
    return make_word_pipeline(C).fit(
        list(X) + list(ex), list(y) + list(ey), classify__sample_weight=sw
    )


def word_cv(data: BiasData, lexicons, cv: OutletCV, C: float = 0.3) -> list[list[tuple]]:
    """Leave-one-outlet-out word probabilities: per sentence, (token index, probability) of
    its candidate words, from a word model fitted on the other outlets."""
    out: list[list[tuple]] = [[] for _ in range(len(data))]
    for tr, te in outlet_folds(data):
        outlet = str(data.groups[te[0]])
        if outlet not in cv.fold_lexicons:
            continue
        model = fit_word_model(data, lexicons, cv.proba, tr, C, frozenset({outlet}))
        lex = prepare_lexicons(cv.fold_lexicons[outlet])
        X, _, where = word_rows(data, te, lex, cv.proba)
        if not X:
            continue
        for (k, i), p in zip(where, model.predict_proba(X)[:, 1]):
            out[k].append((i, float(p)))
    return out


def word_flags_at(data: BiasData, probs: list[list[tuple]], t: float) -> list[set[str]]:
    """Word types flagged in each sentence at word threshold ``t``."""
    return [{data.words[k][i] for i, p in ps if p >= t} for k, ps in enumerate(probs)]


def choose_word_threshold(data: BiasData, probs, grid=tuple(np.arange(0.2, 0.81, 0.05))):  # noqa: B008 - an immutable tuple
    reports = {round(float(t), 2): word_report(data, word_flags_at(data, probs, t)) for t in grid}
    best = max(reports, key=lambda t: reports[t]["f1"])
    return best, reports
