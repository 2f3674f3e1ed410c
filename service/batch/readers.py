"""Corpus readers: a planned partition (see :mod:`service.batch.plan`) is read where it runs.

Formats: JSON Lines (``{"id", "text", ...metadata}`` per line), CSV (header row), Parquet, a
folder of ``.txt`` files (id = file stem), or an in-memory pandas DataFrame / list of dicts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

BOM = b"\xef\xbb\xbf"


class InputError(ValueError):
    """A corpus that cannot be read; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class Partition:
    """One unit of work: where its articles are, not the articles themselves."""

    index: int
    rows: int
    first_row: int  # corpus row number of its first article
    start: int = 0  # jsonl / csv: byte range [start, stop)
    stop: int = 0
    pieces: tuple = ()  # parquet: (row_group, offset, length); txt: file paths
    data: Any = None  # in-memory source: a pyarrow Table slice


@dataclass(frozen=True)
class Corpus:
    """A planned corpus: its partitions and the metadata columns every partition yields."""

    kind: str
    path: str | None
    partitions: tuple[Partition, ...]
    metadata: pa.Schema  # metadata columns, as named in the output
    id_column: str = "id"
    text_column: str = "text"
    rename: dict = field(default_factory=dict)  # input column -> output column
    json_columns: frozenset = frozenset()  # JSONL keys written as JSON strings
    columns: tuple = ()  # CSV header
    fingerprint: dict = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return sum(p.rows for p in self.partitions)


def fh_bytes(path, start: int, stop: int) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(start)
        return fh.read(stop - start)


# --- reading ---------------------------------------------------------------------------------


def read_partition(corpus: Corpus, part: Partition) -> tuple[list[str], list, pa.Table]:
    """A partition's ids, texts (a ``str``, or an ``InputError`` for an unreadable article)
    and metadata table (``corpus.metadata`` schema)."""
    ids, texts, meta = _READERS[corpus.kind](corpus, part)
    ids = [f"row-{part.first_row + i}" if v is None else str(v) for i, v in enumerate(ids)]
    return ids, texts, meta


def _meta_table(corpus: Corpus, columns: dict[str, list]) -> pa.Table:
    arrays = [
        pa.array(columns[original], type=corpus.metadata.field(name).type)
        for original, name in corpus.rename.items()
    ]
    return pa.Table.from_arrays(arrays, schema=corpus.metadata)


def _read_jsonl(corpus: Corpus, part: Partition):
    data = fh_bytes(corpus.path, part.start, part.stop)
    if part.start == 0 and data.startswith(BOM):
        data = data[len(BOM) :]
    records = [json.loads(line) for line in data.splitlines() if line.strip()]
    columns = {}
    for key in corpus.rename:
        values = [r.get(key) for r in records]
        if key in corpus.json_columns:
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        elif pa.types.is_floating(corpus.metadata.field(corpus.rename[key]).type):
            values = [None if v is None else float(v) for v in values]
        columns[key] = values
    ids = [r.get(corpus.id_column) for r in records]
    texts = [r.get(corpus.text_column) for r in records]
    return ids, texts, _meta_table(corpus, columns)


def _read_csv(corpus: Corpus, part: Partition):
    # bad bytes become lone surrogates: that article gets an error row, metadata gets U+FFFD
    text = fh_bytes(corpus.path, part.start, part.stop).decode("utf-8", "surrogateescape")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    columns = {
        c: [r[i] if i < len(r) else None for r in rows] for i, c in enumerate(corpus.columns)
    }
    ids = [_clean(v) for v in columns.get(corpus.id_column, [None] * len(rows))]
    texts = [  # a short row has no text cell: None, an error row like JSONL's missing text
        InputError("not valid UTF-8") if t is not None and _BAD.search(t) else t
        for t in columns[corpus.text_column]
    ]
    meta = {c: [_clean(v) for v in columns[c]] for c in corpus.rename}
    return ids, texts, _meta_table(corpus, meta)


_BAD = re.compile("[\udc80-\udcff]")


def _clean(value: str | None) -> str | None:
    return None if value is None else _BAD.sub("\ufffd", value)


def _read_parquet(corpus: Corpus, part: Partition):
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(corpus.path)
    table = pa.concat_tables(pf.read_row_group(g).slice(offset, n) for g, offset, n in part.pieces)
    return _split_table(corpus, table)


def _read_frame(corpus: Corpus, part: Partition):
    return _split_table(corpus, part.data)


def _split_table(corpus: Corpus, table: pa.Table):
    names = table.column_names
    ids = (
        table.column(corpus.id_column).to_pylist()
        if corpus.id_column in names
        else [None] * table.num_rows
    )
    texts = table.column(corpus.text_column).to_pylist()
    meta = table.select(list(corpus.rename)).rename_columns(list(corpus.rename.values()))
    return ids, texts, meta.cast(corpus.metadata)


def _read_txt(corpus: Corpus, part: Partition):
    ids: list[str] = []
    texts: list[str | InputError] = []
    for name in part.pieces:
        path = Path(name)
        ids.append(path.stem)
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            texts.append(InputError(f"not valid UTF-8 (byte offset {exc.start})"))
        except OSError as exc:
            texts.append(InputError(exc.strerror or str(exc)))
    return ids, texts, corpus.metadata.empty_table()


_READERS = {
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "parquet": _read_parquet,
    "txt": _read_txt,
    "frame": _read_frame,
}
