"""Web settings, read from ``REPORTEDLY_*`` environment variables.

==============================  ==============  ==========================================
variable                        default         meaning
==============================  ==============  ==========================================
``REPORTEDLY_MAX_BODY_BYTES``   ``1000000``     largest request body accepted (else 413)
``REPORTEDLY_MODELS_DIR``       package models  folder passed to ``Engine.load``
``REPORTEDLY_LOG_LEVEL``        ``INFO``        level of the ``service.web`` / app loggers
``DATABASE_URL``                ``var/`` SQLite  review storage (``REPORTEDLY_DATABASE_URL`` wins)
``REPORTEDLY_API_KEYS``         none            comma-separated keys; writes then need ``X-API-Key``
``REPORTEDLY_EDITOR_HEADER``    ``X-Editor``    request header naming the editor of a correction
``REPORTEDLY_EDITOR``           ``anonymous``   editor name when the header is absent
``REPORTEDLY_CSRF_SECRET``      random          key signing the review page's CSRF tokens
==============================  ==============  ==========================================
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_PREFIX = "REPORTEDLY_"
DEFAULT_MAX_BODY_BYTES = 1_000_000
_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class SettingsError(ValueError):
    """An environment variable holds a value the service cannot use."""


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

    def __post_init__(self) -> None:
        if isinstance(self.max_body_bytes, bool) or not isinstance(self.max_body_bytes, int) \
                or self.max_body_bytes <= 0:
            raise SettingsError(f"max_body_bytes must be a positive integer, "
                                f"not {self.max_body_bytes!r}")
        level = str(self.log_level).upper()
        if level not in _LEVELS:
            raise SettingsError(f"log_level must be one of {', '.join(_LEVELS)}, "
                                f"not {self.log_level!r}")
        object.__setattr__(self, "log_level", level)
        if self.models_dir is not None:
            object.__setattr__(self, "models_dir", Path(self.models_dir))

    @property
    def log_level_number(self) -> int:
        """The :mod:`logging` level number for :attr:`log_level`."""
        return logging.getLevelName(self.log_level)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Settings from ``environ`` (default :data:`os.environ`); unset or blank means default."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(ENV_PREFIX + name, "").strip()
            return value or None

        kwargs: dict = {}
        if (raw := get("MAX_BODY_BYTES")) is not None:
            try:
                kwargs["max_body_bytes"] = int(raw.replace("_", ""))
            except ValueError:
                raise SettingsError(
                    f"{ENV_PREFIX}MAX_BODY_BYTES must be an integer, not {raw!r}") from None
        if (raw := get("MODELS_DIR")) is not None:
            kwargs["models_dir"] = Path(raw)
        if (raw := get("LOG_LEVEL")) is not None:
            kwargs["log_level"] = raw
        if raw := get("DATABASE_URL") or env.get("DATABASE_URL", "").strip():
            kwargs["database_url"] = raw
        if (raw := get("API_KEYS")) is not None:
            kwargs["api_keys"] = tuple(k.strip() for k in raw.split(",") if k.strip())
        for name, key in (("EDITOR_HEADER", "editor_header"), ("EDITOR", "default_editor"),
                          ("CSRF_SECRET", "csrf_secret")):
            if (raw := get(name)) is not None:
                kwargs[key] = raw
        return cls(**kwargs)
