"""Planning: one streaming pass checks the input and splits it into partitions.

Only byte offsets (JSON Lines, CSV), row groups (Parquet) or file names (.txt) are kept, so a
corpus need not fit in memory; bad input fails here, before any work, with a one-line
:class:`~service.batch.readers.InputError`.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pyarrow as pa

from service.batch import FORMATS
from service.batch.readers import BOM, Corpus, InputError, Partition, fh_bytes

SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def detect_format(path: Path) -> str:
    if path.is_dir():
        return "txt"
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"{path}: unknown input format {path.suffix or '(no suffix)'!r} "
            "(expected .jsonl, .csv, .parquet or a folder of .txt files)"
        )
    return kind


def plan_corpus(
    source,
    partition_size: int = 500,
    format: str | None = None,
    text_column: str = "text",
    id_column: str = "id",
    reserved: frozenset = frozenset(),
) -> Corpus:
    """Plan ``source`` (a path, a pandas DataFrame or a list of dicts) into partitions.

    Raises :class:`InputError` for a missing file, an unknown format, an empty corpus or
    articles without text. Metadata columns named like an output column get ``input_``.
    """
    if partition_size < 1:
        raise InputError("partition size must be at least 1")
    if not isinstance(source, (str, os.PathLike)):
        plan = _plan_frame(source, partition_size, text_column, id_column)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        kind = format or detect_format(path)
        if kind not in FORMATS:
            raise InputError(f"unknown format {kind!r} (expected one of {', '.join(FORMATS)})")
        if kind == "txt" and not path.is_dir():
            raise InputError(f"{path}: not a folder of .txt files")
        if kind != "txt" and path.is_dir():
            raise InputError(f"{path}: is a folder (a folder is read as .txt files)")
        plan = _PLANNERS[kind](path, partition_size, text_column, id_column)
        plan["fingerprint"] = _fingerprint(path)
    if not plan["partitions"]:
        raise InputError(
            f"{source if isinstance(source, (str, os.PathLike)) else 'input'}: no articles"
        )
    meta: pa.Schema = plan.pop("metadata")
    rename = {f.name: (f"input_{f.name}" if f.name in reserved else f.name) for f in meta}
    meta = pa.schema([f.with_name(rename[f.name]) for f in meta])
    return Corpus(
        metadata=meta, rename=rename, text_column=text_column, id_column=id_column, **plan
    )


def _fingerprint(path: Path) -> dict:
    files = sorted(_txt_files(path)) if path.is_dir() else [path]
    stats = [f.stat() for f in files]
    return {
        "path": str(path.resolve()),
        "files": len(files),
        "bytes": sum(s.st_size for s in stats),
        "mtime_ns": max((s.st_mtime_ns for s in stats), default=0),
    }


def _chunks(n: int, size: int):
    for start in range(0, n, size):
        yield start, min(n, start + size)


# --- planning --------------------------------------------------------------------------------


def _plan_jsonl(path: Path, size: int, text_col: str, id_col: str) -> dict:
    """Parse every line once (fail fast on bad JSON or missing text); keep offsets and types."""
    parts: list[Partition] = []
    types: dict[str, set] = {}
    start = offset = rows = total = 0
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            end = offset + len(line)
            if lineno == 1 and line.startswith(BOM):
                line = line[len(BOM) :]
            if line.strip():
                try:
                    rec = json.loads(line)
                except UnicodeDecodeError:
                    raise InputError(f"{path}: line {lineno}: not valid UTF-8") from None
                except ValueError as exc:
                    raise InputError(
                        f"{path}: line {lineno}: not valid JSON ({getattr(exc, 'msg', exc)})"
                    ) from None
                if not isinstance(rec, dict):
                    raise InputError(f"{path}: line {lineno}: not a JSON object")
                if not isinstance(rec.get(text_col), str):
                    raise InputError(f"{path}: line {lineno}: no {text_col!r} string")
                for key, value in rec.items():
                    if key not in (text_col, id_col):
                        types.setdefault(key, set()).add(_json_type(value))
                rows += 1
                if rows == size:
                    parts.append(Partition(len(parts), rows, total, start, end))
                    total, start, rows = total + rows, end, 0
            offset = end
    if rows:
        parts.append(Partition(len(parts), rows, total, start, offset))
    fields, json_cols = [], set()
    for key, seen in types.items():
        kind = _arrow_for(seen - {"null"})
        if kind is None:
            json_cols.add(key)
        fields.append(pa.field(key, kind or pa.string()))
    return {
        "kind": "jsonl",
        "path": str(path),
        "partitions": tuple(parts),
        "metadata": pa.schema(fields),
        "json_columns": frozenset(json_cols),
    }


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    return {int: "int", float: "float", str: "str"}.get(type(value), "json")


def _arrow_for(seen: set) -> pa.DataType | None:
    """One Arrow type for the JSON types a key had; None means: write it as JSON text."""
    if not seen or seen == {"str"}:
        return pa.string()
    if seen == {"bool"}:
        return pa.bool_()
    if seen == {"int"}:
        return pa.int64()
    if seen <= {"int", "float"}:
        return pa.float64()
    return None


def _csv_records(fh):
    """Byte ranges of CSV records (a newline inside quotes does not end one)."""
    offset, start, quotes = 0, 0, 0
    for line in fh:
        quotes += line.count(b'"')
        offset += len(line)
        if quotes % 2 == 0:
            yield start, offset, line.strip() == b""
            start, quotes = offset, 0
    if offset > start:
        yield start, offset, False


def _plan_csv(path: Path, size: int, text_col: str, id_col: str) -> dict:
    parts: list[Partition] = []
    header: list[str] | None = None
    first = rows = total = 0
    with open(path, "rb") as fh:
        records = _csv_records(fh)
        for start, end, blank in records:
            if blank:
                continue
            if header is None:
                try:
                    text = fh_bytes(path, start, end).decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise InputError(f"{path}: header is not valid UTF-8") from None
                header = next(csv.reader(io.StringIO(text)), [])
                if text_col not in header:
                    raise InputError(
                        f"{path}: no {text_col!r} column (columns: {', '.join(header) or 'none'})"
                    )
                first = end
                continue
            if rows == 0:
                first = start
            rows += 1
            if rows == size:
                parts.append(Partition(len(parts), rows, total, first, end))
                total, rows = total + rows, 0
        if header is None:
            raise InputError(f"{path}: empty CSV file (no header row)")
        if rows:
            parts.append(Partition(len(parts), rows, total, first, end))
    meta = pa.schema([pa.field(c, pa.string()) for c in header if c not in (text_col, id_col)])
    return {
        "kind": "csv",
        "path": str(path),
        "partitions": tuple(parts),
        "metadata": meta,
        "columns": tuple(header),
    }


def _plan_parquet(path: Path, size: int, text_col: str, id_col: str) -> dict:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    schema = pf.schema_arrow
    if text_col not in schema.names:
        raise InputError(f"{path}: no {text_col!r} column (columns: {', '.join(schema.names)})")
    if not (
        pa.types.is_string(schema.field(text_col).type)
        or pa.types.is_large_string(schema.field(text_col).type)
    ):
        raise InputError(f"{path}: column {text_col!r} is {schema.field(text_col).type}, not text")
    col = schema.names.index(text_col)
    md = pf.metadata
    missing = sum(
        (md.row_group(g).column(col).statistics.null_count or 0)
        for g in range(md.num_row_groups)
        if md.row_group(g).column(col).statistics is not None
        and md.row_group(g).column(col).statistics.has_null_count
    )
    if missing:
        raise InputError(f"{path}: {missing} rows without text")
    parts: list[Partition] = []
    pieces: list[tuple[int, int, int]] = []
    rows = total = 0
    for g in range(md.num_row_groups):
        n, offset = md.row_group(g).num_rows, 0
        while offset < n:
            take = min(n - offset, size - rows)
            pieces.append((g, offset, take))
            rows, offset = rows + take, offset + take
            if rows == size:
                parts.append(Partition(len(parts), rows, total, pieces=tuple(pieces)))
                total, rows, pieces = total + rows, 0, []
    if rows:
        parts.append(Partition(len(parts), rows, total, pieces=tuple(pieces)))
    meta = pa.schema([f for f in schema if f.name not in (text_col, id_col)])
    return {"kind": "parquet", "path": str(path), "partitions": tuple(parts), "metadata": meta}


def _txt_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt"]


def _plan_txt(path: Path, size: int, text_col: str, id_col: str) -> dict:
    files = sorted(str(p) for p in _txt_files(path))
    parts = tuple(
        Partition(i, b - a, a, pieces=tuple(files[a:b]))
        for i, (a, b) in enumerate(_chunks(len(files), size))
    )
    if not files:
        raise InputError(f"{path}: no .txt files in this folder")
    return {"kind": "txt", "path": str(path), "partitions": parts, "metadata": pa.schema([])}


def _plan_frame(source, size: int, text_col: str, id_col: str) -> dict:
    try:
        if isinstance(source, list):
            table = pa.Table.from_pylist(source)
        else:
            table = pa.Table.from_pandas(source, preserve_index=False)
    except (pa.ArrowException, TypeError, AttributeError) as exc:
        raise InputError(f"cannot read input as a table of articles ({exc})") from None
    if text_col not in table.column_names:
        raise InputError(f"input has no {text_col!r} column")
    if table.column(text_col).null_count:
        raise InputError(f"{table.column(text_col).null_count} rows without text")
    parts = tuple(
        Partition(i, b - a, a, data=table.slice(a, b - a))
        for i, (a, b) in enumerate(_chunks(table.num_rows, size))
    )
    meta = pa.schema([f for f in table.schema if f.name not in (text_col, id_col)])
    return {
        "kind": "frame",
        "path": None,
        "partitions": parts,
        "metadata": meta,
        "fingerprint": {"rows": table.num_rows, "columns": table.column_names},
    }


_PLANNERS = {"jsonl": _plan_jsonl, "csv": _plan_csv, "parquet": _plan_parquet, "txt": _plan_txt}
