"""One vocabulary (service/engine/wordlists): the hedge, reporting and first/second-person
words every module reads, the deliberate differences between their uses, and the lists that
feed shipped models, pinned to the words those models were trained with."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import span_of

from service.engine import lexicon, source_lexicon
from service.engine.attributions import HEDGE_CUES, attribution_kind, cue_verb, is_hedge_cue
from service.engine.bias import features as bias_features
from service.engine.bias.hedges import find_hedges
from service.engine.cue_rules import rule_relations
from service.engine.spans import RawRelation, doc_tokens
from service.engine.wordlists import alternation, rows, words

WORDLISTS = Path(__file__).resolve().parents[2] / "service" / "engine" / "wordlists"
USES = {
    "hedges": {"kind", "rule", "flag", "alone", "reduced", "impersonal", "impersonal_that"},
    "reporting": {"features", "speech", "bias_model", "crowd", "crowd_some"},
}


def hedge_kind(text: str, cue: str) -> str:
    r = RawRelation(
        cue=span_of(text, cue), source=None, content=None, cue_tokens=(0, 1), confidence=0.9
    )
    return attribution_kind(text, r, [])


@pytest.fixture()
def rule_cues(engine):
    def run(text: str) -> list[str]:
        dt = doc_tokens(text, engine.segmenter)
        return [text[r.cue[0] : r.cue[1]] for r in rule_relations(dt, [])]

    return run


def flagged(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in find_hedges(text)]


# -- the files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["hedges", "reporting", "first_second_person"])
def test_every_list_is_tidy_and_named_in_the_readme(name):
    table = rows(name)
    assert table, name
    header = (WORDLISTS / f"{name}.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[0] == "word" and header[-1] == "note"
    keys = [tuple(r[c] for c in header[:-1] if c != "uses") for r in table]
    assert len(keys) == len(set(keys)), "a word listed twice in the same form"
    for r in table:
        assert None not in r and None not in r.values(), r  # no missing or extra cells
        assert r["word"] == r["word"].strip().lower() and r["word"], r
        if "uses" in r:
            assert set(r["uses"].split(",")) <= USES[name], r
    assert f"`{name}.tsv`" in (WORDLISTS / "README.md").read_text(encoding="utf-8")


def test_words_filters_by_column_and_by_use():
    assert words("first_second_person", person="2") == {"you", "your", "yours"}
    assert words("first_second_person", person="2", form="personal") == {"you"}
    assert "apparently" in words("hedges", uses="kind")
    assert "apparently" not in words("hedges", uses="rule")
    assert words("hedges", form="nonsense") == frozenset()


def test_alternation_tries_longer_forms_first():
    assert alternation({"say", "says", "made clear"}) == r"made\s+clear|says|say"


def test_the_lists_ship_as_package_data():
    cfg = (WORDLISTS.parents[2] / "setup.cfg").read_text(encoding="utf-8")
    assert "service.engine.wordlists = *.tsv, README.md" in cfg


# -- hedges: one vocabulary, deliberate differences -----------------------------------------


def test_reputedly_is_a_hedge_kind_like_reportedly():
    # issue 15: the rules made a "reputedly" relation that came out of kind indirect
    for adverb in ("reportedly", "reputedly", "purportedly", "supposedly", "rumoredly"):
        text = f"The minister {adverb} plans to resign."
        assert hedge_kind(text, adverb) == "hedge", adverb
        assert cue_verb(text, RawRelation(span_of(text, adverb), None, None, (0, 1), 0.9)) == (
            adverb
        )


def test_every_rule_adverb_makes_a_hedge_relation(rule_cues):
    for adverb in sorted(words("hedges", form="adverb", uses="rule")):
        text = f"The minister {adverb} plans to resign."
        assert rule_cues(text) == [adverb], adverb
        assert hedge_kind(text, adverb) == "hedge", adverb  # every rule hedge is of kind hedge
        assert flagged(text), adverb


def test_apparently_marks_a_hedge_kind_but_is_neither_a_rule_nor_a_flag(rule_cues):
    text = "The minister apparently plans to resign."
    assert "apparently" in HEDGE_CUES and hedge_kind(text, "apparently") == "hedge"
    assert rule_cues(text) == []
    assert flagged(text) == []


def test_the_rules_take_only_a_finite_be_and_to(rule_cues):
    # the hedge kind (a relation the model found) is wider: any "be", and "that"
    for text, cue in [
        ("The deal was said to be near.", "was said to"),
        ("The rebels are widely believed to hold the airport.", "are widely believed to"),
    ]:
        assert rule_cues(text) == [cue]
        assert is_hedge_cue(text, (text.index(cue), text.index(cue) + len(cue)))
    for text, cue in [
        ("The deal has long been said to be near.", "been said to"),
        ("It was reported that the deal was near.", "was reported that"),
    ]:
        assert rule_cues(text) == []
        assert is_hedge_cue(text, (text.index(cue), text.index(cue) + len(cue)))


@pytest.mark.parametrize("participle", ["claimed", "suspected", "feared", "reputed"])
def test_some_participles_are_flags_only(participle, rule_cues):
    text = f"He is {participle} to have fled the country."
    assert participle not in words("hedges", uses="rule") | words("hedges", uses="kind")
    assert rule_cues(text) == []
    assert not is_hedge_cue(text, span_of(text, f"is {participle} to"))
    assert flagged(text) == [("hedge.is_said_to", f"is {participle} to")]


def test_rumored_hedges_alone_and_said_not_in_a_reduced_relative():
    assert hedge_kind("The rumored merger collapsed.", "rumored") == "hedge"
    assert flagged("The rumored merger collapsed.") == [("hedge.rumoured", "rumored")]
    assert flagged("A man believed to be armed fled.") == [("hedge.believed_to", "believed to be")]
    assert flagged("A man said to be armed fled.") == []


def test_the_sentence_models_hedge_phrases_are_in_the_vocabulary():
    # CUE_PHRASES feed the shipped sentence model and stay as it saw them; their hedges are
    # words of the vocabulary in forms the rules take
    hedges = ("reportedly", "allegedly", "is said to", "are said to")
    assert set(hedges) <= set(lexicon.CUE_PHRASES)
    for phrase in hedges:
        text = f"The minister {phrase} plan a tax."
        assert is_hedge_cue(text, span_of(text, phrase)), phrase
        assert flagged(text), phrase


# -- reporting words ------------------------------------------------------------------------


def test_speech_words_leave_out_the_verbs_of_mind_that_unattributed_claims_need():
    speech = words("reporting", uses="speech")
    assert {"believes", "hopes", "thinks", "wants"}.isdisjoint(speech)
    assert {"believes", "hopes", "thinks"} <= lexicon.REPORTING_VERBS
    assert {"according to", "made clear", "spokesman", "interview"} <= speech
    assert flagged("Smith wants to run for governor.")
    assert flagged("Smith said he wants to run for governor.") == []
    assert flagged("Smith made clear he wants to run for governor.") == []


def test_a_vague_crowd_takes_its_verbs_in_their_contexts():
    assert flagged("Critics argue the law is unfair.") == [("weasel.vague_group", "Critics argue")]
    assert flagged("Critics point out that the law is unfair.")
    assert flagged("Experts agreed to share the data.") == []  # "agreed to": no view
    assert flagged("Experts expect to finish soon.") == []
    assert flagged("Many people think of him as a hero.") == []  # "think of": not a claim
    assert flagged("Some doubt the plan will work.") == []  # "doubt" after "some": a noun too
    assert flagged("Critics doubt the plan will work.")


# -- pronouns -------------------------------------------------------------------------------


def test_second_person_differs_on_purpose():
    # the bias model counts every second-person word; a source is only ever "you" itself
    assert {"you", "your", "yours"} == bias_features.SECOND_PERSON
    assert {"you"} == source_lexicon.SECOND_PERSON
    assert {"i", "me"} == source_lexicon.FIRST_SINGULAR
    assert {"we", "us"} == source_lexicon.FIRST_PLURAL
    assert lexicon.FIRST_SECOND_PERSON == bias_features.FIRST_PERSON | bias_features.SECOND_PERSON


# -- the lists that feed shipped models -----------------------------------------------------


def _digest(ws) -> str:
    """A short hash of a word list (a tuple keeps its order, a set is sorted)."""
    text = "\n".join(ws if isinstance(ws, tuple) else sorted(ws))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


MODEL_LISTS = {
    # the sentence model (features.py) and the span CRFs (span_features.py)
    "lexicon.REPORTING_VERBS": (lexicon.REPORTING_VERBS, "2a4c808a3733"),
    "lexicon.CUE_PHRASES": (lexicon.CUE_PHRASES, "3a2b3458e835"),
    "lexicon.FIRST_SECOND_PERSON": (lexicon.FIRST_SECOND_PERSON, "52b33bc08e4c"),
    # the bias model (bias/features.py)
    "bias_features.FIRST_PERSON": (bias_features.FIRST_PERSON, "0f63bba19a89"),
    "bias_features.SECOND_PERSON": (bias_features.SECOND_PERSON, "1aef32199a90"),
    "bias_features.ATTRIBUTION": (bias_features.ATTRIBUTION, "4e28bd7705d5"),
}


@pytest.mark.parametrize("name", MODEL_LISTS)
def test_model_feature_lists_are_the_ones_the_models_were_trained_with(name):
    ws, digest = MODEL_LISTS[name]
    assert _digest(ws) == digest, "a model's feature list changed: retrain, or keep it apart"
