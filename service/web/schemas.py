"""Pydantic models for what the API accepts and returns, besides the engine's ``Analysis``.

The request is validated with these models and the OpenAPI document is generated from them,
so the two cannot drift apart.

``AnalyzeRequest`` forbids extra fields: a misspelt or not-yet-supported option is reported
(400 ``unknown_field``) instead of being silently ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from service.engine.bias.flags import PatternKind
from service.engine.types import Analysis


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnalyzeOptions(_Model):
    """What to compute besides sources and attributions. Unknown options are refused (400
    ``unknown_field``), so a misspelt one is never silently ignored."""

    model_config = ConfigDict(extra="forbid", strict=True)

    bias: bool = Field(
        True,
        description="Compute the bias signals (each sentence's `bias`, "
        "the writer's-voice scores). `false` skips that stage "
        "and its cost: every sentence's `bias` is null.",
    )


OPTION_FIELDS = tuple(AnalyzeOptions.model_fields)


class AnalyzeRequest(_Model):
    """The article to analyse."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(
        json_schema_extra={"minLength": 1},
        description="The article text. It must contain at least one non-white-space "
        "character. Offsets in the response are Python str indices (code points) "
        "into this exact string.",
        examples=["The plan will fail, the senator said."],
    )
    options: AnalyzeOptions | None = Field(
        None,
        description="Analysis options (default: everything). In a batch, a document's "
        "options replace the batch's.",
    )

    @field_validator("text")
    @classmethod
    def _check_text(cls, text: str) -> str:
        if not text.strip():
            raise PydanticCustomError(
                "empty_text", "must contain at least one non-white-space character"
            )
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise PydanticCustomError(
                "invalid_unicode",
                "contains an unpaired surrogate (a \\ud800-\\udfff escape), which is not "
                "valid Unicode",
            ) from None
        return text


class BatchDocument(AnalyzeRequest):
    """One article of a batch, with the caller's id for it."""

    id: str = Field(
        min_length=1,
        max_length=256,
        description="The caller's id for the document, echoed in its result.",
        examples=["story-1"],
    )


class BatchRequest(_Model):
    """Several articles to analyse in one request."""

    model_config = ConfigDict(extra="forbid", strict=True)

    documents: list[BatchDocument] = Field(
        min_length=1,
        description='The articles, each `{"id", "text"}`. A document that is not valid '
        "(missing or mistyped field, empty or over-long text) does not fail the "
        "batch: its result is an error.",
    )
    options: AnalyzeOptions | None = Field(
        None, description="Options for every document without its own `options`."
    )


class FieldError(_Model):
    """One problem with one field of the request."""

    field: str = Field(description='Dotted path of the field, e.g. "text".')
    code: str
    message: str


class ErrorDetail(_Model):
    """What went wrong, in a stable machine-readable ``code`` and a human ``message``."""

    code: str = Field(
        description='Stable error code, e.g. "empty_text" or "not_found".', examples=["empty_text"]
    )
    message: str = Field(description="Human-readable explanation.")
    field: str | None = Field(default=None, description="The request field at fault, if any.")
    details: list[FieldError] | None = Field(
        default=None, description="Every field problem, when there is more than one."
    )


class ErrorResponse(_Model):
    """The envelope of every error response."""

    error: ErrorDetail


class HealthResponse(_Model):
    """The process is up."""

    status: Literal["ok"] = "ok"


class ReadyResponse(_Model):
    """The models are loaded and requests can be served."""

    status: Literal["ready"] = "ready"
    components: dict[str, str] = Field(description="Component name to artifact id.")


class ComponentInfo(_Model):
    """One model component, from its ``model.json`` manifest."""

    name: str
    artifact_id: str
    created: str | None = Field(default=None, description="Training date, if recorded.")
    metrics: dict[str, Any] = Field(
        default_factory=dict, description="Model-card metrics (empty if none were recorded)."
    )
    libraries: dict[str, Any] = Field(
        default_factory=dict, description="Library versions the artifact was built with."
    )


class ModelsResponse(_Model):
    """The loaded models."""

    name: str
    version: str = Field(description="Version of the reportedly package serving the models.")
    components: list[ComponentInfo]


class LoadedVerb(_Model):
    """One entry of the loaded-attribution-verb table."""

    lemma: str
    forms: list[str]
    implies: str = Field(description="What the verb says about the source or the claim.")
    reason: str
    instead: str = Field(description="A neutral verb to use instead.")
    strength: Literal["strong", "mild"]
    provenance: list[str]


class BiasPattern(_Model):
    """One hedge, weasel or unattributed-claim pattern."""

    id: str
    kind: PatternKind = Field(
        description='unattributed_claim patterns are reported with kind "weasel" in analyses.'
    )
    pattern: str = Field(description="The regular expression (Python syntax, case-insensitive).")
    context: str = Field(description="Context checks beyond the pattern, in plain words.")
    reason: str
    examples: list[str]


class NotFlagged(_Model):
    verbs: str
    reason: str


class LexiconsResponse(_Model):
    """What the bias checks look for: the verb table and the pattern list."""

    loaded_verbs: list[LoadedVerb]
    patterns: list[BiasPattern]
    not_flagged: list[NotFlagged] = Field(
        description="Attribution verbs deliberately never flagged, and why."
    )


class BatchAnalysis(Analysis):
    """One document's analysis, with its ``id``."""

    id: str = Field(description="The document's id as sent.")


class BatchDocumentError(_Model):
    """A document that could not be analysed, with the error it would have had alone."""

    id: str | None = Field(description="The document's id, or null if it had no valid id.")
    status: int = Field(description="The HTTP status the document would have had alone.")
    error: ErrorDetail


class BatchResponse(_Model):
    """One result per document, in the order sent."""

    results: list[BatchAnalysis | BatchDocumentError]
