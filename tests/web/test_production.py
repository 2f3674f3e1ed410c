"""The service in production, through Flask's test client: request limits, the batch
endpoint, API keys on every /v1/ route, the rate limit, /metrics, JSON logs and the
settings behind them. (The real gunicorn is in test_production_server.py; the Dockerfile in
test_production_docker.py; load and fault tests in test_loadtest.py.)"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families
from web_fixtures import app, client, engine, make_client  # noqa: F401  (fixtures)

from service.engine.types import Analysis
from service.web import limits
from service.web.limits_access import TokenBuckets
from service.web.metrics_logging import JsonFormatter
from service.web.schemas import BatchResponse, ErrorResponse
from service.web.settings import Settings, SettingsError, parse_rate

ANALYZE, BATCH = "/v1/analyze", "/v1/analyze/batch"
K1, K2, K3 = "key-one-0123456789", "key-two-0123456789", "key-three-0123456789"
SAMPLE = "The plan will fail, the senator said. Prices rose 3% in May.\nIt rained."
OTHER = "According to the police, nobody was hurt. The road reopened on Sunday."


def error_of(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.get_data(as_text=True)
    body = resp.get_json()
    ErrorResponse.model_validate(body)
    assert body["error"]["code"] == code, body
    assert resp.headers["X-Request-ID"]
    return body["error"]


# --------------------------------------------------------------------------- settings


def test_settings_defaults_and_env():
    s = Settings.from_env({})
    assert (
        s.max_body_bytes,
        s.max_text_chars,
        s.max_sentences,
        s.max_batch_documents,
        s.max_batch_chars,
        s.rate_limit,
        s.log_format,
    ) == (1_000_000, 100_000, 2_000, 32, 300_000, None, "json")
    s = Settings.from_env(
        {
            "REPORTEDLY_MAX_TEXT_CHARS": "5_000",
            "REPORTEDLY_MAX_SENTENCES": "9",
            "REPORTEDLY_MAX_BATCH_DOCUMENTS": "3",
            "REPORTEDLY_MAX_BATCH_CHARS": "7000",
            "REPORTEDLY_RATE_LIMIT": "10/second",
            "REPORTEDLY_LOG_FORMAT": "TEXT",
        }
    )
    assert (s.max_text_chars, s.max_sentences, s.max_batch_documents, s.max_batch_chars) == (
        5000,
        9,
        3,
        7000,
    )
    assert s.rate == (10, 1.0) and s.log_format == "text"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("120/minute", (120, 60.0)),
        ("5 per second", (5, 1.0)),
        ("500/5 minutes", (500, 300.0)),
        ("1/hour", (1, 3600.0)),
        ("2/DAY", (2, 86400.0)),
    ],
)
def test_parse_rate(value, expected):
    assert parse_rate(value) == expected


@pytest.mark.parametrize(
    "env,match",
    [
        ({"REPORTEDLY_MAX_TEXT_CHARS": "many"}, "MAX_TEXT_CHARS must be an integer"),
        ({"REPORTEDLY_MAX_SENTENCES": "0"}, "max_sentences must be a positive integer"),
        ({"REPORTEDLY_MAX_BATCH_DOCUMENTS": "-1"}, "max_batch_documents must be a positive"),
        ({"REPORTEDLY_RATE_LIMIT": "fast"}, "rate_limit must look like"),
        ({"REPORTEDLY_RATE_LIMIT": "0/minute"}, "rate_limit must look like"),
        ({"REPORTEDLY_LOG_FORMAT": "xml"}, "log_format must be one of"),
    ],
)
def test_bad_settings_are_refused(env, match):
    with pytest.raises(SettingsError, match=match):
        Settings.from_env(env)


# --------------------------------------------------------------------------- size limits


def test_text_length_limit(make_client, engine):
    small = make_client(Settings(max_text_chars=100))
    ok = "a" * 99 + "."
    assert small.post(ANALYZE, json={"text": ok}).status_code == 200
    err = error_of(small.post(ANALYZE, json={"text": ok + "b"}), 413, "text_too_long")
    assert "101" in err["message"] and "100" in err["message"] and err["field"] == "text"
    resp = small.post(ANALYZE, data=(ok + "b").encode(), content_type="text/plain")
    error_of(resp, 413, "text_too_long")


def test_sentence_limit(make_client):
    small = make_client(Settings(max_sentences=5))
    assert small.post(ANALYZE, json={"text": "One. Two. Three. Four. Five."}).status_code == 200
    err = error_of(
        small.post(ANALYZE, json={"text": "One. Two. Three. Four. Five. Six."}),
        422,
        "too_many_sentences",
    )
    assert "6 sentences" in err["message"] and "at most 5" in err["message"]


def test_limits_are_checked_before_any_analysis(make_client):
    class Refuses:
        manifests: dict = {}

        def analyze(self, text):
            raise AssertionError("analysed a text over the limit")

    small = make_client(Settings(max_text_chars=10, max_sentences=2), engine_=Refuses())
    error_of(small.post(ANALYZE, json={"text": "x" * 11}), 413, "text_too_long")


def test_ordinary_articles_are_not_segmented_twice(engine, monkeypatch):
    """The sentence limit costs nothing for an ordinary article: the cheap bound decides."""
    from service.bench import make_articles

    text = make_articles(1, 1000)[0]
    calls = []
    monkeypatch.setattr(limits, "count_sentences", lambda t, s: calls.append(t) or 0)
    limits.check_text(text, Settings(), engine.segmenter)
    assert calls == [] and limits.sentence_upper_bound(text) < Settings().max_sentences


ADVERSARIAL = [
    "",
    "a",
    "word " * 3000,
    "x" * 9000,
    ("a " + "b" * 1998) * 5,
    "." * 500,
    "!?" * 300,
    "Dr. Smith went home. Mr. Jones did too.\n" * 40,
    "\n".join(["line"] * 300),
    "one two\u2028three\u2029four\x0bfive\x0csix\x85seven\r\neight\r",
    ("z" * 1999 + " ") * 7,
    (" " * 2500 + "q" * 2500) * 2,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_sentence_bound_is_never_below_the_count(engine, text):
    assert limits.sentence_upper_bound(text) >= len(engine.segmenter.segment(text))


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\u2028 \"'”Mr")), max_size=6000))
def test_sentence_bound_property(engine, text):
    assert limits.sentence_upper_bound(text) >= len(engine.segmenter.segment(text))


# --------------------------------------------------------------------------- batch


def test_batch_results_in_order_with_ids(client, engine):
    docs = [{"id": "b", "text": OTHER}, {"id": "a", "text": SAMPLE}, {"id": "b", "text": SAMPLE}]
    resp = client.post(BATCH, json={"documents": docs})
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    body = resp.get_json()
    BatchResponse.model_validate(body)
    assert [r["id"] for r in body["results"]] == ["b", "a", "b"]
    for doc, result in zip(docs, body["results"]):
        result = dict(result)
        assert result.pop("id") == doc["id"]
        assert result == engine.analyze(doc["text"]).to_dict()
        Analysis.model_validate(result)


def test_one_bad_document_never_fails_the_batch(make_client, engine):
    c = make_client(Settings(max_text_chars=200, max_sentences=4))
    docs = [
        {"id": "ok", "text": SAMPLE},
        {"id": "empty", "text": "   "},
        {"id": "typed", "text": 5},
        "not an object",
        {"text": SAMPLE},
        {"id": "", "text": SAMPLE},
        {"id": "extra", "text": SAMPLE, "lang": "en"},
        {"id": "long", "text": "x" * 201},
        {"id": "many", "text": "One. Two. Three. Four. Five."},
        {"id": 7, "text": SAMPLE},
        {"id": "surrogate", "text": "bad \ud800"},
        {"id": "ok2", "text": OTHER},
    ]
    raw = json.dumps({"documents": docs}).encode()  # keeps the lone surrogate as an escape
    resp = c.post(BATCH, data=raw, content_type="application/json")
    assert resp.status_code == 200, resp.get_data(as_text=True)
    results = resp.get_json()["results"]
    BatchResponse.model_validate({"results": results})
    got = [(r["id"], r.get("status"), r.get("error", {}).get("code")) for r in results]
    assert got == [
        ("ok", None, None),
        ("empty", 400, "empty_text"),
        ("typed", 400, "invalid_type"),
        (None, 400, "invalid_body"),
        (None, 400, "missing_field"),
        (None, 400, "invalid_field"),
        ("extra", 400, "unknown_field"),
        ("long", 413, "text_too_long"),
        ("many", 422, "too_many_sentences"),
        (None, 400, "invalid_type"),
        ("surrogate", 400, "invalid_unicode"),
        ("ok2", None, None),
    ]
    assert results[2]["error"]["field"] == "text"
    assert "'id', 'text' and 'options'" in results[6]["error"]["message"]
    assert results[11]["sentences"] == engine.analyze(OTHER).to_dict()["sentences"]


def test_a_bug_on_one_document_is_its_own_500(make_client, engine, caplog):
    class Flaky:
        manifests = engine.manifests
        model_info = engine.model_info

        def analyze(self, text):
            if "boom" in text:
                raise RuntimeError("secret detail")
            return engine.analyze(text)

    c = make_client(engine_=Flaky())
    with caplog.at_level(logging.ERROR):
        resp = c.post(
            BATCH,
            json={
                "documents": [{"id": "1", "text": "boom, he said."}, {"id": "2", "text": SAMPLE}]
            },
            headers={"X-Request-ID": "batch-1"},
        )
    assert resp.status_code == 200
    first, second = resp.get_json()["results"]
    assert first["status"] == 500 and first["error"]["code"] == "internal_error"
    assert "secret" not in json.dumps(first) and "sentences" in second
    record = next(r for r in caplog.records if r.exc_info)
    assert "batch-1" in record.getMessage() and "boom" not in record.getMessage()


@pytest.mark.parametrize(
    "body,status,code",
    [
        (b"{", 400, "malformed_json"),
        (b"[]", 400, "invalid_body"),
        (b"{}", 400, "missing_field"),
        (b'{"documents": {}}', 400, "invalid_type"),
        (b'{"documents": []}', 400, "empty_batch"),
        (b'{"documents": [], "x": 1}', 400, "unknown_field"),
        (b"", 400, "empty_body"),
    ],
)
def test_batch_request_errors(client, body, status, code):
    error_of(client.post(BATCH, data=body, content_type="application/json"), status, code)


def test_batch_limits(make_client):
    c = make_client(Settings(max_batch_documents=2, max_batch_chars=100, max_body_bytes=2_000))
    three = {"documents": [{"id": str(i), "text": "Hi."} for i in range(3)]}
    error_of(c.post(BATCH, json=three), 413, "too_many_documents")
    big = {"documents": [{"id": "1", "text": "a" * 60}, {"id": "2", "text": "b" * 41}]}
    error_of(c.post(BATCH, json=big), 413, "batch_too_large")
    huge = {"documents": [{"id": "1", "text": "a" * 3000}]}
    error_of(c.post(BATCH, json=huge), 413, "payload_too_large")
    error_of(c.post(BATCH, data=b"x", content_type="text/plain"), 415, "unsupported_media_type")
    error_of(
        c.post(BATCH, data=b"{}", content_type="application/json; charset=latin-1"),
        415,
        "unsupported_charset",
    )
    assert c.post(BATCH, json={"documents": [{"id": "1", "text": "a" * 50}]}).status_code == 200


# --------------------------------------------------------------------------- API keys


def _v1_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/v1/"):
            path = rule.rule.replace("<aid>", "0123456789abcdef")
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, method, path


def test_every_v1_route_needs_a_key_when_keys_are_set(make_client, tmp_path):
    c = make_client(Settings(api_keys=(K1, K2), database_url=f"sqlite:///{tmp_path}/r.db"))
    app = c.application
    seen = 0
    for endpoint, method, path in _v1_rules(app):
        resp = c.open(path, method=method, json={})
        if endpoint == "articles.get_article":
            assert resp.status_code == 404  # open to read: permalinks can be shared
            continue
        err = error_of(resp, 401, "unauthorized")
        assert "X-API-Key" in err["message"]
        assert "X-API-Key" in resp.headers["WWW-Authenticate"]
        wrong = c.open(path, method=method, json={}, headers={"X-API-Key": K3})
        assert wrong.status_code == 401
        right = c.open(path, method=method, json={}, headers={"X-API-Key": K2})
        assert right.status_code != 401, (method, path)
        seen += 1
    assert seen >= 7
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/"):
        assert c.get(path).status_code == 200, path
    assert c.post(ANALYZE, json={"text": SAMPLE}, headers={"X-API-Key": K1}).status_code == 200


def test_no_keys_configured_means_open(client):
    assert client.post(ANALYZE, json={"text": SAMPLE}).status_code == 200
    assert client.get("/v1/models").status_code == 200


# --------------------------------------------------------------------------- rate limit


def test_rate_limit_answers_429_with_retry_after(make_client):
    c = make_client(Settings(rate_limit="3/minute"))
    assert [c.get("/v1/models").status_code for _ in range(3)] == [200, 200, 200]
    err = error_of(c.get("/v1/models"), 429, "rate_limited")
    resp = c.get("/v1/models")
    retry = int(resp.headers["Retry-After"])
    assert 1 <= retry <= 20  # one token comes back every 20 s
    assert "3/minute" in err["message"]
    assert c.get("/healthz").status_code == 200 and c.get("/metrics").status_code == 200


def test_rate_limit_is_per_key(make_client):
    c = make_client(Settings(rate_limit="2/hour", api_keys=(K1, K2)))
    k1, k2 = {"X-API-Key": K1}, {"X-API-Key": K2}
    assert [c.get("/v1/models", headers=k1).status_code for _ in range(3)] == [200, 200, 429]
    assert [c.get("/v1/models", headers=k2).status_code for _ in range(3)] == [200, 200, 429]
    assert c.get("/v1/models").status_code == 401  # no key: refused before counting


def test_token_bucket_refills_at_the_rate():
    b = TokenBuckets(2, 10.0)  # 2 requests per 10 s: a token every 5 s
    assert [b.take("x", now=100.0) for _ in range(2)] == [0.0, 0.0]
    assert b.take("x", now=100.0) == pytest.approx(5.0)
    assert b.take("x", now=102.5) == pytest.approx(2.5)
    assert b.take("x", now=105.0) == 0.0
    assert b.take("y", now=105.0) == 0.0  # another identity, its own bucket


def _take_in_child(buckets, n, queue):
    queue.put([buckets.take("shared") for _ in range(n)])


def test_buckets_are_shared_by_forked_workers():
    """Made before the fork (as with preload_app), the buckets are one for all workers."""
    buckets = TokenBuckets(5, 3600.0)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_take_in_child, args=(buckets, 3, queue))
    child.start()
    assert queue.get(timeout=30) == [0.0, 0.0, 0.0]
    child.join(timeout=30)
    assert [buckets.take("shared") > 0 for _ in range(3)] == [False, False, True]


# --------------------------------------------------------------------------- metrics


def _samples(client) -> dict:
    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/plain; version=")
    out = {}
    for family in text_string_to_metric_families(resp.get_data(as_text=True)):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _get(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_requests_articles_and_words(client, engine):
    before = _samples(client)
    client.post(ANALYZE, json={"text": SAMPLE})
    client.post(ANALYZE, json={"text": ""})
    client.get("/nowhere")
    client.post(BATCH, json={"documents": [{"id": "1", "text": SAMPLE}, {"id": "2", "text": ""}]})
    after = _samples(client)

    def delta(name, **labels):
        return _get(after, name, **labels) - _get(before, name, **labels)

    assert (
        delta("reportedly_http_requests_total", route="/v1/analyze", method="POST", status="200")
        == 1
    )
    assert (
        delta("reportedly_http_requests_total", route="/v1/analyze", method="POST", status="400")
        == 1
    )
    assert (
        delta("reportedly_http_requests_total", route="unmatched", method="GET", status="404") == 1
    )
    assert (
        delta("reportedly_http_request_duration_seconds_count", route="/v1/analyze", method="POST")
        == 2
    )
    assert delta("reportedly_articles_analysed_total", endpoint="analyze") == 1
    assert delta("reportedly_articles_analysed_total", endpoint="batch") == 1
    assert delta("reportedly_words_analysed_total", endpoint="analyze") == len(SAMPLE.split())
    assert delta("reportedly_errors_total", code="empty_text") == 2  # one request, one document
    assert _get(after, "reportedly_http_requests_in_progress") == 1  # the scrape itself
    for name, artifact in engine.model_info.components.items():
        assert _get(after, "reportedly_model_info", component=name, artifact_id=artifact) == 1


MULTIPROCESS_SCRIPT = textwrap.dedent("""
    import json, os, sys
    from service.web import metrics

    def work(n):
        for _ in range(n):
            metrics.REQUESTS.labels("/v1/analyze", "POST", "200").inc()
            metrics.LATENCY.labels("/v1/analyze", "POST").observe(0.05)

    pids = []
    for n in (3, 4):
        pid = os.fork()
        if pid == 0:
            work(n)
            os._exit(0)
        os.waitpid(pid, 0)
        pids.append(pid)
    work(1)  # this process stays alive
    metrics.archive_dead_worker(pids[0])
    metrics.archive_dead_worker(pids[1])
    from flask import Flask
    app = Flask("t")
    with app.app_context():
        text = metrics.render().decode()
    print(json.dumps({"files": sorted(os.listdir(os.environ["PROMETHEUS_MULTIPROC_DIR"])),
                      "dead": pids, "text": text}))
""")


def test_multiprocess_metrics_survive_dead_workers(tmp_path):
    """Under gunicorn each worker counts in its own file; a dead worker's counts are folded
    into the archive file and still add up in a scrape."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", MULTIPROCESS_SCRIPT],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert "counter_archive.db" in result["files"] and "histogram_archive.db" in result["files"]
    for pid in result["dead"]:
        assert not [f for f in result["files"] if f.endswith(f"_{pid}.db")]
    families = {f.name: f for f in text_string_to_metric_families(result["text"])}
    [total] = [
        s.value
        for s in families["reportedly_http_requests"].samples
        if s.labels.get("status") == "200"
    ]
    assert total == 8  # 3 + 4 from the dead workers, 1 from the live one
    counts = [
        s.value
        for s in families["reportedly_http_request_duration_seconds"].samples
        if s.name.endswith("_count")
    ]
    assert counts == [8]


# --------------------------------------------------------------------------- logs


def test_json_formatter_app_record_carries_request_id(app):
    fmt = JsonFormatter()
    with app.test_request_context(headers={"X-Request-ID": "rid-7"}):
        from flask import g

        g.request_id = "rid-7"
        record = logging.LogRecord(
            "service.web.app", logging.INFO, __file__, 1, "refused %s", ("text_too_long",), None
        )
        record.documents = 3
        line = json.loads(fmt.format(record))
    assert line["message"] == "refused text_too_long" and line["request_id"] == "rid-7"
    assert line["level"] == "INFO" and line["documents"] == 3 and line["time"].endswith("Z")


def test_json_formatter_access_record_has_no_body_or_query():
    atoms = {
        "h": "127.0.0.1",
        "m": "POST",
        "U": "/v1/analyze",
        "q": "text=secret",
        "s": "413",
        "B": 120,
        "D": 4321,
        "{x-request-id}o": "abc",
        "{user-agent}i": "curl/8",
        "r": "POST /v1/analyze?text=secret HTTP/1.1",
    }
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(r)s", (atoms,), None
    )
    text = JsonFormatter().format(record)
    line = json.loads(text)
    assert line["event"] == "access" and line["status"] == 413 and line["request_id"] == "abc"
    assert line["path"] == "/v1/analyze" and line["duration_ms"] == 4.321
    assert "secret" not in text


def test_error_logs_do_not_carry_the_text(make_client, caplog):
    class Exploding:
        manifests: dict = {}

        def analyze(self, text):
            raise RuntimeError("boom")

    c = make_client(engine_=Exploding())
    with caplog.at_level(logging.DEBUG):
        c.post(ANALYZE, json={"text": "Zanzibarian marmalade, the senator said."})
    assert caplog.records
    assert not any("Zanzibarian" in (r.getMessage() + str(r.exc_info)) for r in caplog.records)


# --------------------------------------------------------------------------- request id


@pytest.mark.parametrize(
    "settings_kw,request_kw,status",
    [
        ({"max_text_chars": 5}, {"json": {"text": "123456"}}, 413),
        ({"api_keys": (K1,)}, {"json": {"text": SAMPLE}}, 401),
        ({"max_body_bytes": 10}, {"json": {"text": "x" * 20}}, 413),
    ],
)
def test_request_id_on_refusals(make_client, settings_kw, request_kw, status):
    c = make_client(Settings(**settings_kw))
    resp = c.post(ANALYZE, headers={"X-Request-ID": "mine-1"}, **request_kw)
    assert resp.status_code == status and resp.headers["X-Request-ID"] == "mine-1"


# --------------------------------------------------------------------------- OpenAPI


def test_openapi_documents_batch_metrics_keys_and_limits(make_client):
    spec = make_client(Settings(max_text_chars=1234)).get("/openapi.json").get_json()
    batch = spec["paths"]["/v1/analyze/batch"]["post"]
    assert batch["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BatchRequest"
    }
    assert batch["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/BatchResponse"
    }
    assert "text/plain" in spec["paths"]["/metrics"]["get"]["responses"]["200"]["content"]
    for path, item in spec["paths"].items():
        for op in item.values():
            if path.startswith("/v1/"):
                assert {"429"} <= set(op["responses"]) and op["security"], path
                assert ("401" in op["responses"]) == (op["operationId"] != "getArticle")
            else:
                assert "401" not in op["responses"], path
    assert "1234 characters" in spec["components"]["responses"]["PayloadTooLarge"]["description"]
    assert "Retry-After" in spec["components"]["responses"]["TooManyRequests"]["headers"]
