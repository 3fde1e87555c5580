"""Analysts' review of fused events: a layer over the machine's output, kept by the store.

A review (table ``reviews``) belongs to one fused event and holds its status (``machine``, ``confirmed``,
``corrected``, ``rejected``) and the values analysts set on its coded fields. It also holds the event's reports
(``review_anchors``: mention ids), which is how it survives fusion:

- fusion rebuilds events from their mentions and knows nothing of reviews; every write of the store passes its
  fused events through ``apply``, which lays each review's values over the machine's event (the payload and the
  search row then carry the reviewed values, so listings, filters and exports need nothing else) and keeps the
  machine's value of each such field in ``extra["review"]["machine"]``;
- when fusion renames an event (a new report with a smaller mention id) or rebuilds it, the review follows its
  reports; a new report fusing into a reviewed event joins its reports, and its claims and sources show, but the
  fields analysts set stay as they set them;
- the reports of one review stay in one event and apart from another review's: an analyst's merge or split is
  held against later fusion (the event is rebuilt with the builder fusion registers, ``register``);
- anchors of a removed document stay, so a document processed again finds its review.

Every change is one row of ``review_audit`` (who, when, field, before, after, reason). Only SQL lives here; the
checks of what an analyst may set live in ``frontwatch.review``.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from frontwatch.errors import InputError, StoreError
from frontwatch.records import Event
from frontwatch.store import classes, parts, rows, schema
from frontwatch.store.base import EventQuery
from frontwatch.store.plan import WritePlan
from frontwatch.store.query import conditions

if TYPE_CHECKING:
    from frontwatch.store.sql import SqlStore

log = logging.getLogger(__name__)

STATUSES = ("machine", "confirmed", "corrected", "rejected")
# Coded fields an analyst may set; the place is several of them at once.
FIELDS = (
    "event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2", "assoc_actor_1",
    "assoc_actor_2", "inter1", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "geonameid", "fatalities",
)
_TUPLES = ("assoc_actor_1", "assoc_actor_2")
# Who the audit log names for what the store does itself (a review following its renamed event).
SYSTEM = "frontwatch"
# Rounds of following reviews to the events their reports are in, and back (a chain of reviews is short).
_MAX_ROUNDS = 20

_rv = schema.reviews.c
_an = schema.review_anchors.c
# The two look-ups every save makes (``apply``), built once and run with ``{schema.IDS: chunk}``.
_REVIEWS_IN = sa.select(_rv.review_id).where(_rv.event_id.in_(schema.ids()))
_PINS_IN = sa.select(_an.mention_id, _an.review_id).where(_an.mention_id.in_(schema.ids()))
_au = schema.review_audit.c
_mn = schema.mentions.c
_es = schema.event_search.c

Builder = Callable[[Sequence[Event]], Event]
_HOOKS: dict[str, Callable] = {}


def register(builder: Builder, notes: Callable[[Event], str] | None = None) -> None:
    """Give the store fusion's event builder (to hold merges and splits) and its notes writer (to re-word a
    corrected event's notes); ``frontwatch.review`` does it when imported."""
    _HOOKS["builder"] = builder
    if notes is not None:
        _HOOKS["notes"] = notes


class NoSuchEvent(LookupError):
    """The event asked for is not in the store."""


@dataclass(frozen=True)
class Review:
    """One review row: the event it belongs to now, its status and the values analysts set."""

    review_id: int
    event_id: str | None
    status: str
    fields: dict[str, Any]
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class AuditRow:
    """One change: who made it and when, on which event and field, the value before and after, and why."""

    audit_id: int
    event_id: str
    at: datetime
    analyst: str
    action: str
    field: str | None
    before: Any
    after: Any
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types."""
        return {
            "audit_id": self.audit_id, "event_id": self.event_id, "at": _iso(self.at), "analyst": self.analyst,
            "action": self.action, "field": self.field, "before": self.before, "after": self.after,
            "reason": self.reason,
        }


def _iso(value: datetime | str) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is None:  # SQLite hands back naive datetimes of what was stored in UTC
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


# -- the layer ---------------------------------------------------------------------------------------------------


def machine_view(event: Event) -> Event:
    """The event as the machine built it: the reviewed fields back at the machine's values, no review recorded."""
    review = event.extra.get("review")
    if not isinstance(review, dict):
        return event
    changes = {name: (tuple(v) if name in _TUPLES else v) for name, v in (review.get("machine") or {}).items()}
    extra = {k: v for k, v in event.extra.items() if k != "review"}
    return replace(event, **changes, extra=extra)


def overlay(event: Event, review: Review | None) -> Event:
    """The machine's event with the review laid over it: the values analysts set, the status, the machine's values
    of those fields kept in ``extra["review"]``, and the notes re-worded when a field changed."""
    event = machine_view(event)
    if review is None:
        return event
    changes: dict[str, Any] = {}
    machine: dict[str, Any] = {}
    for name, value in sorted(review.fields.items()):
        if name not in FIELDS:
            continue
        value = tuple(value) if name in _TUPLES else value
        if getattr(event, name) != value:
            machine[name] = _json_value(getattr(event, name))
            changes[name] = value
    extra = dict(event.extra)
    extra["review"] = {"status": review.status, "fields": sorted(review.fields), "machine": machine,
                       "by": review.updated_by, "at": _iso(review.updated_at)}
    reviewed = replace(event, **changes, extra=extra)
    notes = _HOOKS.get("notes")
    if changes and notes is not None:
        extra["review"]["machine"]["notes"] = event.notes
        text = notes(reviewed)
        if "fatalities" in changes:  # the notes tell what was reported; the coded figure is the analyst's
            text = f"{text} Fatalities coded {reviewed.fatalities} on analyst review."
        reviewed = replace(reviewed, notes=text)
    return reviewed


def apply(conn: Connection, write: WritePlan, force: Collection[str] = ()) -> None:
    """Lay the reviews over the fused events a write saves, in its transaction, before they are written.

    Called between writing a batch's mentions and its events. Reviews concerned: those of the events saved or
    deleted, those holding a mention the write stores or moves, and those of ``force`` (events whose review an
    analyst just changed; their stored payload is re-read). Each follows its reports to the event they are in now;
    where fusion put one review's reports in several events, or two reviews' in one, the events are rebuilt so
    each review holds exactly its reports (and the unreviewed reports fusion joined to them). Writes nothing and
    costs two indexed look-ups when no review is concerned.
    """
    keys = set(write.events) | set(force)
    rids = _reviews_keyed(conn, keys) | _reviews_anchored(conn, set(write.mentions) | set(write.moved))
    if not rids:
        return
    for eid, event in _stored_events(conn, [e for e in force if write.events.get(e) is None and e not in write.events]).items():
        write.events[eid] = machine_view(event)
    saved = {eid for eid, event in write.events.items() if event is not None}
    _settle(conn, write, rids, saved)


def _settle(conn: Connection, write: WritePlan, rids: set[int], events: set[str]) -> None:
    reviews: dict[int, Review] = {}
    pin: dict[str, int] = {}  # mention id -> review holding it
    stored_pins: set[str] = set()  # those with an anchor row
    members: dict[str, set[str]] = {}  # event id -> its mention ids, now
    pending_reviews, pending_events = set(rids), set(events)
    for _ in range(_MAX_ROUNDS):
        if not pending_reviews and not pending_events:
            break
        loaded = _load_reviews(conn, pending_reviews)
        reviews.update(loaded)
        anchored = _anchors(conn, pending_reviews)
        for rid, mids in anchored.items():
            for mid in mids:
                pin[mid] = rid
                stored_pins.add(mid)
        held = {m for mids in anchored.values() for m in mids}
        pending_events |= {e for e in _events_of_mentions(conn, held).values() if e}
        pending_events |= {r.event_id for r in loaded.values() if r.event_id}
        pending_events -= set(members)
        new_members = _members(conn, pending_events)
        members.update({e: new_members.get(e, set()) for e in pending_events})
        fresh = {m for e in pending_events for m in new_members.get(e, ())} - set(pin)
        found = _pins(conn, fresh)
        pin.update(found)
        stored_pins.update(found)
        pending_reviews = (set(found.values()) | _reviews_keyed(conn, pending_events)) - set(reviews)
        pending_events = set()
    members = {e: ms for e, ms in members.items() if ms}
    # A review none of whose reports exists any more, keyed to an event with no other review's report, adopts it.
    placed = set(pin.values()) & {pin[m] for ms in members.values() for m in ms if m in pin}
    for rid, review in reviews.items():
        if rid not in placed and review.event_id in members:
            if not any(m in pin for m in members[review.event_id]):
                for m in members[review.event_id]:
                    pin[m] = rid

    groups: dict[tuple[str, Any], set[str]] = {}
    for eid in sorted(members):
        counts = Counter(pin[m] for m in members[eid] if m in pin)
        if not counts:
            groups[("event", eid)] = set(members[eid])
            continue
        owner = min(counts, key=lambda r: (-counts[r], r))
        for m in members[eid]:
            groups.setdefault(("review", pin.get(m, owner)), set()).add(m)
    current = {frozenset(ms): eid for eid, ms in members.items()}
    target: dict[tuple[str, Any], str] = {}
    rebuild: dict[tuple[str, Any], set[str]] = {}
    for key, ms in groups.items():
        eid = current.get(frozenset(ms))
        if eid is not None:
            target[key] = eid
        else:
            rebuild[key] = ms
    builder = _HOOKS.get("builder")
    if rebuild and builder is None:
        log.warning("%d reviewed events need rebuilding but no event builder is registered; left as fused", len(rebuild))
        for key, ms in rebuild.items():
            held = Counter(e for e, mids in members.items() for _ in mids & ms)
            target[key] = min(held, key=lambda e: (-held[e], e))
        rebuild = {}
    if rebuild:
        _rebuild(conn, write, members, target, rebuild, builder)

    final = {rid: target.get(("review", rid)) for rid in reviews}
    for rid, review in reviews.items():  # an event stored without mentions keeps its review where it is
        if final[rid] is None and review.event_id is not None and write.events.get(review.event_id) is not None \
                and review.event_id not in members and review.event_id not in final.values():
            final[rid] = review.event_id
    _rekey(conn, reviews, final)
    _grow_anchors(conn, {rid: groups.get(("review", rid), set()) for rid, eid in final.items() if eid}, stored_pins)
    owners = {eid: rid for rid, eid in final.items() if eid}
    for eid in [e for e in owners if write.events.get(e) is None and e not in write.events]:
        stored = _stored_events(conn, [eid]).get(eid)
        if stored is not None:
            write.events[eid] = stored
    fresh_reviews = _load_reviews(conn, set(owners.values()))
    for eid, event in list(write.events.items()):
        if event is not None:
            rid = owners.get(eid)
            write.events[eid] = overlay(event, fresh_reviews.get(rid)) if rid is not None else machine_view(event)


def _rebuild(conn: Connection, write: WritePlan, members: dict[str, set[str]], target: dict, rebuild: dict,
             builder: Builder) -> None:
    """Replace the events whose reports the reviews regroup by events built from each group's reports."""
    wanted = sorted({m for ms in rebuild.values() for m in ms})
    payloads = {mid: m for mid, (m, _doc, _eid) in write.mentions.items() if mid in set(wanted)}
    payloads.update(_mention_payloads(conn, [m for m in wanted if m not in payloads]))
    kept = set(target.values())
    for eid in members:
        if eid not in kept:
            write.events[eid] = None
    moves = []
    for key in sorted(rebuild, key=lambda k: min(rebuild[k])):
        built = builder([payloads[m] for m in sorted(rebuild[key]) if m in payloads])
        write.events.pop(built.event_id, None)
        write.events[built.event_id] = built
        target[key] = built.event_id
        moves.extend({"m": m, "e": built.event_id} for m in sorted(rebuild[key]))
    if moves:
        stmt = schema.mentions.update().where(_mn.mention_id == sa.bindparam("m")).values(event_id=sa.bindparam("e"))
        conn.execute(stmt, moves)
    log.info("reviews: %d events rebuilt to hold analysts' merges and splits", len(rebuild))


def _rekey(conn: Connection, reviews: dict[int, Review], final: dict[int, str | None]) -> None:
    changed = {rid: eid for rid, eid in final.items() if eid and eid != reviews[rid].event_id}
    if not changed:
        return
    now = datetime.now(UTC)
    # Free the keys first: a review whose event is gone may still hold the id fusion gives a rebuilt event.
    for chunk in schema.in_chunks(sorted(set(changed.values()))):
        conn.execute(schema.reviews.update().where(_rv.event_id.in_(chunk)).values(event_id=None))
    for chunk in schema.in_chunks(sorted(changed)):
        conn.execute(schema.reviews.update().where(_rv.review_id.in_(chunk)).values(event_id=None))
    for rid, eid in sorted(changed.items()):
        conn.execute(schema.reviews.update().where(_rv.review_id == rid).values(event_id=eid))
        if reviews[rid].event_id is not None:  # a review just created by a split has no earlier event
            _audit(conn, rid, eid, now, SYSTEM, "follow", "event_id", reviews[rid].event_id, eid, None)


def _grow_anchors(conn: Connection, groups: dict[int, set[str]], stored: set[str]) -> None:
    """Anchor to each review the reports its event holds now that no review held yet."""
    rows_ = [{"mention_id": m, "review_id": rid} for rid, ms in groups.items() for m in sorted(ms) if m not in stored]
    if rows_:
        conn.execute(schema.review_anchors.insert(), rows_)


# -- reading -----------------------------------------------------------------------------------------------------


def _review(row: Any) -> Review:
    return Review(row.review_id, row.event_id, row.status, json.loads(row.fields), row.updated_by, row.updated_at)


def _load_reviews(conn: Connection, rids: Collection[int]) -> dict[int, Review]:
    out = {}
    for chunk in schema.in_chunks(sorted(rids)):
        for row in conn.execute(sa.select(schema.reviews).where(_rv.review_id.in_(chunk))):
            out[row.review_id] = _review(row)
    return out


def _reviews_keyed(conn: Connection, event_ids: Collection[str]) -> set[int]:
    out: set[int] = set()
    for chunk in schema.in_chunks(sorted(e for e in event_ids if e)):
        out.update(conn.execute(_REVIEWS_IN, {schema.IDS: chunk}).scalars())
    return out


def _reviews_anchored(conn: Connection, mention_ids: Collection[str]) -> set[int]:
    return set(_pins(conn, mention_ids).values())


def _pins(conn: Connection, mention_ids: Collection[str]) -> dict[str, int]:
    out = {}
    for chunk in schema.in_chunks(sorted(mention_ids)):
        out.update(conn.execute(_PINS_IN, {schema.IDS: chunk}).all())
    return out


def _anchors(conn: Connection, rids: Collection[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {r: set() for r in rids}
    for chunk in schema.in_chunks(sorted(rids)):
        for mid, rid in conn.execute(sa.select(_an.mention_id, _an.review_id).where(_an.review_id.in_(chunk))):
            out[rid].add(mid)
    return out


def _events_of_mentions(conn: Connection, mention_ids: Collection[str]) -> dict[str, str | None]:
    out = {}
    for chunk in schema.in_chunks(sorted(mention_ids)):
        out.update(conn.execute(sa.select(_mn.mention_id, _mn.event_id).where(_mn.mention_id.in_(chunk))).all())
    return out


def _members(conn: Connection, event_ids: Collection[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for chunk in schema.in_chunks(sorted(e for e in event_ids if e)):
        for mid, eid in conn.execute(sa.select(_mn.mention_id, _mn.event_id).where(_mn.event_id.in_(chunk))):
            out.setdefault(eid, set()).add(mid)
    return out


def _mention_payloads(conn: Connection, mention_ids: Collection[str]) -> dict[str, Event]:
    """The mentions stored under these ids."""
    out = {}
    for chunk in schema.in_chunks(sorted(mention_ids)):
        for rid, data in conn.execute(sa.select(_mn.mention_id, _mn.payload).where(_mn.mention_id.in_(chunk))):
            out[rid] = rows.event_from_payload(data)
    return out


def _stored_events(conn: Connection, event_ids: Collection[str]) -> dict[str, Event]:
    return parts.stored_events(conn, event_ids)


def _audit(conn: Connection, rid: int, event_id: str, at: datetime, analyst: str, action: str, field: str | None,
           before: Any, after: Any, reason: str | None) -> int:
    result = conn.execute(schema.review_audit.insert().values(
        review_id=rid, event_id=event_id, at=at, analyst=analyst, action=action, field=field,
        old_value=json.dumps(_json_value(before), ensure_ascii=False),
        new_value=json.dumps(_json_value(after), ensure_ascii=False), reason=reason,
    ))
    return int(result.inserted_primary_key[0])


def review_of(store: SqlStore, event_id: str) -> Review | None:
    """The review of an event, or None when no analyst has touched it."""
    with store._engine.connect() as conn:
        row = conn.execute(sa.select(schema.reviews).where(_rv.event_id == event_id)).first()
    return _review(row) if row is not None else None


def audit_of(store: SqlStore, event_id: str) -> list[AuditRow]:
    """Every change made to an event's review, oldest first (also those made under its earlier ids)."""
    with store._engine.connect() as conn:
        rid = conn.execute(sa.select(_rv.review_id).where(_rv.event_id == event_id)).scalar_one_or_none()
        if rid is None:
            return []
        found = conn.execute(sa.select(schema.review_audit).where(_au.review_id == rid).order_by(_au.audit_id))
        return [
            AuditRow(r.audit_id, r.event_id, r.at, r.analyst, r.action, r.field, json.loads(r.old_value),
                     json.loads(r.new_value), r.reason)
            for r in found
        ]


def generation(store: SqlStore) -> int:
    """The store's write generation: it changes with every write (a live page polls it to reload)."""
    gen = schema.store_generation.c
    with store._engine.connect() as conn:
        found = conn.execute(sa.select(gen.generation).where(gen.id == schema.GENERATION_ROW)).scalar_one_or_none()
    return int(found or 0)


def queue(store: SqlStore, query: EventQuery, order: str = "newest") -> list[dict[str, Any]]:
    """Events to review (the query's statuses, ``machine`` by default), newest first then the most reported
    (``order="reported"``: the most reported first, then the newest); the query's filters and page apply."""
    if query.review_status is None:
        query = replace(query, review_status=("machine",))
    if order == "reported":
        terms = [_es.n_sources.desc(), _es.undated.asc(), _es.event_date.desc(), _es.event_id.desc()]
    elif order == "newest":
        terms = [_es.undated.asc(), _es.event_date.desc(), _es.n_sources.desc(), _es.event_id.desc()]
    else:
        raise InputError(f"Unknown queue order {order!r}: expected newest or reported.")
    columns = (_es.event_id, _es.event_date, _es.time_precision, _es.event_type, _es.sub_event_type, _es.actor1,
               _es.actor2, _es.country, _es.admin1, _es.location, _es.latitude, _es.longitude, _es.geo_precision,
               _es.fatalities, _es.n_claims, _es.n_sources, _es.review_status)
    stmt = sa.select(*columns).where(*conditions(query)).order_by(*terms)
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    if query.offset:
        stmt = stmt.offset(query.offset)
    with store._engine.connect() as conn:
        found = conn.execute(stmt).all()
    out = []
    for row in found:
        item = dict(row._mapping)
        item["claims"], item["sources"] = item.pop("n_claims"), item.pop("n_sources")
        out.append(item)
    return out


# -- analysts' actions -------------------------------------------------------------------------------------------


def _finish(store: SqlStore, conn: Connection, write: WritePlan, force: Collection[str]) -> None:
    """Apply the reviews to ``force`` and write what changed, as ``save_many`` ends a write."""
    apply(conn, write, force)
    store._write_events(conn, write)
    store._delete_orphans(conn, write.orphan_suspects())
    classes.refresh(conn, set(write.events))
    store._next_generation(conn)


def _event_row(conn: Connection, event_id: str) -> Event:
    found = _stored_events(conn, [event_id]).get(event_id)
    if found is None:
        raise NoSuchEvent(event_id)
    return found


def _review_for(conn: Connection, event_id: str, analyst: str, now: datetime) -> Review:
    """The event's review, created (status machine, holding the event's reports) when it has none."""
    row = conn.execute(sa.select(schema.reviews).where(_rv.event_id == event_id)).first()
    if row is not None:
        review = _review(row)
    else:
        rid = conn.execute(schema.reviews.insert().values(
            event_id=event_id, status="machine", fields="{}", updated_by=analyst, updated_at=now,
        )).inserted_primary_key[0]
        review = Review(int(rid), event_id, "machine", {}, analyst, now)
    members = _members(conn, [event_id]).get(event_id, set())
    free = members - set(_pins(conn, members))
    if free:
        conn.execute(schema.review_anchors.insert(), [{"mention_id": m, "review_id": review.review_id} for m in sorted(free)])
    return review


def _save_review(conn: Connection, review: Review) -> None:
    conn.execute(schema.reviews.update().where(_rv.review_id == review.review_id).values(
        status=review.status, fields=json.dumps(review.fields, ensure_ascii=False, sort_keys=True),
        updated_by=review.updated_by, updated_at=review.updated_at,
    ))


class _NoChange(Exception):
    """Raised inside an action's transaction to roll it back: nothing was changed."""


@contextmanager
def _guard(action: str, event_id: str) -> Iterator[None]:
    """Turn database failures of an action into StoreError (the message names the event, never a reason)."""
    try:
        yield
    except SQLAlchemyError as e:
        raise StoreError(f"Review {action} on event {event_id} failed: {type(e).__name__}.") from e


def change(store: SqlStore, event_id: str, analyst: str, action: str, *, status: str | None = None,
           fields: dict[str, Any] | None = None, reason: str | None = None) -> tuple[str, list[AuditRow]]:
    """Set a status and/or field values on an event's review, in one transaction; one audit row per value that
    changed (a field whose shown value is already the one asked for is no change). Returns the event's id and the
    audit rows written."""
    if status is not None and status not in STATUSES:
        raise InputError(f"Unknown review status {status!r}: expected one of {', '.join(STATUSES)}.")
    unknown = sorted(set(fields or {}) - set(FIELDS))
    if unknown:
        raise InputError(f"Fields that cannot be reviewed: {', '.join(unknown)}.")
    now = datetime.now(UTC)
    written: list[tuple[int, str, str | None, Any, Any]] = []
    try:
        with _guard(action, event_id), store._engine.begin() as conn:
            shown = _event_row(conn, event_id)
            review = _review_for(conn, event_id, analyst, now)
            new_fields = dict(review.fields)
            for name, value in sorted((fields or {}).items()):
                before, after = _json_value(getattr(shown, name)), _json_value(value)
                if before != after:
                    new_fields[name] = after
                    written.append((review.review_id, action, name, before, after))
            new_status = status or review.status
            if new_status != review.status:
                written.append((review.review_id, action, "review_status", review.status, new_status))
            if not written:
                raise _NoChange
            _save_review(conn, replace(review, status=new_status, fields=new_fields, updated_by=analyst, updated_at=now))
            audit_ids = [_audit(conn, rid, event_id, now, analyst, act, f, b, a, reason) for rid, act, f, b, a in written]
            _finish(store, conn, WritePlan(), [event_id])
    except _NoChange:
        return event_id, []
    return event_id, [AuditRow(i, event_id, now, analyst, w[1], w[2], w[3], w[4], reason) for i, w in zip(audit_ids, written)]


def merge(store: SqlStore, event_id: str, other_id: str, analyst: str, reason: str | None = None) -> str:
    """Merge ``other_id`` into ``event_id``: one event holding both events' reports, held together against later
    fusion; the review becomes ``corrected``, values set on either are kept (the first event's win). Returns the
    merged event's id (fusion's id for the union of reports: one of the two)."""
    if event_id == other_id:
        raise InputError("An event cannot be merged with itself.")
    now = datetime.now(UTC)
    with _guard("merge", event_id), store._engine.begin() as conn:
        _event_row(conn, event_id)
        _event_row(conn, other_id)
        review = _review_for(conn, event_id, analyst, now)
        other = conn.execute(sa.select(schema.reviews).where(_rv.event_id == other_id)).first()
        fields = dict(review.fields)
        if other is not None:
            gone = _review(other)
            for name, value in gone.fields.items():
                fields.setdefault(name, value)
            conn.execute(schema.review_anchors.update().where(_an.review_id == gone.review_id).values(
                review_id=review.review_id))
            conn.execute(schema.review_audit.update().where(_au.review_id == gone.review_id).values(
                review_id=review.review_id))
            conn.execute(schema.reviews.delete().where(_rv.review_id == gone.review_id))
        members = _members(conn, [other_id]).get(other_id, set())
        free = members - set(_pins(conn, members))
        if free:
            conn.execute(schema.review_anchors.insert(),
                         [{"mention_id": m, "review_id": review.review_id} for m in sorted(free)])
        _save_review(conn, replace(review, status="corrected", fields=fields, updated_by=analyst, updated_at=now))
        audit_id = _audit(conn, review.review_id, event_id, now, analyst, "merge", "merged_with", [event_id, other_id],
                          None, reason)
        if review.status != "corrected":
            _audit(conn, review.review_id, event_id, now, analyst, "merge", "review_status", review.status,
                   "corrected", reason)
        _finish(store, conn, WritePlan(), [event_id, other_id])
        merged = conn.execute(sa.select(_rv.event_id).where(_rv.review_id == review.review_id)).scalar_one()
        conn.execute(schema.review_audit.update().where(_au.audit_id == audit_id).values(
            new_value=json.dumps(merged)))
    return merged


def split(store: SqlStore, event_id: str, doc_id: str, analyst: str, reason: str | None = None) -> tuple[str, str]:
    """Split the reports of one document out of an event into an event of their own, kept apart from it against
    later fusion. The event's review becomes ``corrected``; the new event is ``machine`` (still to be checked).
    Returns the ids of the event and of the new one."""
    now = datetime.now(UTC)
    with _guard("split", event_id), store._engine.begin() as conn:
        shown = _event_row(conn, event_id)
        found = conn.execute(sa.select(_mn.mention_id, _mn.doc_id).where(_mn.event_id == event_id)).all()
        out = sorted(m for m, d in found if d == doc_id)
        if not out:
            raise InputError(f"Document {doc_id!r} is not a report of event {event_id}.")
        if len(out) == len(found):
            raise InputError(f"Document {doc_id!r} is the only report of event {event_id}: nothing to split it from.")
        review = _review_for(conn, event_id, analyst, now)
        new_rid = int(conn.execute(schema.reviews.insert().values(
            event_id=None, status="machine", fields="{}", updated_by=analyst, updated_at=now,
        )).inserted_primary_key[0])
        conn.execute(schema.review_anchors.update().where(_an.mention_id.in_(out)).values(review_id=new_rid))
        _save_review(conn, replace(review, status="corrected", updated_by=analyst, updated_at=now))
        before = sorted({s.doc_id for s in shown.sources})
        _audit(conn, review.review_id, event_id, now, analyst, "split", "sources", before,
               [d for d in before if d != doc_id], reason)
        if review.status != "corrected":
            _audit(conn, review.review_id, event_id, now, analyst, "split", "review_status", review.status,
                   "corrected", reason)
        _finish(store, conn, WritePlan(), [event_id])
        kept, new = (conn.execute(sa.select(_rv.event_id).where(_rv.review_id == r)).scalar_one()
                     for r in (review.review_id, new_rid))
        if new is None or kept is None:
            raise StoreError(f"Review split on event {event_id} failed: the events could not be rebuilt.")
        _audit(conn, new_rid, new, now, analyst, "split", "split_from", event_id, new, reason)
    return kept, new
