"""Wire stories with page furniture, read as a careful reader would (issue 3, "Done when").

The four articles in ``tests/fixtures/articles/`` were written for these tests (invented
people, companies and events). Each ``Story`` below is the hand annotation of one of them:
every attribution relation a careful reader finds (cue, source, content, kind, and the
source it rests on), the sources with their types, the pronouns and whom they refer to, the
page-furniture lines, sentences in the writer's own voice, and the scores counted by hand.

Two layers are tested:

* **Hand relations through the engine** (``hand_engine``): the span model is replaced by one
  that returns the hand-annotated relations, so everything after it (source grouping and
  typing, pronoun resolution, kinds, verbs, sentence labels, scores) runs for real through
  ``Engine.analyze`` and must give exactly the hand counts.
* **The shipped engine** (``engine``): the JSON must name each quoted person and
  publication, type the anonymous sources, resolve the pronouns, keep page furniture out of
  the attributions, and score like the hand count. Where the statistical span model gets a
  story wrong, the case is ``xfail(strict=True)`` with the model error named in the reason.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import span_of

from service.engine import Engine
from service.engine.spans import RawRelation
from service.engine.types import Analysis

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

# --------------------------------------------------------------------------------------------
# hand annotation

# A phrase names a stretch of the article: "text" is its first whole-word occurrence;
# ("word", "context") is "word" inside the first occurrence of "context";
# Through(a, b) runs from the start of phrase a to the end of the first phrase b after it.
Phrase = str | tuple[str, str]


@dataclass(frozen=True)
class Through:
    first: Phrase
    last: Phrase


@dataclass(frozen=True)
class Rel:
    cue: Phrase
    source: Phrase | None
    content: Phrase | Through | None
    kind: str
    who: str | None  # name of the source it rests on; None: no source, or left unresolved


@dataclass(frozen=True)
class Story:
    file: str
    relations: list[Rel]
    # name -> (type, named, attribution_count)
    sources: dict[str, tuple[str, bool, int]]
    # a pronoun in a source slot -> the name of its source (None: must stay unresolved)
    pronouns: list[tuple[Phrase, str | None]]
    furniture: list[str]  # whole lines of page furniture
    direct: list[str]  # sentences in the writer's own voice
    # the reader's tally: relations, sources, named and anonymous sources, relations resting on
    # anonymous sources, the most cited source and its relations, direct quotes
    counts: dict
    sentences: int
    reported_sentences: int
    # word tokens (\w+) in content spans, not counting a relation's own cue and source in them
    # (a split quote's "he said", a hedge's "reportedly"); word tokens in the whole text
    content_words: tuple[int, int]
    model_errors: dict[str, str] = field(default_factory=dict)  # test name -> reason

    @property
    def text(self) -> str:
        return (ARTICLES / self.file).read_text(encoding="utf-8")


PENTAGON = Story(
    file="pentagon_drones.txt",
    relations=[
        Rel(
            "said in a statement",
            "the Pentagon",
            "The Pentagon will nearly double its orders of small surveillance drones next year",
            "indirect",
            "Pentagon",
        ),
        Rel(
            "told",
            "Deputy Defense Secretary Raymond Kessler",
            Through('"We learned', 'we need them faster."'),
            "direct_quote",
            "Raymond Kessler",
        ),
        Rel(
            ("said", "Kessler said"),
            ("Kessler", "Kessler said"),
            "the department would sign contracts with at least four manufacturers by March",
            "indirect",
            "Raymond Kessler",
        ),
        Rel(
            "added",
            "He",
            "that none of the new drones would use parts made in China",
            "indirect",
            "Raymond Kessler",
        ),
        Rel(
            "according to",
            "three officials briefed on the talks",
            "The plan would cost about $2.1 billion over two years",
            "according_to",
            "three officials briefed on the talks",
        ),
        Rel(
            ("said", "The officials said"),
            "The officials",
            "the White House had approved the spending last week",
            "indirect",
            "three officials briefed on the talks",
        ),
        Rel(
            ("said", "the matter said"),
            "A person familiar with the matter",
            "Halden Aerospace, a Virginia company, was expected to win the largest contract",
            "indirect",
            "person familiar with the matter",
        ),
        Rel(
            "reportedly",
            None,
            "Halden reportedly hired two former Pentagon officials last year",
            "hedge",
            None,
        ),
        Rel("say", "Critics", "the department is moving too fast", "indirect", "critics"),
        Rel(
            ("said", "said Senator"),
            "Senator Laura Whitcombe, a Democrat who sits on the Armed Services Committee",
            '"Buying more drones does not fix a broken procurement system,"',
            "direct_quote",
            "Laura Whitcombe",
        ),
        Rel(
            ("said", "She said"),
            "She",
            "she would ask Kessler to testify in April",
            "indirect",
            "Laura Whitcombe",
        ),
    ],
    sources={
        "Pentagon": ("organization", True, 1),
        "Raymond Kessler": ("person", True, 3),
        "three officials briefed on the talks": ("anonymous", False, 2),
        "person familiar with the matter": ("anonymous", False, 1),
        "critics": ("anonymous", False, 1),
        "Laura Whitcombe": ("person", True, 2),
    },
    pronouns=[("He", "Raymond Kessler"), ("She", "Laura Whitcombe")],
    furniture=[
        "By Daniel Okoro and Priya Raman",
        "4 min read",
        "Share on Facebook",
        "Share on X",
        "Advertisement",
        "Photo: A soldier launches a reconnaissance drone during an exercise in Latvia. "
        "REUTERS/Staff",
        "Reporting by Daniel Okoro and Priya Raman; Editing by Alison Tebbit",
        "Read more:",
        "NATO allies weigh joint drone purchases",
        "Our Standards: The Trust Principles.",
    ],
    direct=[
        "Pentagon to double small-drone orders after Baltic exercise",
        "The exercise, code-named Amber Shield, involved 14,000 troops from nine countries.",
        "Drone orders have risen every year since 2022.",
    ],
    counts=dict(
        attributions=11,
        sources=6,
        named_sources=3,
        anonymous_sources=3,
        anonymous_attributions=4,
        top_source=("Raymond Kessler", 3),
        direct_quotes=2,
    ),
    sentences=26,  # 6 lines above the story, 14 in it, 6 below (the caption is two)
    reported_sentences=12,
    content_words=(131, 285),
    model_errors={
        "test_no_relation_beyond_the_hand_count": 'cue classes: "was expected to win" (an agentless belief the reader does not '
        "count) is kept, as a passive before an infinitive ('is said to') is a hedge",
        "test_shipped_engine_scores_match_the_hand_count": 'cue classes: one relation too many ("was expected", see '
        "test_no_relation_beyond_the_hand_count), so counts and shares are off by one",
    },
)

NORVALE = Story(
    file="norvale_kestrup.txt",
    relations=[
        Rel(
            "reports",
            "FT",
            "Norvale in talks to buy Danish lender Kestrup",
            "indirect",
            "Financial Times",
        ),
        Rel(
            "reported",
            "the Financial Times (FT)",
            "British bank Norvale Group is in advanced talks to buy Danish lender Kestrup Bank "
            "for about 3 billion euros ($3.2 billion)",
            "indirect",
            "Financial Times",
        ),
        Rel(
            ("said", "the publication said"),
            "the publication",
            "A deal could be announced as early as next week",
            "indirect",
            "Financial Times",
        ),
        Rel(
            ("said", "the matter said"),
            "Two people familiar with the matter",
            "the banks had been talking since December",
            "indirect",
            "two people familiar with the matter",
        ),
        # "Norvale declined to comment" puts nothing on anyone's authority: no relation, and
        # the sentence is the writer's (issue 11; PolNeAR annotates it, quote gold sets do not)
        Rel(
            "told",
            ("Marsh", "Marsh told"),
            Through('"Scandinavia', 'the patience."'),
            "direct_quote",
            "Helen Marsh",
        ),
        Rel(
            "reportedly",
            None,
            "Marsh reportedly met Kestrup's chairman in Copenhagen last month",
            "hedge",
            None,
        ),
        Rel(("said", "Analysts said"), "Analysts", "the price looked high", "indirect", "analysts"),
        Rel(
            ("said", "said Tomas"),
            "Tomas Lund, an analyst at Fjord Securities in Copenhagen",
            '"It is a good bank at a full price,"',
            "direct_quote",
            "Tomas Lund",
        ),
        Rel(
            ("said", "He said"),
            "He",
            "Kestrup's mortgage book was among the safest in Europe",
            "indirect",
            "Tomas Lund",
        ),
        # "Lund and Marsh spoke ...": two people, but only one of them is a woman
        Rel(
            ("said", "She said"),
            "She",
            "the bank would keep its Danish brand",
            "indirect",
            "Helen Marsh",
        ),
    ],
    sources={
        "Financial Times": ("publication", True, 3),
        "two people familiar with the matter": ("anonymous", False, 1),
        "Helen Marsh": ("person", True, 2),
        "analysts": ("anonymous", False, 1),
        "Tomas Lund": ("person", True, 2),
    },
    pronouns=[("He", "Tomas Lund"), ("She", "Helen Marsh")],
    furniture=[
        "March 4, 2025 8:12 AM GMT",
        "Updated 2 hours ago",
        "Advertisement",
        "Reporting by Elin Sorensen in Copenhagen and Tom Aldous in London; Editing by "
        "Kate Whitfield",
        "Share this article",
        "Read more:",
        "Norvale profit beats forecasts as bad loans fall",
    ],
    direct=[
        "Kestrup has about 400,000 customers in Denmark.",
        "Norvale's chief executive, Helen Marsh, has made expansion outside Britain her "
        "priority since taking over in 2023.",
        "Norvale shares fell 1.2% in early trading in London.",
        "Kestrup shares rose 9%.",
        "Lund and Marsh spoke at the same conference in January.",
        "Norvale declined to comment.",
    ],
    counts=dict(
        attributions=10,
        sources=5,
        named_sources=3,
        anonymous_sources=2,
        anonymous_attributions=2,
        top_source=("Financial Times", 3),
        direct_quotes=2,
    ),
    sentences=24,
    reported_sentences=11,
    content_words=(101, 242),
)

EU = Story(
    file="eu_migration.txt",
    relations=[
        Rel(
            ("said", "meeting, said"),
            "Swedish Migration Minister Karin Holmqvist, who chaired the meeting",
            "the talks had ended without a text",
            "indirect",
            "Karin Holmqvist",
        ),
        # a quotation over three paragraphs: the middle one has no closing mark
        Rel(
            "told",
            ("Holmqvist", "Holmqvist told"),
            Through('"We cannot', 'everyone in this room knows it."'),
            "direct_quote",
            "Karin Holmqvist",
        ),
        Rel(
            ("said", "She said"),
            "She",
            "ministers would meet again in May",
            "indirect",
            "Karin Holmqvist",
        ),
        # "Paolo Ferrante and his Dutch counterpart Joost van Leer met ...": two men, so "He"
        # must stay unresolved rather than be guessed
        Rel(
            ("said", "He said"),
            "He",
            "that the gap between the two camps had narrowed",
            "indirect",
            None,
        ),
        Rel(
            "according to",
            "a draft seen by Reuters",
            "Ferrante wants a fixed quota of relocations",
            "according_to",
            "draft seen by Reuters",
        ),
        Rel("is said to", None, "The Dutch government is said to oppose any quota", "hedge", None),
        Rel(
            ("said", "Diplomats said"),
            "Diplomats",
            "the dispute could delay the pact by a year",
            "indirect",
            "diplomats",
        ),
        Rel(
            ("said", "private, said"),
            "One diplomat, who asked not to be named because the talks were private",
            "the Commission would propose a compromise within weeks",
            "indirect",
            "one diplomat",
        ),
        Rel(
            "said in a statement",
            "The European Commission",
            'that it remained "fully committed" to the pact',
            "mixed",
            "European Commission",
        ),
    ],
    sources={
        "Karin Holmqvist": ("person", True, 3),
        "draft seen by Reuters": ("document", False, 1),
        "diplomats": ("anonymous", False, 1),
        "one diplomat": ("anonymous", False, 1),
        "European Commission": ("organization", True, 1),
    },
    pronouns=[("She", "Karin Holmqvist"), ("He", None)],
    furniture=[
        "By Anna Kowalczyk, Reuters",
        "Updated 2 hours ago",
        "Listen to this article",
        "Advertisement",
        "A woman walks past the Council building in Brussels, Belgium, March 6, 2025. "
        "REUTERS/Staff",
        "Reporting by Anna Kowalczyk; Editing by Sam Holloway",
        "Share",
        "Read more:",
        "What is in the EU migration pact?",
    ],
    direct=[
        "EU ministers fail to agree on migrant relocation plan",
        "BRUSSELS (Reuters) - European Union interior ministers failed on Thursday to agree "
        "on how to share the cost of relocating asylum seekers, leaving the bloc's new "
        "migration pact short of a key piece.",
        "Italian Interior Minister Paolo Ferrante and his Dutch counterpart Joost van Leer "
        "met for an hour before the session.",
        "About 380,000 people applied for asylum in the bloc in the first half of the year.",
    ],
    counts=dict(
        attributions=9,
        sources=5,
        named_sources=2,
        anonymous_sources=2,
        anonymous_attributions=2,
        top_source=("Karin Holmqvist", 3),
        direct_quotes=1,
    ),
    sentences=25,
    reported_sentences=11,
    content_words=(96, 273),
    model_errors={
        "test_hand_relations_label_every_sentence_as_a_reader_would": "sentence classifier: the headline (p=0.54) and the lede (p=0.82), both the "
        "writer's own voice, are labelled reported with no relation in them; the pipeline "
        "keeps a classifier-only reported label",
        "test_writer_voice_is_direct[eu_migration.txt-1]": 'span model: false cue "to agree on" in the lede ("failed on Thursday to agree on '
        'how to share the cost ...")',
        "test_anonymous_sources_are_typed_anonymous[eu_migration.txt-one diplomat]": 'span model: "One diplomat, who asked not to be named because the talks were '
        'private, said ..." gets no source (its content is tagged "the talks were private, '
        'said the Commission would ..."), and "asked" becomes a cue with source "who"',
        "test_hand_relation_is_found[eu_migration.txt-7]": 'span model: no source for "One diplomat, who asked not to be named because the '
        'talks were private, said"',
        "test_no_relation_beyond_the_hand_count": 'span model: false cues "to agree on" and "wants" ("Ferrante wants a fixed quota", '
        'inside the content of "according to a draft")',
        "test_shipped_engine_scores_match_the_hand_count": "span model: two false relations and a missing source (one more reported sentence)",
    },
)

TRANSIT = Story(
    file="transit_brakes.txt",
    relations=[
        # the headline's "state report" is the body's "a state report released Wednesday"
        Rel(
            "finds",
            "state report",
            "Transit agency ignored brake warnings for months",
            "indirect",
            "state report released Wednesday",
        ),
        Rel(
            "according to",
            "a state report released Wednesday",
            "The city’s transit agency knew for at least eight months that brakes on dozens of "
            "its newest subway cars were wearing out early",
            "according_to",
            "state report released Wednesday",
        ),
        Rel(
            "found",
            "The report",
            "that managers delayed repairs to keep trains in service",
            "indirect",
            "state report released Wednesday",
        ),
        Rel(
            ("said", "It said"),
            "It",
            "no passengers had been hurt",
            "indirect",
            "state report released Wednesday",
        ),
        Rel(
            ("said", "Vasquez said the"),
            "Transit chief Elena Vasquez",
            "the agency accepted the findings",
            "indirect",
            "Elena Vasquez",
        ),
        # curly quotes, split by the cue
        Rel(
            ("said", "Vasquez said."),
            ("Vasquez", "Vasquez said."),
            Through("“I take", "we didn’t.”"),
            "direct_quote",
            "Elena Vasquez",
        ),
        Rel("reported", "The Boston Globe", "the defects", "indirect", "The Boston Globe"),
        Rel(
            ("said", "newspaper said"),
            "The newspaper",
            "a maintenance supervisor had warned managers in writing last spring",
            "indirect",
            "The Boston Globe",
        ),
        Rel(
            "allegedly", None, "Two managers allegedly falsified inspection records", "hedge", None
        ),
        # "Vasquez met Gov. Rachel Dunmore ...": two women, "She" stays unresolved
        Rel(("said", "She said"), "She", "the meeting had been constructive", "indirect", None),
        Rel(("said", "Critics said"), "Critics", "the report came too late", "indirect", "critics"),
        Rel(
            ("said", "said Omar"),
            "Omar Haddad, who leads a riders’ advocacy group",
            "“They knew, and they waited,”",
            "direct_quote",
            "Omar Haddad",
        ),
        Rel(("said", "He said"), "He", "riders deserved an apology", "indirect", "Omar Haddad"),
    ],
    sources={
        "state report released Wednesday": ("document", False, 4),
        "Elena Vasquez": ("person", True, 2),
        "The Boston Globe": ("publication", True, 2),
        "critics": ("anonymous", False, 1),
        "Omar Haddad": ("person", True, 2),
    },
    pronouns=[("It", "state report released Wednesday"), ("She", None), ("He", "Omar Haddad")],
    furniture=[
        "By Marcus Bell and Dana Whitford, Associated Press",
        "Published 6:04 PM EDT, March 12, 2025",
        "Share",
        "Advertisement",
        "Copyright 2025 The Associated Press. All rights reserved.",
        "Photo: A subway train leaves a station in Boston. (AP Photo/Staff)",
        "Read more:",
        "Transit agency names new safety chief",
    ],
    direct=[
        "The agency carries about 700,000 riders on a typical weekday.",
        "Vasquez met Gov. Rachel Dunmore on Thursday.",
    ],
    counts=dict(
        attributions=13,
        sources=5,
        named_sources=3,
        anonymous_sources=1,
        anonymous_attributions=1,
        top_source=("state report released Wednesday", 4),
        direct_quotes=2,
    ),
    sentences=26,
    reported_sentences=14,
    content_words=(101, 215),
    model_errors={
        "test_shipped_engine_scores_match_the_hand_count": "content spans: the engine's contents hold more of the text's words than the "
        "reader's (content_share 0.4791 against 0.4698)",
    },
)

STORIES = [PENTAGON, NORVALE, EU, TRANSIT]


def expected_scores(story: Story) -> dict:
    """The scores from the reader's tally, by the definitions in the README ("Scores")."""
    c = story.counts
    n = c["attributions"]
    per_source = [count for _, _, count in story.sources.values()]
    total = sum(per_source)
    entropy = -sum(k / total * math.log(k / total) for k in per_source)
    return {
        "sentences": story.sentences,
        "reported_sentences": story.reported_sentences,
        "attribution_density": round(story.reported_sentences / story.sentences, 4),
        "attributions": n,
        "sources": c["sources"],
        "named_sources": c["named_sources"],
        "anonymous_sources": c["anonymous_sources"],
        "anonymous_share": round(c["anonymous_sources"] / c["sources"], 4),
        "anonymous_attribution_share": round(c["anonymous_attributions"] / n, 4),
        "top_source_share": round(c["top_source"][1] / n, 4),
        "source_diversity": round(entropy / math.log(len(per_source)), 4),
        "direct_quote_share": round(c["direct_quotes"] / n, 4),
        "content_share": round(story.content_words[0] / story.content_words[1], 4),
    }


# --------------------------------------------------------------------------------------------
# locating phrases


def locate(text: str, phrase: Phrase | Through, after: int = 0) -> tuple[int, int]:
    if isinstance(phrase, Through):
        a, _ = locate(text, phrase.first, after)
        _, b = locate(text, phrase.last, a)
        return a, b
    if isinstance(phrase, tuple):
        word, context = phrase
        c0, c1 = locate(text, context, after)
        w0, w1 = span_of(text[c0:c1], word, whole_word=True)
        return c0 + w0, c0 + w1
    a, b = span_of(text[after:], phrase, whole_word=True)
    return after + a, after + b


def line_span(text: str, line: str) -> tuple[int, int]:
    m = re.search(r"(?m)^" + re.escape(line) + r"$", text)
    assert m, f"no line {line!r}"
    return m.span()


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def params(test: str, attr: str, label=lambda i, item: str(i), keep=lambda story, item: True):
    """(story, item) pairs for ``test``, one per item of ``story.<attr>``; xfail(strict)
    where the story names a model error for that test and item."""
    out = []
    for story in STORIES:
        for i, item in enumerate(getattr(story, attr)):
            if not keep(story, item):
                continue
            pid = f"{story.file}-{label(i, item)}"
            reason = story.model_errors.get(f"{test}[{pid}]")
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(story, item, id=pid, marks=marks))
    return out


def story_params(test: str):
    return [
        pytest.param(
            s,
            id=s.file,
            marks=[pytest.mark.xfail(strict=True, reason=s.model_errors[test])]
            if test in s.model_errors
            else [],
        )
        for s in STORIES
    ]


# --------------------------------------------------------------------------------------------
# engines


class HandSpans:
    """A span model that returns each story's hand-annotated relations."""

    artifact_id = "hand"

    def __init__(self):
        self.by_text = {s.text: s for s in STORIES}

    def find(self, dt, reported=None) -> list[RawRelation]:
        story = self.by_text[dt.text]
        out = []
        for r in story.relations:
            cue = locate(dt.text, r.cue)
            out.append(
                RawRelation(
                    cue=cue,
                    source=locate(dt.text, r.source) if r.source else None,
                    content=locate(dt.text, r.content) if r.content else None,
                    cue_tokens=dt.token_range(*cue),
                    confidence=1.0,
                )
            )
        return out


@pytest.fixture(scope="module")
def hand_engine(engine) -> Engine:
    return Engine(engine.segmenter, engine.sentences, engine.manifests, spans=HandSpans())


_CACHE: dict[tuple[int, str], Analysis] = {}


def analysis(eng: Engine, story: Story) -> Analysis:
    key = (id(eng), story.file)
    if key not in _CACHE:
        _CACHE[key] = eng.analyze(story.text)
    return _CACHE[key]


def source_name(a: Analysis, source_id: str | None) -> str | None:
    return next(s.name for s in a.sources if s.id == source_id) if source_id else None


# --------------------------------------------------------------------------------------------
# the hand annotation itself


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_the_hand_annotation_adds_up(story):
    """The relations, the sources and the tally agree (a typo in one shows here)."""
    text = story.text
    for r in story.relations:  # every phrase is in the text
        for p in (r.cue, r.source, r.content):
            if p is not None:
                locate(text, p)
    c, srcs = story.counts, story.sources
    cited = [r.who for r in story.relations if r.who]
    assert set(cited) == set(srcs)
    for name, (_, _, count) in srcs.items():
        assert cited.count(name) == count, name
    anonymous = {name for name, (kind, _, _) in srcs.items() if kind == "anonymous"}
    assert c["attributions"] == len(story.relations)
    assert c["sources"] == len(srcs)
    assert c["named_sources"] == sum(named for _, named, _ in srcs.values())
    assert c["anonymous_sources"] == len(anonymous)
    assert c["anonymous_attributions"] == sum(r.who in anonymous for r in story.relations)
    assert c["top_source"] == max(((n, k) for n, (_, _, k) in srcs.items()), key=lambda x: x[1])
    assert c["direct_quotes"] == sum(r.kind == "direct_quote" for r in story.relations)
    for line in story.furniture:
        line_span(text, line)
    assert len(re.findall(r"\w+", text)) == story.content_words[1]
    for sentence in story.direct:
        assert sentence in text


# --------------------------------------------------------------------------------------------
# hand relations through the engine: everything after the span model


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_hand_relations_give_the_hand_sources(hand_engine, story):
    a = analysis(hand_engine, story)
    got = {s.name: (s.type, s.named, s.attribution_count) for s in a.sources}
    assert got == story.sources


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_hand_relations_give_the_hand_kinds_and_sources(hand_engine, story):
    a = analysis(hand_engine, story)
    assert [(x.kind, source_name(a, x.source_id)) for x in a.attributions] == [
        (r.kind, r.who) for r in story.relations
    ]
    for x in a.attributions:
        assert x.verb and x.verb in x.cue.text.lower()


SENTENCE_SCORES = ("sentences", "reported_sentences", "attribution_density")
BIAS_SCORES = ("writer_bias_share", "loaded_verbs", "hedges", "weasels", "unattributed_claims")


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_hand_relations_give_the_hand_scores(hand_engine, story):
    """Every relation and source score; the sentence scores also need the sentence
    classifier (next test)."""
    a = analysis(hand_engine, story)
    got = {k: v for k, v in a.scores.model_dump().items() if k not in SENTENCE_SCORES + BIAS_SCORES}
    want = {k: v for k, v in expected_scores(story).items() if k not in SENTENCE_SCORES}
    assert got == pytest.approx(want, abs=1e-4)


@pytest.mark.parametrize(
    "story", story_params("test_hand_relations_label_every_sentence_as_a_reader_would")
)
def test_hand_relations_label_every_sentence_as_a_reader_would(hand_engine, story):
    """Reported exactly where a relation's cue or content is; counted as the reader does."""
    a = analysis(hand_engine, story)
    for s in a.sentences:
        assert (s.label == "reported") == bool(s.attribution_ids), s.text
    got = {k: v for k, v in a.scores.model_dump().items() if k in SENTENCE_SCORES}
    want = {k: v for k, v in expected_scores(story).items() if k in SENTENCE_SCORES}
    assert got == pytest.approx(want, abs=1e-4)


# --------------------------------------------------------------------------------------------
# the shipped engine


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_segments_like_a_reader(engine, story):
    a = analysis(engine, story)
    assert len(a.sentences) == story.sentences


@pytest.mark.parametrize(
    "story, name",
    params(
        "test_each_quoted_person_publication_and_organisation_is_named",
        "sources",
        label=lambda i, name: name,
        keep=lambda story, name: story.sources[name][1],
    ),
)
def test_each_quoted_person_publication_and_organisation_is_named(engine, story, name):
    kind, _, _ = story.sources[name]
    sources = json.loads(analysis(engine, story).to_json())["sources"]
    assert [(s["type"], s["named"]) for s in sources if s["name"] == name] == [(kind, True)]


@pytest.mark.parametrize(
    "story, name",
    params(
        "test_anonymous_sources_are_typed_anonymous",
        "sources",
        label=lambda i, name: name,
        keep=lambda story, name: story.sources[name][0] == "anonymous",
    ),
)
def test_anonymous_sources_are_typed_anonymous(engine, story, name):
    sources = json.loads(analysis(engine, story).to_json())["sources"]
    found = [s for s in sources if s["name"] == name]
    assert [(s["type"], s["named"]) for s in found] == [("anonymous", False)]
    # a reader's count of the relations resting on it
    assert found[0]["attribution_count"] == story.sources[name][2]


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.file)
def test_no_anonymous_source_is_named(engine, story):
    a = analysis(engine, story)
    assert all(not s.named for s in a.sources if s.type in ("anonymous", "document", "unknown"))


@pytest.mark.parametrize(
    "story, pronoun",
    params(
        "test_pronoun_resolves_to_the_right_person_or_stays_unresolved",
        "pronouns",
        label=lambda i, p: p[0],
    ),
)
def test_pronoun_resolves_to_the_right_person_or_stays_unresolved(engine, story, pronoun):
    phrase, who = pronoun
    a = analysis(engine, story)
    span = locate(story.text, phrase)
    rels = [x for x in a.attributions if x.source and (x.source.start, x.source.end) == span]
    assert rels, f"no relation has {phrase!r} as its source"
    for x in rels:
        assert source_name(a, x.source_id) == who
    holders = [s.name for s in a.sources if any((m.start, m.end) == span for m in s.mentions)]
    assert holders == ([who] if who else [])


@pytest.mark.parametrize(
    "story, line",
    params("test_page_furniture_is_not_attributed", "furniture", label=lambda i, line: line),
)
def test_page_furniture_is_not_attributed(engine, story, line):
    a = analysis(engine, story)
    span = line_span(story.text, line)
    for x in a.attributions:
        for part in (x.cue, x.source, x.content):
            assert part is None or not overlaps((part.start, part.end), span), (x.id, part)
    inside = [s for s in a.sentences if overlaps((s.start, s.end), span)]
    assert inside and all(s.label == "direct" and not s.attribution_ids for s in inside)


@pytest.mark.parametrize("story, sentence", params("test_writer_voice_is_direct", "direct"))
def test_writer_voice_is_direct(engine, story, sentence):
    a = analysis(engine, story)
    start = story.text.index(sentence)
    (s,) = [s for s in a.sentences if s.start == start]
    assert (s.text, s.label, s.attribution_ids) == (sentence, "direct", [])


@pytest.mark.parametrize("story, rel", params("test_hand_relation_is_found", "relations"))
def test_hand_relation_is_found(engine, story, rel):
    """The shipped engine finds each hand relation's cue, with its kind and its source."""
    a = analysis(engine, story)
    cue = locate(story.text, rel.cue)
    found = [x for x in a.attributions if overlaps((x.cue.start, x.cue.end), cue)]
    assert [(x.kind, source_name(a, x.source_id)) for x in found] == [(rel.kind, rel.who)]


@pytest.mark.parametrize("story", story_params("test_no_relation_beyond_the_hand_count"))
def test_no_relation_beyond_the_hand_count(engine, story):
    a = analysis(engine, story)
    cues = [locate(story.text, r.cue) for r in story.relations]
    extra = [
        x.cue.text
        for x in a.attributions
        if not any(overlaps((x.cue.start, x.cue.end), c) for c in cues)
    ]
    assert extra == []


@pytest.mark.parametrize("story", story_params("test_shipped_engine_scores_match_the_hand_count"))
def test_shipped_engine_scores_match_the_hand_count(engine, story):
    a = analysis(engine, story)
    got = {k: v for k, v in a.scores.model_dump().items() if k not in BIAS_SCORES}
    assert got == pytest.approx(expected_scores(story), abs=1e-4)
