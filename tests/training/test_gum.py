"""GUM reader (service.training.gum) and the GUM evaluation (service.training.gum_eval), on a
tiny hand-written document, plus one run on a real GUM document when the data is present."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest
from conftest import DATA, REPO

from service.engine.types import Attribution, Sentence, Source, Span
from service.training import gum, gum_eval
from service.training.datasets import skip_reason

CONLLU = """\
# newdoc id = GUM_news_storm
# newpar
# text = Storm closes harbour
1\tStorm\tstorm\tNOUN\tNN\t_\t2\tnsubj\t_\t_
2\tcloses\tclose\tVERB\tVBZ\t_\t0\troot\t_\t_
3\tharbour\tharbour\tNOUN\tNN\t_\t2\tobj\t_\t_

# newpar
# newpar_block = p (2 s)
# text = The city's mayor said the harbour would reopen.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2-3\tcity's\t_\t_\t_\t_\t_\t_\t_\t_
2\tcity\tcity\tNOUN\tNN\t_\t4\tnmod:poss\t_\t_
3\t's\t's\tPART\tPOS\t_\t2\tcase\t_\t_
4\tmayor\tmayor\tNOUN\tNN\t_\t5\tnsubj\t_\t_
5\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tharbour\tharbour\tNOUN\tNN\t_\t9\tnsubj\t_\t_
8\twould\twould\tAUX\tMD\t_\t9\taux\t_\t_
9\treopen\treopen\tVERB\tVB\t_\t5\tccomp\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# text = It rained all week.
1\tIt\tit\tPRON\tPRP\t_\t2\texpl\t_\t_
2\trained\train\tVERB\tVBD\t_\t0\troot\t_\t_
3\tall\tall\tDET\tDT\t_\t4\tdet\t_\t_
4\tweek\tweek\tNOUN\tNN\t_\t2\tobl:tmod\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# newpar
# text = She added that boats were safe.
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tadded\tadd\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_
4\tboats\tboat\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
5\twere\tbe\tAUX\tVBD\t_\t6\tcop\t_\t_
6\tsafe\tsafe\tADJ\tJJ\t_\t2\tccomp\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""

TEXT = (
    "Storm closes harbour\n"
    "The city's mayor said the harbour would reopen. It rained all week.\n"
    "She added that boats were safe.\n"
)

RS4 = """<rst><header/><body>
<segment id="1" parent="10" relname="organization-heading">Storm closes harbour</segment>
<segment id="2" parent="3" relname="attribution-positive">The city 's mayor said</segment>
<segment id="3" parent="10" relname="span">the harbour would reopen .</segment>
<segment id="4" parent="10" relname="joint-other">It rained all week .</segment>
<segment id="5" parent="11" relname="attribution-positive">She added</segment>
<segment id="6" parent="11" relname="span">that boats were safe .</segment>
<group id="10" type="span"/>
<group id="11" type="span" parent="10" relname="elaboration-additional"/>
</body></rst>"""

COREF = """# begin document GUM_news_storm
0\tStorm\t(event-1)
1\tcloses\t_
2\tharbour\t(place-2)
3\tThe\t(person-3(organization-4-Town_Hall
4\tcity\torganization-4-Town_Hall)
5\t's\t_
6\tmayor\tperson-3)
7\tsaid\t_
8\tthe\t(place-2
9\tharbour\tplace-2)
10\twould\t_
11\treopen\t_
12\t.\t_
13\tIt\t_
14\trained\t_
15\tall\t(time-5
16\tweek\ttime-5)
17\t.\t_
18\tShe\t(person-3)
19\tadded\t_
20\tthat\t_
21\tboats\t(object-6)
22\twere\t_
23\tsafe\t_
24\t.\t_
# end document
"""


def _at(phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return Span(start=start, end=start + len(phrase), text=phrase)


@pytest.fixture()
def doc() -> gum.GumDocument:
    d = gum.parse_conllu(CONLLU, "GUM_news_storm", "news")
    d.relations = gum.parse_rs4(RS4, d.tokens)
    d.mentions = gum.parse_coref(COREF, d.tokens)
    return d


def _text(d: gum.GumDocument, tokens) -> str:
    return d.text[slice(*d.span(tokens))]


# --- reader -------------------------------------------------------------------------------


def test_text_is_rebuilt_with_paragraphs_as_lines_and_tokens_at_their_offsets(doc):
    assert doc.text == TEXT
    assert all(doc.text[t.start : t.end] == t.form for t in doc.tokens)
    assert [t.form for t in doc.tokens[3:6]] == ["The", "city", "'s"]  # multiword token split
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Storm closes harbour",
        "The city's mayor said the harbour would reopen.",
        "It rained all week.",
        "She added that boats were safe.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2]
    assert [doc.text[a:b] for a, b in doc.paragraphs][2] == "She added that boats were safe."
    assert doc.token_at(TEXT.index("mayor") + 2) == 6 and doc.token_at(TEXT.index(" It")) is None


def test_attribution_relations_link_source_segment_to_attributed_segment(doc):
    pairs = [(_text(doc, r.source_tokens), _text(doc, r.content_tokens)) for r in doc.relations]
    assert pairs == [
        ("The city's mayor said", "the harbour would reopen."),
        ("She added", "that boats were safe."),
    ]
    assert {r.relname for r in doc.relations} == {"attribution-positive"}


def test_segments_that_do_not_match_the_tokens_are_an_error():
    d = gum.parse_conllu(CONLLU)
    with pytest.raises(ValueError, match="segment 4"):
        gum.parse_rs4(RS4.replace("It rained all week", "It rained all week long"), d.tokens)


def test_attribution_on_a_group_takes_every_segment_under_it_but_the_source():
    d = gum.parse_conllu(CONLLU)
    rs4 = RS4.replace(
        '<segment id="6" parent="11" relname="span">that boats were safe .',
        '<segment id="6" parent="11" relname="span">that boats were',
    )
    rs4 = rs4.replace(
        "</body>", '<segment id="7" parent="6" relname="evaluation-comment">safe .</segment></body>'
    )
    rel = gum.parse_rs4(rs4, d.tokens)[1]
    assert _text(d, rel.content_tokens) == "that boats were safe."


def test_secondary_attribution_edge_is_read():
    d = gum.parse_conllu(CONLLU)
    rs4 = RS4.replace('relname="attribution-positive">She added', 'relname="span">She added')
    rs4 = rs4.replace(
        'parent="11" relname="span">that boats', 'parent="5" relname="causal-cause">that boats'
    )
    assert len(gum.parse_rs4(rs4, d.tokens)) == 1
    rs4 = rs4.replace(
        "</body>",
        '<secedges><secedge id="5-6" source="5" target="6" '
        'relname="attribution-positive"/></secedges></body>',
    )
    rel = gum.parse_rs4(rs4, d.tokens)[1]
    assert (_text(d, rel.source_tokens), _text(d, rel.content_tokens)) == (
        "She added",
        "that boats were safe.",
    )


def test_coreference_mentions_types_chains_and_pronoun_antecedent(doc):
    found = {(doc.text[m.start : m.end], m.type, m.entity) for m in doc.mentions}
    assert {
        ("The city's mayor", "person", 3),
        ("The city", "organization", 4),
        ("the harbour", "place", 2),
        ("all week", "time", 5),
        ("She", "person", 3),
    } <= found
    city = next(m for m in doc.mentions if m.entity == 4)
    assert city.link == "Town_Hall"
    she = next(m for m in doc.mentions if doc.text[m.start : m.end] == "She")
    assert she.pronoun and not city.pronoun
    assert [doc.text[m.start : m.end] for m in doc.chains[3]] == ["The city's mayor", "She"]
    ante = doc.antecedent(she)
    assert doc.text[ante.start : ante.end] == "The city's mayor"
    assert doc.antecedent(city) is None


def test_document_names_follow_the_splits_file(tmp_path):
    (tmp_path / "dep").mkdir()
    for name in ("GUM_news_a", "GUM_news_b", "GUM_interview_c", "GUM_bio_d"):
        (tmp_path / "dep" / f"{name}.conllu").write_text(CONLLU)
    (tmp_path / "splits.md").write_text(
        "# Splits\n\n## dev\n\n  * GUM_news_a\n  * GUM_bio_d\n"
        "\n## test\n\n  * GUM_interview_c\n\n## train\n\n"
        "  * GUM_news_b\n"
    )
    assert gum.document_names(tmp_path, selection="dev+test") == ["GUM_interview_c", "GUM_news_a"]
    assert gum.document_names(tmp_path, selection="train") == ["GUM_news_b"]
    assert len(gum.document_names(tmp_path)) == 3
    with pytest.raises(ValueError):
        gum.document_names(tmp_path, selection="everything")
    docs = gum.read_documents(tmp_path, selection="dev")
    assert [(d.name, d.genre, d.relations) for d in docs] == [("GUM_news_a", "news", [])]


# --- metrics ------------------------------------------------------------------------------


def _sentence(i: int, start: int, end: int, reported: bool) -> Sentence:
    return Sentence(
        index=i,
        start=start,
        end=end,
        text=TEXT[start:end],
        label="reported" if reported else "direct",
        probability=float(reported),
    )


def _relation(rid, cue, source, content, source_id=None) -> Attribution:
    return Attribution(
        id=rid,
        cue=cue,
        source=source,
        content=content,
        kind="indirect",
        source_id=source_id,
        verb=cue.text,
        cue_class="assertion",
    )


def _analysis(sentences=(), attributions=(), sources=()):
    return SimpleNamespace(
        sentences=list(sentences), attributions=list(attributions), sources=list(sources)
    )


def test_reported_sentences_gold_and_engine_label_by_largest_overlap(doc):
    assert gum_eval.gold_sentence_labels(doc) == [0, 1, 0, 1]
    s = doc.sentences
    # the engine runs sentences 2 and 3 together and calls that reported
    analysis = _analysis(
        [
            _sentence(0, s[0].start, s[0].end, False),
            _sentence(1, s[1].start, s[2].end, True),
            _sentence(2, s[3].start, s[3].end, False),
        ]
    )
    labels, exact = gum_eval.engine_sentence_labels(doc, analysis)
    assert labels == [0, 1, 1, 0] and exact == 2
    report = gum_eval.summarise([gum_eval.score_document(doc, analysis)])["sentences"]
    assert (report["precision"], report["recall"], report["accuracy"]) == (0.5, 0.5, 0.5)
    assert report["segmentation_match"] == 0.5


def test_content_boundaries_of_matched_relations(doc):
    analysis = _analysis(
        attributions=[
            _relation("a1", _at("said"), _at("The city's mayor"), _at("the harbour would reopen")),
            _relation("a2", _at("added"), _at("She"), _at("boats were safe")),
            # a cue outside any GUM source segment matches nothing
            _relation("a3", _at("rained"), None, _at("all week")),
        ]
    )
    pairs = gum_eval.match_relations(doc, analysis)
    assert [a.id for a, _ in pairs] == ["a1", "a2"]
    total = gum_eval.summarise([gum_eval.score_document(doc, analysis, k=5)])
    c = total["content"]
    assert c["pairs"] == 2
    assert (c["start_strict"], c["start_lenient"]) == (0.5, 1.0)  # "that " is 5 characters
    assert (c["end_strict"], c["end_lenient"]) == (1.0, 1.0)  # final full stops trimmed
    assert (c["overlap_precision"], c["overlap_recall"]) == (1.0, 0.875)
    assert (
        gum_eval.summarise([gum_eval.score_document(doc, analysis, k=4)])["content"][
            "start_lenient"
        ]
        == 0.5
    )
    r = total["relations"]
    assert (r["gum"], r["engine"], r["matched"]) == (2, 3, 2)
    assert (r["precision"], r["recall"]) == (round(2 / 3, 4), 1.0)


def test_source_types_against_gum_entity_types_and_nonsense_sources(doc):
    analysis = _analysis(
        sources=[
            Source(
                id="s1",
                name="mayor",
                type="person",
                named=False,
                attribution_count=1,
                mentions=[_at("The city's mayor")],
            ),
            Source(
                id="s2",
                name="harbour",
                type="organization",
                named=False,
                attribution_count=1,
                mentions=[_at("harbour", 1)],
            ),
            Source(
                id="s3",
                name="week",
                type="document",
                named=False,
                attribution_count=1,
                mentions=[_at("week")],
            ),
            Source(
                id="s4",
                name="It",
                type="unknown",
                named=False,
                attribution_count=1,
                mentions=[_at("It")],
            ),  # no GUM mention: not typed
        ]
    )
    t = gum_eval.summarise([gum_eval.score_document(doc, analysis)])["source_types"]
    assert (t["mentions"], t["with_gum_mention"]) == (4, 3)
    assert t["accuracy"] == round(1 / 3, 4)
    assert t["confusion"] == {
        "person": {"person": 1},
        "organization": {"place": 1},
        "document": {"time": 1},
    }
    assert t["nonsense"] == {"place": 1, "time": 1, "abstract": 0}


def test_source_mention_is_narrowed_to_the_source_name(doc):
    def confusion(name):
        analysis = _analysis(
            sources=[
                Source(
                    id="s1",
                    name=name,
                    type="organization",
                    named=True,
                    attribution_count=1,
                    mentions=[_at("The city's mayor")],
                )
            ]
        )
        return gum_eval.summarise([gum_eval.score_document(doc, analysis)])["source_types"][
            "confusion"
        ]

    assert confusion("city") == {"organization": {"organization": 1}}
    assert confusion("Ms Rivera") == {"organization": {"person": 1}}  # name not in the mention


@pytest.mark.parametrize(
    "source_id, outcome",
    [("s1", "resolved_correct"), ("s2", "resolved_wrong"), (None, "unresolved")],
)
def test_pronoun_sources_against_gum_chains(doc, source_id, outcome):
    she = _at("She")
    sources = [
        Source(
            id="s1",
            name="mayor",
            type="person",
            named=False,
            attribution_count=2,
            mentions=[_at("The city's mayor"), she],
        ),
        Source(
            id="s2",
            name="Storm",
            type="organization",
            named=True,
            attribution_count=1,
            mentions=[_at("Storm"), she],
        ),
    ]
    analysis = _analysis(
        attributions=[_relation("a1", _at("added"), she, _at("that boats were safe"), source_id)],
        sources=sources,
    )
    p = gum_eval.summarise([gum_eval.score_document(doc, analysis)])["pronouns"]
    assert p["relations"] == 1 and p[outcome] == 1
    assert (
        sum(p[k] for k in ("resolved_correct", "resolved_wrong", "unresolved", "not_scored")) == 1
    )


def test_pronoun_source_known_only_by_pronouns_is_checked_by_its_name(doc):
    she = _at("She")
    analysis = _analysis(
        attributions=[_relation("a1", _at("added"), she, _at("that boats were safe"), "s1")],
        sources=[
            Source(
                id="s1",
                name="city",
                type="organization",
                named=True,
                attribution_count=1,
                mentions=[she],
            )
        ],
    )
    # "city" is a mention of the organisation, not of the mayor "She" refers to
    assert (
        gum_eval.summarise([gum_eval.score_document(doc, analysis)])["pronouns"]["resolved_wrong"]
        == 1
    )


def test_renderers_show_every_genre_column(doc):
    counts = gum_eval.score_document(doc, _analysis())
    report = {
        "selection": "dev+test",
        "k": 5,
        "model": {"components": {"spans": "spans-x"}},
        "genres": {
            "news": gum_eval.summarise([counts]),
            "interview": gum_eval.summarise([]),
            "total": gum_eval.summarise([counts]),
        },
    }
    text = gum_eval.format_gum_evaluation(report)
    assert "spans-x" in text and "news" in text and "interview" in text
    md = gum_eval.gum_markdown(report).splitlines()
    assert md[0].endswith("| news | interview | total |")
    assert all(line.count("|") == 5 for line in md)
    all_reported = _analysis(
        [_sentence(i, s.start, s.end, True) for i, s in enumerate(doc.sentences)]
    )
    summary = gum_eval.summarise([gum_eval.score_document(doc, all_reported)])
    after = dict(report, genres={g: summary for g in report["genres"]})
    compared = gum_eval.gum_markdown(after, before=report)
    assert (
        "| (a) reported sentences R | 0.000 → 1.000 | 0.000 → 1.000 | 0.000 → 1.000 |" in compared
    )
    assert "| documents | 1 | 0 → 1 | 1 |" in compared


# --- real data ----------------------------------------------------------------------------

GUM = DATA / "gum"
needs_gum = pytest.mark.skipif(
    bool(skip_reason("gum", DATA)), reason=skip_reason("gum", DATA) or ""
)


@needs_gum
def test_real_document_text_matches_the_shared_tool_and_evaluation_runs(engine):
    name = gum.document_names(GUM, selection="dev")[0]
    d = gum.read_document(GUM, name)
    tool = REPO.parent / "shared" / "tools" / "gum_text.py"
    if tool.exists():
        out = subprocess.run(
            [sys.executable, str(tool), str(GUM / "dep" / f"{name}.conllu")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert d.text == out
    assert all(d.text[t.start : t.end] == t.form for t in d.tokens)
    assert d.relations and d.mentions
    report = gum_eval.evaluate_gum(DATA, selection="dev", limit=1, engine=engine)
    total = report["genres"]["total"]
    assert total["documents"] == 1
    assert total["sentences"]["n"] == len(d.sentences)
    assert total["relations"]["gum"] == len(d.relations)
    assert "total" in gum_eval.format_gum_evaluation(report)


def test_cli_gum_selection_is_refused_for_polnear_tasks(capsys):
    from service.cli import main

    assert main(["evaluate", "--task", "spans", "--split", "dev+test"]) == 1
    assert "--task gum only" in capsys.readouterr().err


@needs_gum
def test_cli_evaluate_task_gum(capsys):
    import json

    from service.cli import main

    assert (
        main(
            [
                "evaluate",
                "--task",
                "gum",
                "--split",
                "test",
                "--limit",
                "1",
                "--data",
                str(DATA),
                "--json",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["selection"] == "test" and report["genres"]["total"]["documents"] == 1


def test_first_person_gum_relations_are_counted_apart():
    d = gum.parse_conllu(CONLLU.replace("She\tshe", "We\twe").replace("She added", "We added"))
    d.relations = gum.parse_rs4(RS4.replace("She added", "We added"), d.tokens)
    we = Span(start=d.text.index("We"), end=d.text.index("We") + 2, text="We")
    added = d.text.index("added")
    analysis = _analysis(
        attributions=[
            _relation(
                "a1",
                Span(start=added, end=added + 5, text="added"),
                we,
                Span(start=added + 6, end=len(d.text) - 2, text="that boats were safe"),
            )
        ]
    )
    r = gum_eval.summarise([gum_eval.score_document(d, analysis)])["relations"]
    assert (r["gum"], r["gum_first_person"], r["matched"], r["matched_first_person"]) == (
        2,
        1,
        1,
        1,
    )
