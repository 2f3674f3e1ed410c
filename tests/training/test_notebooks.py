"""The training notebooks run headless on a small sample and produce loadable artifacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine import Engine
from service.engine.artifacts import Manifest
from service.training.datasets import skip_reason
from service.training.notebook_runner import run_notebook

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"


def test_notebooks_keep_no_outputs():
    """Notebooks are percent-format scripts; none carries stale outputs or a stray .ipynb."""
    assert not list(NOTEBOOKS.glob("*.ipynb"))
    for path in NOTEBOOKS.glob("*.py"):
        assert "format_name: percent" in path.read_text(encoding="utf-8"), path


@pytest.mark.slow
def test_training_notebooks_run_on_a_sample(tmp_path, monkeypatch, polnear_root):
    if reason := skip_reason(("babe", "lexicons", "basil"), polnear_root.parent):
        pytest.skip(reason)  # notebook 04's
    monkeypatch.setenv("REPORTEDLY_DATA", str(polnear_root.parent))
    monkeypatch.setenv("REPORTEDLY_SAMPLE", "12")
    monkeypatch.setenv("REPORTEDLY_MODELS_OUT", str(tmp_path))
    monkeypatch.setenv("REPORTEDLY_FIGURES_OUT", str(tmp_path / "figures"))
    for name in (
        "01_punkt.py",
        "02_sentences.py",
        "03_spans.py",
        "04_bias.py",
        "05_sourcing_by_publisher.py",
    ):
        run_notebook(NOTEBOOKS / name, timeout=600)

    sentences = Manifest.read(tmp_path / "sentences")
    assert sentences.data["trained_on"]["documents"] == 12
    assert 0.0 < sentences.data["metrics"]["dev"]["f1"] <= 1.0
    assert (tmp_path / "sentences" / "MODEL_CARD.md").exists()
    bias = Manifest.read(tmp_path / "bias")
    assert bias.data["trained_on"]["sentences"] == 300  # max(25 * sample, 300) BABE sentences
    assert 0.0 < bias.data["metrics"]["sentence"]["macro_f1"] <= 1.0
    assert (tmp_path / "bias" / "MODEL_CARD.md").exists()
    engine = Engine.load(tmp_path)
    analysis = engine.analyze("The senator said the bill would pass.\nIt rained.")
    assert len(analysis.sentences) == 2
    assert analysis.model.components["sentences"] == sentences.artifact_id
    spans = Manifest.read(tmp_path / "spans")
    assert analysis.model.components["spans"] == spans.artifact_id
    assert set(spans.data["metrics"]["dev"]["spans"]) == {"cue", "source", "content"}
    assert (tmp_path / "spans" / "MODEL_CARD.md").exists()
    assert (tmp_path / "figures" / "sourcing_by_publisher.png").exists()
