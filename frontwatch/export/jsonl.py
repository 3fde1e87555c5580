"""JSON Lines export: one SPEC.md event object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from frontwatch.records import Event

# Fields of Event.to_dict() that are internal to the pipeline and never exported.
INTERNAL_FIELDS = ("extra",)


def event_record(event: Event) -> dict[str, Any]:
    """The exported shape of one event: ``Event.to_dict()`` without internal fields."""
    record = event.to_dict()
    for name in INTERNAL_FIELDS:
        record.pop(name, None)
    return record


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write each event as one JSON object per line, as it arrives; return how many were written."""
    count = 0
    for event in events:
        out.write(json.dumps(event_record(event), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
