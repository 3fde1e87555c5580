"""JSON Lines export: one SPEC.md event object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from frontwatch.records import Event

# Fields of Event.to_dict() that are internal to the pipeline and never exported.
INTERNAL_FIELDS = ("extra",)


def public_record(record: dict[str, Any]) -> dict[str, Any]:
    """An ``Event.to_dict()`` made exportable: internal fields dropped; fusion's disagreements view and the place's
    OCHA P-codes (``admin1``..``admin4``, when an imported gazetteer knows the place) lifted out."""
    extra = record.get("extra") or {}
    for name in INTERNAL_FIELDS:
        record.pop(name, None)
    record.update(lifted_extras(extra))
    return record


def lifted_extras(extra: dict[str, Any]) -> dict[str, Any]:
    """The exported fields kept in an event's ``extra``: the disagreements view, the P-code chain, the words of a
    party no registry or generic actor stands for (``actor1_text``, ``actor2_text``; null when the actor is known),
    why the event is where it is (``place_reason``), and the analysts' review: ``review_status`` (machine, confirmed,
    corrected, rejected) and ``reviewed_fields``, the fields whose values an analyst set."""
    review = extra.get("review") if isinstance(extra.get("review"), dict) else {}
    return {"disagreements": extra.get("disagreements", []), "pcodes": extra.get("pcodes") or {},
            "actor1_text": extra.get("actor1_text"), "actor2_text": extra.get("actor2_text"),
            "place_reason": extra.get("place_reason"), "review_status": review.get("status", "machine"),
            "reviewed_fields": list(review.get("fields", []))}


def event_record(event: Event) -> dict[str, Any]:
    """The exported shape of one event: SPEC.md's fields plus ``disagreements``, ``pcodes`` and the actor texts."""
    return public_record(event.to_dict())


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write each event as one JSON object per line, as it arrives; return how many were written."""
    return write_jsonl_records((event_record(event) for event in events), out)


def write_jsonl_records(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """``write_jsonl`` for events already in their exported shape (``event_record``); return how many."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
