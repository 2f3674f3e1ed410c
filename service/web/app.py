"""The Flask application factory::

    app = create_app()               # settings from REPORTEDLY_* variables, models loaded once
    app = create_app(settings, eng)  # tests: explicit settings, a preloaded or stub engine

The engine is loaded when the app is created, so ``gunicorn --preload`` loads the models once
and the forked workers share them. If loading fails the app still starts: ``/healthz`` answers
200 and ``/readyz``, ``/v1/models`` and ``/v1/analyze`` answer 503 with the reason, so a
readiness probe keeps traffic away while the error is in the log.

Every request, in order: gets its id (the client's ``X-Request-ID`` if it is short printable
ASCII, else a new uuid4 hex; returned on every response), is timed and counted for
``/metrics`` (:mod:`.metrics`), is refused if it is a cross-site POST
(:func:`.review.security.refuse_cross_site_posts`), then passes the API key check (``/v1/``
routes) and the rate limit (``/v1/``, the review pages and every POST; :mod:`.limits_access`)
before the view runs; size limits are in :mod:`.limits`, the analysis deadline in
:mod:`.deadline`. Every response gets the security headers of :mod:`.headers`.
"""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request

from service.engine import Engine
from service.web import api, docs, engine_state, headers, limits_access, metrics, review
from service.web.errors import register_error_handlers
from service.web.review import articles
from service.web.settings import Settings

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is echoed only if it is short printable ASCII without spaces.
_VALID_REQUEST_ID = re.compile(r"[\x21-\x7e]{1,128}")


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> Flask:
    """Build the app. ``settings=None`` reads the environment; ``engine=None`` loads
    ``Engine.load(settings.models_dir)`` now."""
    settings = settings if settings is not None else Settings.from_env()
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, REPORTEDLY_SETTINGS=settings)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the models' field order
    app.logger.setLevel(settings.log_level_number)

    if engine is None:
        engine, error = _load_engine(app, settings)
        engine_state.install_engine(app, engine, error)
    else:
        engine_state.install_engine(app, engine)

    register_error_handlers(app)
    articles.init_app(app, settings)  # review storage (connected lazily) and write protection
    app.before_request(_assign_request_id)
    app.after_request(_add_request_id)
    # times and counts every request; GET /metrics with the loaded models
    metrics.init_app(app, engine_state.loaded_components)
    app.before_request(review.security.refuse_cross_site_posts)
    limits_access.init_app(app, settings)  # API keys on /v1/, the rate limit
    headers.init_app(app)  # nosniff, CSP, no framing on every response
    app.register_blueprint(api.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(review.bp)
    return app


def _load_engine(app: Flask, settings: Settings) -> tuple[Engine | None, str | None]:
    try:
        engine = Engine.load(settings.models_dir)
    except Exception as exc:  # any failure means "not ready", reported by /readyz
        app.logger.exception(
            "could not load models from %s", settings.models_dir or "the default models folder"
        )
        return None, f"{type(exc).__name__}: {exc}"
    app.logger.info("loaded models %s", engine.model_info.components)
    return engine, None


def _assign_request_id() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def _add_request_id(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id") or uuid.uuid4().hex
    return response
