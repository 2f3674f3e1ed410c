"""Review storage: migrations, articles stored once, corrections replayed, export, merge.

Runs on SQLite, and on PostgreSQL when $REPORTEDLY_TEST_POSTGRES_URL is set (.ci/run)."""

from __future__ import annotations

import json
import threading

import pytest
from e2e.support import ARTICLE, BiasStubEngine, database_url  # noqa: F401  (fixture)
from pydantic import ValidationError
from sqlalchemy import inspect, text

from service.storage import (
    CorrectionError,
    Database,
    add_correction,
    apply_corrections,
    export_corrections,
    load_article,
    recent_articles,
    save_article,
)
from service.storage.db import resolve_url
from service.storage.repository import corrected_articles, list_corrections, text_sha256


@pytest.fixture(scope="module")
def stub(engine):
    return BiasStubEngine(engine)


@pytest.fixture(scope="module")
def analysis(stub):
    return stub.analyze(ARTICLE)


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def stored(db, analysis):
    article, created = save_article(db, ARTICLE, analysis)
    assert created
    return article


def correct(db, article, kind, target=None, after=None, editor="ed"):
    payload = {"kind": kind, "target": target or {}, "after": after}
    record, updated = add_correction(db, article.id, payload, editor)
    return record, updated.corrected()[0]


def span(phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase)}


# --- database and migrations -----------------------------------------------------------------


def test_resolve_url():
    assert resolve_url(None).startswith("sqlite:///") and resolve_url(None).endswith(
        "var/reportedly.db"
    )
    assert resolve_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrations_create_the_schema_once(db):
    db.migrate()
    db.migrate()  # a second call is a no-op
    again = Database(db.url)
    again.migrate()  # another process (or app) finds the schema at head
    names = set(inspect(db.engine).get_table_names())
    assert {"texts", "articles", "corrections", "alembic_version"} <= names
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    again.dispose()


def test_sqlite_is_durable(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    db.migrate()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_default_database_is_in_var(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = Database()
    db.migrate()
    assert (tmp_path / "var" / "reportedly.db").is_file()
    db.dispose()


def test_engine_is_recreated_after_fork(db, monkeypatch):
    first = db.engine
    import os

    pid = os.getpid()
    monkeypatch.setattr(os, "getpid", lambda: pid + 1)
    assert db.engine is not first


# --- articles --------------------------------------------------------------------------------


def test_article_is_stored_once_by_content_hash(db, stored, analysis):
    again, created = save_article(db, ARTICLE, analysis)
    assert not created and again.id == stored.id
    assert stored.text_sha256 == text_sha256(ARTICLE) and stored.text == ARTICLE
    assert stored.analysis == analysis.to_dict()
    assert stored.model_version == analysis.model.version
    assert stored.components == analysis.model.components
    other = analysis.model_copy(deep=True)
    other.model.components = {**other.model.components, "sentences": "sentences-newer"}
    newer, created = save_article(db, ARTICLE, other)
    assert created and newer.id != stored.id  # another model: another analysis...
    with db.engine.connect() as conn:  # ...of the same stored text
        assert conn.execute(text("SELECT count(*) FROM texts")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 2


def test_load_and_recent(db, stored):
    assert load_article(db, stored.id).to_dict()["analysis"] == stored.analysis
    assert load_article(db, "0" * 16) is None
    [recent] = recent_articles(db)
    assert (
        recent["id"] == stored.id and recent["title"] == "City council approves new transit budget"
    )
    assert recent["corrections"] == 0


# --- corrections -----------------------------------------------------------------------------


def test_sentence_label(db, stored):
    i = next(s["index"] for s in stored.analysis["sentences"] if s["label"] == "direct")
    record, corrected = correct(
        db, stored, "sentence_label", {"sentence": i}, {"label": "reported"}
    )
    assert record.before == {"label": "direct"} and record.after == {"label": "reported"}
    assert record.editor == "ed" and record.created_at.endswith("Z")
    assert corrected["sentences"][i]["label"] == "reported"
    assert (
        corrected["scores"]["reported_sentences"]
        == stored.analysis["scores"]["reported_sentences"] + 1
    )
    again = load_article(db, stored.id)
    assert again.corrected()[0] == corrected
    assert again.corrected()[1]["corrected"]["sentences"] == [i]


def test_relation_delete_add_and_spans(db, stored):
    analysis = stored.analysis
    assert analysis["attributions"], "the sample article should have relations"
    first = analysis["attributions"][0]
    record, corrected = correct(db, stored, "relation_delete", {"attribution_id": first["id"]})
    assert record.before["cue"] == {"start": first["cue"]["start"], "end": first["cue"]["end"]}
    assert first["id"] not in {a["id"] for a in corrected["attributions"]}
    assert all(first["id"] not in s["attribution_ids"] for s in corrected["sentences"])
    assert corrected["scores"]["attributions"] == analysis["scores"]["attributions"] - 1

    cue, src = span("told"), span("Mayor Lena Park")
    record, corrected = correct(
        db,
        stored,
        "relation_add",
        after={"cue": cue, "source": src, "kind": "direct_quote", "source_id": None},
    )
    added = next(a for a in corrected["attributions"] if a["id"] == "e1")
    assert added["cue"]["text"] == "told" and added["source"]["text"] == "Mayor Lena Park"
    sentence = next(s for s in corrected["sentences"] if s["start"] <= cue["start"] < s["end"])
    assert "e1" in sentence["attribution_ids"]

    content = span("This is the biggest investment in buses in a decade")
    record, corrected = correct(
        db, stored, "relation_spans", {"attribution_id": "e1"}, {"content": content, "source": None}
    )
    assert record.before == {"content": None, "source": src}
    added = next(a for a in corrected["attributions"] if a["id"] == "e1")
    assert added["source"] is None and added["content"]["text"].startswith("This is the biggest")
    review = load_article(db, stored.id).corrected()[1]
    assert review["corrected"]["attributions"] == ["e1"]
    assert [d["id"] for d in review["deleted_attributions"]] == [first["id"]]


def test_source_correction_recounts(db, stored):
    src = stored.analysis["sources"][0]
    record, corrected = correct(
        db, stored, "source", {"source_id": src["id"]}, {"type": "anonymous"}
    )
    assert record.before == {"type": src["type"], "named": src["named"]}
    fixed = next(s for s in corrected["sources"] if s["id"] == src["id"])
    assert fixed["type"] == "anonymous" and fixed["named"] is False
    assert corrected["scores"]["anonymous_sources"] >= 1
    _, corrected = correct(db, stored, "source", {"source_id": src["id"]}, {"name": "The Mayor"})
    assert next(s for s in corrected["sources"] if s["id"] == src["id"])["name"] == "The Mayor"


def test_corrections_keep_what_each_source_said(db, stored):
    def said(corrected):
        return {
            s["id"]: (s["attribution_ids"], s["attribution_count"]) for s in corrected["sources"]
        }

    assert said(stored.corrected()[0]) == {
        "s1": (["a1", "a2"], 2),
        "s2": (["a3"], 1),
        "s3": (["a5"], 1),
    }
    _, corrected = correct(db, stored, "relation_delete", {"attribution_id": "a1"})
    assert said(corrected)["s1"] == (["a2"], 1)
    # an added relation takes its place in text order: its cue comes before a3's
    after = {"cue": span("told"), "source": span("Mayor Lena Park"), "source_id": "s2"}
    _, corrected = correct(db, stored, "relation_add", after=after)
    assert said(corrected)["s2"] == (["e1", "a3"], 2)
    _, corrected = correct(
        db, stored, "relation_spans", {"attribution_id": "a5"}, {"source_id": "s1"}
    )
    assert said(corrected) == {"s1": (["a2", "a5"], 2), "s2": (["e1", "a3"], 2), "s3": ([], 0)}
    _, corrected = correct(
        db, stored, "relation_spans", {"attribution_id": "e1"}, {"source_id": None}
    )
    assert said(corrected)["s2"] == (["a3"], 1)


def test_an_analysis_stored_without_attribution_ids_gets_them(analysis):
    old = analysis.to_dict()
    for s in old["sources"]:
        del s["attribution_ids"]
    read, _, _ = apply_corrections(ARTICLE, old, [])
    assert read == analysis.to_dict()
    assert all("attribution_ids" not in s for s in old["sources"])  # the stored copy is kept


def test_bias_flags_dismissed_and_restored(db, stored):
    s = next(s for s in stored.analysis["sentences"] if s["bias"] and s["bias"]["flags"])
    flag = s["bias"]["flags"][0]
    target = {
        "sentence": s["index"],
        "start": flag["start"],
        "end": flag["end"],
        "kind": flag["kind"],
    }
    record, corrected = correct(db, stored, "bias_flag", target, {"status": "dismissed"})
    assert record.before == {"status": "unreviewed"}
    assert flag not in corrected["sentences"][s["index"]]["bias"]["flags"]
    review = load_article(db, stored.id).corrected()[1]
    assert review["flags"][0] | {} == {
        **target,
        "status": "dismissed",
        "reason": flag["reason"],
        "text": flag["text"],
    }
    record, corrected = correct(db, stored, "bias_flag", target, {"status": "confirmed"})
    assert record.before == {"status": "dismissed"}
    assert flag in corrected["sentences"][s["index"]]["bias"]["flags"]


@pytest.mark.parametrize(
    "kind,target,after,code",
    [
        ("sentence_label", {"sentence": 999}, {"label": "direct"}, "unknown_target"),
        ("source", {"source_id": "s999"}, {"name": "x"}, "unknown_target"),
        ("relation_delete", {"attribution_id": "a999"}, None, "unknown_target"),
        ("relation_add", {}, {"cue": {"start": 0, "end": 10**6}}, "span_out_of_range"),
        (
            "relation_add",
            {},
            {"cue": {"start": 0, "end": 4}, "source_id": "s999"},
            "unknown_target",
        ),
        (
            "bias_flag",
            {"sentence": 0, "start": 0, "end": 1, "kind": "hedge"},
            {"status": "dismissed"},
            "unknown_target",
        ),
    ],
)
def test_corrections_that_do_not_fit(db, stored, kind, target, after, code):
    with pytest.raises(CorrectionError) as exc:
        correct(db, stored, kind, target, after)
    assert exc.value.code == code
    assert list_corrections(db, stored.id) == []  # nothing half-saved


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "nope"},
        {"kind": "sentence_label", "target": {"sentence": 0}, "after": {"label": "maybe"}},
        {"kind": "sentence_label", "target": {"sentence": "0"}, "after": {"label": "direct"}},
        {"kind": "source", "target": {"source_id": "s1"}, "after": {}},
        {"kind": "relation_spans", "target": {"attribution_id": "a1"}, "after": {"cue": None}},
        {"kind": "relation_add", "after": {"cue": {"start": 5, "end": 5}}},
        {"kind": "sentence_label", "target": {"sentence": 0}, "after": {"label": "direct"}, "x": 1},
    ],
)
def test_malformed_corrections(db, stored, payload):
    with pytest.raises(ValidationError):
        add_correction(db, stored.id, payload, "ed")


def test_unknown_article(db):
    db.migrate()
    assert (
        add_correction(
            db,
            "0" * 16,
            {"kind": "sentence_label", "target": {"sentence": 0}, "after": {"label": "direct"}},
            "ed",
        )
        is None
    )


def test_concurrent_corrections_all_land(db, stored):
    errors = []

    def work(k):
        try:
            for _ in range(3):
                add_correction(
                    db,
                    stored.id,
                    {
                        "kind": "sentence_label",
                        "target": {"sentence": k},
                        "after": {"label": "direct"},
                    },
                    f"ed{k}",
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(list_corrections(db, stored.id)) == 9


# --- export and merge ------------------------------------------------------------------------


def test_export_is_training_data_in_corpus_span_format(db, stored, tmp_path):
    assert export_corrections(db, tmp_path / "none.jsonl") == 0
    correct(db, stored, "sentence_label", {"sentence": 0}, {"label": "reported"}, editor="ann")
    correct(
        db,
        stored,
        "relation_add",
        after={"cue": span("told"), "source": span("Mayor Lena Park")},
        editor="bob",
    )
    out = tmp_path / "c.jsonl"
    assert export_corrections(db, out) == 1
    [example] = [json.loads(line) for line in out.read_text().splitlines()]
    assert example["name"] == stored.id and example["split"] == "corrections"
    assert example["text"] == ARTICLE
    assert example["editors"] == ["ann", "bob"] and example["corrections"] == 2
    rel = next(r for r in example["relations"] if r["id"] == "e1")
    assert rel["cue"] == [[span("told")["start"], span("told")["end"]]]
    assert rel["source"] == [[span("Mayor Lena Park")["start"], span("Mayor Lena Park")["end"]]]
    assert rel["content"] == []
    assert example["sentences"][0] == {
        "start": 0,
        "end": example["sentences"][0]["end"],
        "label": "reported",
        "corrected": True,
    }
    assert any(f["kind"] == "hedge" for f in example["bias_flags"])
    assert [a.id for a in corrected_articles(db)] == [stored.id]


def test_merge_corrections_is_off_by_default_and_labels_win(db, stored, tmp_path, monkeypatch):
    from service.engine.segment import Segment
    from service.training.corrections import merge_corrections
    from service.training.labels import sentence_labels

    base = ["doc"]
    assert merge_corrections(base) == ["doc"]  # off: nothing read, nothing added
    direct = next(
        s
        for s in stored.analysis["sentences"]
        if s["label"] == "direct" and s["text"].startswith("Work on")
    )
    reported = next(s for s in stored.analysis["sentences"] if s["attribution_ids"])
    correct(db, stored, "sentence_label", {"sentence": direct["index"]}, {"label": "reported"})
    correct(db, stored, "sentence_label", {"sentence": reported["index"]}, {"label": "direct"})
    out = tmp_path / "c.jsonl"
    export_corrections(db, out)
    monkeypatch.setenv("REPORTEDLY_CORRECTIONS", str(out))
    with pytest.raises(FileNotFoundError):
        merge_corrections([], tmp_path / "missing.jsonl", enabled=True)
    [doc] = merge_corrections([], enabled=True)
    assert doc.split == "corrections" and doc.text == ARTICLE
    segments = [Segment(s["start"], s["end"], 0) for s in stored.analysis["sentences"]]
    labels = sentence_labels(doc, segments)
    assert labels[direct["index"]] == 1 and labels[reported["index"]] == 0


def test_export_corrections_command(db, stored, tmp_path, capsys):
    from service.cli import main

    correct(db, stored, "sentence_label", {"sentence": 0}, {"label": "reported"})
    out = tmp_path / "out.jsonl"
    assert main(["export-corrections", "--out", str(out), "--database", db.url]) == 0
    assert "wrote 1 corrected article to" in capsys.readouterr().err
    [example] = [json.loads(line) for line in out.read_text().splitlines()]
    assert example["name"] == stored.id
    assert main(["export-corrections", "--out", "-", "--database", db.url]) == 0
    assert json.loads(capsys.readouterr().out) == example


def test_export_corrections_command_errors(tmp_path, capsys, monkeypatch):
    from service.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("")
    assert (
        main(
            [
                "export-corrections",
                "--out",
                str(tmp_path / "x.jsonl"),
                "--database",
                f"sqlite:///{blocker}/sub/db.sqlite",
            ]
        )
        == 1
    )
    assert "storage unavailable" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export-corrections"])  # --out is required
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["export-corrections", "--out", str(tmp_path / "empty.jsonl")]) == 0
    assert (tmp_path / "empty.jsonl").read_text() == ""
