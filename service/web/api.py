"""The API blueprint: health, readiness, model info, bias lexicons, ``POST /v1/analyze`` and
``POST /v1/analyze/batch``.

Views only parse, validate, call the engine and serialise; the analysis is the engine's
(behind the request limits and deadline: :mod:`service.web.engine_state`).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, g, jsonify, request

from service.engine.bias import hedges, loaded_verbs
from service.engine.types import Analysis
from service.web import metrics
from service.web.engine_state import ServingEngine, current_engine
from service.web.errors import ApiError
from service.web.parsing import (
    document_id,
    parse_analyze_request,
    parse_batch_document,
    parse_batch_request,
)
from service.web.schemas import (
    ComponentInfo,
    ErrorDetail,
    HealthResponse,
    LexiconsResponse,
    ModelsResponse,
    ReadyResponse,
)

bp = Blueprint("api", __name__)


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
        components.append(
            ComponentInfo(
                name=name,
                artifact_id=manifest.artifact_id,
                created=None if created is None else str(created),
                metrics=data.get("metrics") or {},
                libraries=data.get("libraries") or {},
            )
        )
    return _json(ModelsResponse(name=info.name, version=info.version, components=components))


@bp.get("/v1/lexicons")
def lexicons() -> Response:
    """The loaded-verb table and the hedge/weasel patterns the bias checks apply."""
    return _json(
        LexiconsResponse.model_validate(
            {
                "loaded_verbs": loaded_verbs.table(),
                "patterns": hedges.patterns(),
                "not_flagged": [
                    {"verbs": v, "reason": r} for v, r in loaded_verbs.LEFT_OUT.items()
                ],
            }
        )
    )


def _analysis_json(analysis: Analysis) -> str:
    # pydantic-core's serialiser: the same JSON as jsonify(analysis.to_dict()), 3x faster
    return analysis.model_dump_json()


@bp.post("/v1/analyze")
def analyze() -> Response:
    """Analyse the text of a JSON ``{"text": ...}`` or ``text/plain`` body."""
    engine = current_engine()
    req = parse_analyze_request(request)
    bias = req.options.bias if req.options is not None else True
    analysis = engine.analyze(req.text, endpoint="analyze", bias=bias)
    return Response(_analysis_json(analysis), mimetype="application/json")


def _error_result(
    doc_id: str | None, status: int, code: str, message: str, field: str | None = None
) -> str:
    metrics.record_error(code)
    error = ErrorDetail(code=code, message=message, field=field)
    return json.dumps(
        {"id": doc_id, "status": status, "error": error.model_dump(mode="json", exclude_none=True)},
        ensure_ascii=False,
    )


def _batch_result(engine: ServingEngine, index: int, document, options) -> str:
    """One document's result as JSON: its analysis with its id, or its error. ``options``:
    the batch's, for a document without its own."""
    doc_id = document_id(document)
    try:
        doc = parse_batch_document(document)
        own = doc.options if doc.options is not None else options
        analysis = engine.analyze(
            doc.text, endpoint="batch", bias=own.bias if own is not None else True
        )
    except ApiError as exc:
        return _error_result(doc_id, exc.status, exc.code, exc.message, exc.field)
    except Exception:  # a bug on one document must not lose the others
        current_app.logger.exception(
            "batch document %d failed (request id %s)", index, g.get("request_id", "-")
        )
        return _error_result(
            doc_id,
            500,
            "internal_error",
            "The server hit an unexpected error on this document. It has "
            "been logged; quote the X-Request-ID header when reporting it.",
        )
    body = _analysis_json(analysis)
    return '{"id":' + json.dumps(doc.id, ensure_ascii=False) + "," + body[1:]


@bp.post("/v1/analyze/batch")
def analyze_batch() -> Response:
    """Analyse ``{"documents": [{"id", "text"}, ...]}``: one result per document, in order,
    each an analysis with its ``id`` or ``{"id", "status", "error"}``."""
    engine = current_engine()
    documents, options = parse_batch_request(request, current_app.config["REPORTEDLY_SETTINGS"])
    results = [_batch_result(engine, i, d, options) for i, d in enumerate(documents)]
    return Response('{"results":[' + ",".join(results) + "]}", mimetype="application/json")
