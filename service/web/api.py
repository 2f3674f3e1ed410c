"""The API blueprint: health, readiness, model info, bias lexicons and ``POST /v1/analyze``.

Views only parse, validate, call the engine and serialise; the analysis is the engine's.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, jsonify, request

from service.engine import Engine, hedges, loaded_verbs
from service.web.errors import ApiError
from service.web.parsing import parse_analyze_request
from service.web.schemas import (ComponentInfo, HealthResponse, LexiconsResponse, ModelsResponse,
                                 ReadyResponse)

bp = Blueprint("api", __name__)

EXTENSION = "reportedly"


@dataclass
class EngineState:
    """The app's engine, or why there is none (models failed to load)."""

    engine: Engine | None
    error: str | None = None


def install_engine(app: Flask, engine: Engine | None, error: str | None = None) -> None:
    """Attach ``engine`` (or the load ``error``) to ``app`` for the views to use."""
    app.extensions[EXTENSION] = EngineState(engine, error)


def current_engine() -> Engine:
    """The current app's engine, or a 503 ``not_ready`` error if the models are not loaded."""
    state: EngineState | None = current_app.extensions.get(EXTENSION)
    if state is None or state.engine is None:
        reason = state.error if state is not None and state.error else "no engine installed"
        raise ApiError(503, "not_ready", f"Models are not loaded: {reason}",
                       headers={"Retry-After": "30"})
    return state.engine


def _json(model) -> Response:
    return jsonify(model.model_dump(mode="json"))


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process is up and answering."""
    return _json(HealthResponse())


@bp.get("/readyz")
def readyz() -> Response:
    """Readiness: 200 with the loaded components, 503 if the models are not loaded."""
    engine = current_engine()
    return _json(ReadyResponse(components=engine.model_info.components))


@bp.get("/v1/models")
def models() -> Response:
    """Artifact ids, versions and model-card metrics of the loaded components."""
    engine = current_engine()
    info = engine.model_info
    components = []
    for name, manifest in engine.manifests.items():
        data = manifest.data
        created = data.get("created")
        components.append(ComponentInfo(
            name=name,
            artifact_id=manifest.artifact_id,
            created=None if created is None else str(created),
            metrics=data.get("metrics") or {},
            libraries=data.get("libraries") or {},
        ))
    return _json(ModelsResponse(name=info.name, version=info.version, components=components))


@bp.get("/v1/lexicons")
def lexicons() -> Response:
    """The loaded-verb table and the hedge/weasel patterns the bias checks apply."""
    return _json(LexiconsResponse(
        loaded_verbs=loaded_verbs.table(),
        patterns=hedges.patterns(),
        not_flagged=[{"verbs": v, "reason": r} for v, r in loaded_verbs.LEFT_OUT.items()],
    ))


@bp.post("/v1/analyze")
def analyze() -> Response:
    """Analyse the text of a JSON ``{"text": ...}`` or ``text/plain`` body."""
    engine = current_engine()
    req = parse_analyze_request(request)
    return jsonify(engine.analyze(req.text).to_dict())
