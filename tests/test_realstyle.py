"""Real-style articles (tests/fixtures/realstyle): the gold is sound, and the shipped engine
avoids each failure class of issue 11.

Where the shipped engine still fails a class, the test is ``xfail(strict=False)`` with the
model or rule error named; it is flipped to strict or unmarked as fixes land.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REALSTYLE = Path(__file__).parent / "fixtures" / "realstyle"
NAMES = sorted(p.name[: -len(".gold.json")] for p in REALSTYLE.glob("*.gold.json"))
CUE_CLASSES = {"assertion", "belief", "knowledge", "intention"}
SOURCE_TYPES = {"person", "organization", "publication", "document", "anonymous"}


def load(name: str) -> tuple[str, dict]:
    text = (REALSTYLE / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((REALSTYLE / f"{name}.gold.json").read_text(encoding="utf-8"))
    return text, gold


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
    assert len(NAMES) >= 8
    for name in NAMES:
        text, _ = load(name)
        assert 300 <= len(text.split()) <= 900, name


@pytest.mark.parametrize("name", NAMES)
def test_every_gold_span_matches_the_article(name):
    text, gold = load(name)
    assert gold["article"] == f"{name}.txt"
    for where, span in spans_of(gold):
        assert 0 <= span["start"] < span["end"] <= len(text), (name, where)
        assert text[span["start"]:span["end"]] == span["text"], (name, where)


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
    for src in gold["sources"].values():
        assert src["type"] in SOURCE_TYPES
    for line in gold["furniture"]:  # a furniture span is a whole line
        start, end = line["start"], line["end"]
        assert start == 0 or text[start - 1] == "\n", line
        assert end == len(text) or text[end] == "\n", line
