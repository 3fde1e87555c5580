"""Named, numbered schema migrations, recorded in ``schema_migrations`` and applied one transaction each.

To change the schema, append a ``Migration`` with the next number whose function alters the tables with
explicit DDL (``op``-style statements or ``Table.create``); never edit an applied migration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from frontwatch.errors import Messages, StoreError
from frontwatch.store import schema

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    """One schema change: its number, a name saying what it does, and the function applying it."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _create_schema(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_migrations]
    schema.metadata.create_all(conn, tables=tables)


# Events whose search rows are built per round trip when back-filling ``event_search``.
_BACKFILL_ROWS = 1000


def _add_event_search(conn: Connection) -> None:
    """Create ``event_search`` and its indexes, and fill it from the stored events' payloads.

    Migration 1 creates every table of the current metadata, so on a new database the table is already
    there (and empty): both steps only do what is missing.
    """
    from frontwatch.store.parts import stored_events  # they import records, not migrations
    from frontwatch.store.rows import event_from_payload, event_rows

    schema.event_search.create(conn, checkfirst=True)
    existing = {ix["name"] for ix in sa.inspect(conn).get_indexes(schema.event_search.name)}
    for index in schema.event_search.indexes:
        if index.name not in existing:
            index.create(conn)
    ev, search = schema.events.c, schema.event_search.c
    missing = sa.select(ev.event_id).where(~sa.exists().where(search.event_id == ev.event_id)).order_by(ev.event_id)
    ids = list(conn.execute(missing).scalars())
    parted = sa.inspect(conn).has_table(schema.event_parts.name)  # a store made after migration 13 was written
    for first in range(0, len(ids), _BACKFILL_ROWS):
        chunk = ids[first : first + _BACKFILL_ROWS]
        if parted:
            events = list(stored_events(conn, chunk).values())
        else:
            payloads = conn.execute(sa.select(ev.payload).where(ev.event_id.in_(chunk))).scalars()
            events = [event_from_payload(p) for p in payloads]
        conn.execute(schema.event_search.insert(), [event_rows(e).search for e in events])
    if ids:
        logger.info("event_search: indexed %d stored events", len(ids))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE")  # statistics for the planner's choice between filter and sort indexes


def _add_mention_dates(conn: Connection) -> None:
    """Create ``mention_dates`` (fusion's date index over mentions) and fill it from the stored mentions.

    On a new database migration 1 already created the (empty) table: both steps only do what is missing.
    """
    from frontwatch.store.rows import event_from_payload, mention_date_row

    schema.mention_dates.create(conn, checkfirst=True)
    # A migration older than the newest column fills only the columns the table has at that step (a later
    # migration adds and refills the others).
    columns = {c["name"] for c in sa.inspect(conn).get_columns(schema.mention_dates.name)}
    existing = {ix["name"] for ix in sa.inspect(conn).get_indexes(schema.mention_dates.name)}
    for index in schema.mention_dates.indexes:
        if index.name not in existing and {c.name for c in index.columns} <= columns:
            index.create(conn)
    mn, md = schema.mentions.c, schema.mention_dates.c
    missing = sa.select(mn.mention_id, mn.doc_id, mn.payload).where(~sa.exists().where(md.mention_id == mn.mention_id))
    batch = []
    for _mid, doc_id, payload in conn.execute(missing):
        row = mention_date_row(event_from_payload(payload), doc_id)
        if row is not None:
            batch.append({k: v for k, v in row.items() if k in columns})
        if len(batch) >= _BACKFILL_ROWS:
            conn.execute(schema.mention_dates.insert(), batch)
            batch = []
    if batch:
        conn.execute(schema.mention_dates.insert(), batch)


def _add_store_generation(conn: Connection) -> None:
    """Create ``store_generation`` and its one row (generation 0) where missing; listings cache totals under it."""
    schema.store_generation.create(conn, checkfirst=True)
    gen = schema.store_generation.c
    row = conn.execute(sa.select(gen.id).where(gen.id == schema.GENERATION_ROW)).first()
    if row is None:
        conn.execute(schema.store_generation.insert().values(id=schema.GENERATION_ROW, generation=0))


def _widen_mention_dates(conn: Connection, new_columns: dict[str, str]) -> None:
    """Add the missing ``new_columns`` (name -> SQL type) to ``mention_dates``, emptying it when any was missing,
    then refill its rows from the payloads and create its missing indexes."""
    columns = {c["name"] for c in sa.inspect(conn).get_columns(schema.mention_dates.name)}
    missing = [name for name in new_columns if name not in columns]
    for name in missing:
        conn.exec_driver_sql(f"ALTER TABLE mention_dates ADD COLUMN {name} {new_columns[name]}")
    if missing:
        conn.execute(schema.mention_dates.delete())
    _add_mention_dates(conn)


def _add_mention_kinds(conn: Connection) -> None:
    """Give ``mention_dates`` each mention's event type, country and time precision, refilled from payloads.

    Fusion then reads only the candidates of the new mentions' types and countries, not every mention of
    the days they reach: its cost stops growing with how many other events the store holds per day.
    """
    _widen_mention_dates(conn, {"event_type": "VARCHAR(64)", "country": "VARCHAR(100)", "time_precision": "INTEGER"})


def _add_mention_reach(conn: Connection) -> None:
    """Give ``mention_dates`` each mention's fusion role, first-level area and GeoNames id, refilled from payloads.

    Fusion then reads, for a precise mention, only the stored precise ones near it and the vague ones of its
    province, instead of every mention of its type and country on the days it reaches.
    """
    _widen_mention_dates(conn, {"fuse_role": "VARCHAR(16)", "admin1": "VARCHAR(200)", "geonameid": "INTEGER"})
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE mention_dates")  # so the planner weighs the reach index against the others


def _add_event_classes(conn: Connection) -> None:
    """Give ``mention_dates`` each mention's fusion class and unit, and create ``event_classes`` (each fused event's
    classes).

    Fusion then compares a new report with each kind of report a happening holds once instead of with each of
    its reports. Mentions stored before have no class (NULL): fusion reads those happenings mention by mention.
    """
    from frontwatch.store import classes

    _widen_mention_dates(conn, {"fuse_class": "VARCHAR(64)", "fuse_unit": "VARCHAR(200)"})
    schema.event_classes.create(conn, checkfirst=True)
    existing = {ix["name"] for ix in sa.inspect(conn).get_indexes(schema.event_classes.name)}
    for index in schema.event_classes.indexes:
        if index.name not in existing:
            index.create(conn)
    classes.refresh_all(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE event_classes")


def _create_missing(conn: Connection, *tables: sa.Table) -> None:
    """Create the tables that are missing, and the missing indexes of those that exist."""
    for table in tables:
        table.create(conn, checkfirst=True)
        existing = {ix["name"] for ix in sa.inspect(conn).get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in existing:
                index.create(conn)


def _add_review(conn: Connection) -> None:
    """Give ``event_search`` each event's review status (every stored event is ``machine``), and create the
    analysts' tables: reviews, the mentions each holds, the audit log and the analysts who may write."""
    columns = {c["name"] for c in sa.inspect(conn).get_columns(schema.event_search.name)}
    if "review_status" not in columns:
        conn.exec_driver_sql("ALTER TABLE event_search ADD COLUMN review_status VARCHAR(16) NOT NULL DEFAULT 'machine'")
    _create_missing(conn, schema.event_search, schema.reviews, schema.review_anchors, schema.review_audit,
                    schema.analysts)


def _add_feeds(conn: Connection) -> None:
    """Create the state of ``frontwatch watch``: the feeds followed and the items of each already seen."""
    _create_missing(conn, schema.feeds, schema.feed_items)


# The sort indexes of ``event_search`` before migration 10, each replaced by one that also holds place and type.
_UNCOVERED_INDEXES = (
    "ix_event_search_date",
    "ix_event_search_date_desc",
    "ix_event_search_fatalities",
    "ix_event_search_fatalities_desc",
    "ix_event_search_type_date",
)


def _cover_listing_indexes(conn: Connection) -> None:
    """Replace the sort indexes of ``event_search`` by ones that also hold the place and type a page filters on
    (about a minute at 1,000,000 events), and refresh the planner's statistics."""
    for name in _UNCOVERED_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    _create_missing(conn, schema.event_search)
    refresh_statistics(conn, force=True)


def _drop_postgres_notes_index(conn: Connection) -> None:
    """PostgreSQL rejects a btree row over 2,704 bytes, and a hot story's evidence text grows past it: its store keeps
    no index on ``event_search.notes_text`` (SQLite keeps it for substring counts)."""
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_event_search_notes_text")


def _cover_mention_ids(conn: Connection) -> None:
    """Replace the index of ``mentions`` on the event id by one that also holds the mention id: the ids of a
    happening reported a thousand times, read for each new report of it, come from the index, not from the rows."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_event_id")
    _create_missing(conn, schema.mentions)


def _add_event_parts(conn: Connection) -> None:
    """Create ``event_parts`` and move each stored event's claims, sources and evidence out of its payload into one
    row of it (``part`` empty: the event as written whole), so that a report joining the event later adds a row of its
    own instead of the whole payload being written again. Events with parts already (a new store's) are left alone."""
    from frontwatch.store.rows import split_payload

    schema.event_parts.create(conn, checkfirst=True)
    ev = schema.events.c
    whole = ~sa.exists().where(schema.event_parts.c.event_id == ev.event_id)
    ids = list(conn.execute(sa.select(ev.event_id).where(whole).order_by(ev.event_id)).scalars())
    for first in range(0, len(ids), _BACKFILL_ROWS):
        chunk = ids[first : first + _BACKFILL_ROWS]
        heads, parts = [], []
        for event_id, payload in conn.execute(sa.select(ev.event_id, ev.payload).where(ev.event_id.in_(chunk))):
            head, part = split_payload(payload)
            heads.append({"_id": event_id, "payload": head})
            parts.append({"event_id": event_id, "part": "", "payload": part})
        if heads:
            conn.execute(schema.events.update().where(ev.event_id == sa.bindparam("_id")), heads)
            conn.execute(schema.event_parts.insert(), parts)


# Rows ANALYZE samples per index (SQLite's analysis_limit): statistics good enough to choose between a filter's
# index and a sort's in milliseconds, where a full ANALYZE reads every index (a minute at 1,000,000 events).
_ANALYSIS_ROWS = 2000


def refresh_statistics(conn: Connection, force: bool = False) -> bool:
    """Give SQLite's planner statistics on ``event_search`` when it has none or the table has since grown or
    shrunk tenfold (``force``: in any case); returns whether it analysed. PostgreSQL's autovacuum does this itself.

    Without statistics SQLite guesses: a map page of a date range sorted by fatalities sorted every event of the
    range (1.5 s at 500,000 events) instead of walking the fatalities index and stopping at the page."""
    if conn.dialect.name != "sqlite":
        return False
    rows = int(conn.execute(sa.select(sa.func.count()).select_from(schema.event_search)).scalar_one())
    stat = conn.exec_driver_sql(
        "SELECT stat FROM sqlite_stat1 WHERE tbl = 'event_search' AND idx IS NOT NULL LIMIT 1"
    ).scalar() if sa.inspect(conn).has_table("sqlite_stat1") else None
    analysed = int(stat.split()[0]) if stat else 0
    fresh = analysed > 0 and analysed < 10 * rows and rows < 10 * analysed
    if not force and (fresh or not rows):
        return False
    conn.exec_driver_sql(f"PRAGMA analysis_limit={_ANALYSIS_ROWS}")
    conn.exec_driver_sql("ANALYZE event_search")
    return True


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create_schema", _create_schema),
    Migration(2, "add_event_search", _add_event_search),
    Migration(3, "add_mention_dates", _add_mention_dates),
    Migration(4, "add_store_generation", _add_store_generation),
    Migration(5, "add_mention_kinds", _add_mention_kinds),
    Migration(6, "add_mention_reach", _add_mention_reach),
    Migration(7, "add_event_classes", _add_event_classes),
    Migration(8, "add_review", _add_review),
    Migration(9, "add_feeds", _add_feeds),
    Migration(10, "cover_listing_indexes", _cover_listing_indexes),
    Migration(11, "drop_postgres_notes_index", _drop_postgres_notes_index),
    Migration(12, "cover_mention_ids", _cover_mention_ids),
    Migration(13, "add_event_parts", _add_event_parts),
)


def current_version(conn: Connection) -> int:
    """The highest applied migration number, 0 for an empty database."""
    if not sa.inspect(conn).has_table(schema.schema_migrations.name):
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_migrations.c.version))).scalar()
    return int(found or 0)


def migrate(engine: Engine, url: str, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply every pending migration in order, each in its own transaction; return the versions applied."""
    expected = max((m.version for m in migrations), default=0)
    with engine.begin() as conn:
        schema.schema_migrations.create(conn, checkfirst=True)
    with engine.connect() as conn:
        found = current_version(conn)
    if found > expected:
        raise StoreError(Messages.E014.format(url=url, found=found, expected=expected))
    applied = []
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= found:
            continue
        with engine.begin() as conn:
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
                )
            )
        logger.info("store %s: applied migration %d %s", url, migration.version, migration.name)
        applied.append(migration.version)
    return applied
