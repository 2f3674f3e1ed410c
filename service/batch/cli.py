"""``reportedly batch INPUT --out OUTPUT`` and ``reportedly batch-bench``.

Exit status: 0 when every partition was written (articles that failed are error rows, not
failures), 1 for unusable input or when partitions failed (rerun with ``--resume``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from service.argtypes import positive_int
from service.batch import bench

PROG = "reportedly"


def _error(message: str) -> int:
    print(f"{PROG}: batch: {message}", file=sys.stderr)
    return 1


def cmd_batch(args: argparse.Namespace) -> int:
    """Score the corpus; one summary line on stderr, or a one-line error."""
    from service.batch import InputError, run_corpus

    try:
        result = run_corpus(
            args.input,
            out=args.out,
            tables=args.tables or (),
            scheduler=args.scheduler,
            workers=args.workers,
            partition_size=args.partition_size,
            resume=args.resume,
            format=args.format,
            text_column=args.text_column,
            id_column=args.id_column,
            models_dir=args.models,
            bias=args.bias,
        )
    except InputError as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(
            f"{getattr(exc, 'filename', None) or ''}"
            f"{': ' if getattr(exc, 'filename', None) else ''}"
            f"{exc.strerror or exc}"
        )
    except Exception as exc:  # a broken cluster or models: one line, never a traceback
        return _error(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    tables = ", ".join(["articles", *(args.tables or ())])
    resumed = f", {result.resumed} partitions resumed" if result.resumed else ""
    print(
        f"{PROG}: batch: {result.articles:,} articles ({result.errors:,} error rows"
        f"{resumed}) written to {args.out} [{tables}] in {result.seconds:.1f} s",
        file=sys.stderr,
    )
    if result.failed:
        for index, reason in result.failed[:5]:
            print(f"{PROG}: batch: partition {index} failed: {reason}", file=sys.stderr)
        return _error(f"{len(result.failed)} partition(s) failed; rerun with --resume")
    return 0


def _tables(value: str) -> tuple[str, ...]:
    from service.batch import TABLES

    names = tuple(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown table {unknown[0]!r} (expected {', '.join(TABLES)})"
        )
    return names


def add_parser(sub) -> None:
    """Register ``batch`` and ``batch-bench`` on the ``reportedly`` parser's sub-parsers."""
    from service.batch import DEFAULT_PARTITION_SIZE, FORMATS

    p = sub.add_parser(
        "batch",
        help="score a corpus on Dask and write Parquet",
        description='Score every article of INPUT (.jsonl with {"id", "text", ...}, .csv, '
        ".parquet, or a folder of .txt files) and write OUTPUT/articles/*.parquet (scores and "
        "metadata, one row per article; read it with pandas.read_parquet('OUTPUT/articles')) "
        "plus the --tables asked for, joinable on id. Runs on a local Dask cluster (one "
        "process per core) or on --scheduler.",
    )
    p.add_argument("input", metavar="INPUT")
    p.add_argument("--out", required=True, type=Path, metavar="OUTPUT", help="output folder")
    p.add_argument(
        "--tables",
        type=_tables,
        metavar="LIST",
        help="also write sentences, attributions and/or sources (comma-separated)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDR",
        help="an existing Dask scheduler, e.g. tcp://127.0.0.1:8786 (INPUT and "
        "OUTPUT must be reachable at the same paths from its workers)",
    )
    p.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help="local worker processes (default: one per core)",
    )
    p.add_argument(
        "--partition-size",
        type=positive_int,
        default=DEFAULT_PARTITION_SIZE,
        metavar="N",
        help=f"articles per partition (default {DEFAULT_PARTITION_SIZE})",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an earlier run into OUTPUT, skipping finished partitions",
    )
    p.add_argument("--format", choices=FORMATS, help="input format (default: from INPUT)")
    p.add_argument("--text-column", default="text", metavar="NAME")
    p.add_argument("--id-column", default="id", metavar="NAME")
    p.add_argument(
        "--models",
        type=Path,
        metavar="DIR",
        help="model folder (default: $REPORTEDLY_MODELS_DIR or shipped models)",
    )
    p.add_argument(
        "--no-bias",
        dest="bias",
        action="store_false",
        help="skip the bias stage and its cost (bias scores are 0)",
    )
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("batch-bench", help="measure corpus throughput with 1 and 2 workers")
    bench.add_arguments(p)
    p.set_defaults(func=bench.command)
