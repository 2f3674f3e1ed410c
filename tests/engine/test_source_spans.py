"""clean_source (service.engine.source_spans): a raw source span trimmed to who speaks, or None."""

from __future__ import annotations

import pytest
from helpers import span_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.engine.quotes import quote_intervals
from service.engine.segment import paragraphs
from service.engine.source_spans import clean_source


def clean(text: str, source: str, cue: str, nth: int = 0) -> str | None:
    """The cleaned text of ``source`` (its nth occurrence) for the relation whose cue is the
    first ``cue`` in the text."""
    span = span_of(text, source, nth)
    c = span_of(text, cue)
    out = clean_source(text, span, quote_intervals(text, paragraphs(text)), c)
    return None if out is None else text[out[0] : out[1]]


@pytest.mark.parametrize(
    "text, source, cue, expected",
    [
        # sources that speak stay as they are, titles and appositions included
        (
            "Mayor Lena Park said the budget was balanced.",
            "Mayor Lena Park",
            "said",
            "Mayor Lena Park",
        ),
        ("AP said the count was final.", "AP", "said", "AP"),
        ("On Friday the WHO said cases had fallen.", "the WHO", "said", "the WHO"),
        ("Officials said the road would reopen.", "Officials", "said", "Officials"),
        ("Theresa May said she would stay.", "Theresa May", "said", "Theresa May"),
        ("Kelly said the plan had failed.", "Kelly", "said", "Kelly"),
        (
            "Early results of the exit poll show a tie.",
            "Early results of the exit poll",
            "show",
            "Early results of the exit poll",
        ),
        (
            "Dana Ruiz, a nurse at the clinic, said the queue was long.",
            "Dana Ruiz, a nurse at the clinic",
            "said",
            "Dana Ruiz, a nurse at the clinic",
        ),
        (
            "The Office for National Statistics (ONS) said output rose.",
            "The Office for National Statistics (ONS)",
            "said",
            "The Office for National Statistics (ONS)",
        ),
        (
            "Rep. Joan Avery (D-Ore.) said the bill was dead.",
            "Rep. Joan Avery (D-Ore.)",
            "said",
            "Rep. Joan Avery (D-Ore.)",
        ),
        ("In Bolton's view, the deal was bad.", "Bolton's", "view", "Bolton's"),
        ("As Ms. Okafor put it, the vote was close.", "Ms. Okafor", "put it", "Ms. Okafor"),
        # fronted phrases, parentheticals and trailing adverbs are no part of a source
        (
            "Originally from Arichat, N.S., Martell says the clinic is full.",
            "Originally from Arichat, N.S., Martell",
            "says",
            "Martell",
        ),
        (
            "As a student at a law firm, Rosa Imber said she was asked to speak.",
            "a student at a law firm, Rosa Imber",
            "said",
            "Rosa Imber",
        ),
        (
            "The schools will reopen (Central Okanagan) Education Minister Rob Fleming said.",
            "(Central Okanagan) Education Minister Rob Fleming",
            "said",
            "Education Minister Rob Fleming",
        ),
        ("Pompeo later told reporters the talks were over.", "Pompeo later", "told", "Pompeo"),
        ("Hanna Berg continually says that.", "Hanna Berg continually", "says", "Hanna Berg"),
        (
            "The High Court this month ruled that the law stands.",
            "The High Court this month",
            "ruled",
            "The High Court",
        ),
        (
            "Attorney General Roy Tate (D), his rival, said so.",
            "Attorney General Roy Tate (D",
            "said",
            "Attorney General Roy Tate",
        ),
        # a name cut short before the cue is completed
        (
            "Nation of Islam leader Louis Farrakhan said the march would go ahead.",
            "Nation",
            "said",
            "Nation of Islam leader Louis Farrakhan",
        ),
        # a clause run into the source keeps the noun phrase that speaks
        (
            "The campaign says the candidate will announce a plan.",
            "The campaign says the candidate",
            "will announce",
            "The campaign",
        ),
        (
            "Ham, the new administration has fired its generals, according to him.",
            "Ham, the new administration has fired its generals",
            "according",
            "Ham",
        ),
        (
            "According to the Daily Ledger, city spokesman Jo Marsh denied it.",
            "the Daily Ledger, city spokesman Jo Marsh",
            "According to",
            "the Daily Ledger",
        ),
        (
            "The gap between what Trump says and does is wide.",
            "The gap between what Trump",
            "says",
            "Trump",
        ),
        (
            "She quoted it. — Carla Mendes.\n\nGetty/Instagram.",
            "Carla Mendes.\n\nGetty",
            "—",
            "Carla Mendes",
        ),
        # a relative clause in the source slot is its relative pronoun (the name before it)
        (
            "Forward Jonah Keel, who scored both goals, said the room was calm.",
            "who scored both goals",
            "said",
            "who",
        ),
        # the "'s" of a pronoun is "is"; a name's "'s" is its possessive
        ("It’s denouncing the plan, the group said.", "It’s", "denouncing", "It"),
        # a possessive pronoun opens a noun phrase, not a clause; "this" may be a document
        ("Her campaign said the ads would run.", "Her campaign", "said", "Her campaign"),
        ("But this only explains part of it.", "this", "explains", "this"),
        # a comparison ("like Obama") is no part of the source
        (
            "Hillary Clinton, like Obama, has said so.",
            "Hillary Clinton, like Obama",
            "has said",
            "Hillary Clinton",
        ),
        (
            "According to Yahoo News, Clinton spokesman Jo Lee said no.",
            "According to Yahoo News, Clinton spokesman Jo Lee",
            "said no",
            "Clinton spokesman Jo Lee",
        ),
        (
            "Kasich: Values Americans Believe In\nJohn Kasich said it was fair.",
            "John Kasich",
            "said",
            "John Kasich",
        ),  # the "In" ending the line before is no preposition of his
        # a pronoun after a fronted phrase without a comma is the subject
        (
            "In my third year of study I decided to stay.",
            "my third year of study I",
            "decided",
            "I",
        ),
        # an auxiliary opening a question: "do you [think]"
        ("So do you think it will pass?", "do you", "think", "you"),
        # an adverb alone gives way to the subject before the cue
        ("Somehow, he said, the money was found.", "Somehow", "said", "he"),
        ("Somehow, he said, the money was found.", "Somehow, he", "said", "he"),
    ],
)
def test_a_source_span_is_trimmed_to_who_speaks(text, source, cue, expected):
    assert clean(text, source, cue) == expected


@pytest.mark.parametrize(
    "text, source, cue",
    [
        ("Somehow said the money was found.", "Somehow", "said"),  # an adverb
        ("Originally, it was said to be safe.", "Originally", "said"),
        ("It isn't what they said.", "isn't", "said"),  # function words
        ("Having said that, taxes will rise.", "Having", "said"),
        ("Let me speak to the point.", "me speak", "to the point"),  # an object and its verb
        ("The ad then references the report.", "The", "references"),
        ("The ministry issued a health warning on Monday.", "health", "warning"),  # a noun
        ("Cases rose in Nova Scotia, officials said.", "Nova Scotia", "said"),  # a place
        (
            "The schools will reopen (Central Okanagan) Education Minister Rob Fleming said.",
            "Central Okanagan",
            "said",
        ),  # a parenthesis
        ("© Provided by Al Jazeera", "Provided", "by"),  # a credit line
        (
            "A medic treats a man in Goma. (Luis Tato/AFP/Getty Images)\n\nHe said it was calm.",
            "Luis Tato",
            "said",
        ),  # a caption's credit
        (
            "(Corrects ADL title in paragraph 5)\n\nThe ADL said it would review the case.",
            "Corrects ADL",
            "title",
        ),  # a correction note
        ("By Jane Smith\n\nThe council voted on Monday.", "Jane Smith", "voted"),  # a byline
        ('"We will win the cup," coach Ola Berg said.', "We", "said"),  # inside the quote
        (
            "A neighbour, who asked not to be named because she rents from the family, complained.",
            "she rents from the family",
            "complained",
        ),  # a clause
    ],
)
def test_a_span_that_cannot_speak_is_no_source(text, source, cue):
    assert clean(text, source, cue) is None


def test_a_parenthesis_holding_its_own_relation_keeps_its_source():
    text = "The vote passed. (Mayor Lena Park said it was close.)"
    assert clean(text, "Mayor Lena Park", "said") == "Mayor Lena Park"


def test_no_span_and_bad_offsets():
    assert clean_source("Officials said so.", None) is None
    assert clean_source("Officials said so.", (5, 5)) is None
    assert clean_source("Officials said so.", (9, 10)) is None  # a space
    assert clean_source("Officials said so.", (0, 9)) == (0, 9)  # no cue given
    assert clean_source("Officials said so.", (-4, 9)) == (0, 9)  # clipped to the text


_WORDS = st.sampled_from(
    [
        "He",
        "said",
        "Mr.",
        "Smith",
        "the",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".",
        "\n\n",
        '"',
        "“",
        "”",
        "Somehow",
        "later",
        "in",
        "Nova",
        "Scotia",
        "As",
        "a",
        "lawyer",
        "who",
        "says",
        "will",
        "(AP)",
        "BRUSSELS",
        "—",
        "©",
        "Provided",
        "by",
        "/",
        "Getty",
        "Images",
        "officials",
        "Corrects",
        "this",
        "month",
        "'s",
        "of",
        "leader",
        "\ud800",
        "é",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(_WORDS, max_size=30),
    a=st.integers(-3, 200),
    b=st.integers(-3, 200),
    c=st.integers(-3, 200),
    with_cue=st.booleans(),
)
def test_a_cleaned_span_lies_within_the_span_or_runs_on_to_its_cue(words, a, b, c, with_cue):
    text = " ".join(words)
    a, b = min(a, b), max(a, b)
    cue = (c, c + 4) if with_cue else None
    out = clean_source(text, (a, b), None, cue)
    if out is None:
        return
    s, e = out
    assert 0 <= max(a, 0) <= s < e <= len(text)
    assert e <= max(b, cue[0] if cue else b)
    assert text[s:e].strip() == text[s:e]
