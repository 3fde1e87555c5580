"""Exporters: JSON Lines, ACLED CSV and GeoJSON, all streaming from a store or any iterable of events."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TextIO

from frontwatch.errors import InputError
from frontwatch.export.acled import ACLED_COLUMNS, write_acled
from frontwatch.export.geojson import write_geojson
from frontwatch.export.jsonl import event_record, write_jsonl
from frontwatch.records import Event
from frontwatch.store.base import EventQuery, Store

__all__ = ["ACLED_COLUMNS", "FORMATS", "event_record", "export", "write_acled", "write_geojson", "write_jsonl"]

WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": write_jsonl,
    "acled": write_acled,
    "geojson": write_geojson,
}
FORMATS = tuple(WRITERS)

# The whole globe: asking the store for it leaves unlocated events out in SQL rather than in Python.
_WORLD = (-180.0, -90.0, 180.0, 90.0)


def export(store: Store, fmt: str, out: TextIO, query: EventQuery | None = None) -> int:
    """Stream the store's events matching ``query`` to ``out`` in ``fmt``; return how many were written."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise InputError(f"Unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}.")
    if fmt == "geojson":
        query = dataclasses.replace(query or EventQuery(), bbox=(query.bbox if query and query.bbox else _WORLD))
    return writer(store.iter_events(query), out)
