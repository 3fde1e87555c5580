"""The ``event_search`` rows behind listings: kept in step with saves, back-filled by migration 2, fast paths."""

from __future__ import annotations

import dataclasses
import json

import pytest
import sqlalchemy as sa
from store_factories import mention_of

from frontwatch.records import Event, event_from_dict
from frontwatch.serve.views import event_summary
from frontwatch.store import EventQuery, open_store, schema

QUERIES = [
    EventQuery(),
    EventQuery(sort="-fatalities"),
    EventQuery(sort="-event_date", limit=2, offset=1),
    EventQuery(actor="military forces"),
    EventQuery(text="frappes israéliennes", date_from="2024-01-01"),
    EventQuery(bbox=(30.0, 10.0, 36.0, 33.0), sort="fatalities"),
]


def _search_ids(store) -> list[str]:
    with store._engine.connect() as conn:
        return sorted(conn.execute(sa.select(schema.event_search.c.event_id)).scalars())


def test_event_search_rows_follow_saves_replacements_and_deletes(saved, corpus):
    assert _search_ids(saved) == sorted(event.event_id for _, event in corpus.values())
    doc, event = next(iter(corpus.values()))
    renamed = dataclasses.replace(event, actor1="Janjaweed militia", notes="Prise de la ville par les miliciens.")
    mention = mention_of(renamed)
    saved.save(doc, [mention], [renamed], {mention.event_id: renamed.event_id})
    assert [e.event_id for e in saved.iter_events(EventQuery(actor="janjaweed"))] == [event.event_id]
    assert saved.count_events(EventQuery(text="PRISE DE LA VILLE")) == 1
    saved.delete_document(doc.doc_id)
    assert event.event_id not in _search_ids(saved)
    assert saved.count_events(EventQuery(actor="janjaweed")) == 0


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_migration_backfills_event_search_of_a_version_1_store(tmp_path, corpus, query):
    path = tmp_path / "old.db"
    store = open_store(str(path))
    for doc, event in corpus.values():
        mention = mention_of(event)
        store.save(doc, [mention], [event], {mention.event_id: event.event_id})
    expected = [e.event_id for e in store.iter_events(query)]
    with store._engine.begin() as conn:  # back to what a store of schema version 1 holds
        schema.event_search.drop(conn)
        conn.execute(schema.schema_migrations.delete().where(schema.schema_migrations.c.version >= 2))
    store.close()
    reopened = open_store(str(path))
    try:
        assert _search_ids(reopened) == sorted(event.event_id for _, event in corpus.values())
        assert [e.event_id for e in reopened.iter_events(query)] == expected
    finally:
        reopened.close()


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_list_event_summaries_equal_summaries_of_full_events(saved, query):
    summaries = [dataclasses.asdict(s) for s in saved.list_event_summaries(query)]
    assert summaries == [event_summary(e) for e in saved.iter_events(query)]


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_iter_event_dicts_equal_to_dict_of_events(saved, query):
    assert list(saved.iter_event_dicts(query)) == [e.to_dict() for e in saved.iter_events(query)]


def test_iter_event_dicts_fills_fields_missing_from_an_old_payload(saved, corpus):
    _, event = next(iter(corpus.values()))
    assert event.claims, "the corpus event needs a claim"
    parts = schema.event_parts.c
    with saved._engine.connect() as conn:
        head = conn.execute(sa.select(schema.events.c.payload).where(schema.events.c.event_id == event.event_id)).scalar_one()
        part = json.loads(conn.execute(sa.select(parts.payload).where(parts.event_id == event.event_id)).scalar_one())
    for claim in part["claims"]:
        del claim["hedged"]  # as written before Claim.hedged existed
    with saved._engine.begin() as conn:
        conn.execute(schema.event_parts.update().where(parts.event_id == event.event_id).values(payload=json.dumps(part)))
    (found,) = [d for d in saved.iter_event_dicts() if d["event_id"] == event.event_id]
    assert all(claim["hedged"] is False for claim in found["claims"])
    assert found == event_from_dict({**json.loads(head), **part}).to_dict()


@pytest.mark.parametrize(
    ("sort", "filters"),
    [
        ("event_date", {}),
        ("-event_date", {}),
        ("fatalities", {}),
        ("-fatalities", {}),
        ("event_date", {"date_from": "2024-01-01"}),
        ("-event_date", {"date_from": "2024-01-01", "date_to": "2024-12-31"}),
    ],
)
def test_listing_pages_walk_an_index_without_sorting(saved, sort, filters):
    from frontwatch.store.query import conditions, order_by

    query = EventQuery(sort=sort, limit=100, **filters)
    es = schema.event_search.c
    stmt = sa.select(es.event_id).where(*conditions(query)).order_by(*order_by(query)).limit(100)
    sql = str(stmt.compile(saved._engine, compile_kwargs={"literal_binds": True}))
    with saved._engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "TEMP B-TREE" not in plan, plan
    assert "event_search" in plan and "INDEX" in plan, plan


def test_event_typing_of_summary_is_a_record(saved):
    summary = saved.list_event_summaries(EventQuery(limit=1))[0]
    assert not isinstance(summary, Event) and summary.claims >= 0 and summary.sources >= 1
