"""Fused events read back: each ``events`` payload joined with its ``event_parts`` rows (``rows.joined_payload``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontwatch.store import rows, schema

_ev = schema.events.c
_pt = schema.event_parts.c


def parts_of(conn: Connection, event_ids: Collection[str]) -> dict[str, list[tuple[str, str]]]:
    """The ``(part, payload)`` rows of each given event (an empty list for one without)."""
    out: dict[str, list[tuple[str, str]]] = {eid: [] for eid in event_ids}
    for chunk in schema.in_chunks(list(out)):
        stmt = sa.select(_pt.event_id, _pt.part, _pt.payload).where(_pt.event_id.in_(chunk))
        for event_id, part, payload in conn.execute(stmt):
            out[event_id].append((part, payload))
    return out


def joined(
    conn: Connection, found: Iterable[tuple[str, str]], decode: Callable[..., Any] = rows.event_from_payload
) -> Iterator[tuple[str, Any]]:
    """``(event id, decoded event)`` of ``(event id, payload)`` rows, in their order, their parts read in one go."""
    found = list(found)
    parts = parts_of(conn, {eid for eid, _ in found})
    return ((eid, decode(payload, parts[eid])) for eid, payload in found)


def stored_events(conn: Connection, event_ids: Collection[str]) -> dict[str, Any]:
    """The stored events of these ids (those that exist)."""
    out: dict[str, Any] = {}
    for chunk in schema.in_chunks(sorted(set(event_ids))):
        out.update(joined(conn, conn.execute(sa.select(_ev.event_id, _ev.payload).where(_ev.event_id.in_(chunk)))))
    return out
