"""Write protection shared by the article API and the review page.

- API keys: when ``REPORTEDLY_API_KEYS`` is set, writes need one of them in ``X-API-Key``
  (:func:`require_api_key`); reads of a permalink stay open.
- Cross-site requests: every POST (every route, the analysis ones included) whose
  ``Sec-Fetch-Site`` or ``Origin`` says it comes from another site is refused (403
  ``csrf_failed``) before its view runs (:func:`refuse_cross_site`, installed app-wide).
- CSRF: the page gets a token bound to an HttpOnly, SameSite=Strict cookie (an HMAC of the
  cookie's random value) and sends it in ``X-CSRF-Token``. A write that looks like it
  comes from a browser (an ``Origin`` or ``Sec-Fetch-Site`` header, or the cookie) must
  carry a valid token; clients like curl send none of these and are governed by the API
  key alone. The cookie is ``Secure`` on HTTPS requests, or always with
  ``REPORTEDLY_SECURE_COOKIES=true`` (a TLS proxy that does not say so).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import urllib.parse

from flask import Flask, Response, current_app, request

from service.web.errors import ApiError
from service.web.limits_access import require_api_key  # noqa: F401  (every /v1/ route's check)
from service.web.settings import Settings

API_KEY_HEADER = "X-API-Key"
CSRF_HEADER = "X-CSRF-Token"
CSRF_COOKIE = "reportedly_csrf"
_SECRET_KEY = "reportedly.csrf_secret"
_NONCE = re.compile(r"[A-Za-z0-9_-]{32,64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def settings() -> Settings:
    return current_app.config["REPORTEDLY_SETTINGS"]


def init_app(app: Flask, config: Settings) -> None:
    """Fix the CSRF signing key (configured, or random for this app and its workers)."""
    secret = config.csrf_secret.encode() if config.csrf_secret else secrets.token_bytes(32)
    app.extensions[_SECRET_KEY] = secret


def keys_required() -> bool:
    return bool(settings().api_keys)


def _sign(nonce: str) -> str:
    return hmac.new(current_app.extensions[_SECRET_KEY], nonce.encode(), hashlib.sha256).hexdigest()


def issue_csrf_token(response: Response) -> str:
    """The CSRF token for this browser, setting (or keeping) its cookie on ``response``."""
    nonce = request.cookies.get(CSRF_COOKIE, "")
    if not _NONCE.fullmatch(nonce):
        nonce = secrets.token_urlsafe(32)
    response.set_cookie(
        CSRF_COOKIE,
        nonce,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure or settings().secure_cookies,
        path="/",
    )
    return _sign(nonce)


def _same_origin(origin: str) -> bool:
    return origin.rstrip("/") == request.host_url.rstrip("/")


def refuse_cross_site() -> None:
    """403 ``csrf_failed`` for a request another site's page made (judged by the browser's
    ``Sec-Fetch-Site``, else by ``Origin`` against this host)."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    origin = request.headers.get("Origin")
    # The browser's own Sec-Fetch-Site is trusted over comparing Origin with Host, which a
    # reverse proxy may rewrite; browsers without it are judged by Origin.
    cross = fetch_site in ("cross-site", "same-site") or (
        fetch_site != "same-origin" and origin is not None and not _same_origin(origin)
    )
    if cross:
        raise ApiError(403, "csrf_failed", "Cross-site requests may not change anything.")


def refuse_cross_site_posts() -> None:
    """Before every request: :func:`refuse_cross_site` for anything but GET/HEAD/OPTIONS."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        refuse_cross_site()


def check_csrf() -> None:
    """403 ``csrf_failed`` for a cross-site request, or a browser request without a valid
    token."""
    refuse_cross_site()
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    origin = request.headers.get("Origin")
    nonce = request.cookies.get(CSRF_COOKIE)
    if not (fetch_site or origin is not None or nonce is not None):
        return  # not a browser: nothing ambient to forge
    token = request.headers.get(CSRF_HEADER, "")
    if not (nonce and _NONCE.fullmatch(nonce) and hmac.compare_digest(token, _sign(nonce))):
        raise ApiError(
            403, "csrf_failed", f"Missing or stale {CSRF_HEADER}; reload the page and try again."
        )


def require_write_access() -> None:
    """Everything a state-changing request must pass: CSRF, then the API key."""
    check_csrf()
    require_api_key()


def editor_name() -> str:
    """Who makes this change: the editor header (percent-encoded UTF-8 allowed), else the
    configured default."""
    config = settings()
    raw = urllib.parse.unquote(request.headers.get(config.editor_header, ""))
    name = " ".join(_CONTROL.sub(" ", raw).split())[:100]
    return name or config.default_editor
