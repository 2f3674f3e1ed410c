"""Turn a raw ``POST /v1/analyze`` request into a validated :class:`AnalyzeRequest`.

The body is read as bytes and decoded and parsed here (not with ``request.get_json()``), so
that every kind of bad input gets its own error code:

=========================  ======  ==========================
problem                    status  code
=========================  ======  ==========================
Content-Type not accepted  415     ``unsupported_media_type``
charset other than UTF-8   415     ``unsupported_charset``
body over the limit        413     ``payload_too_large``
body not UTF-8             400     ``invalid_encoding``
JSON body empty            400     ``empty_body``
JSON malformed             400     ``malformed_json``
JSON not an object         400     ``invalid_body``
field problems             400     see :data:`service.web.errors.VALIDATION_CODES`
=========================  ======  ==========================

``POST /v1/analyze/batch`` (:func:`parse_batch_request`) takes application/json only and
answers the whole request with one of these for a body, a ``documents`` array or a batch
that is wrong as a whole (no ``documents``: 400 ``missing_field``; not an array: 400
``invalid_type``; empty: 400 ``empty_batch``; over the limits in :mod:`service.web.limits`:
413). Each document is then checked alone (:func:`parse_batch_document`), so one bad
document gets an error result and the others are still analysed.
"""

from __future__ import annotations

import json

from flask import Request
from pydantic import BaseModel, ConfigDict, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from service.web.errors import ApiError, from_validation_error, json_type
from service.web.limits import check_batch
from service.web.schemas import AnalyzeOptions, AnalyzeRequest, BatchDocument
from service.web.settings import Settings


class _BatchOptions(BaseModel):
    """The batch-level ``options``, validated alone (so its errors are named options.x)."""

    model_config = ConfigDict(strict=True)
    options: AnalyzeOptions | None = None


JSON = "application/json"
TEXT = "text/plain"
ACCEPTED_TYPES = (JSON, TEXT)
_UTF8_NAMES = {"utf-8", "utf8"}
_READ_SIZE = 64 * 1024


def check_content_type(request: Request) -> str:
    """The request's media type if it is accepted (JSON or plain text in UTF-8), else 415."""
    mimetype = request.mimetype
    if mimetype not in ACCEPTED_TYPES:
        got = f"'{mimetype}'" if mimetype else "no Content-Type"
        raise ApiError(
            415,
            "unsupported_media_type",
            f'Send application/json ({{"text": "..."}}) or text/plain (UTF-8); got {got}.',
        )
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.strip().lower().replace("_", "-") not in _UTF8_NAMES:
        raise ApiError(
            415, "unsupported_charset", f"Only UTF-8 is accepted; got charset '{charset}'."
        )
    return mimetype


def read_body(request: Request) -> bytes:
    """The whole body, or 413 if it is over ``MAX_CONTENT_LENGTH``, chunked or not.

    With a Content-Length, Werkzeug refuses an oversized body before reading it. Without one
    (``Transfer-Encoding: chunked`` on a server that sets ``wsgi.input_terminated``, such as
    gunicorn), Werkzeug's ``get_data()`` stops reading at the limit and silently returns a
    truncated body, so such bodies are read here, one byte past the limit at most.
    """
    limit = request.max_content_length
    if (
        request.content_length is not None
        or limit is None
        or "wsgi.input_terminated" not in request.environ
    ):
        return request.get_data(cache=False)
    stream, chunks, size = request.input_stream, [], 0
    while chunk := stream.read(min(_READ_SIZE, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def decode_body(raw: bytes, *, strip_bom: bool) -> str:
    """``raw`` decoded as strict UTF-8, else 400 ``invalid_encoding``."""
    try:
        return raw.decode("utf-8-sig" if strip_bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400,
            "invalid_encoding",
            f"Request body is not valid UTF-8 (bad byte at offset {exc.start}).",
        ) from None


def parse_json_object(body: str) -> dict:
    """``body`` parsed as a JSON object, else a 400 saying what is wrong with it."""
    if not body.strip():
        raise ApiError(
            400, "empty_body", 'Request body is empty; expected a JSON object like {"text": "..."}.'
        )
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "malformed_json",
            f"Malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).",
        ) from None
    except RecursionError:
        raise ApiError(400, "malformed_json", "Malformed JSON: nested too deeply.") from None
    except ValueError as exc:  # e.g. an integer literal with too many digits
        raise ApiError(400, "malformed_json", f"Malformed JSON: {exc}.") from None
    if not isinstance(data, dict):
        raise ApiError(
            400,
            "invalid_body",
            f'JSON body must be an object like {{"text": "..."}}, not {json_type(data)}.',
        )
    return data


def parse_analyze_request(request: Request) -> AnalyzeRequest:
    """Validate content type, size, encoding, syntax and fields; raise :class:`ApiError`."""
    mimetype = check_content_type(request)
    raw = read_body(request)
    if mimetype == TEXT:
        data: dict = {"text": decode_body(raw, strip_bom=False)}
    else:
        data = parse_json_object(decode_body(raw, strip_bom=True))
    try:
        return AnalyzeRequest.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def parse_batch_request(request: Request, settings: Settings) -> tuple[list, AnalyzeOptions | None]:
    """The batch's ``documents`` (each still to be checked by :func:`parse_batch_document`)
    and its ``options``; raises :class:`ApiError` for what is wrong with the request as a
    whole (an invalid ``options`` included)."""
    if request.mimetype != JSON:
        got = f"'{request.mimetype}'" if request.mimetype else "no Content-Type"
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send the batch as application/json "
            f'({{"documents": [{{"id": "...", "text": "..."}}]}}); got {got}.',
        )
    check_content_type(request)  # the charset
    data = parse_json_object(decode_body(read_body(request), strip_bom=True))
    unknown = [k for k in data if k not in ("documents", "options")]
    if unknown:
        raise ApiError(
            400,
            "unknown_field",
            f"Unknown field '{unknown[0]}'; the request accepts only 'documents' and 'options'.",
            field=unknown[0],
        )
    options = None
    if data.get("options") is not None:
        try:
            options = _BatchOptions.model_validate({"options": data["options"]}).options
        except ValidationError as exc:
            raise from_validation_error(exc) from None
    if "documents" not in data:
        raise ApiError(400, "missing_field", "Field 'documents' is required.", field="documents")
    documents = data["documents"]
    if not isinstance(documents, list):
        raise ApiError(
            400,
            "invalid_type",
            f"Field 'documents' must be an array, not {json_type(documents)}.",
            field="documents",
        )
    if not documents:
        raise ApiError(
            400, "empty_batch", "Field 'documents' is empty; send at least one.", field="documents"
        )
    check_batch(documents, settings)
    return documents, options


def document_id(document) -> str | None:
    """A document's id if it has a usable one (to label its result), else None."""
    if isinstance(document, dict):
        value = document.get("id")
        if isinstance(value, str) and 0 < len(value) <= 256:
            return value
    return None


def parse_batch_document(document) -> BatchDocument:
    """One batch document validated like a single request (400 :class:`ApiError` if not)."""
    if not isinstance(document, dict):
        raise ApiError(
            400,
            "invalid_body",
            f"A document must be an object like "
            f'{{"id": "...", "text": "..."}}, not {json_type(document)}.',
        )
    try:
        return BatchDocument.model_validate(document)
    except ValidationError as exc:
        raise from_validation_error(exc, allowed=("id", "text", "options")) from None
