"""GeoJSON export: a FeatureCollection of the located events, written one feature at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from frontwatch.export.jsonl import event_record
from frontwatch.records import Event


def event_feature(event: Event) -> dict[str, Any] | None:
    """A Point feature ``[lon, lat]`` whose properties are the JSONL fields minus the coordinates; None if unlocated."""
    if event.latitude is None or event.longitude is None:
        return None
    return record_feature(event_record(event))


def record_feature(record: dict[str, Any]) -> dict[str, Any] | None:
    """``event_feature`` of an event already in its exported shape (``event_record``); None if unlocated."""
    latitude, longitude = record.pop("latitude", None), record.pop("longitude", None)
    if latitude is None or longitude is None:
        return None
    return {
        "type": "Feature",
        "id": record["event_id"],
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": record,
    }


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """Write a FeatureCollection incrementally, skipping unlocated events; return how many features were written."""
    return write_geojson_records((event_record(event) for event in events), out)


def write_geojson_records(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """``write_geojson`` for events already in their exported shape (``event_record``); return how many."""
    count = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for record in records:
        feature = record_feature(record)
        if feature is None:
            continue
        out.write("\n" if count == 0 else ",\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
