"""The output folder: one Parquet file per partition and table, written atomically, and a
marker per finished partition, so a run can resume where it stopped.

    OUT/_manifest.json              input, settings and model version of the run
    OUT/articles/part-00000.parquet one per partition (also sentences/, attributions/, sources/)
    OUT/_done/part-00000.json       written last: the partition is complete
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from service.batch.readers import InputError

MANIFEST = "_manifest.json"
DONE = "_done"


def part_name(index: int, count: int) -> str:
    return f"part-{index:0{max(5, len(str(count - 1)))}d}"


def prepare(out: Path, manifest: dict, resume: bool) -> None:
    """Create ``out`` for a new run, or check that a resumed run has the same settings."""
    path = out / MANIFEST
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    if path.exists():
        if not resume:
            raise InputError(
                f"{out}: holds an earlier run; pass --resume to finish it, or choose another --out"
            )
        old = json.loads(path.read_text(encoding="utf-8"))
        changed = [k for k in manifest if old.get(k) != manifest[k]]
        if changed:
            raise InputError(f"{out}: was written with other {', '.join(changed)}; use a new --out")
        for stale in out.glob("*/.part-*.tmp-*"):  # left by a run that was stopped
            stale.unlink(missing_ok=True)
        return
    if out.is_dir() and any(out.iterdir()):
        raise InputError(f"{out}: folder is not empty and holds no batch run")
    out.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, json.dumps(manifest, indent=2).encode())


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def is_complete(out: Path, name: str, tables: tuple[str, ...]) -> bool:
    return (out / DONE / f"{name}.json").exists() and all(
        (out / t / f"{name}.parquet").exists() for t in ("articles", *tables)
    )


def read_marker(out: Path, name: str) -> dict:
    return json.loads((out / DONE / f"{name}.json").read_text(encoding="utf-8"))


def write_partition(out: Path, name: str, tables: dict[str, pa.Table], summary: dict) -> None:
    """Write each table (temporary name, then rename), then the completion marker."""
    for table_name, table in tables.items():
        folder = out / table_name
        folder.mkdir(exist_ok=True)
        tmp = folder / f".{name}.parquet.tmp-{os.getpid()}"
        pq.write_table(table, tmp)
        os.replace(tmp, folder / f"{name}.parquet")
    (out / DONE).mkdir(exist_ok=True)
    _atomic_write(out / DONE / f"{name}.json", json.dumps(summary).encode())
