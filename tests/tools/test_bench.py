"""``reportedly bench``: article generation and the report's shape (never timing)."""

from __future__ import annotations

import json
import random

import pytest

from service.bench import format_report, make_article, make_articles, percentile
from service.cli import main


def test_articles_are_deterministic_and_sized():
    first = make_articles(4, words=1000, seed=7)
    assert first == make_articles(4, words=1000, seed=7)
    assert first != make_articles(4, words=1000, seed=8)
    assert len(set(first)) == 4
    for text in first:
        assert 1000 <= len(text.split()) < 1150


def test_articles_look_like_news():
    text = make_article(random.Random(1), words=1000)
    paragraphs = text.strip().split("\n\n")
    assert len(paragraphs) > 8
    assert paragraphs[1].startswith("By ")  # byline
    assert " — " in paragraphs[2]  # dateline
    corpus = "\n".join(make_articles(10, words=1000))
    assert "according to" in corpus.lower()
    assert " said" in corpus
    assert corpus.count('"') >= 20  # direct quotes
    assert ".." not in corpus


def test_percentile_nearest_rank():
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 99) == 5.0
    assert percentile([0.25], 95) == 0.25


KEYS = {
    "articles",
    "words",
    "avg_words_per_article",
    "sentences",
    "seconds",
    "words_per_second",
    "target_words_per_second",
    "meets_target",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "max_ms",
    "model_load_seconds",
    "peak_rss_mib",
}


def test_bench_json_tiny(capsys):
    assert main(["bench", "--articles", "3", "--words", "200", "--warmup", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report.keys() >= KEYS
    assert report["articles"] == 3
    assert report["avg_words_per_article"] >= 200
    assert report["sentences"] > 3 * 5
    assert report["words_per_second"] > 0 and report["peak_rss_mib"] > 0
    assert report["p50_ms"] <= report["p95_ms"] <= report["p99_ms"] <= report["max_ms"]
    assert report["target_words_per_second"] == 30_000
    assert report["words_per_cpu_second"] > 0
    assert report["baseline_words_per_cpu_second"] > 0 and report["baseline_floor"] == 0.30
    assert report["baseline_ratio"] == pytest.approx(
        report["words_per_cpu_second"] / report["baseline_words_per_cpu_second"], rel=1e-2
    )


def test_bench_text_report(capsys):
    assert main(["bench", "--articles", "2", "--words", "100", "--warmup", "0"]) == 0
    out = capsys.readouterr().out
    assert (
        "words/s" in out
        and "30,000" in out
        and "CPU-second" in out
        and "p95" in out
        and "peak RSS" in out
    )


def test_format_report_marks_a_miss():
    report = {
        "articles": 1,
        "avg_words_per_article": 10,
        "words": 10,
        "sentences": 1,
        "words_per_second": 10.0,
        "target_words_per_second": 30_000,
        "words_per_cpu_second": 12.0,
        "meets_target": False,
        "p50_ms": 1,
        "p95_ms": 1,
        "p99_ms": 1,
        "max_ms": 1,
        "model_load_seconds": 0.1,
        "peak_rss_mib": 100,
        "python": "3.11",
        "cpus": 1,
    }
    assert "BELOW target" in format_report(report)
