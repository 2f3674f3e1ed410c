"""``reportedly batch-bench`` (or ``python -m service.batch.bench``): corpus throughput on a
local Dask cluster with 1 and 2 workers.

A benchmark, not a test: it prints figures and asserts nothing. The corpus is the synthetic one
of :mod:`service.bench`, written as JSON Lines and scored through the whole batch path (plan,
read, analyse, write Parquet). Cluster start and model loading are not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from service.argtypes import positive_int

TARGET_SCALING = 1.8  # two workers against one, on a 2-core machine
PROJECTED = 1_000_000  # articles


def _worker_memory() -> dict:
    import resource

    import psutil

    return {
        "rss_mib": psutil.Process().memory_info().rss / 2**20,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_benchmark(
    articles: int = 1000,
    words: int = 1000,
    workers=(1, 2),
    partition_size: int = 25,
    seed: int = 0,
    models_dir=None,
) -> dict:
    """Score the same corpus once per worker count; return the figures."""
    from service.batch.runner import connect, run_corpus
    from service.bench import make_articles

    load_before = os.getloadavg()
    runs = []
    with tempfile.TemporaryDirectory(prefix="reportedly-batch-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for i, text in enumerate(make_articles(articles, words, seed)):
                fh.write(json.dumps({"id": f"bench-{i}", "text": text}) + "\n")
        for n in workers:
            with connect(None, n, models_dir) as client:
                result = run_corpus(
                    corpus,
                    out=Path(tmp) / f"out-{n}",
                    scheduler=client,
                    partition_size=partition_size,
                    models_dir=models_dir,
                    progress=None,
                )
                memory = list(client.run(_worker_memory).values())
            docs_s = result.articles / result.seconds
            runs.append(
                {
                    "workers": n,
                    "articles": result.articles,
                    "words": result.words,
                    "errors": result.errors,
                    "seconds": round(result.seconds, 2),
                    "docs_per_second": round(docs_s, 2),
                    "words_per_second": round(result.words / result.seconds, 1),
                    "words_per_cpu_second": round(result.words / result.cpu_seconds, 1),
                    # CPU the workers got over what n cores could give: < 0.9 means others ran
                    "cpu_share": round(result.cpu_seconds / (result.seconds * n), 2),
                    "rss_mib_per_worker": round(max(m["rss_mib"] for m in memory), 1),
                    "peak_mib_per_worker": round(max(m["peak_mib"] for m in memory), 1),
                    "hours_per_million_per_worker": round(PROJECTED / (docs_s / n) / 3600, 2),
                    "hours_per_million": round(PROJECTED / docs_s / 3600, 2),
                }
            )
    by = {r["workers"]: r for r in runs}
    both = 1 in by and 2 in by
    scaling = round(by[2]["docs_per_second"] / by[1]["docs_per_second"], 2) if both else None
    # what two free cores would give: each worker's work per CPU-second, times two
    cpu_scaling = (
        round(2 * by[2]["words_per_cpu_second"] / by[1]["words_per_cpu_second"], 2)
        if both
        else None
    )
    return {
        "articles": articles,
        "words_per_article": words,
        "partition_size": partition_size,
        "runs": runs,
        "scaling_2_over_1": scaling,
        "cpu_scaling_2_over_1": cpu_scaling,
        "target_scaling": TARGET_SCALING,
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


def format_report(r: dict) -> str:
    """The figures for people."""
    words = r["runs"][0]["words"] if r["runs"] else 0
    lines = [
        f"reportedly batch-bench: {r['articles']:,} synthetic articles ({words:,} words), "
        f"partitions of {r['partition_size']}, {r['cpus']} CPUs",
        "workers  seconds   docs/s    words/s  CPU share  RSS/worker  peak/worker  "
        "1M articles: h per worker  h total",
    ]
    for x in r["runs"]:
        lines.append(
            f"{x['workers']:>7}  {x['seconds']:>7.1f}  {x['docs_per_second']:>7.1f}  "
            f"{x['words_per_second']:>9,.0f}  {x['cpu_share']:>9.0%}  "
            f"{x['rss_mib_per_worker']:>7.0f} MiB  "
            f"{x['peak_mib_per_worker']:>8.0f} MiB  "
            f"{x['hours_per_million_per_worker']:>25.1f}  {x['hours_per_million']:>7.1f}"
        )
    if r["scaling_2_over_1"] is not None:
        verdict = "meets" if r["scaling_2_over_1"] >= r["target_scaling"] else "BELOW"
        lines.append(
            f"scaling  2 workers = {r['scaling_2_over_1']:.2f} x one worker "
            f"({verdict} target of {r['target_scaling']} x); from CPU time (two "
            f"free cores): {r['cpu_scaling_2_over_1']:.2f} x"
        )
    if any(x["cpu_share"] < 0.9 for x in r["runs"]):
        lines.append(
            "note: workers got under 90% of their cores (CPU share): other processes "
            "were running, so wall-clock figures and scaling understate the engine"
        )
    lines.append(
        "words per CPU-second per worker: "
        + ", ".join(
            f"{x['words_per_cpu_second']:,.0f} ({x['workers']} worker{'s' * (x['workers'] > 1)})"
            for x in r["runs"]
        )
    )
    lines.append(
        "load average (1, 5, 15 min): before "
        f"{', '.join(map(str, r['load_average_before']))}; after "
        f"{', '.join(map(str, r['load_average_after']))}"
    )
    return "\n".join(lines)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``reportedly batch-bench`` (and ``python -m service.batch.bench``)."""
    p.add_argument("--articles", type=positive_int, default=1000, help="synthetic articles")
    p.add_argument("--words", type=positive_int, default=1000, help="words per article")
    p.add_argument(
        "--workers",
        default="1,2",
        metavar="N,N",
        help="worker counts to run, comma-separated (default 1,2)",
    )
    p.add_argument("--partition-size", type=positive_int, default=25, metavar="N")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--models", type=Path, metavar="DIR", help="model folder")


def command(args: argparse.Namespace) -> int:
    """Run the benchmark and print its figures (JSON with ``--json``)."""
    try:
        workers = tuple(positive_int(w) for w in args.workers.split(","))
    except argparse.ArgumentTypeError as exc:
        print(f"reportedly: batch: --workers: {exc}", file=sys.stderr)
        return 1
    report = run_benchmark(
        articles=args.articles,
        words=args.words,
        workers=workers,
        partition_size=args.partition_size,
        seed=args.seed,
        models_dir=args.models,
    )
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m service.batch.bench", description=__doc__.splitlines()[0]
    )
    add_arguments(parser)
    return command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
