"""The sourcing report (service/report.py): the table for people and the CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from service.engine import Engine
from service.report import CSV_COLUMNS, csv_rows, csv_writer, format_table

REALSTYLE = Path(__file__).resolve().parents[1] / "fixtures" / "realstyle"
ARTICLES = ("business_wire", "court_lynx", "feature_bakery")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="module")
def analyses(engine) -> dict[str, tuple[str, dict]]:
    """Name -> (text, analysis dict) for a few real-style articles."""
    out = {}
    for name in ARTICLES:
        text = (REALSTYLE / f"{name}.txt").read_text(encoding="utf-8")
        out[name] = (text, engine.analyze(text).to_dict())
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def section(table: str, title: str) -> str:
    """The lines of ``table`` from the one starting with ``title`` to the next blank line."""
    start = table.index("\n" + title) + 1
    end = table.find("\n\n", start)
    return table[start : end if end >= 0 else None]


# --- table ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ARTICLES)
def test_table_says_who_said_what_in_80_columns(analyses, name):
    _, result = analyses[name]
    table = format_table(f"{name}.txt", result, width=80)
    assert max(len(line) for line in table.splitlines()) <= 80
    text = flat(table)
    sources = {s["id"]: s for s in result["sources"]}
    assert result["attributions"]
    for a in result["attributions"]:
        # Each relation: its id, the resolved source name and type, its cue, class and kind.
        who = re.escape(flat(sources[a["source_id"]]["name"])) if a["source_id"] else ""
        kind = sources[a["source_id"]]["type"] if a["source_id"] else "no (resolved )?source"
        pattern = (
            rf"{a['id']} [^\]]*?{who}[^\]]*?\({kind}\) — {re.escape(flat(a['cue']['text']))} "
            rf"\[{a['cue_class']}, {a['kind']}, {a['confidence']:.2f}\]"
        )
        assert re.search(pattern, text, re.I), (a, pattern)


@pytest.mark.parametrize("name", ARTICLES)
def test_table_lists_sources_scores_and_writer_flags(analyses, name):
    _, result = analyses[name]
    table = format_table(f"{name}.txt", result, width=80)
    rows = section(table, "Sources:").splitlines()[2:]
    counts = {s["id"]: 0 for s in result["sources"]}
    for a in result["attributions"]:
        if a["source_id"]:
            counts[a["source_id"]] += 1
    listed = {}
    for row in rows:
        m = re.match(r"  (s\d+) +(\w+) +(\d+) +(\d+)  (.*)", row)
        if m:
            listed[m.group(1)] = (m.group(2), int(m.group(3)), int(m.group(4)), m.group(5))
    assert set(listed) == set(counts)
    for s in result["sources"]:
        kind, relations, mentions, name_start = listed[s["id"]]
        assert (kind, relations, mentions) == (s["type"], counts[s["id"]], len(s["mentions"]))
        assert flat(s["name"]).startswith(name_start.rstrip(" …"))
    assert [r[1] for r in listed.values()] == sorted(counts.values(), reverse=True)
    scores = section(table, "Scores")
    for key, value in result["scores"].items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        assert re.search(rf"\b{key} +{re.escape(shown)}\b", scores), key
    writer = [
        f for s in result["sentences"] for f in (s["bias"] or {})["flags"] if f["voice"] == "writer"
    ]
    flags = table[table.index("Writer-voice bias flags: ") :]
    assert flags.splitlines()[0].endswith(str(len(writer)) if writer else "none")
    for f in writer:
        assert f'{f["kind"]} "{flat(f["text"])}"' in flat(flags)


def _sentence(index, text, start, ids=(), label="reported", bias=None):
    return {
        "index": index,
        "start": start,
        "end": start + len(text),
        "text": text,
        "label": label,
        "probability": 0.9,
        "attribution_ids": list(ids),
        "bias": bias,
    }


def _span(text, whole):
    start = whole.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def test_table_resolves_pronouns_and_shows_continued_and_sourceless_relations():
    one = '"We will appeal," she said. "The ruling is wrong."'
    two = " According to documents, it rained."
    whole = one + two
    relation = {"cue_class": "assertion", "confidence": 0.9, "verb": "said"}
    result = {
        "sentences": [
            _sentence(0, '"We will appeal," she said.', 0, ["a1"]),
            _sentence(1, '"The ruling is wrong."', 28, ["a1"]),
            _sentence(2, two.strip(), len(one) + 1, ["a2"]),
        ],
        "attributions": [
            relation
            | {
                "id": "a1",
                "kind": "direct_quote",
                "cue": _span("said", whole),
                "source": _span("she", whole),
                "content": _span('"We will appeal,"', whole),
                "source_id": "s1",
            },
            relation
            | {
                "id": "a2",
                "kind": "according_to",
                "cue": _span("According to", whole),
                "source": None,
                "content": _span("it rained", whole),
                "source_id": None,
            },
        ],
        "sources": [
            {
                "id": "s1",
                "name": "Maria Lopez",
                "type": "person",
                "named": True,
                "mentions": [_span("she", whole)],
                "attribution_count": 1,
            }
        ],
        "scores": {"sentences": 3, "reported_sentences": 3, "attribution_density": 1.0},
    }
    table = format_table("x.txt", result, width=80)
    text = flat(table)
    assert "a1 she = Maria Lopez (person) — said [assertion, direct_quote, 0.90]" in text
    assert '0.90] "We will appeal," 1 reported' in text  # quoted content is not quoted again
    assert 'a2 (no source) — According to [assertion, according_to, 0.90] "it rained"' in text
    assert re.search(r"1  reported +0\.90  \"The ruling is wrong\.\"\n +\(continues a1\)", table)
    assert "Writer-voice bias flags: not checked (--no-bias)" in table
    assert "s1  person                1         1  Maria Lopez" in table


def test_table_wraps_and_cuts_to_a_narrow_width():
    words = " ".join(f"word{i}" for i in range(200))
    flag = {
        "start": 0,
        "end": 5,
        "text": "word0",
        "kind": "hedge",
        "voice": "writer",
        "reason": "a reason " * 30,
        "rule": "x",
        "confidence": 0.5,
        "evidence": "",
    }
    bias = {"score": 0.1, "biased": False, "voice": "writer", "flags": [flag]}
    result = {
        "sentences": [_sentence(0, words + ".", 0, label="direct", bias=bias)],
        "scores": {"sentences": 1, "reported_sentences": 0, "attribution_density": 0.0},
    }
    table = format_table("a/very/long/path/" * 5 + "x.txt", result, width=50)
    lines = table.splitlines()
    assert all(len(line) <= 50 for line in lines)
    rows = [line for line in lines if re.match(r"0  direct|\s{20}word", line)]
    assert len(rows) == 3 and rows[0].startswith("0  direct     0.90  word0")
    assert rows[-1].endswith("…")
    assert "Writer-voice bias flags: 1" in table and 'hedge "word0" (0.50)' in table
    assert lines[-1].endswith("…")  # the reason is cut after three lines


# --- csv -----------------------------------------------------------------------------------


def test_csv_has_one_row_per_relation_with_its_sentence_and_source(analyses):
    out = io.StringIO()
    writer = csv_writer(out)
    for name in ARTICLES:
        writer.writerows(csv_rows(f"{name}.txt", analyses[name][1]))
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    rows = list(reader)
    expected = [(f"{n}.txt", a["id"]) for n in ARTICLES for a in analyses[n][1]["attributions"]]
    assert [(r["file"], r["relation_id"]) for r in rows] == expected
    for row in rows:
        text, result = analyses[row["file"].removesuffix(".txt")]
        a = next(a for a in result["attributions"] if a["id"] == row["relation_id"])
        s = result["sentences"][int(row["sentence_index"])]
        assert row["sentence_text"] == s["text"] and a["id"] in s["attribution_ids"]
        assert s["start"] <= int(row["cue_start"]) < s["end"]
        assert text[int(row["cue_start"]) : int(row["cue_end"])] == row["cue_text"]
        assert (row["kind"], row["cue_class"], float(row["confidence"])) == (
            a["kind"],
            a["cue_class"],
            a["confidence"],
        )
        if a["source"]:
            start, end = int(row["source_start"]), int(row["source_end"])
            assert text[start:end] == row["source_text"]
        if a["content"]:
            start, end = int(row["content_start"]), int(row["content_end"])
            assert text[start:end] == row["content_text"]
        source = next((s for s in result["sources"] if s["id"] == a["source_id"]), None)
        if source:
            assert (row["source_name"], row["source_type"], row["source_named"]) == (
                source["name"],
                source["type"],
                str(source["named"]).lower(),
            )
        else:
            assert row["source_id"] == row["source_name"] == row["source_type"] == ""
