"""The event store: ``open_store(url_or_path)`` gives a ``Store`` on a SQLite file or PostgreSQL."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from frontwatch.errors import StoreError
from frontwatch.store.base import EventQuery, Store
from frontwatch.store.engine import create_engine, display_url, normalise_url
from frontwatch.store.migrations import migrate, refresh_statistics
from frontwatch.store.sql import DocumentRemoval, SqlStore

__all__ = ["DocumentRemoval", "EventQuery", "SqlStore", "Store", "open_store"]

logger = logging.getLogger(__name__)


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
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"Cannot open store {shown}: {e}. Check the path or URL and the database driver.") from e
    except BaseException:
        engine.dispose()
        raise
    try:
        with engine.begin() as conn:
            refresh_statistics(conn)
    except SQLAlchemyError as e:  # a read-only file, say: the store works, its planner guesses
        logger.warning("store %s: planner statistics not refreshed (%s); large listings may be slower", shown, e)
    return SqlStore(engine, shown)
