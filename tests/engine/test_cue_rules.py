"""Rule relations for attribution forms PolNeAR rarely shows: epigraph dashes, citing, hedges."""

from __future__ import annotations

import pytest

from service.engine.cue_rules import rule_relations
from service.engine.spans import RawRelation, doc_tokens


@pytest.fixture()
def relations(engine):
    def run(text: str, found: list[RawRelation] | None = None):
        dt = doc_tokens(text, engine.segmenter)
        return [
            {
                "cue": text[r.cue[0] : r.cue[1]],
                "source": r.source and text[r.source[0] : r.source[1]],
                "content": r.content and text[r.content[0] : r.content[1]],
            }
            for r in rule_relations(dt, found or [])
        ]

    return run


def test_epigraph_dash_names_the_speaker_of_the_quote(relations):
    text = "“He represents our greatest shame.” ― Sonya Herridge\n“Not again.”— Carla Sanchez."
    assert relations(text) == [
        {"cue": "―", "source": "Sonya Herridge", "content": "“He represents our greatest shame.”"},
        {"cue": "—", "source": "Carla Sanchez", "content": "“Not again.”"},
    ]


def test_a_dash_after_an_opening_mark_is_no_epigraph(relations):
    assert relations("He paused — and then “Lisa — Smith” walked in.") == []


def test_trailing_citing_takes_the_main_clause_as_content(relations):
    text = (
        "Prices rose sharply, the newspaper reported, citing three people familiar with the matter."
    )
    assert relations(text) == [
        {
            "cue": "citing",
            "source": "three people familiar with the matter",
            "content": "Prices rose sharply, the newspaper reported",
        }
    ]


def test_leading_citing_takes_the_rest_as_content(relations):
    assert relations("Citing officials, the paper said talks had stalled.") == [
        {"cue": "Citing", "source": "officials", "content": "the paper said talks had stalled"},
    ]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The minister reportedly plans to resign next week.", "reportedly"),
        ("The firm allegedly hid its losses.", "allegedly"),
        ("He is said to be furious about the leak.", "is said to"),
        ("Both men are widely believed to have left the country.", "are widely believed to"),
    ],
)
def test_sourceless_hedges_become_relations_over_their_sentence(relations, text, cue):
    (rel,) = relations(text)
    assert rel["cue"] == cue and rel["source"] is None
    assert rel["content"] == text.rstrip(".")


@pytest.mark.parametrize(
    "text",
    [
        "“He reportedly left,” she said.",  # the quoted speaker's hedge
        "The report said prices would rise.",  # "said" is no hedge
        "Reporters said the talks were over.",
    ],
)
def test_no_hedge_relation(relations, text):
    assert relations(text) == []


def test_a_rule_never_overlaps_a_cue_the_model_found(relations):
    text = "He is said to be furious about the leak."
    model = RawRelation(cue=(3, 10), source=(0, 2), content=None, cue_tokens=(1, 3), confidence=0.8)
    assert relations(text, [model]) == []


def test_the_engine_reports_a_hedged_sentence_as_a_hedge(engine):
    analysis = engine.analyze("The minister reportedly plans to resign next week.")
    assert [a.kind for a in analysis.attributions] == ["hedge"]
    assert analysis.sentences[0].label == "reported"


def test_a_hedge_found_by_the_model_keeps_no_source():
    from service.engine.cue_rules import unsourced_hedges

    text = "The minister reportedly plans to resign next week."
    rel = RawRelation(
        cue=(13, 23), source=(0, 12), content=(24, 49), cue_tokens=(2, 3), confidence=0.5
    )
    (out,) = unsourced_hedges(text, [rel])
    assert (
        out.source is None
        and text[slice(*out.content)] == "The minister reportedly plans to resign next week"[:49]
    )


def test_rules_stay_near_linear_and_capped_per_sentence(engine):
    import time

    from service.engine.cue_rules import MAX_RULES_PER_SENTENCE

    one_sentence = "it is said to rain and it is said to snow " * 2000  # one long sentence
    many = "He is said to be here. " * 4000  # 4000 sentences
    for text, per_sentence in ((one_sentence, MAX_RULES_PER_SENTENCE), (many, 1)):
        dt = doc_tokens(text, engine.segmenter)
        found = [
            RawRelation(
                cue=(t.start, t.end),
                source=None,
                content=None,
                cue_tokens=(i, i + 1),
                confidence=0.5,
            )
            for i, t in enumerate(dt.tokens)
            if t.lower == "rain"
        ]
        start = time.perf_counter()
        out = rule_relations(dt, found)
        assert time.perf_counter() - start < 5.0  # generous; quadratic took far longer
        counts: dict[int, int] = {}
        for r in out:
            s = dt.tokens[r.cue_tokens[0]].sentence
            counts[s] = counts.get(s, 0) + 1
            assert text[slice(*r.cue)].startswith("is said to")
        for s, (lo, hi) in enumerate(dt.sentence_bounds):
            hedges = text.count("is said to", dt.tokens[lo].start, dt.tokens[hi - 1].end)
            assert counts.get(s, 0) == min(per_sentence, hedges)
