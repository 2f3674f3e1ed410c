"""Real-style articles (tests/fixtures/realstyle): the gold is sound, and the shipped engine
avoids each failure class of issue 11.

Where the shipped engine still fails a class, the test is ``xfail(strict=False)`` with the
model or rule error named; it is flipped to strict or unmarked as fixes land.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service.training.fixtures_eval import name_matches, score_article

REALSTYLE = Path(__file__).resolve().parents[1] / "fixtures" / "realstyle"
NAMES = sorted(p.name[: -len(".gold.json")] for p in REALSTYLE.glob("*.gold.json"))
CUE_CLASSES = {"assertion", "belief", "knowledge", "intention"}
SOURCE_TYPES = {"person", "organization", "publication", "document", "anonymous"}


def load(name: str) -> tuple[str, dict]:
    text = (REALSTYLE / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((REALSTYLE / f"{name}.gold.json").read_text(encoding="utf-8"))
    return text, gold


OPINION = [name for name in NAMES if load(name)[1]["genre"] == "opinion"]


def spans_of(gold: dict):
    """Every (where, span) pair in one gold file."""
    for rel in gold["relations"]:
        for role in ("cue", "source", "content"):
            if rel[role] is not None:
                yield f"{rel['id']}.{role}", rel[role]
    for key in ("furniture", "sentences", "non_cues", "non_sources"):
        for i, span in enumerate(gold[key]):
            yield f"{key}[{i}]", span
    for p in gold["pronouns"]:
        yield f"pronoun {p['relation']}", p["span"]


# --- the gold itself -----------------------------------------------------------------------


def test_at_least_eight_articles_of_news_length():
    assert len(NAMES) >= 8 and len(OPINION) >= 1
    for name in NAMES:
        text, _ = load(name)
        assert 300 <= len(text.split()) <= 900, name


@pytest.mark.parametrize("name", NAMES)
def test_every_gold_span_matches_the_article(name):
    text, gold = load(name)
    assert gold["article"] == f"{name}.txt"
    for where, span in spans_of(gold):
        assert 0 <= span["start"] < span["end"] <= len(text), (name, where)
        assert text[span["start"] : span["end"]] == span["text"], (name, where)


@pytest.mark.parametrize("name", NAMES)
def test_gold_relations_are_well_formed(name):
    text, gold = load(name)
    ids = [r["id"] for r in gold["relations"]]
    assert len(ids) == len(set(ids)), name
    for rel in gold["relations"]:
        assert rel["cue_class"] in CUE_CLASSES, rel["id"]
        assert rel["source_ref"] is None or rel["source_ref"] in gold["sources"], rel["id"]
        assert (rel["source"] is None) == (rel["source_ref"] is None), rel["id"]
        if rel["continues"] is not None:
            first = next(r for r in gold["relations"] if r["id"] == rel["continues"])
            assert rel["cue"] == first["cue"] and rel["source_ref"] == first["source_ref"]
            assert rel["content"]["start"] > first["content"]["start"]
    starts = [r["cue"]["start"] for r in gold["relations"]]
    assert starts == sorted(starts), "relations are in text order of their cues"
    by_id = {r["id"]: r for r in gold["relations"]}
    for p in gold["pronouns"]:
        assert p["span"] == by_id[p["relation"]]["source"]
        assert p["antecedent"] == by_id[p["relation"]]["source_ref"]
        assert p["span"]["text"].lower() in {"he", "she", "it", "they", "i", "we"}
    for src in gold["sources"].values():
        assert src["type"] in SOURCE_TYPES
    for line in gold["furniture"]:  # a furniture span is a whole line
        start, end = line["start"], line["end"]
        assert start == 0 or text[start - 1] == "\n", line
        assert end == len(text) or text[end] == "\n", line


QUOTATION = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“\n]*“')


@pytest.mark.parametrize("name", NAMES)
def test_every_quotation_in_the_articles_is_annotated(name):
    """A check on the annotator: each closed quotation lies inside some gold content."""
    text, gold = load(name)
    contents = [r["content"] for r in gold["relations"] if r["content"]]
    for m in QUOTATION.finditer(text):
        assert any(c["start"] <= m.start() and m.end() <= c["end"] for c in contents), m[0]


# --- the shipped engine on the fixtures ----------------------------------------------------

PREPOSITIONS = frozenset("about for on at to of in with from by into over".split())


@pytest.fixture(scope="module")
def analyses(engine) -> dict[str, tuple[str, dict, dict]]:
    """name -> (text, gold, engine JSON), each article analysed once."""
    out = {}
    for name in NAMES:
        text, gold = load(name)
        out[name] = (text, gold, engine.analyze(text).to_dict())
    return out


@pytest.fixture(scope="module")
def scores(analyses) -> dict[str, dict]:
    return {name: score_article(*a) for name, a in analyses.items()}


def relations_for(engine, text: str) -> list[dict]:
    return engine.analyze(text).to_dict()["attributions"]


def source_name(result: dict, rel: dict) -> str | None:
    by_id = {s["id"]: s for s in result["sources"]}
    return by_id[rel["source_id"]]["name"] if rel["source_id"] in by_id else None


def covering(rels: list[dict], span: dict) -> list[dict]:
    """Relations whose content covers at least half of ``span``."""
    start, end = span["start"], span["end"]
    out = []
    for r in rels:
        c = r["content"]
        if c and min(c["end"], end) - max(c["start"], start) >= (end - start) / 2:
            out.append(r)
    return out


def xfail(reason: str):
    return pytest.mark.xfail(strict=False, reason=reason)


# 1. words that report nothing


@pytest.mark.parametrize("name", NAMES)
def test_words_that_report_nothing_are_no_cue_in_the_fixtures(name, scores):
    assert scores[name]["non_cue_hits"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "He found her tracks near the river and followed them for an hour.",
        "A worker looks inside a vehicle at the depot.",
        "Mr. Alder's estimated $40,000 costs will not be covered by the county.",
        "Rookie Sam Orr added yet another goal on the power play.",
        "The goalkeeper showed concussion symptoms on the bench.",
        "The council is making decisions on the budget this week.",
        "The board had approved the plan in March.",
    ],
)
def test_short_sentences_that_report_nothing_hold_no_relation(engine, sentence):
    assert relations_for(engine, sentence) == []


def test_verb_is_never_a_preposition(analyses):
    verbs = [r["verb"] for _, _, res in analyses.values() for r in res["attributions"]]
    bad = [v for v in verbs if v and v != "according to" and v.split()[-1] in PREPOSITIONS]
    assert len(verbs) >= 100 and bad == []


# 2. inverted attribution


@pytest.mark.parametrize(
    "text, name",
    [
        (
            '"The problem\'s not new," says Dave Marcotte, a doctor from Lunenburg County.',
            "Dave Marcotte",
        ),
        ('"They owned us," said coach Lyle Brandt.', "Lyle Brandt"),
        ('"I love cats!" insists Burton.', "Burton"),
        ('"We will be back," said Redcliff forward Jonah Keel, who scored twice.', "Jonah Keel"),
    ],
)
def test_inverted_attribution_keeps_its_source(engine, text, name):
    result = engine.analyze(text).to_dict()
    assert len(result["attributions"]) == 1
    rel = result["attributions"][0]
    assert source_name(result, rel) == name
    assert rel["content"] is not None and rel["content"]["end"] <= rel["cue"]["start"]


# 3. continuing quotations and multi-paragraph quotes


def continuations(gold: dict, across_paragraphs: bool, text: str) -> list[dict]:
    out = []
    for rel in gold["relations"]:
        if rel["continues"] is None:
            continue
        first = next(r for r in gold["relations"] if r["id"] == rel["continues"])
        between = text[first["content"]["end"] : rel["content"]["start"]]
        if ("\n" in between) == across_paragraphs:
            out.append(rel)
    return out


XFAIL_CONTINUATIONS = {
    ("business_wire", False): "pronoun resolution: 'she said' after 'Priya Nandan, an analyst "
    "…, estimates' stays unresolved (the 'estimates' relation is "
    "missed), so the quote and its continuation have no speaker",
    ("feature_bakery", False): "quote rules: a continuing quotation in single quotes after "
    "'she said.' (\"'It's less charming at 4 a.m.'\") gets no "
    "relation",
}


CONTINUATION_CASES = [
    pytest.param(name, across, id=f"{name}-{kind}")
    for name in NAMES
    for across, kind in ((False, "same_paragraph"), (True, "next_paragraphs"))
    if continuations(load(name)[1], across, load(name)[0])
]


@pytest.mark.parametrize("name, across", CONTINUATION_CASES)
def test_continuing_quotations_keep_their_speaker(request, analyses, name, across):
    text, gold, result = analyses[name]
    wanted = continuations(gold, across, text)
    if (name, across) in XFAIL_CONTINUATIONS:
        request.applymarker(xfail(XFAIL_CONTINUATIONS[name, across]))
    lost = []
    for rel in wanted:
        who = gold["sources"][rel["source_ref"]]
        found = [
            r
            for r in covering(result["attributions"], rel["content"])
            if source_name(result, r) and name_matches(source_name(result, r), who)
        ]
        if not found:
            lost.append(rel["content"]["text"])
    assert lost == []


def test_continuing_quotation_in_a_short_text(engine):
    text = (
        '"It was a long night," Coach Mara Viel said. "And if so, could they have '
        'picked a better one to win?"'
    )
    result = engine.analyze(text).to_dict()
    start = text.index("And if so")
    rels = covering(result["attributions"], {"start": start, "end": len(text)})
    assert rels and source_name(result, rels[0]) == "Mara Viel"


# 4. nonsense sources


@pytest.mark.parametrize("name", NAMES)
def test_no_nonsense_source(name, scores):
    assert scores[name]["nonsense_sources"] == []
    assert scores[name]["non_source_hits"] == []


@pytest.mark.parametrize(
    "text, bad",
    [
        ("Originally from Arlen Cove, N.S., Corkum says the town has changed.", "Originally"),
        ("The European Union issued a health warning on Monday.", "health"),
        pytest.param(
            "Construction starts in May (Upper Kessel), Education Minister Paul Brodeur said.",
            "Upper Kessel",
            marks=xfail(
                "source spans: a place in parentheses before 'Education Minister "
                "X said' is taken as the source"
            ),
        ),
        ("Nation of Renewal leader Marcus Obi said the march would go ahead.", "Nation"),
    ],
)
def test_short_texts_make_no_nonsense_source(engine, text, bad):
    names = [s["name"] for s in engine.analyze(text).to_dict()["sources"]]
    assert bad not in names and all(n.split()[0] != bad for n in names)


# 5. pronouns


@pytest.mark.parametrize("name", NAMES)
def test_pronouns_never_resolved_wrongly(name, scores):
    assert scores[name]["pronouns"]["wrong"] == 0, scores[name]["pronoun_errors"]


def test_pronoun_after_a_photo_credit_is_the_speaker(analyses):
    text, gold, result = analyses["web_furniture"]
    rel = next(
        r
        for r in result["attributions"]
        if r["cue"]["start"] == text.index("He said aid convoys") + 3
    )
    assert source_name(result, rel) == "Karim Benali"


# 6. acronyms and their expansions are one source


def test_acronym_and_expansion_are_one_organisation(request, analyses):
    request.applymarker(
        xfail(
            "source grouping: the headline's 'WHO' (in 'Fever outbreak … "
            "contained, WHO says') is left out of the World Health "
            "Organization source (no source_id)"
        )
    )
    text, gold, result = analyses["wire_outbreak"]
    spans = [
        r["source"]["start"]
        for r in gold["relations"]
        if r["source_ref"] == "who" and r["source"]["text"].lower() not in ("it",)
    ]
    ids = {
        r["source_id"]
        for r in result["attributions"]
        if r["source"] and r["source"]["start"] in spans
    }
    assert len(ids) == 1 and None not in ids
    (source,) = [s for s in result["sources"] if s["id"] in ids]
    assert source["type"] == "organization" and source["named"]


# 7. empty contents


def test_every_relation_has_a_content(request, analyses):
    request.applymarker(
        xfail(
            "span model: 'He showed concussion symptoms …, the Kodiaks said "
            "in a short update' and 'The project, announced by MLA X' get "
            "no content"
        )
    )
    empty = [
        (name, r["cue"]["text"])
        for name, (_, _, res) in analyses.items()
        for r in res["attributions"]
        if not (r["content"] and r["content"]["text"].strip())
    ]
    assert empty == []


@pytest.mark.parametrize(
    "text, source, content",
    [
        (
            "State Department spokeswoman Heather Nolan said the U.S. embassy learned on Wednesday "
            "that troops had moved.",
            "Heather Nolan",
            "the U.S. embassy learned",
        ),
        (
            "Principal Janine Howe says about 480 students will attend the new school.",
            "Janine Howe",
            "about 480 students will attend",
        ),
    ],
)
def test_said_relations_have_source_and_content(engine, text, source, content):
    result = engine.analyze(text).to_dict()
    rel = next(r for r in result["attributions"] if r["verb"] in ("said", "says"))
    assert source_name(result, rel) == source
    assert content in rel["content"]["text"]


# 8. sentence labels of opinion pieces


@pytest.mark.parametrize("name", OPINION)
def test_opinion_is_mostly_the_writers_voice(analyses, scores, name):
    text, gold, result = analyses[name]
    assert scores[name]["sentences"]["annotated"] >= 25
    assert scores[name]["sentences"]["right"] / len(gold["sentences"]) >= 0.9
    direct = [s for s in result["sentences"] if s["label"] == "direct"]
    assert len(direct) >= 0.8 * len(result["sentences"])


# furniture


def test_furniture_holds_no_relation_and_no_source(analyses, scores):
    for name, (_text, gold, result) in analyses.items():
        assert scores[name]["relations_in_furniture"] == 0, name
        lines = [f["text"] for f in gold["furniture"]]
        for s in result["sources"]:
            assert not any(s["name"] in line for line in lines if len(s["name"]) > 3), (name, s)


# quotation-mark styles

GUILLEMET_KIND = xfail(
    "kind: a quotation in « » or „ “ is counted as mixed, not "
    "direct_quote (the kind rule misses these marks)"
)


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("«We stay open»", marks=GUILLEMET_KIND),
        pytest.param("„We stay open“", marks=GUILLEMET_KIND),
        "“We stay open,”",
        "'We stay open,'",
        '"We stay open,"',
        "‘We stay open,’",
    ],
)
def test_every_quotation_mark_style_is_a_direct_quote(engine, quote):
    text = f"{quote} says baker Anne Roy."
    result = engine.analyze(text).to_dict()
    assert len(result["attributions"]) == 1
    rel = result["attributions"][0]
    assert rel["kind"] == "direct_quote" and source_name(result, rel) == "Anne Roy"
    assert quote.strip(",") in rel["content"]["text"] or rel["content"]["text"] in quote


def test_feature_quotes_of_every_style_are_found(analyses):
    text, gold, result = analyses["feature_bakery"]
    for rel in gold["relations"]:
        if rel["direct"]:
            assert covering(result["attributions"], rel["content"]), rel["content"]["text"]


# cue classes and confidence

NO_RELATION = xfail(
    "cue model: the belief/intention cue of a one-sentence text "
    "('believes', 'fears', 'plans to', 'wants') gets no relation"
)


@pytest.mark.parametrize(
    "text, cls",
    [
        ("Officials said the bridge was safe.", "assertion"),
        pytest.param("The minister believes the plan will work.", "belief", marks=NO_RELATION),
        ("Inspectors found that the wall was cracked.", "knowledge"),
        ("Residents learned that the plant would close.", "knowledge"),
        pytest.param("The council plans to vote next week.", "intention", marks=NO_RELATION),
        pytest.param("The union wants a new contract.", "intention", marks=NO_RELATION),
        pytest.param("The mayor fears the dam could fail.", "belief", marks=NO_RELATION),
    ],
)
def test_cue_class_of_clear_cases(engine, text, cls):
    rels = relations_for(engine, text)
    assert [r["cue_class"] for r in rels] == [cls]


def test_cue_classes_match_the_gold(scores):
    matched = sum(s["matched"] for s in scores.values())
    right = sum(s["cue_class_right"] for s in scores.values())
    assert matched >= 100 and right / matched >= 0.95


def test_confidence_is_a_probability_that_varies(analyses):
    conf = [r["confidence"] for _, _, res in analyses.values() for r in res["attributions"]]
    assert all(0.0 <= c <= 1.0 for c in conf)
    assert max(conf) - min(conf) > 0.1
