"""The review page and the article/correction API through Flask's test client: rendering
and escaping, CSRF, API keys, validation, export, and the OpenAPI document."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from e2e.support import ARTICLE, HOSTILE, BiasStubEngine
from markupsafe import escape

from service.web.app import create_app
from service.web.review.security import CSRF_COOKIE
from service.web.settings import Settings

LABEL = {"kind": "sentence_label", "target": {"sentence": 0}, "after": {"label": "reported"}}


@pytest.fixture(scope="module")
def stub(engine):
    return BiasStubEngine(engine)


@pytest.fixture
def make_app(stub, tmp_path):
    def make(**settings):
        settings.setdefault("database_url", f"sqlite:///{tmp_path / 'review.db'}")
        app = create_app(Settings(**settings), engine=stub)
        app.config["TESTING"] = True
        return app

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def api(app):
    """A client like curl: no cookies, no Origin."""
    return app.test_client()


@pytest.fixture
def stored(api):
    resp = api.post("/v1/articles", json={"text": ARTICLE})
    assert resp.status_code == 201, resp.json
    return resp.json


class Page:
    """A browser-like client: loads the page, keeps the CSRF cookie, sends the token."""

    def __init__(self, app, path="/"):
        self.client = app.test_client()
        resp = self.client.get(path)
        self.response = resp
        self.html = resp.get_data(as_text=True)
        self.token = re.search(r'data-csrf="([^"]+)"', self.html).group(1)

    def post(self, url, fetch_site="same-origin", **kw):
        headers = {"Origin": "http://localhost", "X-CSRF-Token": self.token}
        if fetch_site:
            headers["Sec-Fetch-Site"] = fetch_site
        return self.client.post(url, headers={**headers, **kw.pop("headers", {})}, **kw)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html):
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def embedded(html):
    m = re.search(
        r'<script type="application/json" id="initial-article">(.*?)</script>', html, re.S
    )
    return json.loads(m.group(1))


# --- the page --------------------------------------------------------------------------------


def test_page_is_self_contained_and_locked_down(app):
    page = Page(app)
    resp = page.response
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "DENY"
    cookie = resp.headers["Set-Cookie"]
    assert CSRF_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "http://" not in page.html and "https://" not in page.html
    assets = [a.get("src") or a.get("href") for t, a in tags(page.html) if t in ("script", "link")]
    assets = [u for u in assets if u and not u.startswith("data:")]
    assert any(u.endswith(".js") for u in assets) and any(u.endswith(".css") for u in assets)
    client = app.test_client()
    for url in assets:
        assert url.startswith("/review/static/"), url
        with client.get(url) as asset:
            assert asset.status_code == 200 and asset.data
    # every module the entry script imports is served too, and none is fetched from elsewhere
    for name in ("main", "api", "render", "chart", "panels", "dom", "example"):
        body = client.get(f"/review/static/{name}.js").get_data(as_text=True)
        assert "innerHTML" not in body and "insertAdjacentHTML" not in body
        assert "document.write" not in body and "eval(" not in body
        for imported in re.findall(r"from '\./([\w.]+)'", body):
            assert client.get(f"/review/static/{imported}").status_code == 200
    assert embedded(page.html) is None


def test_review_alias_and_permalink(app, stored):
    assert app.test_client().get("/review").status_code == 200
    resp = app.test_client().get(stored["permalink"])
    assert resp.status_code == 200
    assert embedded(resp.get_data(as_text=True)) == stored


def test_unknown_permalink_is_an_html_404(app):
    for aid in ("0123456789abcdef", "<img src=x onerror=alert(1)>"):
        resp = app.test_client().get(f"/review/{aid}")
        assert resp.status_code == 404 and resp.mimetype == "text/html"
        html = resp.get_data(as_text=True)
        assert "<img" not in html and str(escape(aid)) in html


def test_hostile_text_is_escaped_in_the_page(app, api):
    article = api.post("/v1/articles", json={"text": HOSTILE}).json
    assert article["text"] == HOSTILE  # stored exactly as sent
    for html in (
        app.test_client().get(article["permalink"]).get_data(as_text=True),
        app.test_client().get("/").get_data(as_text=True),
    ):
        scripts = [a for t, a in tags(html) if t == "script"]
        assert all(
            a.get("src", "").startswith("/review/static/") or a.get("type") == "application/json"
            for a in scripts
        )
        assert not [t for t, _ in tags(html) if t in ("img", "iframe", "svg", "style")]
        assert "onerror=" not in html.replace("onerror=\\", "")  # only inside JSON strings, escaped
        assert "<script>window" not in html
    assert (
        embedded(app.test_client().get(article["permalink"]).get_data(as_text=True))["text"]
        == HOSTILE
    )


# --- storing articles ------------------------------------------------------------------------


def test_post_article_then_get(api, stored):
    assert re.fullmatch(r"[0-9a-f]{32}", stored["id"])
    assert stored["permalink"] == f"/review/{stored['id']}"
    assert stored["title"] == "City council approves new transit budget"
    assert stored["analysis"]["text_length"] == len(ARTICLE)
    assert stored["corrections"] == [] and stored["review"]["flags"] == []
    again = api.post("/v1/articles", json={"text": ARTICLE})
    assert again.status_code == 200 and again.json["id"] == stored["id"]
    assert again.headers["Location"] == f"/v1/articles/{stored['id']}"
    assert api.get(f"/v1/articles/{stored['id']}").json == stored


PAGE = (
    "<html><head><style>p{}</style></head><body><nav>Home | World</nav><article><p>"
    + ARTICLE.strip().replace("\n", "</p><p>")
    + "</p></article><script>alert(1)</script><footer>Share</footer></body></html>"
)


@pytest.mark.parametrize(
    "kwargs,check",
    [
        ({"data": ARTICLE, "content_type": "text/plain; charset=utf-8"}, lambda t: t == ARTICLE),
        (
            {"data": PAGE, "content_type": "text/html"},
            lambda t: t.startswith("City council approves") and "<" not in t and "alert" not in t,
        ),
        (
            {"json": {"html": "<p>The plan will fail, <b>the senator</b> said.</p>"}},
            lambda t: t == "The plan will fail, the senator said.",
        ),
    ],
)
def test_post_article_other_forms(api, kwargs, check):
    resp = api.post("/v1/articles", **kwargs)
    assert resp.status_code == 201, resp.json
    assert check(resp.json["text"]), resp.json["text"]


@pytest.mark.parametrize(
    "kwargs,status,code",
    [
        ({"json": {"text": "   "}}, 400, "empty_text"),
        ({"json": {}}, 400, "missing_field"),
        ({"json": {"text": "a", "html": "<p>b</p>"}}, 400, "missing_field"),
        ({"json": {"text": 3}}, 400, "invalid_type"),
        ({"json": {"txt": "a"}}, 400, "unknown_field"),
        ({"json": {"html": "<script>alert(1)</script>"}}, 400, "empty_text"),
        ({"data": "{", "content_type": "application/json"}, 400, "malformed_json"),
        ({"data": "a", "content_type": "application/xml"}, 415, "unsupported_media_type"),
    ],
)
def test_post_article_errors(api, kwargs, status, code):
    resp = api.post("/v1/articles", **kwargs)
    assert resp.status_code == status and resp.json["error"]["code"] == code


def test_get_unknown_article(api):
    for aid in ("0123456789abcdef", "nope"):
        resp = api.get(f"/v1/articles/{aid}")
        assert resp.status_code == 404 and resp.json["error"]["code"] == "not_found"


# --- corrections -----------------------------------------------------------------------------


def test_correction_saved_and_applied(api, stored):
    url = f"/v1/articles/{stored['id']}/corrections"
    resp = api.post(
        url, json={**LABEL, "note": "headline"}, headers={"X-Editor": "Zo%C3%AB%20Brown"}
    )  # percent-encoded UTF-8
    assert resp.status_code == 200, resp.json
    c = resp.json["correction"]
    assert c["editor"] == "Zoë Brown" and c["note"] == "headline"
    assert c["before"] == {"label": stored["analysis"]["sentences"][0]["label"]}
    assert c["after"] == {"label": "reported"}
    article = resp.json["article"]
    assert article["analysis"]["sentences"][0]["label"] == "reported"
    assert article["review"]["corrected"]["sentences"] == [0]
    assert api.get(f"/v1/articles/{stored['id']}").json == article
    assert api.get(url).json == {"corrections": [c], "total": 1, "next": None}


def test_editor_defaults(make_app):
    api = make_app(default_editor="desk", editor_header="X-Who").test_client()
    aid = api.post("/v1/articles", json={"text": ARTICLE}).json["id"]
    url = f"/v1/articles/{aid}/corrections"
    assert api.post(url, json=LABEL).json["correction"]["editor"] == "desk"
    assert api.post(url, json=LABEL, headers={"X-Who": "kim"}).json["correction"]["editor"] == "kim"


@pytest.mark.parametrize(
    "payload,status,code",
    [
        (
            {"kind": "sentence_label", "target": {"sentence": 99}, "after": {"label": "direct"}},
            422,
            "unknown_target",
        ),
        ({"kind": "oops"}, 400, "invalid_field"),
        ({"kind": "sentence_label", "target": {"sentence": 0}}, 400, "missing_field"),
    ],
)
def test_correction_errors(api, stored, payload, status, code):
    resp = api.post(f"/v1/articles/{stored['id']}/corrections", json=payload)
    assert resp.status_code == status and resp.json["error"]["code"] == code, resp.json
    assert api.get(f"/v1/articles/{stored['id']}/corrections").json == {
        "corrections": [],
        "total": 0,
        "next": None,
    }


def test_correction_of_unknown_article_and_wrong_type(api, stored):
    assert api.post("/v1/articles/0123456789abcdef/corrections", json=LABEL).status_code == 404
    resp = api.post(f"/v1/articles/{stored['id']}/corrections", data="x", content_type="text/plain")
    assert resp.status_code == 415


def test_export(api, stored):
    assert api.get("/v1/corrections").json == {"count": 0, "examples": []}
    api.post(f"/v1/articles/{stored['id']}/corrections", json=LABEL)
    body = api.get("/v1/corrections").json
    assert body["count"] == 1 and body["examples"][0]["name"] == stored["id"]
    resp = api.get("/v1/corrections?format=jsonl")
    assert resp.mimetype == "application/x-ndjson"
    assert [json.loads(line) for line in resp.get_data(as_text=True).splitlines()] == body[
        "examples"
    ]
    assert api.get("/v1/corrections?format=xml").status_code == 400


# --- CSRF and API keys -----------------------------------------------------------------------


def test_page_writes_need_the_csrf_token(app, stored):
    page = Page(app, stored["permalink"])
    url = f"/v1/articles/{stored['id']}/corrections"
    assert page.post(url, json=LABEL).status_code == 200
    no_token = page.post(url, json=LABEL, headers={"X-CSRF-Token": ""})
    assert no_token.status_code == 403 and no_token.json["error"]["code"] == "csrf_failed"
    forged = page.post(url, json=LABEL, headers={"X-CSRF-Token": "0" * 64})
    assert forged.status_code == 403
    # behind a proxy that rewrites Host, the browser's Sec-Fetch-Site still vouches
    proxied = page.post(url, json=LABEL, headers={"Origin": "https://news.example"})
    assert proxied.status_code == 200
    # the cookie alone (a cross-site form in an old browser) is not enough
    assert page.client.post(url, json=LABEL).status_code == 403
    assert page.post("/v1/articles", json={"text": "Another article, she said."}).status_code == 201


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},  # a browser without Sec-Fetch-Site
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_cross_site_writes_are_refused_even_with_a_token(app, stored, headers):
    page = Page(app)
    resp = page.post(
        f"/v1/articles/{stored['id']}/corrections", json=LABEL, headers=headers, fetch_site=None
    )
    assert resp.status_code == 403 and resp.json["error"]["code"] == "csrf_failed"
    assert (
        app.test_client()
        .post("/v1/articles", json={"text": "x said y."}, headers=headers)
        .status_code
        == 403
    )


def test_fresh_csrf_token(app):
    page = Page(app)
    resp = page.client.get("/review/csrf")
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    assert resp.json["token"] == page.token  # same cookie, same token
    stranger = app.test_client().get("/review/csrf")
    assert stranger.json["token"] != page.token


def test_csrf_secret_from_settings_survives_restarts(make_app):
    one, two = make_app(csrf_secret="s3cret"), make_app(csrf_secret="s3cret")
    page = Page(one)
    client = two.test_client()
    client.set_cookie(CSRF_COOKIE, page.client.get_cookie(CSRF_COOKIE).value)
    assert client.get("/review/csrf").json["token"] == page.token


K1, K2 = "key-one-0123456789", "key-two-0123456789"


def test_api_keys_guard_writes_not_permalinks(make_app):
    app = make_app(api_keys=(K1, K2))
    api = app.test_client()
    resp = api.post("/v1/articles", json={"text": ARTICLE})
    assert resp.status_code == 401 and resp.json["error"]["code"] == "unauthorized"
    assert "X-API-Key" in resp.headers["WWW-Authenticate"]
    assert (
        api.post("/v1/articles", json={"text": ARTICLE}, headers={"X-API-Key": "nope"}).status_code
        == 401
    )
    article = api.post("/v1/articles", json={"text": ARTICLE}, headers={"X-API-Key": K2}).json
    url = f"/v1/articles/{article['id']}/corrections"
    assert api.post(url, json=LABEL).status_code == 401
    assert api.post(url, json=LABEL, headers={"X-API-Key": K1}).status_code == 200
    assert api.get(f"/v1/articles/{article['id']}").status_code == 200  # reads stay open
    assert app.test_client().get(article["permalink"]).status_code == 200
    assert api.get("/v1/corrections").status_code == 401
    assert api.get("/v1/corrections", headers={"X-API-Key": K1}).json["count"] == 1
    page = Page(app)
    assert 'data-keys-required="true"' in page.html
    assert page.post(url, json=LABEL).status_code == 401
    assert page.post(url, json=LABEL, headers={"X-API-Key": K1}).status_code == 200


def test_closed_means_closed_with_keys(make_app, tmp_path):
    """With keys set: no article listed without a key, ids random, editors and notes only
    for key holders (the permalink's page too)."""
    app = make_app(api_keys=(K1,))
    api, key = app.test_client(), {"X-API-Key": K1}
    article = api.post("/v1/articles", json={"text": ARTICLE}, headers=key).json
    aid = article["id"]
    api.post(
        f"/v1/articles/{aid}/corrections",
        json={**LABEL, "note": "secret note"},
        headers={**key, "X-Editor": "Edna Secret"},
    )
    index = api.get("/").get_data(as_text=True)
    assert aid not in index and "Recent articles" not in index
    open_read = api.get(f"/v1/articles/{aid}").json
    [c] = open_read["corrections"]
    assert c["editor"] is None and c["note"] is None
    assert open_read["analysis"]["sentences"][0]["label"] == LABEL["after"]["label"]
    page = api.get(f"/review/{aid}").get_data(as_text=True)
    assert "Edna Secret" not in page and "secret note" not in page
    [full] = api.get(f"/v1/articles/{aid}", headers=key).json["corrections"]
    assert (full["editor"], full["note"]) == ("Edna Secret", "secret note")
    # the id is random, not a function of the text: another store gets another id
    elsewhere = make_app(api_keys=(K1,), database_url=f"sqlite:///{tmp_path / 'other.db'}")
    other = elsewhere.test_client().post("/v1/articles", json={"text": ARTICLE}, headers=key).json
    assert other["id"] != aid and other["text_sha256"] == article["text_sha256"]
    again = app.test_client().post("/v1/articles", json={"text": ARTICLE}, headers=key)
    assert again.status_code == 200 and again.json["id"] == aid  # the same text: found


def test_without_keys_the_index_lists_articles(make_app):
    app = make_app()
    aid = app.test_client().post("/v1/articles", json={"text": ARTICLE}).json["id"]
    assert aid in app.test_client().get("/").get_data(as_text=True)


# --- settings, storage failures, OpenAPI -----------------------------------------------------


def test_settings_from_env():
    s = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://db/x",
            "REPORTEDLY_API_KEYS": f" {K1}, {K2} ,,",
            "REPORTEDLY_EDITOR_HEADER": "X-User",
            "REPORTEDLY_EDITOR": "desk",
            "REPORTEDLY_CSRF_SECRET": "k",
        }
    )
    assert s.database_url == "postgresql://db/x" and s.api_keys == (K1, K2)
    assert (s.editor_header, s.default_editor, s.csrf_secret) == ("X-User", "desk", "k")
    assert (
        Settings.from_env(
            {"DATABASE_URL": "sqlite:///a", "REPORTEDLY_DATABASE_URL": "sqlite:///b"}
        ).database_url
        == "sqlite:///b"
    )
    assert Settings.from_env({}).database_url is None and Settings.from_env({}).api_keys == ()


def test_storage_down_is_a_503_and_the_page_still_renders(make_app, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = make_app(database_url=f"sqlite:///{blocker}/sub/review.db")
    resp = app.test_client().post("/v1/articles", json={"text": ARTICLE})
    assert resp.status_code == 503 and resp.json["error"]["code"] == "storage_unavailable"
    page = app.test_client().get("/")
    assert page.status_code == 200 and "database is unavailable" in page.get_data(as_text=True)


def test_responses_match_the_openapi_document(app, api, stored):
    jsonschema = pytest.importorskip("jsonschema")
    spec = app.test_client().get("/openapi.json").json
    for path in (
        "/",
        "/review/{aid}",
        "/v1/articles",
        "/v1/articles/{aid}",
        "/v1/articles/{aid}/corrections",
        "/v1/corrections",
    ):
        assert path in spec["paths"]
    assert {"201", "200"} <= set(spec["paths"]["/v1/articles"]["post"]["responses"])

    def check(body, name):
        schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
        jsonschema.Draft202012Validator(schema).validate(body)

    check(stored, "ArticleResponse")
    saved = api.post(f"/v1/articles/{stored['id']}/corrections", json=LABEL).json
    check(saved, "CorrectionSaved")
    check(LABEL, "CorrectionRequest")
    check(api.get(f"/v1/articles/{stored['id']}/corrections").json, "CorrectionList")
    check(api.get("/v1/corrections").json, "CorrectionsExport")
    check({"text": "x"}, "ArticleRequest")


def test_openapi_document_is_valid(app):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(app.test_client().get("/openapi.json").json)
