"""The event store: ``open_store(url_or_path)`` gives a ``Store`` on a SQLite file or PostgreSQL."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from frontwatch.errors import StoreError
from frontwatch.store.base import EventQuery, Store
from frontwatch.store.engine import create_engine, display_url, normalise_url
from frontwatch.store.migrations import migrate, refresh_statistics
from frontwatch.store.sql import DocumentRemoval, SqlStore

__all__ = ["DocumentRemoval", "EventQuery", "SqlStore", "Store", "open_store"]


def open_store(url_or_path: str) -> SqlStore:
    """Open the store at a path or URL, creating it and applying pending migrations when needed."""
    url = normalise_url(url_or_path)
    shown = display_url(url)
    try:
        engine = create_engine(url)
    except (ImportError, SQLAlchemyError, OSError) as e:
        raise StoreError(f"Cannot open store {shown}: {e}. Check the path or URL and the database driver.") from e
    try:
        migrate(engine, shown)
        with engine.begin() as conn:
            refresh_statistics(conn)
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"Cannot open store {shown}: {e}. Check the path or URL and the database driver.") from e
    except BaseException:
        engine.dispose()
        raise
    return SqlStore(engine, shown)
