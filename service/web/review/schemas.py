"""Pydantic models of the article and correction endpoints (validation and OpenAPI)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.engine.types import Analysis
from service.web.schemas import AnalyzeRequest


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRequest(_Model):
    """An article to analyse and store: its ``text``, or ``html`` to reduce to text first."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(
        None,
        json_schema_extra={"minLength": 1},
        description="The article text (as for /v1/analyze).",
    )
    html: str | None = Field(
        None,
        description="An HTML page or fragment; its article text "
        "is extracted (scripts, navigation dropped).",
    )

    @field_validator("text")
    @classmethod
    def _check_text(cls, text: str | None) -> str | None:
        return None if text is None else AnalyzeRequest._check_text(text)


class CorrectionOut(_Model):
    """A stored correction: what changed, from what, by whom and when."""

    id: int
    article_id: str
    kind: Literal[
        "sentence_label", "source", "relation_spans", "relation_delete", "relation_add", "bias_flag"
    ]
    target: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None = Field(description="null when withheld (keys set, none sent).")
    editor: str | None = Field(description="null when withheld (keys set, none sent).")
    created_at: str = Field(description="ISO 8601, UTC.")


class CorrectedIds(_Model):
    sentences: list[int]
    sources: list[str]
    attributions: list[str]


class ReviewedFlag(_Model):
    sentence: int
    start: int
    end: int
    kind: str
    status: Literal["confirmed", "dismissed"]
    reason: str
    text: str


class ReviewSummary(_Model):
    """What the corrections touched (dismissed flags are gone from ``analysis``)."""

    corrected: CorrectedIds
    deleted_attributions: list[dict[str, Any]]
    flags: list[ReviewedFlag]


class ArticleResponse(_Model):
    """A stored article: its analysis with every correction applied."""

    id: str
    permalink: str = Field(description="Path of the review page for this article.")
    title: str
    text: str = Field(description="The stored article text; offsets index it.")
    text_sha256: str
    created_at: str
    analysis: Analysis
    review: ReviewSummary
    corrections: list[CorrectionOut] = Field(description="The newest 20, oldest first.")
    corrections_total: int = Field(description="How many corrections the article has.")


class CorrectionSaved(_Model):
    """The correction as stored (committed) and the article with it applied."""

    correction: CorrectionOut
    article: ArticleResponse


class CorrectionList(_Model):
    """One page of an article's corrections, oldest first."""

    corrections: list[CorrectionOut]
    total: int = Field(description="How many corrections the article has.")
    next: str | None = Field(description="URL of the next page, null on the last.")


class CorrectionsExport(_Model):
    """Corrected articles as training examples (see ``service.storage.export``)."""

    count: int
    examples: list[dict[str, Any]]


class CsrfToken(_Model):
    token: str
