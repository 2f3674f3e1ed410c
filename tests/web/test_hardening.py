"""Issue 13 through Flask's test client: the analysis deadline, bounded HTML, closed means
closed (settings), the rate limit's collisions, failed keys and coverage, NUL on SQLite
and PostgreSQL, security headers and cross-site POSTs, capped and paged corrections, the
Secure cookie and the bias option in the OpenAPI document."""

from __future__ import annotations

import signal
import time

import pytest
from e2e.support import ARTICLE, BiasStubEngine, database_url  # noqa: F401  (fixture)

from service.storage import Database
from service.storage.models import ArticleRow, TextRow
from service.web.app import create_app
from service.web.headers import HEADERS
from service.web.limits_access import AUTH_FAILURES, TokenBuckets
from service.web.review.extract import LXML_MAX_DEPTH, MAX_ATTRIBUTES_PER_ELEMENT, html_to_text
from service.web.settings import Settings, SettingsError

KEY = "key-0123456789abcdef"
LABEL = {"kind": "sentence_label", "target": {"sentence": 0}, "after": {"label": "reported"}}


class SlowEngine(BiasStubEngine):
    """The real analysis after ``seconds`` of pure-Python work (a stage gone quadratic)."""

    def __init__(self, engine, seconds: float):
        super().__init__(engine)
        self.seconds = seconds

    def analyze(self, text, **kwargs):
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            pass
        return super().analyze(text, **kwargs)


@pytest.fixture(scope="module")
def stub(engine):
    return BiasStubEngine(engine)


def make(engine, tmp_path, **settings):
    settings.setdefault("database_url", f"sqlite:///{tmp_path / 'review.db'}")
    app = create_app(Settings(**settings), engine=engine)
    app.config["TESTING"] = True
    return app


def error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.get_data(as_text=True)[:300]
    assert resp.mimetype == "application/json"
    assert resp.json["error"]["code"] == code
    return resp.json["error"]


# --- 2. the deadline ---------------------------------------------------------------------------


def test_a_slow_analysis_ends_in_a_json_503_and_leaves_no_timer(engine, tmp_path):
    app = make(SlowEngine(engine, 5.0), tmp_path, analysis_timeout=0.3)
    start = time.monotonic()
    resp = app.test_client().post("/v1/analyze", json={"text": ARTICLE})
    assert time.monotonic() - start < 3.0
    err = error(resp, 503, "analysis_timeout")
    assert "0.3 s" in err["message"] and int(resp.headers["Retry-After"]) >= 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)


def test_a_batch_shares_one_deadline(engine, tmp_path):
    app = make(SlowEngine(engine, 0.3), tmp_path, analysis_timeout=1.0)
    docs = [{"id": str(i), "text": ARTICLE} for i in range(8)]  # 2.4 s of work in all
    start = time.monotonic()
    resp = app.test_client().post("/v1/analyze/batch", json={"documents": docs})
    assert time.monotonic() - start < 2.0 and resp.status_code == 200
    results = resp.json["results"]
    assert [r["id"] for r in results] == [d["id"] for d in docs]
    done = [r for r in results if "sentences" in r]
    late = [r for r in results if "error" in r]
    assert done and late and results == done + late  # finished ones first, then the rest
    assert {(r["status"], r["error"]["code"]) for r in late} == {(503, "analysis_timeout")}
    one = app.test_client().post("/v1/analyze/batch", json={"documents": docs[:1]})
    assert "sentences" in one.json["results"][0]  # each request starts its own budget


def test_a_fired_deadline_stores_nothing(engine, tmp_path):
    app = make(SlowEngine(engine, 5.0), tmp_path, analysis_timeout=0.3)
    error(app.test_client().post("/v1/articles", json={"text": ARTICLE}), 503, "analysis_timeout")
    db = Database(f"sqlite:///{tmp_path / 'review.db'}")
    with db.session() as s:
        assert s.query(ArticleRow).count() == 0 and s.query(TextRow).count() == 0
    db.dispose()


def test_fast_requests_and_the_engine_itself_are_unaffected(engine, tmp_path):
    app = make(BiasStubEngine(engine), tmp_path, analysis_timeout=5)
    assert app.test_client().post("/v1/analyze", json={"text": ARTICLE}).status_code == 200
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert engine.analyze(ARTICLE).sentences  # no web layer, no timer


@pytest.mark.parametrize(
    "env", [{"REPORTEDLY_ANALYSIS_TIMEOUT": "soon"}, {"REPORTEDLY_ANALYSIS_TIMEOUT": "-1"}]
)
def test_bad_deadlines_are_refused(env):
    with pytest.raises(SettingsError):
        Settings.from_env(env)


# --- 3. HTML -------------------------------------------------------------------------------------


def test_attribute_heavy_html_is_refused_fast(stub, tmp_path):
    html = "<p " + " ".join(f"a{i}=x" for i in range(105_000)) + ">The senator said so.</p>"
    assert 900_000 < len(html.encode()) < 1_000_000
    start = time.monotonic()
    resp = make(stub, tmp_path).test_client().post("/v1/articles", json={"html": html})
    assert time.monotonic() - start < 5.0
    err = error(resp, 422, "html_too_complex")
    assert str(MAX_ATTRIBUTES_PER_ELEMENT) in err["message"]


def test_ordinary_attributes_still_parse():
    html = "<p " + " ".join(f"data-x{i}=y" for i in range(30)) + ">The senator said so.</p>"
    assert html_to_text(html) == "The senator said so."


@pytest.mark.parametrize("depth", [LXML_MAX_DEPTH + 1, 300, 5_000])
def test_deeply_nested_html_keeps_its_text(depth):
    html = (
        "<div>" * depth
        + "<p>Deep down, the senator said.</p><script>x()</script>"
        + "</div>" * depth
        + "<p>After it.</p>"
    )
    assert html_to_text(html) == "Deep down, the senator said.\nAfter it."


# --- 4. closed means closed: settings ---------------------------------------------------------


@pytest.mark.parametrize("raw", ["", " ", ",", " , ,"])
def test_a_set_but_empty_key_list_refuses_to_start(raw):
    with pytest.raises(SettingsError, match="holds no key"):
        Settings.from_env({"REPORTEDLY_API_KEYS": raw})


def test_short_keys_are_refused():
    with pytest.raises(SettingsError, match="16 characters"):
        Settings.from_env({"REPORTEDLY_API_KEYS": f"{KEY},short"})
    assert Settings.from_env({"REPORTEDLY_API_KEYS": KEY}).api_keys == (KEY,)


# --- 5. rate limiting ----------------------------------------------------------------------------


def test_a_collision_never_refills_a_bucket():
    b = TokenBuckets(2, 3600.0, slots=1)  # every address in the one slot
    assert [b.take("addr:a", now=10.0) for _ in range(2)] == [0.0, 0.0]
    assert b.take("addr:b", now=10.0) > 0  # b lands on a's empty bucket: no fresh tokens
    assert b.take("addr:a", now=10.0) > 0


def test_failed_key_attempts_are_limited_per_address(stub, tmp_path):
    c = make(stub, tmp_path, api_keys=(KEY,)).test_client()
    statuses = [
        c.get("/v1/models", headers={"X-API-Key": f"guess-{i:012d}"}).status_code
        for i in range(AUTH_FAILURES[0] + 1)
    ]
    assert statuses == [401] * AUTH_FAILURES[0] + [429]
    resp = c.get("/v1/models", headers={"X-API-Key": "one-more-guess-000"})
    assert error(resp, 429, "rate_limited") and int(resp.headers["Retry-After"]) >= 1
    assert c.get("/v1/models", headers={"X-API-Key": KEY}).status_code == 200


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/"),
        ("GET", "/review"),
        ("GET", "/review/0123456789abcdef"),
        ("POST", "/v1/analyze"),
        ("POST", "/v1/articles"),
    ],
)
def test_the_rate_limit_covers_pages_and_every_post(stub, tmp_path, method, path):
    c = make(stub, tmp_path, rate_limit="2/hour").test_client()
    codes = [c.open(path, method=method, json={"text": ARTICLE}).status_code for _ in range(3)]
    assert codes[:2] != [429, 429] and codes[2] == 429
    assert c.get("/healthz").status_code == 200  # probes are never limited


# --- 6. NUL, on both databases --------------------------------------------------------------


def test_nul_is_refused_before_storage(stub, database_url):
    app = create_app(Settings(database_url=database_url), engine=stub)
    c = app.test_client()
    err = error(
        c.post("/v1/articles", json={"text": "The senator\x00 said so."}), 400, "invalid_character"
    )
    assert err["field"] == "text"
    error(
        c.post("/v1/articles", data=b"A\x00B, the senator said.", content_type="text/plain"),
        400,
        "invalid_character",
    )
    error(c.post("/v1/articles", json={"html": "<p>A\x00B said.</p>"}), 400, "invalid_character")
    article = c.post("/v1/articles", json={"text": ARTICLE}).json
    url = f"/v1/articles/{article['id']}/corrections"
    err = error(c.post(url, json={**LABEL, "note": "bad\x00note"}), 400, "invalid_character")
    assert err["field"] == "note"
    error(
        c.post(
            url, json={"kind": "source", "target": {"source_id": "s1"}, "after": {"name": "X\x00Y"}}
        ),
        400,
        "invalid_character",
    )
    assert c.post(url, json={**LABEL, "note": "fine"}).status_code == 200
    assert c.get(f"/v1/articles/{article['id']}").json["corrections_total"] == 1
    assert c.post("/v1/analyze", json={"text": "A\x00B, the senator said."}).status_code == 200


# --- 7. headers and cross-site requests ------------------------------------------------------


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/healthz"),
        ("GET", "/v1/models"),
        ("POST", "/v1/analyze"),
        ("GET", "/nowhere"),
        ("GET", "/metrics"),
        ("GET", "/openapi.json"),
        ("GET", "/docs"),
        ("GET", "/"),
    ],
)
def test_security_headers_on_every_response(stub, tmp_path, method, path):
    resp = make(stub, tmp_path).test_client().open(path, method=method, json={"text": ARTICLE})
    for name, value in HEADERS.items():
        assert resp.headers.get(name) == value, (path, name)


@pytest.mark.parametrize("path", ["/v1/analyze", "/v1/analyze/batch", "/v1/articles"])
@pytest.mark.parametrize(
    "headers", [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}]
)
def test_cross_site_posts_are_refused_on_every_route(stub, tmp_path, path, headers):
    c = make(stub, tmp_path).test_client()
    body = (
        {"documents": [{"id": "a", "text": ARTICLE}]}
        if path.endswith("batch")
        else {"text": ARTICLE}
    )
    error(c.post(path, json=body, headers=headers), 403, "csrf_failed")
    assert c.post(path, json=body).status_code in (200, 201)  # curl-like: no browser headers
    same = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert c.post("/v1/analyze", json={"text": ARTICLE}, headers=same).status_code == 200


# --- 8. corrections ----------------------------------------------------------------------------


def test_corrections_are_capped_and_paged(stub, tmp_path):
    c = make(stub, tmp_path, max_corrections=5).test_client()
    article = c.post("/v1/articles", json={"text": ARTICLE}).json
    url = f"/v1/articles/{article['id']}/corrections"
    ids = [c.post(url, json=LABEL).json["correction"]["id"] for _ in range(5)]
    err = error(c.post(url, json=LABEL), 422, "too_many_corrections")
    assert "5 corrections" in err["message"]
    seen, page = [], c.get(f"{url}?limit=2").json
    while True:
        assert page["total"] == 5 and len(page["corrections"]) <= 2
        seen += [x["id"] for x in page["corrections"]]
        if page["next"] is None:
            break
        page = c.get(page["next"]).json
    assert seen == ids
    for bad in ("limit=0", "limit=501", "limit=x", "after=-1"):
        error(c.get(f"{url}?{bad}"), 400, "invalid_field")
    error(c.get("/v1/articles/0123456789abcdef0123456789abcdef/corrections"), 404, "not_found")


def test_an_article_carries_only_its_newest_corrections(stub, tmp_path, monkeypatch):
    from service.storage import repository

    monkeypatch.setattr(repository, "ARTICLE_CORRECTIONS", 2)
    c = make(stub, tmp_path).test_client()
    article = c.post("/v1/articles", json={"text": ARTICLE}).json
    url = f"/v1/articles/{article['id']}/corrections"
    ids = [c.post(url, json=LABEL).json["correction"]["id"] for _ in range(3)]
    got = c.get(f"/v1/articles/{article['id']}").json
    assert [x["id"] for x in got["corrections"]] == ids[-2:] and got["corrections_total"] == 3


# --- 9. cookies ----------------------------------------------------------------------------------


@pytest.mark.parametrize("secure", [False, True])
def test_secure_cookies_setting(stub, tmp_path, secure):
    c = make(stub, tmp_path, secure_cookies=secure).test_client()
    cookie = c.get("/review/csrf").headers["Set-Cookie"]
    assert ("Secure" in cookie) == secure and "HttpOnly" in cookie
    assert "Secure" in c.get("/review/csrf", base_url="https://localhost").headers["Set-Cookie"]
    assert Settings.from_env({"REPORTEDLY_SECURE_COOKIES": "true"}).secure_cookies


# --- issue 12: the bias option in the OpenAPI document -------------------------------------


def test_openapi_documents_the_options_and_the_deadline(stub, tmp_path):
    doc = make(stub, tmp_path).test_client().get("/openapi.json").json
    schemas = doc["components"]["schemas"]
    assert schemas["AnalyzeOptions"]["properties"]["bias"]["type"] == "boolean"
    assert schemas["AnalyzeOptions"]["additionalProperties"] is False
    assert "options" in schemas["AnalyzeRequest"]["properties"]
    assert "options" in schemas["BatchRequest"]["properties"]
    responses = doc["paths"]["/v1/analyze"]["post"]["responses"]
    assert responses["503"]["$ref"].endswith("/NotReady") and "403" in responses
    assert "analysis_timeout" in doc["components"]["responses"]["NotReady"]["description"]
