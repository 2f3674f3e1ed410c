"""Model artifacts: manifests, skops estimators behind an allow-list, Punkt parameters as JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

import service.engine.artifacts as artifacts
from service.engine.artifacts import ArtifactError, Manifest, default_models_dir, load_estimator
from service.engine.punkt import (
    FORMAT,
    load_tokenizer,
    params_from_dict,
    params_to_dict,
    save_params,
)

REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "models"
X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
Y = np.array([0, 1, 1, 0])


# --------------------------------------------------------------------------- manifests


@pytest.mark.parametrize("component", ["punkt", "sentences"])
def test_shipped_manifests_read(component):
    m = Manifest.read(MODELS / component)
    assert m.component == component
    assert m.artifact_id.startswith(component + "-")
    assert (MODELS / component / m.data["artifact"]).is_file()


def test_sentences_manifest_threshold_is_a_probability():
    m = Manifest.read(MODELS / "sentences")
    assert 0.0 <= float(m.data.get("threshold", 0.5)) <= 1.0


def test_missing_manifest_raises_artifact_error_with_path(tmp_path):
    with pytest.raises(ArtifactError) as info:
        Manifest.read(tmp_path)
    assert str(tmp_path / "model.json") in str(info.value)
    assert isinstance(info.value.__cause__, FileNotFoundError)


@pytest.mark.parametrize(
    "content", ['{"component": "punkt",', "not json", ""], ids=["truncated", "text", "empty"]
)
def test_malformed_manifest_raises_artifact_error_with_path(tmp_path, content):
    (tmp_path / "model.json").write_text(content, encoding="utf-8")
    with pytest.raises(ArtifactError) as info:
        Manifest.read(tmp_path)
    assert str(tmp_path / "model.json") in str(info.value)
    assert isinstance(info.value.__cause__, json.JSONDecodeError)


@pytest.mark.parametrize(
    "content",
    [b"{}", b'{"component": "punkt"}', b"[]", b"\xff\xfe{}"],
    ids=["empty-object", "no-artifact-id", "list", "not-utf8"],
)
def test_manifest_with_wrong_shape_raises_artifact_error(tmp_path, content):
    (tmp_path / "model.json").write_bytes(content)
    with pytest.raises(ArtifactError, match="model.json"):
        Manifest.read(tmp_path)


def test_manifest_keeps_extra_data(tmp_path):
    (tmp_path / "model.json").write_text(
        json.dumps({"component": "x", "artifact_id": "x-1", "threshold": 0.7}), encoding="utf-8"
    )
    m = Manifest.read(tmp_path)
    assert (m.component, m.artifact_id, m.data["threshold"]) == ("x", "x-1", 0.7)


# --------------------------------------------------------------------------- models dir


def test_default_models_dir_is_beside_the_package(monkeypatch):
    monkeypatch.delenv("REPORTEDLY_MODELS_DIR", raising=False)
    assert default_models_dir() == MODELS


def test_default_models_dir_honours_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTEDLY_MODELS_DIR", str(tmp_path))
    assert default_models_dir() == tmp_path


def test_an_installed_package_uses_its_own_copy_of_the_models(monkeypatch, tmp_path):
    """A wheel carries service/models/ (setup.py): found before any checkout, after the env."""
    (tmp_path / "models").mkdir()
    monkeypatch.setattr(artifacts.resources, "files", lambda package: tmp_path)
    monkeypatch.delenv("REPORTEDLY_MODELS_DIR", raising=False)
    assert default_models_dir() == tmp_path / "models"
    monkeypatch.setenv("REPORTEDLY_MODELS_DIR", "/elsewhere")
    assert default_models_dir() == Path("/elsewhere")


# --------------------------------------------------------------------------- skops estimators


def test_shipped_estimator_loads_and_predicts():
    path = MODELS / "sentences" / "sentences.skops"
    assert set(sio.get_untrusted_types(file=path)) <= set(artifacts.TRUSTED_TYPES)
    est = load_estimator(path)
    assert list(est.classes_) == [0, 1]
    proba = est.predict_proba([{"bias": 1.0, "w=said": 1.0}, {"bias": 1.0}])
    assert proba.shape == (2, 2)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert ((proba >= 0) & (proba <= 1)).all()


def test_missing_estimator_raises_artifact_error(tmp_path):
    path = tmp_path / "nothing.skops"
    with pytest.raises(ArtifactError, match="missing model artifact") as info:
        load_estimator(path)
    assert str(path) in str(info.value)


def test_trusted_pipeline_round_trips(tmp_path):
    pipe = Pipeline(
        [
            ("vectorize", FeatureHasher(n_features=64, alternate_sign=False)),
            ("classify", LogisticRegression()),
        ]
    )
    rows = [{"a": 1.0}, {"b": 1.0}, {"a": 1.0, "b": 1.0}, {"c": 1.0}]
    pipe.fit(rows, Y)
    path = tmp_path / "pipe.skops"
    sio.dump(pipe, path)
    loaded = load_estimator(path)
    assert np.array_equal(loaded.predict_proba(rows), pipe.predict_proba(rows))


def _refuse_loading(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("skops.io.load was called on an untrusted file")

    monkeypatch.setattr(artifacts.sio, "load", boom)


def test_estimator_with_untrusted_type_is_refused_before_loading(tmp_path, monkeypatch):
    path = tmp_path / "forest.skops"
    sio.dump(RandomForestClassifier(n_estimators=2, random_state=0).fit(X, Y), path)
    untrusted = sio.get_untrusted_types(file=path)
    assert untrusted, "skops should report the forest's tree type as untrusted"
    assert not set(untrusted) <= set(artifacts.TRUSTED_TYPES)
    _refuse_loading(monkeypatch)
    with pytest.raises(ArtifactError, match="untrusted types") as info:
        load_estimator(path)
    assert str(path) in str(info.value)
    for name in set(untrusted) - set(artifacts.TRUSTED_TYPES):
        assert name in str(info.value)


def test_estimator_smuggling_a_function_is_refused(tmp_path, monkeypatch):
    est = LogisticRegression().fit(X, Y)
    est.callback_ = os.getcwd  # any callable outside the allow-list
    path = tmp_path / "smuggled.skops"
    sio.dump(est, path)
    untrusted = set(sio.get_untrusted_types(file=path))
    assert untrusted and not untrusted <= set(artifacts.TRUSTED_TYPES)
    _refuse_loading(monkeypatch)
    with pytest.raises(ArtifactError, match="untrusted types"):
        load_estimator(path)


def test_allow_list_is_what_admits_a_type(tmp_path, monkeypatch):
    path = tmp_path / "forest.skops"
    forest = RandomForestClassifier(n_estimators=2, random_state=0).fit(X, Y)
    sio.dump(forest, path)
    monkeypatch.setattr(
        artifacts,
        "TRUSTED_TYPES",
        artifacts.TRUSTED_TYPES + tuple(sio.get_untrusted_types(file=path)),
    )
    loaded = load_estimator(path)
    assert np.array_equal(loaded.predict(X), forest.predict(X))


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04truncated"])
def test_corrupt_estimator_raises_artifact_error(tmp_path, content):
    path = tmp_path / "corrupt.skops"
    path.write_bytes(content)
    with pytest.raises(ArtifactError):
        load_estimator(path)


# --------------------------------------------------------------------------- Punkt JSON

TRAINING_TEXT = (
    "Mr. Smith went to Washington on Monday. He met Sen. Jones at 10 a.m. and they talked. "
    "Dr. Brown said the U.S. economy grew. Mr. Smith disagreed. Then Mr. Smith left. "
    "The vote is on Jan. 5. It was set by Gov. Green. Sen. Jones was not there. "
) * 20


@pytest.fixture(scope="module")
def trained_params() -> PunktParameters:
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train(TRAINING_TEXT, finalize=True)
    params = trainer.get_params()
    params.abbrev_types |= {"é.u", "jan"}
    params.collocations |= {("##number##", "forbes")}
    return params


def _fields(params: PunktParameters) -> tuple:
    return (
        set(params.abbrev_types),
        set(params.collocations),
        set(params.sent_starters),
        dict(params.ortho_context),
    )


def test_trained_params_are_not_trivial(trained_params):
    assert trained_params.abbrev_types and trained_params.ortho_context
    assert trained_params.collocations


def test_params_dict_round_trip_is_lossless(trained_params):
    data = params_to_dict(trained_params)
    again = params_from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert _fields(again) == _fields(trained_params)
    assert params_to_dict(again) == data


def test_params_dict_is_json_ready_and_sorted(trained_params):
    data = params_to_dict(trained_params)
    assert data["format"] == FORMAT
    assert set(data) == {"format", "abbrev_types", "collocations", "sent_starters", "ortho_context"}
    assert data["abbrev_types"] == sorted(data["abbrev_types"])
    assert data["collocations"] == sorted(data["collocations"])
    assert all(isinstance(c, list) and len(c) == 2 for c in data["collocations"])
    assert list(data["ortho_context"]) == sorted(data["ortho_context"])
    assert json.loads(json.dumps(data)) == data


def test_empty_params_round_trip():
    data = params_to_dict(PunktParameters())
    assert _fields(params_from_dict(data)) == _fields(PunktParameters())


def test_loaded_ortho_context_defaults_to_zero(trained_params):
    params = params_from_dict(params_to_dict(trained_params))
    assert params.ortho_context["never-seen-token"] == 0


def test_save_and_load_tokenizer_round_trip(tmp_path, trained_params):
    path = tmp_path / "punkt.json"
    save_params(trained_params, path)
    raw = path.read_text(encoding="utf-8")
    assert "é.u" in raw  # written as UTF-8, not escaped
    tok = load_tokenizer(path)
    original = PunktSentenceTokenizer(trained_params)
    sample = "Mr. Smith met Sen. Jones. They talked at 10 a.m. about the U.S. economy. Done."
    assert list(tok.span_tokenize(sample)) == list(original.span_tokenize(sample))
    assert _fields(tok._params) == _fields(trained_params)


@pytest.mark.parametrize(
    "fmt",
    [None, "", "reportedly-punkt/2", "punkt", 1],
    ids=["missing", "empty", "future", "other", "int"],
)
def test_wrong_format_is_refused(trained_params, fmt):
    data = params_to_dict(trained_params)
    if fmt is None:
        del data["format"]
    else:
        data["format"] = fmt
    with pytest.raises(ValueError, match="not a reportedly Punkt file"):
        params_from_dict(data)


def test_load_tokenizer_refuses_wrong_format(tmp_path):
    path = tmp_path / "punkt.json"
    path.write_text(json.dumps({"format": "nltk-pickle", "abbrev_types": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a reportedly Punkt file"):
        load_tokenizer(path)


def test_shipped_punkt_json_loads_and_is_canonical():
    path = MODELS / "punkt" / "punkt.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    tok = load_tokenizer(path)
    assert isinstance(tok, PunktSentenceTokenizer)
    assert {"mr", "sen", "u.s"} <= tok._params.abbrev_types
    assert params_to_dict(params_from_dict(data)) == data
    assert list(tok.span_tokenize("Mr. Smith left. Sen. Jones stayed.")) == [(0, 15), (16, 34)]
