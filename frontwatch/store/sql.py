"""``SqlStore``: the Store protocol on SQLAlchemy Core, for SQLite files and PostgreSQL alike."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from frontwatch.errors import Messages, StoreError
from frontwatch.records import Document, Event
from frontwatch.store import classes, counts, parts, review, rows, schema
from frontwatch.store.counts import GenerationCache, count_key
from frontwatch.store.base import EventQuery, EventSummary, MentionClass, MentionReach, StoredMember
from frontwatch.store.plan import SaveItem, StoredMention, WritePlan, mention_ids_to_load, plan
from frontwatch.store.query import after_ranges, conditions, order_by, seeks_filter, sort_columns, walks_sort
from frontwatch.store.reach import CLASSES, reach_queries, reach_rows

logger = logging.getLogger(__name__)

# Rows fetched per round trip when streaming: a steady memory footprint, round trips that do not dominate.
PAGE_ROWS = 500
# Decoded mentions a store keeps for fusion (about 10 KB each); past this many it starts again.
MENTION_CACHE = 50_000

_ev = schema.events.c
_mn = schema.mentions.c
_es = schema.event_search.c
_gen = schema.store_generation.c
# Listings walk ``event_search`` (filters and sorts) and read ``events`` only for the chosen rows' payloads.
_ev_listing = schema.event_search.join(schema.events, _es.event_id == _ev.event_id)
# The write path's look-ups and deletes by id, built once (``schema.ids``) and run with ``{IDS: chunk}``.
IDS = schema.IDS
_STORED_BY_DOC = sa.select(_mn.mention_id, _mn.doc_id, _mn.event_id).where(_mn.doc_id.in_(schema.ids()))
_STORED_BY_ID = sa.select(_mn.mention_id, _mn.doc_id, _mn.event_id).where(_mn.mention_id.in_(schema.ids()))
_DOCUMENTS_IN = sa.select(schema.documents.c.doc_id).where(schema.documents.c.doc_id.in_(schema.ids()))
_EVENTS_IN = sa.select(_ev.event_id).where(_ev.event_id.in_(schema.ids()))
_LINKED_IN = sa.select(_mn.event_id).where(_mn.event_id.in_(schema.ids())).distinct()
_CONTENT_HASH = sa.select(schema.documents.c.content_hash).where(schema.documents.c.doc_id == sa.bindparam("doc_id"))
_DELETE_IN = {table: table.delete().where(table.c.event_id.in_(schema.ids()))
              for table in (*schema.EVENT_CHILDREN, schema.events)}
_SUMMARY_COLUMNS = tuple(_es[f.name] for f in fields(EventSummary) if f.name not in ("claims", "sources")) + (
    _es.n_claims,
    _es.n_sources,
)


def _paged(stmt: sa.Select, query: EventQuery | None) -> sa.Select:
    if query is not None and query.limit is not None:
        stmt = stmt.limit(query.limit)
    if query is not None and query.offset:
        stmt = stmt.offset(query.offset)
    return stmt


@dataclass(frozen=True)
class DocumentRemoval:
    """What ``delete_document`` did: the fused events it removed and the survivors that lost a mention."""

    doc_id: str
    found: bool
    deleted_event_ids: tuple[str, ...] = ()
    affected_event_ids: tuple[str, ...] = ()


def _class_order(c: MentionClass) -> tuple:
    """A total order of an event's class rows (a NULL class sorts first, then by its reach columns)."""
    return (c.event_id, c.fuse_class or "", c.event_type or "", c.fuse_role or "", c.time_precision or 0, c.event_date,
            c.country or "", c.admin1 or "", c.geonameid or 0, c.latitude or 0.0, c.longitude or 0.0, c.first_mention)


class SqlStore:
    """An event store in one SQL database; safe to share between threads, one connection per call."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url
        self._counts: GenerationCache[EventQuery, int] = GenerationCache()
        # Per generation: events per day and type, and the distinct texts of the substring filters' columns.
        self._histogram: GenerationCache[str, list[tuple]] = GenerationCache(entries=5)
        # Mention id -> (payload, record) of mentions read by fusion: a happening's mentions are read again each time
        # a report joins it, and decoding is most of that read. A record is reused only for the very same payload.
        self._mentions: dict[str, tuple[str, Event]] = {}

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -------------------------------------------------------------------------------

    def has_document(self, doc_id: str, content_hash: str | None = None) -> bool:
        """True when this document (and, if given, this exact content) is already stored."""
        with self._engine.connect() as conn:
            found = conn.execute(_CONTENT_HASH, {"doc_id": doc_id}).scalar_one_or_none()
        if found is None:
            return False
        return content_hash is None or found == content_hash

    def get_document(self, doc_id: str) -> Document | None:
        """One stored document, or None."""
        stmt = sa.select(schema.documents).where(schema.documents.c.doc_id == doc_id)
        with self._engine.connect() as conn:
            row = conn.execute(stmt).first()
        return rows.document_from_row(row) if row is not None else None

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document, streamed in ``doc_id`` order."""
        stmt = sa.select(schema.documents).order_by(schema.documents.c.doc_id)
        with self._engine.connect() as conn:
            for row in conn.execute(stmt.execution_options(yield_per=PAGE_ROWS)):
                yield rows.document_from_row(row)

    def delete_document(self, doc_id: str) -> DocumentRemoval:
        """Remove a document, its mentions and the fused events left without mentions, in one transaction.

        Surviving events that lost a mention are listed in ``affected_event_ids``: their claims and sources
        still name the document until the caller re-fuses and saves them.
        """
        try:
            with self._engine.begin() as conn:
                exists = conn.execute(
                    sa.select(schema.documents.c.doc_id).where(schema.documents.c.doc_id == doc_id)
                ).first()
                if exists is None:
                    return DocumentRemoval(doc_id, found=False)
                touched = self._event_ids_of_document(conn, doc_id)
                conn.execute(schema.mentions.delete().where(_mn.doc_id == doc_id))
                conn.execute(schema.mention_dates.delete().where(schema.mention_dates.c.doc_id == doc_id))
                conn.execute(schema.documents.delete().where(schema.documents.c.doc_id == doc_id))
                orphans = self._delete_orphans(conn, touched)
                classes.refresh(conn, touched)
                self._next_generation(conn)
        except SQLAlchemyError as e:
            raise StoreError(Messages.E017.format(source=doc_id, detail=f"delete failed: {e}")) from e
        survivors = tuple(sorted(set(touched) - set(orphans)))
        logger.info("deleted document %s and %d events", doc_id, len(orphans))
        return DocumentRemoval(doc_id, True, tuple(sorted(orphans)), survivors)

    # -- writing ---------------------------------------------------------------------------------

    def save(
        self,
        doc: Document,
        mentions: Sequence[Event],
        events: Sequence[Event],
        mention_event: Mapping[str, str],
        deleted_event_ids: Sequence[str] = (),
        grown: Mapping[str, str] | None = None,
    ) -> int:
        """Store a document, its mentions and the fused events they changed, in one transaction; return the store's
        write generation this transaction left.

        An event of ``grown`` (new id -> the stored event it extends with this document's mentions only) keeps its
        stored claim, evidence and source rows, moved to its new id if it has one, and gets this document's added:
        a happening reported a thousand times is not rewritten row by row for each new report. Rows are numbered
        uniquely within their event (appended rows follow the stored ones), not by rank: the payload keeps the order.
        """
        item = (doc, mentions, events, mention_event, deleted_event_ids)
        passed = {e.event_id: e for e in events}
        return self._save([item], {new: (old, passed[new]) for new, old in (grown or {}).items() if new in passed},
                          doc.doc_id if grown else None)

    def save_many(self, batch: Sequence[SaveItem]) -> None:
        """Apply several ``save`` calls, in order, in one transaction of bulk statements: all of them or none."""
        self._save(batch, {}, None)

    def _save(self, batch: Sequence[SaveItem], grown: Mapping[str, tuple[str, Event]], doc_id: str | None) -> int:
        if not batch:
            return self.generation()
        names = ", ".join(dict.fromkeys(item[0].doc_id for item in batch))
        try:
            with self._engine.begin() as conn:
                stored = self._stored_mentions(conn, batch)
                write = plan(batch, stored)
                existing = self._existing_documents(conn, list(write.documents))
                self._write_documents(conn, write, existing)
                self._write_mentions(conn, write)
                review.apply(conn, write)  # analysts' reviews laid over the fused events, which they follow
                # an event a review changed, or that this batch saves twice, is written whole
                kept = {new: old for new, (old, event) in grown.items() if write.events.get(new) is event}
                self._write_events(conn, write, kept, doc_id)
                self._delete_orphans(conn, write.orphan_suspects())
                touched = self._events_touched(write, stored)
                touched -= classes.grow(conn, self._grown_in_place(write, stored, kept, doc_id))
                classes.refresh(conn, touched)
                return self._next_generation(conn)
        except (SQLAlchemyError, TypeError, ValueError) as e:
            raise StoreError(Messages.E017.format(source=names[:300], detail=f"store write failed: {e}")) from e

    @staticmethod
    def _next_generation(conn: Connection) -> int:
        """Raise the store's write generation, in the writing transaction (cached totals become stale); the new one."""
        conn.execute(
            schema.store_generation.update()
            .where(_gen.id == schema.GENERATION_ROW)
            .values(generation=_gen.generation + 1)
        )
        return conn.execute(sa.select(_gen.generation).where(_gen.id == schema.GENERATION_ROW)).scalar_one()

    def generation(self) -> int:
        """The store's write generation now: every write transaction raises it by one."""
        with self._engine.connect() as conn:
            return conn.execute(sa.select(_gen.generation).where(_gen.id == schema.GENERATION_ROW)).scalar_one()

    @staticmethod
    def _events_touched(write: WritePlan, stored: Mapping[str, StoredMention]) -> set[str | None]:
        """The fused events whose mention sets a batch may change: saved, deleted, losing or gaining a mention."""
        touched: set[str | None] = set(write.events) | write.orphan_candidates | set(write.moved.values())
        touched.update(s.event_id for s in stored.values())
        touched.update(eid for _, _, eid in write.mentions.values())
        return touched

    @staticmethod
    def _grown_in_place(write: WritePlan, stored: Mapping[str, StoredMention], kept: Mapping[str, str],
                        doc_id: str | None) -> dict[str, list[dict[str, Any]]]:
        """The events of ``kept`` that keep their id and only gain ``doc_id``'s mentions (none of theirs moves, no
        stored mention of the document was theirs), with the ``mention_dates`` rows of the mentions they gain."""
        if doc_id is None:
            return {}
        lost = {s.event_id for s in stored.values()} | set(write.moved.values())
        out = {eid: [] for eid, old in kept.items() if eid == old and eid not in lost}
        for m, mention_doc, eid in write.mentions.values():
            if eid in out:
                if mention_doc != doc_id:
                    out.pop(eid)
                elif (r := rows.mention_date_row(m, mention_doc)) is not None:
                    out[eid].append(r)
        return out

    @staticmethod
    def _existing_documents(conn: Connection, doc_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in schema.in_chunks(doc_ids):
            found.update(conn.execute(_DOCUMENTS_IN, {IDS: chunk}).scalars())
        return found

    @staticmethod
    def _stored_mentions(conn: Connection, batch: Sequence[SaveItem]) -> dict[str, StoredMention]:
        """The stored mentions a batch touches: those of its documents and those it re-assigns."""
        stored: dict[str, StoredMention] = {}
        doc_ids = list(dict.fromkeys(item[0].doc_id for item in batch))
        for stmt, keys in ((_STORED_BY_DOC, doc_ids), (_STORED_BY_ID, mention_ids_to_load(batch))):
            for chunk in schema.in_chunks(keys):
                for mention_id, doc_id, event_id in conn.execute(stmt, {IDS: chunk}):
                    stored[mention_id] = StoredMention(doc_id, event_id)
        return stored

    def _write_documents(self, conn: Connection, write: WritePlan, existing: set[str]) -> None:
        """Replace the batch's documents (their old mention rows go first, for the foreign key)."""
        stale = sorted(existing)
        for chunk in schema.in_chunks(stale):
            conn.execute(schema.mentions.delete().where(_mn.doc_id.in_(chunk)))
            conn.execute(schema.mention_dates.delete().where(schema.mention_dates.c.doc_id.in_(chunk)))
            conn.execute(schema.documents.delete().where(schema.documents.c.doc_id.in_(chunk)))
        now = datetime.now(UTC)
        conn.execute(schema.documents.insert(), [rows.document_row(d, now) for d in write.documents.values()])

    def _write_mentions(self, conn: Connection, write: WritePlan) -> None:
        """Insert the batch's mentions and re-point other documents' mentions the batch re-assigned."""
        mention_rows = [rows.mention_row(m, doc_id, eid) for m, doc_id, eid in write.mentions.values()]
        if mention_rows:
            conn.execute(schema.mentions.insert(), mention_rows)
        date_rows = [r for m, doc_id, _ in write.mentions.values() if (r := rows.mention_date_row(m, doc_id))]
        if date_rows:
            conn.execute(schema.mention_dates.insert(), date_rows)
        if write.moved:
            stmt = (
                schema.mentions.update().where(_mn.mention_id == sa.bindparam("m")).values(event_id=sa.bindparam("e"))
            )
            conn.execute(stmt, [{"m": mid, "e": eid} for mid, eid in write.moved.items()])

    def _write_events(
        self, conn: Connection, write: WritePlan, grown: Mapping[str, str] | None = None, doc_id: str | None = None
    ) -> None:
        """Replace the saved fused events and their child rows; drop the deleted ones. The events of ``grown``
        (new id -> stored id) keep their stored child rows (moved to the new id) and get ``doc_id``'s added."""
        grown = grown or {}
        renamed = {new: old for new, old in grown.items() if new != old}
        kept_rows = set(grown) | set(grown.values())  # their event rows are updated or replaced after the move
        saved = write.saved_events()
        for chunk in schema.in_chunks(list(write.events)):
            # an event not stored yet has no rows to delete (its child rows' foreign keys): most of a new report's
            stored = set(conn.execute(_EVENTS_IN, {IDS: chunk}).scalars())
            searched = [eid for eid in chunk if eid in stored]
            whole = [eid for eid in searched if eid not in kept_rows]
            for table in schema.EVENT_CHILDREN:
                ids = searched if table is schema.event_search else whole
                if ids:
                    conn.execute(_DELETE_IN[table], {IDS: ids})
            if whole:
                conn.execute(_DELETE_IN[schema.events], {IDS: whole})
        first = self._next_positions(conn, [grown[e.event_id] for e in saved if e.event_id in grown])
        prepared = [
            rows.event_rows(e, doc_id, first.get(grown[e.event_id], (0, 0))) if e.event_id in grown else rows.event_rows(e)
            for e in saved
        ]
        in_place = [p.event for p in prepared if p.event["event_id"] in grown and p.event["event_id"] not in renamed]
        if in_place:
            stmt = schema.events.update().where(_ev.event_id == sa.bindparam("_id"))
            conn.execute(stmt, [{**{k: v for k, v in r.items() if k != "event_id"}, "_id": r["event_id"]} for r in in_place])
        inserted = [p.event for p in prepared if p.event["event_id"] not in grown or p.event["event_id"] in renamed]
        if inserted:
            conn.execute(schema.events.insert(), inserted)
        for new, old in renamed.items():  # the new event row exists now: its stored rows move to it
            for table in (schema.claims, schema.evidence, schema.event_sources, schema.event_parts):
                conn.execute(table.update().where(table.c.event_id == old).values(event_id=new))
            conn.execute(schema.events.delete().where(_ev.event_id == old))
        for table, attr in (
            (schema.claims, "claims"),
            (schema.evidence, "evidence"),
            (schema.event_sources, "sources"),
            (schema.event_parts, "parts"),
        ):
            child_rows = [r for p in prepared for r in getattr(p, attr)]
            if child_rows:
                conn.execute(table.insert(), child_rows)
        if prepared:
            conn.execute(schema.event_search.insert(), [p.search for p in prepared])

    @staticmethod
    def _delete_events(conn: Connection, event_ids: Sequence[str]) -> None:
        for chunk in schema.in_chunks(event_ids):
            for table in (*schema.EVENT_CHILDREN, schema.events):
                conn.execute(_DELETE_IN[table], {IDS: chunk})

    @staticmethod
    def _next_positions(conn: Connection, event_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """The first free claim and evidence positions of these (stored) events.

        Each event's largest position is read at the end of its primary key (a subquery per event), not found among
        all its rows: a happening reported a thousand times has thousands of claims and evidence rows."""
        out = dict.fromkeys(event_ids, (0, 0))
        tops = [
            sa.select(sa.func.max(table.c.position)).where(table.c.event_id == _ev.event_id).scalar_subquery()
            for table in (schema.claims, schema.evidence)
        ]
        for chunk in schema.in_chunks(list(out)):
            for eid, claims, evidence in conn.execute(sa.select(_ev.event_id, *tops).where(_ev.event_id.in_(chunk))):
                out[eid] = (0 if claims is None else claims + 1, 0 if evidence is None else evidence + 1)
        return out

    def _delete_orphans(self, conn: Connection, event_ids: Sequence[str]) -> list[str]:
        """Delete those of the given fused events that no mention points at any more; return them."""
        orphans = []
        for chunk in schema.in_chunks(sorted(set(event_ids))):
            linked = set(conn.execute(_LINKED_IN, {IDS: chunk}).scalars())
            orphans.extend(eid for eid in chunk if eid not in linked)
        self._delete_events(conn, orphans)
        return orphans

    @staticmethod
    def _event_ids_of_document(conn: Connection, doc_id: str) -> list[str]:
        stmt = sa.select(_mn.event_id).where(_mn.doc_id == doc_id, _mn.event_id.is_not(None)).distinct()
        return list(conn.execute(stmt).scalars())

    # -- reading events --------------------------------------------------------------------------

    def get_event(self, event_id: str) -> Event | None:
        """One fused event with its claims, sources and evidence, or None."""
        with self._engine.connect() as conn:
            return parts.stored_events(conn, [event_id]).get(event_id)

    def candidate_events(self, date_from: str | None, date_to: str | None) -> list[Event]:
        """Fused events whose date lies in the window (inclusive), plus undated ones when a bound is None."""
        window = []
        if date_from is not None:
            window.append(_ev.event_date >= date_from)
        if date_to is not None:
            window.append(_ev.event_date <= date_to)
        stmt = sa.select(_ev.event_id, _ev.payload).order_by(_ev.event_id)
        if window and (date_from is None or date_to is None):
            stmt = stmt.where(sa.or_(sa.and_(*window), _ev.event_date.is_(None)))
        elif window:
            stmt = stmt.where(*window)
        return list(self._stream(stmt))

    def mentions_within(self, reaches: Sequence[MentionReach]) -> list[tuple[str | None, Event]]:
        """Stored mentions meeting any of the reaches, each once with its fused event id, by mention id.

        The conditions run in SQL on ``mention_dates`` (each reach an index range on type, role, time precision and
        days, the rest tested in the index), so only the payloads of the mentions within reach are read and decoded.
        """
        found: dict[str, tuple[str | None, str]] = {}
        with self._engine.connect() as conn:
            for reach in reaches:
                for stmt, params in reach_queries(reach):
                    for mention_id, event_id, payload in conn.execute(stmt, params):
                        found[mention_id] = (event_id, payload)
        return [(found[k][0], self._mention(k, found[k][1])) for k in sorted(found)]

    def mentions_of(self, event_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The stored mentions of each given fused event (an empty list for one without mentions)."""
        out: dict[str, list[Event]] = {eid: [] for eid in event_ids}
        with self._engine.connect() as conn:
            for chunk in schema.in_chunks(list(out)):
                stmt = (
                    sa.select(_mn.event_id, _mn.mention_id, _mn.payload)
                    .where(_mn.event_id.in_(chunk))
                    .order_by(_mn.event_id, _mn.mention_id)
                )
                for event_id, mention_id, payload in conn.execute(stmt):
                    out[event_id].append(self._mention(mention_id, payload))
        return out

    def _mention(self, mention_id: str, payload: str) -> Event:
        """The mention record of this payload, decoded once (the records handed out are shared: never changed)."""
        found = self._mentions.get(mention_id)
        if found is not None and found[0] == payload:
            return found[1]
        if len(self._mentions) >= MENTION_CACHE:
            self._mentions.clear()
        mention = rows.event_from_payload(payload)
        self._mentions[mention_id] = (payload, mention)
        return mention

    def classes_within(self, reaches: Sequence[MentionReach]) -> list[MentionClass]:
        """The fusion classes of stored events meeting any of the reaches, each once, by event id and class.

        The reach conditions run on ``event_classes`` as ``mentions_within`` runs them on ``mention_dates``: a
        happening reported a thousand times is a handful of rows here, not a thousand payloads.
        """
        found: dict[tuple, MentionClass] = {}
        with self._engine.connect() as conn:
            for reach in reaches:
                for stmt, params in reach_queries(reach, CLASSES):
                    names = stmt.selected_columns.keys()
                    for row in reach_rows(conn, stmt, params):
                        c = MentionClass(**dict(zip(names, row)))
                        found[_class_order(c)] = c
        return [found[k] for k in sorted(found)]

    def classes_of(self, event_ids: Sequence[str]) -> dict[str, list[MentionClass]]:
        """Every fusion class of each given fused event, by class (an empty list for one without dated mentions)."""
        out: dict[str, list[MentionClass]] = {eid: [] for eid in event_ids}
        ec = schema.event_classes.c
        with self._engine.connect() as conn:
            for chunk in schema.in_chunks(list(out)):
                for row in conn.execute(sa.select(schema.event_classes).where(ec.event_id.in_(chunk))):
                    out[row.event_id].append(classes.mention_class(row))
        for found in out.values():
            found.sort(key=_class_order)
        return out

    def members_of(self, event_ids: Sequence[str]) -> dict[str, list[StoredMember]]:
        """The stored mentions of each given fused event as ``StoredMember`` rows (no payload read), by mention id.

        An undated mention (no ``mention_dates`` row) comes with no class, role or unit.
        """
        md = schema.mention_dates.c
        out: dict[str, list[StoredMember]] = {eid: [] for eid in event_ids}
        stmt = sa.select(_mn.event_id, _mn.mention_id, _mn.doc_id, md.fuse_class, md.fuse_role, md.fuse_unit).select_from(
            schema.mentions.outerjoin(schema.mention_dates, md.mention_id == _mn.mention_id)
        )
        with self._engine.connect() as conn:
            for chunk in schema.in_chunks(list(out)):
                found = conn.execute(stmt.where(_mn.event_id.in_(chunk)).order_by(_mn.event_id, _mn.mention_id)).all()
                for event_id, *member in found:  # fetched at once: a happening reported a thousand times is many rows
                    out[event_id].append(StoredMember(*member))
        return out

    def mention_counts(self, event_ids: Sequence[str]) -> dict[str, int]:
        """How many stored mentions each given fused event has (0 for one without)."""
        out = dict.fromkeys(event_ids, 0)
        stmt = sa.select(_mn.event_id, sa.func.count()).group_by(_mn.event_id)
        with self._engine.connect() as conn:
            for chunk in schema.in_chunks(list(out)):
                out.update(conn.execute(stmt.where(_mn.event_id.in_(chunk))).all())
        return out

    def classify_mentions(self, fusion_classes: Mapping[str, str]) -> None:
        """Record the fusion class of stored mentions that have none (stored before classes were), and rewrite the
        ``event_classes`` rows of their events: fusion then compares those happenings by class."""
        if not fusion_classes:
            return
        md = schema.mention_dates.c
        stmt = (
            schema.mention_dates.update()
            .where(md.mention_id == sa.bindparam("m"), md.fuse_class.is_(None))
            .values(fuse_class=sa.bindparam("c"))
        )
        try:
            with self._engine.begin() as conn:
                conn.execute(stmt, [{"m": m, "c": c} for m, c in fusion_classes.items()])
                touched: set[str] = set()
                for chunk in schema.in_chunks(sorted(fusion_classes)):
                    touched.update(conn.execute(sa.select(_mn.event_id).where(_mn.mention_id.in_(chunk))).scalars())
                classes.refresh(conn, touched)
        except SQLAlchemyError as e:
            raise StoreError(Messages.E017.format(source="fusion classes", detail=f"store write failed: {e}")) from e

    def document_classes(self, doc_ids: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
        """The ``(fused event, fusion class)`` pairs each given document's dated mentions belong to."""
        md = schema.mention_dates.c
        out: dict[str, set[tuple[str, str]]] = {d: set() for d in doc_ids}
        stmt = sa.select(md.doc_id, _mn.event_id, md.fuse_class).join(schema.mentions, _mn.mention_id == md.mention_id)
        with self._engine.connect() as conn:
            for chunk in schema.in_chunks(list(out)):
                for doc_id, event_id, fuse_class in conn.execute(stmt.where(md.doc_id.in_(chunk))):
                    if event_id is not None and fuse_class is not None:
                        out[doc_id].add((event_id, fuse_class))
        return out

    def get_mentions(self, mention_ids: Sequence[str]) -> dict[str, Event]:
        """The stored mentions with these ids (those found)."""
        out: dict[str, Event] = {}
        with self._engine.connect() as conn:
            for chunk in schema.in_chunks(sorted(set(mention_ids))):
                for mid, payload in conn.execute(sa.select(_mn.mention_id, _mn.payload).where(_mn.mention_id.in_(chunk))):
                    out[mid] = self._mention(mid, payload)
        return out

    def iter_events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Fused events matching the query, streamed in pages; filters, sort and page run in SQL."""
        return self._stream(self._listing(query))

    def _listing(self, query: EventQuery | None) -> sa.Select:
        """The ids and payloads of the events matching the query, in its order and page."""
        listing = sa.select(_ev.event_id, _ev.payload).select_from(_ev_listing)
        listing = listing.where(*conditions(query)).order_by(*order_by(query))
        if query is None or (query.limit is None and not query.offset and query.after is None):
            return listing
        # A page is chosen on the narrow search rows alone: skipped rows never read their payloads.
        chosen = self._page_ids(query)
        return (
            sa.select(_ev.event_id, _ev.payload)
            .select_from(_ev_listing.join(chosen, chosen.c.event_id == _es.event_id))
            .order_by(*order_by(query))
        )

    def _page_ids(self, query: EventQuery | None) -> sa.Subquery:
        """The ids of the query's page, chosen on the narrow search rows alone (``page.event_id``).

        After a keyset cursor, each range of ``after_ranges`` is walked on its own (an index seek, then at most a
        page of entries) and their union sorted again: a few pages sorted at most, wherever the cursor stands.
        Where a filter's index competes with the sort's, two counts (cached per generation) choose (``walks_sort``)."""
        walk_sort = False
        if query is not None and query.limit is not None and seeks_filter(query):
            walk_sort = walks_sort(self.count_events(query), self.count_events(), query.limit + query.offset)
        where = conditions(query, walk_sort=walk_sort)
        if query is None or query.after is None:
            return _paged(sa.select(_es.event_id).where(*where).order_by(*order_by(query)), query).subquery("page")
        keyed = sa.select(*sort_columns(query)).where(*where).order_by(*order_by(query))
        if query.limit is not None:
            keyed = keyed.limit(query.limit + query.offset)
        walks = [keyed.where(*extra).subquery() for extra in after_ranges(query)]
        after = sa.union_all(*(sa.select(walk) for walk in walks)).subquery("after")
        return _paged(sa.select(after.c.event_id).order_by(*order_by(query, after.c)), query).subquery("page")

    def list_event_summaries(self, query: EventQuery | None = None) -> list[EventSummary]:
        """Summaries of the fused events matching the query, in its order and page, without decoding payloads."""
        chosen = self._page_ids(query)
        stmt = (
            sa.select(*_SUMMARY_COLUMNS)
            .select_from(schema.event_search.join(chosen, chosen.c.event_id == _es.event_id))
            .order_by(*order_by(query))
        )
        with self._engine.connect() as conn:
            return [EventSummary(*row) for row in conn.execute(stmt)]

    def iter_event_dicts(self, query: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Like ``iter_events`` but each event as ``Event.to_dict()``, decoded without building records."""
        return self._stream(self._listing(query), rows.event_dict_from_payload)

    def _stream(self, stmt: sa.Select, decode: Callable[..., Any] = rows.event_from_payload) -> Iterator[Any]:
        """The events of ``(event id, payload)`` rows, a page at a time with their parts."""
        with self._engine.connect() as conn:
            for page in conn.execute(stmt.execution_options(yield_per=PAGE_ROWS)).partitions():
                for _, event in parts.joined(conn, page, decode):
                    yield event

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many fused events match the query, ignoring its limit and offset."""
        key = count_key(query)
        stmt = sa.select(sa.func.count()).select_from(schema.event_search).where(*conditions(query))
        with self._engine.connect() as conn:
            # Read before counting: a write committed in between leaves a total newer than its generation,
            # which the next reader (seeing the new generation) ignores.
            generation = conn.execute(
                sa.select(_gen.generation).where(_gen.id == schema.GENERATION_ROW)
            ).scalar_one_or_none()
            if generation is not None and (cached := self._counts.get(generation, key)) is not None:
                return cached
            texts = None
            if generation is not None and (name := counts.one_substring(key)) is not None:
                texts = self._distinct_texts(conn, generation, counts.SUBSTRING_FILTERS[name])
            if texts is not None:
                total = counts.haystack_total(texts, getattr(key, name))
            elif generation is not None and counts.by_day_and_type(key):
                total = counts.histogram_total(self._day_counts(conn, generation), key)
            else:
                total = int(conn.execute(stmt).scalar_one())
        if generation is not None:
            self._counts.put(generation, key, total)
        return total

    def _distinct_texts(self, conn: Connection, generation: int, column: str) -> list[tuple[str, int]] | None:
        """A substring filter's column as its distinct texts and their counts, read once per generation; None
        when it holds more than ``counts.MAX_DISTINCT_TEXTS`` (read up to there only, and remembered)."""
        found = self._histogram.get(generation, column)
        if found is None:
            stmt = sa.select(_es[column], sa.func.count()).group_by(_es[column]).limit(counts.MAX_DISTINCT_TEXTS + 1)
            found = [(text, int(n)) for text, n in conn.execute(stmt)]
            self._histogram.put(generation, column, found)
        return found if len(found) <= counts.MAX_DISTINCT_TEXTS else None

    def _day_counts(self, conn: Connection, generation: int) -> list[tuple[str | None, str, int]]:
        """Events per day (None: undated) and type, read once per generation (``counts.histogram_total``)."""
        found = self._histogram.get(generation, "days")
        if found is None:
            stmt = sa.select(_es.event_date, _es.event_type, sa.func.count()).group_by(_es.event_type, _es.event_date)
            found = [(day, event_type, int(n)) for day, event_type, n in conn.execute(stmt)]
            self._histogram.put(generation, "days", found)
        return found

    def timeline(self, query: EventQuery | None = None) -> list[dict]:
        """Per day and event type: ``{"date", "event_type", "events", "fatalities"}``; undated events left out."""
        stmt = (
            sa.select(
                _es.event_date,
                _es.event_type,
                sa.func.count().label("events"),
                sa.func.coalesce(sa.func.sum(_es.fatalities), 0).label("fatalities"),
            )
            .where(_es.undated == 0, *conditions(query))
            .group_by(_es.event_date, _es.event_type)
            .order_by(_es.event_date, _es.event_type)
        )
        with self._engine.connect() as conn:
            return [
                {
                    "date": r.event_date,
                    "event_type": r.event_type,
                    "events": int(r.events),
                    "fatalities": int(r.fatalities),
                }
                for r in conn.execute(stmt)
            ]

    def stats(self) -> dict[str, int]:
        """Counts of documents, mentions, events, claims, evidence rows and sources."""
        tables = {
            "documents": schema.documents,
            "mentions": schema.mentions,
            "events": schema.events,
            "claims": schema.claims,
            "evidence": schema.evidence,
            "sources": schema.event_sources,
        }
        with self._engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }

    def close(self) -> None:
        """Release connections."""
        self._engine.dispose()
