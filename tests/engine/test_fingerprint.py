"""Feature fingerprints: a model refuses to load once its feature code makes other features."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import service.engine.bias.features as bias_features
import service.engine.features as sentence_features
import service.engine.relation_confidence as relation_confidence
import service.engine.span_features as span_features
import service.engine.tagger as tagger
from service.engine import Engine, fingerprint
from service.engine.artifacts import ArtifactError, Manifest, default_models_dir
from service.engine.fingerprint import FIELD, FeatureCodeChanged, feature_fingerprint
from service.engine.probes import PROBES, probe_texts

MODELS = default_models_dir()
NOTEBOOKS = {
    "sentences": "02_sentences.py",
    "spans": "03_spans.py",
    "bias": "04_bias.py",
    "tagger": "06_tagger.py",
    "relations": "07_relations.py",
}


@pytest.fixture(scope="module")
def models(engine) -> dict:
    return {
        "sentences": engine.sentences,
        "spans": engine.spans,
        "bias": engine.bias,
        "tagger": engine.tagger,
        "relations": engine.relation_confidence,
    }


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    return folder


def _set_field(folder: Path, component: str, value: str | None) -> None:
    path = folder / component / "model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if value is None:
        del data[FIELD]
    else:
        data[FIELD] = value
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def test_every_trained_component_is_covered():
    assert set(fingerprint.COMPONENTS) == set(NOTEBOOKS)
    assert Manifest.read(MODELS / "punkt").data.get(FIELD) is None  # no feature code of ours


@pytest.mark.parametrize("component", sorted(NOTEBOOKS))
def test_shipped_fingerprints_match_todays_feature_code(component, models):
    recorded = Manifest.read(MODELS / component).data[FIELD]
    assert feature_fingerprint(component, models[component]) == recorded


@pytest.mark.parametrize("component", sorted(NOTEBOOKS))
def test_a_tampered_fingerprint_refuses_to_load(component, tmp_path):
    folder = _copy(tmp_path)
    _set_field(folder, component, "0123456789abcdef")
    with pytest.raises(FeatureCodeChanged) as info:
        Engine.load(folder)
    message = str(info.value)
    assert message.startswith(f"models/{component} ({component}-")
    assert "its feature code changed since it was trained" in message
    assert "model.json records 0123456789abcdef" in message
    assert f"retrain it with `python3 dev.py train notebooks/{NOTEBOOKS[component]}`" in message
    assert isinstance(info.value, ArtifactError)  # the CLI and the web app report it as such


def test_a_manifest_without_a_fingerprint_refuses_to_load(tmp_path):
    folder = _copy(tmp_path)
    _set_field(folder, "bias", None)
    with pytest.raises(FeatureCodeChanged, match=r"models/bias .*records no feature_fingerprint"):
        Engine.load(folder)
    assert Engine.load(folder, with_bias=False).bias is None  # a component left out: unchecked


@pytest.mark.parametrize(
    ("component", "module", "name"),
    [
        ("sentences", sentence_features, "_length_bucket"),
        ("spans", span_features, "_rate_bucket"),
        ("bias", bias_features, "_len_bucket"),
        ("tagger", tagger, "tag_features"),
        ("relations", relation_confidence, "_logit"),
    ],
)
def test_a_change_to_the_feature_code_changes_the_fingerprint(
    component, module, name, models, monkeypatch
):
    """One helper of each component's feature code made to give other values: a real change
    of the model's inputs, which the fingerprint must see."""
    before = feature_fingerprint(component, models[component])
    original = getattr(module, name)

    def changed(*args):
        value = original(*args)
        if isinstance(value, float):
            return value + 1.0
        if isinstance(value, tuple):
            return (*value, "new")
        return value + "x"

    monkeypatch.setattr(module, name, changed)
    assert feature_fingerprint(component, models[component]) != before


def test_a_refactor_keeping_the_features_keeps_the_fingerprint(models, monkeypatch):
    """The same features in another order (dict insertion, a token's attribute list) are the
    same inputs to the hasher and the CRFs."""
    before = {c: feature_fingerprint(c, models[c]) for c in ("sentences", "spans")}
    sentences = fingerprint.sentence_features
    cues = fingerprint.cue_features
    monkeypatch.setattr(
        fingerprint,
        "sentence_features",
        lambda *a: [dict(reversed(list(f.items()))) for f in sentences(*a)],
    )
    monkeypatch.setattr(fingerprint, "cue_features", lambda *a: [f[::-1] for f in cues(*a)])
    assert {c: feature_fingerprint(c, models[c]) for c in before} == before


def test_the_fingerprint_follows_the_model_lexicon(models):
    """The sentence and span features read the model's own cue lexicon."""
    spans = models["spans"]
    lexicon = {w: 0.9 for w in ("rally", "report", "statement")}
    assert fingerprint._digest(fingerprint._spans(lexicon)) != feature_fingerprint("spans", spans)


def test_probe_texts_have_fixed_sentences():
    probes = probe_texts()
    assert len(probes) == len(PROBES) >= 8
    for (text, sentences), probe in zip(probes, PROBES):
        assert [text[a:b] for a, b, _ in sentences] == [s for p in probe for s in p]
        assert text.count("\n") == len(probe) - 1
        assert [p for _, _, p in sentences] == [i for i, p in enumerate(probe) for _ in p]
