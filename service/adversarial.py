"""Adversarial texts: the inputs inside every documented limit that cost the engine most.

Each *family* packs one thing the engine pairs with another (quotes with cues, flags with
source spans, names with pronouns) as densely as the limits allow::

    text("quote_runs")                 # 100,000 characters of '"x""y"it is said ...'
    text("names", chars=5_000, seed=3) # a shorter one, other picks
    batch("cues")                      # three such texts: a batch at the batch-character limit
    units("hedges")                    # the building blocks, for hypothesis strategies

Texts are made of whole units, never longer than ``chars``, and stay inside the sentence
limit (at least :data:`MIN_SENTENCE_CHARS` characters between sentence ends). The words
come from the engine's own lists (loaded verbs, hedge patterns' examples, the bias model's
word list) and the benchmark's names, so the texts follow the engine when those change.
Used by ``reportedly worst-case`` (:mod:`service.worst_case`) and tests/web/test_adversarial.py.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from functools import lru_cache

from service.bench import _FIRST, _LAST, _ORG, _ROLE, _TITLE

DEFAULT_CHARS = 100_000  # the default REPORTEDLY_MAX_TEXT_CHARS
DEFAULT_BATCH_CHARS = 300_000  # the default REPORTEDLY_MAX_BATCH_CHARS
MIN_SENTENCE_CHARS = 55  # 100,000 / 55 < 2,000 sentences (REPORTEDLY_MAX_SENTENCES)


@lru_cache(maxsize=1)
def loaded_verb_forms() -> tuple[str, ...]:
    """Past-tense forms of the engine's loaded attribution verbs ("claimed", "admitted")."""
    from service.engine.bias import loaded_verbs

    forms = [
        f
        for entry in loaded_verbs.table()
        for f in entry["forms"]
        if f.endswith("ed") and " " not in f
    ]
    return tuple(dict.fromkeys(forms)) or ("claimed",)


@lru_cache(maxsize=1)
def hedge_examples() -> tuple[str, ...]:
    """The example sentences of the engine's hedge and weasel patterns."""
    from service.engine.bias import hedges

    return tuple(e for p in hedges.patterns() for e in p["examples"]) or ("He reportedly left.",)


@lru_cache(maxsize=1)
def loaded_words(n: int = 60) -> tuple[str, ...]:
    """The ``n`` words the shipped bias model weighs most towards "biased"."""
    from service.engine.artifacts import default_models_dir

    try:
        data = json.loads((default_models_dir() / "bias" / "lexicons.json").read_text())
        learnt = data.get("learnt", {})
    except (OSError, ValueError):
        learnt = {}
    words = [w for w, _ in sorted(learnt.items(), key=lambda kv: -kv[1]) if w.isalpha()]
    return tuple(words[:n]) or ("radical", "disastrous", "shameful")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


# Each family: a unit maker rng -> str. Units end with a space; the ones holding a sentence
# end are at least MIN_SENTENCE_CHARS long.
def _quote_runs(rng: random.Random) -> str:
    return '"x""y"it is said '


def _quotes(rng: random.Random) -> str:
    q = rng.choice(['"a" "b" ', "“c” “d” ", "'e' 'f' ", '"g, ‘h’ i" ', "« j » "])
    return q


def _cues(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.choice(_LAST)} said ",
            "according to officials ",
            f"{rng.choice(_LAST)} told reporters ",
            "sources said ",
            f"{rng.choice(_LAST)} wrote ",
            "it is said that ",
        ]
    )


def _hedges(rng: random.Random) -> str:
    words = rng.choice(
        [
            "reportedly ",
            "allegedly ",
            "it is believed that ",
            "some say ",
            "critics argue ",
            "experts believe ",
            "is said to ",
            "supposedly ",
            "many people think ",
        ]
    )
    return words


def _hedge_sentences(rng: random.Random) -> str:
    unit = ""
    while len(unit) < MIN_SENTENCE_CHARS:
        unit += rng.choice(hedge_examples()).rstrip(".!?") + " and "
    return unit[:-5] + ". "


def _loaded(rng: random.Random) -> str:
    return (
        f"{rng.choice(_LAST)} {rng.choice(loaded_verb_forms())} the {rng.choice(loaded_words())} "
    )


def _names(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{_name(rng)}, ",
            f"{rng.choice(_TITLE)} {rng.choice(_LAST)} and ",
            f"{rng.choice(_ORG)}, ",
            f"{rng.choice(_ROLE)} ",
        ]
    )


def _pronouns(rng: random.Random) -> str:
    return rng.choice(
        [
            "he said ",
            "she said ",
            "they said ",
            "it said ",
            "I said ",
            "we said ",
            "he told her ",
            "she told them ",
        ]
    )


def _sentences(rng: random.Random) -> str:
    """Short complete sentences at the sentence limit, each with a quote, cue and flag."""
    unit = (
        f'"It is {rng.choice(loaded_words())}," {rng.choice(_LAST)} '
        f"{rng.choice(loaded_verb_forms())}, reportedly. "
    )
    return unit + " " * max(0, MIN_SENTENCE_CHARS - len(unit))


_SIMPLE = {
    "quote_runs": _quote_runs,
    "quotes": _quotes,
    "cues": _cues,
    "hedges": _hedges,
    "hedge_sentences": _hedge_sentences,
    "loaded": _loaded,
    "names": _names,
    "pronouns": _pronouns,
    "sentences": _sentences,
}


def _mixed(rng: random.Random) -> str:
    return rng.choice([f for k, f in _SIMPLE.items() if k != "sentences"])(rng)


FAMILIES: dict[str, Callable[[random.Random], str]] = {**_SIMPLE, "mixed": _mixed}


def units(family: str, n: int, seed: int = 0) -> list[str]:
    """``n`` units of ``family`` (raises KeyError for an unknown family)."""
    make = FAMILIES[family]
    rng = random.Random(f"{family}:{seed}")
    return [make(rng) for _ in range(n)]


def text(family: str, chars: int = DEFAULT_CHARS, seed: int = 0) -> str:
    """Whole units of ``family`` up to ``chars`` characters (at most), right-stripped."""
    make = FAMILIES[family]
    rng = random.Random(f"{family}:{seed}")
    parts, size = [], 0
    while True:
        unit = make(rng)
        if size + len(unit) > chars:
            break
        parts.append(unit)
        size += len(unit)
    return "".join(parts).rstrip()


def batch(
    family: str, total_chars: int = DEFAULT_BATCH_CHARS, chars: int = DEFAULT_CHARS
) -> list[str]:
    """Texts of ``family`` of ``chars`` each filling ``total_chars`` (a full batch)."""
    return [text(family, chars, seed=i) for i in range(max(1, total_chars // chars))]


def html_pages(max_bytes: int = 990_000) -> dict[str, str]:
    """HTML built to be costly to parse, each under ``max_bytes`` (the body limit): one
    element with 105,000 attributes, elements at the attribute limit, nesting far below
    libxml2's depth limit, and as many small elements as fit."""
    from service.extract import MAX_ATTRIBUTES_PER_ELEMENT

    one = "<p " + " ".join(f"a{i}=x" for i in range(105_000)) + ">The senator said so.</p>"
    wide = (
        "<p "
        + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES_PER_ELEMENT))
        + ">The senator said so.</p>"
    )
    small = "<p a=1 b=2>Officials said it rained.</p>"
    depth = max_bytes // 12
    pages = {
        "attributes": one,
        "wide_elements": wide * (max_bytes // len(wide)),
        "deep": "<div>" * depth + "Deep down, the senator said." + "</div>" * depth,
        "many_elements": small * (max_bytes // len(small)),
    }
    return {k: v[:max_bytes] if len(v.encode()) > max_bytes else v for k, v in pages.items()}
