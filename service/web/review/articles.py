"""Stored articles and their corrections:

- ``POST /v1/articles``: analyse ``{"text"}`` (or ``{"html"}``, reduced to text) and store it
- ``GET /v1/articles/<id>``: the stored analysis with its corrections applied
- ``POST /v1/articles/<id>/corrections``, ``GET /v1/articles/<id>/corrections`` (paged)
- ``GET /v1/corrections``: every corrected article as a training example (JSON or JSON Lines)

Writes pass :func:`service.web.review.security.require_write_access` (CSRF, API key) and
are committed before the response is sent. With API keys set, the open read of an article
(and its review page) leaves out editors' names and notes unless the request holds a key.
Text with a NUL character is refused (400 ``invalid_character``): PostgreSQL cannot store it.
"""

from __future__ import annotations

import json
import re
from typing import TypeVar

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from service.storage import CorrectionError, Database, add_correction, load_article, save_article
from service.storage.db import StorageError
from service.storage.export import iter_examples
from service.storage.repository import count_corrections, list_corrections
from service.web.engine_state import current_engine
from service.web.errors import ApiError, error_response, from_validation_error
from service.web.limits_access import valid_key
from service.web.parsing import decode_body, parse_json_object, read_body
from service.web.review import security
from service.web.review.extract import html_to_text
from service.web.review.schemas import ArticleRequest
from service.web.settings import Settings

bp = Blueprint("articles", __name__)

STORAGE = "reportedly.storage"
ARTICLE_ID = re.compile(r"[0-9a-f]{16}(?:[0-9a-f]{16})?")  # 32 digits; 16 before issue 13
PAGE_SIZE, MAX_PAGE_SIZE = 100, 500
_TYPES = ("application/json", "text/plain", "text/html")


def init_app(app: Flask, settings: Settings) -> None:
    """Attach the (lazily connected) database and the write-protection keys to ``app``."""
    app.extensions[STORAGE] = Database(settings.database_url)
    security.init_app(app, settings)
    app.register_error_handler(StorageError, _storage_down)
    app.register_error_handler(OperationalError, _storage_down)


def reject_nul(value, field: str) -> None:
    """400 ``invalid_character`` if any string in ``value`` (nested JSON) holds U+0000."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ApiError(
                400,
                "invalid_character",
                f"Field '{field}' contains a NUL character (U+0000), which cannot "
                f"be stored; remove it and send again.",
                field=field,
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            reject_nul(k, field)
            reject_nul(v, f"{field}.{k}" if field != "body" else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            reject_nul(v, f"{field}.{i}")


def redacted() -> bool:
    """Whether this request may not see editors' names and notes (keys set, none sent)."""
    return bool(current_app.config["REPORTEDLY_SETTINGS"].api_keys) and valid_key() is None


def current_db() -> Database:
    return current_app.extensions[STORAGE]


def _storage_down(exc: Exception) -> Response:
    current_app.logger.error("storage error: %s", exc)
    return error_response(
        503,
        "storage_unavailable",
        "The review database is unavailable; nothing was saved.",
        headers={"Retry-After": "10"},
    )


def _article_request() -> ArticleRequest:
    mimetype = request.mimetype
    if mimetype not in _TYPES:
        raise ApiError(
            415,
            "unsupported_media_type",
            'Send application/json ({"text": ...} or {"html": ...}), '
            "text/plain or text/html (UTF-8).",
        )
    body = decode_body(read_body(request), strip_bom=mimetype == "application/json")
    if mimetype == "application/json":
        data = parse_json_object(body)
    else:
        data = {"html" if mimetype == "text/html" else "text": body}
    try:
        req = ArticleRequest.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    reject_nul(req.text, "text")
    reject_nul(req.html, "html")
    if (req.text is None) == (req.html is None):
        raise ApiError(400, "missing_field", "Give exactly one of 'text' and 'html'.", field="text")
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
    with engine.deadline():  # extraction and analysis; never the database write below
        if text is None:
            assert req.html is not None  # the request model wants text or html
            text = html_to_text(req.html)
            if not text.strip():
                raise ApiError(400, "empty_text", "The HTML holds no article text.", field="html")
            reject_nul(text, "html")
        analysis = engine.analyze(text)
    article, created = save_article(current_db(), text, analysis)
    response = jsonify(article.to_dict())
    response.headers["Location"] = f"/v1/articles/{article.id}"
    return response, 201 if created else 200


@bp.get("/v1/articles/<aid>")
def get_article(aid: str) -> Response:
    """The stored analysis with its corrections applied (open to read; editors' names and
    notes only with a key when keys are set)."""
    return jsonify(article_or_404(aid).to_dict(redact=redacted()))


@bp.post("/v1/articles/<aid>/corrections")
def post_correction(aid: str) -> Response:
    """Store one correction (committed before this returns) and answer with the article."""
    security.require_write_access()
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the correction as application/json.")
    data = parse_json_object(decode_body(read_body(request), strip_bom=True))
    if not ARTICLE_ID.fullmatch(aid):
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    reject_nul(data, "body")
    limit = current_app.config["REPORTEDLY_SETTINGS"].max_corrections
    try:
        saved = add_correction(current_db(), aid, data, security.editor_name(), limit)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    except CorrectionError as exc:
        raise ApiError(422, exc.code, exc.message) from None
    if saved is None:
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    record, article = saved
    return jsonify({"correction": record.to_dict(), "article": article.to_dict()})


_Default = TypeVar("_Default", int, None)


def _int_arg(name: str, default: _Default, low: int, high: int | None = None) -> int | _Default:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < low or (high is not None and int(raw) > high):
        bound = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ApiError(400, "invalid_field", f"{name} must be a whole number {bound}.", field=name)
    return int(raw)


@bp.get("/v1/articles/<aid>/corrections")
def get_corrections(aid: str) -> Response:
    """One page of an article's corrections, oldest first: ``?limit=`` (default 100, at most
    500) after the correction id ``?after=``; ``next`` is the next page's URL or null."""
    if not ARTICLE_ID.fullmatch(aid):
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    limit = _int_arg("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    after = _int_arg("after", None, 0)
    db = current_db()
    total = count_corrections(db, aid)
    if not total and load_article(db, aid) is None:
        raise ApiError(404, "not_found", f"No article {aid!r}.")
    page = list_corrections(db, aid, after=after, limit=limit + 1)
    more = len(page) > limit
    page = page[:limit]
    nxt = f"/v1/articles/{aid}/corrections?after={page[-1].id}&limit={limit}" if more else None
    return jsonify({"corrections": [c.to_dict() for c in page], "total": total, "next": nxt})


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
