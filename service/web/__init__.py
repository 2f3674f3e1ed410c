"""The REST layer: a Flask app over :class:`service.engine.Engine` (see :mod:`.app`)."""

from service.web.app import create_app
from service.web.settings import Settings

__all__ = ["create_app", "Settings"]
