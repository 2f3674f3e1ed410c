"""What each source said: the ids of the attributions resting on it (``Source.attribution_ids``)."""

from __future__ import annotations

from service.engine.types import Attribution, Source


def source_attributions(attributions: list[Attribution]) -> dict[str, list[str]]:
    """For each source id, the ids of the attributions resting on it, in the attributions'
    order; a relation without a source is nobody's."""
    out: dict[str, list[str]] = {}
    for att in attributions:
        if att.source_id is not None:
            out.setdefault(att.source_id, []).append(att.id)
    return out


def with_attribution_ids(sources: list[Source], attributions: list[Attribution]) -> list[Source]:
    """``sources`` with their ``attribution_ids`` filled in from ``attributions``."""
    said = source_attributions(attributions)
    return [s.model_copy(update={"attribution_ids": said.get(s.id, [])}) for s in sources]
