"""The BASIL reader: body text rebuilt with exact phrase offsets; the held-back years are
never read."""

from __future__ import annotations

import json

import pytest

from service.training.basil import read_basil


def _write(root, year, name, paragraphs, phrases):
    (root / "articles" / str(year)).mkdir(parents=True, exist_ok=True)
    (root / "annotations" / str(year)).mkdir(parents=True, exist_ok=True)
    (root / "articles" / str(year) / f"{name}.json").write_text(
        json.dumps({"source": "NYT", "title": "A headline", "body-paragraphs": paragraphs})
    )
    (root / "annotations" / str(year) / f"{name}_ann.json").write_text(
        json.dumps({"phrase-level-annotations": phrases})
    )


def test_phrases_map_to_offsets_in_the_rebuilt_text(tmp_path):
    paras = [
        ["The council met on Monday.", "Its plan was a reckless gamble."],
        ["\u201cIt is a disgrace,\u201d a critic said."],
    ]
    phrases = [
        {
            "id": "p1",
            "start": 14,
            "end": 30,
            "txt": "reckless gamble.",
            "bias": "lex",
            "quote": "no",
        },
        {"id": "p2", "start": 0, "end": 3, "txt": "disgrace", "bias": "lex", "quote": "yes"},
        {"id": "title", "start": 0, "end": 1, "txt": "A", "bias": "lex", "quote": "no"},
        {"id": "p9", "start": 0, "end": 3, "txt": "nothing", "bias": "inf", "quote": "no"},
    ]
    _write(tmp_path, 2012, "ev_1", paras, phrases)
    data = read_basil(tmp_path)
    (art,) = data.articles
    assert art.outlet == "nyt" and art.year == 2012
    assert art.text.split("\n")[0] == "The council met on Monday. Its plan was a reckless gamble."
    assert [art.text[s.start : s.end] for s in art.spans] == ["reckless gamble.", "disgrace"]
    assert [s.quoted for s in art.spans] == [False, True]
    assert [art.text[a:b] for a, b in art.sentences][2].startswith("\u201cIt is")
    assert data.skipped == [("ev_1.json:p9", "sentence index out of range")]


def test_the_held_back_years_are_refused(tmp_path):
    with pytest.raises(ValueError):
        read_basil(tmp_path, years=(2016,))
