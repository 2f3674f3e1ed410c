"""The analysis result: one typed structure with one JSON serialisation (schema_version "1").

Spans are character offsets into the exact text submitted (Python ``str`` indices,
end exclusive), like spaCy's ``Span.start_char``/``end_char``.
"""

from __future__ import annotations

import json
from typing import Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from service.engine.tokens import without_surrogates

SCHEMA_VERSION: Final = "1"

# The kinds and types an analysis can hold, defined once: the storage's corrections, the API
# schemas and the review page (a test compares its lists) take them from here.
AttributionKind = Literal["direct_quote", "indirect", "mixed", "according_to", "hedge"]
BiasFlagKind = Literal["loaded_wording", "loaded_verb", "hedge", "weasel"]
SourceType = Literal["person", "organization", "publication", "document", "anonymous", "unknown"]
ATTRIBUTION_KINDS: tuple[str, ...] = get_args(AttributionKind)
BIAS_FLAG_KINDS: tuple[str, ...] = get_args(BiasFlagKind)
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the submitted text."""

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="text[start:end]")


class BiasFlag(Span):
    """Words that may colour the article, with whose words they are and why they are flagged."""

    kind: BiasFlagKind
    voice: Literal["writer", "source"]
    reason: str = Field(
        description="What the words do, in plain words, with a neutral "
        "alternative where one exists."
    )
    rule: str = Field(
        description='What fired: a verb lemma ("claim"), a pattern id '
        '("weasel.vague_group", "unattributed.mind") or '
        '"wording" (the bias model).'
    )
    confidence: float = Field(
        1.0, ge=0, le=1, description="How sure the engine is that the flag is right."
    )
    evidence: str = Field(
        "",
        description="Where the flag comes from: word lists, corpus "
        "figures, model weight (shown on demand).",
    )


class SentenceBias(_Model):
    score: float = Field(ge=0, le=1, description="Probability that the wording is biased.")
    biased: bool
    voice: Literal["writer", "source", "mixed"]
    flags: list[BiasFlag] = Field(default_factory=list)


class Sentence(_Model):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    label: Literal["reported", "direct"]
    probability: float = Field(ge=0, le=1, description='Probability of "reported".')
    attribution_ids: list[str] = Field(default_factory=list)
    bias: SentenceBias | None = None


CueClass = Literal["assertion", "belief", "knowledge", "intention"]


class Attribution(_Model):
    id: str
    cue: Span
    source: Span | None = None
    content: Span | None = None
    kind: AttributionKind
    source_id: str | None = None
    verb: str | None = None
    cue_class: CueClass = Field(
        "assertion",
        description="PARC attribution type of the cue: assertion (said, told, wrote, "
        "announced, denied, according to, reportedly), belief (believes, thinks, "
        "expects, fears), knowledge (knows, learned, found that, realised) or "
        "intention (wants, plans, hopes, intends).",
    )
    confidence: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Probability that the relation is right, calibrated on PolNeAR dev "
        "(see the spans model card).",
    )


class Source(_Model):
    id: str
    name: str
    type: SourceType
    named: bool
    mentions: list[Span] = Field(default_factory=list)
    attribution_count: int = Field(ge=0)
    attribution_ids: list[str] = Field(
        default_factory=list,
        description="Ids of the attributions resting on this source, in the order of "
        "`attributions`: what the source said, without a join.",
    )


class Scores(_Model):
    """Article scores; every share is 0.0 when its denominator is zero (see the README)."""

    sentences: int = Field(ge=0)
    reported_sentences: int = Field(ge=0)
    attribution_density: float = Field(
        ge=0, le=1, description="Reported sentences over sentences (0.0 with no sentences)."
    )
    attributions: int = Field(0, ge=0, description="Attribution relations found.")
    sources: int = Field(0, ge=0, description="Distinct sources after grouping mentions.")
    named_sources: int = Field(0, ge=0, description="Sources identified by name.")
    anonymous_sources: int = Field(0, ge=0, description="Sources of type anonymous.")
    anonymous_share: float = Field(
        0.0, ge=0, le=1, description="Anonymous sources over all sources."
    )
    anonymous_attribution_share: float = Field(
        0.0, ge=0, le=1, description="Relations resting on anonymous sources over all relations."
    )
    top_source_share: float = Field(
        0.0,
        ge=0,
        le=1,
        description="Relations resting on the most cited source over all relations.",
    )
    source_diversity: float = Field(
        0.0,
        ge=0,
        le=1,
        description="Normalised entropy of relations over sources (0 for one source, 1 for even use).",
    )
    direct_quote_share: float = Field(
        0.0, ge=0, le=1, description="Relations of kind direct_quote over all relations."
    )
    content_share: float = Field(
        0.0, ge=0, le=1, description="Word tokens inside content spans over all word tokens."
    )
    writer_bias_share: float = Field(
        0.0,
        ge=0,
        le=1,
        description="Biased sentences in the writer's voice over sentences in the writer's voice.",
    )
    loaded_verbs: int = Field(0, ge=0, description="Loaded attribution verbs (writer's voice).")
    hedges: int = Field(0, ge=0, description="Hedges (writer's voice).")
    weasels: int = Field(0, ge=0, description="Weasel attributions (writer's voice).")
    unattributed_claims: int = Field(
        0,
        ge=0,
        description="Claims about what someone thinks or intends, with no source "
        "(writer's voice; flagged as weasels).",
    )


class ModelInfo(_Model):
    name: str = "reportedly"
    version: str
    components: dict[str, str] = Field(description="Component name to artifact id.")


class Analysis(_Model):
    """Everything reportedly says about one article."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    model: ModelInfo
    text_length: int = Field(ge=0, description="Length of the submitted text in characters.")
    sentences: list[Sentence]
    attributions: list[Attribution] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    scores: Scores

    def to_dict(self) -> dict:
        """The JSON-ready dict every interface returns."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = None) -> str:
        """Compact (or indented) JSON; text with lone surrogates falls back to ASCII escapes."""
        try:
            return self.model_dump_json(indent=indent)
        except ValueError:  # lone surrogates cannot be UTF-8: show them as U+FFFD (same length)
            text = json.dumps(
                self.to_dict(),
                indent=indent,
                ensure_ascii=False,
                separators=(",", ":") if indent is None else None,
            )
            return without_surrogates(text)
