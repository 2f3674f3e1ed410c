"""An article's sources: attribution source mentions grouped, typed, pronouns resolved."""

from service.engine.sources.grouping import PRONOUN_PARAGRAPH_WINDOW, Mention, resolve_sources

__all__ = ["Mention", "resolve_sources", "PRONOUN_PARAGRAPH_WINDOW"]
