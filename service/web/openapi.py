"""The OpenAPI 3.1 document, generated from the pydantic models the service validates and
serialises with (so the document cannot drift from the code)."""

from __future__ import annotations

import copy
from functools import lru_cache

from flask import current_app, has_app_context
from pydantic import BaseModel

from service.engine.types import Analysis
from service.version import __version__
from service.web.parsing import JSON, TEXT
from service.web.review import openapi as openapi_review
from service.web.schemas import (
    AnalyzeRequest,
    BatchRequest,
    BatchResponse,
    ErrorResponse,
    HealthResponse,
    LexiconsResponse,
    ModelsResponse,
    ReadyResponse,
)
from service.web.settings import Settings

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"

# (model, pydantic JSON-schema mode): requests are validated, responses serialised.
SCHEMA_MODELS: tuple[tuple[type[BaseModel], str], ...] = (
    (AnalyzeRequest, "validation"),
    (Analysis, "serialization"),
    (BatchRequest, "validation"),
    (BatchResponse, "serialization"),
    (ErrorResponse, "serialization"),
    (HealthResponse, "serialization"),
    (ReadyResponse, "serialization"),
    (ModelsResponse, "serialization"),
    (LexiconsResponse, "serialization"),
) + openapi_review.SCHEMA_MODELS

# Error responses: component name -> (status, description).
ERROR_RESPONSES = {
    "BadRequest": (
        400,
        "Bad input. Codes: `malformed_json`, `empty_body`, `invalid_body` "
        "(JSON not an object), `invalid_encoding` (not UTF-8), "
        "`missing_field`, `invalid_type`, `unknown_field`, `empty_text`, "
        "`invalid_unicode`, `invalid_character` (a NUL in text to be "
        "stored); `field` names the field at fault (`options.bias` for an "
        "option).",
    ),
    "NotFound": (404, "No such path (`not_found`)."),
    "MethodNotAllowed": (
        405,
        "The path exists but not for this method "
        "(`method_not_allowed`); the `Allow` header lists the methods.",
    ),
    "PayloadTooLarge": (
        413,
        "Over a size limit: the body (`payload_too_large`, whether sent "
        "with Content-Length or chunked), the text's characters "
        "(`text_too_long`), a batch's documents (`too_many_documents`) "
        "or a batch's characters in all (`batch_too_large`).",
    ),
    "TooManySentences": (
        422,
        "The text has more sentences than this server analyses in one "
        "article (`too_many_sentences`).",
    ),
    "TooManyRequests": (
        429,
        "Over the rate limit for this API key or client "
        "(`rate_limited`); `Retry-After` says when to try again.",
    ),
    "UnsupportedMediaType": (
        415,
        "Content-Type is not application/json or text/plain "
        "(`unsupported_media_type`), or the charset is not UTF-8 "
        "(`unsupported_charset`).",
    ),
    "InternalError": (
        500,
        "A bug (`internal_error`); logged server-side, no traceback is returned.",
    ),
    "NotReady": (
        503,
        "The models are not loaded (`not_ready`), or the request's analyses "
        "ran past the server's deadline (`analysis_timeout`, "
        "`REPORTEDLY_ANALYSIS_TIMEOUT`, 10 s by default); `Retry-After` says "
        "when to try again.",
    ),
    **openapi_review.ERROR_RESPONSES,
}


def collect_schemas(models=SCHEMA_MODELS) -> dict[str, dict]:
    """``components.schemas``: each model's schema plus its ``$defs``, hoisted."""
    schemas: dict[str, dict] = {}
    for model, mode in models:
        schema = model.model_json_schema(ref_template=REF_TEMPLATE, mode=mode)
        defs = schema.pop("$defs", {})
        for name, sub in {**defs, model.__name__: schema}.items():
            if name in schemas and schemas[name] != sub:
                raise ValueError(f"two different schemas are both named {name!r}")
            schemas[name] = sub
    return schemas


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _ok(description: str, schema: dict, media_type: str = JSON) -> dict:
    return {
        "description": description,
        "headers": {"X-Request-ID": _ref("headers", "RequestId")},
        "content": {media_type: {"schema": schema}},
    }


def _operation(
    op_id: str,
    tag: str,
    summary: str,
    description: str,
    ok: dict,
    errors: tuple[str, ...] = (),
    **extra,
) -> dict:
    responses = {"200": ok}
    for name in (*errors, "MethodNotAllowed", "InternalError"):
        responses[str(ERROR_RESPONSES[name][0])] = _ref("responses", name)
    responses = dict(sorted(responses.items()))
    responses["default"] = {
        "description": "Any other error, e.g. 404 for an unknown path; same envelope.",
        "content": {JSON: {"schema": _ref("schemas", "ErrorResponse")}},
    }
    params = [_ref("parameters", "RequestId"), *extra.pop("parameters", [])]
    return {
        "operationId": op_id,
        "tags": [tag],
        "summary": summary,
        "description": description,
        "parameters": params,
        **extra,
        "responses": responses,
    }


def _limits_text(limits: tuple[int, int, int, int, int]) -> str:
    body, chars, sentences, documents, batch_chars = limits
    return (
        f" This server's limits: {body} bytes of body, {chars} characters and {sentences} "
        f"sentences per article, {documents} documents and {batch_chars} characters per "
        f"batch."
    )


def _components(limits: tuple[int, int, int, int, int]) -> dict:
    responses = {}
    for name, (status, description) in ERROR_RESPONSES.items():
        if status in (413, 422) and name != "Unprocessable":
            description += _limits_text(limits)
        headers = {"X-Request-ID": _ref("headers", "RequestId")}
        if status == 405:
            headers["Allow"] = {
                "description": "Methods the path accepts.",
                "schema": {"type": "string"},
            }
        if status in (429, 503):
            headers["Retry-After"] = {
                "description": "Seconds to wait before trying again.",
                "schema": {"type": "string"},
            }
        responses[name] = {
            "description": description,
            "headers": headers,
            "content": {JSON: {"schema": _ref("schemas", "ErrorResponse")}},
        }
    return {
        "schemas": collect_schemas(),
        "responses": responses,
        "parameters": {
            "RequestId": {
                "name": "X-Request-ID",
                "in": "header",
                "required": False,
                "description": "Echoed back in the response; generated (uuid4 hex) if absent.",
                "schema": {"type": "string", "maxLength": 128},
            }
        },
        "headers": {
            "RequestId": {
                "description": "The request's id: the one sent, or a generated uuid4 hex.",
                "schema": {"type": "string"},
            }
        },
    }


def _secure_v1(paths: dict) -> None:
    """Every ``/v1/`` operation: the optional API key, and its 401 and 429 answers."""
    for path, item in paths.items():
        if not path.startswith("/v1/"):
            continue
        for op in item.values():
            op.setdefault("security", openapi_review._OPTIONAL_KEY)
            extra = {"429": _ref("responses", "TooManyRequests")}
            if op["operationId"] != "getArticle":  # open: permalinks can be shared
                extra["401"] = _ref("responses", "Unauthorized")
            op["responses"] = dict(
                sorted(
                    {**op["responses"], **extra}.items(), key=lambda kv: (kv[0] == "default", kv[0])
                )
            )


def _review_answers(paths: dict) -> None:
    """What the review routes really answer, as the contract test found: the permalink page
    answers an unknown id with its HTML page (404), and the export with ``?format=jsonl``
    answers JSON Lines."""
    page = paths.get("/review/{aid}", {}).get("get")
    if page is not None:
        page["responses"]["404"] = {
            "description": "No stored article with this id: the page says so (HTML).",
            "headers": {"X-Request-ID": _ref("headers", "RequestId")},
            "content": {"text/html": {"schema": {"type": "string"}}},
        }
    export = paths.get("/v1/corrections", {}).get("get")
    if export is not None:
        export["responses"]["200"]["content"]["application/x-ndjson"] = {
            "schema": {
                "type": "string",
                "description": "With `?format=jsonl`: one example per line.",
            }
        }


@lru_cache(maxsize=8)
def _build(limits: tuple[int, int, int, int, int]) -> dict:
    max_body_bytes, max_chars, _, max_docs, _ = limits
    text_schema = {
        "type": "string",
        "minLength": 1,
        "description": "The article text as the whole body (UTF-8).",
    }
    analyze = _operation(
        "analyze",
        "analysis",
        "Analyse an article",
        "Segments the text into sentences and labels each as reported or in the writer's "
        'own voice. Send `{"text": ...}` as application/json, or the text itself as '
        f"text/plain; charset=utf-8. Bodies over {max_body_bytes} bytes (413 "
        f"`payload_too_large`), texts over {max_chars} characters (413 `text_too_long`) and "
        "texts over the sentence limit (422 `too_many_sentences`) are refused before any "
        'analysis. `options` (`{"bias": false}`) skips the bias stage; an unknown option '
        "is refused (400 `unknown_field`). An analysis running past the server's deadline "
        "ends in 503 `analysis_timeout` with `Retry-After`.",
        _ok("The analysis. Offsets index the submitted text.", _ref("schemas", "Analysis")),
        (
            "BadRequest",
            "Forbidden",
            "PayloadTooLarge",
            "UnsupportedMediaType",
            "TooManySentences",
            "NotReady",
        ),
        requestBody={
            "required": True,
            "content": {
                JSON: {
                    "schema": _ref("schemas", "AnalyzeRequest"),
                    "example": {"text": "The plan will fail, the senator said."},
                },
                TEXT: {"schema": text_schema, "example": "The plan will fail, the senator said."},
            },
        },
    )
    batch = _operation(
        "analyzeBatch",
        "analysis",
        "Analyse several articles",
        f'Up to {max_docs} documents `{{"id", "text"}}` in one application/json '
        "request. `results` has one entry per document, in the order sent: its analysis with "
        'its `id`, or `{"id", "status", "error"}` with the error (and HTTP status) the '
        "document would have had alone, so one bad document never fails the batch. The "
        "request as a whole fails only if it is not a JSON object with a non-empty "
        "`documents` array (400), is over a size limit (413: `payload_too_large`, "
        "`too_many_documents`, `batch_too_large`) or is not JSON (415). Batch-level "
        "`options` apply to every document without its own. The whole batch shares one "
        "analysis deadline: documents analysed before it keep their analyses, the rest "
        "get the error `analysis_timeout` (status 503); send those again.",
        _ok("One result per document, in order.", _ref("schemas", "BatchResponse")),
        ("BadRequest", "Forbidden", "PayloadTooLarge", "UnsupportedMediaType", "NotReady"),
        requestBody={
            "required": True,
            "content": {
                JSON: {
                    "schema": _ref("schemas", "BatchRequest"),
                    "example": {
                        "documents": [
                            {"id": "story-1", "text": "The plan will fail, the senator said."},
                            {"id": "story-2", "text": "It rained on Tuesday."},
                        ]
                    },
                }
            },
        },
    )
    paths = {
        "/v1/analyze": {"post": analyze},
        "/v1/analyze/batch": {"post": batch},
        "/v1/models": {
            "get": _operation(
                "models",
                "models",
                "Loaded models",
                "Artifact ids, creation dates, library versions and model-card metrics of each "
                "loaded component.",
                _ok("The loaded models.", _ref("schemas", "ModelsResponse")),
                ("NotReady",),
            )
        },
        "/v1/lexicons": {
            "get": _operation(
                "lexicons",
                "models",
                "Bias lexicons",
                "The loaded attribution verbs (with what each implies and where the entry comes "
                "from), the hedge, weasel and unattributed-claim patterns, and the verbs never "
                "flagged.",
                _ok("The verb table and pattern list.", _ref("schemas", "LexiconsResponse")),
            )
        },
        "/healthz": {
            "get": _operation(
                "healthz",
                "health",
                "Liveness",
                "200 while the process is up.",
                _ok("The process is up.", _ref("schemas", "HealthResponse")),
            )
        },
        "/readyz": {
            "get": _operation(
                "readyz",
                "health",
                "Readiness",
                "200 once the models are loaded, 503 before.",
                _ok("Ready to analyse.", _ref("schemas", "ReadyResponse")),
                ("NotReady",),
            )
        },
        "/metrics": {
            "get": _operation(
                "metrics",
                "health",
                "Prometheus metrics",
                "Requests by route and status, latency histograms, articles and words analysed, "
                "error codes and the loaded model versions, in the Prometheus text format (summed "
                "over all workers). Open, like the health checks: keep it off the public "
                "internet at the proxy.",
                _ok("The metrics.", {"type": "string"}, "text/plain"),
            )
        },
        "/openapi.json": {
            "get": _operation(
                "openapi",
                "docs",
                "This OpenAPI document",
                "The OpenAPI 3.1 description.",
                _ok("The OpenAPI document.", {"type": "object"}),
            )
        },
        "/docs": {
            "get": _operation(
                "docs",
                "docs",
                "API documentation",
                "Human-readable documentation, offline.",
                _ok("An HTML page.", {"type": "string"}, "text/html"),
            )
        },
        "/static/{filename}": {
            "get": _operation(
                "static",
                "docs",
                "Documentation assets",
                "Static files used by /docs.",
                _ok("The file.", {"type": "string", "contentMediaType": "text/css"}, "text/css"),
                ("NotFound",),
                parameters=[
                    {
                        "name": "filename",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
            )
        },
    }
    paths.update(openapi_review.review_paths(_operation, _ok, _ref))
    _review_answers(paths)
    _secure_v1(paths)
    components = _components(limits)
    components["securitySchemes"] = {
        "ApiKey": {
            **openapi_review.SECURITY_SCHEMES["ApiKey"],
            "description": "Needed, when the server sets `REPORTEDLY_API_KEYS`, for every `/v1/` "
            "operation except reading a stored article (`GET /v1/articles/{aid}`).",
        }
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "reportedly",
            "version": __version__,
            "summary": "Source attribution for news text.",
            "description": 'Every error is JSON: `{"error": {"code": ..., "message": '
            "...}}`, with `field` when a request field is at fault. Every "
            "response carries an `X-Request-ID` header. When the server "
            "sets `REPORTEDLY_API_KEYS`, every `/v1/` operation except "
            "reading a stored article needs `X-API-Key`; a rate limit, if "
            "set, answers 429 with `Retry-After`.",
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "tags": [
            {"name": "analysis"},
            {"name": "models"},
            {"name": "health"},
            {"name": "docs"},
            {"name": "review"},
        ],
        "paths": paths,
        "components": components,
    }


def build_openapi(max_body_bytes: int, settings: Settings | None = None) -> dict:
    """The OpenAPI 3.1 document for a server refusing bodies over ``max_body_bytes``, with
    the other limits of ``settings`` (default: the current app's, else the defaults).

    Cached per set of limits; callers get a fresh deep copy they may modify.
    """
    if settings is None and has_app_context():
        settings = current_app.config.get("REPORTEDLY_SETTINGS")
    settings = settings or Settings()
    return copy.deepcopy(
        _build(
            (
                max_body_bytes,
                settings.max_text_chars,
                settings.max_sentences,
                settings.max_batch_documents,
                settings.max_batch_chars,
            )
        )
    )
