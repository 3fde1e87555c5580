"""The JSON API under ``/api/``: events, one event, documents, timeline, stats, taxonomy and exports."""

from __future__ import annotations

import dataclasses
import gzip
import logging
from collections.abc import Callable, Hashable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel

from frontwatch.data import read_tsv_dicts
from frontwatch.export import WRITERS
from frontwatch.export.jsonl import public_record
from frontwatch.serve.encode import GZIP_LEVEL, GZIP_MIN_BYTES, encode, encode_flat
from frontwatch.serve.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSE, ApiError
from frontwatch.serve.params import (
    DEFAULT_LIMIT,
    AfterParam,
    LimitParam,
    OffsetParam,
    Sort,
    SortParam,
    View,
    ViewParam,
    encode_cursor,
    event_filters,
    paged,
    parse_cursor,
)
from frontwatch.serve.streaming import stream_writer
from frontwatch.serve.views import document_view, event_detail, timeline_view
from frontwatch.store.base import EventQuery, Store
from frontwatch.store.counts import GenerationCache
from frontwatch.store.review import generation

logger = logging.getLogger(__name__)

# A document's page scans at most this many events citing it for spans to highlight; a wire story is
# cited by a handful, so the cap only bounds a pathological store.
MAX_DOCUMENT_EVENTS = 1000
# Encoded listing and timeline bodies kept per store generation (each worker its own): the map, the list and a
# live page of every analyst ask for the same few again until the store is written to. A map page of 1,000
# summaries is about 250 KB, a page of 100 full events about as much: at most some 64 MB.
RESPONSE_CACHE_ENTRIES = 256

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Filters = Annotated[EventQuery, Depends(event_filters)]
IdPath = Annotated[str, Path(min_length=1, max_length=300)]


class EventPage(BaseModel):
    """One page of events: how many match in all, the page asked for, its items, and the cursor of the next."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]
    next: str | None = None  # pass as ``after`` for the page after this one; null on the last page


class TimelineDay(BaseModel):
    """Events and fatalities of one day, in all and by event type."""

    date: str
    events: int
    fatalities: int
    by_type: dict[str, dict[str, int]]


class Timeline(BaseModel):
    """The timeline of the matching events; undated events are only counted in the totals."""

    days: list[TimelineDay]
    types: list[str]
    totals: dict[str, int]


class FocusSpan(BaseModel):
    """The span a reader asked for and the sentence around it."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int


class DocumentOut(BaseModel):
    """A stored document's text with evidence spans as character offsets (the page highlights them)."""

    doc_id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: str | None
    language: str | None
    text: str
    spans: list[dict[str, Any]]
    focus: FocusSpan | None


def get_store(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def response_cache() -> GenerationCache[Hashable, tuple[bytes, bytes | None]]:
    """A new cache of encoded responses, one per application (``create_app`` keeps it in ``app.state``)."""
    return GenerationCache(RESPONSE_CACHE_ENTRIES)


def _cached_json(request: Request, store: Store, key: Hashable, body: Callable[[], bytes]) -> Response:
    """The JSON body cached for ``key`` under the store's current generation, else ``body()`` (then cached).

    A body is kept gzipped too, compressed once here in the worker's thread rather than by the middleware on
    every request in the event loop (at 100 requests a second that was a tenth of the loop's time). The
    generation is read first: a write committed while the body is built leaves it cached under the older
    generation, which no reader asks for any more."""
    cache: GenerationCache[Hashable, tuple[bytes, bytes | None]] = request.app.state.responses
    current = generation(store)
    content = cache.get(current, key)
    if content is None:
        raw = body()
        content = (raw, gzip.compress(raw, GZIP_LEVEL, mtime=0) if len(raw) >= GZIP_MIN_BYTES else None)
        cache.put(current, key, content)
    raw, packed = content
    if packed is not None and "gzip" in request.headers.get("accept-encoding", ""):
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(packed, media_type="application/json", headers=headers)
    return Response(raw, media_type="application/json")


@router.get("/events", response_model=EventPage, summary="List events")
def list_events(
    request: Request,
    store: StoreDep,
    filters: Filters,
    sort: SortParam = Sort.event_date,
    limit: LimitParam = DEFAULT_LIMIT,
    offset: OffsetParam = 0,
    view: ViewParam = View.full,
    after: AfterParam = None,
) -> Response:
    """Events matching the filters, one page at a time, with the total number that match."""
    query = paged(filters, sort, limit, offset)
    if after is not None:
        if offset:
            raise ApiError(422, "Give offset or after, not both: after already says where the page starts.")
        query = dataclasses.replace(query, after=parse_cursor(after, query))
    return _cached_json(request, store, ("events", query, view), lambda: _event_page(store, query, view))


def _event_page(store: Store, query: EventQuery, view: View) -> bytes:
    """The encoded page of the listing: its items, and the total the query's filters match."""
    # Full events as event_record writes them, from decoded payloads (no records built); summaries (the
    # fields of views.event_summary, in its order) straight from the store's index rows, as records.
    items: list[Any]
    if view is View.summary:
        items = store.list_event_summaries(query)
        write = encode_flat
    else:
        items = [_exported(d) for d in store.iter_event_dicts(query)]
        write = encode
    limit, offset = query.limit or 0, query.offset
    if len(items) < limit and (items or not offset) and query.after is None:
        total = offset + len(items)  # the last page: counting again would tell nothing new
    else:
        total = store.count_events(query)  # cached per filter set until the store is written to
    cursor = None
    if items and len(items) == limit:
        last = items[-1]
        fields = (last.event_date, last.fatalities, last.event_id) if view is View.summary else (
            last["event_date"], last["fatalities"], last["event_id"])
        cursor = encode_cursor(query, *fields)
    return write({"total": total, "limit": limit, "offset": offset, "items": items, "next": cursor})


def _exported(record: dict[str, Any]) -> dict[str, Any]:
    """An ``Event.to_dict()`` in ``export.event_record``'s shape."""
    return public_record(record)


@router.get("/events/{event_id:path}", responses=NOT_FOUND_RESPONSE, summary="One event")
def get_event(store: StoreDep, event_id: IdPath) -> dict[str, Any]:
    """One event as exported, plus ``claim_groups``: its claims grouped by kind and claimant."""
    event = store.get_event(event_id)
    if event is None:
        raise ApiError(404, f"No event {event_id!r} in this store.")
    return event_detail(event)


@router.get(
    "/documents/{doc_id:path}", response_model=DocumentOut, responses=NOT_FOUND_RESPONSE, summary="One document"
)
def get_document(
    store: StoreDep,
    doc_id: IdPath,
    event_id: Annotated[
        str | None, Query(max_length=300, description="Only this event's spans; default: every citing event's.")
    ] = None,
    start: Annotated[int | None, Query(ge=0, le=100_000_000, description="Start of the span to focus on.")] = None,
    end: Annotated[int | None, Query(ge=0, le=100_000_000, description="End of the span to focus on.")] = None,
) -> JSONResponse:
    """A document's stored text with the evidence and claim spans of the events that cite it."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise ApiError(404, f"No document {doc_id!r} in this store.")
    focus = None
    if start is not None or end is not None:
        if start is None or end is None or not start < end <= len(doc.text):
            raise ApiError(
                422, f"start and end must both be given with 0 <= start < end <= {len(doc.text)} (the text length)."
            )
        focus = (start, end)
    if event_id is not None:
        event = store.get_event(event_id)
        events = [event] if event is not None else []
    else:
        citing = store.iter_events(EventQuery(source=doc_id, limit=MAX_DOCUMENT_EVENTS))
        events = [e for e in citing if any(s.doc_id == doc_id for s in e.sources)]
    return JSONResponse(document_view(doc, events, focus))


@router.get("/timeline", response_model=Timeline, summary="Events and fatalities per day")
def get_timeline(request: Request, store: StoreDep, filters: Filters) -> Response:
    """Per day: events and fatalities, in all and by event type, for the events matching the filters."""

    def body() -> bytes:
        rows = store.timeline(filters)
        dated = sum(row["events"] for row in rows)
        undated = 0 if filters.date_from or filters.date_to else max(store.count_events(filters) - dated, 0)
        return encode(timeline_view(rows, undated))

    return _cached_json(request, store, ("timeline", filters), body)


@router.get("/stats", summary="Store counts")
def get_stats(store: StoreDep) -> dict[str, int]:
    """How many documents, mentions, events, claims, evidence rows and sources the store holds."""
    return store.stats()


@router.get("/taxonomy", summary="ACLED event types")
def get_taxonomy() -> dict[str, list[dict[str, str]]]:
    """The ACLED event types and sub-event types events are coded with."""
    rows = read_tsv_dicts("taxonomy", "acled.tsv")
    return {"types": [{"event_type": r["event_type"], "sub_event_type": r["sub_event_type"]} for r in rows]}


# Export routes: path suffix -> (writer name, media type).
EXPORTS = {
    "jsonl": ("jsonl", "application/x-ndjson"),
    "csv": ("acled", "text/csv"),
    "geojson": ("geojson", "application/geo+json"),
}
_WORLD = (-180.0, -90.0, 180.0, 90.0)


def _export(store: Store, filters: EventQuery, suffix: str) -> StreamingResponse:
    fmt, media_type = EXPORTS[suffix]
    query = filters
    if fmt == "geojson" and query.bbox is None:
        query = dataclasses.replace(query, bbox=_WORLD)  # unlocated events are left out in SQL
    writer = WRITERS[fmt]

    def write(sink) -> None:
        writer(store.iter_events(query), sink)

    return StreamingResponse(
        stream_writer(write),
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="frontwatch-events.{suffix}"'},
    )


def _export_route(suffix: str, description: str) -> None:
    def endpoint(store: StoreDep, filters: Filters) -> StreamingResponse:
        return _export(store, filters, suffix)

    endpoint.__doc__ = description
    router.add_api_route(
        f"/export.{suffix}",
        endpoint,
        methods=["GET"],
        summary=f"Export as {suffix}",
        response_class=StreamingResponse,
        responses={200: {"content": {EXPORTS[suffix][1]: {}}, "description": description}},
        name=f"export_{suffix}",
    )


for _suffix, _description in (
    ("jsonl", "The matching events as JSON Lines, one SPEC.md record per line (streamed)."),
    ("csv", "The matching events as ACLED's CSV columns (streamed)."),
    ("geojson", "The matching located events as a GeoJSON FeatureCollection (streamed)."),
):
    _export_route(_suffix, _description)

