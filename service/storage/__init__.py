"""Review storage: articles (text stored once by content hash), their analyses and the
editors' corrections, in SQLAlchemy with Alembic migrations. SQLite in ``./var/`` by
default, PostgreSQL when ``DATABASE_URL`` says so."""

from service.storage.corrections import CorrectionError, CorrectionRequest, apply_corrections
from service.storage.db import Database, resolve_url
from service.storage.export import export_corrections, training_example
from service.storage.repository import (
    CorrectionRecord,
    StoredArticle,
    add_correction,
    load_article,
    recent_articles,
    save_article,
)

__all__ = [
    "CorrectionError",
    "CorrectionRequest",
    "CorrectionRecord",
    "Database",
    "StoredArticle",
    "add_correction",
    "apply_corrections",
    "export_corrections",
    "load_article",
    "recent_articles",
    "resolve_url",
    "save_article",
    "training_example",
]
