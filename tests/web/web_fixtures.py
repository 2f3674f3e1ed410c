"""Fixtures for the REST layer tests (flaskr style): the real engine is loaded once per
session and shared by every app the tests build."""

from __future__ import annotations

import pytest

from service.engine import Engine
from service.web.app import create_app
from service.web.settings import Settings


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The real engine with the shipped models (loaded once, ~1 s)."""
    return Engine.load()


@pytest.fixture(scope="session")
def app(engine):
    """An app with default settings (independent of the environment) and the real engine."""
    app = create_app(Settings(), engine=engine)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    """A test client for :func:`app`."""
    return app.test_client()


@pytest.fixture
def make_client(engine):
    """Build a test client for an app with other settings and/or another engine."""

    def make(settings: Settings | None = None, engine_=engine):
        app = create_app(settings or Settings(), engine=engine_)
        app.config["TESTING"] = True
        return app.test_client()

    return make
