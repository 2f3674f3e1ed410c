"""Shared by the review tests: sample articles, an engine that adds bias flags (until the
bias model lands), a live server in a thread, Debian's Chromium under Selenium, and the
optional PostgreSQL test database."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import uuid
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Set by .ci/run: a missing browser or database is then a failure, not a skip.
REQUIRED = os.environ.get("REPORTEDLY_E2E_REQUIRED") == "1"
POSTGRES_ENV = "REPORTEDLY_TEST_POSTGRES_URL"

ARTICLE = (
    "City council approves new transit budget\n"
    "By Ana Ruiz\n"
    "\n"
    "The city council approved a $40 million transit budget on Monday, the mayor said.\n"
    '"This is the biggest investment in buses in a decade," Mayor Lena Park told reporters. '
    "Officials familiar with the plan said fares would not rise.\n"
    "The budget reportedly includes money for 30 electric buses. Critics slammed the plan "
    "as too timid.\n"
    "Work on the new depot starts in March.\n"
)

HOSTILE = (
    "Hostile input <script>window.__pwned = 'script'; alert(1)</script> said the tester.\n"
    "<img src=x onerror=\"window.__pwned='img'; alert(2)\"> and "
    "<a href=\"javascript:window.__pwned='link'\">click me</a>, officials said.\n"
    "<div><b>unbalanced <i>markup</p></span><svg onload=\"window.__pwned='svg'\">"
    "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> ends here.\n"
    '"<style>body{display:none}</style>" & ampersands &amp; entities &lt;b&gt; stay text.\n'
)

HEDGES = {
    "reportedly": "hedge",
    "allegedly": "hedge",
    "slammed": "loaded_verb",
    "timid": "loaded_wording",
}


def long_article(words: int = 3000) -> str:
    """A synthetic news article of about ``words`` words, with quotes and attributions."""
    paras, n, k = [], 0, 0
    while n < words:
        k += 1
        p = (
            f"Officials in district {k} said the new plan would cost about {k * 3} million "
            f'dollars over {k % 5 + 2} years. "We have to move faster," said councillor '
            f"Maria Lopez{k}, adding that the budget reportedly covers road repairs. "
            f"According to a report by the transport agency, traffic rose {k % 9 + 1} percent "
            f"last year. The bridge on route {k} will close in spring for repairs."
        )
        paras.append(p)
        n += len(p.split())
    return "Transit plan under review\n\n" + "\n\n".join(paras) + "\n"


class BiasStubEngine:
    """The real engine; if it has no bias model (every ``bias`` is None), made-up flags on a
    few words stand in for it, so flags can be rendered and corrected either way."""

    def __init__(self, engine):
        self._engine = engine
        self.manifests = engine.manifests

    @property
    def model_info(self):
        return self._engine.model_info

    def analyze(self, text: str):
        from service.engine.types import BiasFlag, SentenceBias

        analysis = self._engine.analyze(text)
        if any(s.bias is not None for s in analysis.sentences):
            return analysis  # the real bias model is there
        extra = {"rule": "stub"} if "rule" in BiasFlag.model_fields else {}
        for s in analysis.sentences:
            flags = []
            for m in re.finditer(r"\w+", s.text):
                kind = HEDGES.get(m.group().lower())
                if kind:
                    start = s.start + m.start()
                    flags.append(
                        BiasFlag(
                            start=start,
                            end=start + len(m.group()),
                            text=m.group(),
                            kind=kind,
                            voice="writer",
                            reason=f"“{m.group()}” is a {kind.replace('_', ' ')} "
                            "marker (test stub)",
                            **extra,
                        )
                    )
            if flags:
                s.bias = SentenceBias(score=0.8, biased=True, voice="writer", flags=flags)
        return analysis


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The Flask app served on loopback from a thread (werkzeug, threaded)."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


def start_server(engine, database_url: str, **settings) -> LiveServer:
    """The review app (real engine plus stub bias flags) on ``database_url``, not yet started."""
    from service.web.app import create_app
    from service.web.settings import Settings

    app = create_app(Settings(database_url=database_url, **settings), engine=BiasStubEngine(engine))
    return LiveServer(app)


def unavailable(reason: str):
    """Skip with ``reason``, or fail when CI requires the browser tests."""
    if REQUIRED:
        pytest.fail(f"{reason} (REPORTEDLY_E2E_REQUIRED=1)")
    pytest.skip(reason)


def chrome(width: int = 1280, height: int = 900):
    """Headless Debian Chromium under Selenium, or skip (fail in CI) with the reason."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (pip install -e '.[test]')")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        unavailable(
            "Debian's chromium and chromium-driver are not installed "
            "(apt-get install chromium chromium-driver)"
        )
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--renderer-process-limit=2",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    except Exception as exc:  # a broken install: say so rather than error out
        unavailable(f"chromium could not be started: {type(exc).__name__}: {exc}")


def _admin(url):
    from sqlalchemy import create_engine

    return create_engine(url, isolation_level="AUTOCOMMIT")


def create_postgres_db() -> str | None:
    """A fresh database on the test PostgreSQL server ($REPORTEDLY_TEST_POSTGRES_URL), or None."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        return None
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from service.storage.db import resolve_url

    url = make_url(resolve_url(base))
    name = f"reportedly_test_{uuid.uuid4().hex[:10]}"
    admin = _admin(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_db(url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from service.storage.db import resolve_url

    parsed = make_url(url)
    admin = _admin(parsed.set(database=make_url(resolve_url(os.environ[POSTGRES_ENV])).database))
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    finally:
        admin.dispose()


BACKENDS = ("sqlite", "postgres")


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh, empty database URL for each backend: SQLite in tmp_path, and PostgreSQL when
    a test server is configured (else skipped, or failed when CI requires it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'review.db'}"
        return
    url = create_postgres_db()
    if url is None:
        unavailable(f"no PostgreSQL test database (set {POSTGRES_ENV}; .ci/run starts one)")
    yield url
    drop_postgres_db(url)
