"""``event_classes``: each fused event's fusion classes, derived from its mentions in SQL (no record is built).

A row per (event, class) counts the event's dated mentions of that class and the documents holding them; the
reach columns are those of the class's mentions (equal for every mention of a class). Fusion reads these rows
to compare a new report with each kind of report a happening holds once, however many times it was reported.
The rows of an event are rewritten whenever its mentions change (``refresh``), in the writing transaction; an event
that only gains a new document's mentions has that document's classes added to its rows (``grow``), so a happening
reported a thousand times is not read again for each new report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
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


def class_rows(event_ids: Sequence[str] | sa.BindParameter) -> sa.Select:
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


# What ``refresh`` and ``grow`` run for every save, built once and run with ``{schema.IDS: chunk}`` (``schema.ids``).
_DELETE_IN = schema.event_classes.delete().where(_ec.event_id.in_(schema.ids()))
_REBUILD_IN = schema.event_classes.insert().from_select(list(_COLUMNS), class_rows(schema.ids()))
_HELD_IN = sa.select(_ec.event_id, _ec.fuse_class).where(_ec.event_id.in_(schema.ids()))


def refresh(conn: Connection, event_ids: Iterable[str | None]) -> None:
    """Rewrite the ``event_classes`` rows of these events from their current mentions (none for a deleted one)."""
    for chunk in schema.in_chunks(sorted({e for e in event_ids if e})):
        conn.execute(_DELETE_IN, {schema.IDS: chunk})
        conn.execute(_REBUILD_IN, {schema.IDS: chunk})


def grow(conn: Connection, added: Mapping[str, Sequence[dict[str, Any]]]) -> set[str]:
    """Add one new document's ``mention_dates`` rows to the ``event_classes`` rows of the stored events they join
    (event id -> rows; the events' other mentions stay as they are): what ``refresh`` would write, without reading
    the events' mentions again. The events grown; one is left out, with nothing written for it, when a row of it has
    no class or its rows are of several documents (the caller refreshes it then).

    Each class of the document gains its mentions and one document; the first and last document and the first
    mention are compared in SQL, as ``refresh``'s ``min`` and ``max`` compare them.
    """
    by_class: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for eid, found in added.items():
        if all(r["fuse_class"] is not None for r in found) and len({r["doc_id"] for r in found}) <= 1:
            for r in found:
                by_class.setdefault((eid, r["fuse_class"]), []).append(r)
    done = {eid for eid, found in added.items() if not found} | {eid for eid, _ in by_class}
    if not by_class:
        return done
    held: set[tuple[str, str]] = set()
    for chunk in schema.in_chunks(sorted({eid for eid, _ in by_class})):
        held.update((e, c) for e, c in conn.execute(_HELD_IN, {schema.IDS: chunk}))
    inserted = [
        {"event_id": eid, **{name: r[name] for name in ("fuse_class", *_SHARED)}, "mentions": 1, "documents": 1,
         "first_doc": r["doc_id"], "last_doc": r["doc_id"], "first_mention": r["mention_id"]}
        for (eid, key), (r, *_) in by_class.items() if (eid, key) not in held
    ]
    if inserted:
        conn.execute(schema.event_classes.insert(), inserted)
    # every other row adds a mention, the first of its class in a row held before also the document
    updated = [{"_event": eid, "_class": key, "documents": int(i == 0), "doc_id": r["doc_id"], "mention_id": r["mention_id"]}
               for (eid, key), found in by_class.items() for i, r in enumerate(found) if (eid, key) in held or i > 0]
    if updated:
        conn.execute(_grow_statement(), updated)
    return done


@cache
def _grow_statement() -> sa.Update:
    """One more mention of a class in an ``event_classes`` row (compiled once)."""
    doc, mention = sa.bindparam("doc_id", type_=sa.String), sa.bindparam("mention_id", type_=sa.String)
    return (
        schema.event_classes.update()
        .where(_ec.event_id == sa.bindparam("_event"), _ec.fuse_class == sa.bindparam("_class"))
        .values(
            mentions=_ec.mentions + 1,
            documents=_ec.documents + sa.bindparam("documents", type_=sa.Integer),
            first_doc=sa.case((doc < _ec.first_doc, doc), else_=_ec.first_doc),
            last_doc=sa.case((doc > _ec.last_doc, doc), else_=_ec.last_doc),
            first_mention=sa.case((mention < _ec.first_mention, mention), else_=_ec.first_mention),
        )
    )


def refresh_all(conn: Connection) -> None:
    """Rebuild ``event_classes`` for every fused event that has mentions (a migration's back-fill)."""
    conn.execute(schema.event_classes.delete())
    ids = [e for e in conn.execute(sa.select(_mn.event_id).where(_mn.event_id.is_not(None)).distinct()).scalars()]
    refresh(conn, ids)


def mention_class(row: Any) -> MentionClass:
    """A ``MentionClass`` from an ``event_classes`` row."""
    return MentionClass(**{name: getattr(row, name) for name in _COLUMNS})
