"""Source grouping, typing and pronoun resolution (service.engine.sources) on hand-written news."""

from __future__ import annotations

import time

import pytest
from helpers import span_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.engine import source_lexicon as L
from service.engine.quotes import quote_intervals
from service.engine.segment import paragraphs
from service.engine.sources import Mention, resolve_sources
from service.engine.sources.article import Article, sentence_starts
from service.engine.types import Source


def word_span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth whole-word occurrence of phrase ("he" does not match inside "the")."""
    return span_of(text, phrase, nth, whole_word=True)


def run(text: str, phrases: list) -> tuple[list[Source], list[str | None], dict[str, Source]]:
    """Resolve the given mentions (phrase, (phrase, nth) or None) and check the invariants."""
    mentions = []
    for p in phrases:
        if p is None:
            mentions.append(None)
        elif isinstance(p, tuple):
            mentions.append(word_span(text, *p))
        else:
            mentions.append(word_span(text, p))
    sources, ids = resolve_sources(text, mentions)
    check_invariants(text, mentions, sources, ids)
    return sources, ids, {s.id: s for s in sources}


def check_invariants(text, mentions, sources, ids):
    assert len(ids) == len(mentions)
    assert [s.id for s in sources] == [f"s{i}" for i in range(1, len(sources) + 1)]
    firsts = [s.mentions[0].start for s in sources]
    assert firsts == sorted(firsts), "ids follow the order of first mention"
    for s in sources:
        assert s.mentions, s
        assert s.attribution_count == ids.count(s.id)
        for m in s.mentions:
            assert m.text == text[m.start : m.end]
        spans = sorted({mentions[i] for i, sid in enumerate(ids) if sid == s.id})
        assert [(m.start, m.end) for m in s.mentions] == spans
        assert s.named == (s.named and s.type in ("person", "organization", "publication"))
    for m, sid in zip(mentions, ids):
        if m is None:
            assert sid is None


def texts(source: Source) -> list[str]:
    return [m.text for m in source.mentions]


def find(sources: list[Source], name: str) -> Source:
    matches = [s for s in sources if s.name == name]
    assert len(matches) == 1, (name, [s.name for s in sources])
    return matches[0]


# --------------------------------------------------------------------------------------------
# articles

WIRE = """Britain's economy grows faster than expected
By Jane Smith
3 min read
Advertisement

LONDON (Reuters) - Britain's economy grew 0.4% in the third quarter, the Office for National \
Statistics (ONS) said on Thursday, beating forecasts.

Economists polled by Reuters had expected growth of 0.2%. "The recovery is broadening," said \
Grant Fitzner, the ONS's chief economist.

The ONS said services output rose for a third month. Fitzner said manufacturing was flat.

She said the figures were encouraging.

Share this article
Reporting by Jane Smith; Editing by Tom Brown
"""


def test_wire_story_with_byline_and_page_furniture():
    sources, ids, by = run(
        WIRE,
        [
            "the Office for National Statistics (ONS)",
            "Economists polled by Reuters",
            "Grant Fitzner, the ONS's chief economist",
            "The ONS",
            "Fitzner",
            "She",
        ],
    )
    assert ids == ["s1", "s2", "s3", "s1", "s3", None]
    ons, economists, fitzner = sources
    assert (ons.name, ons.type, ons.named, ons.attribution_count) == (
        "Office for National Statistics",
        "organization",
        True,
        2,
    )
    assert texts(ons) == ["the Office for National Statistics (ONS)", "The ONS"]
    assert (economists.type, economists.named) == ("anonymous", False)
    assert economists.name == "economists polled by Reuters"
    assert (fitzner.name, fitzner.type, fitzner.named, fitzner.attribution_count) == (
        "Grant Fitzner",
        "person",
        True,
        2,
    )
    # "She" has no woman to refer to: the byline and the credit line are page furniture
    assert all("Smith" not in s.name and "Brown" not in s.name for s in sources)


RUTTE = """NATO chief pledges more air defence for Ukraine

BRUSSELS (AP) — NATO Secretary General Mark Rutte said on Tuesday that allies would send more \
air defence systems to Ukraine before winter.

"I told the ministers that we cannot wait," Rutte told reporters after meeting President \
Volodymyr Zelensky's chief of staff.

Mr. Rutte said the alliance would also expand training missions. He added that a decision on \
funding was expected in June.
"""


def test_titles_surname_honorific_pronoun_and_quoted_i_are_one_person():
    sources, ids, by = run(
        RUTTE,
        [
            "NATO Secretary General Mark Rutte",
            "I",
            ("Rutte", 1),
            "Mr. Rutte",
            "He",
        ],
    )
    assert ids == ["s1"] * 5
    (rutte,) = sources
    assert (rutte.name, rutte.type, rutte.named, rutte.attribution_count) == (
        "Mark Rutte",
        "person",
        True,
        5,
    )
    assert texts(rutte) == ["NATO Secretary General Mark Rutte", "I", "Rutte", "Mr. Rutte", "He"]


def test_source_mention_beats_a_name_in_running_text_at_equal_distance():
    text = (
        "NATO Secretary General Mark Rutte said after meeting President Volodymyr Zelensky "
        "that more aid would come. He added that the alliance was united."
    )
    sources, ids, by = run(text, ["NATO Secretary General Mark Rutte", "He"])
    assert ids == ["s1", "s1"]
    assert by["s1"].name == "Mark Rutte"


FT = """Shares in Acme Corp fell 5% on Monday after the Financial Times (FT) reported that the \
company was in talks to sell its European unit.

The publication said, citing people familiar with the matter, that the talks were at an early \
stage. Acme declined to comment.

Jane Doe, a spokeswoman for the company, said later that Acme "does not comment on market \
rumours." According to the FT, bankers have approached three buyers. The company's spokeswoman \
said the unit was profitable.
"""


def test_acronym_in_parentheses_and_the_publication_refer_to_the_ft():
    sources, ids, by = run(
        FT,
        [
            "the Financial Times (FT)",
            "The publication",
            "people familiar with the matter",
            ("Acme", 1),
            "Jane Doe, a spokeswoman for the company",
            "the FT",
            "The company's spokeswoman",
        ],
    )
    assert ids == ["s1", "s1", "s2", "s3", "s4", "s1", "s4"]
    ft, people, acme, doe = sources
    assert (ft.name, ft.type, ft.named, ft.attribution_count) == (
        "Financial Times",
        "publication",
        True,
        3,
    )
    assert texts(ft) == ["the Financial Times (FT)", "The publication", "the FT"]
    assert (people.type, people.named, people.name) == (
        "anonymous",
        False,
        "people familiar with the matter",
    )
    # the bare "Acme" takes its full name from the text
    assert (acme.name, acme.type, acme.named) == ("Acme Corp", "organization", True)
    # apposition: the named part wins; the role says she is the company's spokeswoman
    assert (doe.name, doe.type, doe.named, doe.attribution_count) == ("Jane Doe", "person", True, 2)


ANON = """WASHINGTON — President Joe Biden will travel to Kyiv next week, according to three \
officials briefed on the trip.

The officials said the visit had been planned for months. A person familiar with the matter \
said security was the main concern.

Critics said the trip was risky. "It sends the wrong signal," said Sen. Tom Cotton, an \
Arkansas Republican.

A White House spokesman declined to comment. Cotton's spokesman said the senator stood by his \
remarks. A senior administration official said the trip would go ahead. He said the president \
was looking forward to it.
"""


def test_anonymous_sources_and_spokespeople():
    sources, ids, by = run(
        ANON,
        [
            "three officials briefed on the trip",
            "The officials",
            "A person familiar with the matter",
            "Critics",
            "Sen. Tom Cotton, an Arkansas Republican",
            "A White House spokesman",
            "Cotton's spokesman",
            "A senior administration official",
            "He",
        ],
    )
    assert ids == ["s1", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s7"]
    officials, person, critics, cotton, wh, cotton_spox, senior = sources
    for s in (officials, person, critics, senior):
        assert (s.type, s.named) == ("anonymous", False)
    assert officials.name == "three officials briefed on the trip"
    assert officials.attribution_count == 2
    assert texts(officials) == ["three officials briefed on the trip", "The officials"]
    assert person.name == "person familiar with the matter"
    assert critics.name == "critics"
    assert (cotton.name, cotton.type, cotton.named) == ("Tom Cotton", "person", True)
    # a spokesperson for an identified principal: a person, not named
    assert (wh.name, wh.type, wh.named) == ("spokesperson for White House", "person", False)
    assert (cotton_spox.name, cotton_spox.type, cotton_spox.named) == (
        "spokesperson for Tom Cotton",
        "person",
        False,
    )
    # "He" refers to the unnamed official of the sentence before, not to an earlier name
    assert texts(senior) == ["A senior administration official", "He"]


def test_spokesperson_without_principal_is_anonymous():
    text = "A spokesman declined to comment. A spokeswoman for the agency said it would respond."
    sources, ids, by = run(text, ["A spokesman", "A spokeswoman for the agency"])
    assert [(s.type, s.named) for s in sources] == [("anonymous", False)] * 2
    assert ids == ["s1", "s2"]


def test_possessive_spokesperson_is_its_own_source_and_takes_the_full_name():
    text = (
        "Senator John Smith voted against the bill on Tuesday. Smith's spokesman said the "
        "senator would explain his vote on Friday. Smith said he had no regrets."
    )
    sources, ids, by = run(text, ["Smith's spokesman", ("Smith", 2), "he"])
    assert ids == ["s1", "s2", "s2"]
    assert (by["s1"].name, by["s1"].type, by["s1"].named) == (
        "spokesperson for John Smith",
        "person",
        False,
    )
    assert (by["s2"].name, by["s2"].type, by["s2"].named) == ("John Smith", "person", True)


DOC = """A Pew Research Center poll released Monday found that 61% of Americans support the \
measure. The poll also found that support had grown since last year.

Separately, a report by the Government Accountability Office (GAO) said the program had cost \
$4 billion more than planned. The report said oversight was weak. It found that contractors \
were paid late.
"""


def test_polls_and_reports_are_documents_and_it_refers_to_the_report():
    sources, ids, by = run(
        DOC,
        [
            "A Pew Research Center poll",
            "The poll",
            "a report by the Government Accountability Office (GAO)",
            "The report",
            "It",
        ],
    )
    assert ids == ["s1", "s1", "s2", "s2", "s2"]
    poll, report = sources
    assert (poll.name, poll.type, poll.named, poll.attribution_count) == (
        "Pew Research Center poll",
        "document",
        False,
        2,
    )
    assert (report.type, report.named, report.attribution_count) == ("document", False, 3)
    assert report.name == "report by the Government Accountability Office"


GENDER = """Maria Lopez, the city's budget director, said the shortfall would reach $40 million \
next year.

Councilman David Chen said the estimate was too low. She said the city would have to cut \
spending; he said taxes should rise instead.
"""


def test_he_and_she_resolve_to_the_person_of_their_gender():
    sources, ids, by = run(
        GENDER,
        [
            "Maria Lopez, the city's budget director",
            "Councilman David Chen",
            "She",
            "he",
        ],
    )
    assert ids == ["s1", "s2", "s1", "s2"]
    assert [(s.name, s.type, s.named, s.attribution_count) for s in sources] == [
        ("Maria Lopez", "person", True, 2),
        ("David Chen", "person", True, 2),
    ]


def test_honorific_gives_the_gender():
    text = (
        "Ms. Okafor said the budget was balanced. Mr. Lindqvist said it was not. She said "
        "the numbers were audited."
    )
    sources, ids, by = run(text, ["Ms. Okafor", "Mr. Lindqvist", "She"])
    assert ids == ["s1", "s2", "s1"]
    assert by["s1"].type == "person"


@pytest.mark.parametrize(
    "text, phrases, expected",
    [
        # two men in the sentence before, both in running text
        (
            "Senator John Smith and Governor Robert Jones met in Denver on Friday to discuss water "
            "rights. He said the talks were productive.",
            ["He"],
            [None],
        ),
        # two men, both sources, equally near
        (
            "John Smith said the plan was sound, and Robert Jones said it was too costly. He added "
            "that a vote was expected next month.",
            ["John Smith", "Robert Jones", "He"],
            ["s1", "s2", None],
        ),
    ],
)
def test_ambiguous_he_stays_unresolved(text, phrases, expected):
    sources, ids, by = run(text, phrases)
    assert ids == expected
    assert len(sources) == len([i for i in expected if i])  # the pronoun made no source


@pytest.mark.parametrize(
    "text",
    [
        "The decision was announced late on Friday. He said the decision was final.",
        # a candidate, but more than three paragraphs back
        "Mark Rutte arrived in Kyiv on Tuesday.\n\nThe visit was unannounced.\n\nAir raid sirens "
        "sounded twice.\n\nResidents were cautious.\n\nHe said the alliance stood with Ukraine.",
        # only a man in view
        "Mark Rutte arrived in Kyiv on Tuesday. She said the alliance stood with Ukraine.",
    ],
)
def test_pronoun_without_antecedent_is_unresolved(text):
    pron = "He" if "He said" in text else "She"
    sources, ids, by = run(text, [pron])
    assert ids == [None] and sources == []


def test_pronoun_finds_a_name_that_is_not_a_source_mention():
    text = "Mark Rutte arrived in Kyiv on Tuesday.\n\nHe said the alliance stood with Ukraine."
    sources, ids, by = run(text, ["He"])
    assert ids == ["s1"]
    assert (by["s1"].name, by["s1"].type, by["s1"].named, texts(by["s1"])) == (
        "Mark Rutte",
        "person",
        True,
        ["He"],
    )


def test_they_resolves_to_an_organisation():
    text = (
        "The Federal Aviation Administration (FAA) said on Saturday that it had grounded 171 "
        "Boeing 737 MAX 9 jets. They said inspections would take several weeks. The FAA "
        "said airlines had been told."
    )
    sources, ids, by = run(
        text, ["The Federal Aviation Administration (FAA)", "They", ("The FAA", 0)]
    )
    assert ids == ["s1", "s1", "s1"]
    assert (by["s1"].name, by["s1"].type, by["s1"].named) == (
        "Federal Aviation Administration",
        "organization",
        True,
    )


def test_they_resolves_to_an_anonymous_group():
    text = "Critics say the plan is too costly. They argue that taxes will rise."
    sources, ids, by = run(text, ["Critics", "They"])
    assert ids == ["s1", "s1"]
    assert by["s1"].type == "anonymous"


def test_publication_short_forms_and_the_newspaper():
    text = (
        "The New York Times reported on Sunday that the deal was close. According to the "
        "Times, the talks lasted six hours. The newspaper said a deal could come this week. "
        "The Washington Post, citing two officials, said otherwise. The Post said the talks "
        "had stalled. Reuters and CNN did not report the talks."
    )
    sources, ids, by = run(
        text,
        [
            "The New York Times",
            "the Times",
            "The newspaper",
            "The Washington Post",
            "two officials",
            "The Post",
            "Reuters",
            "CNN",
        ],
    )
    assert ids == ["s1", "s1", "s1", "s2", "s3", "s2", "s4", "s5"]
    assert [(s.name, s.type, s.named) for s in sources] == [
        ("The New York Times", "publication", True),
        ("The Washington Post", "publication", True),
        ("two officials", "anonymous", False),
        ("Reuters", "publication", True),
        ("CNN", "publication", True),
    ]


def test_organisation_names_acronyms_and_generic_references():
    text = (
        "The Trump campaign said on Tuesday that it had raised $50 million. The campaign said "
        "the money came from small donors. The Justice Department declined to comment. The "
        "Department of Justice later said it was reviewing the matter. The Federal Bureau of "
        "Investigation opened an inquiry, the FBI said. The government said nothing."
    )
    sources, ids, by = run(
        text,
        [
            "The Trump campaign",
            "The campaign",
            "The Justice Department",
            "The Department of Justice",
            "the FBI",
            "The government",
        ],
    )
    assert ids == ["s1", "s1", "s2", "s2", "s3", "s4"]
    assert [(s.name, s.type, s.named) for s in sources] == [
        ("Trump campaign", "organization", True),
        ("Department of Justice", "organization", True),
        ("Federal Bureau of Investigation", "organization", True),
        ("government", "organization", False),  # nothing to refer back to: unnamed
    ]


@pytest.mark.parametrize(
    "phrase, name, kind, named",
    [
        ("Tesla chief executive Elon Musk", "Elon Musk", "person", True),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "person", True),
        ("White House Press Secretary Karine Jean-Pierre", "Karine Jean-Pierre", "person", True),
        (
            "European Commission President Ursula von der Leyen",
            "Ursula von der Leyen",
            "person",
            True,
        ),
        ("Syrian President Bashar al-Assad", "Bashar al-Assad", "person", True),
        ("Rep. Alexandria Ocasio-Cortez, D-N.Y.,", "Alexandria Ocasio-Cortez", "person", True),
        ("Gov. Howard Dean", "Howard Dean", "person", True),
        ("the White House", "White House", "organization", True),
        ("NATO", "NATO", "organization", True),
        ("Human Rights Watch", "Human Rights Watch", "organization", True),
        ("the Boston Globe", "The Boston Globe", "publication", True),
        ("the Kyiv Post", "Kyiv Post", "publication", True),
        ("Democrats", "Democrats", "anonymous", False),
        ("Some", "some", "anonymous", False),
        ("analysts", "analysts", "anonymous", False),
        ("insiders", "insiders", "anonymous", False),
        ("court documents", "court documents", "document", False),
        ("a statement", "statement", "document", False),
        ("The move", "move", "unknown", False),
    ],
)
def test_single_mention_types(phrase, name, kind, named):
    text = f"Earlier this week, {phrase} said the talks would resume."
    sources, ids, by = run(text, [phrase])
    assert [(s.name, s.type, s.named) for s in sources] == [(name, kind, named)]


def test_bare_title_refers_back_to_the_person_who_holds_it():
    text = (
        "Sen. Elizabeth Warren criticised the merger on Monday, and the senator later said it "
        "should be blocked."
    )
    sources, ids, by = run(text, ["Sen. Elizabeth Warren", "the senator"])
    assert ids == ["s1", "s1"]
    assert by["s1"].name == "Elizabeth Warren"


def test_first_person_pronouns():
    text = (
        'By Anna Kowalski\n\nI asked the minister about the plan. "We have no choice," '
        "Prime Minister Keir Starmer said. We could not confirm the figures."
    )
    sources, ids, by = run(text, ["I", "We", "Prime Minister Keir Starmer", ("We", 1)])
    # "I" outside quotes is the byline's author; "We" inside the quote is its speaker;
    # "we" outside quotes (the newsroom) stays unresolved
    assert ids == ["s1", "s2", "s2", None]
    assert (by["s1"].name, by["s1"].type) == ("Anna Kowalski", "person")
    assert by["s2"].name == "Keir Starmer"


def test_bare_capitalised_word_is_an_organisation_until_a_pronoun_says_otherwise():
    text = (
        "Microsoft said it would invest $2 billion in the region.\n\n"
        '"We will build it," Okonkwo said. Then he left the stage.'
    )
    sources, ids, by = run(text, ["Microsoft", "Okonkwo", "he"])
    assert ids == ["s1", "s2", "s2"]
    assert (by["s1"].type, by["s1"].named) == ("organization", True)
    assert (by["s2"].name, by["s2"].type, by["s2"].named) == ("Okonkwo", "person", True)


def test_none_invalid_and_repeated_mentions():
    text = "Rutte said the alliance was united. Rutte said again that it was united."
    first = word_span(text, "Rutte")
    mentions = [
        first,
        None,
        (500, 600),
        (3, 3),
        (-5, -1),
        Mention(*first),
        word_span(text, "Rutte", 1),
    ]
    sources, ids = resolve_sources(text, mentions)
    assert ids == ["s1", None, None, None, None, "s1", "s1"]
    (s,) = sources
    # two relations share one span: counted twice, listed once
    assert s.attribution_count == 3
    assert [(m.start, m.end) for m in s.mentions] == [first, word_span(text, "Rutte", 1)]
    assert resolve_sources("", [None]) == ([], [None])
    assert resolve_sources("Anything.", []) == ([], [])


def test_whitespace_only_and_punctuation_only_mentions_are_unresolved():
    text = "A  ,  B said so."
    sources, ids = resolve_sources(text, [(1, 3), (3, 4)])
    assert ids == [None, None] and sources == []


def test_sources_serialise_with_the_analysis_schema():
    sources, ids, by = run(FT, ["the Financial Times (FT)", "The publication"])
    data = sources[0].model_dump(mode="json")
    assert set(data) == {
        "id",
        "name",
        "type",
        "named",
        "mentions",
        "attribution_count",
        "attribution_ids",
    }
    assert data["attribution_ids"] == []  # the pipeline fills them in from the attributions
    assert data["mentions"][0] == {
        "start": FT.index("the Financial"),
        "end": FT.index("the Financial") + len("the Financial Times (FT)"),
        "text": "the Financial Times (FT)",
    }


def test_lexicons_are_frozen_and_modest():
    for name in (
        "TITLE_WORDS",
        "ANON_HEADS",
        "DOC_NOUNS",
        "ORG_SUFFIXES",
        "MALE_NAMES",
        "FEMALE_NAMES",
        "PUB_WORDS",
        "PUB_GENERIC",
        "KNOWN_ORGS",
    ):
        value = getattr(L, name)
        assert isinstance(value, frozenset) and value, name
        assert all(w == w.lower() for w in value), name
    assert 150 <= len(L.MALE_NAMES) <= 300 and 150 <= len(L.FEMALE_NAMES) <= 300
    assert not L.MALE_NAMES & L.FEMALE_NAMES
    assert L.OUTLET_ALIASES["ft"] == "Financial Times"
    assert L.OUTLET_ALIASES["ap"] == "The Associated Press"


def test_fast_on_a_long_article():
    articles = [
        (
            ANON,
            [
                "three officials briefed on the trip",
                "The officials",
                "A person familiar with the matter",
                "Critics",
                "Sen. Tom Cotton, an Arkansas Republican",
                "A White House spokesman",
                "Cotton's spokesman",
                "A senior administration official",
                "He",
            ],
        ),
        (GENDER, ["Maria Lopez, the city's budget director", "Councilman David Chen", "She", "he"]),
        (DOC, ["A Pew Research Center poll", "The poll", "The report", "It"]),
    ]
    text, mentions = "", []
    for _ in range(12):
        for article, phrases in articles:
            offset = len(text)
            mentions += [
                (offset + a, offset + b) for a, b in (word_span(article, p) for p in phrases)
            ]
            text += article + "\n"
    resolve_sources(text, mentions)  # warm up
    t0 = time.perf_counter()
    sources, ids = resolve_sources(text, mentions)
    per_relation = (time.perf_counter() - t0) / len(mentions)
    assert per_relation < 1e-3, f"{per_relation * 1e6:.0f} µs per relation"
    check_invariants(text, mentions, sources, ids)


_WORDS = st.sampled_from(
    [
        "He",
        "she",
        "said",
        "Mr.",
        "Smith",
        "the",
        "company",
        "officials",
        "The",
        "Times",
        "(FT)",
        "Acme",
        "Corp",
        ",",
        ".",
        "\n\n",
        '"',
        "report",
        "NATO",
        "Secretary",
        "General",
        "I",
        "they",
        "it",
        "spokesman",
        "for",
        "'s",
        "al-",
        "von",
        "der",
        "\ud800",
        "é",
        "-",
        "Jr.",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(_WORDS, min_size=0, max_size=40),
    cuts=st.lists(st.tuples(st.integers(-3, 300), st.integers(-3, 300)), max_size=12),
    nones=st.lists(st.booleans(), max_size=12),
)
def test_any_text_and_spans_keep_the_invariants(words, cuts, nones):
    text = " ".join(words)
    mentions = [
        None if (i < len(nones) and nones[i]) else (min(a, b), max(a, b))
        for i, (a, b) in enumerate(cuts)
    ]
    sources, ids = resolve_sources(text, mentions)
    valid = [
        m if m is not None and 0 <= m[0] < m[1] <= len(text) and text[m[0] : m[1]].strip() else None
        for m in mentions
    ]
    assert all(sid is None for m, sid in zip(valid, ids) if m is None)
    check_invariants(text, valid, sources, ids)


def test_a_city_named_like_a_woman_is_not_an_antecedent():
    text = (
        "Mrs. Clinton has held rallies in Cleveland and in Charlotte, N.C., this month.\n\n"
        "She said the turnout had been strong."
    )
    sources, ids, by = run(text, ["She"])
    assert ids == ["s1"]
    assert (by["s1"].name, by["s1"].type) == ("Clinton", "person")


def test_relative_second_person_and_possessive_pronouns():
    text = (
        '"The numbers do not add up," said Pat Caddell, who has advised Democrats for '
        "decades. You may disagree. His point is simple, and the program, which began in "
        "1990, is popular."
    )
    sources, ids, by = run(text, ["Pat Caddell", "who", "You", "His", "which"])
    # "who" follows the name; "You" is the reader; "His" reads as "he"; nothing named
    # ends right before "which"
    assert ids == ["s1", "s1", None, "s1", None]
    assert by["s1"].attribution_count == 3


def test_a_cue_word_or_a_share_in_the_source_slot():
    text = "Twelve percent said they would not vote, said the survey, according to analysts."
    sources, ids, by = run(text, ["Twelve percent", ("said", 1), "according to"])
    assert ids == ["s1", None, None]
    assert (by["s1"].type, by["s1"].name) == ("anonymous", "twelve percent")


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("A number of tax experts", "number of tax experts"),
        ("Many African-Americans", "Many African-Americans"),
        ("Those close to him", "Those close to him"),
    ],
)
def test_groups_described_by_quantity_are_anonymous(phrase, name):
    text = f"{phrase} said the plan would not work."
    sources, ids, by = run(text, [phrase])
    assert [(s.type, s.named) for s in sources] == [("anonymous", False)]


def test_particles_apostrophes_and_a_title_with_its_state():
    text = (
        "Mayor Bill de Blasio said the blast was intentional. NYPD Commissioner James "
        "O’Neill agreed. De Blasio said more would be known soon, and O'Neill said the "
        "investigation was moving fast. Indiana Gov. Mike Pence said he was praying for the "
        "victims. Later the Indiana governor said the response had been swift."
    )
    sources, ids, by = run(
        text,
        [
            "Mayor Bill de Blasio",
            "NYPD Commissioner James O’Neill",
            "De Blasio",
            "O'Neill",
            "Indiana Gov. Mike Pence",
            "the Indiana governor",
        ],
    )
    assert ids == ["s1", "s2", "s1", "s2", "s3", "s3"]
    assert [s.name for s in sources] == ["Bill de Blasio", "James O’Neill", "Mike Pence"]


def test_a_surname_shared_by_two_people_is_not_expanded_by_guess():
    text = (
        "Michelle Obama spoke first. Barack Obama followed her. Later, Obama said the "
        "campaign was not over."
    )
    sources, ids, by = run(text, [("Obama", 2)])
    assert (by["s1"].name, by["s1"].type) == ("Obama", "person")


def test_an_honorific_picks_the_right_one_of_two_people_with_a_surname():
    text = (
        "Michelle Obama spoke first. Barack Obama followed her. Mr. Obama said the campaign "
        "was not over."
    )
    sources, ids, by = run(text, ["Mr. Obama"])
    assert by["s1"].name == "Barack Obama"


# --------------------------------------------------------------------------------------------
# wire copy: datelines, furniture, clauses in the source slot, headlines, two people


def test_a_number_alone_is_no_source():
    text = "Pentagon to double drone orders\n4 min read\n\nThe Pentagon said it would buy more."
    sources, ids, by = run(text, ["4", "The Pentagon"])
    assert ids == [None, "s1"]
    assert [(s.name, s.type) for s in sources] == [("Pentagon", "organization")]


def test_a_dateline_is_stripped_from_a_mention_that_opens_its_paragraph():
    text = (
        "WASHINGTON (Reuters) - The Pentagon said on Tuesday it would buy more drones.\n\n"
        "LONDON, March 4 (Reuters) - Analysts said the deal was done.\n\n"
        "BOSTON (AP) — Officials said so too."
    )
    pentagon = (0, word_span(text, "The Pentagon")[1])
    analysts = (word_span(text, "LONDON")[0], word_span(text, "Analysts")[1])
    dateline = (word_span(text, "BOSTON")[0], word_span(text, "(AP)")[1])
    sources, ids = resolve_sources(text, [pentagon, analysts, dateline])
    assert ids == ["s1", "s2", None]
    assert [(s.name, s.type, [m.text for m in s.mentions]) for s in sources] == [
        ("Pentagon", "organization", ["The Pentagon"]),
        ("analysts", "anonymous", ["Analysts"]),
    ]
    # not at a paragraph start, or not a dateline: left alone
    text = "Officials in NATO said so. NATO - the alliance - said more."
    sources, ids, by = run(text, ["NATO"])
    assert by["s1"].name == "NATO"


def test_a_clause_run_into_the_source_slot_is_read_from_its_noun_phrase():
    # the span model ran the content into the source: "The Pentagon will ..., the Pentagon"
    text = (
        "The Pentagon will nearly double its orders of small drones next year, the Pentagon "
        "said in a statement. One diplomat, who asked not to be named because the talks "
        "were private, said the talks had stalled."
    )
    start = text.index("The Pentagon")
    end = text.index(" said in a statement")
    sources, ids = resolve_sources(
        text,
        [
            (start, end),
            span_of(text, "One diplomat, who asked not to be named because the talks were private"),
        ],
    )
    assert [(s.name, s.type, s.named) for s in sources] == [
        ("Pentagon", "organization", True),
        ("one diplomat", "anonymous", False),
    ]


def test_two_men_one_with_a_first_name_the_lists_do_not_know_leave_he_unresolved():
    text = (
        "Italian Interior Minister Paolo Ferrante and his Dutch counterpart Joost van Leer "
        "met for an hour before the session. He said afterwards that the gap had narrowed."
    )
    sources, ids, by = run(text, ["He"])
    assert ids == [None] and sources == []
    # with only one of them in view, "he" is his
    text = (
        "Italian Interior Minister Paolo Ferrante met reporters before the session. He said "
        "afterwards that the gap had narrowed."
    )
    sources, ids, by = run(text, ["He"])
    assert by[ids[0]].name == "Paolo Ferrante"


def test_a_resolved_he_tells_the_gender_of_a_name_the_lists_do_not_know():
    text = (
        '"It is a good bank at a full price," said Tomas Lund, an analyst. He said the '
        "mortgage book was safe.\n\nLund and Helen Marsh spoke at the same conference in "
        "January. She said the bank would keep its brand."
    )
    sources, ids, by = run(text, ["Tomas Lund, an analyst", "He", "She"])
    assert [by[i].name for i in ids] == ["Tomas Lund", "Tomas Lund", "Helen Marsh"]


def test_a_headline_description_is_the_fuller_one_in_the_body():
    text = (
        "Transit agency ignored brake warnings, state report finds\nBy Dana Whitford\n\n"
        "BOSTON (AP) — The agency knew for months, according to a state report released "
        "Wednesday.\n\nThe report found that repairs were delayed. Another report, by "
        "auditors, said little."
    )
    sources, ids, by = run(
        text,
        [
            "state report",
            "a state report released Wednesday",
            "The report",
            "Another report, by auditors",
        ],
    )
    assert ids == ["s1", "s1", "s1", "s2"]
    assert (by["s1"].name, by["s1"].type, by["s1"].attribution_count) == (
        "state report released Wednesday",
        "document",
        3,
    )
    # in the body, an indefinite description is someone new
    text = "Officials said the talks were over. Three officials briefed on the talks disagreed."
    sources, ids, by = run(text, ["Officials", "Three officials briefed on the talks"])
    assert ids == ["s1", "s2"]


def test_a_draft_is_a_document():
    text = "Ferrante wants a fixed quota, according to a draft seen by Reuters."
    sources, ids, by = run(text, ["a draft seen by Reuters"])
    assert [(s.name, s.type, s.named) for s in sources] == [
        ("draft seen by Reuters", "document", False)
    ]


# --------------------------------------------------------------------------------------------
# issue 11: places, credits, rivals, acronyms, titles before names


def test_the_who_is_an_organisation_and_one_source_with_its_expansion():
    text = (
        "The World Health Organization said cases had risen. On Friday the WHO said the "
        "outbreak was slowing."
    )
    sources, ids, by = run(text, ["The World Health Organization", "the WHO"])
    assert ids == ["s1", "s1"]
    assert (by["s1"].name, by["s1"].type, by["s1"].named) == (
        "World Health Organization",
        "organization",
        True,
    )
    sources, ids, by = run("On Friday the WHO said the outbreak was slowing.", ["the WHO"])
    assert (by["s1"].type, by["s1"].named) == ("organization", True)


@pytest.mark.parametrize(
    "text, phrases, name",
    [
        # the acronym first, no parenthesised definition
        (
            "The NDP said it would vote no. Later the New Democratic Party said it had changed its "
            "mind.",
            ["The NDP", "the New Democratic Party"],
            "New Democratic Party",
        ),
        (
            "The Anti-Defamation League condemned the posts. The ADL said it would monitor them.",
            ["The Anti-Defamation League", "The ADL"],
            "Anti-Defamation League",
        ),
        (
            "Canadian Broadcasting Corporation reported the story. CBC said it had two sources.",
            ["Canadian Broadcasting Corporation", "CBC"],
            "Canadian Broadcasting Corporation",
        ),
    ],
)
def test_an_acronym_and_its_expansion_are_one_source(text, phrases, name):
    sources, ids, by = run(text, phrases)
    assert ids == ["s1", "s1"]
    assert (by["s1"].name, by["s1"].type) == (name, "organization")


def test_an_unrelated_acronym_is_its_own_source():
    text = "The New Democratic Party said no. The CBC said the vote was close."
    sources, ids, by = run(text, ["The New Democratic Party", "The CBC"])
    assert ids == ["s1", "s2"]


def test_it_is_the_organisation_that_spoke_not_the_country_where_it_works():
    text = (
        "Ebola cases rose again, the WHO said on Monday. A medic works in the Democratic "
        "Republic of Congo, near the border with Uganda. It said the outbreak was slowing."
    )
    sources, ids, by = run(text, ["the WHO", "It"])
    assert ids == ["s1", "s1"]
    assert by["s1"].name == "WHO"


def test_she_is_not_a_province():
    text = (
        "Dave Martell grew up in Nova Scotia and trained in Halifax.\n\n"
        "She says the clinic is full."
    )
    sources, ids, by = run(text, ["She"])
    assert ids == [None]


def test_a_country_that_speaks_is_an_organisation_no_woman():
    text = "Mexico said it would retaliate. She said the talks would go on."
    sources, ids, by = run(text, ["Mexico", "it", "She"])
    assert ids == ["s1", "s1", None]
    assert by["s1"].type == "organization"


def test_a_photo_credit_is_no_antecedent():
    text = (
        "The outbreak is slowing, the health ministry said.\n\n"
        "A medic disinfects a ward in Goma. (Luis Tato/AFP/Getty Images)\n\n"
        "A nurse at the ward, Joseph Bosco, said supplies were short. (Tom Reid/Reuters) He "
        "said more staff were needed."
    )
    sources, ids, by = run(text, ["the health ministry", "Joseph Bosco", "He"])
    assert ids == ["s1", "s2", "s2"]
    assert all("Tato" not in s.name and "Reid" not in s.name for s in sources)


def test_a_nearer_man_the_lists_do_not_know_keeps_he_from_an_earlier_one():
    text = (
        "Tom Reed said the plan would fail. Later the floor went to Kwame Osei.\n\n"
        "He said the plan was sound."
    )
    sources, ids, by = run(text, ["Tom Reed", "He"])
    assert ids == ["s1", None]
    # with no one new in between, "he" is Reed
    text = "Tom Reed said the plan would fail.\n\nHe said the vote would be close."
    assert run(text, ["Tom Reed", "He"])[1] == ["s1", "s1"]


def test_a_kin_noun_before_a_name_gives_a_man_for_he():
    text = (
        "Rosa Lind runs the bakery.\n\nHer grandfather, Lucien, still comes in. He is 88. "
        '"Flour and time," he says.'
    )
    sources, ids, by = run(text, ["he"])
    assert by[ids[0]].name == "Lucien"
    assert by[ids[0]].type == "person"


def test_the_name_after_a_title_speaks_for_the_organisation_before_it():
    text = "Nation of Islam leader Louis Farrakhan said the march would go ahead."
    sources, ids, by = run(text, ["Nation of Islam leader Louis Farrakhan"])
    assert (by["s1"].name, by["s1"].type, by["s1"].named) == ("Louis Farrakhan", "person", True)


def test_a_name_with_an_ampersand_is_a_firm_and_a_short_name_its_company():
    text = (
        "British food group Carrow Foods hired investment bank Halden & Rusk. Carrow "
        "declined to comment. Halden & Rusk did not respond."
    )
    sources, ids, by = run(text, [("Carrow", 1), ("Halden & Rusk", 1)])
    assert [by[i].name for i in ids] == ["Carrow Foods", "Halden & Rusk"]
    assert {by[i].type for i in ids} == {"organization"}


def test_the_mayor_before_mayor_lena_park_is_her():
    text = (
        "The budget is balanced, the mayor said on Monday.\n\n"
        "Mayor Lena Park said the city would hire more staff."
    )
    sources, ids, by = run(text, ["the mayor", "Mayor Lena Park"])
    assert ids == ["s1", "s1"]
    assert (by["s1"].name, by["s1"].type, by["s1"].named) == ("Lena Park", "person", True)
    # someone with another title is not the mayor
    text = text.replace("Mayor Lena", "Councillor Lena")
    sources, ids, by = run(text, ["the mayor", "Councillor Lena Park"])
    assert ids == ["s1", "s2"]
    assert (by["s1"].type, by["s1"].named) == ("anonymous", False)


def test_a_first_name_alone_is_the_one_person_known_by_it():
    text = (
        "Omar Haddad, a baker, was charged on Monday. The prosecutor, Mark Tedesco, spoke "
        "for an hour.\n\nOmar's brother begged him to stop, but he replied that he could "
        "not."
    )
    sources, ids, by = run(text, ["he"])
    assert by[ids[0]].name == "Omar Haddad"
    # two people share the first name: no guess
    text = text.replace("The prosecutor, Mark Tedesco,", "His cousin, Omar Saleh,")
    assert run(text, ["he"])[1] == [None]


# ------------------------------------------------------------------------ the package's parts


def test_given_paragraphs_and_quotes_give_the_same_sources():
    for text, phrases in (
        (FT, ["Jane Doe", "The publication"]),
        (GENDER, ["Maria Lopez", "Councilman David Chen", "She", "he"]),
    ):
        mentions = [word_span(text, p) for p in phrases]
        paras = paragraphs(text)
        given_ = resolve_sources(text, mentions, quote_intervals(text, paras), paras)
        assert given_ == resolve_sources(text, mentions)


def test_the_article_uses_the_paragraphs_it_is_given():
    text = "First line.\nSecond line."
    assert Article(text).paras == [(0, 11), (12, 24)]
    assert Article(text, paras=[(0, 24)]).paras == [(0, 24)]  # the caller's, not recomputed


def test_sentence_starts_skip_abbreviations_and_initials():
    text = 'Mr. Smith met J. Doe in the U.S. capital. "Then he left." Rain fell.\nNext day.'
    starts = sentence_starts(text, [(0, 68), (69, len(text))])
    assert [text[s : s + 4] for s in starts] == ["Mr. ", '"The', "Rain", "Next"]
