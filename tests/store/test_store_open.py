"""Opening stores: paths and URLs, migrations recorded once, refusal of unknown schemes and newer schemas."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import frontwatch.store as store_pkg
from frontwatch.errors import StoreError
from frontwatch.store import open_store
from frontwatch.store.engine import create_engine, normalise_url
from frontwatch.store.migrations import MIGRATIONS, Migration, migrate


def _migration_rows(path) -> list[tuple]:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT version, name FROM schema_migrations ORDER BY version")).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_store_all_lists_public_names():
    assert sorted(store_pkg.__all__) == ["DocumentRemoval", "EventQuery", "SqlStore", "Store", "open_store"]
    for name in store_pkg.__all__:
        assert hasattr(store_pkg, name)


@pytest.mark.parametrize("form", ["path", "sqlite_url"])
def test_open_store_creates_parent_folders(tmp_path, form):
    path = tmp_path / "a" / "b" / "events.db"
    target = str(path) if form == "path" else f"sqlite:///{path}"
    opened = open_store(target)
    try:
        assert path.exists()
        assert opened.stats()["events"] == 0
        assert opened.url.startswith("sqlite:///")
    finally:
        opened.close()


@pytest.mark.parametrize(
    "url",
    ["mysql://user@localhost/frontwatch", "ftp://example.org/events.db", "sqlite://", "sqlite:///:memory:", ":memory:"],
)
def test_open_store_refuses_unsupported_urls(url):
    with pytest.raises(StoreError, match="Unsupported store URL"):
        open_store(url)


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://fw:secret@db.example.org/fw", "postgresql+psycopg"),
        ("postgresql+psycopg2://db/fw", "postgresql+psycopg2"),
    ],
)
def test_normalise_url_selects_postgres_driver(given, driver):
    assert normalise_url(given).drivername == driver


def test_open_store_uses_wal_journal(store):
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 16_000  # not after every large save


def test_open_store_reopens_without_reapplying(tmp_path):
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    first = _migration_rows(path)
    reopened = open_store(str(path))
    reopened.close()
    assert first == [(m.version, m.name) for m in MIGRATIONS]
    assert _migration_rows(path) == first


def test_open_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from_the_future', '2031-01-01')"
            )
        )
    engine.dispose()
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(str(path))


def test_migrate_applies_only_pending_and_rolls_back_a_failing_one(tmp_path):
    engine = create_engine(normalise_url(str(tmp_path / "m.db")))
    assert migrate(engine, "test") == [m.version for m in MIGRATIONS]
    last = MIGRATIONS[-1].version

    def add_table_then_fail(conn):
        conn.execute(sa.text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("disk on fire")

    broken = (*MIGRATIONS, Migration(last + 1, "broken", add_table_then_fail))
    with pytest.raises(RuntimeError):
        migrate(engine, "test", broken)
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("half_done")
        assert conn.execute(sa.text("SELECT max(version) FROM schema_migrations")).scalar() == last
    engine.dispose()


def test_schema_and_queries_compile_for_postgresql():
    """The SQL is dialect-neutral Core: it compiles for PostgreSQL without a server."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    from frontwatch.store import EventQuery, schema
    from frontwatch.store.query import conditions, order_by

    dialect = postgresql.dialect()
    ddl = [str(CreateTable(t).compile(dialect=dialect)) for t in schema.metadata.sorted_tables]
    ddl += [str(CreateIndex(i).compile(dialect=dialect)) for t in schema.metadata.sorted_tables for i in t.indexes]
    assert any('"end" INTEGER NOT NULL' in statement for statement in ddl)
    query = EventQuery(
        date_from="2024-01-01",
        bbox=(170.0, -20.0, -170.0, 0.0),
        actor="wagner",
        claimant="OSDH",
        source="afp",
        text="100%",
        sort="-fatalities",
        limit=10,
        offset=20,
    )
    assert any("(fatalities DESC, undated, event_date DESC, event_id DESC, latitude, longitude, event_type)" in statement for statement in ddl)
    es = schema.event_search.c
    stmt = sa.select(es.event_id).where(*conditions(query)).order_by(*order_by(query)).limit(10).offset(20)
    sql = str(stmt.compile(dialect=dialect))
    assert sql.count("LIKE") == 4 and "ESCAPE" in sql and "lower(" not in sql
    assert "ORDER BY event_search.fatalities DESC, event_search.undated ASC, event_search.event_date DESC" in sql
    assert "LIMIT" in sql and "OFFSET" in sql


def test_sql_store_implements_every_store_method():
    import inspect

    from frontwatch.store import SqlStore, Store

    wanted = {name for name, member in vars(Store).items() if callable(member) and not name.startswith("_")}
    assert wanted >= {"save", "iter_events", "timeline", "mentions_of", "candidate_events"}
    for name in wanted:
        expected = list(inspect.signature(getattr(Store, name)).parameters)
        assert list(inspect.signature(getattr(SqlStore, name)).parameters) == expected, name


def _stored_corpus(tmp_path, corpus):
    """A store at the current schema holding the corpus, one mention per event, closed; its path."""
    from store_factories import mention_of

    path = tmp_path / "old.db"
    store = open_store(str(path))
    for doc, event in corpus.values():
        mention = mention_of(event)
        store.save(doc, [mention], [event], {mention.event_id: event.event_id})
    store.close()
    return path


def test_migration_10_covers_the_sort_indexes_and_open_store_gives_the_planner_statistics(tmp_path, corpus):
    path = _stored_corpus(tmp_path, corpus)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to schema 9: the sort indexes without place and type, no statistics
        for index in ("date", "date_desc", "fatalities", "fatalities_desc", "type_date"):
            conn.exec_driver_sql(f"DROP INDEX ix_event_search_{index}_cover")
        conn.exec_driver_sql("CREATE INDEX ix_event_search_date ON event_search (undated, event_date, event_id)")
        conn.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version > 9")
    opened = open_store(str(path))
    opened.close()
    with engine.connect() as conn:
        indexes = {ix["name"]: ix["column_names"] for ix in sa.inspect(conn).get_indexes("event_search")}
        analysed = conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'event_search'").scalar()
    engine.dispose()
    assert "ix_event_search_date" not in indexes
    assert indexes["ix_event_search_date_cover"][-3:] == ["latitude", "longitude", "event_type"]
    assert indexes["ix_event_search_type_date_cover"][-2:] == ["latitude", "longitude"]
    assert analysed >= len(indexes)
    assert "ix_event_search_notes_text" in indexes  # SQLite keeps it; migration 11 drops it from PostgreSQL only
    assert [row[0] for row in _migration_rows(path)][-4:] == [10, 11, 12, 13]


def test_migration_12_gives_mentions_an_index_holding_the_mention_ids(tmp_path, corpus):
    path = _stored_corpus(tmp_path, corpus)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to schema 11: the event id alone
        conn.exec_driver_sql("DROP INDEX ix_mentions_event_id_mention_id")
        conn.exec_driver_sql("CREATE INDEX ix_mentions_event_id ON mentions (event_id)")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version > 11")
    opened = open_store(str(path))
    event_id = next(iter(corpus.values()))[1].event_id
    assert opened.mention_counts([event_id]) == {event_id: 1}
    opened.close()
    with engine.connect() as conn:
        indexes = {ix["name"]: ix["column_names"] for ix in sa.inspect(conn).get_indexes("mentions")}
        plan = " ".join(str(row) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT mention_id FROM mentions WHERE event_id = 'x'"))
    engine.dispose()
    assert "ix_mentions_event_id" not in indexes
    assert indexes["ix_mentions_event_id_mention_id"] == ["event_id", "mention_id"]
    assert "COVERING INDEX ix_mentions_event_id_mention_id" in plan
    assert [row[0] for row in _migration_rows(path)][-2:] == [12, 13]


def test_migration_13_moves_the_claims_sources_and_evidence_of_stored_events_to_their_parts(tmp_path, corpus):
    from frontwatch.store.rows import dumps, joined_payload

    path = _stored_corpus(tmp_path, corpus)
    with open_store(str(path)) as store:
        before = list(store.iter_event_dicts())
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to schema 12: each event's whole payload in its row, no parts
        parts = conn.exec_driver_sql("SELECT event_id, part, payload FROM event_parts").all()
        for event_id, payload in conn.exec_driver_sql("SELECT event_id, payload FROM events").all():
            whole = dumps(joined_payload(payload, [(part, p) for eid, part, p in parts if eid == event_id]))
            conn.execute(sa.text("UPDATE events SET payload = :p WHERE event_id = :e"), {"p": whole, "e": event_id})
        conn.exec_driver_sql("DROP TABLE event_parts")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version > 12")
    with open_store(str(path)) as store:
        after = list(store.iter_event_dicts())
        event = store.get_event(before[0]["event_id"])
    with engine.connect() as conn:
        migrated = conn.exec_driver_sql("SELECT event_id, part FROM event_parts ORDER BY event_id").all()
        claims = conn.exec_driver_sql("SELECT count(*) FROM events WHERE payload NOT LIKE '%\"claims\":[]%'").scalar()
    engine.dispose()
    assert after == before and event is not None and event.to_dict() == before[0]
    assert sorted(migrated) == sorted((e["event_id"], "") for e in before)  # one part each, written whole
    assert claims == 0
    assert [row[0] for row in _migration_rows(path)][-1] == 13
