"""dev.py's lint and train commands: what they run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _dev():
    spec = importlib.util.spec_from_file_location("dev", REPO / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_train_runs_the_notebooks_that_write_a_model_not_the_analyses():
    names = {p.name for p in _dev().NOTEBOOKS}
    assert "05_sourcing_by_publisher.py" not in names  # an analysis: figures, no model
    assert {"01_punkt.py", "02_sentences.py", "03_spans.py", "04_bias.py"} <= names
    assert {"06_tagger.py", "07_relations.py"} <= names


def test_lint_runs_every_check_and_fails_on_any_finding(tmp_path, monkeypatch, capsys):
    dev = _dev()
    clean, unused = tmp_path / "clean.py", tmp_path / "unused.py"
    clean.write_text("X = 1\n")
    unused.write_text("import os\n")
    monkeypatch.setattr(
        dev, "LINT", (("ruff", "check", str(unused)), ("ruff", "check", str(clean)))
    )
    assert dev.lint() == 1
    out, err = capsys.readouterr()
    assert f"$ ruff check {clean}" in out  # the second check ran after the first failed
    assert "ruff check found problems" in err
    monkeypatch.setattr(dev, "LINT", (("ruff", "check", str(clean)),))
    assert dev.lint() == 0


def test_lint_covers_the_package_the_tests_and_dev_py():
    checks = [" ".join(c) for c in _dev().LINT]
    assert "ruff check service tests dev.py" in checks
    assert "ruff format --check service tests dev.py" in checks
    assert "mypy" in checks
