"""The engine end to end (no web layer): text in, schema_version "1" Analysis out."""

from __future__ import annotations

import json
import shutil
import threading
import time

import numpy as np
import pytest
from pydantic import ValidationError

import service
from service.engine import Analysis, Engine
from service.engine.artifacts import ArtifactError, default_models_dir
from service.engine.segment import MAX_SENTENCE_CHARS
from service.engine.sentences import SentenceClassifier

ARTICLE = (
    "By Jane Doe\n"
    "WASHINGTON — The Senate passed the bill on Tuesday by a vote of 52 to 48.\n"
    "“This is a great day for working families,” Sen. Maria Lopez said after the vote.\n"
    "Critics said the measure would raise costs. The bill now goes to the House.\n"
    "Advertisement\n"
)

TOP_KEYS = {
    "schema_version",
    "model",
    "text_length",
    "sentences",
    "attributions",
    "sources",
    "scores",
}
MODEL_KEYS = {"name", "version", "components"}
SENTENCE_KEYS = {"index", "start", "end", "text", "label", "probability", "attribution_ids", "bias"}
SCORE_KEYS = {
    "sentences",
    "reported_sentences",
    "attribution_density",
    "attributions",
    "sources",
    "named_sources",
    "anonymous_sources",
    "anonymous_share",
    "anonymous_attribution_share",
    "top_source_share",
    "source_diversity",
    "direct_quote_share",
    "content_share",
    "writer_bias_share",
    "loaded_verbs",
    "hedges",
    "weasels",
    "unattributed_claims",
}


class FixedProbabilities:
    """Stands in for the fitted pipeline: returns the given P(reported), one per feature dict."""

    def __init__(self, probs):
        self.probs = list(probs)
        self.calls: list[int] = []

    def predict_proba(self, feats):
        self.calls.append(len(feats))
        assert len(feats) == len(self.probs), "one feature dict per sentence"
        p = np.array(self.probs, dtype=float)
        return np.column_stack([1 - p, p])


def fake_engine(engine: Engine, probs, threshold: float = 0.5) -> Engine:
    clf = SentenceClassifier(FixedProbabilities(probs), threshold=threshold, artifact_id="fake-1")
    return Engine(engine.segmenter, clf, engine.manifests)


# --------------------------------------------------------------------------- schema


def test_analysis_json_has_exactly_the_schema_v1_shape(engine):
    data = json.loads(engine.analyze(ARTICLE).to_json())
    assert set(data) == TOP_KEYS
    assert data["schema_version"] == "1"
    assert set(data["model"]) == MODEL_KEYS
    assert data["model"]["name"] == "reportedly"
    assert isinstance(data["model"]["version"], str) and data["model"]["version"]
    assert {"punkt", "sentences", "spans", "relations", "bias"} <= set(data["model"]["components"])
    assert all(isinstance(v, str) and v for v in data["model"]["components"].values())
    assert data["text_length"] == len(ARTICLE)
    assert isinstance(data["attributions"], list) and isinstance(data["sources"], list)
    assert set(data["scores"]) == SCORE_KEYS
    assert data["sentences"], "the article has sentences"
    for i, s in enumerate(data["sentences"]):
        assert set(s) == SENTENCE_KEYS
        assert s["index"] == i
        assert isinstance(s["start"], int) and isinstance(s["end"], int)
        assert s["label"] in ("reported", "direct")
        assert isinstance(s["probability"], float)
        assert isinstance(s["attribution_ids"], list)
        assert set(s["bias"]) == {"score", "biased", "voice", "flags"}
        assert 0.0 <= s["bias"]["score"] <= 1.0 and s["bias"]["voice"] in (
            "writer",
            "source",
            "mixed",
        )
        for f in s["bias"]["flags"]:
            assert set(f) == {
                "start",
                "end",
                "text",
                "kind",
                "voice",
                "reason",
                "rule",
                "confidence",
                "evidence",
            }
            assert data["sentences"][i]["text"] and f["reason"]
            assert 0.0 <= f["confidence"] <= 1.0
    for a in data["attributions"]:
        assert set(a) == {
            "id",
            "cue",
            "source",
            "content",
            "kind",
            "source_id",
            "verb",
            "cue_class",
            "confidence",
        }
        assert a["cue_class"] in ("assertion", "belief", "knowledge", "intention")
        assert 0.0 <= a["confidence"] <= 1.0


def test_to_dict_matches_to_json(engine):
    a = engine.analyze(ARTICLE)
    assert a.to_dict() == json.loads(a.to_json())
    assert json.loads(a.to_json(indent=2)) == json.loads(a.to_json())
    assert "\n" in a.to_json(indent=2) and "\n" not in a.to_json()


def test_model_info_names_the_loaded_artifacts(engine):
    info = engine.analyze("Hello.").model
    assert info.version == service.__version__
    assert info.components == {name: m.artifact_id for name, m in engine.manifests.items()}
    assert info.components["sentences"] == engine.sentences.artifact_id


def test_schema_forbids_extra_fields(engine):
    data = engine.analyze("The plan failed.").to_dict()
    Analysis.model_validate(data)
    for where in (data, data["model"], data["scores"], data["sentences"][0]):
        where["unexpected"] = 1
        with pytest.raises(ValidationError):
            Analysis.model_validate(data)
        del where["unexpected"]


def test_schema_version_is_fixed(engine):
    data = engine.analyze("The plan failed.").to_dict()
    data["schema_version"] = "2"
    with pytest.raises(ValidationError):
        Analysis.model_validate(data)


# --------------------------------------------------------------------------- sentences


def test_sentences_index_the_submitted_text(engine):
    a = engine.analyze(ARTICLE)
    ends = [0]
    for i, s in enumerate(a.sentences):
        assert s.index == i
        assert ARTICLE[s.start : s.end] == s.text == s.text.strip()
        assert s.start >= ends[-1]
        ends.append(s.end)
    texts = [s.text for s in a.sentences]
    assert texts[0] == "By Jane Doe" and texts[-1] == "Advertisement"
    assert "Critics said the measure would raise costs." in texts
    assert "The bill now goes to the House." in texts


def test_text_length_counts_code_points(engine):
    text = "The \U0001f469\u200d\U0001f469\u200d\U0001f467 family left. Cafe\u0301 closed."
    a = engine.analyze(text)
    assert a.text_length == len(text)
    assert [text[s.start : s.end] for s in a.sentences] == [s.text for s in a.sentences]
    assert a.sentences[-1].text == "Cafe\u0301 closed."


def test_probability_is_a_probability_and_label_follows_threshold(engine):
    threshold = engine.sentences.threshold
    a = engine.analyze(ARTICLE + "He said the plan failed, the senator said.\n")
    for s in a.sentences:
        assert 0.0 <= s.probability <= 1.0
        assert s.label == ("reported" if s.probability >= threshold else "direct")


def test_clearly_reported_sentence(engine):
    (s,) = engine.analyze("He said the plan failed, the senator said.").sentences
    assert s.label == "reported"
    assert s.probability >= engine.sentences.threshold


def test_clearly_direct_sentence(engine):
    (s,) = engine.analyze("The sun rose at 6 a.m. on Tuesday.").sentences
    assert s.label == "direct"
    assert s.probability < engine.sentences.threshold


# --------------------------------------------------------------------------- labels, scores (fake model)


@pytest.mark.parametrize(
    "probs, threshold, labels",
    [
        ([0.2, 0.8, 0.5], 0.5, ["direct", "reported", "reported"]),
        ([0.2, 0.8, 0.5], 0.8, ["direct", "reported", "direct"]),
        ([0.0, 1.0, 0.3], 0.0, ["reported", "reported", "reported"]),
    ],
)
def test_label_is_reported_at_or_above_the_threshold(engine, probs, threshold, labels):
    eng = fake_engine(engine, probs, threshold)
    a = eng.analyze("One here. Two here. Three here.")
    assert [s.label for s in a.sentences] == labels
    assert [s.probability for s in a.sentences] == probs
    assert eng.sentences.pipeline.calls == [3]


def test_probability_is_rounded_to_four_places(engine):
    a = fake_engine(engine, [0.123456789]).analyze("One here.")
    assert a.sentences[0].probability == 0.1235


def test_reported_label_agrees_with_the_reported_probability(engine):
    (s,) = fake_engine(engine, [0.49996], threshold=0.5).analyze("One here.").sentences
    assert s.label == ("reported" if s.probability >= 0.5 else "direct")


@pytest.mark.parametrize(
    "probs", [[0.9, 0.1, 0.7, 0.2], [0.1] * 4, [0.99] * 4, [0.6, 0.6, 0.4, 0.6]]
)
def test_attribution_density_is_reported_over_sentences(engine, probs):
    a = fake_engine(engine, probs).analyze("One here. Two here. Three here. Four here.")
    reported = sum(p >= 0.5 for p in probs)
    assert a.scores.sentences == 4
    assert a.scores.reported_sentences == reported
    assert a.scores.attribution_density == reported / 4
    assert a.scores.reported_sentences == sum(s.label == "reported" for s in a.sentences)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t\r\n", "\u2028\u00a0"])
def test_empty_text_has_no_sentences_and_zero_density(engine, text):
    a = engine.analyze(text)
    assert a.sentences == []
    assert a.text_length == len(text)
    scores = a.scores.model_dump()
    assert set(scores) == SCORE_KEYS
    assert all(v == 0 for v in scores.values()), scores
    assert json.loads(a.to_json())["scores"]["attribution_density"] == 0.0


def test_real_scores_are_consistent(engine):
    a = engine.analyze(ARTICLE)
    assert a.scores.sentences == len(a.sentences)
    assert a.scores.reported_sentences == sum(s.label == "reported" for s in a.sentences)
    assert a.scores.attribution_density == pytest.approx(  # shares are rounded to 4 places
        a.scores.reported_sentences / a.scores.sentences, abs=5e-5
    )


# --------------------------------------------------------------------------- inputs


def test_analyze_is_deterministic(engine):
    first = engine.analyze(ARTICLE)
    assert engine.analyze(ARTICLE) == first
    assert engine.analyze(ARTICLE).to_json() == first.to_json()
    assert Engine.load().analyze(ARTICLE) == first  # a fresh load gives the same answer


def test_results_do_not_depend_on_previous_calls(engine):
    text = "He said the plan failed, the senator said."
    before = engine.analyze(text)
    engine.analyze("“A different text,” she said.\nWith other paragraphs.")
    assert engine.analyze(text) == before


@pytest.mark.parametrize(
    "value",
    [None, b"bytes text", 42, ["a list"], {"text": "x"}, bytearray(b"x")],
    ids=["None", "bytes", "int", "list", "dict", "bytearray"],
)
def test_non_str_input_raises_type_error(engine, value):
    with pytest.raises(TypeError, match=type(value).__name__):
        engine.analyze(value)


def test_str_subclass_is_accepted(engine):
    class Text(str):
        pass

    assert engine.analyze(Text("The plan failed.")) == engine.analyze("The plan failed.")


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "He said \udfff the plan failed, the senator said.",
        "a\ud83d",
        "\udc00\ud800. Next.",
    ],
    ids=["lone-high", "lone-low-in-sentence", "truncated-pair", "reversed-pair"],
)
def test_lone_surrogates_do_not_crash(engine, text):
    a = engine.analyze(text)
    assert a.text_length == len(text)
    assert "".join(s.text for s in a.sentences).replace(" ", "") == text.replace(" ", "")
    out = a.to_json()
    out.encode("utf-8")  # valid UTF-8: lone surrogates are written as U+FFFD
    parsed = Analysis.model_validate_json(out)
    assert parsed.text_length == a.text_length
    assert [(s.start, s.end) for s in parsed.sentences] == [(s.start, s.end) for s in a.sentences]
    assert "\ufffd" in out
    assert json.loads(a.to_json(indent=2)) == json.loads(out)


def test_non_ascii_text_is_written_as_utf8_not_escapes(engine):
    text = "Café owners said the plan failed. قال الرئيس."
    out = engine.analyze(text).to_json()
    assert "Café" in out and "قال" in out


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "",
        "He said the plan failed, the senator said.",
        "Hello \U0001f469\u200d\U0001f467 there.\r\nאמר השר.\tTabbed\x00.",
        '"Quoted," he said.',
    ],
    ids=["article", "empty", "reported", "unicode", "quotes"],
)
def test_analysis_round_trips_through_json(engine, text):
    a = engine.analyze(text)
    assert Analysis.model_validate_json(a.to_json()) == a
    assert Analysis.model_validate_json(a.to_json(indent=2)) == a


def test_very_long_text_without_punctuation(engine):
    text = "word " * 3000
    a = engine.analyze(text)
    assert len(a.sentences) >= 7
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in a.sentences)
    assert sum(len(s.text.split()) for s in a.sentences) == 3000


# --------------------------------------------------------------------------- loading


def test_engine_load_from_explicit_folder_and_env(engine, tmp_path, monkeypatch):
    folder = tmp_path / "models"
    shutil.copytree(default_models_dir(), folder)
    assert Engine.load(folder).analyze(ARTICLE) == engine.analyze(ARTICLE)
    monkeypatch.setenv("REPORTEDLY_MODELS_DIR", str(folder))
    assert Engine.load().analyze(ARTICLE) == engine.analyze(ARTICLE)


def test_engine_uses_the_manifest_threshold(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(default_models_dir(), folder)
    manifest = folder / "sentences" / "model.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["threshold"] = 0.0
    manifest.write_text(json.dumps(data), encoding="utf-8")
    a = Engine.load(folder).analyze(ARTICLE)
    assert a.sentences and all(s.label == "reported" for s in a.sentences)
    assert a.scores.attribution_density == 1.0


def test_engine_load_from_empty_folder_raises_artifact_error(tmp_path):
    with pytest.raises(ArtifactError, match="model.json"):
        Engine.load(tmp_path)


def test_engine_load_refuses_wrong_punkt_format(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(default_models_dir(), folder)
    (folder / "punkt" / "punkt.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a reportedly Punkt file"):
        Engine.load(folder)


# --------------------------------------------------------------------------- module-level API


def test_module_level_analyze(engine):
    a = service.analyze("He said the plan failed, the senator said.")
    assert isinstance(a, service.Analysis)
    assert a == engine.analyze("He said the plan failed, the senator said.")


def test_module_level_engine_is_reused():
    first = service.get_engine()
    assert isinstance(first, service.Engine)
    assert service.get_engine() is first
    service.analyze("One more call.")
    assert service.get_engine() is first


def test_get_engine_loads_once_under_concurrency(monkeypatch, engine):
    calls = []

    def slow_load(cls=None, models_dir=None):
        calls.append(threading.get_ident())
        time.sleep(0.05)
        return engine

    monkeypatch.setattr(service, "_engine", None)
    monkeypatch.setattr(Engine, "load", classmethod(slow_load))
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(service.get_engine())) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 8 and all(r is engine for r in results)


def test_unknown_module_attribute_raises_attribute_error():
    with pytest.raises(AttributeError):
        service.no_such_thing  # noqa: B018
