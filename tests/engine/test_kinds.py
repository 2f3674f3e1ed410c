"""Attribution kinds, source types and flag kinds are defined once (types.py, bias/flags.py)
and everything that lists them agrees."""

from __future__ import annotations

from typing import get_args

from service.engine.bias import analyse
from service.engine.bias.flags import FlagKind, PatternKind
from service.engine.bias.hedges import PATTERNS
from service.engine.types import (
    ATTRIBUTION_KINDS,
    BIAS_FLAG_KINDS,
    SOURCE_TYPES,
    Attribution,
    BiasFlag,
    Source,
)
from service.storage.corrections import RelationAddAfter, RelationSpansAfter, SourceAfter


def enum(model, field: str) -> tuple[str, ...]:
    schema = model.model_json_schema()["properties"][field]
    options = schema.get("anyOf", [schema])
    return tuple(v for o in options for v in o.get("enum", ()))


def test_the_schema_and_the_corrections_take_the_kinds_from_types():
    assert enum(Attribution, "kind") == ATTRIBUTION_KINDS
    assert enum(RelationSpansAfter, "kind") == enum(RelationAddAfter, "kind") == ATTRIBUTION_KINDS
    assert enum(Source, "type") == enum(SourceAfter, "type") == SOURCE_TYPES
    assert enum(BiasFlag, "kind") == BIAS_FLAG_KINDS


def test_every_detector_kind_has_a_confidence_and_an_analysis_kind():
    assert set(analyse.RULE_CONFIDENCE) == set(get_args(FlagKind))
    assert {p.kind for p in PATTERNS} == set(get_args(PatternKind))
    # unattributed claims are reported as weasels; the rest keep their kind
    assert set(get_args(FlagKind)) - {"unattributed_claim"} < set(BIAS_FLAG_KINDS)
