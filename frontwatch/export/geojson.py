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
    properties = event_record(event)
    properties.pop("latitude", None)
    properties.pop("longitude", None)
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
        "properties": properties,
    }


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """Write a FeatureCollection incrementally, skipping unlocated events; return how many features were written."""
    count = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        feature = event_feature(event)
        if feature is None:
            continue
        out.write("\n" if count == 0 else ",\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
