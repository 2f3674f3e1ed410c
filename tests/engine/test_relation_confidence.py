"""Relation completion ("X said Y" without source or content) and calibrated confidence."""

from __future__ import annotations

import json

import numpy as np
import pytest

from service.engine.completion import complete_relation
from service.engine.relation_confidence import FEATURES, RelationConfidence, relation_features
from service.engine.spans import RawRelation
from service.training.relations import (
    expected_calibration_error,
    floor_table,
    relation_is_right,
    reliability_table,
)


def _rel(text, cue, source=None, content=None):
    def span(p):
        i = text.index(p)
        return i, i + len(p)

    c = span(cue)
    return RawRelation(
        cue=c,
        source=span(source) if source else None,
        content=span(content) if content else None,
        cue_tokens=c,
        confidence=0.8,
    )


def _texts(text, rel):
    return (
        text[rel.source[0] : rel.source[1]] if rel.source else None,
        text[rel.content[0] : rel.content[1]] if rel.content else None,
    )


@pytest.mark.parametrize(
    "text, cue, source, content, expected",
    [
        (
            "Heather Nauert said the US embassy learned of the plan on Monday.",
            "said",
            "Heather Nauert",
            None,
            ("Heather Nauert", "the US embassy learned of the plan on Monday"),
        ),
        (
            "Howell says about 550 students enrolled this fall.",
            "says",
            None,
            None,
            ("Howell", "about 550 students enrolled this fall"),
        ),
        (
            "Pompeo told reporters the talks were over.",
            "told",
            "Pompeo",
            None,
            ("Pompeo", "the talks were over"),
        ),
        ("She said that the vote was close.", "said", "She", None, ("She", "the vote was close")),
        # a quotation is left to the quote stage; a content already found is kept
        ('He said "no" twice.', "said", "He", None, ("He", None)),
        (
            "Kessler said the department would sign.",
            "said",
            "Kessler",
            "the department would sign",
            ("Kessler", "the department would sign"),
        ),
        # too little after the cue to be a report
        ("Police said so.", "said", "Police", None, ("Police", None)),
        # the clause before a sentence-final "<source> said"
        (
            "A deal could be announced as early as next week, the publication said.",
            "said",
            "the publication",
            None,
            ("the publication", "A deal could be announced as early as next week"),
        ),
        (
            "Prices rose, the publication said on its website on Tuesday morning.",
            "said",
            "the publication",
            None,
            ("the publication", None),
        ),
        (
            "The council said on Tuesday that the bridge would reopen.",
            "said",
            "The council",
            None,
            ("The council", "the bridge would reopen"),
        ),
    ],
)
def test_complete_relation(text, cue, source, content, expected):
    rel = _rel(text, cue, source, content)
    out = complete_relation(text, rel, (0, len(text)), "assertion")
    assert _texts(text, out) == expected


def test_intention_relations_are_not_completed():
    text = "The agency wants the team to stay until December."
    rel = _rel(text, "wants", "The agency")
    assert complete_relation(text, rel, (0, len(text)), "intention") is rel


def test_a_source_is_not_invented_from_a_long_clause():
    text = "After a long and difficult meeting on the budget the council said nothing new."
    rel = _rel(text, "said")
    assert complete_relation(text, rel, (0, len(text)), "assertion").source is None


def _weights(**over):
    w = {f: 0.0 for f in FEATURES}
    w.update(over)
    return w


def test_confidence_is_a_probability_that_follows_its_weights():
    model = RelationConfidence(_weights(bias=-1.0, has_source=2.0))
    with_source = model(relation_features(0.7, 0.9, True, True, False, False, "assertion"))
    without = model(relation_features(0.7, 0.9, False, True, False, False, "assertion"))
    assert 0.0 < without < 0.5 < with_source < 1.0
    assert with_source == pytest.approx(1 / (1 + np.exp(-1.0)))
    extreme = RelationConfidence(_weights(bias=1e6))
    assert extreme(relation_features(1.0, 1.0, True, True, True, True, "belief")) == pytest.approx(
        1.0
    )


def test_missing_weights_are_refused(tmp_path):
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps({"weights": {"bias": 0.1}}))
    with pytest.raises(ValueError, match="lack"):
        RelationConfidence.load(path)


def test_the_shipped_weights_load_and_cover_every_feature(engine):
    assert engine.relation_confidence is not None
    assert len(engine.relation_confidence.weights) == len(FEATURES)


def test_reliability_table_counts_and_rates():
    p = np.array([0.05, 0.15, 0.95, 0.92, 0.91])
    y = np.array([0, 0, 1, 1, 0])
    rows = reliability_table(p, y)
    assert [r["relations"] for r in rows] == [1, 1, 3]
    assert rows[-1]["share_right"] == pytest.approx(2 / 3, abs=1e-3)
    assert expected_calibration_error(p, y) == pytest.approx(
        (0.05 + 0.15 + 3 * abs(np.mean([0.95, 0.92, 0.91]) - 2 / 3)) / 5, abs=2e-3
    )
    floors = floor_table(p, y, gold=4, floors=(0.0, 0.5))
    assert floors[0]["precision"] == pytest.approx(0.4) and floors[0]["recall"] == 0.5
    assert floors[1]["relations"] == 3 and floors[1]["precision"] == pytest.approx(0.6667, abs=1e-4)


class _Span:
    def __init__(self, start, end):
        self.start, self.end = start, end


class _Att:
    def __init__(self, cue, source=None):
        self.cue, self.source = _Span(*cue), _Span(*source) if source else None


class _Gold:
    def __init__(self, cue, source=None):
        self.cue, self.source = _Span(*cue), _Span(*source) if source else None


def test_a_relation_is_right_with_its_cue_and_its_source():
    gold = [_Gold((10, 14), (0, 8)), _Gold((30, 35))]
    assert relation_is_right(_Att((10, 14), (2, 8)), gold)
    assert not relation_is_right(_Att((10, 14), (16, 20)), gold)  # wrong source
    assert not relation_is_right(_Att((10, 14)), gold)  # missing source
    assert relation_is_right(_Att((31, 33)), gold)  # neither has one
    assert not relation_is_right(_Att((40, 44)), gold)  # no gold cue there


def test_engine_relations_carry_class_and_confidence(engine):
    a = engine.analyze(
        "The bill will pass, the senator said. The mayor wants a new stadium. "
        "He found her tracks in the snow."
    )
    by_cue = {x.cue.text: x for x in a.attributions}
    assert by_cue["said"].cue_class == "assertion" and 0.5 < by_cue["said"].confidence <= 1.0
    assert "found" not in by_cue
    for x in a.attributions:
        assert 0.0 <= x.confidence <= 1.0
