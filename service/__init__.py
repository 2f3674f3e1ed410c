"""reportedly: source attribution and bias checking for news text.

>>> from service import analyze
>>> analyze("The plan will fail, the senator said.").sentences[0].label
'reported'
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from service.version import __version__

if TYPE_CHECKING:
    from service.engine import Analysis, Engine

__all__ = ["analyze", "get_engine", "Analysis", "Engine", "__version__"]

_engine: Engine | None = None


def __getattr__(name: str):
    # Imported lazily so that `import service` (and `reportedly --help`) stays fast.
    if name in ("Analysis", "Engine"):
        import service.engine

        return getattr(service.engine, name)
    raise AttributeError(f"module 'service' has no attribute {name!r}")


_lock = threading.Lock()


def get_engine() -> Engine:
    """The process-wide engine with the shipped models, loaded on first use."""
    from service.engine import Engine

    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = Engine.load()
    return _engine


def analyze(text: str) -> Analysis:
    """Analyse one article with the shipped models."""
    return get_engine().analyze(text)
