"""Voice, flags and writer's-voice scores of the bias signals (service/engine/bias/analyse.py)."""

from __future__ import annotations

from service.engine.bias.analyse import (
    WordingFlag,
    sentence_bias,
    sentence_voice,
    source_spans,
    writer_biased,
)
from service.engine.quotes import quote_intervals
from service.engine.scores import bias_scores
from service.engine.segment import paragraphs
from service.engine.types import Attribution, Sentence, Span


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def relation(text: str, cue: str, source: str | None, content: str | None, kind="indirect"):
    return Attribution(
        id="a1",
        cue=span(text, cue),
        source=source and span(text, source),
        content=content and span(text, content),
        kind=kind,
    )


def bias_of(
    text: str, attributions: list[Attribution], score: float = 0.9, wording: list[str] = ()
):
    quotes = quote_intervals(text, paragraphs(text))
    spans = source_spans(attributions, quotes)
    cues = [(a.cue.start, a.cue.end) for a in attributions]
    flags = [WordingFlag(s.start, s.end, "test reason") for s in (span(text, w) for w in wording)]
    return sentence_bias(text, 0, len(text), score, 0.5, attributions, flags, spans, cues)


def test_a_sentence_of_the_writer_is_in_the_writer_voice():
    text = "The disastrous plan will ruin the city."
    bias = bias_of(text, [], wording=["disastrous"])
    assert bias.voice == "writer" and bias.biased
    (flag,) = bias.flags
    assert (flag.kind, flag.voice, flag.text) == ("loaded_wording", "writer", "disastrous")
    assert writer_biased(bias)


def test_loaded_words_in_a_quote_belong_to_the_source():
    text = '"This disastrous plan will ruin the city," the mayor said.'
    rel = relation(
        text, "said", "the mayor", '"This disastrous plan will ruin the city,"', "direct_quote"
    )
    bias = bias_of(text, [rel], wording=["disastrous"])
    assert bias.voice == "mixed"
    (flag,) = bias.flags
    assert flag.voice == "source"
    assert not writer_biased(bias)  # biased, but not in the writer's words


def test_a_fully_quoted_sentence_is_in_the_source_voice():
    text = '"This is a disgrace and a scandal."'
    assert sentence_voice(text, 0, len(text), quote_intervals(text, paragraphs(text))) == "source"


def test_a_loaded_cue_is_the_writers_choice():
    text = "The senator claimed that the figures were wrong."
    rel = relation(text, "claimed", "The senator", "that the figures were wrong")
    bias = bias_of(text, [rel], score=0.1)
    assert [(f.kind, f.text, f.voice, f.rule) for f in bias.flags] == [
        ("loaded_verb", "claimed", "writer", "claim")
    ]
    assert "doubt" in bias.flags[0].reason
    assert not bias.biased


def test_said_is_never_flagged():
    text = "The senator said that the figures were wrong."
    rel = relation(text, "said", "The senator", "that the figures were wrong")
    assert bias_of(text, [rel], score=0.1).flags == []


def test_a_hedge_cue_stays_in_the_writer_voice_though_its_content_holds_it():
    text = "The minister reportedly plans to resign next week"
    rel = relation(text, "reportedly", None, text, "hedge")
    bias = bias_of(text, [rel], score=0.1)
    assert [(f.kind, f.text, f.voice) for f in bias.flags] == [("hedge", "reportedly", "writer")]


def test_a_quoted_hedge_is_the_source():
    text = '"He reportedly fled the country," she said.'
    rel = relation(text, "said", "she", '"He reportedly fled the country,"', "direct_quote")
    bias = bias_of(text, [rel], score=0.1)
    assert [(f.kind, f.voice) for f in bias.flags] == [("hedge", "source")]


def test_unattributed_claims_are_weasels_counted_apart():
    text = "Critics say the plan is doomed."
    weasel = bias_of(text, [], score=0.1)
    assert [(f.kind, f.voice) for f in weasel.flags] == [("weasel", "writer")]
    claim_text = "Smith wants to triple the budget."
    claim = bias_of(claim_text, [], score=0.1)
    assert [f.kind for f in claim.flags] == ["weasel"]
    assert claim.flags[0].rule.startswith("unattributed")
    sentences = [
        Sentence(index=i, start=0, end=len(t), text=t, label="direct", probability=0.1, bias=b)
        for i, (t, b) in enumerate([(text, weasel), (claim_text, claim)])
    ]
    scores = bias_scores(sentences)
    assert (scores["weasels"], scores["unattributed_claims"]) == (1, 1)


def test_writer_bias_share_counts_only_the_writers_sentences():
    writer = bias_of("The disastrous plan will ruin the city.", [], wording=["disastrous"])
    quoted_text = '"This disastrous plan is a disgrace," the mayor said.'
    rel = relation(
        quoted_text, "said", "the mayor", '"This disastrous plan is a disgrace,"', "direct_quote"
    )
    quoted = bias_of(quoted_text, [rel], wording=["disastrous"])
    neutral = bias_of("The council meets on Monday.", [], score=0.1)
    sentences = [
        Sentence(index=i, start=0, end=1, text="x", label="direct", probability=0.1, bias=b)
        for i, b in enumerate([writer, quoted, neutral])
    ]
    assert bias_scores(sentences)["writer_bias_share"] == round(1 / 3, 4)


def test_no_bias_model_means_zero_bias_scores():
    s = Sentence(index=0, start=0, end=1, text="x", label="direct", probability=0.1)
    assert bias_scores([s]) == {
        "writer_bias_share": 0.0,
        "loaded_verbs": 0,
        "hedges": 0,
        "weasels": 0,
        "unattributed_claims": 0,
    }
