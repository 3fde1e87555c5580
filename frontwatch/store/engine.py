"""Turn a store path or URL into a SQLAlchemy engine; the one place that knows SQLite's quirks."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from frontwatch.errors import Messages, StoreError

logger = logging.getLogger(__name__)

# A writer waits this long for another process's lock before failing; a save takes milliseconds, a
# 1,000-document save_many a few seconds, so 30 s absorbs a concurrent batch without hanging forever.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Pages of write-ahead log (4 KB each) after which a commit copies the log into the database file.
SQLITE_CHECKPOINT_PAGES = 16_000


def normalise_url(url_or_path: str) -> sa.URL:
    """A SQLAlchemy URL for a plain path, a ``sqlite:///`` URL or a ``postgresql://`` URL."""
    text = str(url_or_path).strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if not scheme:
        if text == ":memory:":  # SQLite's in-memory name as a plain path would become a file named ":memory:"
            raise StoreError(Messages.E015.format(url=text))
        path = Path(text).expanduser().resolve()
        return sa.URL.create("sqlite", database=str(path))
    if scheme == "sqlite" or scheme.startswith("sqlite+"):
        url = sa.make_url(text)
        if not url.database or url.database == ":memory:":
            raise StoreError(Messages.E015.format(url=text))
        path = Path(url.database).expanduser().resolve()
        return url.set(database=str(path))
    if scheme == "postgresql":
        # psycopg 3 is the driver of the optional "postgres" extra; SQLAlchemy would default to psycopg2.
        return sa.make_url("postgresql+psycopg://" + text.split("://", 1)[1])
    if scheme.startswith("postgresql+"):
        return sa.make_url(text)
    raise StoreError(Messages.E015.format(url=text))


def create_engine(url: sa.URL) -> Engine:
    """An engine for the URL; SQLite files get their folder, WAL, a busy timeout and real transactions."""
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False})
    _configure_sqlite(engine)
    return engine


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # pysqlite opens transactions itself, and not before DDL; hand that job to SQLAlchemy instead
        # so that a migration or a save is atomic (SQLAlchemy docs, "Serializable isolation").
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode, much faster commits
        # Copy the log into the database every 64 MB of it rather than every 4 MB (SQLite's default): a happening
        # reported a thousand times rewrites megabytes of its event per report, which checkpointed after nearly
        # every save; pages written again and again between checkpoints are copied once (half the save's time).
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        # SQLite's lower() folds ASCII only; the filters compare lower(column) with str.lower() of the
        # needle, so "Forces Armées" must fold the same way on both sides.
        dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")


def display_url(url: sa.URL) -> str:
    """The URL as it may appear in logs and messages, without a password."""
    return url.render_as_string(hide_password=True)
