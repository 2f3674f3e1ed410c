"""The Python API: :func:`analyze_corpus` returns Dask (or pandas) DataFrames."""

from __future__ import annotations

from pathlib import Path

from service.batch import DEFAULT_PARTITION_SIZE
from service.batch.runner import BatchError, check_tables, run_corpus


def analyze_corpus(
    source,
    *,
    tables=(),
    scheduler=None,
    out=None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    resume: bool = False,
    as_pandas: bool = False,
    format: str | None = None,
    text_column: str = "text",
    id_column: str = "id",
    models_dir=None,
    progress="auto",
):
    """Score every article of ``source`` and return the articles table.

    ``source``: a ``.jsonl``, ``.csv`` or ``.parquet`` file, a folder of ``.txt`` files, a
    pandas DataFrame or a list of dicts, each article with ``text`` (and ``id``; other
    columns are kept as metadata). ``tables``: any of ``sentences``, ``attributions``,
    ``sources``; with tables, a dict ``{"articles": ..., "sources": ...}`` is returned.
    ``scheduler``: None (a local cluster, ``workers`` processes, default one per core), an
    address (``"tcp://127.0.0.1:8786"``), a ``distributed.Client``, or ``"sync"`` (this
    process). ``out``: a folder to write Parquet per partition (larger-than-memory corpora;
    ``resume=True`` skips finished partitions); without it results are kept in memory.
    Returns Dask DataFrames, or pandas with ``as_pandas=True``. Raises ``InputError``
    for unusable input and :class:`BatchError` when partitions failed (rerun with resume).
    """
    result = run_corpus(
        source,
        out=out,
        tables=tables,
        scheduler=scheduler,
        workers=workers,
        partition_size=partition_size,
        resume=resume,
        format=format,
        text_column=text_column,
        id_column=id_column,
        models_dir=models_dir,
        progress=progress,
    )
    if result.failed:
        index, reason = result.failed[0]
        raise BatchError(
            f"{len(result.failed)} partition(s) failed (first: partition {index}: "
            f"{reason}); rerun with out= and resume=True"
        )
    frames = {name: _frame(result, name, as_pandas) for name in ("articles", *check_tables(tables))}
    return frames["articles"] if len(frames) == 1 else frames


def _frame(result, name: str, as_pandas: bool):
    import dask.dataframe as dd
    import pandas as pd

    if result.out is not None:
        path = str(Path(result.out) / name)
        return pd.read_parquet(path) if as_pandas else dd.read_parquet(path)
    df = result.tables[name].to_pandas()
    parts = max(1, min(len(result.corpus.partitions), len(df)))
    return df if as_pandas else dd.from_pandas(df, npartitions=parts)
