"""Page furniture (service.engine.furniture): credits, captions, bylines, rules, subheads and
correction notes are no story text; story sentences that look a little like them are."""

from __future__ import annotations

import pytest

from service.engine.furniture import (
    after_dateline,
    credit_spans,
    furniture_kind,
    holds_no_relation,
    is_furniture,
    is_headline,
    off_furniture,
    strip_dateline,
)
from service.engine.segment import paragraphs
from service.engine.spans import RawRelation


@pytest.mark.parametrize(
    "line, kind",
    [
        ("© Provided by Al Jazeera", "credit"),
        ("(Luis Tato/AFP/Getty Images)", "credit"),
        ("[Jane Doe/ Reuters]", "credit"),
        ("Photo: Jane Doe", "credit"),
        ("A medic treats a man in Goma on Monday. (Luis Tato/AFP/Getty Images)", "credit"),
        ("— Tracy Wilkinson", "byline"),
        ("By Jane Smith and Tom Brown", "prefix"),
        ("———", "rule"),
        ("***", "rule"),
        ("* * *", "rule"),
        ("___.", "rule"),
        ("- No new deaths -", "subhead"),
        ("Corrects ADL title in paragraph 5", "correction"),
        ("(Corrects paragraph 3 to show the ADL said it would review the case)", "correction"),
        ("Correction: An earlier version of this story misspelled a name.", "correction"),
        ("Editor’s note: This story has been updated.", "correction"),
        ("Updates with comment from the minister", "correction"),
        ("Share this article", "prefix"),
        ("[Video: FULL SPEECH: The mayor at the council]", "credit"),
    ],
)
def test_furniture_lines(line, kind):
    assert furniture_kind(line) == kind
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Shares fell 3% on Monday.",
        "The mayor said the budget was balanced.",
        "Correction officers said the jail was full.",
        "He said he/she would go (and/or leave).",
        "- Toronto said it would win the game on Saturday.",
        '"We will win," she said.',
        "Adds up to a lot, she said.",
        "He told his protegÃ©s that it was time.",  # a garbled "é" is no copyright sign
        "The minister was corrected by the speaker.",
        "The bill passed, said MP Jane Doe (Liberal/Toronto Centre).",  # a riding, no credit
        " ".join(["The council met for hours and argued."] * 10) + " (Jo Li/Reuters)",  # a story
        "",
    ],
)
def test_story_lines_are_not_furniture(line):
    assert furniture_kind(line) is None
    assert not is_furniture(line)


def test_credits_inside_a_paragraph():
    text = (
        "A worker looks inside a vehicle. (Luis Tato/AFP/Getty Images) He said (and/or) it "
        "was over, [Jane Doe/ Reuters]"
    )
    assert [text[a:b] for a, b in credit_spans(text)] == [
        "(Luis Tato/AFP/Getty Images)",
        "[Jane Doe/ Reuters]",
    ]
    assert credit_spans("The mayor (a Liberal) said so.") == []
    para = "Flood waters rose. © Provided by Al Jazeera"
    assert [para[a:b] for a, b in credit_spans(para)] == ["© Provided by Al Jazeera"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Correction: An earlier version of this story misspelled a name.", True),
        ("— Tracy Wilkinson", True),
        ("Share this article", True),
        ("Video shows police arriving at the scene.", False),  # may be a lede
        ("The mayor said the budget was balanced.", False),
    ],
)
def test_lines_that_hold_no_relation(line, expected):
    assert holds_no_relation(line) is expected


def test_relations_on_lines_that_hold_no_relation_are_dropped():
    text = "The mayor said the budget was balanced.\nReporting by Jane Doe; editing by Tom Roe"
    said = text.index("said")
    by = text.index("Reporting")

    def rel(cue):
        return RawRelation((cue, cue + 4), None, None, (0, 1), 0.9)

    kept = off_furniture(text, paragraphs(text), [rel(said), rel(by)])
    assert [r.cue[0] for r in kept] == [said]
    story = "The mayor said so."
    assert off_furniture(story, paragraphs(story), [rel(10)]) == [rel(10)]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("State report finds flaws in prison care", True),
        ("Mayor says budget is balanced.", False),  # ends like a sentence
        ("He said the vote would be close:", False),  # a colon introduces a quotation
        ("Officials said the plan 'works'", False),
        ("Five killed in crash (AP)", False),
    ],
)
def test_headlines_are_short_lines_not_ending_like_the_body(line, expected):
    assert is_headline(line, len(line.split())) is expected


def test_a_long_line_is_no_headline():
    line = " ".join(["word"] * 15)
    assert is_headline(line, 15) is False
    assert is_headline(" ".join(["word"] * 14), 14) is True


@pytest.mark.parametrize(
    "text, rest",
    [
        ("BRUSSELS (Reuters) - NATO said on Monday.", "NATO said on Monday."),
        ("LONDON, March 4 (Reuters) - Prices rose.", "Prices rose."),
        ("BOSTON (AP) — The mayor said so.", "The mayor said so."),
        ("The mayor (AP) - said so.", "The mayor (AP) - said so."),  # no capitals: no dateline
    ],
)
def test_datelines_are_stripped_at_the_start_of_a_paragraph(text, rest):
    assert text[strip_dateline(text, 0, len(text)) :] == rest
    assert text[after_dateline(text, 0, len(text)) :] == rest


def test_a_dateline_inside_a_line_is_left_alone():
    text = "He said BRUSSELS (Reuters) - NATO agreed."
    start = text.index("BRUSSELS")
    assert strip_dateline(text, start, len(text)) == start  # not at the start of a line
    assert after_dateline(text, start, len(text)) == text.index("NATO")  # a paragraph's own


def test_a_span_that_is_only_a_dateline_is_emptied():
    text = "WASHINGTON (Reuters) - The Pentagon said so."
    end = text.index(" -")
    assert strip_dateline(text, 0, end) == end
