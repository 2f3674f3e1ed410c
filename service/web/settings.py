"""Web settings, read from ``REPORTEDLY_*`` environment variables (defaults in brackets):

- ``REPORTEDLY_MAX_BODY_BYTES`` (1000000): largest request body accepted, else 413
- ``REPORTEDLY_MAX_TEXT_CHARS`` (100000): longest article, in characters, else 413
- ``REPORTEDLY_MAX_SENTENCES`` (2000): most sentences in one article, else 422
- ``REPORTEDLY_MAX_BATCH_DOCUMENTS`` (32): most documents in one batch, else 413
- ``REPORTEDLY_MAX_BATCH_CHARS`` (300000): most characters in one batch, else 413
- ``REPORTEDLY_RATE_LIMIT`` (none): e.g. ``120/minute``, requests per API key (or client)
- ``REPORTEDLY_MODELS_DIR`` (package models): folder passed to ``Engine.load``
- ``REPORTEDLY_LOG_LEVEL`` (INFO): level of the ``service.web`` / app loggers
- ``REPORTEDLY_LOG_FORMAT`` (json): ``json`` (one object a line) or ``text``
- ``DATABASE_URL`` (SQLite in ``var/``): review storage (``REPORTEDLY_DATABASE_URL`` wins)
- ``REPORTEDLY_API_KEYS`` (none): comma-separated keys, each at least 16 characters; every
  ``/v1/`` route, the review index and stored articles' editors and notes then need one in
  ``X-API-Key``. Set but holding no key (``""``, ``","``): refused, so a typo never opens
  the server
- ``REPORTEDLY_ANALYSIS_TIMEOUT`` (10): seconds a request's analyses may take in all before
  503 ``analysis_timeout``; must stay below gunicorn's ``REPORTEDLY_TIMEOUT``
- ``REPORTEDLY_SECURE_COOKIES`` (false): ``true`` always marks cookies ``Secure`` (behind a TLS
  proxy that does not send ``X-Forwarded-Proto``); otherwise only on HTTPS requests
- ``REPORTEDLY_MAX_CORRECTIONS`` (500): most corrections stored per article, else 422
- ``REPORTEDLY_EDITOR_HEADER`` (X-Editor): request header naming the editor of a correction
- ``REPORTEDLY_EDITOR`` (anonymous): editor name when the header is absent
- ``REPORTEDLY_CSRF_SECRET`` (random): key signing the review page's CSRF tokens

gunicorn's own settings (workers, timeouts, recycling) are read by
``service/gunicorn_conf.py``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_PREFIX = "REPORTEDLY_"
DEFAULT_MAX_BODY_BYTES = 1_000_000
DEFAULT_MAX_TEXT_CHARS = 100_000
DEFAULT_MAX_SENTENCES = 2_000
DEFAULT_MAX_BATCH_DOCUMENTS = 32
DEFAULT_MAX_BATCH_CHARS = 300_000
DEFAULT_ANALYSIS_TIMEOUT = 10.0
DEFAULT_MAX_CORRECTIONS = 500
MIN_API_KEY_CHARS = 16
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
LOG_FORMATS = ("json", "text")
_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"\s*(\d+)\s*(?:/|per)\s*(\d+\s*)?(second|minute|hour|day)s?\s*", re.I)
# Positive integer limits: field name -> environment variable (without the prefix).
_INT_FIELDS = {
    "max_body_bytes": "MAX_BODY_BYTES",
    "max_text_chars": "MAX_TEXT_CHARS",
    "max_sentences": "MAX_SENTENCES",
    "max_batch_documents": "MAX_BATCH_DOCUMENTS",
    "max_batch_chars": "MAX_BATCH_CHARS",
    "max_corrections": "MAX_CORRECTIONS",
}


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


def parse_rate(value: str) -> tuple[int, float]:
    """``"120/minute"`` (also ``"10 per second"``, ``"500/5 minutes"``) as
    ``(requests, period in seconds)``."""
    m = _RATE.fullmatch(value or "")
    if not m or int(m.group(1)) < 1 or (m.group(2) is not None and int(m.group(2)) < 1):
        raise SettingsError(
            f"rate_limit must look like '120/minute' (requests per second, "
            f"minute, hour or day), not {value!r}"
        )
    return int(m.group(1)), float(int(m.group(2) or 1) * _PERIODS[m.group(3).lower()])


@dataclass(frozen=True)
class Settings:
    """Typed configuration for :func:`service.web.app.create_app`."""

    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    models_dir: Path | None = None
    log_level: str = "INFO"
    database_url: str | None = None  # None: SQLite in ./var/ (see service.storage.db)
    api_keys: tuple[str, ...] = ()
    editor_header: str = "X-Editor"
    default_editor: str = "anonymous"
    csrf_secret: str | None = None
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_sentences: int = DEFAULT_MAX_SENTENCES
    max_batch_documents: int = DEFAULT_MAX_BATCH_DOCUMENTS
    max_batch_chars: int = DEFAULT_MAX_BATCH_CHARS
    rate_limit: str | None = None  # "120/minute": per API key (or client address)
    log_format: str = "json"
    analysis_timeout: float = DEFAULT_ANALYSIS_TIMEOUT  # seconds; 0 turns the deadline off
    secure_cookies: bool = False
    max_corrections: int = DEFAULT_MAX_CORRECTIONS

    def __post_init__(self) -> None:
        for name in _INT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise SettingsError(f"{name} must be a positive integer, not {value!r}")
        level = str(self.log_level).upper()
        if level not in _LEVELS:
            raise SettingsError(
                f"log_level must be one of {', '.join(_LEVELS)}, not {self.log_level!r}"
            )
        object.__setattr__(self, "log_level", level)
        fmt = str(self.log_format).lower()
        if fmt not in LOG_FORMATS:
            raise SettingsError(
                f"log_format must be one of {', '.join(LOG_FORMATS)}, not {self.log_format!r}"
            )
        object.__setattr__(self, "log_format", fmt)
        if self.rate_limit is not None:
            parse_rate(self.rate_limit)
        if self.models_dir is not None:
            object.__setattr__(self, "models_dir", Path(self.models_dir))
        timeout = self.analysis_timeout
        if (
            isinstance(timeout, bool)
            or not isinstance(timeout, (int, float))
            or not (0 <= timeout < float("inf"))
        ):
            raise SettingsError(
                f"analysis_timeout must be a number of seconds (0: none), not {timeout!r}"
            )
        short = [k for k in self.api_keys if len(k) < MIN_API_KEY_CHARS]
        if short:
            raise SettingsError(
                f"API keys must be at least {MIN_API_KEY_CHARS} characters "
                f"(one has {len(short[0])}); make them with e.g. "
                f"python3 -c 'import secrets; print(secrets.token_urlsafe(24))'"
            )

    @property
    def log_level_number(self) -> int:
        """The :mod:`logging` level number for :attr:`log_level`."""
        return logging.getLevelName(self.log_level)

    @property
    def rate(self) -> tuple[int, float] | None:
        """:attr:`rate_limit` as ``(requests, period in seconds)``, or None (no limit)."""
        return None if self.rate_limit is None else parse_rate(self.rate_limit)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default :data:`os.environ`); unset or blank means default."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(ENV_PREFIX + name, "").strip()
            return value or None

        kwargs: dict = {}
        for key, name in _INT_FIELDS.items():
            if (raw := get(name)) is not None:
                try:
                    kwargs[key] = int(raw.replace("_", ""))
                except ValueError:
                    raise SettingsError(
                        f"{ENV_PREFIX}{name} must be an integer, not {raw!r}"
                    ) from None
        if (raw := get("MODELS_DIR")) is not None:
            kwargs["models_dir"] = Path(raw)
        if raw := get("DATABASE_URL") or env.get("DATABASE_URL", "").strip():
            kwargs["database_url"] = raw
        if ENV_PREFIX + "API_KEYS" in env:  # set, even to "": it must hold a key
            raw = env[ENV_PREFIX + "API_KEYS"]
            kwargs["api_keys"] = tuple(k.strip() for k in raw.split(",") if k.strip())
            if not kwargs["api_keys"]:
                raise SettingsError(
                    f"{ENV_PREFIX}API_KEYS is set but holds no key: give "
                    f"comma-separated keys, or unset it to run without keys"
                )
        if (raw := get("ANALYSIS_TIMEOUT")) is not None:
            try:
                kwargs["analysis_timeout"] = float(raw)
            except ValueError:
                raise SettingsError(
                    f"{ENV_PREFIX}ANALYSIS_TIMEOUT must be a number of seconds, not {raw!r}"
                ) from None
        if (raw := get("SECURE_COOKIES")) is not None:
            if raw.lower() not in _TRUE + _FALSE:
                raise SettingsError(
                    f"{ENV_PREFIX}SECURE_COOKIES must be true or false, not {raw!r}"
                )
            kwargs["secure_cookies"] = raw.lower() in _TRUE
        for name, key in (
            ("LOG_LEVEL", "log_level"),
            ("LOG_FORMAT", "log_format"),
            ("EDITOR_HEADER", "editor_header"),
            ("EDITOR", "default_editor"),
            ("CSRF_SECRET", "csrf_secret"),
            ("RATE_LIMIT", "rate_limit"),
        ):
            if (raw := get(name)) is not None:
                kwargs[key] = raw
        return cls(**kwargs)
