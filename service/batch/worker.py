"""What runs on a Dask worker: one engine per process, and the scoring of one partition."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from distributed import WorkerPlugin

from service.batch import output
from service.batch.readers import Corpus, Partition, read_partition
from service.batch.rows import SCHEMAS, TABLE_ROWS, articles_schema, error_row, score_row

_ENGINES: dict[str, object] = {}
_LOCK = threading.Lock()  # guards loading and analysis: the engine is not shared by threads
LOADS = 0  # engines loaded in this process (tests check it stays at one)


def cached_engine(models_dir: str | None = None):
    """This process's engine for ``models_dir``, loaded on first use only."""
    global LOADS
    with _LOCK:
        key = str(models_dir or "")
        if key not in _ENGINES:
            from service.engine import Engine

            _ENGINES[key] = Engine.load(models_dir)
            LOADS += 1
        return _ENGINES[key]


class EnginePlugin(WorkerPlugin):
    """Loads the models when a worker starts (or joins), before any partition reaches it."""

    name = "reportedly-engine"

    def __init__(self, models_dir: str | None = None):
        self.models_dir = models_dir

    def setup(self, worker) -> None:
        cached_engine(self.models_dir)


@dataclass(frozen=True)
class Job:
    """Everything a partition task needs besides its partition (the corpus without partitions)."""

    corpus: Corpus
    tables: tuple[str, ...] = ()
    out: str | None = None
    models_dir: str | None = None
    partitions: int = 1
    bias: bool = True  # False: skip the bias stage (``--no-bias``)


def score_partition(part: Partition, job: Job) -> dict:
    """Analyse one partition. A failing article becomes an error row; with ``job.out`` the
    tables are written to disk and only a summary returns, else the tables return too."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    engine = cached_engine(job.models_dir)
    ids, texts, meta = read_partition(job.corpus, part)
    scores: list[dict] = []
    extra: dict[str, list] = {t: [] for t in job.tables}
    for article_id, text in zip(ids, texts):
        try:
            if isinstance(text, Exception):
                raise text
            if not isinstance(text, str):
                raise TypeError("no text")
            with _LOCK:
                analysis = engine.analyze(text, bias=job.bias)
            rows = {t: TABLE_ROWS[t](article_id, analysis) for t in job.tables}
            scores.append(score_row(analysis, text))
        except Exception as exc:  # one bad article must never fail the job
            scores.append(error_row(text, exc))
            continue
        for t, r in rows.items():
            extra[t].extend(r)
    info = engine.model_info
    components = ";".join(f"{k}={v}" for k, v in sorted(info.components.items()))
    for row in scores:
        row.update(model_version=info.version, model_components=components)
    tables = {"articles": _articles(ids, meta, scores, job.corpus.metadata)}
    tables.update({t: pa.Table.from_pylist(extra[t], schema=SCHEMAS[t]) for t in job.tables})
    summary = {
        "index": part.index,
        "articles": len(ids),
        "errors": sum(r.get("error") is not None for r in scores),
        "words": sum(r["words"] or 0 for r in scores),
        "seconds": round(time.perf_counter() - t0, 3),
        "cpu_seconds": round(time.process_time() - cpu0, 3),
    }
    if job.out is None:
        return {**summary, "tables": tables}
    output.write_partition(
        Path(job.out), output.part_name(part.index, job.partitions), tables, summary
    )
    return summary


def _articles(ids: list[str], meta: pa.Table, scores: list[dict], metadata: pa.Schema) -> pa.Table:
    schema = articles_schema(metadata)
    tail = pa.Table.from_pylist(
        scores,
        schema=pa.schema([f for f in schema if f.name != "id" and f.name not in metadata.names]),
    )
    columns = [pa.array(ids, pa.string()), *meta.columns, *tail.columns]
    return pa.Table.from_arrays(columns, schema=schema)
