"""Security headers on every response (the API's JSON, errors, docs, metrics and the review
page alike): no MIME sniffing, no framing, no referrer to other sites, and a
Content-Security-Policy that lets a page load scripts and styles from this service only
(a JSON or text response runs nothing, so the same policy costs it nothing)."""

from __future__ import annotations

from flask import Flask, Response

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    """Set every header of :data:`HEADERS` a view did not set itself."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
