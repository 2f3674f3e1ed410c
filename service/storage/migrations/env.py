"""Alembic environment: migrations run on the connection handed over by
:meth:`service.storage.db.Database.migrate`, or (from the ``alembic`` command line with
``service/storage/alembic.ini``) on ``DATABASE_URL``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from service.storage.db import resolve_url
from service.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    import os

    url = resolve_url(os.environ.get("REPORTEDLY_DATABASE_URL") or os.environ.get("DATABASE_URL"))
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    import os

    url = resolve_url(os.environ.get("REPORTEDLY_DATABASE_URL") or os.environ.get("DATABASE_URL"))
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
