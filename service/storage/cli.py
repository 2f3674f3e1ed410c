"""``reportedly export-corrections --out FILE.jsonl``: corrected articles as training
examples (see :mod:`service.storage.export`)."""

from __future__ import annotations

import argparse
import os
import sys


def cmd_export_corrections(args: argparse.Namespace) -> int:
    from service.storage.db import Database, StorageError
    from service.storage.export import export_corrections

    url = (
        args.database or os.environ.get("REPORTEDLY_DATABASE_URL") or os.environ.get("DATABASE_URL")
    )
    db = Database(url)
    try:
        n = export_corrections(db, sys.stdout if args.out == "-" else args.out)
    except (StorageError, OSError) as exc:
        print(f"reportedly: export-corrections: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    if args.out != "-":
        print(f"wrote {n} corrected article{'s' if n != 1 else ''} to {args.out}", file=sys.stderr)
    return 0


def add_parser(sub) -> None:
    """Register the sub-command on the ``reportedly`` parser's sub-parsers."""
    p = sub.add_parser(
        "export-corrections",
        help="export editors' corrections as training data",
        description="Write one JSON object per corrected article (JSON Lines), "
        "relations in the corpora's span format.",
    )
    p.add_argument(
        "--out", required=True, metavar="FILE", help="output .jsonl file ('-' for standard output)"
    )
    p.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy URL (default: $DATABASE_URL, else var/reportedly.db)",
    )
    p.set_defaults(func=cmd_export_corrections)
