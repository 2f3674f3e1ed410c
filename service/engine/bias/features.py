"""Sentence features for the bias model, shared by training (notebooks) and serving (engine).

A sentence becomes a sparse dict of features for ``FeatureHasher``: its words and word bigrams,
which lexicons its words belong to (hedges, factives, assertives, implicatives, report verbs,
entailments, subjectives, positive/negative, NPOV, the BABE bias-word lexicon) and how many, the
word-level bias rates learnt from BABE's ``biased_words``, log-count ratios of words in biased
over non-biased sentences (the naive-Bayes features of NB-SVM, summarised), and style marks
(intensifiers, superlatives, scare quotes, exclamation marks, capitals, first person,
attribution).

Word and bigram features are scaled down (:data:`WORD_WEIGHT`): under one L2 penalty that
regularises them harder than the compact lexicon features, which is what generalises to an
outlet the model has not seen (measured with outlets held out, see the bias model card).

The lexicons arrive as a parameter: the JSON dict the bias notebook writes to
``models/bias/lexicons.json`` (``{"lexicons": {name: [entries]}, "learnt": {word: rate},
"nb": {word: log ratio}}``), prepared once with :func:`prepare_lexicons` (pass the prepared
object, not the dict, in a loop). Verb lexicons (Hooper, Karttunen, report verbs, Berant) list
lemmas; they are expanded to their inflections here so "claimed" matches "claim".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from service.engine.tokens import BIAS_FEATURE_WORD
from service.engine.wordlists import words

# words with inner hyphens and apostrophes ("left-wing", "don't"), offsets into the sentence
# a short stretch in quotation marks: "scare quotes" around one to three words
SCARE_QUOTE = re.compile(r"[\"“‘']([^\"“”‘’'\s][^\"“”‘’]{0,38}?)[\"”’'](?!\w)")
QUOTE_MARK = re.compile(r"[\"“”]")

# Verb lexicons list lemmas; the others list word forms as they appear.
VERB_LEXICONS = frozenset(
    {"factives", "assertives", "implicatives", "report_verbs", "entailing", "entailed"}
)

INTENSIFIERS = frozenset(
    """
very extremely really so totally utterly absolutely completely incredibly truly deeply highly
hugely outright downright blatantly clearly obviously simply literally entirely wholly fully
especially particularly remarkably exceedingly enormously terribly awfully insanely ridiculously
massively seriously surely certainly undoubtedly definitely indeed even just only too quite
""".split()
)
FIRST_PERSON = words("first_second_person", person="1")
SECOND_PERSON = words("first_second_person", person="2")
# a pinned subset of the reporting words (wordlists/reporting.tsv, use "bias_model")
ATTRIBUTION = words("reporting", uses="bias_model")
NEGATIONS = frozenset("not no never nothing nobody none neither nor n't".split())
_NOT_SUPERLATIVE = frozenset(
    """
interest protest request arrest honest forest west test contest suggest invest digest modest
manifest harvest chest guest nest rest pest quest vest zest conquest earnest priest behest
unrest inquest midwest southwest northwest attest detest infest ingest congest molest
""".split()
)


def _inflections(lemma: str) -> set[str]:
    """Regular English verb forms of a lemma: 3rd person, past, participle, gerund."""
    out = {lemma}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if (
            len(lemma) >= 3
            and lemma[-1] in "bdgklmnprt"
            and lemma[-2] in "aeiou"
            and lemma[-3] not in "aeiou"
        ):
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


# irregular past forms of verbs that occur in the verb lexicons
_IRREGULAR = {
    "know": ("knew", "known"),
    "forget": ("forgot", "forgotten"),
    "find": ("found",),
    "learn": ("learnt",),
    "see": ("saw", "seen"),
    "think": ("thought",),
    "get": ("got", "gotten"),
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "make": ("made",),
    "keep": ("kept",),
    "choose": ("chose", "chosen"),
    "feel": ("felt",),
    "mean": ("meant",),
    "hear": ("heard",),
    "hold": ("held",),
    "teach": ("taught",),
    "swear": ("swore", "sworn"),
    "foresee": ("foresaw", "foreseen"),
    "understand": ("understood",),
    "bid": ("bid",),
    "forbid": ("forbade", "forbidden"),
    "forecast": ("forecast",),
    "give": ("gave", "given"),
    "take": ("took", "taken"),
    "come": ("came",),
    "begin": ("began", "begun"),
    "speak": ("spoke", "spoken"),
    "fight": ("fought",),
    "win": ("won",),
    "lose": ("lost",),
    "buy": ("bought",),
    "bring": ("brought",),
    "seek": ("sought",),
    "catch": ("caught",),
    "show": ("shown",),
    "prove": ("proven",),
    "lie": ("lied", "lying"),
    "die": ("died", "dying"),
}


@dataclass
class BiasLexicons:
    """Lexicons prepared for fast look-up: word -> lexicon names; phrase heads -> phrases."""

    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    learnt: dict[str, float] = field(default_factory=dict)
    nb: dict[str, float] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    seen: dict[str, int] = field(default_factory=dict)  # sentences holding each learnt word


def prepare_lexicons(data: Mapping | BiasLexicons | None) -> BiasLexicons:
    """Turn the lexicons.json dict into a :class:`BiasLexicons` (idempotent)."""
    if isinstance(data, BiasLexicons):
        return data
    data = data or {}
    lexicons: Mapping[str, list[str]] = data.get("lexicons", {})
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, entries in lexicons.items():
        verb = name in VERB_LEXICONS
        for entry in entries:
            parts = entry.lower().replace("’", "'").split()
            if not parts:
                continue
            if len(parts) == 1:
                forms = (
                    _inflections(parts[0]) | set(_IRREGULAR.get(parts[0], ()))
                    if verb
                    else {parts[0]}
                )
                for f in forms:
                    words.setdefault(f, set()).add(name)
            else:
                heads = (
                    (_inflections(parts[0]) | set(_IRREGULAR.get(parts[0], ())))
                    if verb
                    else {parts[0]}
                )
                for h in heads:
                    phrases.setdefault(h, []).append((tuple(parts[1:]), name))
    learnt = {str(k): float(v) for k, v in data.get("learnt", {}).items()}
    nb = {str(k): float(v) for k, v in data.get("nb", {}).items()}
    seen = {str(k): int(v) for k, v in data.get("seen", {}).items()}
    return BiasLexicons(
        words={w: tuple(sorted(n)) for w, n in words.items()},
        phrases=phrases,
        learnt=learnt,
        nb=nb,
        names=tuple(sorted(lexicons)),
        seen=seen,
    )


def tokenize(sentence: str) -> list[tuple[int, int, str]]:
    """Words of ``sentence`` as (start, end, lower-case form with ’ -> ')."""
    return [
        (m.start(), m.end(), m.group().lower().replace("’", "'"))
        for m in BIAS_FEATURE_WORD.finditer(sentence)
    ]


def word_lexicons(words: list[str], i: int, lex: BiasLexicons) -> tuple[str, ...]:
    """Names of the lexicons word ``i`` belongs to, alone or as the head of a listed phrase."""
    w = words[i]
    names = lex.words.get(w, ())
    for rest, name in lex.phrases.get(w, ()):
        if tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
            names = names + (name,)
    return names


def is_superlative(w: str) -> bool:
    return len(w) > 5 and w.endswith("est") and w not in _NOT_SUPERLATIVE


def _bucket(x: float) -> str:
    return "0" if x <= 0 else "1" if x < 0.1 else "2" if x < 0.25 else "3" if x < 0.5 else "4"


def _len_bucket(n: int) -> str:
    for limit in (8, 15, 25, 40, 60):
        if n <= limit:
            return str(limit)
    return "long"


WORD_WEIGHT = 0.2  # value of word, bigram and first-word features (the others are 0..1)
WORD_PREFIXES = ("w=", "b=", "first=")


def bias_features(sentence: str, lexicons: BiasLexicons | Mapping) -> dict[str, float]:
    """Sparse features of one sentence (see the module docstring)."""
    lex = prepare_lexicons(lexicons)
    toks = tokenize(sentence)
    words = [t[2] for t in toks]
    n = len(words)
    f: dict[str, float] = {"bias": 1.0}
    ww = WORD_WEIGHT
    for w in words:
        f["w=" + w] = ww
    for a, b in zip(words, words[1:]):
        f["b=" + a + "_" + b] = ww
    if words:
        f["first=" + words[0]] = ww
    f["len=" + _len_bucket(n)] = 1.0

    # lexicon membership: counts per lexicon, and which word in which lexicon
    counts: dict[str, int] = {}
    for i, w in enumerate(words):
        if w not in lex.words and w not in lex.phrases:
            continue  # in no lexicon (most words): skip the look-up
        for name in word_lexicons(words, i, lex):
            counts[name] = counts.get(name, 0) + 1
    for name, c in counts.items():
        f["L=" + name] = 1.0
        f["Ln=" + name] = min(c, 4) / 4
        if c >= 2:
            f["L2=" + name] = 1.0
    f["Lkinds"] = min(len(counts), 6) / 6

    # learnt word-level bias rates (share of a word's uses that experts marked as biased)
    learnt = lex.learnt
    if learnt:
        rates = sorted((learnt.get(w, 0.0) for w in words), reverse=True)
        top = rates[0] if rates else 0.0
        f["R=max" + _bucket(top)] = 1.0
        f["Rmax"] = top
        f["Rsum"] = min(sum(rates[:3]), 1.5) / 1.5
        f["Rn>=.25"] = min(sum(r >= 0.25 for r in rates), 3) / 3

    # log-count ratios of words in biased vs non-biased sentences, summarised
    nb = lex.nb
    if nb and words:
        r = sorted((nb.get(w, 0.0) for w in words), reverse=True)
        f["N=max"] = max(min(r[0], 3.0), 0.0) / 3
        f["N=min"] = max(min(-r[-1], 3.0), 0.0) / 3
        f["N=mean"] = max(min(sum(r) / len(r), 1.0), -1.0)
        f["N=top3"] = max(min(sum(r[:3]) / 3, 3.0), 0.0) / 3
        f["N=pos>1"] = min(sum(x > 1 for x in r), 4) / 4

    # style
    intens = sum(1 for w in words if w in INTENSIFIERS)
    if intens:
        f["intens"] = min(intens, 3) / 3
    sup = sum(1 for w in words if w.endswith("est") and is_superlative(w)) + sum(
        words[:-1].count(w) for w in ("most", "least")
    )  # not as the last word
    if sup:
        f["superl"] = 1.0
    if "!" in sentence:
        f["excl"] = 1.0
    if "?" in sentence:
        f["quest"] = 1.0
    scare = sum(1 for m in SCARE_QUOTE.finditer(sentence) if len(m.group(1).split()) <= 3)
    if scare:
        f["scare"] = 1.0
    qmarks = len(QUOTE_MARK.findall(sentence))
    if qmarks:
        f["quotes"] = min(qmarks, 4) / 4
    caps = sum(1 for s, e, _ in toks if e - s > 1 and sentence[s:e].isupper())
    if caps:
        f["caps"] = min(caps, 3) / 3
    if not FIRST_PERSON.isdisjoint(words):
        f["pron1"] = 1.0
    if not SECOND_PERSON.isdisjoint(words):
        f["pron2"] = 1.0
    if not ATTRIBUTION.isdisjoint(words):
        f["attrib"] = 1.0
    if not NEGATIONS.isdisjoint(words) or any(w.endswith("n't") for w in words):
        f["neg"] = 1.0
    digits = sum(1 for w in words if w[0].isdigit())
    if digits:
        f["digits"] = min(digits, 3) / 3
    return f


# -- word level: is this word loaded here? ---------------------------------------------------

# word lists whose members may be loaded; a word in none of them, never marked by BABE's
# experts and not leaning biased (NB ratio) is no candidate and is not scored at all
CANDIDATE_LEXICONS = frozenset(
    {"babe_bias", "strong_subjective", "weak_subjective", "negative", "positive", "npov"}
)
CANDIDATE_NB = 0.7
CANDIDATE_RATE = 0.1  # "the" was marked once in 250 uses: no candidate


def is_candidate(word: str, lex: BiasLexicons, names: tuple[str, ...] = ()) -> bool:
    """A word the word model scores (see :data:`CANDIDATE_LEXICONS`)."""
    if len(word) < 3 or word[0].isdigit():
        return False
    return (
        lex.learnt.get(word, 0.0) >= CANDIDATE_RATE
        or lex.nb.get(word, 0.0) >= CANDIDATE_NB
        or not CANDIDATE_LEXICONS.isdisjoint(names)
    )


def _seen_bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n <= 3 else "4" if n <= 9 else "10"


def word_features(
    sentence: str,
    toks: list[tuple[int, int, str]],
    i: int,
    names: tuple[str, ...],
    lex: BiasLexicons,
    score: float,
) -> dict[str, float]:
    """Features of word ``i`` of a sentence for the word model: the word, its neighbours, its
    word lists, BABE's marking rate and how often it was seen, its NB ratio, its shape, and
    the sentence's bias score (the same word is loaded more often in a loaded sentence)."""
    s, e, w = toks[i]
    f: dict[str, float] = {"bias": 1.0, "w=" + w: 0.5}
    prev = toks[i - 1][2] if i else "<s>"
    nxt = toks[i + 1][2] if i + 1 < len(toks) else "</s>"
    f["p=" + prev] = 0.3
    f["n=" + nxt] = 0.3
    f["suf=" + w[-3:]] = 0.3
    for n in names:
        f["L=" + n] = 1.0
    if "strong_subjective" in names and "negative" in names:
        f["L=subjneg"] = 1.0
    rate = lex.learnt.get(w, 0.0)
    seen = lex.seen.get(w, 0)
    f["R=" + _bucket(rate) + "/" + _seen_bucket(seen)] = 1.0
    f["Rv"] = rate
    nb = lex.nb.get(w)
    if nb is None:
        f["N=none"] = 1.0
    else:
        f["Nv"] = max(min(nb, 3.0), -3.0) / 3
    first = sentence[s:e]
    if i and first[:1].isupper():
        f["cap"] = 1.0  # a name or a title ("Vice President") inside the sentence
    if "-" in w:
        f["hyph"] = 1.0
    if w.endswith("ly"):
        f["adv"] = 1.0
    f["S=" + str(min(int(score * 5), 4))] = 1.0
    f["Sv"] = float(score)
    return f
