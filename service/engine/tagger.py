"""Part-of-speech tags (Penn XPOS and UPOS) for the engine's tokens: a greedy averaged perceptron.

Features follow Honnibal's tagger (words, suffixes and shapes at -2..+2, the two previous
tags); a tag dictionary fixes frequent unambiguous words. The engine's tokens are not UD's:
"don't" is one token here (tag ``VBP+RB``), "U.S." four ("U" "." "S" ".", each ``NNP``), so
the model is trained on UD text re-tokenised with :func:`service.engine.tokens.tokenize`
(``service.training.tagger``). Weights ship as gzip-compressed JSON: nothing is unpickled.

A word chooses only among the classes it may take (those seen with it in training, or the
open classes), and its score sums, for each of those, the weight vectors of its features.
The vectors of every feature of a word at one offset are looked up once and cached per
(offset, word) as a tuple of references, so no feature string is built per token and the
cache stays small.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from service.engine.artifacts import ArtifactError, Manifest
from service.engine.tokens import Token, shape

WEIGHTS_FILE = "tagger.json.gz"
START, START2, END, END2 = "-START-", "-START2-", "-END-", "-END2-"
OFFSETS = (-2, -1, 0, 1, 2)
_PAD = {-2: START2, -1: START, 1: END, 2: END2}


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The word form features see: lower case, curly apostrophe straightened, numbers
    collapsed ("1984" -> "!YEAR", "50" -> "!DIGITS")."""
    if text[:1].isdigit():
        if len(text) == 4 and text.isdigit():
            return "!YEAR"
        return "!DIGITS"
    return text.lower().replace("’", "'")


@lru_cache(maxsize=1 << 16)
def word_features(text: str, offset: int, ambiguity: str = "") -> tuple[str, ...]:
    """Features of the word ``text`` seen at ``offset`` from the token being tagged;
    ``ambiguity`` is its ambiguity class (:func:`ambiguity_classes`), used at 0, +1, +2."""
    if text in (START, START2, END, END2):
        return (f"w{offset} {text}",)
    w = normalise(text)
    amb = (f"a{offset} {ambiguity or '?'}",) if offset >= 0 else ()
    if offset == 0:
        return (
            "w0 " + w,
            "s0 " + w[-3:],
            "s20 " + w[-2:],
            "p0 " + w[:1],
            "sh0 " + shape(text)[:6],
        ) + amb
    if offset in (-1, 1):
        return (f"w{offset} {w}", f"s{offset} {w[-3:]}", f"sh{offset} {shape(text)[:6]}") + amb
    return (f"w{offset} {w}",) + amb


def ambiguity_classes(tagdict: dict[str, str], candidates: dict[str, list[str]]) -> dict[str, str]:
    """Each known word's ambiguity class: the Penn tags it may take ("NN|VB"), a lookahead
    the greedy tagger can use for words not tagged yet."""
    out = {w: "|".join(sorted({c.split("/", 1)[0] for c in cs})) for w, cs in candidates.items()}
    out.update((w, c.split("/", 1)[0]) for w, c in tagdict.items())
    return out


def glue_features(tokens: Sequence[Token], i: int, lo: int, hi: int) -> tuple[str, ...]:
    """Whether token ``i`` touches its neighbours (no space: "U" "." "S" ".", "50" "," "000")."""
    out = []
    if i > lo and tokens[i - 1].end == tokens[i].start:
        out.append("g-")
    if i + 1 < hi and tokens[i + 1].start == tokens[i].end:
        out.append("g+")
    return tuple(out)


def tag_features(p1: str, p2: str, word: str) -> tuple[str, ...]:
    """Features of the two previous tags (and the previous tag with this word)."""
    return ("t1 " + p1, "t2 " + p2, "t12 " + p1 + " " + p2, "t1w " + p1 + " " + normalise(word))


def features(
    tokens: Sequence[Token], i: int, lo: int, hi: int, p1: str, p2: str, ambiguity: dict[str, str]
) -> list[str]:
    """Every feature of token ``i`` of the sentence ``tokens[lo:hi]`` (training uses this;
    :class:`Tagger` computes the same sum faster)."""
    out = ["bias"]
    for k in OFFSETS:
        j = i + k
        text = tokens[j].text if lo <= j < hi else _PAD[k]
        out += word_features(text, k, ambiguity.get(text, ""))
    out += glue_features(tokens, i, lo, hi)
    out += tag_features(p1, p2, tokens[i].text)
    return out


def sentence_ranges(tokens: Sequence[Token], lo: int = 0, hi: int | None = None):
    """[start, end) index ranges of the runs of tokens sharing ``Token.sentence``."""
    hi = len(tokens) if hi is None else hi
    start = lo
    for i in range(lo + 1, hi + 1):
        if i == hi or tokens[i].sentence != tokens[i - 1].sentence:
            if i > start:
                yield start, i
            start = i


class Tagger:
    """Averaged-perceptron POS tagger. ``tag`` tags token lists; ``tag_window`` a few tokens."""

    CACHE_LIMIT = 1 << 16  # cached (offset, word) entries (tuples of references, ~150 bytes)

    def __init__(
        self,
        classes: list[str],
        weights: dict[str, dict[str, float]],
        tagdict: dict[str, str],
        candidates: dict[str, list[str]],
        open_classes: list[str],
        artifact_id: str = "unsaved",
    ):
        self.classes = list(classes)
        index = {c: k for k, c in enumerate(self.classes)}
        self.xpos = [c.split("/", 1)[0] for c in self.classes]
        self.upos = [c.split("/", 1)[-1] for c in self.classes]
        # feature -> {class index: weight}
        self.weights = {f: {index[c]: w for c, w in ws.items()} for f, ws in weights.items()}
        self.tagdict = {w: index[c] for w, c in tagdict.items()}
        # the classes a word may take: those seen with it in training, else the open classes
        self.candidates = {w: tuple(sorted(index[c] for c in cs)) for w, cs in candidates.items()}
        self.open_classes = tuple(sorted(index[c] for c in open_classes))
        self.ambiguity = ambiguity_classes(tagdict, candidates)
        self.artifact_id = artifact_id
        self._word_cache: dict[tuple[int, str], tuple[dict, ...]] = {}
        self._tag_cache: dict[tuple[int, int], tuple[dict, ...]] = {}
        self._t1w = self._index_t1w()
        self._glue_minus = tuple(self.weights[f] for f in ("g-",) if f in self.weights)
        self._glue_plus = tuple(self.weights[f] for f in ("g+",) if f in self.weights)
        self._bias = tuple(self.weights[f] for f in ("bias",) if f in self.weights)

    @classmethod
    def load(cls, folder: str | Path) -> Tagger:
        """Load ``tagger.json.gz`` (classes, weights, tag dictionary) beside its ``model.json``."""
        folder = Path(folder)
        manifest = Manifest.read(folder)
        path = folder / manifest.data.get("artifact", WEIGHTS_FILE)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
            return cls(
                data["classes"],
                data["weights"],
                data["tagdict"],
                data["candidates"],
                data["open_classes"],
                artifact_id=manifest.artifact_id,
            )
        except FileNotFoundError as exc:
            raise ArtifactError(f"missing model file: {path}") from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ArtifactError(f"cannot read {path}: {exc}") from exc

    def to_json(self) -> dict:
        """The artifact's content (what :meth:`load` reads)."""
        names = self.classes
        return {
            "classes": names,
            "weights": {f: {names[c]: w for c, w in ws.items()} for f, ws in self.weights.items()},
            "tagdict": {w: names[c] for w, c in self.tagdict.items()},
            "candidates": {w: [names[c] for c in cs] for w, cs in self.candidates.items()},
            "open_classes": [names[c] for c in self.open_classes],
        }

    def _index_t1w(self) -> dict[str, dict[str, dict]]:
        """The "previous tag + word" weights by word, then by previous tag."""
        out: dict[str, dict[str, dict]] = {}
        for f, ws in self.weights.items():
            if f.startswith("t1w "):
                _, p1, w = f.split(" ", 2)
                out.setdefault(w, {})[p1] = ws
        return out

    def _word_vector(self, offset: int, text: str) -> tuple[dict, ...]:
        """The weight vectors of every feature of ``text`` at ``offset`` (cached: a tuple
        of references, so the cache stays small)."""
        key = (offset, text)
        vec = self._word_cache.get(key)
        if vec is None:
            weights = self.weights
            vec = tuple(
                weights[f]
                for f in word_features(text, offset, self.ambiguity.get(text, ""))
                if f in weights
            )
            if len(self._word_cache) >= self.CACHE_LIMIT:
                self._word_cache.clear()
            self._word_cache[key] = vec
        return vec

    def _tag_vector(self, p1: int, p2: int) -> tuple[dict, ...]:
        """The weight vectors of the previous-two-tags features (cached)."""
        key = (p1, p2)
        vec = self._tag_cache.get(key)
        if vec is None:
            t1 = self.classes[p1] if p1 >= 0 else _PAD_TAGS[p1]
            t2 = self.classes[p2] if p2 >= 0 else _PAD_TAGS[p2]
            weights = self.weights
            vec = self._tag_cache[key] = tuple(
                weights[f] for f in ("t1 " + t1, "t2 " + t2, "t12 " + t1 + " " + t2) if f in weights
            )
        return vec

    def _tag_range(self, tokens: Sequence[Token], first: int, last: int) -> list[int]:
        """Class indices of tokens [first, last) of one sentence, tagged left to right from
        ``first`` (the tags before ``first`` count as the sentence start)."""
        n_tok, s = len(tokens), tokens[first].sentence
        texts: list = []  # str, and None where START / START2 go
        for j in range(first - 2, last + 2):
            if 0 <= j < n_tok and tokens[j].sentence == s:
                texts.append(tokens[j].text)
            elif j < first:
                texts.append(None)  # filled below: START / START2
            else:
                texts.append(END if texts[-1] not in (END, END2) else END2)
        if texts[1] is None:
            texts[0], texts[1] = START2, START
        elif texts[0] is None:
            texts[0] = START
        out = []
        p1, p2 = -1, -2
        tagdict, word_vector, tag_vector = self.tagdict, self._word_vector, self._tag_vector
        t1w, classes, bias = self._t1w, self.classes, self._bias
        glue_minus, glue_plus = self._glue_minus, self._glue_plus
        candidates, open_classes = self.candidates, self.open_classes
        for x in range(2, last - first + 2):
            text = texts[x]
            c = tagdict.get(text)
            if c is None:
                i = first + x - 2
                by_prev = t1w.get(normalise(text))
                vw = by_prev.get(classes[p1] if p1 >= 0 else START) if by_prev else None
                feats = (
                    word_vector(0, text)
                    + word_vector(-1, texts[x - 1])
                    + word_vector(1, texts[x + 1])
                    + word_vector(-2, texts[x - 2])
                    + word_vector(2, texts[x + 2])
                    + tag_vector(p1, p2)
                    + bias
                )
                if vw is not None:
                    feats += (vw,)
                if texts[x - 1] not in _PADS and tokens[i - 1].end == tokens[i].start:
                    feats += glue_minus
                if texts[x + 1] not in _PADS and tokens[i + 1].start == tokens[i].end:
                    feats += glue_plus
                best = None
                for k in candidates.get(text, open_classes):
                    score = 0.0
                    for vec in feats:
                        score += vec.get(k, 0.0)
                    if best is None or score > best:
                        best, c = score, k
            assert c is not None  # every word has candidate tags
            out.append(c)
            p1, p2 = c, p1
        return out

    def tag_indices(self, tokens: Sequence[Token]) -> list[int]:
        """Class indices of every token (sentences are runs of equal ``Token.sentence``)."""
        out: list[int] = []
        for lo, hi in sentence_ranges(tokens):
            out += self._tag_range(tokens, lo, hi)
        return out

    def tag(self, tokens: Sequence[Token], upos: bool = False) -> list[str]:
        """Penn tags (or UPOS with ``upos=True``) of every token, one per token."""
        names = self.upos if upos else self.xpos
        return [names[c] for c in self.tag_indices(tokens)]

    def tag_window(
        self, tokens: Sequence[Token], i: int, radius: int = 2, upos: bool = False
    ) -> list[str | None]:
        """Tags of tokens ``i - radius .. i + radius``: a list of ``2 * radius + 1`` with
        token ``i``'s tag at index ``radius``, ``None`` where the window leaves token
        ``i``'s sentence ("He found her tracks": ``found`` at ``radius``, ``her tracks``
        after it).

        Tagging starts two tokens further left (when the sentence has them), so the
        previous-tag features have some context: about ``2 * radius + 3`` tokens are tagged
        instead of the whole sentence."""
        s = tokens[i].sentence
        first = i
        while first > 0 and tokens[first - 1].sentence == s and i - first < radius + 2:
            first -= 1
        last = i + 1
        while last < len(tokens) and tokens[last].sentence == s and last - i <= radius:
            last += 1
        names = self.upos if upos else self.xpos
        classes = self._tag_range(tokens, first, last)
        lo = max(first, i - radius)
        return (
            [None] * (lo - (i - radius))
            + [names[c] for c in classes[lo - first :]]
            + [None] * (i + radius + 1 - last)
        )

    def allowed(self, text: str) -> tuple[int, ...]:
        """Class indices the word ``text`` may take."""
        return self.candidates.get(text, self.open_classes)

    def scores(
        self, tokens: Sequence[Token], i: int, lo: int, hi: int, p1: str, p2: str
    ) -> dict[int, float]:
        """Scores of token ``i``'s allowed classes by plain feature lookup (the reference
        the fast path must equal)."""
        out = dict.fromkeys(self.allowed(tokens[i].text), 0.0)
        for f in features(tokens, i, lo, hi, p1, p2, self.ambiguity):
            for c, w in self.weights.get(f, _EMPTY).items():
                if c in out:
                    out[c] += w
        return out


_PAD_TAGS = {-1: START, -2: START2}
_EMPTY: dict = {}
_PADS = frozenset((START, START2, END, END2))
