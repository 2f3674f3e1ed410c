"""Text in, :class:`~service.engine.types.Analysis` out. Imports neither web nor training."""

from service.engine.pipeline import Engine
from service.engine.types import Analysis

__all__ = ["Engine", "Analysis"]
