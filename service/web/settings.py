"""Web settings, read from ``REPORTEDLY_*`` environment variables.

==============================  ==============  ==========================================
variable                        default         meaning
==============================  ==============  ==========================================
``REPORTEDLY_MAX_BODY_BYTES``   ``1000000``     largest request body accepted (else 413)
``REPORTEDLY_MODELS_DIR``       package models  folder passed to ``Engine.load``
``REPORTEDLY_LOG_LEVEL``        ``INFO``        level of the ``service.web`` / app loggers
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
        return cls(**kwargs)
