"""Stored articles and their corrections:

- ``POST /v1/articles``: analyse ``{"text"}`` (or ``{"html"}``, reduced to text) and store it
- ``GET /v1/articles/<id>``: the stored analysis with its corrections applied
- ``POST /v1/articles/<id>/corrections``, ``GET /v1/articles/<id>/corrections``
- ``GET /v1/corrections``: every corrected article as a training example (JSON or JSON Lines)

Writes pass :func:`service.web.review.security.require_write_access` (CSRF, API key) and
are committed before the response is sent.
"""
from __future__ import annotations

import json
import re

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from service.storage import Database, CorrectionError, add_correction, load_article, save_article
from service.storage.db import StorageError
from service.storage.export import iter_examples
from service.storage.repository import list_corrections
from service.web.api import current_engine
from service.web.errors import ApiError, error_response, from_validation_error
from service.web.parsing import decode_body, parse_json_object, read_body
from service.web.review import security
from service.web.review.extract import html_to_text
from service.web.review.schemas import ArticleRequest
from service.web.settings import Settings

bp = Blueprint("articles", __name__)

STORAGE = "reportedly.storage"
ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
_TYPES = ("application/json", "text/plain", "text/html")


def init_app(app: Flask, settings: Settings) -> None:
    """Attach the (lazily connected) database and the write-protection keys to ``app``."""
    app.extensions[STORAGE] = Database(settings.database_url)
    security.init_app(app, settings)
    app.register_error_handler(StorageError, _storage_down)
    app.register_error_handler(OperationalError, _storage_down)


def current_db() -> Database:
    return current_app.extensions[STORAGE]


def _storage_down(exc: Exception) -> Response:
    current_app.logger.error("storage error: %s", exc)
    return error_response(503, "storage_unavailable",
                          "The review database is unavailable; nothing was saved.",
                          headers={"Retry-After": "10"})


def _article_request() -> ArticleRequest:
    mimetype = request.mimetype
    if mimetype not in _TYPES:
        raise ApiError(415, "unsupported_media_type",
                       "Send application/json ({\"text\": ...} or {\"html\": ...}), "
                       "text/plain or text/html (UTF-8).")
    body = decode_body(read_body(request), strip_bom=mimetype == "application/json")
    if mimetype == "application/json":
        data = parse_json_object(body)
    else:
        data = {"html" if mimetype == "text/html" else "text": body}
    try:
        req = ArticleRequest.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    if (req.text is None) == (req.html is None):
        raise ApiError(400, "missing_field", "Give exactly one of 'text' and 'html'.",
                       field="text")
    return req


def article_or_404(aid: str):
    article = load_article(current_db(), aid) if ARTICLE_ID.fullmatch(aid) else None
    if article is None:
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    return article


@bp.post("/v1/articles")
def create_article() -> tuple[Response, int]:
    """Analyse and store an article; 201 if new, 200 if this text was stored already."""
    security.require_write_access()
    req = _article_request()
    engine = current_engine()
    text = req.text
    if text is None:
        text = html_to_text(req.html)
        if not text.strip():
            raise ApiError(400, "empty_text", "The HTML holds no article text.", field="html")
    article, created = save_article(current_db(), text, engine.analyze(text))
    response = jsonify(article.to_dict())
    response.headers["Location"] = f"/v1/articles/{article.id}"
    return response, 201 if created else 200


@bp.get("/v1/articles/<aid>")
def get_article(aid: str) -> Response:
    """The stored analysis with its corrections applied (open to read)."""
    return jsonify(article_or_404(aid).to_dict())


@bp.post("/v1/articles/<aid>/corrections")
def post_correction(aid: str) -> Response:
    """Store one correction (committed before this returns) and answer with the article."""
    security.require_write_access()
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the correction as application/json.")
    data = parse_json_object(decode_body(read_body(request), strip_bom=True))
    if not ARTICLE_ID.fullmatch(aid):
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    try:
        saved = add_correction(current_db(), aid, data, security.editor_name())
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    except CorrectionError as exc:
        raise ApiError(422, exc.code, exc.message) from None
    if saved is None:
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    record, article = saved
    return jsonify({"correction": record.to_dict(), "article": article.to_dict()})


@bp.get("/v1/articles/<aid>/corrections")
def get_corrections(aid: str) -> Response:
    article_or_404(aid)
    return jsonify({"corrections": [c.to_dict() for c in list_corrections(current_db(), aid)]})


@bp.get("/v1/corrections")
def export() -> Response:
    """Corrected articles as training examples; ``?format=jsonl`` for JSON Lines."""
    security.require_api_key()
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "jsonl"):
        raise ApiError(400, "invalid_field", "format must be 'json' or 'jsonl'.", field="format")
    examples = list(iter_examples(current_db()))
    if fmt == "jsonl":
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in examples)
        return Response(lines, mimetype="application/x-ndjson")
    return jsonify({"count": len(examples), "examples": examples})
