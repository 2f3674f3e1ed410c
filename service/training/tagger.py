"""Train and measure the POS tagger (service.engine.tagger) on UD English EWT and GUM.

UD sentences are rebuilt as text (``SpaceAfter=No``, multi-word tokens from their surface
form) and re-tokenised with the engine's :func:`~service.engine.tokens.tokenize`, so the
tagger learns the tokens it will see. An engine token gets the tags of the UD words it
overlaps, joined with "+" ("don't": ``VBP+RB``, UPOS ``AUX+PART``); the pieces of a UD
word the engine splits each get the word's tag ("U.S." -> four ``NNP``). A class is
``XPOS/UPOS``.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.engine.tagger import WEIGHTS_FILE, Tagger, ambiguity_classes, features
from service.engine.tokens import Token, tokenize
from service.training.gum import read_splits


@dataclass
class TaggedSentence:
    """One sentence as the engine tokenises it, with its gold classes (``XPOS/UPOS``)."""

    doc: str
    tokens: list[Token]
    tags: list[str]
    one_to_one: list[bool]  # the engine token is exactly one UD word


def _words_with_offsets(lines: list[str]) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The sentence's text and each UD word's (start, end, XPOS, UPOS)."""
    text, words, mwt_end = "", [], 0
    mwt: dict[str, Any] | None = None
    for line in lines:
        cols = line.split("\t")
        if len(cols) != 10 or "." in cols[0]:
            continue  # empty nodes (8.1) carry no text
        space = "" if "SpaceAfter=No" in cols[9] else " "
        if "-" in cols[0]:
            a, b = (int(x) for x in cols[0].split("-"))
            mwt = {"start": len(text), "form": cols[1], "end_id": b, "parts": []}
            text += cols[1] + space
            mwt_end = b
            continue
        wid = int(cols[0])
        if mwt is not None and wid <= mwt_end:
            mwt["parts"].append((cols[1], cols[4], cols[3]))
            if wid == mwt_end:
                words += _split_mwt(mwt)
                mwt = None
            continue
        words.append((len(text), len(text) + len(cols[1]), cols[4], cols[3]))
        text += cols[1] + space
    return text.rstrip(" "), words


def _split_mwt(mwt: dict) -> list[tuple[int, int, str, str]]:
    """Offsets of a multi-word token's words: their own when the forms spell the surface
    ("did" + "n't"), else the whole surface for each."""
    start, form, parts = mwt["start"], mwt["form"], mwt["parts"]
    if "".join(p[0] for p in parts).lower() == form.lower():
        out, pos = [], start
        for f, x, u in parts:
            out.append((pos, pos + len(f), x, u))
            pos += len(f)
        return out
    return [(start, start + len(form), x, u) for _, x, u in parts]


def _retokenise(doc: str, lines: list[str], index: int) -> TaggedSentence | None:
    text, words = _words_with_offsets(lines)
    tokens = tokenize(text, 0, len(text), index)
    if not tokens:
        return None
    tags, exact = [], []
    for t in tokens:
        hit = [w for w in words if w[0] < t.end and t.start < w[1]]
        if not hit:  # cannot happen for UD text; keep the sentence aligned anyway
            hit = [(t.start, t.end, "NFP", "X")]
        tags.append("+".join(w[2] for w in hit) + "/" + "+".join(w[3] for w in hit))
        exact.append(len(hit) == 1 and hit[0][0] == t.start and hit[0][1] == t.end)
    return TaggedSentence(doc, tokens, tags, exact)


def read_conllu(path: Path, doc: str | None = None) -> list[TaggedSentence]:
    """Every sentence of a CoNLL-U file, re-tokenised for the engine."""
    out: list[TaggedSentence] = []
    lines: list[str] = []
    doc = doc or Path(path).stem
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# newdoc id"):
            doc = line.split("=", 1)[1].strip()
        if not line.strip():
            if lines:
                sent = _retokenise(doc, lines, len(out))
                if sent is not None:
                    out.append(sent)
            lines = []
        elif not line.startswith("#"):
            lines.append(line)
    return out


def read_gum(data: Path, split: str, limit: int | None = None) -> list[TaggedSentence]:
    """Sentences of the GUM documents of ``split`` present in ``gum/dep`` (first ``limit``)."""
    names = [
        n
        for n, s in read_splits(Path(data) / "gum").items()
        if s == split and (Path(data) / "gum" / "dep" / f"{n}.conllu").exists()
    ]
    out = []
    for name in names[:limit]:
        out += read_conllu(Path(data) / "gum" / "dep" / f"{name}.conllu", doc=name)
    return out


def read_ewt(
    data: Path, parts: tuple[str, ...] = ("dev", "test"), limit: int | None = None
) -> list[TaggedSentence]:
    """Sentences of UD English EWT's ``parts`` (first ``limit`` sentences of each)."""
    out = []
    for part in parts:
        out += read_conllu(Path(data) / "ud" / "ewt" / f"en_ewt-ud-{part}.conllu")[:limit]
    return out


def build_tagdict(
    sentences: list[TaggedSentence], min_count: int = 20, min_share: float = 0.97
) -> dict[str, str]:
    """Words seen at least ``min_count`` times with one class at least ``min_share`` of them."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        for t, tag in zip(s.tokens, s.tags):
            counts[t.text][tag] += 1
    out = {}
    for word, c in counts.items():
        tag, top = c.most_common(1)[0]
        n = sum(c.values())
        if n >= min_count and top / n >= min_share:
            out[word] = tag
    return out


def build_candidates(
    sentences: list[TaggedSentence],
    min_count: int = 5,
    open_min: int = 3,
    sure_count: int = 20,
    partner_min: int = 10,
) -> tuple[dict[str, list[str]], list[str]]:
    """The classes each word seen ``min_count`` times may take, and the open classes every
    other word may take (seen ``open_min`` times on such rarer words).

    A word seen ``sure_count`` times takes the classes it had; one seen less often also
    takes their usual partners (classes that share at least ``partner_min`` words with
    them: VBD and VBN, VBN and JJ, NNS and VBZ...), since a handful of sightings of
    "evacuated" as VBD says little about its VBN."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        for t, tag in zip(s.tokens, s.tags):
            counts[t.text][tag] += 1
    pairs: Counter = Counter()
    for c in counts.values():
        tags = sorted(c)
        pairs.update((a, b) for k, a in enumerate(tags) for b in tags[k + 1 :])
    partners: dict[str, set] = defaultdict(set)
    for (a, b), n in pairs.items():
        if n >= partner_min:
            partners[a].add(b)
            partners[b].add(a)
    frequent: dict[str, list[str]] = {}
    rare: Counter[str] = Counter()
    for word, c in counts.items():
        n = sum(c.values())
        if n >= sure_count:
            frequent[word] = sorted(c)
        elif n >= min_count:
            frequent[word] = sorted(set(c).union(*(partners[t] for t in c)))
        else:
            rare.update(c)
    return frequent, sorted(tag for tag, n in rare.items() if n >= open_min)


class _Perceptron:
    """Averaged perceptron weights being learnt (lazy averaging, Collins 2002)."""

    def __init__(self):
        self.weights: dict[str, dict[str, float]] = {}
        self._totals: dict[tuple[str, str], float] = defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: list[str], classes: list[str]) -> str:
        scores = dict.fromkeys(classes, 0.0)
        for f in feats:
            for c, w in self.weights.get(f, {}).items():
                if c in scores:
                    scores[c] += w
        return max(classes, key=scores.__getitem__)  # first best, as the engine picks

    def update(self, truth: str, guess: str, feats: list[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            ws = self.weights.setdefault(f, {})
            for c, v in ((truth, 1.0), (guess, -1.0)):
                key = (f, c)
                w = ws.get(c, 0.0)
                self._totals[key] += (self.i - self._stamps[key]) * w
                self._stamps[key] = self.i
                ws[c] = w + v

    def averaged(self, digits: int = 3) -> dict[str, dict[str, float]]:
        out = {}
        for f, ws in self.weights.items():
            avg = {}
            for c, w in ws.items():
                key = (f, c)
                total = self._totals[key] + (self.i - self._stamps[key]) * w
                value = round(total / max(self.i, 1), digits)
                if value:
                    avg[c] = value
            if avg:
                out[f] = avg
        return out


def train_epochs(
    sentences: list[TaggedSentence],
    iterations: int = 5,
    seed: int = 0,
    tagdict_count: int = 20,
    tagdict_share: float = 0.97,
    candidate_count: int = 3,
    open_min: int = 10,
    partner_min: int = 30,
):
    """Fit the greedy tagger, yielding ``(epoch, Tagger)`` with the weights averaged so far
    after each pass. Training sees its own previous predictions; each word chooses among
    its candidate classes (:func:`build_candidates`); sentences are shuffled between passes."""
    tagdict = build_tagdict(sentences, tagdict_count, tagdict_share)
    candidates, open_classes = build_candidates(
        sentences, candidate_count, open_min, partner_min=partner_min
    )
    ambiguity = ambiguity_classes(tagdict, candidates)
    classes = sorted({t for s in sentences for t in s.tags})
    model = _Perceptron()
    order = list(sentences)
    rng = random.Random(seed)
    for epoch in range(1, iterations + 1):
        for s in order:
            toks, n = s.tokens, len(s.tokens)
            p1, p2 = "-START-", "-START2-"
            for i in range(n):
                guess = tagdict.get(toks[i].text)
                if guess is None:
                    feats = features(toks, i, 0, n, p1, p2, ambiguity)
                    guess = model.predict(feats, candidates.get(toks[i].text, open_classes))
                    model.update(s.tags[i], guess, feats)
                p1, p2 = guess, p1
        rng.shuffle(order)
        yield epoch, Tagger(classes, model.averaged(), tagdict, candidates, open_classes)


def train_tagger(sentences: list[TaggedSentence], iterations: int = 5, **settings) -> Tagger:
    """The tagger after ``iterations`` passes (see :func:`train_epochs`)."""
    tagger = None
    for _, tagger in train_epochs(sentences, iterations, **settings):  # noqa: B007 - the last
        pass
    assert tagger is not None, "no training pass (iterations < 1)"
    return tagger


def accuracy(tagger: Tagger, sentences: list[TaggedSentence]) -> dict:
    """XPOS and UPOS token accuracy over engine tokens, and over the tokens that are
    exactly one UD word (comparable with published UD figures)."""
    n = xpos = upos = n1 = xpos1 = 0
    for s in sentences:
        pred = tagger.tag_indices(s.tokens)
        for k, gold, exact in zip(pred, s.tags, s.one_to_one):
            gx, gu = gold.split("/", 1)
            ok_x, ok_u = tagger.xpos[k] == gx, tagger.upos[k] == gu
            n += 1
            xpos += ok_x
            upos += ok_u
            if exact:
                n1 += 1
                xpos1 += ok_x
    return {
        "tokens": n,
        "xpos": round(xpos / max(n, 1), 4),
        "upos": round(upos / max(n, 1), 4),
        "one_to_one_tokens": n1,
        "xpos_one_to_one": round(xpos1 / max(n1, 1), 4),
    }


def per_tag(
    tagger: Tagger,
    sentences: list[TaggedSentence],
    tags: tuple[str, ...] = (
        "VBD",
        "VBN",
        "VBZ",
        "VBP",
        "VBG",
        "VB",
        "JJ",
        "NN",
        "NNS",
        "NNP",
        "IN",
        "RB",
    ),
) -> dict[str, dict]:
    """Precision, recall and F1 of some Penn tags (the verb forms the cue checks rely on),
    and for each the wrong tag most often given in its place."""
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    right: Counter[str] = Counter()
    missed: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        for k, gold in zip(tagger.tag_indices(s.tokens), s.tags):
            g, p = gold.split("/", 1)[0], tagger.xpos[k]
            gold_n[g] += 1
            pred_n[p] += 1
            if g == p:
                right[g] += 1
            else:
                missed[g][p] += 1
    out = {}
    for t in tags:
        prec = right[t] / pred_n[t] if pred_n[t] else 0.0
        rec = right[t] / gold_n[t] if gold_n[t] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        top = missed[t].most_common(1)
        out[t] = {
            "gold": gold_n[t],
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "most_often_instead": top[0][0] if top else None,
        }
    return out


def window_accuracy(
    tagger: Tagger, sentences: list[TaggedSentence], radius: int = 2, every: int = 3
) -> dict:
    """``tag_window`` at every ``every``-th token: accuracy of the centre token's tag, and
    how often each tag of the window equals whole-sentence tagging."""
    n = right = tags = same = 0
    for s in sentences:
        full = tagger.tag(s.tokens)
        for i in range(0, len(s.tokens), every):
            window = tagger.tag_window(s.tokens, i, radius)
            n += 1
            right += window[radius] == s.tags[i].split("/", 1)[0]
            for k, tag in enumerate(window, i - radius):
                if tag is not None:
                    tags += 1
                    same += tag == full[k]
    return {
        "positions": n,
        "xpos": round(right / max(n, 1), 4),
        "agrees_with_sentence": round(same / max(tags, 1), 4),
    }


def speed(tagger: Tagger, sentences: list[TaggedSentence], repeat: int = 3) -> dict:
    """Tokens per CPU-second of ``tag`` over whole sentences, with the per-word cache cold
    (cleared first: every word new) and warm (a second pass: a long-running service), and
    ``tag_window`` (radius 2) calls per CPU-second at every tenth token; best of ``repeat``."""
    doc = [
        Token(t.start, t.end, t.text, t.lower, k) for k, s in enumerate(sentences) for t in s.tokens
    ]
    cold = warm = window = float("inf")
    positions = range(0, len(doc), 10)
    for _ in range(repeat):
        tagger._word_cache.clear()
        t0 = time.process_time()
        tagger.tag(doc)
        t1 = time.process_time()
        tagger.tag(doc)
        t2 = time.process_time()
        for i in positions:
            tagger.tag_window(doc, i, 2)
        t3 = time.process_time()
        cold, warm, window = min(cold, t1 - t0), min(warm, t2 - t1), min(window, t3 - t2)
    return {
        "tokens": len(doc),
        "tag_tokens_per_second": round(len(doc) / cold),
        "tag_tokens_per_second_warm": round(len(doc) / warm),
        "tag_window_calls_per_second": round(len(positions) / window),
    }


def save_tagger(tagger: Tagger, folder: Path) -> Path:
    """Write the weights as gzip-compressed JSON (``tagger.json.gz``); mtime fixed so the
    bytes, and the artifact id, depend on the weights alone."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / WEIGHTS_FILE
    raw = json.dumps(
        tagger.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)
    return path


__all__ = [
    "TaggedSentence",
    "read_conllu",
    "read_gum",
    "read_ewt",
    "build_candidates",
    "build_tagdict",
    "train_epochs",
    "train_tagger",
    "accuracy",
    "per_tag",
    "window_accuracy",
    "speed",
    "save_tagger",
]
