"""``GET /openapi.json`` and ``GET /docs``: the generated OpenAPI document, and an HTML page
rendered from it on the server (no JavaScript, no CDN: it works offline).

Swagger UI from swagger-ui-bundle was not used: the bundled Swagger UI is 4.15.5, which only
renders OpenAPI 3.0.x documents, and this one is 3.1.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, render_template
from markupsafe import Markup, escape

from service.web.openapi import build_openapi

bp = Blueprint("docs", __name__)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def current_openapi() -> dict:
    """The OpenAPI document for the current app's settings."""
    return build_openapi(current_app.config["MAX_CONTENT_LENGTH"])


@bp.get("/openapi.json")
def openapi_json() -> Response:
    """The OpenAPI 3.1 document."""
    return jsonify(current_openapi())


@bp.get("/docs")
def docs() -> str:
    """Browsable API documentation rendered from the OpenAPI document."""
    spec = current_openapi()
    operations = [
        {"path": path, "method": method, **op}
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]
    return render_template(
        "docs.html", spec=spec, operations=operations, components=spec["components"]
    )


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


@bp.app_template_filter("schema_type")
def schema_type(schema: dict) -> Markup:
    """A short HTML rendering of a JSON schema's type, linking to named schemas."""
    if not isinstance(schema, dict) or not schema:
        return Markup("any")
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return Markup('<a href="#schema-{0}">{0}</a>').format(name)
    if "const" in schema:
        return Markup("<code>{}</code>").format(json.dumps(schema["const"]))
    if "enum" in schema:
        return Markup(" | ").join(
            Markup("<code>{}</code>").format(json.dumps(v)) for v in schema["enum"]
        )
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            sep = " &amp; " if key == "allOf" else " | "
            return Markup(sep).join(schema_type(s) for s in schema[key])
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return Markup(" | ").join(escape(k) for k in kind)
    if kind == "array":
        return Markup("array of {}").format(schema_type(schema.get("items", {})))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return Markup("object of {}").format(schema_type(schema["additionalProperties"]))
    return escape(kind)


@bp.app_template_filter("inline_code")
def inline_code(text: str) -> Markup:
    """``text`` escaped, with Markdown-style `backtick` spans as ``<code>``."""
    parts = str(escape(text or "")).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


@bp.app_template_filter("constraints")
def constraints(schema: dict) -> str:
    """Constraints and default of a property schema, as plain text."""
    parts = []
    for key, label in (
        ("minimum", "≥"),
        ("maximum", "≤"),
        ("minLength", "min length"),
        ("maxLength", "max length"),
    ):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    if "default" in schema:
        parts.append(f"default {json.dumps(schema['default'])}")
    return ", ".join(parts)


@bp.app_template_filter("resolve")
def resolve(obj: dict, spec: dict) -> dict:
    """``obj`` with a local ``$ref`` followed, once."""
    if isinstance(obj, dict) and "$ref" in obj:
        node = spec
        for part in obj["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return node
    return obj
