"""The data-set checker behind ``python3 dev.py data`` and the data tests' skip reasons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from service.training import basil, datasets, gum
from service.training.datasets import BY_NAME, DATASETS, skip_reason
from service.training.lexicons import LEXICONS


def _touch(root: Path, *paths: str) -> None:
    for rel in paths:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def _complete(root: Path) -> None:
    """One file for every required path or pattern of every data set."""
    for d in DATASETS:
        _touch(root, *(p.replace("*", "a") for p in d.required))


def test_a_partial_polnear_names_what_is_missing(tmp_path):
    _touch(
        tmp_path, "polnear/metadata.tsv", "polnear/dev/text/a.txt", "polnear/dev/attributions/a.ann"
    )
    assert BY_NAME["polnear"].missing(tmp_path) == [
        "polnear/train/text/*.txt",
        "polnear/train/attributions/*.ann",
    ]
    reason = skip_reason("polnear", tmp_path)
    assert reason is not None
    assert "polnear missing polnear/train/text/*.txt, polnear/train/attributions/*.ann" in reason
    assert str(tmp_path) in reason and "python3 dev.py data" in reason


def test_a_complete_layout_needs_no_skip_and_a_pattern_needs_a_match(tmp_path):
    _complete(tmp_path)
    assert skip_reason(tuple(BY_NAME), tmp_path) is None
    (tmp_path / "gum" / "dep" / "GUM_news_a.conllu").unlink()
    assert BY_NAME["gum"].missing(tmp_path) == ["gum/dep/GUM_news_*.conllu"]
    assert skip_reason("polnear", tmp_path) is None  # only what the test asks for counts


def test_skip_reason_lists_every_incomplete_set_and_shortens_long_lists(tmp_path):
    reason = skip_reason(("babe", "lexicons"), tmp_path)
    assert "babe missing babe/babe_sg2.csv, babe/bias_word_lexicon.txt;" in reason
    n = len(BY_NAME["lexicons"].required)
    assert "lexicons missing lexicons/hedges_hyland2005.txt" in reason
    assert f"and {n - 3} more" in reason


def test_the_required_files_are_what_the_readers_read():
    required = {p for d in DATASETS for p in d.required}
    assert {s.path for s in LEXICONS.values()} <= required
    assert datasets.BASIL_YEARS == basil.YEARS
    assert datasets.GUM_GENRES == gum.GENRES
    assert {d.name for d in DATASETS} == {"polnear", "babe", "lexicons", "ud", "gum", "basil"}
    for d in DATASETS:
        assert all(p.startswith(f"{d.name}/") for p in d.required), d.name
        assert d.upstream.startswith("https://") and d.licence and d.used_by


def test_report_says_present_missing_and_where_to_get_it(tmp_path):
    _complete(tmp_path)
    for path in (tmp_path / "basil").rglob("*"):
        if path.is_file():
            path.unlink()
    (tmp_path / "ud" / "ewt" / "en_ewt-ud-test.conllu").unlink()
    text, incomplete = datasets.report(tmp_path)
    assert incomplete == 2
    lines = text.splitlines()
    assert lines[0] == f"data folder: {tmp_path} (REPORTEDLY_DATA overrides it)"
    assert "polnear/   present" in lines
    assert "ud/        MISSING ud/ewt/en_ewt-ud-test.conllu" in lines
    assert any(line.startswith("basil/     MISSING basil/articles/2010/*.json") for line in lines)
    assert "get it from https://github.com/launchnlp/BASIL" in text
    assert "2 of 6 data sets incomplete" in lines[-1]


def test_a_missing_folder_is_said_so(tmp_path):
    text, incomplete = datasets.report(tmp_path / "nowhere")
    assert incomplete == len(DATASETS)
    assert "babe/      MISSING: no babe/ folder" in text.splitlines()


@pytest.mark.parametrize("complete", [False, True])
def test_dev_py_data_exits_1_when_anything_is_missing(tmp_path, complete):
    """dev.py runs under any python3 without the venv: the checker needs only the stdlib."""
    if complete:
        _complete(tmp_path)
    else:
        _touch(tmp_path, *BY_NAME["babe"].required)
    env = {"REPORTEDLY_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-S", str(REPO / "dev.py"), "data"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == (0 if complete else 1), proc.stderr
    assert proc.stdout.startswith(f"data folder: {tmp_path}")
    assert ("babe/      present" in proc.stdout) and (
        ("polnear/   present" in proc.stdout) == complete
    )
