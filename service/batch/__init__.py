"""Corpus scoring on Dask: read a corpus in partitions, analyse every article, write Parquet.

    from service.batch import analyze_corpus
    articles = analyze_corpus("corpus.jsonl", out="scored/")            # a Dask DataFrame
    frames = analyze_corpus(df, tables=("sources",), as_pandas=True)     # dict of pandas frames

No web framework here; the command line is ``reportedly batch`` (:mod:`service.batch.cli`).
Importing this package is cheap: Dask and pyarrow load on first use. Modules: plan (check
and partition the input), readers, rows (flatten an Analysis), worker, output, progress,
runner (Dask), api, cli, bench.
"""

from __future__ import annotations

FORMATS = ("jsonl", "csv", "parquet", "txt")
TABLES = ("sentences", "attributions", "sources")
DEFAULT_PARTITION_SIZE = 500

_LAZY = {
    "analyze_corpus": "service.batch.api",
    "run_corpus": "service.batch.runner",
    "InputError": "service.batch.readers",
    "BatchError": "service.batch.runner",
}
__all__ = ["analyze_corpus", "run_corpus", "InputError", "BatchError", "FORMATS", "TABLES"]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
