"""Cue classes: the word list, the clause test, and which relations report nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine.cue_classes import (
    CLASSES,
    CueLexicon,
    classify_relations,
    has_clause,
    is_passive_without_agent,
)
from service.engine.spans import RawRelation

LIST = Path(__file__).resolve().parents[2] / "models" / "relations" / "cue_classes.tsv"


@pytest.fixture(scope="module")
def lexicon() -> CueLexicon:
    return CueLexicon.read(LIST)


def _span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    i = text.index(phrase, after)
    return i, i + len(phrase)


def _rel(
    text: str,
    cue: str,
    source: str | None = None,
    content: str | None = None,
    confidence: float = 0.9,
) -> RawRelation:
    c = _span(text, cue)
    return RawRelation(
        cue=c,
        source=_span(text, source) if source else None,
        content=_span(text, content) if content else None,
        cue_tokens=c,
        confidence=confidence,
    )


def _classes(text: str, rels: list[RawRelation], lexicon, quotes=()) -> list[tuple[str, str]]:
    return [
        (text[r.cue[0] : r.cue[1]], cls)
        for _, r, cls in classify_relations(text, rels, list(quotes), lexicon)
    ]


@pytest.mark.parametrize(
    "cue, cls",
    [
        ("said", "assertion"),
        ("told reporters", "assertion"),
        ("according to", "assertion"),
        ("said in a statement", "assertion"),
        ("tweeted", "assertion"),
        ("denied", "assertion"),
        ("announced", "assertion"),
        ("reportedly", "assertion"),
        ("pointed out", "assertion"),
        ("believes", "belief"),
        ("thinks", "belief"),
        ("expects", "belief"),
        ("fears", "belief"),
        ("knows", "knowledge"),
        ("realised", "knowledge"),
        ("wants", "intention"),
        ("intends", "intention"),
        ("hopes", "intention"),
    ],
)
def test_cue_words_have_their_parc_class(lexicon, cue, cls):
    words = lexicon.words(cue)
    assert words and words[0][2].cls == cls


@pytest.mark.parametrize(
    "cue", ["had approved", "reluctance", "looks", "later", "about", "for", "on", "is making"]
)
def test_words_that_report_nothing_are_not_cue_words(lexicon, cue):
    assert lexicon.words(cue) == []


def test_every_line_of_the_list_is_well_formed():
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        assert len(cols) in (4, 5), line
        assert cols[1] in CLASSES and cols[2] in ("v", "n", "w") and cols[3] in ("-", "clause")


def test_an_unknown_class_is_refused(tmp_path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("say\tgossip\tv\t-\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gossip"):
        CueLexicon.read(bad)


@pytest.mark.parametrize(
    "text, cue, content, expected",
    [
        ("He found her tracks in the snow.", "found", "her tracks in the snow", False),
        ("He found that her tracks were fresh.", "found", "her tracks were fresh", True),
        ("The audit found the agency had overspent.", "found", "the agency had overspent", True),
        ("Smith added yet another goal.", "added", "yet another goal", False),
        ("Smith added that the team was tired.", "added", "the team was tired", True),
        ("The player showed concussion symptoms.", "showed", "concussion symptoms", False),
        ("The tracks were fresh, she found.", "found", "The tracks were fresh", True),
        ("The plan was approved by the council.", "plan", "The plan", False),
    ],
)
def test_clause_test(text, cue, content, expected):
    c = _span(text, cue)
    assert has_clause(text, c, _span(text, content), quoted=False) is expected


def test_a_quotation_is_always_a_report():
    text = 'He added: "We were lucky."'
    assert has_clause(text, _span(text, "added"), _span(text, '"We were lucky."'), True)


@pytest.mark.parametrize(
    "text, cue, source, expected",
    [
        ("The winner could be announced on Friday.", "be announced", "The winner", True),
        ("The plan was approved last year.", "was approved", None, True),
        ("Smith is said to be furious.", "is said", "Smith", False),
        ("He was told by officials that the road was closed.", "was told", "officials", False),
        ("The mayor announced the plan.", "announced", "The mayor", False),
    ],
)
def test_passive_cues_name_no_speaker(text, cue, source, expected):
    src = _span(text, source) if source else None
    assert is_passive_without_agent(text, _span(text, cue), src) is expected


def test_relations_of_no_report_are_dropped_and_the_rest_classed(lexicon):
    text = (
        "He found her tracks in the snow. Pompeo said the talks failed. "
        "Officials believe the dam will hold. The winner could be announced on Friday. "
        "A neighbour, who asked not to be named, complained. I think the plan is wrong. "
        "The agency wants to keep a team there. The board is making decisions on the budget."
    )
    rels = [
        _rel(text, "found", "He", "her tracks in the snow"),
        _rel(text, "said", "Pompeo", "the talks failed"),
        _rel(text, "believe", "Officials", "the dam will hold"),
        _rel(text, "could be announced", "The winner"),
        _rel(text, "asked", "who", "not to be named"),
        _rel(text, "think", "I", "the plan is wrong"),
        _rel(text, "wants", "The agency", "to keep a team there"),
        _rel(text, "making decisions on", "The board", "the budget"),
    ]
    assert _classes(text, rels, lexicon) == [
        ("said", "assertion"),
        ("believe", "belief"),
        ("wants", "intention"),
    ]


def test_a_first_person_source_inside_a_quotation_is_kept(lexicon):
    text = '"I think the plan is wrong," Mayor Park said.'
    rels = [_rel(text, "think", "I", "the plan is wrong")]
    quotes = [(0, text.index(",") + 2)]
    assert _classes(text, rels, lexicon, quotes) == [("think", "belief")]


def test_a_cue_of_no_cue_word_moves_onto_the_one_beside_it(lexicon):
    text = "Pompeo later told reporters the talks were over."
    rels = [_rel(text, "later", "Pompeo")]
    assert _classes(text, rels, lexicon) == [("told", "assertion")]


def test_an_approximation_after_the_cue_is_content(lexicon):
    text = "Howell says about 550 students enrolled."
    rel = _rel(text, "says about", "Howell", "550 students enrolled")
    ((_, out, cls),) = classify_relations(text, [rel], [], lexicon)
    assert text[out.cue[0] : out.cue[1]] == "says" and cls == "assertion"
    assert text[out.content[0] : out.content[1]] == "about 550 students enrolled"


def test_punctuation_cues_of_rules_are_kept(lexicon):
    text = "“Brevity is wit.” ― Sonya Herridge"
    rel = _rel(text, "―", "Sonya Herridge", "“Brevity is wit.”")
    assert _classes(text, [rel], lexicon) == [("―", "assertion")]


@pytest.mark.parametrize(
    "text, cue, source, content",
    [
        ("Carrow declined to comment.", "declined", "Carrow", "to comment"),
        (
            "Halden did not immediately respond to a request for comment.",
            "did not immediately respond to",
            "Halden",
            "a request for comment",
        ),
        ("He would not speculate about it.", "would not speculate about", "He", "it"),
        (
            "Osei tweeted that sales grew, without referring to the report.",
            "referring to",
            None,
            "the report",
        ),
    ],
)
def test_a_source_who_says_nothing_gives_no_relation(lexicon, text, cue, source, content):
    assert _classes(text, [_rel(text, cue, source, content)], lexicon) == []


def test_declining_with_a_statement_is_still_a_report(lexicon):
    text = "Carrow declined to comment on the talks but said the company would grow."
    rels = [_rel(text, "said", "Carrow", "the company would grow")]
    assert _classes(text, rels, lexicon) == [("said", "assertion")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Hemming's estimated $50,000 costs were covered by the city.", []),
        ("Her proposed budget would raise taxes, she said.", ["said"]),
        ("The stated goal of the plan is to cut costs.", []),
        ("The company's estimated losses rose again in May.", []),
        ("The mayor proposed a budget on Monday, officials said.", ["proposed", "said"]),
    ],
)
def test_a_listed_verb_used_as_an_adjective_is_no_cue(engine, text, expected):
    assert engine.tagger is not None
    assert [a.cue.text for a in engine.analyze(text, bias=False).attributions] == expected


def test_the_subject_of_a_hedged_passive_is_no_source(lexicon):
    text = "The Dutch government is said to oppose any quota."
    rel = _rel(text, "is said", "The Dutch government", "to oppose any quota")
    ((_, out, cls),) = classify_relations(text, [rel], [], lexicon)
    assert out.source is None and cls == "assertion"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'As coauthor Colette Heald told The Huffington Post, "The projections are quite '
            'consistent," and more work is needed.',
            ["told"],
        ),
        ("Pentagon Says It Will Double Drone Orders", ["Says"]),
    ],
)
def test_a_cue_word_ending_a_name_is_no_cue(engine, text, expected):
    assert [a.cue.text for a in engine.analyze(text, bias=False).attributions] == expected
