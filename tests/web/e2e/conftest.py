"""Fixtures for the browser tests: one headless Chromium per module and a live server."""

from __future__ import annotations

import pytest

from e2e.support import chrome, start_server


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def live(engine, tmp_path_factory):
    """A server on loopback with SQLite in a temporary folder."""
    db = tmp_path_factory.mktemp("e2e") / "review.db"
    with start_server(engine, f"sqlite:///{db}") as server:
        yield server
