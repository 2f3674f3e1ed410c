"""reportedly: source attribution and bias checking for news text.

>>> from service import analyze
>>> analyze("The plan will fail, the senator said.").sentences[0].label
'reported'
"""
from __future__ import annotations

import threading

from service.engine import Analysis, Engine
from service.version import __version__

__all__ = ["analyze", "get_engine", "Analysis", "Engine", "__version__"]

_engine: Engine | None = None
_lock = threading.Lock()


def get_engine() -> Engine:
    """The process-wide engine with the shipped models, loaded on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = Engine.load()
    return _engine


def analyze(text: str) -> Analysis:
    """Analyse one article with the shipped models."""
    return get_engine().analyze(text)
