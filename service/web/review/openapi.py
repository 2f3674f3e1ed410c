"""The OpenAPI part for stored articles, corrections and the review page (merged into the
document by :mod:`service.web.openapi`)."""

from __future__ import annotations

from collections.abc import Callable

from service.storage.corrections import CorrectionRequest
from service.web.review.schemas import (
    ArticleRequest,
    ArticleResponse,
    CorrectionList,
    CorrectionSaved,
    CorrectionsExport,
    CsrfToken,
)

JSON, TEXT, HTML = "application/json", "text/plain", "text/html"

SCHEMA_MODELS = (
    (ArticleRequest, "validation"),
    (CorrectionRequest, "validation"),
    (ArticleResponse, "serialization"),
    (CorrectionSaved, "serialization"),
    (CorrectionList, "serialization"),
    (CorrectionsExport, "serialization"),
    (CsrfToken, "serialization"),
)

ERROR_RESPONSES = {
    "Unauthorized": (
        401,
        "`REPORTEDLY_API_KEYS` is set and `X-API-Key` is missing or wrong (`unauthorized`).",
    ),
    "Forbidden": (
        403,
        "Cross-site request, or a browser request without a valid `X-CSRF-Token` (`csrf_failed`).",
    ),
    "Unprocessable": (
        422,
        "The correction does not fit the article: `unknown_target` "
        "(no such sentence, source, relation or flag), "
        "`span_out_of_range`; or the article has "
        "`REPORTEDLY_MAX_CORRECTIONS` already (`too_many_corrections`); "
        "or the HTML is too complex to parse safely (`html_too_complex`).",
    ),
    "Unavailable": (
        503,
        "The models are not loaded (`not_ready`), the review database is "
        "unavailable (`storage_unavailable`) or the analysis ran past the "
        "server's deadline (`analysis_timeout`; nothing was stored); "
        "`Retry-After` says when to try again.",
    ),
}

SECURITY_SCHEMES = {
    "ApiKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "Needed for writes and the export only when the server sets "
        "`REPORTEDLY_API_KEYS`.",
    }
}
_OPTIONAL_KEY: list[dict] = [{}, {"ApiKey": []}]
_CSRF = {
    "name": "X-CSRF-Token",
    "in": "header",
    "required": False,
    "description": "Required from browsers (the review page sends it).",
    "schema": {"type": "string"},
}
_EDITOR = {
    "name": "X-Editor",
    "in": "header",
    "required": False,
    "description": "Who makes the correction (percent-encoded UTF-8 allowed); the "
    "header name is `REPORTEDLY_EDITOR_HEADER`.",
    "schema": {"type": "string", "maxLength": 300},
}
_ID = {
    "name": "aid",
    "in": "path",
    "required": True,
    "description": "Article id.",
    "schema": {"type": "string", "pattern": "^[0-9a-f]{16}([0-9a-f]{16})?$"},
}
_PAGE = [
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "Corrections per page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
    },
    {
        "name": "after",
        "in": "query",
        "required": False,
        "description": "Only corrections with a larger id (the last id of the page before).",
        "schema": {"type": "integer", "minimum": 0},
    },
]


def review_paths(operation: Callable, ok: Callable, ref: Callable) -> dict:
    """Path items; ``operation``, ``ok`` and ``ref`` are the document's own builders."""
    article = ref("schemas", "ArticleResponse")
    page = ok(
        "The review page (HTML; scripts and styles from /review/static only).",
        {"type": "string"},
        HTML,
    )
    create = operation(
        "createArticle",
        "review",
        "Analyse and store an article",
        'Analyses `{"text"}` (or `{"html"}`, reduced to its article text) and stores '
        "the text once by SHA-256 with the analysis and model version, under a random id. "
        "201 when new, 200 when the same text was already stored by the same models (with "
        "its corrections). A text (or HTML) holding a NUL character is refused "
        "(400 `invalid_character`).",
        ok("Already stored; the stored article.", article),
        (
            "BadRequest",
            "Unauthorized",
            "Forbidden",
            "PayloadTooLarge",
            "UnsupportedMediaType",
            "Unprocessable",
            "Unavailable",
        ),
        parameters=[_CSRF],
        security=_OPTIONAL_KEY,
        requestBody={
            "required": True,
            "content": {
                JSON: {
                    "schema": ref("schemas", "ArticleRequest"),
                    "example": {"text": "The plan will fail, the senator said."},
                },
                TEXT: {"schema": {"type": "string", "minLength": 1}},
                HTML: {"schema": {"type": "string", "minLength": 1}},
            },
        },
    )
    create["responses"]["201"] = ok("Stored; the new article.", article)
    create["responses"] = dict(
        sorted(create["responses"].items(), key=lambda kv: (kv[0] == "default", kv[0]))
    )
    return {
        "/": {
            "get": operation(
                "reviewHome",
                "review",
                "Review page",
                "Paste or upload an article to analyse and review.",
                page,
            )
        },
        "/review": {"get": operation("review", "review", "Review page", "Same as `/`.", page)},
        "/review/{aid}": {
            "get": operation(
                "reviewArticle",
                "review",
                "Review page of a stored article",
                "The permalink of an article: its analysis with corrections, ready to correct.",
                page,
                ("NotFound",),
                parameters=[_ID],
            )
        },
        "/review/csrf": {
            "get": operation(
                "csrfToken",
                "review",
                "A fresh CSRF token",
                "Sets the CSRF cookie and returns the token to send in `X-CSRF-Token`.",
                ok("The token.", ref("schemas", "CsrfToken")),
            )
        },
        "/review/static/{filename}": {
            "get": operation(
                "reviewStatic",
                "review",
                "Review page assets",
                "Scripts and styles of the page.",
                ok("The file.", {"type": "string"}, "text/javascript"),
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
        "/v1/articles": {"post": create},
        "/v1/articles/{aid}": {
            "get": operation(
                "getArticle",
                "review",
                "A stored article",
                "The stored analysis with every correction applied, the review summary and the "
                "newest 20 corrections (`corrections_total` counts all; page through them with "
                "`/v1/articles/{aid}/corrections`). Open to read; when the server sets "
                "`REPORTEDLY_API_KEYS`, editors' names and notes are null without a key.",
                ok("The article.", article),
                ("NotFound", "Unavailable"),
                parameters=[_ID],
            )
        },
        "/v1/articles/{aid}/corrections": {
            "get": operation(
                "listCorrections",
                "review",
                "Corrections of an article",
                "Oldest first, a page at a time: `next` is the URL of the next page, or null.",
                ok("The corrections.", ref("schemas", "CorrectionList")),
                ("BadRequest", "Unauthorized", "NotFound", "Unavailable"),
                parameters=[_ID, *_PAGE],
                security=_OPTIONAL_KEY,
            ),
            "post": operation(
                "addCorrection",
                "review",
                "Correct an article",
                "Validates the correction against the article as corrected so far, stores "
                "it with the editor, time and before/after values, and commits before "
                "answering.",
                ok("Saved.", ref("schemas", "CorrectionSaved")),
                (
                    "BadRequest",
                    "Unauthorized",
                    "Forbidden",
                    "NotFound",
                    "UnsupportedMediaType",
                    "Unprocessable",
                    "Unavailable",
                ),
                parameters=[_ID, _CSRF, _EDITOR],
                security=_OPTIONAL_KEY,
                requestBody={
                    "required": True,
                    "content": {
                        JSON: {
                            "schema": ref("schemas", "CorrectionRequest"),
                            "example": {
                                "kind": "sentence_label",
                                "target": {"sentence": 0},
                                "after": {"label": "direct"},
                            },
                        }
                    },
                },
            ),
        },
        "/v1/corrections": {
            "get": operation(
                "exportCorrections",
                "review",
                "Corrections as training examples",
                "One example per corrected article, relations in the corpora's span format. "
                "`?format=jsonl` answers JSON Lines (application/x-ndjson).",
                ok("The examples.", ref("schemas", "CorrectionsExport")),
                ("BadRequest", "Unauthorized", "Unavailable"),
                security=_OPTIONAL_KEY,
                parameters=[
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["json", "jsonl"], "default": "json"},
                    }
                ],
            )
        },
    }
