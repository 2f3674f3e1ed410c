"""News quotation conventions (issue 11): every quotation-mark style, apostrophes that are no
quotes, quotes over several paragraphs, inverted attribution, continuing quotations."""

from __future__ import annotations

import pytest

from service.engine.quotes import opening_mark, quote_at, quote_intervals
from service.engine.segment import paragraphs


def quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_intervals(text, paragraphs(text))]


# ------------------------------------------------------------------------ quotation marks


@pytest.mark.parametrize(
    "text, expected",
    [
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
    ],
)
def test_every_quotation_mark_style(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't tell O'Brien about the '90s or the players' union.",
        "The Smiths' dog and the Joneses' cat don’t get along in the ’80s.",
        "It's rock 'n' roll, isn't it?",
        "We'll see what 'em folks say 'til Tuesday.",
    ],
)
def test_apostrophes_are_no_quotation_marks(text):
    assert quoted(text) == []


def test_apostrophes_inside_a_single_quoted_quotation():
    text = "'The players' union can't agree,' she said. 'We're stuck in the '90s.'"
    assert quoted(text) == ["'The players' union can't agree,'", "'We're stuck in the '90s.'"]


def test_single_marks_inside_double_quotes_are_part_of_the_quotation():
    text = "He said \"it was 'a disaster,' frankly\" and left."
    assert quoted(text) == ["\"it was 'a disaster,' frankly\""]


def test_double_marks_inside_single_quotes_are_part_of_the_quotation():
    text = "'He called it \"a disaster\",' she said."
    assert quoted(text) == ["'He called it \"a disaster\",'"]


def test_single_quotes_over_paragraphs_follow_the_news_convention():
    text = "'One more thing.\n'And another,' she said.\n'Unclosed but nothing follows\nNarration."
    assert quoted(text) == ["'One more thing.", "'And another,'"]


def test_quote_at_finds_the_interval_holding_a_position():
    text = 'He said "yes" and "no" then left.'
    quotes = quote_intervals(text, paragraphs(text))
    starts = [a for a, _ in quotes]
    yes, no = quotes
    assert quote_at(quotes, starts, text.index('"yes')) == yes  # the opening mark
    assert quote_at(quotes, starts, text.index('s"')) == yes
    assert quote_at(quotes, starts, yes[1] - 1) == yes  # the closing mark
    assert quote_at(quotes, starts, yes[1]) is None  # just after it
    assert quote_at(quotes, starts, text.index("and")) is None
    assert quote_at(quotes, starts, text.index("no")) == no
    assert quote_at(quotes, starts, 0) is None
    assert quote_at([], [], 5) is None


@pytest.mark.parametrize(
    "text, mark", [('"a"', '"'), ("“a”", "“"), ("``a''", "``"), ("”a", None), ("a", None)]
)
def test_opening_mark_is_a_double_mark_that_opens(text, mark):
    assert opening_mark(text, 0) == mark


# ------------------------------------------------------------------------ quote relations

from service.engine.quote_attribution import MAX_CUES_PER_SENTENCE, quote_relations  # noqa: E402
from service.engine.spans import RawRelation, doc_tokens  # noqa: E402


@pytest.fixture()
def rules(engine):
    """Relations the quotation stage finds on its own (no span model relations given), or
    completes from ``found``, as (cue, source, content) strings."""

    def run(text: str, found: list[RawRelation] | None = None):
        dt = doc_tokens(text, engine.segmenter)
        return [
            (
                text[slice(*r.cue)],
                r.source and text[slice(*r.source)],
                r.content and text[slice(*r.content)],
            )
            for r in quote_relations(dt, found or [])
        ]

    return run


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '"The problem\'s not new," says Dave Martell, a doctor from Lunenburg.',
            ("says", "Dave Martell", '"The problem\'s not new,"'),
        ),
        (
            '"They owned us," said coach Ken Hitchcock.',
            ("said", "Ken Hitchcock", '"They owned us,"'),
        ),
        ('"I love cats!" insists Burton.', ("insists", "Burton", '"I love cats!"')),
        ("“It will take years,” Martell says.", ("says", "Martell", "“It will take years,”")),
        ('"We had no warning," she said.', ("said", "she", '"We had no warning,"')),
        (
            '"The rules are clear," the ministry said in a statement.',
            ("said", "the ministry", '"The rules are clear,"'),
        ),
        (
            '"Nobody called," Ana Ruiz, a nurse at the clinic, said.',
            ("said", "Ana Ruiz", '"Nobody called,"'),
        ),
        ('"It is over," Smith later said.', ("said", "Smith", '"It is over,"')),
        (
            '"Prices will fall," according to Ms. Okafor.',
            ("according to", "Ms. Okafor", '"Prices will fall,"'),
        ),
        ("'We will rebuild,' said the mayor.", ("said", "the mayor", "'We will rebuild,'")),
        (
            "« Nous reviendrons », said Claire Dubois.",
            ("said", "Claire Dubois", "« Nous reviendrons »"),
        ),
        (
            'Mayor Tom Reid told reporters: "The bridge stays closed."',
            ("told", "Mayor Tom Reid", '"The bridge stays closed."'),
        ),
        (
            'Later, the coach, a former goalie, said, "We were lucky tonight."',
            ("said", "the coach", '"We were lucky tonight."'),
        ),
    ],
)
def test_a_quotation_with_its_speaker_beside_it(rules, text, expected):
    assert rules(text) == [expected]


def test_a_quotation_split_by_its_attribution_is_one_content(rules):
    text = '"We tried," she said. "Nobody listened."'
    assert rules(text) == [("said", "she", text)]


@pytest.mark.parametrize(
    "text",
    [
        'He called the plan a "disaster" and left.',  # scare quote
        'The "smart" meters said nothing useful.',  # scare quote before a verb
        '"Frozen" topped the box office again.',  # a title, no cue
        'The book, "Night Train to Lisbon," sold well.',  # a title in apposition
        "It's the players' union, isn't it, Mr. O'Brien?",  # apostrophes
        '"We will fight," and then the crowd cheered.',  # no speaker
    ],
)
def test_no_relation_without_a_speaker_beside_a_real_quotation(rules, text):
    assert rules(text) == []


def test_continuing_quotations_belong_to_the_last_speaker(rules):
    text = (
        '"The water came fast," said Ana Ruiz, a farmer near Lyle.\n'
        '"We lost the barn in an hour. The cows got out."\n'
        '"Nobody warned us."\n'
        "The county opened a shelter on Monday.\n"
        '"It was full by noon."'
    )
    assert rules(text) == [
        ("said", "Ana Ruiz", '"The water came fast,"'),
        ("said", "Ana Ruiz", '"We lost the barn in an hour. The cows got out."'),
        ("said", "Ana Ruiz", '"Nobody warned us."'),
    ]  # the writer's own paragraph ends the run: the last quotation is nobody's here


def test_a_new_relation_ends_a_run_of_continuing_quotations(rules):
    text = '"We won," said Lee.\n"It was easy," Park said.\n"Next week will be harder."'
    assert rules(text) == [
        ("said", "Lee", '"We won,"'),
        ("said", "Park", '"It was easy,"'),
        ("said", "Park", '"Next week will be harder."'),
    ]


def test_a_continuing_quotation_in_the_same_paragraph_joins_the_split_quote(rules):
    text = '"We did not expect it," she said. "And if so, could they have stopped it?"'
    assert rules(text) == [("said", "she", text)]


def test_a_quotation_over_several_paragraphs_is_one_content(rules):
    text = (
        '"The first thing is money.\n'
        '"The second is time.\n'
        '"The third is will," said Ruth Adeyemi.\n'
        "The council meets on Friday."
    )
    assert rules(text) == [("said", "Ruth Adeyemi", text[: text.index(" said")])]


def test_subheads_and_fragments_do_not_continue_a_quote(rules):
    text = '"Rates will rise," said Jo Park.\n"What Comes Next"\n"a slow recovery," in her words.'
    assert rules(text) == [("said", "Jo Park", '"Rates will rise,"')]


def test_the_model_relation_gets_the_missing_source_and_its_content_unswallowed(rules):
    text = '"They owned us," said coach Ken Hitchcock.'
    cue = text.index("said")
    model = RawRelation(
        cue=(cue, cue + 4),
        source=None,
        content=(0, len(text) - 1),
        cue_tokens=(7, 8),
        confidence=0.7,
    )
    assert rules(text, [model]) == [("said", "Ken Hitchcock", '"They owned us,"')]


def test_the_model_relation_keeps_a_split_quote_and_its_own_source(rules):
    text = '"A start," said Ken Hitchcock, the coach. "But only a start."'
    cue = text.index("said")
    model = RawRelation(
        cue=(cue, cue + 4),
        source=(cue + 5, text.index(", the")),
        content=(0, len(text)),
        cue_tokens=(4, 5),
        confidence=0.7,
    )
    assert rules(text, [model]) == [("said", "Ken Hitchcock", text)]


def test_the_engine_attributes_inverted_and_continuing_quotes(engine):
    text = (
        '"They owned us," said coach Ken Hitchcock on Saturday.\n'
        '"We never found our legs. That is on me."\n'
        "The team plays again on Tuesday."
    )
    a = engine.analyze(text, bias=False)
    got = [
        (x.source and x.source.text, x.content and x.content.text, x.kind) for x in a.attributions
    ]
    assert got == [
        ("Ken Hitchcock", '"They owned us,"', "direct_quote"),
        ("Ken Hitchcock", '"We never found our legs. That is on me."', "direct_quote"),
    ]
    assert len({x.source_id for x in a.attributions}) == 1
    assert a.attributions[1].confidence < a.attributions[0].confidence


def test_quote_stage_cost_and_output_on_a_run_on_text(rules, engine):
    import time

    text = '"x""y"it is said ' * 6000  # 102k characters, one sentence
    dt = doc_tokens(text, engine.segmenter)
    t = time.perf_counter()
    out = quote_relations(dt, [])
    assert time.perf_counter() - t < 5.0  # generous: linear work takes a fraction of this
    assert len(out) <= MAX_CUES_PER_SENTENCE * len(dt.sentence_bounds)
    assert all(text[slice(*r.cue)] == "said" for r in out)


def test_a_noun_that_looks_like_a_verb_is_no_cue_before_a_quotation(rules):
    text = 'He said that the reports were "fabrications spread by the enemies of peace."'
    assert rules(text) == []
