"""Batch scoring: error rows, resume, joinable tables, the Python API and ``reportedly batch``."""

from __future__ import annotations

import json

import dask.dataframe as dd
import pandas as pd
import pytest

from service.batch import BatchError, analyze_corpus, run_corpus, worker
from service.batch.output import DONE
from service.cli import main

# dask's own Parquet reader, not this project, still calls reset_index(inplace=True)
pytestmark = pytest.mark.filterwarnings(
    "ignore:The inplace keyword:DeprecationWarning", "ignore:The inplace keyword"
)

TEXTS = [
    "The bill will pass, the senator said.\nIt rained on Tuesday.",
    '"We will not back down," Mayor Ana Ruiz told reporters. Officials said talks would resume.',
    "BOOM this article breaks the engine.",
    "According to the report, costs rose 4 percent. The vote is on Friday.",
    "Prices fell. Analysts said the drop was temporary.",
]


class Flaky:
    """The real engine, except that text containing BOOM raises; counts its calls."""

    def __init__(self, engine):
        self.engine, self.calls, self.bias = engine, 0, []

    def analyze(self, text, bias=True):
        self.calls += 1
        self.bias.append(bias)
        if "BOOM" in text:
            raise RuntimeError("engine exploded\nsecond line")
        return self.engine.analyze(text, bias=bias)

    @property
    def model_info(self):
        return self.engine.model_info


@pytest.fixture
def flaky(engine, monkeypatch):
    """The in-process ("sync") runner uses this engine instead of loading one."""
    fake = Flaky(engine)
    monkeypatch.setitem(worker._ENGINES, "", fake)
    return fake


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in enumerate(TEXTS):
            fh.write(
                json.dumps(
                    {
                        "id": f"doc{i}",
                        "text": text,
                        "publisher": "ab"[i % 2],
                        "date": f"2016-0{i + 1}-01",
                    }
                )
                + "\n"
            )
    return path


def test_a_failing_article_is_an_error_row(corpus, flaky):
    articles = analyze_corpus(
        corpus, scheduler="sync", partition_size=2, as_pandas=True, progress=None
    )
    assert list(articles["id"]) == [f"doc{i}" for i in range(5)]
    bad = articles.set_index("id").loc["doc2"]
    assert bad["error"] == "RuntimeError: engine exploded"
    assert pd.isna(bad["sentences"]) and bad["words"] == 6
    good = articles[articles["error"].isna()]
    assert len(good) == 4 and (good["sentences"] > 0).all()
    assert list(articles.columns[:3]) == ["id", "publisher", "date"]  # metadata kept
    assert set(articles["model_version"]) == {flaky.model_info.version}


def test_tables_join_on_the_article_id(corpus, flaky, tmp_path):
    frames = analyze_corpus(
        corpus,
        scheduler="sync",
        out=tmp_path / "out",
        partition_size=2,
        tables=("sentences", "attributions", "sources"),
        progress=None,
    )
    assert isinstance(frames["articles"], dd.DataFrame)
    f = {name: df.compute() for name, df in frames.items()}
    per_article = f["sentences"].groupby("id").size()
    merged = f["articles"].set_index("id").join(per_article.rename("n"))
    ok = merged[merged["error"].isna()]
    assert (ok["n"] == ok["sentences"]).all()  # one sentence row per counted sentence
    rel = f["attributions"].merge(f["sources"], on=["id", "source_id"], how="left")
    assert len(rel) == len(f["attributions"]) == int(ok["attributions"].sum())
    assert set(f["sources"]["id"]) <= set(f["articles"]["id"])
    mayor = f["sources"][f["sources"]["id"] == "doc1"]
    assert "Ana Ruiz" in set(mayor["name"])


def test_resume_skips_complete_partitions(corpus, flaky, tmp_path):
    out = tmp_path / "out"
    first = run_corpus(corpus, out=out, scheduler="sync", partition_size=2, progress=None)
    assert first.articles == 5 and first.errors == 1 and flaky.calls == 5
    # a run that stopped half-way: the last partition's marker never written
    (out / DONE / "part-00002.json").unlink()
    stale = out / "articles" / ".part-00002.parquet.tmp-123"
    stale.write_bytes(b"half a file")
    with pytest.raises(Exception, match="--resume"):
        run_corpus(corpus, out=out, scheduler="sync", partition_size=2, progress=None)
    with pytest.raises(Exception, match="partition_size"):
        run_corpus(corpus, out=out, scheduler="sync", partition_size=3, resume=True)
    again = run_corpus(
        corpus, out=out, scheduler="sync", partition_size=2, resume=True, progress=None
    )
    assert again.resumed == 2 and flaky.calls == 6  # only the one missing article re-scored
    assert again.articles == 5 and again.errors == 1 and not stale.exists()
    assert list(pd.read_parquet(out / "articles")["id"]) == [f"doc{i}" for i in range(5)]


def test_a_failed_partition_is_reported_not_fatal(corpus, flaky, tmp_path, monkeypatch):
    real = worker.read_partition

    def broken(corpus_, part):
        if part.index == 1:
            raise OSError("disk on fire")
        return real(corpus_, part)

    monkeypatch.setattr(worker, "read_partition", broken)
    result = run_corpus(
        corpus, out=tmp_path / "out", scheduler="sync", partition_size=2, progress=None
    )
    assert result.failed == [(1, "OSError: disk on fire")] and result.articles == 3
    with pytest.raises(BatchError, match="1 partition"):
        analyze_corpus(corpus, scheduler="sync", partition_size=2, progress=None)


def test_progress_lines_when_not_a_terminal(corpus, flaky, capsys):
    run_corpus(corpus, scheduler="sync", partition_size=2)
    err = capsys.readouterr().err
    assert "batch: 5/5 articles (3/3 partitions, 1 errors)" in err


def test_cli_on_a_small_jsonl_opened_with_pandas(corpus, tmp_path, capsys):
    out = tmp_path / "scored"
    status = main(
        [
            "batch",
            str(corpus),
            "--out",
            str(out),
            "--workers",
            "1",
            "--partition-size",
            "2",
            "--tables",
            "sources",
        ]
    )
    err = capsys.readouterr().err
    assert status == 0, err
    assert "5 articles (0 error rows) written to" in err
    articles = pd.read_parquet(out / "articles")
    assert list(articles["id"]) == [f"doc{i}" for i in range(5)]
    assert articles["error"].isna().all() and (articles["sentences"] >= 1).all()
    assert {"publisher", "date", "attribution_density", "writer_bias_share"} <= set(articles)
    assert len(pd.read_parquet(out / "sources")) == int(articles["sources"].sum())


@pytest.mark.parametrize(
    "argv, message",
    [
        (["missing.jsonl"], "missing.jsonl: no such file or folder"),
        (["corpus.txt"], "unknown input format '.txt'"),
        (["nokey.jsonl"], "line 1: no 'text' string"),
    ],
)
def test_cli_bad_input_is_one_line_and_nonzero(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.txt").write_text("a text file, not a folder")
    (tmp_path / "nokey.jsonl").write_text('{"id": 1, "body": "x"}\n')
    status = main(["batch", *argv, "--out", "out"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("reportedly: batch: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_batch_bench_prints_figures(capsys):
    from service.batch.bench import main as bench_main

    assert (
        bench_main(["--articles", "4", "--words", "60", "--workers", "1", "--partition-size", "2"])
        == 0
    )
    out = capsys.readouterr().out
    assert "docs/s" in out and "load average" in out


def test_no_bias_skips_the_bias_stage_in_every_partition(corpus, flaky, tmp_path, capsys):
    status = main(
        [
            "batch",
            str(corpus),
            "--out",
            str(tmp_path / "nb"),
            "--scheduler",
            "sync",
            "--partition-size",
            "2",
            "--no-bias",
        ]
    )
    assert status == 0, capsys.readouterr().err
    assert flaky.bias == [False] * len(TEXTS)
    articles = pd.read_parquet(tmp_path / "nb" / "articles")
    assert (articles.loc[articles["error"].isna(), "writer_bias_share"] == 0).all()
    flaky.bias.clear()
    run_corpus(corpus, scheduler="sync", partition_size=2, progress=None)
    assert flaky.bias == [True] * len(TEXTS)
