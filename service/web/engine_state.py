"""The app's engine: installed once when the app is created, used by every view through
:func:`current_engine`.

Every analysis goes through :class:`ServingEngine`, which applies the request limits
(:mod:`service.web.limits`) before any work is done, runs it under the request's deadline
(:mod:`service.web.deadline`) and counts what was analysed (:mod:`service.web.metrics`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from service.engine import Engine
from service.engine.types import Analysis
from service.web import limits, metrics
from service.web.deadline import analysis_deadline
from service.web.errors import ApiError
from service.web.settings import Settings

EXTENSION = "reportedly"


@dataclass
class EngineState:
    """The app's engine, or why there is none (models failed to load)."""

    engine: Engine | None
    error: str | None = None


def install_engine(app: Flask, engine: Engine | None, error: str | None = None) -> None:
    """Attach ``engine`` (or the load ``error``) to ``app`` for the views to use."""
    app.extensions[EXTENSION] = EngineState(engine, error)


def loaded_components() -> dict[str, str]:
    """Component name -> artifact id of the current app's engine (empty if none is loaded)."""
    state: EngineState | None = current_app.extensions.get(EXTENSION)
    engine = state.engine if state is not None else None
    return dict(engine.model_info.components) if engine is not None else {}


class ServingEngine:
    """The app's engine behind the request limits: :meth:`analyze` refuses a text over
    ``max_text_chars`` or ``max_sentences`` before analysing it, and counts what it analyses.
    Everything else is the engine's own."""

    def __init__(self, engine: Engine, settings: Settings):
        self._engine, self._settings = engine, settings

    def __getattr__(self, name: str):
        return getattr(self._engine, name)

    def check(self, text: str, field: str = "text") -> None:
        """Raise the limit's :class:`ApiError` if ``text`` may not be analysed here."""
        limits.check_text(
            text, self._settings, getattr(self._engine, "segmenter", None), field=field
        )

    def deadline(self):
        """A context manager running its block under the request's analysis deadline."""
        return analysis_deadline(self._settings.analysis_timeout)

    def analyze(self, text: str, *, endpoint: str = "articles", bias: bool = True) -> Analysis:
        self.check(text)
        with self.deadline():
            analysis = (
                self._engine.analyze(text) if bias else self._engine.analyze(text, bias=False)
            )
        metrics.record_analysis(endpoint, text)
        return analysis


def current_engine() -> ServingEngine:
    """The current app's engine (behind the limits), or a 503 ``not_ready`` error if the
    models are not loaded."""
    state: EngineState | None = current_app.extensions.get(EXTENSION)
    if state is None or state.engine is None:
        reason = state.error if state is not None and state.error else "no engine installed"
        raise ApiError(
            503, "not_ready", f"Models are not loaded: {reason}", headers={"Retry-After": "30"}
        )
    return ServingEngine(state.engine, current_app.config["REPORTEDLY_SETTINGS"])
