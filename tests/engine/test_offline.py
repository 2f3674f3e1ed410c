"""Nothing may be downloaded at run or test time: the guard works and the engine needs no NLTK data."""

from __future__ import annotations

import urllib.request

import nltk
import pytest
from conftest import NetworkBlocked


def test_outbound_connections_are_refused():
    with pytest.raises(NetworkBlocked):
        urllib.request.urlopen("http://example.com/", timeout=2)


def test_nltk_download_is_refused():
    with pytest.raises(NetworkBlocked):
        nltk.download("punkt_tab")


def test_engine_loads_and_runs_without_nltk_data(monkeypatch):
    """Loading and analysing must not look up any NLTK data package (punkt, punkt_tab, ...)."""
    from service.engine import Engine

    def refuse(*args, **kwargs):
        raise AssertionError(f"engine looked up NLTK data: {args!r}")

    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    engine = Engine.load()
    analysis = engine.analyze("Mr. Smith arrived on Monday. He said the talks failed.")
    assert [s.text for s in analysis.sentences] == [
        "Mr. Smith arrived on Monday.",
        "He said the talks failed.",
    ]
