"""The ``reportedly`` command line: analyze and evaluate (serve/bench have their own files)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from service.cli import format_table, main
from service.engine import Engine
from service.training.datasets import skip_reason

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (
    "The plan will fail, the senator said. It rained on Tuesday.\n\n"
    "According to police, two people were hurt.\n"
)


@pytest.fixture(scope="session")
def real_engine() -> Engine:
    return Engine.load()


@pytest.fixture
def load_calls(monkeypatch, real_engine) -> list:
    """Count Engine.load calls; every call returns the one session engine."""
    calls = []

    def fake_load(models_dir=None):
        calls.append(models_dir)
        return real_engine

    monkeypatch.setattr(Engine, "load", staticmethod(fake_load))
    return calls


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def files(tmp_path):
    """Good, empty, non-UTF-8 files and a directory, as paths (str)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Prices rose 3 percent. “It is bad,” she said.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9 society")
    (tmp_path / "folder").mkdir()
    return {p.name: str(p) for p in tmp_path.iterdir()} | {"missing": str(tmp_path / "nope.txt")}


# --- analyze -------------------------------------------------------------------------------


def test_analyze_reads_stdin_by_default(monkeypatch, capsys, load_calls):
    set_stdin(monkeypatch, ARTICLE.encode())
    assert main(["analyze"]) == 0
    out, err = capsys.readouterr()
    [result] = jsonl(out)
    assert result["file"] == "-"
    assert result["text_length"] == len(ARTICLE)
    assert [s["label"] for s in result["sentences"]][0] == "reported"
    assert result["scores"]["sentences"] == len(result["sentences"]) == 3
    assert err == ""


def test_analyze_dash_is_stdin_among_files(monkeypatch, capsys, files, load_calls):
    set_stdin(monkeypatch, b"Water is wet.")
    assert main(["analyze", files["a.txt"], "-"]) == 0
    results = jsonl(capsys.readouterr().out)
    assert [r["file"] for r in results] == [files["a.txt"], "-"]
    assert results[1]["sentences"][0]["text"] == "Water is wet."


def test_analyze_several_files_in_order_with_one_model_load(capsys, files, load_calls):
    order = [files["b.txt"], files["a.txt"], files["b.txt"]]
    assert main(["analyze", *order]) == 0
    out = capsys.readouterr().out
    assert all(line.startswith("{") for line in out.splitlines())  # compact: one per line
    results = jsonl(out)
    assert [r["file"] for r in results] == order
    assert results[1]["text_length"] == len(ARTICLE)
    assert len(load_calls) == 1


def test_analyze_sentence_fields(capsys, files, load_calls):
    main(["analyze", files["a.txt"]])
    [result] = jsonl(capsys.readouterr().out)
    for s in result["sentences"]:
        assert ARTICLE[s["start"] : s["end"]] == s["text"]
        assert s["label"] in ("reported", "direct")
        assert 0 <= s["probability"] <= 1


def test_analyze_json_single_input_is_one_object(capsys, files, load_calls):
    assert main(["analyze", "--format", "json", files["a.txt"]]) == 0
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert isinstance(doc, dict) and doc["file"] == files["a.txt"]
    assert "\n  " in out  # pretty-printed


def test_analyze_json_several_inputs_is_a_list(capsys, files, load_calls):
    assert main(["analyze", "--format", "json", files["a.txt"], files["empty.txt"]]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in doc] == [files["a.txt"], files["empty.txt"]]


def test_analyze_table(monkeypatch, capsys, files, load_calls):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["analyze", "--format", "table", files["a.txt"], files["b.txt"]]) == 0
    out = capsys.readouterr().out
    assert f"== {files['a.txt']} ==" in out and f"== {files['b.txt']} ==" in out
    assert "The plan will fail, the senator said." in out
    assert "0  reported" in out
    assert "3 sentences, " in out and "attribution density" in out
    rows = [line for line in out.splitlines() if re.match(r"\d+  (reported|direct) ", line)]
    assert len(rows) == 3 + 2 and all(len(line) <= 100 for line in rows)


def test_table_wraps_and_truncates_to_width():
    words = " ".join(f"word{i}" for i in range(200))
    result = {
        "sentences": [{"index": 0, "label": "direct", "probability": 0.1234, "text": words + "."}],
        "scores": {"sentences": 1, "reported_sentences": 0, "attribution_density": 0.0},
    }
    table = format_table("x.txt", result, width=60).splitlines()
    rows = table[2:-1]
    assert 1 < len(rows) <= 3
    assert all(len(line) <= 60 for line in rows)
    assert rows[0].startswith("0  direct    ") and "0.12" in rows[0]
    assert rows[-1].endswith("…")
    assert table[-1] == "1 sentences, 0 reported, attribution density 0.00"


def test_analyze_empty_file_has_no_sentences(capsys, files, load_calls):
    assert main(["analyze", files["empty.txt"]]) == 0
    [result] = jsonl(capsys.readouterr().out)
    assert result["sentences"] == [] and result["scores"]["sentences"] == 0


def test_analyze_bad_inputs_are_reported_and_skipped(capsys, files, load_calls):
    argv = [
        "analyze",
        files["latin1.txt"],
        files["a.txt"],
        files["missing"],
        files["folder"],
        files["b.txt"],
    ]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert [r["file"] for r in jsonl(out)] == [files["a.txt"], files["b.txt"]]
    lines = err.splitlines()
    assert lines == [
        f"reportedly: {files['latin1.txt']}: not valid UTF-8 (byte 0xe9 at offset 3)",
        f"reportedly: {files['missing']}: no such file",
        f"reportedly: {files['folder']}: is a directory",
    ]
    assert len(load_calls) == 1


def test_analyze_bad_inputs_in_json_format_still_print_good_ones(capsys, files, load_calls):
    assert main(["analyze", "--format", "json", files["missing"], files["a.txt"]]) == 1
    out, err = capsys.readouterr()
    assert [d["file"] for d in json.loads(out)] == [files["a.txt"]]
    assert err.count("\n") == 1


def test_analyze_non_utf8_stdin(monkeypatch, capsys, load_calls):
    set_stdin(monkeypatch, b"ok\n\xff")
    assert main(["analyze", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "reportedly: -: not valid UTF-8 (byte 0xff at offset 3)\n"
    assert load_calls == []  # nothing to analyse, so no model load


def test_analyze_unreadable_models_is_one_line_error(capsys, files, tmp_path):
    assert main(["analyze", "--models", str(tmp_path / "none"), files["a.txt"]]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("reportedly: cannot load models: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["analyze", "--format", "xml"],
        ["frobnicate"],
        ["evaluate", "--limit", "0"],
        ["evaluate", "--task", "nope"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_analyze_subprocess_console_entry(files):
    """The real entry point in a fresh interpreter, reading stdin and a file."""
    proc = subprocess.run(
        [sys.executable, "-m", "service", "analyze", "-", files["missing"], files["a.txt"]],
        input=b"Taxes rose, the mayor said.",
        capture_output=True,
        timeout=120,
        cwd=REPO,
    )
    assert proc.returncode == 1
    results = jsonl(proc.stdout.decode())
    assert [r["file"] for r in results] == ["-", files["a.txt"]]
    assert results[0]["sentences"][0]["label"] == "reported"
    assert proc.stderr.decode() == f"reportedly: {files['missing']}: no such file\n"


def test_console_script_is_installed(files):
    script = Path(sys.executable).parent / "reportedly"
    if not script.exists():
        pytest.skip(f"console script not installed at {script}")
    proc = subprocess.run(
        [str(script), "analyze", "--format", "json", files["empty.txt"]],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sentences"] == []


# --- evaluate ------------------------------------------------------------------------------

needs_data = pytest.mark.skipif(
    bool(skip_reason("polnear", DATA)), reason=skip_reason("polnear", DATA) or ""
)


@needs_data
def test_evaluate_dev_limit(capsys, load_calls):
    assert main(["evaluate", "--split", "dev", "--data", str(DATA), "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PolNeAR dev: 3 documents")
    assert "sentences  f1" in out
    assert len(load_calls) == 1


@needs_data
def test_evaluate_json(capsys, load_calls):
    assert main(["evaluate", "--data", str(DATA), "--limit", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["split"] == "dev" and report["documents"] == 3
    assert 0 <= report["sentences"]["f1"] <= 1


def test_evaluate_missing_data_is_one_line_error(capsys, tmp_path, load_calls):
    assert main(["evaluate", "--data", str(tmp_path / "nowhere"), "--limit", "3"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("reportedly: data for --task sentences not found at ")
    assert err.count("\n") == 1
    assert load_calls == []


def test_evaluate_data_defaults_to_env(monkeypatch, capsys, tmp_path, load_calls):
    monkeypatch.setenv("REPORTEDLY_DATA", str(tmp_path))
    assert main(["evaluate"]) == 1
    assert str(tmp_path / "polnear" / "dev") in capsys.readouterr().err


def test_analyze_no_bias_leaves_sentences_without_bias(capsys, files, load_calls):
    assert main(["analyze", files["a.txt"], "--no-bias"]) == 0
    without = jsonl(capsys.readouterr().out)[0]
    assert without["sentences"] and all(s["bias"] is None for s in without["sentences"])
    assert main(["analyze", files["a.txt"]]) == 0
    with_bias = jsonl(capsys.readouterr().out)[0]
    assert all(s["bias"] is not None for s in with_bias["sentences"])
    assert [s["text"] for s in without["sentences"]] == [s["text"] for s in with_bias["sentences"]]
