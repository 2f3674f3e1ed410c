"""Each source lists its ``attribution_ids``: what it said, without a join."""

from __future__ import annotations

import json

import service
from service.cli import main
from service.engine import Engine
from service.engine.source_attributions import source_attributions
from service.engine.types import Attribution, Span

ARTICLE = (
    "Dutch Prime Minister Mark Rutte spoke in The Hague on Monday. He said the cabinet "
    'would resign. "We have failed," he told reporters.\n\n'
    "A senior official, who asked not to be named, said talks had collapsed. "
    "She added that the coalition was split.\n"
)


def _att(aid: str, start: int, source_id: str | None) -> Attribution:
    cue = Span(start=start, end=start + 4, text="said")
    return Attribution(id=aid, cue=cue, kind="indirect", source_id=source_id)


def test_ids_follow_the_attributions_order_and_skip_source_less_relations():
    atts = [_att("a1", 0, "s2"), _att("a2", 10, None), _att("a3", 20, "s1"), _att("a4", 30, "s2")]
    assert source_attributions(atts) == {"s2": ["a1", "a4"], "s1": ["a3"]}
    assert source_attributions([]) == {}


def test_each_source_lists_what_it_said(engine):
    a = engine.analyze(ARTICLE)
    by_id = {x.id: x for x in a.attributions}
    for src in a.sources:
        assert src.attribution_ids == [x.id for x in a.attributions if x.source_id == src.id]
        assert len(src.attribution_ids) == src.attribution_count
    rutte = next(s for s in a.sources if s.name == "Mark Rutte")
    # the pronoun sources count as Rutte's: "He said", "he told"
    said = [(by_id[i].source.text, by_id[i].cue.text) for i in rutte.attribution_ids]
    assert said == [("He", "said"), ("he", "told")]
    official = next(s for s in a.sources if s.type == "anonymous")
    assert [by_id[i].source.text for i in official.attribution_ids] == ["A senior official", "She"]


def test_attribution_ids_in_the_cli_json_and_the_python_api(engine, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(Engine, "load", staticmethod(lambda models_dir=None: engine))
    monkeypatch.setattr(service, "_engine", engine)
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["analyze", "--format", "json", str(path)]) == 0
    cli = json.loads(capsys.readouterr().out)["sources"]
    api = service.analyze(ARTICLE).to_dict()["sources"]
    assert [s["attribution_ids"] for s in cli] == [s["attribution_ids"] for s in api]
    assert all(s["attribution_ids"] for s in cli) and len(cli) == 2
    assert json.loads(engine.analyze("The plan failed.").to_json())["sources"] == []
