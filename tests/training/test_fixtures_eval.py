"""The real-style evaluator's arithmetic, on a tiny article with known gold and a fake engine
result (service/training/fixtures_eval.py), and its command line."""

from __future__ import annotations

import json

import pytest

from service.cli import main
from service.training.fixtures_eval import (
    evaluate_fixtures,
    fixtures_markdown,
    name_matches,
    score_article,
    token_f1,
)

TEXT = (
    '"The bridge is safe," said Mayor Ann Lo. "We checked it twice."\n'
    "Officials say the road will reopen. She said the cost was low.\n"
    "It rained.\n"
    "— Jo Reporter\n"
)


def span(phrase: str, within: str | None = None) -> dict:
    """The span of ``phrase`` (inside the first ``within``) in TEXT."""
    base = TEXT.index(within) if within else 0
    start = TEXT.index(phrase, base)
    return {"start": start, "end": start + len(phrase), "text": phrase}


Q1, Q2 = '"The bridge is safe,"', '"We checked it twice."'
SAID1, SAID2 = span("said", "said Mayor"), span("said", "She said")

GOLD = {
    "article": "tiny.txt",
    "sources": {
        "lo": {"name": "Ann Lo", "type": "person", "aliases": ["Lo"]},
        "officials": {"name": "officials", "type": "anonymous", "aliases": []},
    },
    "relations": [
        {
            "id": "r1",
            "cue": SAID1,
            "source": span("Mayor Ann Lo"),
            "content": span(Q1),
            "cue_class": "assertion",
            "source_ref": "lo",
            "direct": True,
            "continues": None,
        },
        {
            "id": "r2",
            "cue": SAID1,
            "source": span("Mayor Ann Lo"),
            "content": span(Q2),
            "cue_class": "assertion",
            "source_ref": "lo",
            "direct": True,
            "continues": "r1",
        },
        {
            "id": "r3",
            "cue": span("say"),
            "source": span("Officials"),
            "content": span("the road will reopen"),
            "cue_class": "assertion",
            "source_ref": "officials",
            "direct": False,
            "continues": None,
        },
        {
            "id": "r4",
            "cue": SAID2,
            "source": span("She"),
            "content": span("the cost was low"),
            "cue_class": "assertion",
            "source_ref": "lo",
            "direct": False,
            "continues": None,
        },
    ],
    "pronouns": [{"span": span("She"), "antecedent": "lo", "relation": "r4"}],
    "furniture": [span("— Jo Reporter")],
    "sentences": [
        {**span("It rained."), "label": "direct"},
        {**span('"We checked it twice."'), "label": "reported"},
    ],
    "non_cues": [span("rained")],
    "non_sources": [span("Jo Reporter")],
}


def rel(rid, cue, source=None, content=None, source_id=None, cue_class="assertion"):
    return {
        "id": rid,
        "cue": cue,
        "source": source,
        "content": content,
        "source_id": source_id,
        "cue_class": cue_class,
    }


def sentence(phrase, label):
    return {**span(phrase), "label": label}


# e1 holds both quotations (the continuation folded in): both gold relations fully right.
# e2 has a short content (partly right); e3 resolves "She" to the byline's name (wrong
# source, wrong pronoun, a nonsense source, a non-source); e4 is a cue on the byline line
# (spurious, on furniture); e5 is nested inside a quotation (not scored).
RESULT = {
    "attributions": [
        rel("a1", SAID1, span("Mayor Ann Lo"), span(Q1 + " said Mayor Ann Lo. " + Q2), "s1"),
        rel("a2", span("say"), span("Officials"), span("the road"), "s2"),
        rel("a3", SAID2, span("She"), span("the cost was low"), "s3"),
        rel("a4", span("Jo"), None, None),
        rel("a5", span("checked"), span("We"), span("it twice"), None, "knowledge"),
    ],
    "sources": [
        {"id": "s1", "name": "Ann Lo", "type": "person"},
        {"id": "s2", "name": "officials", "type": "anonymous"},
        {"id": "s3", "name": "Jo Reporter", "type": "person"},
    ],
    "sentences": [
        sentence('"The bridge is safe," said Mayor Ann Lo.', "reported"),
        sentence('"We checked it twice."', "reported"),
        sentence("Officials say the road will reopen.", "reported"),
        sentence("She said the cost was low.", "reported"),
        sentence("It rained.", "reported"),
        sentence("— Jo Reporter", "direct"),
    ],
}


@pytest.fixture(scope="module")
def scored():
    return score_article(TEXT, GOLD, RESULT)


def test_relation_outcomes(scored):
    assert scored["gold_relations"] == 4 and scored["engine_relations"] == 5
    assert scored["matched"] == 4  # r2 shares a1 with r1
    assert scored["engine_matched"] == 3
    assert (scored["full"], scored["partial"], scored["wrong_source"]) == (2, 1, 1)
    assert scored["spurious"] == 1 and scored["spurious_cues"] == ["Jo"]
    assert scored["nested_in_quote"] == 1 and scored["missed"] == 0
    assert scored["relations_in_furniture"] == 1
    assert scored["cue_class_right"] == 4


def test_rates_over_the_total(tmp_path):
    (tmp_path / "tiny.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "tiny.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    report = evaluate_fixtures(tmp_path, results={"tiny": RESULT})
    t = report["total"]
    # lenient: 3 of 4 scored engine relations matched, all 4 gold relations found
    assert t["lenient"] == {"precision": 0.75, "recall": 1.0, "f1": round(2 * 0.75 / 1.75, 4)}
    # fully right: a1 only of 4 engine relations; r1, r2 of 4 gold relations
    assert t["fully_right"] == {"precision": 0.25, "recall": 0.5, "f1": round(0.25 / 0.75, 4)}
    q = t["quotes"]["assertion"]
    # "the road" covers 7 of the 17 non-space characters of "the road will reopen" (>= 30%)
    assert (q["gold"], q["engine"], q["found"], q["engine_correct"]) == (4, 3, 4, 3)
    assert q["f1"] == 1.0 and q["speaker"] == 0.75
    assert t["quotes"]["all"]["engine"] == 4  # a5 (knowledge) counts only for all classes
    assert t["pronouns"] == {"correct": 0, "wrong": 1, "unresolved": 0, "missed": 0}
    assert t["nonsense_sources"] == ["tiny: Jo Reporter"]
    assert t["non_source_hits"] == ["tiny: Jo Reporter"]
    assert t["non_cue_hits"] == []
    assert t["sentences"] == {"annotated": 2, "right": 1, "accuracy": 0.5}
    table = fixtures_markdown(report)
    assert "| tiny | 4 | 5 | 2 | 1 | 1 | 1 | 0 |" in table and "**total**" in table


def test_unresolved_pronoun_is_partly_right_not_wrong():
    result = json.loads(json.dumps(RESULT))
    result["attributions"][2]["source_id"] = None
    result["sources"] = result["sources"][:2]
    s = score_article(TEXT, GOLD, result)
    assert s["pronouns"]["unresolved"] == 1 and s["wrong_source"] == 0 and s["partial"] == 2
    assert s["nonsense_sources"] == []


def test_missed_and_split_continuation():
    result = json.loads(json.dumps(RESULT))
    result["attributions"][0]["content"] = span(Q1)  # the continuation is not covered
    s = score_article(TEXT, GOLD, result)
    assert s["missed"] == 1 and s["matched"] == 3 and s["full"] == 1
    result["attributions"].append(rel("a6", SAID1, span("Mayor Ann Lo"), span(Q2), "s1"))
    s = score_article(TEXT, GOLD, result)  # a separate relation for it
    assert s["missed"] == 0 and s["full"] == 2 and s["engine_matched"] == 4


def test_token_f1_and_names():
    assert token_f1(TEXT, span("the road will reopen"), span("the road")) == pytest.approx(2 / 3)
    assert token_f1(TEXT, None, None) == 1.0 and token_f1(TEXT, span("It"), None) == 0.0
    who = {
        "name": "World Health Organization",
        "type": "organization",
        "aliases": ["WHO", "the WHO"],
    }
    assert name_matches("WHO", who) and name_matches("the World Health Organization", who)
    assert not name_matches("health", who) and not name_matches("Provided", who)
    person = {"name": "Dave Marcotte", "type": "person", "aliases": []}
    assert name_matches("Marcotte", person) and name_matches("Dr. Dave Marcotte", person)
    assert not name_matches("Originally", person) and not name_matches("Marcotte later", person)


def test_cli_prints_the_fixture_report(capsys):
    assert main(["evaluate", "--task", "fixtures", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["articles"]) >= 8
    assert report["total"]["gold_relations"] == sum(
        a["gold_relations"] for a in report["articles"].values()
    )


def test_cli_reads_another_fixtures_folder(capsys, tmp_path):
    (tmp_path / "tiny.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "tiny.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    assert main(["evaluate", "--task", "fixtures", "--fixtures", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 article in" in out and "| tiny | 4 |" in out
    assert main(["evaluate", "--task", "fixtures", "--fixtures", str(tmp_path / "none")]) == 1
    assert "fixtures folder not found" in capsys.readouterr().err


def test_by_cue_class(scored):
    k = scored["by_class"]
    assert k["assertion"] == {"gold": 4, "found": 4, "engine": 4, "engine_right": 3}
    assert k["knowledge"] == {"gold": 0, "found": 0, "engine": 1, "engine_right": 0}
    assert k["belief"]["gold"] == k["intention"]["engine"] == 0
