"""Run a corpus on Dask: a local cluster (one single-threaded process per core) by default, or
an existing scheduler; partitions are submitted as tasks and written as they finish."""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa

from service.batch import DEFAULT_PARTITION_SIZE, TABLES, output
from service.batch.plan import plan_corpus
from service.batch.progress import Progress
from service.batch.readers import Corpus, InputError
from service.batch.rows import RESERVED
from service.batch.worker import EnginePlugin, Job, score_partition
from service.version import __version__

SYNC = "sync"  # scheduler value: run in this process, no cluster (debugging, tiny inputs)


class BatchError(RuntimeError):
    """Some partitions could not be scored (their articles are missing from the output)."""


@dataclass
class RunResult:
    corpus: Corpus
    out: Path | None
    articles: int = 0  # articles in the output, resumed partitions included
    errors: int = 0  # error rows among them
    words: int = 0
    seconds: float = 0.0  # wall time of this run's scoring
    cpu_seconds: float = 0.0  # CPU time its partitions took (all workers)
    resumed: int = 0  # partitions found complete and skipped
    failed: list[tuple[int, str]] = field(default_factory=list)  # (partition, reason)
    tables: dict[str, pa.Table] | None = None  # in memory, without out


def check_tables(tables) -> tuple[str, ...]:
    if isinstance(tables, str):
        tables = [t for t in tables.split(",") if t.strip()]
    names = tuple(dict.fromkeys(t.strip() for t in tables))
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise InputError(f"unknown table {unknown[0]!r} (expected {', '.join(TABLES)})")
    return names


@contextmanager
def connect(
    scheduler=None, workers: int | None = None, models_dir: str | None = None, wait: float = 60.0
):
    """A ``distributed.Client`` with the engine plugin registered (models load once per
    worker). ``scheduler``: None (a new local cluster of ``workers`` processes, default one
    per core), an address such as ``tcp://127.0.0.1:8786``, or an existing ``Client``."""
    from distributed import Client, LocalCluster

    cluster = None
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the scheduler at {scheduler} ({exc})") from None
    else:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        try:
            client.wait_for_workers(1, timeout=wait)
        except TimeoutError:
            raise InputError(f"no worker joined the scheduler within {wait:.0f} s") from None
        client.register_plugin(EnginePlugin(models_dir))
        yield client
    finally:
        if client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()


def run_corpus(
    source,
    *,
    out=None,
    tables=(),
    scheduler=None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    resume: bool = False,
    format: str | None = None,
    text_column: str = "text",
    id_column: str = "id",
    models_dir=None,
    progress="auto",
    bias: bool = True,
) -> RunResult:
    """Plan, score and (with ``out``) write a corpus; see :func:`service.batch.analyze_corpus`."""
    tables = check_tables(tables)
    corpus = plan_corpus(source, partition_size, format, text_column, id_column, RESERVED)
    count = len(corpus.partitions)
    models = str(models_dir) if models_dir else None
    job = Job(
        replace(corpus, partitions=()), tables, str(out) if out else None, models, count, bias
    )
    result = RunResult(corpus, Path(out) if out else None)
    todo = list(corpus.partitions)
    if out is not None:
        out = Path(out)
        output.prepare(out, _manifest(corpus, tables, partition_size), resume)
        finished = {
            p.index
            for p in todo
            if output.is_complete(out, output.part_name(p.index, count), tables)
        }
        for i in sorted(finished):
            _add(result, output.read_marker(out, output.part_name(i, count)))
        result.resumed = len(finished)
        todo = [p for p in todo if p.index not in finished]
    bar = Progress(corpus.articles, count, done=result.articles, mode=progress or None)
    bar.parts = result.resumed
    found: dict[int, dict] = {}
    t0 = time.perf_counter()
    try:
        for index, summary, error in _scores(todo, job, scheduler, workers, models):
            if index is None:  # workers ready: time the scoring, not the cluster's start
                bar.restart()
                t0 = time.perf_counter()
                continue
            if error is not None:
                result.failed.append((index, error))
                bar.update(0)
                continue
            _add(result, summary)
            bar.update(summary["articles"], summary["errors"])
            if "tables" in summary:
                found[index] = summary["tables"]
    finally:
        bar.close()
    result.seconds = time.perf_counter() - t0
    if out is None:
        result.tables = (
            {
                name: pa.concat_tables([found[i][name] for i in sorted(found)])
                for name in ("articles", *tables)
            }
            if found
            else None
        )
    return result


def _add(result: RunResult, summary: dict) -> None:
    result.articles += summary["articles"]
    result.errors += summary["errors"]
    result.words += summary["words"]
    result.cpu_seconds += summary.get("cpu_seconds", 0.0)


def _scores(todo, job: Job, scheduler, workers, models):
    """Yield (partition index, summary, error) as partitions finish, in any order."""
    if scheduler == SYNC:
        for part in todo:
            try:
                yield part.index, score_partition(part, job), None
            except Exception as exc:
                yield part.index, None, _reason(exc)
        return
    if not todo:
        return
    from distributed import as_completed

    with connect(scheduler, workers, models) as client:
        yield None, None, None
        futures = client.map(score_partition, todo, job=job, pure=False)
        index = {f.key: p.index for f, p in zip(futures, todo)}
        for future in as_completed(futures):
            try:
                yield index[future.key], future.result(), None
            except Exception as exc:  # the partition failed (e.g. its worker died)
                yield index[future.key], None, _reason(exc)
            future.release()


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _manifest(corpus: Corpus, tables: tuple[str, ...], partition_size: int) -> dict:
    return {
        "input": corpus.fingerprint,
        "format": corpus.kind,
        "partition_size": partition_size,
        "tables": list(tables),
        "text_column": corpus.text_column,
        "id_column": corpus.id_column,
        "model_version": __version__,
    }
