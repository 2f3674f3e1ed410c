"""Corpus readers: every format plans into partitions and reads back the same articles."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from service.batch.plan import plan_corpus
from service.batch.readers import InputError, read_partition
from service.batch.rows import RESERVED

ARTICLES = [
    {"id": "a1", "text": "The bill will pass, the senator said.", "publisher": "nyt", "n": 1},
    {"id": "a2", "text": 'He said "yes,\nno" today.', "publisher": "wapo", "n": 2},
    {"id": "a3", "text": "It rained on Tuesday.", "publisher": "nyt", "n": 3},
]


def read_all(corpus):
    ids, texts, meta = [], [], []
    for part in corpus.partitions:
        i, t, m = read_partition(corpus, part)
        ids += i
        texts += t
        meta.append(m)
    return ids, texts, pa.concat_tables(meta)


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_partitions_and_metadata_types(tmp_path):
    records = [
        dict(r, tags=["x"] if r["n"] == 2 else None, score=0.5 if r["n"] == 3 else r["n"])
        for r in ARTICLES
    ]
    corpus = plan_corpus(write_jsonl(tmp_path / "c.jsonl", records), partition_size=2)
    assert [p.rows for p in corpus.partitions] == [2, 1] and corpus.articles == 3
    ids, texts, meta = read_all(corpus)
    assert ids == ["a1", "a2", "a3"]
    assert texts == [r["text"] for r in ARTICLES]
    assert meta.schema.field("n").type == pa.int64()
    assert meta.schema.field("score").type == pa.float64()
    assert meta.column("tags").to_pylist() == [None, '["x"]', None]  # nested: JSON text
    assert meta.column("publisher").to_pylist() == ["nyt", "wapo", "nyt"]


def test_jsonl_missing_ids_get_row_numbers_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "One."}\n\n{"id": 7, "text": "Two."}\n{"text": "Three."}\n')
    ids, texts, _ = read_all(plan_corpus(path, partition_size=2))
    assert ids == ["row-0", "7", "row-2"] and texts == ["One.", "Two.", "Three."]


def test_csv_with_quoted_newlines(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame(ARTICLES).to_csv(path, index=False)
    corpus = plan_corpus(path, partition_size=2)
    assert [p.rows for p in corpus.partitions] == [2, 1]
    ids, texts, meta = read_all(corpus)
    assert ids == ["a1", "a2", "a3"] and texts == [r["text"] for r in ARTICLES]
    assert meta.column("n").to_pylist() == ["1", "2", "3"]  # CSV metadata stays text


def test_csv_row_without_a_text_cell_reads_as_no_text(tmp_path):
    """A short row is that article's problem (the worker makes it an error row), not the
    partition's (mypy found the reader searching None)."""
    path = tmp_path / "c.csv"
    path.write_text("id,title,text\n1,a,Hello.\n2,b\n", encoding="utf-8")
    ids, texts, meta = read_all(plan_corpus(path))
    assert ids == ["1", "2"] and texts == ["Hello.", None]
    assert meta.column("title").to_pylist() == ["a", "b"]


def test_parquet_splits_row_groups_into_partitions(tmp_path):
    path = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist(ARTICLES), path, row_group_size=2)
    corpus = plan_corpus(path, partition_size=1)
    assert len(corpus.partitions) == 3
    ids, texts, meta = read_all(corpus)
    assert ids == ["a1", "a2", "a3"] and texts[1] == ARTICLES[1]["text"]
    assert meta.schema.field("n").type == pa.int64()


def test_txt_folder_ids_are_file_stems(tmp_path):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9")
    (tmp_path / "notes.md").write_text("ignored")
    ids, texts, _ = read_all(plan_corpus(tmp_path, partition_size=2))
    assert ids == ["a", "b", "bad"] and texts[:2] == ["First.", "Second."]
    assert isinstance(texts[2], InputError)  # becomes an error row, not a failed job


def test_in_memory_dataframe():
    ids, texts, meta = read_all(plan_corpus(pd.DataFrame(ARTICLES), partition_size=2))
    assert ids == ["a1", "a2", "a3"] and meta.column_names == ["publisher", "n"]


def test_metadata_named_like_an_output_column_is_renamed(tmp_path):
    corpus = plan_corpus([{"id": "x", "text": "Hi.", "sentences": 3}], reserved=RESERVED)
    assert corpus.metadata.names == ["input_sentences"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("c.jsonl", '{"id": 1, "text": "ok"}\n{"id": 2, "body": "no text"}\n', "line 2: no 'text'"),
        ("c.jsonl", '{"id": 1, "text": "ok"}\nnot json\n', "line 2: not valid JSON"),
        ("c.jsonl", "", "no articles"),
        ("c.csv", "id,body\n1,hello\n", "no 'text' column"),
        ("c.xml", "<a/>", "unknown input format '.xml'"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as info:
        plan_corpus(path)
    assert "\n" not in str(info.value)


def test_missing_file_empty_folder_and_parquet_nulls(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        plan_corpus(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="no .txt files"):
        plan_corpus(tmp_path)
    pq.write_table(pa.table({"id": ["1", "2"], "text": ["ok", None]}), tmp_path / "n.parquet")
    with pytest.raises(InputError, match="1 rows without text"):
        plan_corpus(tmp_path / "n.parquet")
