"""Article scores (service/engine/scores.py) on small hand-built analyses.

Every expectation is worked out by hand from the definitions in the README ("Scores"): a share
is part over whole rounded to four places, 0.0 when the whole is zero.
"""

from __future__ import annotations

import pytest

from service.engine.scores import article_scores, bias_scores, content_share, source_diversity
from service.engine.types import Attribution, BiasFlag, Sentence, SentenceBias, Source, Span


def sentences(*labels: str) -> list[Sentence]:
    return [
        Sentence(index=i, start=i, end=i + 1, text="x", label=label, probability=0.5)
        for i, label in enumerate(labels)
    ]


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start=start, end=start + len(part), text=part)


def att(i: int, source_id: str | None = None, kind: str = "indirect", **spans) -> Attribution:
    cue = spans.pop("cue", Span(start=0, end=1, text="x"))
    return Attribution(id=f"a{i}", cue=cue, kind=kind, source_id=source_id, **spans)


def source(sid: str, kind: str = "person", named: bool = True) -> Source:
    return Source(id=sid, name=sid, type=kind, named=named, attribution_count=0)


# --- edge cases: nothing to count ------------------------------------------------------------


def test_no_sentences_no_relations_no_sources_gives_zeros():
    s = article_scores([])
    assert (s.sentences, s.reported_sentences, s.attributions, s.sources) == (0, 0, 0, 0)
    assert s.attribution_density == 0.0
    assert s.anonymous_share == s.anonymous_attribution_share == 0.0
    assert s.top_source_share == s.source_diversity == s.direct_quote_share == 0.0
    assert s.content_share == s.writer_bias_share == 0.0


def test_sentences_without_relations_score_density_only():
    s = article_scores(sentences("direct", "direct", "reported"))
    assert (s.sentences, s.reported_sentences) == (3, 1)
    assert s.attribution_density == 0.3333  # 1/3 rounded to four places
    assert s.top_source_share == 0.0 and s.anonymous_attribution_share == 0.0


def test_relations_without_sources():
    """Relations whose source was never resolved: no source shares, no diversity."""
    s = article_scores(sentences("reported", "reported"), [att(1), att(2)], [])
    assert (s.attributions, s.sources, s.anonymous_sources) == (2, 0, 0)
    assert s.attribution_density == 1.0
    assert s.anonymous_share == 0.0  # no sources: 0/0
    assert s.anonymous_attribution_share == 0.0  # 0/2
    assert s.top_source_share == 0.0  # no relation rests on a source
    assert s.source_diversity == 0.0


def test_one_source_carries_every_relation():
    atts = [att(1, "s1"), att(2, "s1"), att(3, "s1", kind="direct_quote")]
    s = article_scores(sentences("reported", "direct"), atts, [source("s1")])
    assert s.top_source_share == 1.0  # 3/3
    assert s.source_diversity == 0.0  # one source: no spread
    assert (s.named_sources, s.anonymous_sources, s.anonymous_share) == (1, 0, 0.0)
    assert s.direct_quote_share == 0.3333  # 1/3
    assert s.attribution_density == 0.5


def test_one_anonymous_source():
    s = article_scores(sentences("reported"), [att(1, "s1")], [source("s1", "anonymous", False)])
    assert (s.named_sources, s.anonymous_sources) == (0, 1)
    assert s.anonymous_share == 1.0 and s.anonymous_attribution_share == 1.0


# --- the source shares on a mixed article ----------------------------------------------------


def test_source_shares_of_a_mixed_article():
    """Five relations: three on a named person, one on an anonymous source, one on no source;
    a second anonymous source is mentioned but carries no relation."""
    atts = [
        att(1, "s1", kind="direct_quote"),
        att(2, "s1"),
        att(3, "s2"),
        att(4, None),
        att(5, "s1", kind="direct_quote"),
    ]
    srcs = [source("s1"), source("s2", "anonymous", False), source("s3", "anonymous", False)]
    s = article_scores(sentences("reported", "reported", "direct", "reported"), atts, srcs)
    assert (s.attributions, s.sources, s.named_sources, s.anonymous_sources) == (5, 3, 1, 2)
    assert s.attribution_density == 0.75  # 3/4
    assert s.anonymous_share == 0.6667  # 2 of 3 sources, relations or not
    assert s.anonymous_attribution_share == 0.2  # 1 of 5 relations
    assert s.top_source_share == 0.6  # s1: 3 of 5 relations (the unsourced one counts below)
    # counts 3 and 1: -(3/4 ln 3/4 + 1/4 ln 1/4) / ln 2 = 0.562335 / 0.693147 = 0.811278
    assert s.source_diversity == 0.8113
    assert s.direct_quote_share == 0.4  # 2/5


def test_top_source_share_and_diversity_follow_the_relations_not_the_source_list():
    srcs = [source("s1"), source("s2")]
    even = article_scores([], [att(1, "s1"), att(2, "s2")], srcs)
    assert even.top_source_share == 0.5 and even.source_diversity == 1.0
    lopsided = article_scores([], [att(1, "s1"), att(2, "s1")], srcs)
    assert lopsided.top_source_share == 1.0 and lopsided.source_diversity == 0.0


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([], 0.0),
        ([7], 0.0),
        ([0, 4], 0.0),  # a source with no relation does not count
        ([2, 2, 2], 1.0),
        # p = 1/4, 1/4, 1/2: (2 * 1/4 ln 4 + 1/2 ln 2) / ln 3 = 1.039721 / 1.098612
        ([1, 1, 2], 0.9464),
        # p = 0.9, 0.1: (0.9 ln(1/0.9) + 0.1 ln 10) / ln 2 = 0.325083 / 0.693147
        ([9, 1], 0.469),
    ],
)
def test_source_diversity(counts, expected):
    assert source_diversity(counts) == expected


# --- content share ---------------------------------------------------------------------------


def test_content_share_counts_words_starting_inside_content():
    text = "He said the plan works well."  # 6 words
    a = att(1, cue=span(text, "said"), source=span(text, "He"), content=span(text, "the plan"))
    assert content_share(text, [a]) == 0.3333  # "the", "plan": 2/6
    assert content_share(text, []) == 0.0
    assert content_share("", [a]) == 0.0  # no words: 0/0


def test_content_share_leaves_out_the_cue_and_source_inside_a_split_quote():
    text = '"We won," she said, "and we will win again."'  # 9 words
    whole = Span(start=0, end=len(text), text=text)
    a = att(1, cue=span(text, "said"), source=span(text, "she"), content=whole)
    # content: "We won" and "and we will win again" = 7 words; "she said" is not content
    assert content_share(text, [a]) == 0.7778  # 7/9
    text = '"We won," she told reporters, "and we will win again."'  # 10 words
    whole = Span(start=0, end=len(text), text=text)
    a = att(1, cue=span(text, "told"), source=span(text, "she"), content=whole)
    # between the two quotations nothing is content: "reporters" neither (7/10)
    assert content_share(text, [a]) == 0.7


def test_content_share_counts_a_word_once_under_overlapping_contents():
    text = "Officials said prices rose and said wages fell."  # 8 words
    a1 = att(1, cue=span(text, "said"), content=span(text, "prices rose and said wages"))
    a2 = att(2, cue=span(text, "said", 1), content=span(text, "wages fell"))
    # prices, rose, and, said, wages, fell: 6 of 8 ("wages" once)
    assert content_share(text, [a1, a2]) == 0.75


# --- the writer's-voice bias counts ----------------------------------------------------------


def flag(kind: str, voice: str = "writer", rule: str = "x") -> BiasFlag:
    return BiasFlag(start=0, end=1, text="x", kind=kind, voice=voice, reason="r", rule=rule)


def test_bias_scores_count_the_writers_voice_only():
    biased = SentenceBias(score=0.9, biased=True, voice="writer", flags=[flag("loaded_verb")])
    quoted = SentenceBias(
        score=0.9, biased=True, voice="source", flags=[flag("loaded_verb", voice="source")]
    )
    plain = SentenceBias(
        score=0.1,
        biased=False,
        voice="writer",
        flags=[flag("hedge"), flag("weasel"), flag("weasel", rule="unattributed.mind")],
    )
    sents = sentences("direct", "reported", "direct", "direct")
    for s, b in zip(sents, [biased, quoted, plain, None]):
        s.bias = b
    out = bias_scores(sents)
    # writer's-voice sentences: biased and plain (the quoted one and the unscored one are not)
    assert out["writer_bias_share"] == 0.5
    assert out["loaded_verbs"] == 1  # the source's loaded verb is not counted
    assert out["hedges"] == 1
    assert (out["weasels"], out["unattributed_claims"]) == (1, 1)
    assert article_scores(sents).writer_bias_share == 0.5


def test_bias_scores_are_zero_without_bias():
    assert bias_scores(sentences("direct", "reported")) == {
        "writer_bias_share": 0.0,
        "loaded_verbs": 0,
        "hedges": 0,
        "weasels": 0,
        "unattributed_claims": 0,
    }
