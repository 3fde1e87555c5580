"""Query parameters of the API, checked and turned into an ``EventQuery``; a bad one is a 422, never a 500."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import math
from datetime import date
from enum import Enum
from typing import Annotated

import orjson
from fastapi import Query

from frontwatch.serve.errors import ApiError
from frontwatch.store.base import EventQuery
from frontwatch.store.query import sort_key

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
# Deeper pages than this are a scraping loop, not a reader; it also keeps offsets inside 64-bit integers.
MAX_OFFSET = 10_000_000
MAX_TEXT = 200
MAX_CURSOR = 800


class Sort(str, Enum):
    """The orders the events listing supports (a leading ``-`` is descending)."""

    event_date = "event_date"
    event_date_desc = "-event_date"
    fatalities = "fatalities"
    fatalities_desc = "-fatalities"


class View(str, Enum):
    """How much of each event a listing returns."""

    full = "full"
    summary = "summary"


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` in WGS84 degrees; a box across the antimeridian has minlon > maxlon."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ApiError(422, f"bbox must be four numbers minlon,minlat,maxlon,maxlat; got {len(parts)} parts.")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError as e:
        raise ApiError(422, f"bbox must be four numbers minlon,minlat,maxlon,maxlat; got {text[:80]!r}.") from e
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise ApiError(422, "bbox values must be finite numbers.")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ApiError(422, "bbox longitudes must lie between -180 and 180.")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise ApiError(422, "bbox latitudes must lie between -90 and 90, minlat first.")
    return min_lon, min_lat, max_lon, max_lat


def clean_text(name: str, value: str | None) -> str | None:
    """A free-text filter stripped of surrounding blanks; None when empty; 422 on control characters."""
    if value is None:
        return None
    value = value.strip()
    if any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ApiError(422, f"{name} must not contain control characters.")
    return value or None


def event_filters(
    date_from: Annotated[date | None, Query(description="Earliest event date, ISO YYYY-MM-DD, inclusive.")] = None,
    date_to: Annotated[date | None, Query(description="Latest event date, ISO YYYY-MM-DD, inclusive.")] = None,
    bbox: Annotated[
        str | None,
        Query(max_length=100, description="minlon,minlat,maxlon,maxlat in WGS84 degrees.", examples=["35,32,43,37.5"]),
    ] = None,
    event_type: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="ACLED event type, exact spelling.", examples=["Battles"])
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Substring of actor1, actor2 or an associated actor.")
    ] = None,
    claimant: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Substring of the claimant of at least one claim.")
    ] = None,
    source: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Substring of a reporting document's id or publisher.")
    ] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="Substring of the notes or evidence text.")] = None,
    review_status: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Only events of these review statuses, comma-separated: machine, confirmed, corrected, rejected.",
            examples=["confirmed,corrected"],
        ),
    ] = None,
) -> EventQuery:
    """The filters shared by the events listing, the timeline and the exports."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ApiError(422, f"date_from ({date_from}) is after date_to ({date_to}).")
    return EventQuery(
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        bbox=parse_bbox(bbox) if bbox else None,
        event_type=clean_text("event_type", event_type),
        actor=clean_text("actor", actor),
        claimant=clean_text("claimant", claimant),
        source=clean_text("source", source),
        text=clean_text("q", q),
        review_status=parse_statuses(review_status),
    )


REVIEW_STATUSES = ("machine", "confirmed", "corrected", "rejected")


def parse_statuses(text: str | None) -> tuple[str, ...] | None:
    """``confirmed,corrected`` -> ("confirmed", "corrected"); None when absent; 422 on an unknown status."""
    if text is None or not text.strip():
        return None
    found = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [s for s in found if s not in REVIEW_STATUSES]
    if unknown:
        raise ApiError(422, f"Unknown review status {unknown[0][:40]!r}: expected {', '.join(REVIEW_STATUSES)}.")
    return found


def paged(
    query: EventQuery,
    sort: Sort = Sort.event_date,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> EventQuery:
    """The query with its order and page."""
    return dataclasses.replace(query, sort=sort.value, limit=limit, offset=offset)


def encode_cursor(query: EventQuery, event_date: str | None, fatalities: int, event_id: str) -> str:
    """The ``next`` cursor of a page whose last event is this one: its sort and sort key, opaque to clients."""
    key = sort_key(query, event_date, fatalities, event_id)
    return base64.urlsafe_b64encode(orjson.dumps([query.sort, *key])).decode()


def parse_cursor(text: str, query: EventQuery) -> tuple[int | str | None, ...]:
    """The sort key an ``after`` cursor holds; 422 when it is malformed or was made for another sort."""
    try:
        sort, *key = orjson.loads(base64.urlsafe_b64decode(text.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeEncodeError) as e:
        raise ApiError(422, "after must be the 'next' cursor of a previous page, unchanged.") from e
    expected = sort_key(query, "", 0, "")
    shapes = all(
        isinstance(value, type(example)) or (value is None and example == "")
        for value, example in zip(key, expected)
    )
    if sort != query.sort or len(key) != len(expected) or not shapes:
        raise ApiError(
            422, f"after is the cursor of another sort or malformed; this listing is sorted by {query.sort!r}."
        )
    return tuple(key)


SortParam = Annotated[Sort, Query(description="Order of the listing; undated events come last.")]
LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")]
OffsetParam = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip.")]
ViewParam = Annotated[View, Query(description="full: SPEC.md records; summary: what a map marker needs.")]
AfterParam = Annotated[
    str | None,
    Query(
        max_length=MAX_CURSOR,
        description="Keyset paging: the `next` of the previous page (same filters and sort), instead of an offset; "
        "a deep page costs what the first does.",
    ),
]
