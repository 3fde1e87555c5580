"""The state of ``frontwatch watch`` in the store: the feeds followed and the items of each already seen.

Kept in the store (not in memory) so that a ``watch --once`` run by cron and a long-running ``watch`` behave the
same: validators for conditional requests, the last poll, answer and error, failures in a row (the back-off) and
when each feed is due again; an item is fetched once, or again after a failure up to a few attempts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from frontwatch.store import schema

if TYPE_CHECKING:
    from frontwatch.store.sql import SqlStore

_fd = schema.feeds.c
_fi = schema.feed_items.c


@dataclass(frozen=True)
class FeedState:
    """One feed's row."""

    feed_id: int
    url: str
    title: str | None
    publisher: str | None
    language: str | None
    interval_s: int | None
    etag: str | None
    last_modified: str | None
    last_poll: datetime | None
    last_ok: datetime | None
    last_status: str | None
    last_error: str | None
    failures: int
    next_poll: datetime | None


@dataclass(frozen=True)
class SeenItem:
    """What became of an item already seen: ``stored``, ``unchanged``, ``failed`` (tried ``attempts`` times)."""

    status: str
    attempts: int
    doc_id: str | None


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)  # SQLite hands back the naive form of what was stored in UTC


def _state(row: Any) -> FeedState:
    values = {f.name: getattr(row, f.name) for f in fields(FeedState)}
    for name in ("last_poll", "last_ok", "next_poll"):
        values[name] = _aware(values[name])
    return FeedState(**values)


def ensure_feed(store: SqlStore, url: str, *, publisher: str | None = None, language: str | None = None,
                interval_s: int | None = None) -> FeedState:
    """The feed's row, created on first sight; a publisher, language or interval given replaces the stored one."""
    with store._engine.begin() as conn:
        row = conn.execute(sa.select(schema.feeds).where(_fd.url == url)).first()
        if row is None:
            conn.execute(schema.feeds.insert().values(url=url, publisher=publisher, language=language,
                                                      interval_s=interval_s, failures=0))
        else:
            changes = {k: v for k, v in (("publisher", publisher), ("language", language), ("interval_s", interval_s))
                       if v is not None and getattr(row, k) != v}
            if changes:
                conn.execute(schema.feeds.update().where(_fd.url == url).values(**changes))
        return _state(conn.execute(sa.select(schema.feeds).where(_fd.url == url)).one())


def update_feed(store: SqlStore, feed_id: int, **values: Any) -> None:
    """Set columns of a feed's row (``last_poll``, ``etag``, ``failures``, ``next_poll``...)."""
    with store._engine.begin() as conn:
        conn.execute(schema.feeds.update().where(_fd.feed_id == feed_id).values(**values))


def list_feeds(store: SqlStore) -> list[FeedState]:
    """Every feed, by URL."""
    with store._engine.connect() as conn:
        return [_state(r) for r in conn.execute(sa.select(schema.feeds).order_by(_fd.url))]


def items_seen(store: SqlStore, feed_id: int, keys: list[str]) -> dict[str, SeenItem]:
    """Those of these item keys the feed has already seen, with what became of each."""
    out: dict[str, SeenItem] = {}
    with store._engine.connect() as conn:
        for chunk in schema.in_chunks(keys):
            stmt = sa.select(_fi.item_key, _fi.status, _fi.attempts, _fi.doc_id).where(
                _fi.feed_id == feed_id, _fi.item_key.in_(chunk))
            for key, status, attempts, doc_id in conn.execute(stmt):
                out[key] = SeenItem(status, attempts, doc_id)
    return out


def record_item(store: SqlStore, feed_id: int, key: str, *, url: str, status: str, doc_id: str | None = None,
                error: str | None = None) -> None:
    """Record what became of an item (one more attempt when it was seen before)."""
    with store._engine.begin() as conn:
        row = conn.execute(sa.select(_fi.attempts).where(_fi.feed_id == feed_id, _fi.item_key == key)).first()
        if row is None:
            conn.execute(schema.feed_items.insert().values(
                feed_id=feed_id, item_key=key, url=url, doc_id=doc_id, status=status, attempts=1,
                first_seen=datetime.now(UTC), last_error=error))
        else:
            conn.execute(schema.feed_items.update().where(_fi.feed_id == feed_id, _fi.item_key == key).values(
                status=status, attempts=row.attempts + 1, doc_id=doc_id, last_error=error))


def count_items(store: SqlStore, feed_id: int) -> dict[str, int]:
    """How many items of the feed are in each status."""
    stmt = sa.select(_fi.status, sa.func.count()).where(_fi.feed_id == feed_id).group_by(_fi.status)
    with store._engine.connect() as conn:
        return {status: int(n) for status, n in conn.execute(stmt)}
