"""Attribution kinds, verbs, sentence membership and the sourcing scores (no model needed)."""
from __future__ import annotations

import math

import pytest

from service.engine.attributions import (
    attribution_kind,
    build_attributions,
    cue_verb,
    sentence_attributions,
)
from service.engine.features import quote_intervals
from service.engine.scores import article_scores, content_share, source_diversity
from service.engine.segment import paragraphs
from service.engine.spans import RawRelation
from service.engine.types import Sentence, Source, Span


def span_of(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def rel(text, cue, source=None, content=None) -> RawRelation:
    return RawRelation(cue=span_of(text, cue), source=span_of(text, source) if source else None,
                       content=span_of(text, content) if content else None, cue_tokens=(0, 1),
                       confidence=0.9)


def kind(text, r):
    return attribution_kind(text, r, quote_intervals(text, paragraphs(text)))


def test_direct_quote_indirect_mixed_according_to_and_hedge():
    text = ('"We will win," Smith said. Jones said the plan would fail. '
            'Lee called it "a disaster" for the party. According to the report, sales fell. '
            'The minister reportedly resigned.')
    assert kind(text, rel(text, "said", "Smith", '"We will win,"')) == "direct_quote"
    assert kind(text, rel(text, "said", "Jones", "the plan would fail")) != "direct_quote"
    jones = RawRelation(cue=span_of(text, "said", 1), source=span_of(text, "Jones"),
                        content=span_of(text, "the plan would fail"), cue_tokens=(0, 1),
                        confidence=0.9)
    assert kind(text, jones) == "indirect"
    assert kind(text, rel(text, "called", "Lee", 'it "a disaster" for the party')) == "mixed"
    assert kind(text, rel(text, "According to", "the report", "sales fell")) == "according_to"
    assert kind(text, rel(text, "reportedly", None, "The minister")) == "hedge"


def test_cue_verb_picks_the_reporting_word():
    text = "Smith said in a statement that it failed. Officials have told reporters so."
    assert cue_verb(text, rel(text, "said in a statement")) == "said"
    assert cue_verb(text, rel(text, "have told")) == "told"


def test_sentences_hold_cues_and_most_of_their_content_only():
    text = "First sentence here. He said the deal was dead and buried. Unrelated closing line."
    bounds = [span_of(text, "First sentence here."), span_of(text, "He said the deal was dead and buried."),
              span_of(text, "Unrelated closing line.")]
    # content grazes the last sentence by one word: it must not make it reported
    r = RawRelation(cue=span_of(text, "said"), source=span_of(text, "He"),
                    content=(span_of(text, "the deal")[0], span_of(text, "Unrelated")[1]),
                    cue_tokens=(0, 1), confidence=0.9)
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
    text = ('"It is over," Smith said. Officials said talks stalled. Smith added that he was sad. '
            'The weather was fine.')
    rels = [rel(text, "said", "Smith", '"It is over,"'),
            RawRelation(cue=span_of(text, "said", 1), source=span_of(text, "Officials"),
                        content=span_of(text, "talks stalled"), cue_tokens=(0, 1), confidence=0.9),
            rel(text, "added", "Smith", "he was sad")]
    quotes = quote_intervals(text, paragraphs(text))
    atts = build_attributions(text, rels, quotes, ["s1", "s2", "s1"])
    sources = [
        Source(id="s1", name="Smith", type="person", named=True,
               mentions=[Span(start=a, end=b, text=text[a:b]) for a, b in [span_of(text, "Smith")]],
               attribution_count=2),
        Source(id="s2", name="officials", type="anonymous", named=False, mentions=[],
               attribution_count=1),
    ]
    sentences = [Sentence(index=i, start=0, end=1, text="x", label=lab, probability=0.5)
                 for i, lab in enumerate(["reported", "reported", "reported", "direct"])]
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
