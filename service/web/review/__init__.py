"""The editorial review page: ``GET /`` and ``/review`` (paste or upload an article),
``GET /review/<id>`` (the permalink of a stored article) and ``GET /review/csrf`` (a fresh
CSRF token). The page is a shell; ``static/`` scripts build the article view with
``textContent`` only, and every response carries a strict Content-Security-Policy
(:mod:`service.web.headers`). With API keys set, the index lists no stored article and a
permalink's page leaves out editors' names and notes (a page navigation carries no key)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, make_response, render_template
from sqlalchemy.exc import OperationalError

from service.storage import load_article, recent_articles
from service.storage.db import StorageError
from service.web.headers import CSP
from service.web.review import security
from service.web.review.articles import ARTICLE_ID, current_db, redacted

bp = Blueprint(
    "review",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/review/static",
)

RECENT = 12


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if response.mimetype in ("text/html", "application/json"):
        response.headers["Cache-Control"] = "no-store"
    return response


def _page(article: dict | None = None, status: int = 200, missing: str | None = None):
    response = make_response()
    token = security.issue_csrf_token(response)
    recent: list | None = []
    if article is None and not security.keys_required():
        try:
            recent = recent_articles(current_db(), RECENT)
        except (StorageError, OperationalError):
            recent = None  # the page still works for reading; saving will say why not
    config = security.settings()
    response.set_data(
        render_template(
            "review/page.html",
            article=article,
            recent=recent,
            csrf_token=token,
            keys_required=security.keys_required(),
            editor_header=config.editor_header,
            missing=missing,
        )
    )
    response.status_code = status
    response.mimetype = "text/html"
    return response


@bp.get("/")
@bp.get("/review")
def index() -> Response:
    """The page with an empty article form and the recently stored articles."""
    return _page()


@bp.get("/review/<aid>")
def permalink(aid: str) -> Response:
    """The page showing one stored article (404 page if there is none)."""
    article = load_article(current_db(), aid) if ARTICLE_ID.fullmatch(aid) else None
    if article is None:
        return _page(status=404, missing=aid)
    return _page(article.to_dict(redact=redacted()))


@bp.get("/review/csrf")
def csrf() -> Response:
    """A fresh CSRF token (and its cookie) for a page whose token went stale."""
    response = make_response()
    response.set_data(json.dumps({"token": security.issue_csrf_token(response)}))
    response.mimetype = "application/json"
    return response
