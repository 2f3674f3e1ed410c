"""The database handle: URL resolution, one SQLAlchemy engine per process, SQLite durability
settings and migrations run once (under a lock) before first use.

SQLite runs in WAL mode with ``synchronous=FULL``: a committed transaction is on disk before
the commit returns, so a correction acknowledged to the page survives ``kill -9`` (and a
power cut). Engines are created lazily and again after a fork, so gunicorn's preloading
master never shares a connection with its workers.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
DEFAULT_SQLITE = Path("var") / "reportedly.db"
_PG_LOCK_ID = 0x7265706F  # pg_advisory_lock key for migrations ("repo")


class StorageError(RuntimeError):
    """The database cannot be reached or migrated."""


def resolve_url(url: str | None = None) -> str:
    """A SQLAlchemy URL: ``None`` is SQLite in ``./var/``; ``postgres://`` and bare
    ``postgresql://`` use the psycopg (3) driver."""
    if not url:
        return f"sqlite:///{(Path.cwd() / DEFAULT_SQLITE).resolve()}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun by _sqlite_begin below
    cur = dbapi_conn.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def _sqlite_begin(conn) -> None:
    """Writers take SQLite's write lock up front (BEGIN IMMEDIATE), so two writers queue on
    ``busy_timeout`` instead of failing when one upgrades a read lock."""
    write = conn.get_execution_options().get("sqlite_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """Lazily connected, lazily migrated storage at ``url`` (see :func:`resolve_url`)."""

    def __init__(self, url: str | None = None):
        self.url = resolve_url(url)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        self._engine: Engine | None = None
        self._pid: int | None = None
        self._sessions: sessionmaker | None = None
        self._ready = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Database({make_url(self.url).render_as_string(hide_password=True)!r})"

    @property
    def engine(self) -> Engine:
        """This process's engine (re-created after a fork)."""
        return self._current()[0]

    def _current(self) -> tuple[Engine, sessionmaker]:
        with self._lock:
            if self._engine is None or self._pid != os.getpid():
                if self._engine is not None:
                    self._engine.dispose(close=False)  # the parent's connections stay its own
                self._engine = self._create_engine()
                self._sessions = sessionmaker(self._engine, expire_on_commit=False)
                self._pid = os.getpid()
            assert self._sessions is not None  # set with the engine
            return self._engine, self._sessions

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url)
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(self.url, pool_pre_ping=True)

    def migrate(self) -> None:
        """Bring the schema to the newest migration (once per process; locked across them)."""
        if self._ready:
            return
        from alembic import command
        from alembic.config import Config

        engine = self.engine
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self._migration_lock(), engine.begin() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        self._ready = True

    @contextlib.contextmanager
    def _migration_lock(self) -> Iterator[None]:
        database = make_url(self.url).database if self.is_sqlite else None
        if not database or database == ":memory:":
            yield
            return
        with open(f"{database}.migrate.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session in a transaction on the migrated schema, committed when the block ends
        without error (rolled back otherwise). ``write`` takes SQLite's write lock at once."""
        try:
            self.migrate()
            _, sessions = self._current()
        except Exception as exc:
            raise StorageError(f"storage unavailable: {type(exc).__name__}: {exc}") from exc
        with sessions() as session, session.begin():
            if write and self.is_sqlite:
                session.connection(execution_options={"sqlite_write": True})
            yield session

    def dispose(self) -> None:
        """Close this process's connections."""
        with self._lock:
            if self._engine is not None and self._pid == os.getpid():
                self._engine.dispose()
            self._engine = None
