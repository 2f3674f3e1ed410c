"""The JSON error envelope, ``{"error": {"code", "message"[, "field", "details"]}}``, and the
handlers that make every error (HTTP, validation, bug) answer in it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from service.web import metrics
from service.web.schemas import OPTION_FIELDS, ErrorDetail, ErrorResponse, FieldError

# Stable codes for the HTTP errors the routing layer and Werkzeug raise.
HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "internal_error",
    503: "not_ready",
}

# pydantic error type -> API error code.
VALIDATION_CODES = {
    "missing": "missing_field",
    "string_type": "invalid_type",
    "bool_type": "invalid_type",
    "model_type": "invalid_type",
    "model_attributes_type": "invalid_type",
    "extra_forbidden": "unknown_field",
    "empty_text": "empty_text",
    "invalid_unicode": "invalid_unicode",
    "string_too_short": "invalid_field",
    "string_too_long": "invalid_field",
}

_EXPECTED = {
    "bool_type": "a boolean",
    "model_type": "an object",
    "model_attributes_type": "an object",
}
_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    type(None): "null",
}


class ApiError(Exception):
    """An error the client caused (or a state it must wait out), rendered as the envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        details: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.field, self.details, self.headers = field, details, headers or {}


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    details: list[FieldError] | None = None,
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
) -> Response:
    """A JSON response holding the error envelope."""
    body = ErrorResponse(
        error=ErrorDetail(code=code, message=message, field=field, details=details)
    )
    response = jsonify(body.model_dump(mode="json", exclude_none=True))
    response.status_code = status
    metrics.record_error(code)
    if headers:
        response.headers.extend(headers)
    return response


def json_type(value: Any) -> str:
    """The JSON name of a decoded JSON value's type ("object", "array", "number", ...)."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _quoted(names: tuple[str, ...]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _field_message(code: str, field: str, err: Mapping[str, Any], allowed: tuple[str, ...]) -> str:
    if code == "missing_field":
        return f"Field '{field}' is required."
    if code == "invalid_type":
        expected = _EXPECTED.get(err["type"], "a string")
        return f"Field '{field}' must be {expected}, not {json_type(err.get('input'))}."
    if code == "unknown_field":
        return f"Unknown field '{field}'; the request accepts only {_quoted(allowed)}."
    if code in ("empty_text", "invalid_unicode"):
        return f"Field '{field}' {err['msg']}."
    return f"Field '{field}': {err['msg']}."


def from_validation_error(
    exc: ValidationError, allowed: tuple[str, ...] = ("text", "options")
) -> ApiError:
    """A 400 :class:`ApiError` naming the first bad field, with every problem in ``details``
    (``allowed``: the fields the request accepts, named for an unknown one)."""
    problems = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(part) for part in err["loc"]) or "body"
        code = VALIDATION_CODES.get(err["type"], "invalid_field")
        names = OPTION_FIELDS if field.startswith("options.") else allowed
        problems.append(
            FieldError(field=field, code=code, message=_field_message(code, field, err, names))
        )
    first = problems[0]
    return ApiError(
        400,
        first.code,
        first.message,
        field=first.field,
        details=problems if len(problems) > 1 else None,
    )


def _snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "error"


def handle_api_error(exc: ApiError) -> Response:
    """Render an :class:`ApiError`."""
    return error_response(
        exc.status, exc.code, exc.message, field=exc.field, details=exc.details, headers=exc.headers
    )


def handle_http_exception(exc: HTTPException) -> Response | HTTPException:
    """Render a Werkzeug HTTP error (404, 405, 413, ...) as the envelope, keeping its headers
    (``Allow`` on a 405)."""
    if exc.code is None or exc.code < 400:
        return exc
    code = HTTP_ERROR_CODES.get(exc.code) or _snake(exc.name)
    message = exc.description or exc.name
    valid_methods = getattr(exc, "valid_methods", None)  # a MethodNotAllowed's
    if exc.code == 405 and valid_methods:
        message = (
            f"Method {request.method} is not allowed for {request.path}; "
            f"allowed: {', '.join(valid_methods)}."
        )
    elif exc.code == 413:
        message = (
            f"Request body is larger than the limit of "
            f"{current_app.config['MAX_CONTENT_LENGTH']} bytes."
        )
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
    return error_response(exc.code, code, message, headers=headers)


def handle_unexpected(exc: Exception) -> Response:
    """Last resort for bugs: log the traceback, answer a JSON 500 without it."""
    current_app.logger.exception("unhandled error (request id %s)", g.get("request_id", "-"))
    return error_response(
        500,
        "internal_error",
        "The server hit an unexpected error. It has been logged; "
        "quote the X-Request-ID header when reporting it.",
    )


def register_error_handlers(app: Flask) -> None:
    """Install the handlers on ``app`` (app-wide, so routing errors are covered too)."""
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
