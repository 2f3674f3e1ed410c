"""Issue 12: bias flags an editor can trust, one test per failure listed in the issue.

Sentences are this project's own, written in the style of the failing copy."""

from __future__ import annotations

import re
import time

import pytest

from service.engine import Engine
from service.engine.bias.flags import SpanIndex, voice

WIRE = """GENEVA (AFP) - Health officials in three West African countries reported 41 new cases of the virus on Thursday, the World Health Organization said.
Early symptoms include fever, muscle pain, weakness and a sore throat, followed by vomiting, diarrhoea and skin eruptions in some patients.
The agency said the outbreak was spreading more slowly than a month ago and that hospitals in the capital had added 200 beds.
- No new deaths -
No new deaths were recorded in the coastal district over the past week, officials said.
———
— Tracy Wilkinson
"""

NEUTRAL = {
    "virus",
    "symptoms",
    "fever",
    "muscle",
    "pain",
    "weakness",
    "sore",
    "vomiting",
    "diarrhoea",
    "eruptions",
    "patients",
    "outbreak",
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def flags(analysis, kind=None):
    return [
        f
        for s in analysis.sentences
        if s.bias
        for f in s.bias.flags
        if kind is None or f.kind == kind
    ]


def test_a_neutral_wire_story_gets_no_flag_on_its_neutral_words(engine):
    a = engine.analyze(WIRE)
    flagged = {w.lower() for f in flags(a, "loaded_wording") for w in re.findall(r"\w+", f.text)}
    assert not flagged & NEUTRAL, flagged
    assert a.scores.writer_bias_share <= 0.25


def test_furniture_lines_are_never_scored(engine):
    a = engine.analyze(WIRE)
    for line in ("- No new deaths -", "———", "— Tracy Wilkinson"):
        s = next(s for s in a.sentences if s.text.strip() == line)
        assert s.bias.score == 0 and not s.bias.biased and s.bias.flags == [], line


def test_titles_and_neutral_nouns_of_conflict_are_not_loaded_by_themselves(engine):
    text = (
        "Vice President Maria Olsen faced criticism over the dispute, and the allegation "
        "and the accusations against her aide were referred to the ethics office. "
        "The entertainer said she would explain her plans on Monday."
    )
    words = {f.text.lower() for f in flags(engine.analyze(text), "loaded_wording")}
    assert not words & {
        "vice",
        "criticism",
        "dispute",
        "allegation",
        "accusations",
        "entertainer",
    }, words


def test_ordinary_reporting_verbs_are_not_loaded(engine):
    text = (
        "The mayor explained that the bridge would reopen in May. The ministry has denied "
        "a request for the documents. The senator claimed the count was rigged."
    )
    verbs = [f.text for f in flags(engine.analyze(text), "loaded_verb")]
    assert "explained" not in verbs and "denied" not in verbs
    assert "claimed" in verbs


def test_whitewash_is_flagged_every_time(engine):
    text = (
        "Opposition leaders called the inquiry a whitewash. The report was a whitewash "
        "of the ministry's failures, and its authors whitewashed the record."
    )
    hits = [
        f for f in flags(engine.analyze(text), "loaded_wording") if "whitewash" in f.text.lower()
    ]
    assert len(hits) == 3


@pytest.mark.parametrize(
    "phrase", ["gaffe-prone tenure", "onslaught of criticism", "drew fierce criticism"]
)
def test_a_loaded_multiword_phrase_is_one_flag(engine, phrase):
    text = f"The governor's budget, the latest twist in a {phrase} story, passed on Friday."
    if phrase == "drew fierce criticism":
        text = "The governor's budget drew fierce criticism from teachers on Friday."
    elif phrase == "onslaught of criticism":
        text = "The governor faced an onslaught of criticism from teachers on Friday."
    elif phrase == "gaffe-prone tenure":
        text = "The governor's gaffe-prone tenure ended on Friday."
    hits = [f for f in flags(engine.analyze(text), "loaded_wording") if phrase.split()[0] in f.text]
    assert len(hits) == 1 and phrase in hits[0].text


def test_every_flag_has_confidence_a_plain_reason_and_evidence(engine):
    text = (
        "The radical senator slammed the bogus report, a shameful whitewash, critics say. "
        "He reportedly admitted that the scheme was a disaster. "
        "“This is a disgraceful cover-up,” the mayor said."
    )
    fs = flags(engine.analyze(text))
    assert {f.kind for f in fs} >= {"loaded_wording", "loaded_verb", "hedge"}
    for f in fs:
        assert 0.0 <= f.confidence <= 1.0
        assert f.reason and not re.search(r"BABE|Riloff|Hu & Liu|Recasens|%|lexicon", f.reason)
        assert f.evidence
    wording = [f for f in fs if f.kind == "loaded_wording"]
    assert all(re.search(r"word model|list", f.evidence) for f in wording)


def test_span_index_gives_the_same_voice_as_the_plain_scan():
    spans = [(0, 50), (10, 12), (40, 90), (95, 96), (100, 400), (120, 130)]
    index = SpanIndex(spans)
    for start in range(0, 420, 7):
        for length in (1, 3, 9, 30):
            end = start + length
            assert voice(start, end, index) == voice(start, end, spans), (start, end)
            assert index.overlaps(start, end) == any(a < end and start < b for a, b in spans)


def test_a_long_text_dense_with_quotes_cues_and_loaded_words_is_fast(engine):
    unit = (
        "“The radical plan is a disgraceful whitewash,” the senator claimed. Critics say "
        "the bogus scheme reportedly slammed taxpayers, officials said. "
    )
    text = unit * (100_000 // len(unit))
    t = time.process_time()
    a = engine.analyze(text)
    with_bias = time.process_time() - t
    t = time.process_time()
    engine.analyze(text, bias=False)
    without = time.process_time() - t
    assert with_bias - without < 3.0, (with_bias, without)
    assert all(
        len([f for f in s.bias.flags if f.kind == "loaded_wording"]) <= 6 for s in a.sentences
    )


def test_words_inside_a_doubtful_relation_stay_the_writers():
    from service.engine.bias.analyse import sentence_voice, voice_spans
    from service.engine.types import Attribution, Span

    text = "The reckless plan will ruin the town, the mayor fears."
    content = Span(start=0, end=36, text=text[:36])
    cue = Span(start=47, end=53, text="fears.")

    def relation(confidence, cue_class="assertion"):
        return Attribution(
            id="a1",
            cue=cue,
            content=content,
            kind="indirect",
            confidence=confidence,
            cue_class=cue_class,
        )

    sure, doubtful = relation(0.95), relation(0.3)
    belief = relation(0.95, cue_class="belief")
    assert voice(4, 12, voice_spans([sure], [])) == "source"
    assert voice(4, 12, voice_spans([doubtful], [])) == "writer"
    assert voice(4, 12, voice_spans([belief], [])) == "writer"
    assert sentence_voice(text, 0, len(text), voice_spans([doubtful], [])) == "writer"
    quoted = voice_spans([doubtful], [(0, 36)])  # a quotation is the source's regardless
    assert voice(4, 12, quoted) == "source"


def test_reasons_offer_a_neutral_word_or_say_what_to_do_instead():
    from service.engine.bias.vocabulary import plain_reason

    assert plain_reason("slammed") == (
        "'slammed' carries a judgement the facts alone do not; a neutral alternative: 'criticized'."
    )
    assert plain_reason("radical").endswith("; instead: name the position.")
    assert plain_reason("dreadful") == "'dreadful' carries a judgement the facts alone do not."
