"""The shipped models reproduce the figures in their manifests and model cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine import Engine
from service.engine.artifacts import Manifest, default_models_dir
from service.training.datasets import skip_reason
from service.training.evaluate import evaluate_bias_task, evaluate_spans, evaluate_split

MODELS = default_models_dir()


@pytest.mark.parametrize("component", ["punkt", "sentences", "spans", "bias"])
def test_every_component_has_a_manifest_and_card(component):
    manifest = Manifest.read(MODELS / component)
    assert manifest.artifact_id.startswith(component + "-")
    for name in manifest.data["files"]:
        assert (MODELS / component / name).exists()
    card = (MODELS / component / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert manifest.artifact_id in card


@pytest.mark.slow
def test_shipped_sentence_model_reproduces_its_dev_metrics(polnear_root: Path):
    manifest = Manifest.read(MODELS / "sentences")
    engine = Engine.load(with_spans=False)  # the card measures the classifier alone
    report = evaluate_split(polnear_root.parent, "dev", engine=engine)
    assert report["sentences"] == manifest.data["metrics"]["dev"]
    card = (MODELS / "sentences" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"{report['sentences']['f1']:.4f}" in card


@pytest.mark.slow
def test_shipped_span_model_reproduces_its_dev_metrics(polnear_root: Path):
    manifest = Manifest.read(MODELS / "spans")
    report = evaluate_spans(polnear_root.parent, "dev", engine=Engine.load())
    assert report["spans"] == manifest.data["metrics"]["dev"]["spans"]
    assert report["sentences"] == manifest.data["metrics"]["dev"]["sentences"]
    card = (MODELS / "spans" / "MODEL_CARD.md").read_text(encoding="utf-8")
    for role in ("cue", "source", "content"):
        assert f"{report['spans'][role]['strict']['f1']:.4f}" in card


@pytest.mark.slow
def test_shipped_bias_settings_reproduce_the_held_out_figures(polnear_root: Path):
    if reason := skip_reason(("babe", "lexicons"), polnear_root.parent):
        pytest.skip(reason)
    manifest = Manifest.read(MODELS / "bias")
    report = evaluate_bias_task(polnear_root.parent, engine=Engine.load(with_spans=False))
    for key in ("sentence", "opinion", "words_in_biased_sentences"):
        assert report[key] == manifest.data["metrics"][key], key
    card = (MODELS / "bias" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"{report['sentence']['macro_f1']:.4f}" in card
    if "basil" in report:  # the real-news figures the card records, from the same engine
        recorded = manifest.data["real_news"]["basil_2010_2014"]
        assert report["basil"]["biased_share"] == recorded["biased_share"]
        assert report["basil"]["tokens"] == recorded["tokens"]
        assert f"{report['basil']['biased_share']:.4f}" in card
        assert f"{report['basil']['tokens']['f1']:.4f}" in card
