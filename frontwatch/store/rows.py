"""Convert records to table rows and back; no SQL is executed here."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date, datetime
from functools import cache
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

import orjson

from frontwatch.records import Claim, Document, Event, Evidence, Source, event_from_dict, search_texts


@dataclass(frozen=True)
class EventRows:
    """One fused event as the rows of ``events``, ``claims``, ``evidence``, ``event_sources`` and ``event_parts``."""

    event: dict[str, Any]
    claims: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    search: dict[str, Any] = field(default_factory=dict)
    parts: list[dict[str, Any]] = field(default_factory=list)


def _haystack(texts: Iterable[str | None]) -> str:
    """The distinct non-empty texts lower-cased with ``str.lower()`` (as filters fold needles), one per line, in
    their first order: an event reported a thousand times repeats the same evidence and claimants, and its row and
    the indexes on these columns stay the size of what it says, not of how often it was said (a needle finds
    the same events; only one holding a line break, spanning two texts, could meet other neighbours). The texts are
    made distinct before they are folded, each once, and after (no Python loop: thousands of texts)."""
    return "\n".join(dict.fromkeys(map(str.lower, dict.fromkeys(filter(None, texts)))))


def search_row(event: Event) -> dict[str, Any]:
    """The ``event_search`` row of a fused event (what it reads of the sources: those of its source rows). The
    claimants and evidence texts are read from those fusion kept on the event (``records.search_texts``), if any:
    the same texts in the same order, each once."""
    sources = _first_sources(event.sources)
    kept = search_texts(event)
    claimants: Iterable[str | None] = kept[0] if kept is not None else map(attrgetter("claimant"), event.claims)
    texts: Iterable[str | None] = kept[1] if kept is not None else map(attrgetter("text"), event.evidence)
    return {
        "event_id": event.event_id,
        "undated": 0 if event.event_date else 1,
        "event_date": event.event_date,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "n_claims": len(event.claims),
        "n_sources": len(event.sources),
        "actor_text": _haystack((event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2)),
        "claimant_text": _haystack(claimants),
        "source_text": _haystack(chain.from_iterable(map(attrgetter("doc_id", "publisher"), sources))),
        "notes_text": _haystack(chain((event.notes,), texts)),
        "review_status": review_status(event),
    }


def review_status(event: Event) -> str:
    """The analysts' review status an event carries (``extra["review"]``, set by the store); ``machine`` if none."""
    review = event.extra.get("review")
    return review.get("status", "machine") if isinstance(review, dict) else "machine"


def dumps(payload: Any) -> str:
    """Compact JSON text of a payload or a record; raises TypeError on a value JSON cannot hold.

    orjson writes records (dataclasses) itself, every field in order, which gives the JSON of ``Event.to_dict()``
    (a test pins it) about ten times faster than ``json`` walking them through a ``default`` hook: a fused event
    reported a thousand times is a megabyte of claims and evidence, encoded again each time a report joins it.
    Keys that are not strings are written as strings, as ``json`` does; NaN and infinities become null.
    """
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS).decode()


# What an event's ``event_parts`` rows hold of it (the ``events`` payload holds them empty).
PARTS = ("claims", "sources", "evidence")


def event_rows(event: Event, only_doc: str | None = None, first: tuple[int, int] = (0, 0)) -> EventRows:
    """The rows that store one fused event; with ``only_doc``, only that document's claim, evidence, source and part
    rows (numbered from ``first``: claims, evidence), for an event whose other rows are stored already (a fused event,
    whose claims, sources and evidence are listed by document)."""
    claimed, shown, cited = (_of_document(items, only_doc) for items in (event.claims, event.evidence, event.sources))
    assoc = "; ".join((*event.assoc_actor_1, *event.assoc_actor_2)) or None
    row = {
        "event_id": event.event_id,
        "event_date": event.event_date,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "assoc_actors": assoc,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "fatalities": event.fatalities,
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
        "notes": event.notes,
        "payload": dumps(replace(event, claims=(), sources=(), evidence=())),
    }
    claims = [
        {
            "event_id": event.event_id,
            "position": first[0] + i,
            "claimant": c.claimant,
            "kind": c.kind,
            "subject": c.subject,
            "value": float(c.value),
            "qualifier": c.qualifier,
            "doc_id": c.doc_id,
            "start": c.evidence.start,
            "end": c.evidence.end,
            "text": c.evidence.text,
            "claimant_relation": c.claimant_relation,
        }
        for i, c in enumerate(claimed)
    ]
    evidence = [
        {"event_id": event.event_id, "position": first[1] + i, "doc_id": e.doc_id, "start": e.start, "end": e.end,
         "text": e.text}
        for i, e in enumerate(shown)
    ]
    sources = [
        {"event_id": event.event_id, "doc_id": s.doc_id, "publisher": s.publisher, "url": s.url,
         "published": s.published}
        for s in _first_sources(cited)
    ]
    part = {"event_id": event.event_id, "part": only_doc or "",
            "payload": dumps({"claims": claimed, "sources": cited, "evidence": shown})}
    return EventRows(row, claims, evidence, sources, search_row(event), [part])


def _of_document(items: Sequence[Any], doc_id: str | None) -> Sequence[Any]:
    """The items of one document among items listed by document (all of them for None)."""
    if doc_id is None:
        return items
    key = attrgetter("doc_id")
    return items[bisect_left(items, doc_id, key=key) : bisect_right(items, doc_id, key=key)]


def _first_sources(sources: Iterable[Source]) -> list[Source]:
    """The sources, one per document (a source row per (event, document): the first listing wins)."""
    first: dict[str, Source] = {}
    for s in sources:
        first.setdefault(s.doc_id, s)
    return list(first.values())


def mention_row(mention: Event, doc_id: str, event_id: str | None) -> dict[str, Any]:
    """The ``mentions`` row of one document's mention, pointing at its fused event."""
    return {"mention_id": mention.event_id, "doc_id": doc_id, "event_id": event_id, "payload": dumps(mention)}


def mention_date_row(mention: Event, doc_id: str) -> dict[str, Any] | None:
    """The ``mention_dates`` row of a dated mention; None for an undated one (fusion never looks it up)."""
    if mention.event_date is None:
        return None
    return {
        "mention_id": mention.event_id,
        "doc_id": doc_id,
        "event_date": mention.event_date,
        "latitude": mention.latitude,
        "longitude": mention.longitude,
        "event_type": mention.event_type,
        "country": mention.country,
        "time_precision": mention.time_precision,
        "fuse_role": mention.extra.get("fuse_role"),
        "admin1": mention.admin1,
        "geonameid": mention.geonameid,
        "fuse_class": mention.extra.get("fuse_class"),
        "fuse_unit": mention.extra.get("fuse_unit"),
    }


def event_from_payload(payload: str, parts: Sequence[tuple[str, str]] | None = None) -> Event:
    """Rebuild an Event from its stored JSON payload (a mention's; a fused event's with its ``parts``)."""
    return event_from_dict(orjson.loads(payload) if parts is None else joined_payload(payload, parts))


def split_payload(payload: str) -> tuple[str, str]:
    """A fused event's payload written whole (before ``event_parts``) as its ``events`` payload and one part's."""
    d = orjson.loads(payload)
    return dumps({**d, **{name: [] for name in PARTS}}), dumps({name: d.get(name, []) for name in PARTS})


def joined_payload(payload: str, parts: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A fused event's payload with the claims, sources and evidence of its ``event_parts`` rows ``(part, payload)``:
    one row's as it holds them (in the order the event had), several rows' (a row written whole, then one per document
    added) joined in the order of their documents, as a fused event lists them."""
    d = orjson.loads(payload)
    loaded = [orjson.loads(p) for _, p in sorted(parts)]
    for name in PARTS:
        items = [item for p in loaded for item in p[name]]
        if len(loaded) > 1:
            items.sort(key=itemgetter("doc_id"))  # stable: a document's items keep their order
        d[name] = items
    return d


@cache
def _keys(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


# A field without a default: a payload lacking it cannot be completed at the dict level.
_REQUIRED = object()


@cache
def _defaults(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """``(name, default, default_factory)`` of each field of a record class, in field order."""
    out = []
    for f in fields(cls):
        default = _REQUIRED if f.default is MISSING else f.default
        factory = None if f.default_factory is MISSING else f.default_factory
        out.append((f.name, default, factory))
    return tuple(out)


def _completed(d: Any, cls: type) -> dict[str, Any] | None:
    """``d`` with every field of ``cls``, in field order, missing ones at their JSON default; None if impossible.

    Impossible means ``d`` is not a dict, has a key ``cls`` does not know, or lacks a field without default:
    the caller then goes through the records, which raise or convert as they always did.
    """
    if not isinstance(d, dict):
        return None
    keys = d.keys()
    if keys == _keys(cls):
        return d
    if not keys <= _keys(cls):
        return None
    out: dict[str, Any] = {}
    for name, default, factory in _defaults(cls):
        if name in d:
            out[name] = d[name]
        elif factory is not None:
            out[name] = factory()
        elif default is _REQUIRED:
            return None
        else:  # to_dict writes tuples as lists; other defaults are immutable scalars
            out[name] = list(default) if isinstance(default, tuple) else default
    return out


def _completed_list(items: Any, complete) -> list[dict[str, Any]] | None:
    if not isinstance(items, list):
        return None
    out = []
    for item in items:
        done = complete(item)
        if done is None:
            return None
        out.append(done)
    return out


def _completed_claim(d: Any) -> dict[str, Any] | None:
    claim = _completed(d, Claim)
    if claim is None:
        return None
    evidence = _completed(claim["evidence"], Evidence)
    if evidence is None:
        return None
    claim["evidence"] = evidence
    return claim


def _completed_event(d: Any) -> dict[str, Any] | None:
    """A decoded event payload completed to today's fields at every level, or None when it cannot be."""
    event = _completed(d, Event)
    if event is None:
        return None
    for name, complete in (
        ("claims", _completed_claim),
        ("sources", lambda s: _completed(s, Source)),
        ("evidence", lambda e: _completed(e, Evidence)),
    ):
        done = _completed_list(event[name], complete)
        if done is None:
            return None
        event[name] = done
    return event


def event_dict_from_payload(payload: str, parts: Sequence[tuple[str, str]] | None = None) -> dict[str, Any]:
    """``Event.to_dict()`` of a stored event, straight from its JSON (10x faster than building the record); a fused
    event's with its ``parts`` (``event_from_payload``).

    A payload written before a field was added gets that field's default at the dict level (a store
    written by an older version stays on the fast path); one that cannot be completed so (an unknown key,
    a missing required field) goes through ``Event``, which converts or raises as it always did.
    """
    d = orjson.loads(payload) if parts is None else joined_payload(payload, parts)
    done = _completed_event(d)
    return done if done is not None else event_from_dict(d).to_dict()


def document_row(doc: Document, stored_at: datetime) -> dict[str, Any]:
    """The ``documents`` row of a document."""
    return {
        "doc_id": doc.doc_id,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "original": doc.original,
        "title": doc.title,
        "url": doc.url,
        "publisher": doc.publisher,
        "published": doc.published,
        "language": doc.language,
        "source": doc.source,
        "stored_at": stored_at,
    }


def document_from_row(row: Any) -> Document:
    """Rebuild a Document from a ``documents`` row."""
    published = row.published
    if isinstance(published, datetime):
        published = published.date()
    elif isinstance(published, str):
        published = date.fromisoformat(published[:10])
    return Document(
        doc_id=row.doc_id,
        text=row.text,
        original=row.original,
        content_hash=row.content_hash,
        title=row.title,
        url=row.url,
        publisher=row.publisher,
        published=published,
        language=row.language,
        source=row.source,
    )
