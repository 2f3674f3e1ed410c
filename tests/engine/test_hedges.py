"""Hedge, weasel and unattributed-claim patterns: true and false examples for every pattern."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from service.engine.bias.flags import Flag, drop_overlaps, voice
from service.engine.bias.hedges import PATTERNS, _find_hedges_full_scan, find_hedges, patterns
from service.engine.quotes import quote_intervals
from service.engine.segment import paragraphs

# pattern id -> (sentence, the flagged text)
TRUE = {
    "hedge.reportedly": [
        ("The company reportedly lost $2 million.", "reportedly"),
        ("He is supposedly in hiding.", "supposedly"),
        ("The painting is reputedly worth millions.", "reputedly"),
    ],
    "hedge.allegedly": [("The man allegedly stole a car.", "allegedly")],
    "hedge.is_said_to": [
        ("He is said to be furious.", "is said to"),
        ("The ship was believed to have sunk.", "was believed to"),
        ("Six people are feared to have died.", "are feared to"),
        ("He's said to be furious.", "'s said to"),
    ],
    "hedge.believed_to": [
        ("A man believed to be in his 40s was arrested.", "believed to be"),
        ("The fire, thought to have started early, spread.", "thought to have"),
    ],
    "hedge.it_is_passive": [
        ("It is believed that the talks failed.", "It is believed"),
        ("It has been suggested that he lied.", "It has been suggested"),
        ("It is thought the fire started early.", "It is thought"),
        ("Now it is understood the deal is off.", "it is understood"),
        ("It was reported that the plant closed.", "It was reported"),
    ],
    "hedge.it_emerged": [
        ("It emerged that the minister had known.", "It emerged that"),
        ("It has emerged that he lied.", "It has emerged that"),
    ],
    "hedge.rumoured": [
        ("The rumored merger collapsed.", "rumored"),
        ("He resigned amid rumours of an affair.", "amid rumours"),
        ("There were rumors that he was ill.", "There were rumors"),
    ],
    "hedge.unconfirmed_reports": [
        ("Unconfirmed reports put the toll at 40.", "Unconfirmed reports")
    ],
    "weasel.reports_say": [
        ("Media reports said he had fled.", "Media reports said"),
        ("Some reports suggest a deal is near.", "Some reports suggest"),
    ],
    "weasel.vague_group": [
        ("Critics argue the law is unconstitutional.", "Critics argue"),
        ("Experts say the bridge is unsafe.", "Experts say"),
        ("Observers note that turnout fell.", "Observers note"),
        ("He said critics argue the law is flawed.", "critics argue"),
        ("Health experts warn of a new wave.", "experts warn"),
        ("The plan, analysts said, was too costly.", "analysts said"),
        ("People say he is difficult.", "People say"),
        ("He answered critics who say the plan is flawed.", "critics who say"),
    ],
    "weasel.some_people_say": [
        ("Many people think the tax is unfair.", "Many people think"),
        ("Some analysts believe rates will rise.", "Some analysts believe"),
        ("Some local residents said they heard shots.", "Some local residents said"),
    ],
    "weasel.some_say": [
        ("Some say the plan will fail.", "Some say"),
        ("Many feel that the tax is unfair.", "Many feel"),
        ("Many believe the vote was rigged.", "Many believe"),
        ("Some have suggested he resign.", "Some have suggested"),
    ],
    "weasel.some_in": [
        ("Some in the party say he should resign.", "Some in the party say"),
        ("Many on Wall Street expect a cut.", "Many on Wall Street expect"),
    ],
    "weasel.widely": [
        ("It is widely believed that he will run.", "It is widely believed"),
        ("It is a widely held view.", "widely held"),
        ("That is a commonly held belief.", "commonly held"),
        ("She is widely regarded as the favourite.", "widely regarded as"),
        ("The plan is generally seen as a failure.", "generally seen as"),
    ],
    "weasel.there_are_those": [
        ("There are those who say the war was lost.", "There are those who say")
    ],
    "weasel.there_is_a_belief": [
        ("There is a growing feeling that the reforms failed.", "There is a growing feeling that")
    ],
    "weasel.studies_show": [
        ("Studies show that the drug works.", "Studies show"),
        ("Research has shown a link.", "Research has shown"),
        ("Polls suggest voters are unhappy.", "Polls suggest"),
        ("He says recent studies have found no link.", "recent studies have found"),
    ],
    "weasel.according_to_vague": [
        ("According to some, the deal is dead.", "According to some"),
        ("According to reports, he fled.", "According to reports"),
        ("The plan will fail, according to some analysts.", "according to some analysts"),
    ],
    "unattributed.mind": [
        ("Smith wants to run for governor.", "Smith wants"),
        ("He hopes to win back the seat.", "He hopes"),
        ("The president believes the deal is fair.", "The president believes"),
        ("She is determined to stay.", "She is determined"),
        ("Mr. Lee has long wanted to leave.", "Lee has long wanted"),
        ("They fear that the plant will close.", "They fear"),
        ("He was anxious to leave.", "He was anxious"),
    ],
    "unattributed.certain_prediction": [
        ("The bill will undoubtedly pass.", "will undoubtedly"),
        ("The move is bound to anger voters.", "is bound to"),
    ],
}

# pattern id -> sentences that must not fire it
FALSE = {
    "hedge.reportedly": [
        "The newspaper reported the figures on Monday.",
        "Reporters asked about the deal.",
    ],
    "hedge.allegedly": [
        "Prosecutors alleged that he stole a car.",
        "The alleged theft happened in May.",
    ],
    "hedge.is_said_to": [
        "The incident was reported to police.",
        "He said to be careful.",
        "She was supposed to arrive at nine.",
        "The case was reported to the authorities.",
    ],
    "hedge.believed_to": [
        "She believed to be true what he told her.",
        "What he thought to be a gun was a phone.",
    ],
    "hedge.it_is_passive": [
        "It was reported to police on Monday.",
        "It was claimed by the company.",
        "It is held in June every year.",
        "It was estimated at $3 million.",
        "The idea, it said, was sound.",
        "It is thought-provoking.",
    ],
    "hedge.it_emerged": ["A new leader emerged from the talks.", "It emerged as the favourite."],
    "hedge.rumoured": ["He denied the rumors.", "The rumor mill was busy."],
    "hedge.unconfirmed_reports": ["The reports were confirmed by police."],
    "weasel.reports_say": [
        "Police reports said the driver was drunk.",
        "The two reports said the same thing.",
    ],
    "weasel.vague_group": [
        "The experts said the bridge was safe.",
        "Two experts said the bridge was safe.",
        "Goldman Sachs analysts said prices would rise.",
        "A panel of experts said the drug was safe.",
        "Analysts at Barclays said the deal was good.",
        "Some 40 people said they were evacuated.",
        "The health experts said it was safe.",
        "It depends on what people think of the president.",
    ],
    "weasel.some_people_say": [
        "Some 40 people said they were evacuated.",
        "Some 40 people were hurt.",
        "He has many times said he would run.",
        "Most respondents said they were satisfied.",
        "Many European countries agreed to share a currency.",
        "Many Mexicans felt betrayed by the visit.",
    ],
    "weasel.some_say": [
        "There is some doubt about the figures.",
        "He gave it some thought.",
        "Some of the money was lost.",
        "Some 40 people were hurt.",
    ],
    "weasel.some_in": ["Some in the crowd cheered.", "Many in the city were without power."],
    "weasel.widely": [
        "The report follows generally accepted accounting principles.",
        "The drug is widely used.",
        "It is commonly known as Obamacare.",
        "They proposed drones and other commonly held equipment.",
    ],
    "weasel.there_are_those": ["There are those who lost everything."],
    "weasel.there_is_a_belief": ["There is a belief system in every culture."],
    "weasel.studies_show": [
        "The study shows that the drug works.",
        "The research shows a link.",
        "Harvard research shows a link.",
        "A 2019 study found no link.",
        "Their research found a link.",
    ],
    "weasel.according_to_vague": [
        "According to the report, sales fell.",
        "According to police, the man fled.",
        "According to reports in The Times, he fled.",
        "According to experts at the university, it is safe.",
        "According to officials, the road is closed.",
        "According to some estimates by the UN, 300 died.",
    ],
    "unattributed.mind": [
        "Smith said he wants to run for governor.",
        "He hopes to win, he told reporters.",
        "I think the plan is good.",
        "He felt sick after the meal.",
        "She thought about quitting.",
        "The company plans to cut jobs.",
        "He is wanted by police.",
        "Police believe the suspect fled.",
        "According to aides, the president believes the deal is fair.",
        "We want to win.",
        "She was anxious, sure.",
        "Their fear that the plant will close is real.",
        "He vowed to fight on, adding he intended to win.",
    ],
    "unattributed.certain_prediction": [
        "The bill will pass, the senator said.",
        "The prisoner was bound to the chair.",
        "He said the bill will undoubtedly pass.",
    ],
}

NEVER = [
    "Smith said the plan would fail.",
    "The company says profits rose.",
    "“We will win,” she said.",
    "According to the report, sales fell.",
    "Some 40 people were hurt.",
    "Officials said the road was closed.",
    "Sources said the deal was near.",
    "People familiar with the matter said talks went on.",
    "He told reporters the deal was done.",
    "The senator said on Tuesday that some of the money was lost.",
]


def _cases(table_):
    return [(pid, s, t) for pid, rows in table_.items() for s, t in rows]


@pytest.mark.parametrize("pid,sentence,flagged", _cases(TRUE))
def test_pattern_fires_with_exact_offsets(pid, sentence, flagged):
    flags = find_hedges(sentence)
    hits = [f for f in flags if f.rule == pid]
    assert len(hits) == 1, (sentence, flags)
    f = hits[0]
    assert f.text == flagged and sentence[f.start : f.end] == f.text
    assert f.kind == next(p.kind for p in PATTERNS if p.id == pid) and f.reason


@pytest.mark.parametrize("pid,sentence", [(k, s) for k, rows in FALSE.items() for s in rows])
def test_pattern_does_not_fire(pid, sentence):
    assert [f for f in find_hedges(sentence) if f.rule == pid] == []


@pytest.mark.parametrize("sentence", NEVER)
def test_say_and_according_to_are_never_hedges(sentence):
    assert find_hedges(sentence) == []


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_documented_examples_fire(pattern):
    for example in pattern.examples:
        assert any(f.rule == pattern.id for f in find_hedges(example)), example


def test_every_pattern_has_true_and_false_examples():
    ids = {p.id for p in PATTERNS}
    assert len(ids) == len(PATTERNS)
    assert set(TRUE) == ids and set(FALSE) == ids


def test_range_offsets_and_no_overlaps():
    text = (
        "Some analysts say the deal is dead. The firm reportedly lost money.\n"
        "It is widely believed that he will run."
    )
    flags = find_hedges(text)
    assert [(f.text, f.kind) for f in flags] == [
        ("Some analysts say", "weasel"),
        ("reportedly", "hedge"),
        ("It is widely believed", "weasel"),
    ]
    assert all(text[f.start : f.end] == f.text for f in flags)
    assert all(a.end <= b.start for a, b in zip(flags, flags[1:]))
    cut = text.index("\n")
    assert [f.text for f in find_hedges(text, cut)] == ["It is widely believed"]
    assert [f.text for f in find_hedges(text, 0, cut)] == ["Some analysts say", "reportedly"]


def test_quoted_hedge_belongs_to_the_source_and_the_vague_source_to_the_writer():
    text = (
        "“The company reportedly lost millions,” Smith said.\n"
        "Critics say the company reportedly lost millions."
    )
    quotes = quote_intervals(text, paragraphs(text))
    content = (text.index("the company reportedly"), len(text) - 1)  # "Critics say" content
    flags = find_hedges(text)
    voices = [(f.text, voice(f.start, f.end, quotes + [content])) for f in flags]
    assert voices == [("reportedly", "source"), ("Critics say", "writer"), ("reportedly", "source")]
    assert voice(0, 5, []) == "writer"


def test_drop_overlaps_keeps_leftmost_longest():
    a = Flag(0, 10, "x" * 10, "weasel", "r", "a")
    b = Flag(2, 5, "x" * 3, "hedge", "r", "b")
    c = Flag(10, 12, "xx", "hedge", "r", "c")
    assert drop_overlaps([b, c, a]) == [a, c]


def test_patterns_are_json_ready():
    rows = patterns()
    json.dumps(rows)
    assert [r["id"] for r in rows] == [p.id for p in PATTERNS]
    for r in rows:
        assert set(r) == {"id", "kind", "pattern", "context", "reason", "examples"}
        assert r["kind"] in {"hedge", "weasel", "unattributed_claim"} and r["examples"]


def test_trigger_words_give_the_same_flags_as_a_full_scan():
    """find_hedges runs patterns only around trigger words; that must not change a flag."""
    from service.bench import make_articles

    texts = [s for rows in TRUE.values() for s, _ in rows]
    texts += [s for rows in FALSE.values() for s in rows] + NEVER + make_articles(5, 1000)
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted((DATA / "polnear" / "dev" / "text").glob("*.txt"))[:40]
    ]
    texts.append("\n\n".join(texts))
    for text in texts:
        assert find_hedges(text) == _find_hedges_full_scan(text), text[:80]
    assert find_hedges("İstanbul: reportedly, critics say.") == _find_hedges_full_scan(
        "İstanbul: reportedly, critics say."
    )
