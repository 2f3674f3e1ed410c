"""The REST layer: every endpoint, every bad-input case, the OpenAPI document and /docs."""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
from web_fixtures import app, client, engine, make_client  # noqa: F401  (fixtures)

from service.engine.types import Analysis
from service.version import __version__
from service.web.app import create_app
from service.web.openapi import REF_TEMPLATE
from service.web.schemas import AnalyzeRequest, ErrorResponse, ModelsResponse
from service.web.settings import Settings, SettingsError

ANALYZE = "/v1/analyze"
SAMPLE = "The plan will fail, the senator said. Prices rose 3% in May.\nIt rained."


def assert_error(resp, status: int, code: str, field: str | None = None) -> dict:
    """``resp`` is a JSON error envelope with this status and code (and field)."""
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    ErrorResponse.model_validate(body)
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    if field is not None:
        assert body["error"]["field"] == field
    text = resp.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text
    return body["error"]


def assert_analysis(resp, text: str, engine) -> Analysis:
    """``resp`` is the engine's analysis of ``text``, with correct offsets."""
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    analysis = Analysis.model_validate(resp.get_json())
    assert analysis.text_length == len(text)
    for s in analysis.sentences:
        assert text[s.start : s.end] == s.text
    assert resp.get_json() == engine.analyze(text).to_dict()
    return analysis


def post_text(client, text: str, content_type: str = "text/plain; charset=utf-8", **kw):
    return client.post(ANALYZE, data=text.encode("utf-8"), content_type=content_type, **kw)


def post_raw(client, body: bytes, content_type: str = "application/json", **kw):
    return client.post(ANALYZE, data=body, content_type=content_type, **kw)


# --------------------------------------------------------------------------- health


def test_healthz(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ok"}


def test_readyz_lists_loaded_components(client, engine):
    resp = client.get("/readyz")
    assert resp.status_code == 200
    assert resp.get_json() == {
        "status": "ready",
        "components": {name: m.artifact_id for name, m in engine.manifests.items()},
    }


def test_not_ready_when_models_fail_to_load(tmp_path):
    app = create_app(Settings(models_dir=tmp_path / "no-models"))
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    err = assert_error(client.get("/readyz"), 503, "not_ready")
    assert "model.json" in err["message"]
    assert_error(client.get("/v1/models"), 503, "not_ready")
    assert_error(client.post(ANALYZE, json={"text": SAMPLE}), 503, "not_ready")


def test_not_ready_when_a_models_feature_code_changed(tmp_path):
    """A model whose recorded feature fingerprint the code no longer gives is not served."""
    import shutil

    from service.engine.artifacts import default_models_dir

    folder = tmp_path / "models"
    shutil.copytree(default_models_dir(), folder)
    manifest = folder / "spans" / "model.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["feature_fingerprint"] = "0" * 16
    manifest.write_text(json.dumps(data), encoding="utf-8")
    client = create_app(Settings(models_dir=folder)).test_client()
    err = assert_error(client.get("/readyz"), 503, "not_ready")
    assert "models/spans" in err["message"]
    assert "feature code changed since it was trained" in err["message"]
    assert "python3 dev.py train notebooks/03_spans.py" in err["message"]


# --------------------------------------------------------------------------- models


def test_models_reports_manifests(client, engine):
    resp = client.get("/v1/models")
    assert resp.status_code == 200
    body = resp.get_json()
    ModelsResponse.model_validate(body)
    assert body["name"] == "reportedly"
    assert body["version"] == __version__
    assert [c["name"] for c in body["components"]] == list(engine.manifests)
    for comp in body["components"]:
        data = engine.manifests[comp["name"]].data
        assert comp["artifact_id"] == data["artifact_id"]
        assert comp["created"] == data.get("created")
        assert comp["metrics"] == data.get("metrics", {})
        assert comp["libraries"] == data.get("libraries", {})


# --------------------------------------------------------------------------- analyze


def test_analyze_json(client, engine):
    resp = client.post(ANALYZE, json={"text": SAMPLE})
    analysis = assert_analysis(resp, SAMPLE, engine)
    assert len(analysis.sentences) >= 2
    assert analysis.model.components == engine.model_info.components


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain; charset=utf-8",
        "text/plain; charset=UTF-8",
        "text/plain;charset=utf8",
    ],
)
def test_analyze_text_plain(client, engine, content_type):
    resp = post_text(client, SAMPLE, content_type)
    assert_analysis(resp, SAMPLE, engine)
    assert resp.get_json() == client.post(ANALYZE, json={"text": SAMPLE}).get_json()


def test_analyze_json_with_charset_and_bom(client, engine):
    body = b"\xef\xbb\xbf" + json.dumps({"text": SAMPLE}).encode()
    assert_analysis(post_raw(client, body, "application/json; charset=utf-8"), SAMPLE, engine)


ODD_TEXTS = {
    "control_chars": "Officials said\x00 the\x07 vote\x1b[0m was\x08 delayed.\x7f Then\x0c more.",
    "emoji": "Prices rose 🚀🚀, the CEO said 😀. Fans cheered 👍🏽 and 👨‍👩‍👧 waved.",
    "right_to_left": "قال الوزير إن الخطة ستفشل. \u05d4\u05e9\u05e8 \u05d0\u05de\u05e8 \u05db\u05da.",
    "mixed_direction": "He said \u202eevil\u202c things \u200fin Arabic \u0645\u0631\u062d\u0628\u0627.",
    "very_long_line": "the committee said it would review the plan " * 2_000,  # 90,000 chars
    "no_punctuation": "officials said the plan would fail and nobody disagreed with them at all",
    "combining_marks": "Zoe\u0308 said cafe\u0301 prices rose. Ame\u0301lie disagreed.",
    "cjk": "首相は計画が失敗すると述べた。記者は同意した。",
    "crlf_and_tabs": "First line, he said.\r\n\tSecond line.\r\rThird\u2028line.",
    "single_char": "x",
}


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
@pytest.mark.parametrize("text", list(ODD_TEXTS.values()), ids=list(ODD_TEXTS))
def test_analyze_accepts_any_real_text(client, engine, text, as_json):
    resp = client.post(ANALYZE, json={"text": text}) if as_json else post_text(client, text)
    analysis = assert_analysis(resp, text, engine)
    assert analysis.sentences  # it was analysed, not dropped


def test_very_long_line_is_capped_into_many_sentences(make_client, engine):
    text = "the committee said it would review the plan " * 12_000
    # the default limit is 100,000; no deadline: this is about capping, not time
    roomy = make_client(Settings(max_text_chars=1_000_000, analysis_timeout=0))
    analysis = assert_analysis(post_text(roomy, text), text, engine)
    assert len(text) > 500_000 and len(analysis.sentences) > 100


# --------------------------------------------------------------------------- bad input

EMPTY_TEXTS = ["", " ", "\n\t \r\n", "\u2003\u00a0\u3000", "\x1c\x1d"]


@pytest.mark.parametrize("text", EMPTY_TEXTS, ids=repr)
def test_empty_text_json(client, text):
    assert_error(client.post(ANALYZE, json={"text": text}), 400, "empty_text", "text")


@pytest.mark.parametrize("text", EMPTY_TEXTS, ids=repr)
def test_empty_text_plain(client, text):
    assert_error(post_text(client, text), 400, "empty_text", "text")


def test_missing_text_field(client):
    err = assert_error(client.post(ANALYZE, json={}), 400, "missing_field", "text")
    assert "text" in err["message"]


@pytest.mark.parametrize(
    "value,json_type",
    [
        (5, "number"),
        (1.5, "number"),
        (None, "null"),
        (True, "boolean"),
        (["a"], "array"),
        ({"a": 1}, "object"),
    ],
)
def test_text_of_wrong_type(client, value, json_type):
    err = assert_error(client.post(ANALYZE, json={"text": value}), 400, "invalid_type", "text")
    assert json_type in err["message"]


def test_unknown_field_is_forbidden(client):
    err = assert_error(
        client.post(ANALYZE, json={"text": SAMPLE, "lang": "en"}), 400, "unknown_field", "lang"
    )
    assert "lang" in err["message"]


def test_several_field_problems_are_all_listed(client):
    err = assert_error(client.post(ANALYZE, json={"txt": SAMPLE}), 400, "missing_field", "text")
    assert {(d["field"], d["code"]) for d in err["details"]} == {
        ("text", "missing_field"),
        ("txt", "unknown_field"),
    }


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": ',
        b"{text: 'a'}",
        b'{"text": "a"} trailing',
        b'{"text": "a",}',
        b"[" * 100_000,
        b'{"text": ' + b"1" * 5000 + b"}",
    ],
    ids=["truncated", "js_object", "trailing", "trailing_comma", "too_deep", "huge_int"],
)
def test_malformed_json(client, body):
    assert_error(post_raw(client, body), 400, "malformed_json")


@pytest.mark.parametrize("body", [b"   ", b""], ids=["blank", "empty"])
def test_empty_json_body(client, body):
    assert_error(post_raw(client, body), 400, "empty_body")


@pytest.mark.parametrize(
    "body,kind",
    [
        (b'"some text"', "string"),
        (b'["a"]', "array"),
        (b"null", "null"),
        (b"42", "number"),
        (b"true", "boolean"),
    ],
)
def test_json_body_not_an_object(client, body, kind):
    err = assert_error(post_raw(client, body), 400, "invalid_body")
    assert kind in err["message"]


@pytest.mark.parametrize(
    "body,content_type",
    [
        (b'{"text": "caf\xe9"}', "application/json"),  # Latin-1 byte
        (b"caf\xc3\x28", "text/plain"),  # broken 2-byte sequence
        (b"a \xed\xa0\x80 b", "text/plain"),  # UTF-8-encoded surrogate
        (b"\xff\xfe\x00t\x00e", "text/plain; charset=utf-8"),  # UTF-16 sent as UTF-8
    ],
    ids=["json_latin1", "plain_broken", "plain_surrogate", "plain_utf16"],
)
def test_body_not_utf8(client, body, content_type):
    assert_error(post_raw(client, body, content_type), 400, "invalid_encoding")


def test_lone_surrogate_escape_is_rejected_not_a_500(client):
    body = b'{"text": "before \\ud800 after"}'
    assert_error(post_raw(client, body), 400, "invalid_unicode", "text")


def test_surrogate_pair_escape_is_fine(client, engine):
    resp = post_raw(client, b'{"text": "He smiled \\ud83d\\ude00, she said."}')
    assert_analysis(resp, "He smiled \U0001f600, she said.", engine)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/xml",
        "multipart/form-data; boundary=xyz",
        "application/x-www-form-urlencoded",
        "text/html",
        "application/octet-stream",
        None,
    ],
)
def test_unsupported_content_type(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    resp = client.post(ANALYZE, data=b'{"text": "a"}', headers=headers)
    assert resp.request.headers.get("Content-Type") == content_type
    assert_error(resp, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    "content_type", ["text/plain; charset=latin-1", "application/json; charset=utf-16"]
)
def test_unsupported_charset(client, content_type):
    assert_error(post_raw(client, b'{"text": "a"}', content_type), 415, "unsupported_charset")


# --------------------------------------------------------------------------- body size


def test_default_limit_is_one_megabyte(client):
    body = json.dumps({"text": "a" * 1_000_000}).encode()
    err = assert_error(post_raw(client, body), 413, "payload_too_large")
    assert "1000000" in err["message"]


def test_limit_is_configurable(make_client, engine):
    small = make_client(Settings(max_body_bytes=100))
    assert_analysis(post_text(small, "b" * 100), "b" * 100, engine)
    assert_error(post_text(small, "b" * 101), 413, "payload_too_large")
    assert_error(small.post(ANALYZE, json={"text": "c" * 200}), 413, "payload_too_large")


def _chunked(client, body: bytes):
    """POST ``body`` without Content-Length, as a server does with a chunked request."""
    return client.post(
        ANALYZE,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "text/plain", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_limit_applies_to_chunked_bodies(make_client, engine):
    small = make_client(Settings(max_body_bytes=100))
    resp = _chunked(small, b"d" * 5000)
    assert resp.request.content_length is None  # as for a chunked body
    assert_error(resp, 413, "payload_too_large")
    assert_analysis(_chunked(small, b"e " * 40), "e " * 40, engine)


# --------------------------------------------------------------------------- routing errors


@pytest.mark.parametrize(
    "method,path,allowed",
    [
        ("GET", ANALYZE, "POST"),
        ("PUT", ANALYZE, "POST"),
        ("POST", "/healthz", "GET"),
        ("DELETE", "/v1/models", "GET"),
        ("POST", "/readyz", "GET"),
        ("POST", "/docs", "GET"),
        ("PATCH", "/openapi.json", "GET"),
    ],
)
def test_wrong_method(client, method, path, allowed):
    resp = client.open(path, method=method)
    err = assert_error(resp, 405, "method_not_allowed")
    assert allowed in {m.strip() for m in resp.headers["Allow"].split(",")}
    assert method in err["message"]


@pytest.mark.parametrize(
    "path", ["/nope", "/v1", "/v2/analyze", "/v1/analyse", "/static/nope.css", "/healthz/extra"]
)
def test_unknown_path(client, path):
    assert_error(client.get(path), 404, "not_found")


class ExplodingEngine:
    """A stand-in engine whose analysis fails like a bug would."""

    manifests: dict = {}

    def analyze(self, text):
        raise RuntimeError("secret internal detail")


def test_unexpected_error_is_a_logged_json_500(make_client, caplog):
    client = make_client(engine_=ExplodingEngine())
    with caplog.at_level(logging.ERROR):
        resp = client.post(ANALYZE, json={"text": SAMPLE}, headers={"X-Request-ID": "bug-1"})
    err = assert_error(resp, 500, "internal_error")
    assert "secret internal detail" not in resp.get_data(as_text=True)
    assert "X-Request-ID" in err["message"]
    record = next(r for r in caplog.records if r.exc_info)
    assert "bug-1" in record.getMessage()
    assert "secret internal detail" in str(record.exc_info[1])


# --------------------------------------------------------------------------- request id


def test_request_id_is_echoed(client):
    resp = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert resp.headers["X-Request-ID"] == "abc-123"


@pytest.mark.parametrize(
    "path,method", [("/healthz", "GET"), ("/nowhere", "GET"), (ANALYZE, "GET"), (ANALYZE, "POST")]
)
def test_request_id_is_generated(client, path, method):
    resp = client.open(path, method=method, json={"text": SAMPLE})
    rid = resp.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid) and uuid.UUID(hex=rid).version == 4
    assert client.get("/healthz").headers["X-Request-ID"] != rid


@pytest.mark.parametrize("bad", ["has space", "x" * 129, "naïve"])
def test_unsafe_request_id_is_replaced(client, bad):
    resp = client.get("/healthz", headers={"X-Request-ID": bad})
    assert re.fullmatch(r"[0-9a-f]{32}", resp.headers["X-Request-ID"])


# --------------------------------------------------------------------------- settings


def test_settings_from_env():
    assert Settings.from_env({}) == Settings(1_000_000, None, "INFO")
    s = Settings.from_env(
        {
            "REPORTEDLY_MAX_BODY_BYTES": "2_000",
            "REPORTEDLY_MODELS_DIR": "/m",
            "REPORTEDLY_LOG_LEVEL": "debug",
        }
    )
    assert (s.max_body_bytes, s.models_dir, s.log_level) == (2000, Path("/m"), "DEBUG")
    assert s.log_level_number == logging.DEBUG


@pytest.mark.parametrize(
    "env,match",
    [
        ({"REPORTEDLY_MAX_BODY_BYTES": "lots"}, "MAX_BODY_BYTES must be an integer"),
        ({"REPORTEDLY_MAX_BODY_BYTES": "0"}, "max_body_bytes must be a positive integer"),
        ({"REPORTEDLY_LOG_LEVEL": "LOUD"}, "log_level must be one of"),
    ],
)
def test_bad_settings_are_refused(env, match):
    with pytest.raises(SettingsError, match=match):
        Settings.from_env(env)


def test_create_app_reads_env_and_loads_engine(monkeypatch, engine):
    models_dir = Path(__file__).resolve().parents[2] / "models"
    monkeypatch.setenv("REPORTEDLY_MAX_BODY_BYTES", "50")
    monkeypatch.setenv("REPORTEDLY_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("REPORTEDLY_LOG_LEVEL", "warning")
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 50
    assert app.logger.level == logging.WARNING
    client = app.test_client()
    assert client.get("/readyz").get_json()["components"] == engine.model_info.components
    assert_error(post_text(client, "f" * 51), 413, "payload_too_large")


# --------------------------------------------------------------------------- OpenAPI


@pytest.fixture(scope="module")
def spec(app):
    resp = app.test_client().get("/openapi.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    return resp.get_json()


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _resolve(spec, ref):
    assert ref.startswith("#/"), ref
    node = spec
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_openapi_is_3_1_with_info(spec):
    assert spec["openapi"].startswith("3.1.")
    assert spec["info"]["title"] == "reportedly" and spec["info"]["version"] == __version__


def test_openapi_documents_every_route(spec, app):
    routes = {}
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        routes.setdefault(path, set()).update(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
    assert {p: set(ops) for p, ops in spec["paths"].items()} == routes


def test_every_ref_resolves(spec):
    refs = set(_refs(spec))
    assert len(refs) > 10
    for ref in refs:
        assert isinstance(_resolve(spec, ref), dict), ref


def test_openapi_schemas_are_the_code_models(spec):
    schemas = spec["components"]["schemas"]
    for model, mode in [(AnalyzeRequest, "validation"), (Analysis, "serialization")]:
        generated = model.model_json_schema(ref_template=REF_TEMPLATE, mode=mode)
        defs = generated.pop("$defs", {})
        assert schemas[model.__name__] == generated
        for name, sub in defs.items():
            assert schemas[name] == sub
    assert schemas["AnalyzeRequest"]["additionalProperties"] is False
    assert schemas["AnalyzeRequest"]["required"] == ["text"]


def test_openapi_analyze_operation(spec):
    op = spec["paths"]["/v1/analyze"]["post"]
    content = op["requestBody"]["content"]
    assert set(content) == {"application/json", "text/plain"}
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/AnalyzeRequest"}
    assert {"200", "400", "405", "413", "415", "500", "503"} <= set(op["responses"])
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Analysis"
    }
    for status in ("400", "413", "415", "503"):
        response = _resolve(spec, op["responses"][status]["$ref"])
        assert response["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"
        }


def test_openapi_documents_every_error_status(spec):
    statuses = {
        status
        for item in spec["paths"].values()
        for op in item.values()
        for status in op["responses"]
    }
    assert {"400", "404", "405", "413", "415", "500", "503"} <= statuses
    for item in spec["paths"].values():
        for op in item.values():
            assert {"200", "405", "500", "default"} <= set(op["responses"])


def test_responses_validate_against_openapi_schemas(spec, client):
    """Real responses conform to the document (with the jsonschema package when present)."""
    jsonschema = pytest.importorskip("jsonschema")

    def check(resp, name):
        schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
        jsonschema.Draft202012Validator(schema).validate(resp.get_json())

    check(client.post(ANALYZE, json={"text": SAMPLE}), "Analysis")
    check(client.post(ANALYZE, json={"txt": 1}), "ErrorResponse")
    check(client.get("/v1/models"), "ModelsResponse")
    check(client.get("/readyz"), "ReadyResponse")
    check(client.get("/healthz"), "HealthResponse")
    bad = {"$ref": "#/components/schemas/AnalyzeRequest", "components": spec["components"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(bad).validate({"text": "a", "extra": 1})


def test_sources_list_their_attribution_ids_in_the_schema_and_the_response(spec, client):
    prop = spec["components"]["schemas"]["Source"]["properties"]["attribution_ids"]
    assert prop["type"] == "array" and prop["items"] == {"type": "string"}
    text = "Mark Rutte spoke on Monday. He said the cabinet would resign, he told reporters."
    data = client.post(ANALYZE, json={"text": text}).get_json()
    assert data["sources"]
    for src in data["sources"]:
        own = [a["id"] for a in data["attributions"] if a["source_id"] == src["id"]]
        assert src["attribution_ids"] == own and own


# --------------------------------------------------------------------------- docs


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v]


def test_docs_page_is_offline(client, spec):
    resp = client.get("/docs")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html  # nothing to fetch or run from anywhere
    parser = _Assets()
    parser.feed(html)
    assert not [u for u in parser.urls if "://" in u or u.startswith("//")]
    local = [u for u in parser.urls if not u.startswith("#")]
    assert any(u.endswith(".css") for u in local)
    for url in local:
        assert url.startswith("/"), url
        with client.get(url) as asset:
            assert asset.status_code == 200, url
            assert asset.data
    anchors = {u[1:] for u in parser.urls if u.startswith("#")}
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor
    for path in spec["paths"]:
        assert path in html
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in html


# --------------------------------------------------------------------------- gunicorn


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    """``gunicorn --preload service.web.wsgi:app`` with a 1000-byte body limit."""
    port = _free_port()
    env = {**os.environ, "REPORTEDLY_MAX_BODY_BYTES": "1000"}
    log = tmp_path_factory.mktemp("gunicorn") / "stderr.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--preload",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "service.web.wsgi:app",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            finally:
                conn.close()
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not become ready: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _post_chunked(port: int, chunks: list[bytes]):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            "POST",
            ANALYZE,
            body=iter(chunks),
            headers={"Content-Type": "text/plain; charset=utf-8"},
            encode_chunked=True,
        )
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type"), json.loads(resp.read())
    finally:
        conn.close()


def test_gunicorn_serves_chunked_bodies_and_limits_them(gunicorn_server, engine):
    status, ctype, body = _post_chunked(gunicorn_server, [b"The plan will fail, ", b"he said."])
    assert status == 200 and ctype == "application/json"
    assert body == engine.analyze("The plan will fail, he said.").to_dict()
    status, ctype, body = _post_chunked(gunicorn_server, [b"x" * 400] * 5)
    assert status == 413 and ctype == "application/json"
    assert body["error"]["code"] == "payload_too_large"
