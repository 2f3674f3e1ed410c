"""Structured logs: one JSON object a line, with the request id.

``service/gunicorn_conf.py`` installs :class:`JsonFormatter` on every handler (unless
``REPORTEDLY_LOG_FORMAT=text``), so gunicorn's own lines, its access log and the app's logs
all come out as JSON:

- every record: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``pid``, ``message``, and
  ``request_id`` when logged while answering a request; ``exception`` holds a traceback;
  fields passed with ``extra=`` are kept;
- access records (``gunicorn.access``): ``event: "access"``, ``method``, ``path`` (without
  the query string), ``status``, ``bytes``, ``duration_ms``, ``remote``, ``user_agent`` and
  the ``request_id`` the app answered with (the client's ``X-Request-ID``, or a new one).

Article text is never logged: not in access lines (no bodies, no query strings), not in the
app's messages (which name fields, sizes and codes, never the text).
"""

from __future__ import annotations

import json
import logging
import time

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("x", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _request_id() -> str | None:
    try:
        from flask import g, has_request_context
    except ImportError:  # pragma: no cover - flask is a dependency
        return None
    if has_request_context():
        return g.get("request_id")
    return None


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON (see the module docstring for the fields)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            out.update(_access_fields(record.args))
        else:
            out["message"] = record.getMessage()
            rid = getattr(record, "request_id", None) or _request_id()
            if rid:
                out["request_id"] = rid
            for key, value in vars(record).items():
                if key not in _STANDARD and key not in out and not key.startswith("_"):
                    out[key] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            out["exception"] = record.exc_text
        if record.stack_info:
            out["stack"] = self.formatStack(record.stack_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def _access_fields(atoms: dict) -> dict:
    """gunicorn's access-log atoms as JSON fields (no query string, no body)."""
    try:
        status: int | str = int(atoms.get("s", ""))
    except (TypeError, ValueError):
        status = str(atoms.get("s"))
    method, path = atoms.get("m") or "-", atoms.get("U") or "-"
    duration = atoms.get("D")
    return {
        "event": "access",
        "message": f"{method} {path} {status}",
        "method": method,
        "path": path,
        "status": status,
        "bytes": atoms.get("B"),
        "duration_ms": round(duration / 1000, 3) if isinstance(duration, int) else None,
        "remote": atoms.get("h"),
        "user_agent": atoms.get("{user-agent}i"),
        "request_id": atoms.get("{x-request-id}o"),
    }
