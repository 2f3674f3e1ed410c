"""Storage functions the web layer and the exporter call. Each commits before returning, so
whatever they acknowledge is on disk."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from service.engine.types import Analysis
from service.storage.corrections import apply_corrections
from service.storage.db import Database
from service.storage.models import ArticleRow, CorrectionRow, TextRow

TITLE_LENGTH = 200
EDITOR_LENGTH = 100


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def model_key(analysis: Analysis) -> str:
    """Fingerprint of the model version and component artifacts behind an analysis."""
    blob = json.dumps([analysis.model.version, analysis.model.components], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def article_id(sha: str, key: str) -> str:
    """The permalink id: the same text analysed by the same models gets the same id."""
    return hashlib.sha256(f"{sha}:{key}".encode()).hexdigest()[:16]


def title_of(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:TITLE_LENGTH]
    return ""


def iso(dt: datetime) -> str:
    """ISO 8601 in UTC (SQLite hands datetimes back without their zone)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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
    def from_row(cls, row: CorrectionRow) -> "CorrectionRecord":
        return cls(row.id, row.article_id, row.kind, row.target, row.before, row.after,
                   row.note, row.editor, iso(row.created_at))

    def to_dict(self) -> dict:
        return dict(self.__dict__)


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
            self.text, self.analysis, [c.to_dict() for c in self.corrections])
        return analysis, review

    def to_dict(self) -> dict:
        """The API's article object."""
        analysis, review = self.corrected()
        return {"id": self.id, "permalink": f"/review/{self.id}", "title": self.title,
                "text": self.text, "text_sha256": self.text_sha256, "created_at": self.created_at,
                "analysis": analysis, "review": review,
                "corrections": [c.to_dict() for c in self.corrections]}


def _stored(row: ArticleRow, corrections: list[CorrectionRow]) -> StoredArticle:
    return StoredArticle(row.id, row.text.content, row.text_sha256, row.title,
                         row.model_version, row.components, iso(row.created_at), row.analysis,
                         [CorrectionRecord.from_row(c) for c in corrections])


def _corrections(session, aid: str) -> list[CorrectionRow]:
    return list(session.scalars(select(CorrectionRow).where(CorrectionRow.article_id == aid)
                                .order_by(CorrectionRow.id)))


def save_article(db: Database, text: str, analysis: Analysis) -> tuple[StoredArticle, bool]:
    """Store ``text`` (once per content hash) and its analysis; (article, created).

    Saving the same text analysed by the same models again returns the stored article with
    its corrections."""
    sha, key = text_sha256(text), model_key(analysis)
    aid = article_id(sha, key)
    for attempt in range(2):  # a concurrent insert of the same article loses the race once
        try:
            with db.session(write=True) as s:
                row = s.get(ArticleRow, aid)
                if row is not None:
                    return _stored(row, _corrections(s, aid)), False
                if s.get(TextRow, sha) is None:
                    s.add(TextRow(sha256=sha, content=text, length=len(text)))
                    s.flush()
                row = ArticleRow(id=aid, text_sha256=sha, title=title_of(text),
                                 model_version=analysis.model.version, model_key=key,
                                 components=analysis.model.components,
                                 analysis=analysis.to_dict())
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


def add_correction(db: Database, aid: str, correction: dict, editor: str
                   ) -> tuple[CorrectionRecord, StoredArticle] | None:
    """Validate ``correction`` (kind, target, after[, note]) against the article as corrected
    so far, store it with its before value, commit; None if there is no such article.
    Raises CorrectionError or pydantic's ValidationError when it does not fit."""
    with db.session(write=True) as s:
        row = s.get(ArticleRow, aid, with_for_update=not db.is_sqlite)
        if row is None:
            return None
        rows = _corrections(s, aid)
        stored = _stored(row, rows)
        _, _, before = apply_corrections(stored.text, stored.analysis,
                                         [c.to_dict() for c in stored.corrections], correction)
        new = CorrectionRow(article_id=aid, kind=correction["kind"],
                            target=correction.get("target") or {}, before=before,
                            after=correction.get("after"), note=correction.get("note"),
                            editor=editor[:EDITOR_LENGTH])
        s.add(new)
        s.flush()
        s.refresh(new)
        record = CorrectionRecord.from_row(new)
        stored.corrections.append(record)
    return record, stored


def list_corrections(db: Database, aid: str | None = None) -> list[CorrectionRecord]:
    """Every correction (of one article, if ``aid``), oldest first."""
    with db.session() as s:
        query = select(CorrectionRow).order_by(CorrectionRow.id)
        if aid is not None:
            query = query.where(CorrectionRow.article_id == aid)
        return [CorrectionRecord.from_row(r) for r in s.scalars(query)]


def corrected_articles(db: Database) -> Iterator[StoredArticle]:
    """Articles with at least one correction, oldest first, one at a time."""
    with db.session() as s:
        ids = list(s.scalars(select(CorrectionRow.article_id)
                             .group_by(CorrectionRow.article_id)
                             .order_by(func.min(CorrectionRow.id))))
    for aid in ids:
        stored = load_article(db, aid)
        if stored is not None:
            yield stored


def recent_articles(db: Database, limit: int = 20) -> list[dict]:
    """The newest articles: id, title, created_at and how many corrections each has."""
    with db.session() as s:
        counts = (select(CorrectionRow.article_id, func.count().label("n"))
                  .group_by(CorrectionRow.article_id).subquery())
        query = (select(ArticleRow.id, ArticleRow.title, ArticleRow.created_at, counts.c.n)
                 .outerjoin(counts, counts.c.article_id == ArticleRow.id)
                 .order_by(ArticleRow.created_at.desc()).limit(limit))
        return [{"id": r.id, "title": r.title, "created_at": iso(r.created_at),
                 "corrections": r.n or 0} for r in s.execute(query)]
