"""Attribution kinds, verbs, sentence membership and the sourcing scores (no model needed)."""

from __future__ import annotations

import math

import pytest
from helpers import span_of

from service.engine.attributions import (
    attribution_kind,
    build_attributions,
    cue_verb,
    sentence_attributions,
)
from service.engine.quotes import quote_intervals
from service.engine.scores import article_scores, content_share, source_diversity
from service.engine.segment import paragraphs
from service.engine.spans import RawRelation
from service.engine.types import Sentence, Source, Span


def rel(text, cue, source=None, content=None) -> RawRelation:
    return RawRelation(
        cue=span_of(text, cue),
        source=span_of(text, source) if source else None,
        content=span_of(text, content) if content else None,
        cue_tokens=(0, 1),
        confidence=0.9,
    )


def kind(text, r):
    return attribution_kind(text, r, quote_intervals(text, paragraphs(text)))


def test_direct_quote_indirect_mixed_according_to_and_hedge():
    text = (
        '"We will win," Smith said. Jones said the plan would fail. '
        'Lee called it "a disaster" for the party. According to the report, sales fell. '
        "The minister reportedly resigned."
    )
    assert kind(text, rel(text, "said", "Smith", '"We will win,"')) == "direct_quote"
    assert kind(text, rel(text, "said", "Jones", "the plan would fail")) != "direct_quote"
    jones = RawRelation(
        cue=span_of(text, "said", 1),
        source=span_of(text, "Jones"),
        content=span_of(text, "the plan would fail"),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    assert kind(text, jones) == "indirect"
    assert kind(text, rel(text, "called", "Lee", 'it "a disaster" for the party')) == "mixed"
    assert kind(text, rel(text, "According to", "the report", "sales fell")) == "according_to"
    assert kind(text, rel(text, "reportedly", None, "The minister")) == "hedge"


def test_cue_verb_picks_the_reporting_word():
    text = "Smith said in a statement that it failed. Officials have told reporters so."
    assert cue_verb(text, rel(text, "said in a statement")) == "said"
    assert cue_verb(text, rel(text, "have told")) == "told"


def test_cue_verb_is_never_a_preposition():
    text = "The mayor has talked about the plan and campaigned for it, leaning on allies."
    assert cue_verb(text, rel(text, "has talked about")) == "talked"
    assert cue_verb(text, rel(text, "campaigned for")) == "campaigned"
    assert cue_verb(text, rel(text, "leaning on")) == "leaning"


def test_sentences_hold_cues_and_most_of_their_content_only():
    text = "First sentence here. He said the deal was dead and buried. Unrelated closing line."
    bounds = [
        span_of(text, "First sentence here."),
        span_of(text, "He said the deal was dead and buried."),
        span_of(text, "Unrelated closing line."),
    ]
    # content grazes the last sentence by one word: it must not make it reported
    r = RawRelation(
        cue=span_of(text, "said"),
        source=span_of(text, "He"),
        content=(span_of(text, "the deal")[0], span_of(text, "Unrelated")[1]),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    atts = build_attributions(text, [r], [], [None])
    assert sentence_attributions(bounds, atts) == [[], ["a1"], []]


def test_source_diversity_is_normalised_entropy():
    assert source_diversity([]) == 0.0
    assert source_diversity([5]) == 0.0
    assert source_diversity([3, 3, 3]) == 1.0
    expected = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25)) / math.log(2)
    assert source_diversity([3, 1]) == pytest.approx(expected, abs=1e-4)


def test_content_share_counts_word_tokens_inside_content():
    text = "He said the plan failed badly today."
    r = rel(text, "said", "He", "the plan failed")
    atts = build_attributions(text, [r], [], [None])
    assert content_share(text, atts) == pytest.approx(3 / 7, abs=1e-4)


def test_article_scores_as_a_reader_counts_them():
    text = (
        '"It is over," Smith said. Officials said talks stalled. Smith added that he was sad. '
        "The weather was fine."
    )
    rels = [
        rel(text, "said", "Smith", '"It is over,"'),
        RawRelation(
            cue=span_of(text, "said", 1),
            source=span_of(text, "Officials"),
            content=span_of(text, "talks stalled"),
            cue_tokens=(0, 1),
            confidence=0.9,
        ),
        rel(text, "added", "Smith", "he was sad"),
    ]
    quotes = quote_intervals(text, paragraphs(text))
    atts = build_attributions(text, rels, quotes, ["s1", "s2", "s1"])
    sources = [
        Source(
            id="s1",
            name="Smith",
            type="person",
            named=True,
            mentions=[Span(start=a, end=b, text=text[a:b]) for a, b in [span_of(text, "Smith")]],
            attribution_count=2,
        ),
        Source(
            id="s2",
            name="officials",
            type="anonymous",
            named=False,
            mentions=[],
            attribution_count=1,
        ),
    ]
    sentences = [
        Sentence(index=i, start=0, end=1, text="x", label=lab, probability=0.5)
        for i, lab in enumerate(["reported", "reported", "reported", "direct"])
    ]
    s = article_scores(sentences, atts, sources, text)
    assert (s.attributions, s.sources, s.named_sources, s.anonymous_sources) == (3, 2, 1, 1)
    assert s.anonymous_share == 0.5
    assert s.anonymous_attribution_share == pytest.approx(1 / 3, abs=1e-4)
    assert s.top_source_share == pytest.approx(2 / 3, abs=1e-4)
    assert s.direct_quote_share == pytest.approx(1 / 3, abs=1e-4)
    assert s.attribution_density == 0.75
    assert 0 < s.source_diversity < 1


def test_scores_of_an_article_without_relations_are_zero_not_nan():
    s = article_scores([], [], [], "")
    assert s.attributions == 0 and s.anonymous_share == 0.0 and s.top_source_share == 0.0
    assert s.content_share == 0.0 and s.source_diversity == 0.0


# --- kinds and verbs on wire copy -----------------------------------------------------------


def test_a_quote_split_by_its_cue_is_a_direct_quote():
    text = (
        '"We learned more in three weeks than in three years," Deputy Defense Secretary '
        'Raymond Kessler told reporters. "We need more of them, and faster."'
    )
    whole = (0, len(text))
    r = RawRelation(
        cue=span_of(text, "told"),
        source=span_of(text, "Deputy Defense Secretary Raymond Kessler"),
        content=whole,
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    assert kind(text, r) == "direct_quote"
    # unquoted words after the quotation are not an interruption: mixed
    text = '"Taxes will rise," he said, adding that the cuts would hurt the poorest families.'
    r = RawRelation(
        cue=span_of(text, "said"),
        source=span_of(text, "he"),
        content=(0, len(text) - 1),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    assert kind(text, r) == "mixed"


def test_a_source_less_said_is_not_a_hedge():
    # the span model missed the source: the relation is still a quote or indirect speech
    text = '"It is over," said the official. Taxes will rise, officials said.'
    assert kind(text, rel(text, "said", None, '"It is over,"')) == "direct_quote"
    r = RawRelation(
        cue=span_of(text, "said", 1),
        source=None,
        content=span_of(text, "Taxes will rise"),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    assert kind(text, r) == "indirect"
    text = "A deal could be announced as early as next week."
    r = rel(text, "could be announced", None, "A deal")
    assert (kind(text, r), cue_verb(text, r)) == ("indirect", "announced")


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The Dutch government is said to oppose any quota.", "is said to"),
        ("The Dutch government is said to oppose any quota.", "is said"),  # cue stops short
        ("The Dutch government is said to oppose any quota.", "said"),
        ("The rebels are believed to hold the airport.", "are believed to"),
        ("Two managers allegedly falsified inspection records.", "allegedly"),
    ],
)
def test_source_less_hedges(text, cue):
    r = rel(text, cue, None, text[:-1])
    assert kind(text, r) == "hedge"
    assert cue_verb(text, r) in ("said", "believed", "allegedly")


def test_a_hedge_word_with_a_source_is_not_a_hedge():
    text = "The minister reportedly said the plan would fail."
    r = RawRelation(
        cue=span_of(text, "said"),
        source=span_of(text, "The minister"),
        content=span_of(text, "the plan would fail"),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    assert kind(text, r) == "indirect"


def test_according_to_has_its_own_verb():
    text = "The plan would cost $2 billion, according to three officials."
    assert cue_verb(text, rel(text, "according to", "three officials")) == "according to"


def test_a_dateline_is_neither_source_nor_content():
    text = (
        "LONDON, March 4 (Reuters) - British bank Norvale Group is in talks, the FT "
        "reported.\nWASHINGTON (Reuters) - The Pentagon said it would buy more drones."
    )
    content = RawRelation(
        cue=span_of(text, "reported"),
        source=span_of(text, "the FT"),
        content=(0, span_of(text, "is in talks")[1]),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    wash = span_of(text, "WASHINGTON")[0]
    source = RawRelation(
        cue=span_of(text, "said"),
        source=(wash, span_of(text, "The Pentagon")[1]),
        content=span_of(text, "it would buy more drones"),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    only = RawRelation(
        cue=span_of(text, "said"),
        source=(wash, span_of(text, "(Reuters)", 1)[1]),
        content=None,
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    a, b, c = build_attributions(text, [content, source, only], [], ["s1", "s2", "s3"])
    assert a.content.text == "British bank Norvale Group is in talks"
    assert (b.source.text, b.source_id) == ("The Pentagon", "s2")
    assert (c.source, c.source_id) == (None, None)


def test_content_share_leaves_out_a_split_quotes_own_cue_and_source():
    text = '"Taxes rose," Smith told reporters. "Jobs fell." The end.'
    r = RawRelation(
        cue=span_of(text, "told"),
        source=span_of(text, "Smith"),
        content=(0, span_of(text, '"Jobs fell."')[1]),
        cue_tokens=(0, 1),
        confidence=0.9,
    )
    atts = build_attributions(text, [r], quote_intervals(text, paragraphs(text)), ["s1"])
    # 4 of 9 words: Taxes rose Jobs fell ("Smith told reporters" interrupts; "The end" is not)
    assert content_share(text, atts) == pytest.approx(4 / 9, abs=1e-4)
    text = "Halden reportedly hired two former officials."
    atts = build_attributions(text, [rel(text, "reportedly", None, text[:-1])], [], [None])
    assert content_share(text, atts) == pytest.approx(5 / 6, abs=1e-4)


def test_attribution_density_is_rounded_like_the_other_shares():
    sentences = [
        Sentence(index=i, start=0, end=1, text="x", label=lab, probability=0.5)
        for i, lab in enumerate(["reported", "direct", "direct"])
    ]
    assert article_scores(sentences).attribution_density == 0.3333
