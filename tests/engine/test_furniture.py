"""Page furniture (service.engine.furniture): credits, captions, bylines, rules, subheads and
correction notes are no story text; story sentences that look a little like them are."""

from __future__ import annotations

import pytest

from service.engine.furniture import credit_spans, furniture_kind, holds_no_relation, is_furniture


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
