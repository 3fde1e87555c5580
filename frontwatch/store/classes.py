"""``event_classes``: each fused event's fusion classes, derived from its mentions in SQL (no record is built).

A row per (event, class) counts the event's dated mentions of that class and the documents holding them; the
reach columns are those of the class's mentions (equal for every mention of a class). Fusion reads these rows
to compare a new report with each kind of report a happening holds once, however many times it was reported.
The rows of an event are rewritten whenever its mentions change (``refresh``), in the writing transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontwatch.store import schema
from frontwatch.store.base import MentionClass

_md = schema.mention_dates.c
_mn = schema.mentions.c
_ec = schema.event_classes.c

# The columns every mention of one class shares, in ``event_classes`` order after ``event_id`` and ``fuse_class``.
_SHARED = ("event_type", "fuse_role", "time_precision", "event_date", "country", "admin1", "geonameid", "latitude",
           "longitude")


def class_rows(event_ids: Sequence[str]) -> sa.Select:
    """The ``event_classes`` rows of these events, aggregated from their mentions' ``mention_dates`` rows."""
    shared = [_md[name] for name in _SHARED]
    return (
        sa.select(
            _mn.event_id,
            _md.fuse_class,
            *shared,
            sa.func.count().label("mentions"),
            sa.func.count(sa.distinct(_md.doc_id)).label("documents"),
            sa.func.min(_md.doc_id).label("first_doc"),
            sa.func.max(_md.doc_id).label("last_doc"),
            sa.func.min(_md.mention_id).label("first_mention"),
        )
        .select_from(schema.mentions.join(schema.mention_dates, _md.mention_id == _mn.mention_id))
        .where(_mn.event_id.in_(event_ids))
        .group_by(_mn.event_id, _md.fuse_class, *shared)
    )


_COLUMNS = ("event_id", "fuse_class", *_SHARED, "mentions", "documents", "first_doc", "last_doc", "first_mention")


def refresh(conn: Connection, event_ids: Iterable[str | None]) -> None:
    """Rewrite the ``event_classes`` rows of these events from their current mentions (none for a deleted one)."""
    for chunk in schema.in_chunks(sorted({e for e in event_ids if e})):
        conn.execute(schema.event_classes.delete().where(_ec.event_id.in_(chunk)))
        conn.execute(schema.event_classes.insert().from_select(list(_COLUMNS), class_rows(chunk)))


def refresh_all(conn: Connection) -> None:
    """Rebuild ``event_classes`` for every fused event that has mentions (a migration's back-fill)."""
    conn.execute(schema.event_classes.delete())
    ids = [e for e in conn.execute(sa.select(_mn.event_id).where(_mn.event_id.is_not(None)).distinct()).scalars()]
    refresh(conn, ids)


def mention_class(row: Any) -> MentionClass:
    """A ``MentionClass`` from an ``event_classes`` row."""
    return MentionClass(**{name: getattr(row, name) for name in _COLUMNS})
