"""Fast JSON for API responses: records are expanded field by field by the encoder, not via ``asdict``.

``dataclasses.asdict`` deep-copies every leaf and costs ~130 µs per event; letting ``json`` walk the frozen
records through its ``default`` hook gives the same JSON as ``export.event_record`` (a test pins it) several
times faster, which is most of a 100-event page's time.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from fastapi.responses import JSONResponse

from frontwatch.export.jsonl import INTERNAL_FIELDS
from frontwatch.records import Event


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    if not is_dataclass(cls):
        return None
    hidden = INTERNAL_FIELDS if issubclass(cls, Event) else ()
    return tuple(f.name for f in fields(cls) if f.name not in hidden)


def _record(value: Any) -> Any:
    names = _field_names(type(value))
    if names is None:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    out = {name: getattr(value, name) for name in names}
    if isinstance(value, Event):  # as export.public_record: fusion's disagreements view is exported
        out["disagreements"] = value.extra.get("disagreements", [])
        out["pcodes"] = value.extra.get("pcodes") or {}
    return out


def encode(content: Any) -> bytes:
    """UTF-8 JSON of plain values and frontwatch records (an Event without its internal fields)."""
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_record).encode()


class RecordJSONResponse(JSONResponse):
    """A JSON response whose content may hold frontwatch records."""

    def render(self, content: Any) -> bytes:
        return encode(content)
