"""News quotation conventions (issue 11): every quotation-mark style, apostrophes that are no
quotes, quotes over several paragraphs, inverted attribution, continuing quotations."""
from __future__ import annotations

import pytest

from service.engine.features import quote_intervals
from service.engine.segment import paragraphs


def quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_intervals(text, paragraphs(text))]


# ------------------------------------------------------------------------ quotation marks


@pytest.mark.parametrize("text, expected", [
    ('"We will win," he said.', ['"We will win,"']),
    ("“We will win,” he said.", ["“We will win,”"]),
    ("« Nous gagnerons », a-t-il dit.", ["« Nous gagnerons »"]),
    ("«Nous gagnerons», a-t-il dit.", ["«Nous gagnerons»"]),
    ("„Wir gewinnen“, sagte er.", ["„Wir gewinnen“"]),
    ("‚Wir gewinnen‘, sagte er.", ["‚Wir gewinnen‘"]),
    ("‘We will win,’ he said.", ["‘We will win,’"]),
    ("'We will win,' he said.", ["'We will win,'"]),
    ("'We will win', he said.", ["'We will win'"]),
    ("Headline: Mayor says 'we will rebuild'", ["'we will rebuild'"]),
])
def test_every_quotation_mark_style(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", [
    "Don't tell O'Brien about the '90s or the players' union.",
    "The Smiths' dog and the Joneses' cat don’t get along in the ’80s.",
    "It's rock 'n' roll, isn't it?",
    "We'll see what 'em folks say 'til Tuesday.",
])
def test_apostrophes_are_no_quotation_marks(text):
    assert quoted(text) == []


def test_apostrophes_inside_a_single_quoted_quotation():
    text = "'The players' union can't agree,' she said. 'We're stuck in the '90s.'"
    assert quoted(text) == ["'The players' union can't agree,'", "'We're stuck in the '90s.'"]


def test_single_marks_inside_double_quotes_are_part_of_the_quotation():
    text = 'He said "it was \'a disaster,\' frankly" and left.'
    assert quoted(text) == ['"it was \'a disaster,\' frankly"']


def test_double_marks_inside_single_quotes_are_part_of_the_quotation():
    text = "'He called it \"a disaster\",' she said."
    assert quoted(text) == ["'He called it \"a disaster\",'"]


def test_single_quotes_over_paragraphs_follow_the_news_convention():
    text = "'One more thing.\n'And another,' she said.\n'Unclosed but nothing follows\nNarration."
    assert quoted(text) == ["'One more thing.", "'And another,'"]
