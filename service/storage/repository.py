"""Storage functions the web layer and the exporter call. Each commits before returning, so
whatever they acknowledge is on disk.

Article ids are random (128 bits), never derived from the text, so nobody can compute the
id of a guessed text to learn whether it was stored."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from service.engine.types import Analysis
from service.storage.corrections import CorrectionError, apply_corrections
from service.storage.db import Database
from service.storage.models import ArticleRow, CorrectionRow, TextRow

TITLE_LENGTH = 200
EDITOR_LENGTH = 100
ARTICLE_CORRECTIONS = 20  # the newest corrections an article object carries; the rest paged


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def model_key(analysis: Analysis) -> str:
    """Fingerprint of the model version and component artifacts behind an analysis."""
    blob = json.dumps([analysis.model.version, analysis.model.components], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def new_article_id() -> str:
    """A fresh permalink id: 32 random hex digits (ids made before were 16)."""
    return secrets.token_hex(16)


def title_of(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:TITLE_LENGTH]
    return ""


def iso(dt: datetime) -> str:
    """ISO 8601 in UTC (SQLite hands datetimes back without their zone)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class CorrectionRecord:
    id: int
    article_id: str
    kind: str
    target: dict
    before: dict | None
    after: dict | None
    note: str | None
    editor: str
    created_at: str

    @classmethod
    def from_row(cls, row: CorrectionRow) -> CorrectionRecord:
        return cls(
            row.id,
            row.article_id,
            row.kind,
            row.target,
            row.before,
            row.after,
            row.note,
            row.editor,
            iso(row.created_at),
        )

    def to_dict(self, redact: bool = False) -> dict:
        """The API's correction object; ``redact`` leaves out the editor and the note."""
        out = dict(self.__dict__)
        if redact:
            out["editor"] = out["note"] = None
        return out


@dataclass
class StoredArticle:
    id: str
    text: str
    text_sha256: str
    title: str
    model_version: str
    components: dict
    created_at: str
    analysis: dict  # as the model produced it
    corrections: list[CorrectionRecord] = field(default_factory=list)

    def corrected(self) -> tuple[dict, dict]:
        """(analysis with every correction applied, review summary)."""
        analysis, review, _ = apply_corrections(
            self.text, self.analysis, [c.to_dict() for c in self.corrections]
        )
        return analysis, review

    def to_dict(self, redact: bool = False) -> dict:
        """The API's article object, with its newest :data:`ARTICLE_CORRECTIONS` corrections
        (all of them are paged by ``GET /v1/articles/<id>/corrections``); ``redact`` leaves
        out editors' names and notes."""
        analysis, review = self.corrected()
        newest = self.corrections[-ARTICLE_CORRECTIONS:]
        return {
            "id": self.id,
            "permalink": f"/review/{self.id}",
            "title": self.title,
            "text": self.text,
            "text_sha256": self.text_sha256,
            "created_at": self.created_at,
            "analysis": analysis,
            "review": review,
            "corrections": [c.to_dict(redact) for c in newest],
            "corrections_total": len(self.corrections),
        }


def _stored(row: ArticleRow, corrections: list[CorrectionRow]) -> StoredArticle:
    return StoredArticle(
        row.id,
        row.text.content,
        row.text_sha256,
        row.title,
        row.model_version,
        row.components,
        iso(row.created_at),
        row.analysis,
        [CorrectionRecord.from_row(c) for c in corrections],
    )


def _corrections(session, aid: str) -> list[CorrectionRow]:
    return list(
        session.scalars(
            select(CorrectionRow).where(CorrectionRow.article_id == aid).order_by(CorrectionRow.id)
        )
    )


def save_article(db: Database, text: str, analysis: Analysis) -> tuple[StoredArticle, bool]:
    """Store ``text`` (once per content hash) and its analysis; (article, created).

    Saving the same text analysed by the same models again returns the stored article with
    its corrections."""
    sha, key = text_sha256(text), model_key(analysis)
    for attempt in range(2):  # a concurrent insert of the same article loses the race once
        try:
            with db.session(write=True) as s:
                row = s.scalars(
                    select(ArticleRow).where(
                        ArticleRow.text_sha256 == sha, ArticleRow.model_key == key
                    )
                ).first()
                if row is not None:
                    return _stored(row, _corrections(s, row.id)), False
                if s.get(TextRow, sha) is None:
                    s.add(TextRow(sha256=sha, content=text, length=len(text)))
                    s.flush()
                row = ArticleRow(
                    id=new_article_id(),
                    text_sha256=sha,
                    title=title_of(text),
                    model_version=analysis.model.version,
                    model_key=key,
                    components=analysis.model.components,
                    analysis=analysis.to_dict(),
                )
                s.add(row)
                s.flush()
                s.refresh(row)
                stored = _stored(row, [])
            return stored, True
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def load_article(db: Database, aid: str) -> StoredArticle | None:
    """The stored article with its corrections, or None."""
    with db.session() as s:
        row = s.get(ArticleRow, aid)
        return None if row is None else _stored(row, _corrections(s, aid))


def add_correction(
    db: Database, aid: str, correction: dict, editor: str, max_corrections: int | None = None
) -> tuple[CorrectionRecord, StoredArticle] | None:
    """Validate ``correction`` (kind, target, after[, note]) against the article as corrected
    so far, store it with its before value, commit; None if there is no such article.
    Raises CorrectionError or pydantic's ValidationError when it does not fit, and
    CorrectionError ``too_many_corrections`` when the article has ``max_corrections``."""
    with db.session(write=True) as s:
        row = s.get(ArticleRow, aid, with_for_update=not db.is_sqlite)
        if row is None:
            return None
        rows = _corrections(s, aid)
        if max_corrections is not None and len(rows) >= max_corrections:
            raise CorrectionError(
                "too_many_corrections",
                f"article {aid} has {len(rows)} corrections, the most this "
                f"server keeps for one article",
            )
        stored = _stored(row, rows)
        _, _, before = apply_corrections(
            stored.text, stored.analysis, [c.to_dict() for c in stored.corrections], correction
        )
        new = CorrectionRow(
            article_id=aid,
            kind=correction["kind"],
            target=correction.get("target") or {},
            before=before,
            after=correction.get("after"),
            note=correction.get("note"),
            editor=editor[:EDITOR_LENGTH],
        )
        s.add(new)
        s.flush()
        s.refresh(new)
        record = CorrectionRecord.from_row(new)
        stored.corrections.append(record)
    return record, stored


def list_corrections(
    db: Database, aid: str | None = None, *, after: int | None = None, limit: int | None = None
) -> list[CorrectionRecord]:
    """Corrections (of one article, if ``aid``), oldest first: those with an id above
    ``after``, at most ``limit`` of them."""
    with db.session() as s:
        query = select(CorrectionRow).order_by(CorrectionRow.id)
        if aid is not None:
            query = query.where(CorrectionRow.article_id == aid)
        if after is not None:
            query = query.where(CorrectionRow.id > after)
        if limit is not None:
            query = query.limit(limit)
        return [CorrectionRecord.from_row(r) for r in s.scalars(query)]


def count_corrections(db: Database, aid: str) -> int:
    """How many corrections article ``aid`` has."""
    with db.session() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(CorrectionRow)
                .where(CorrectionRow.article_id == aid)
            )
            or 0
        )


def corrected_articles(db: Database) -> Iterator[StoredArticle]:
    """Articles with at least one correction, oldest first, one at a time."""
    with db.session() as s:
        ids = list(
            s.scalars(
                select(CorrectionRow.article_id)
                .group_by(CorrectionRow.article_id)
                .order_by(func.min(CorrectionRow.id))
            )
        )
    for aid in ids:
        stored = load_article(db, aid)
        if stored is not None:
            yield stored


def recent_articles(db: Database, limit: int = 20) -> list[dict]:
    """The newest articles: id, title, created_at and how many corrections each has."""
    with db.session() as s:
        counts = (
            select(CorrectionRow.article_id, func.count().label("n"))
            .group_by(CorrectionRow.article_id)
            .subquery()
        )
        query = (
            select(ArticleRow.id, ArticleRow.title, ArticleRow.created_at, counts.c.n)
            .outerjoin(counts, counts.c.article_id == ArticleRow.id)
            .order_by(ArticleRow.created_at.desc())
            .limit(limit)
        )
        return [
            {"id": r.id, "title": r.title, "created_at": iso(r.created_at), "corrections": r.n or 0}
            for r in s.execute(query)
        ]
