"""The ``reportedly`` command line: analyze and evaluate (serve/bench have their own files)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from service.cli import main
from service.engine import Engine
from service.training.datasets import skip_reason

REPO = Path(__file__).resolve().parents[2]
REALSTYLE = REPO / "tests" / "fixtures" / "realstyle"
ARTICLE = (
    "The plan will fail, the senator said. It rained on Tuesday.\n\n"
    "According to police, two people were hurt.\n"
)
PAGE = (  # a news page: the article among scripts, navigation and a footer
    "<!doctype html><html><head><title>Site</title>"
    "<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>"
    "<style>p{color:red}</style></head><body>"
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav><article>'
    "<h1>Council delays vote on bridge</h1>"
    "<p>The city council will delay its vote on the new bridge, the mayor said on Monday.</p>"
    "<p>\u201cWe need more time to study the costs,\u201d said Councillor Ana Ruiz.</p>"
    "</article><footer>Copyright 2026. <button>Share</button></footer></body></html>"
)
PAGE_TEXT = (
    "Council delays vote on bridge\n"
    "The city council will delay its vote on the new bridge, the mayor said on Monday.\n"
    "\u201cWe need more time to study the costs,\u201d said Councillor Ana Ruiz."
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
    """Good, empty, white-space-only, non-UTF-8 and HTML files and a directory, as paths (str)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Prices rose 3 percent. “It is bad,” she said.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
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
    assert main(["analyze", "--format", "json", files["a.txt"], files["b.txt"]]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in doc] == [files["a.txt"], files["b.txt"]]


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


def test_analyze_table_is_a_sourcing_report_in_80_columns(monkeypatch, capsys, load_calls):
    monkeypatch.setenv("COLUMNS", "80")
    article = str(REALSTYLE / "court_lynx.txt")
    assert main(["analyze", "--format", "table", article]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    text = " ".join(out.split())
    # Who said what: the pronoun "he" resolved to the judge, his cue, its class and kind.
    assert re.search(r"a\d+ he = Alan Okafor \(person\) — said \[assertion, \w+, 0\.\d\d\]", text)
    assert "Sources: " in out and "Scores" in out and "Writer-voice bias flags: " in out
    assert re.search(r"\n  s\d+ +person +\d+ +\d+  Gordon Hemming\n", out)


def test_analyze_csv_one_header_and_one_row_per_relation(capsys, files, load_calls, real_engine):
    article = str(REALSTYLE / "business_wire.txt")
    argv = ["analyze", "--format", "csv", files["a.txt"], files["empty.txt"], article]
    assert main(argv) == 1  # the empty file is an error; the others are still written
    out, err = capsys.readouterr()
    assert (
        err == f"reportedly: {files['empty.txt']}: no text to analyse (empty or white space only)\n"
    )
    assert out.count("file,sentence_index,") == 1
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    expected = [
        (name, a.id)
        for name in (files["a.txt"], article)
        for a in real_engine.analyze(Path(name).read_text(encoding="utf-8")).attributions
    ]
    assert [(r["file"], r["relation_id"]) for r in rows] == expected
    assert {"senator", "three people familiar with the matter"} <= {r["source_name"] for r in rows}


def test_analyze_html_file_is_its_article_text(capsys, files, load_calls):
    assert main(["analyze", files["page.html"]]) == 0
    [result] = jsonl(capsys.readouterr().out)
    assert result["text_length"] == len(PAGE_TEXT)
    texts = [s["text"] for s in result["sentences"]]
    assert texts[0] == "Council delays vote on bridge"
    assert not any("dataLayer" in t or "<" in t or "Home" in t for t in texts)
    assert {s["name"] for s in result["sources"]} >= {"Ana Ruiz"}


def test_analyze_html_flag_reads_stdin_as_html(monkeypatch, capsys, load_calls):
    set_stdin(monkeypatch, PAGE.encode())
    assert main(["analyze", "--html"]) == 0
    [from_html] = jsonl(capsys.readouterr().out)
    set_stdin(monkeypatch, PAGE_TEXT.encode())
    assert main(["analyze"]) == 0
    [from_text] = jsonl(capsys.readouterr().out)
    assert from_html == from_text  # the same analysis as of the page's text


@pytest.mark.parametrize(
    "page, message",
    [
        ("<html><script>var x = 1;</script></html>", "no article text in the HTML"),
        (
            "<p " + " ".join(f"a{i}=x" for i in range(100)) + ">Hi, he said.</p>",
            "HTML too complex to read safely: An HTML <p> element has more than 64 attributes",
        ),
    ],
)
def test_analyze_html_without_text_or_too_complex_is_one_line_error(
    monkeypatch, capsys, load_calls, page, message
):
    set_stdin(monkeypatch, page.encode())
    assert main(["analyze", "--html"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"reportedly: -: {message}") and err.count("\n") == 1
    assert load_calls == []


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"])
def test_analyze_empty_stdin_exits_1(monkeypatch, capsys, load_calls, data):
    set_stdin(monkeypatch, data)
    assert main(["analyze"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "reportedly: -: no text to analyse (empty or white space only)\n"


def test_analyze_empty_files_exit_1_and_the_others_are_analysed(capsys, files, load_calls):
    argv = ["analyze", files["empty.txt"], files["a.txt"], files["blank.txt"]]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert [r["file"] for r in jsonl(out)] == [files["a.txt"]]
    assert err.splitlines() == [
        f"reportedly: {name}: no text to analyse (empty or white space only)"
        for name in (files["empty.txt"], files["blank.txt"])
    ]


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
        [str(script), "analyze", "--format", "json", files["a.txt"]],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["sentences"]) == 3


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
