"""Cached listing totals (``store_generation``, migration 4) and old payloads completed at the dict level."""

from __future__ import annotations

import dataclasses
import json

import pytest
import sqlalchemy as sa
from store_factories import make_document, make_event, mention_of

from frontwatch.records import event_from_dict
from frontwatch.store import EventQuery, open_store, schema
from frontwatch.store.counts import GenerationCache, count_key
from frontwatch.store.parts import parts_of
from frontwatch.store.rows import event_dict_from_payload, joined_payload

SUDAN_FOLLOW_UP = (
    "PORT-SOUDAN, 20 décembre (AFP) - Les Forces de soutien rapide ont attaqué un marché de Wad Madani, "
    "faisant au moins 15 morts parmi les civils, selon un comité de résistance local."
)

FILTERS = [
    EventQuery(),
    EventQuery(actor="forces de soutien rapide"),
    EventQuery(text="wad madani"),
    EventQuery(date_from="2023-01-01"),
]


def _follow_up_save():
    doc = make_document("afp-wad-madani-marche", SUDAN_FOLLOW_UP, published=None)
    event = make_event(
        "ev-wad-madani-marche",
        doc,
        "ont attaqué un marché de Wad Madani",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        event_date="2023-12-20",
        actor1="Forces de soutien rapide",
        actor2="Civilians (Sudan)",
        location="Wad Madani",
        country="Sudan",
        lat=14.40118,
        lon=33.51989,
        fatalities=15,
        notes="Attaque des FSR contre un marché de Wad Madani.",
    )
    mention = mention_of(event)
    return doc, [mention], [event], {mention.event_id: event.event_id}


def _generation(store) -> int:
    with store._engine.connect() as conn:
        return conn.execute(sa.select(schema.store_generation.c.generation)).scalar_one()


def test_store_generation_rises_once_per_write_transaction(store, corpus):
    assert _generation(store) == 0
    for i, (doc, event) in enumerate(corpus.values(), start=1):
        mention = mention_of(event)
        store.save(doc, [mention], [event], {mention.event_id: event.event_id})
        assert _generation(store) == i
    store.delete_document(next(iter(corpus.values()))[0].doc_id)
    assert _generation(store) == len(corpus) + 1


@pytest.mark.parametrize("query", FILTERS, ids=range(len(FILTERS)))
def test_count_events_cached_total_follows_saves_and_deletes(saved, query):
    before = saved.count_events(query)
    assert saved.count_events(query) == before  # served from the cache
    doc, mentions, events, mapping = _follow_up_save()
    saved.save(doc, mentions, events, mapping)
    grown = saved.count_events(query)
    assert grown == len(list(saved.iter_events(query)))
    assert grown == before + 1
    saved.delete_document(doc.doc_id)
    assert saved.count_events(query) == before


@pytest.mark.parametrize("query", FILTERS[1:], ids=range(len(FILTERS) - 1))
def test_count_events_sees_writes_of_another_process_on_the_same_file(saved, query):
    other = open_store(saved.url)
    try:
        before = saved.count_events(query)
        other.save(*_follow_up_save())
        assert saved.count_events(query) == before + 1
    finally:
        other.close()


def test_count_events_ignores_sort_and_page_in_its_cache_key(saved):
    query = EventQuery(text="wad madani")
    assert saved.count_events(dataclasses.replace(query, sort="-fatalities", limit=1, offset=3)) == 1
    assert count_key(dataclasses.replace(query, sort="-fatalities", limit=1, offset=3)) == count_key(query)
    assert count_key(None) == EventQuery()


def test_count_cache_forgets_older_generations_and_refuses_stale_totals():
    cache: GenerationCache[EventQuery, int] = GenerationCache(entries=2)
    gaza, sahel, kharkiv = EventQuery(text="rafah"), EventQuery(actor="jnim"), EventQuery(text="kharkiv")
    cache.put(3, gaza, 31)
    assert cache.get(3, gaza) == 31
    assert cache.get(4, gaza) is None  # another generation: unknown
    cache.put(4, sahel, 40)
    assert cache.get(3, gaza) is None  # a newer generation cleared the older totals
    cache.put(3, gaza, 31)  # counted before a write already seen: dropped
    assert cache.get(4, gaza) is None
    cache.put(4, gaza, 32)
    cache.put(4, kharkiv, 12)  # bounded: the least recently used goes
    assert (cache.get(4, sahel), cache.get(4, gaza), cache.get(4, kharkiv)) == (None, 32, 12)


def test_migration_4_adds_the_generation_row_to_a_version_3_store(tmp_path, corpus):
    path = tmp_path / "old.db"
    store = open_store(str(path))
    doc, event = corpus["gaza"]
    mention = mention_of(event)
    store.save(doc, [mention], [event], {mention.event_id: event.event_id})
    with store._engine.begin() as conn:  # back to what a store of schema version 3 holds
        schema.store_generation.drop(conn)
        conn.execute(schema.schema_migrations.delete().where(schema.schema_migrations.c.version >= 4))
    store.close()
    reopened = open_store(str(path))
    try:
        assert _generation(reopened) == 0
        assert reopened.count_events(EventQuery(text="rafah")) == 1
        reopened.save(*_follow_up_save())
        assert _generation(reopened) == 1
        assert reopened.count_events(EventQuery(text="rafah")) == 1
        assert reopened.count_events() == 2
    finally:
        reopened.close()


def _stored_payload(saved, event_id: str) -> dict:
    with saved._engine.connect() as conn:
        text = conn.execute(
            sa.select(schema.events.c.payload).where(schema.events.c.event_id == event_id)
        ).scalar_one()
        found = parts_of(conn, [event_id])[event_id]
    return joined_payload(text, found)


# Fields added to the records after a store was written: (level, field) removed from a stored payload.
OLD_FIELDS = [
    ("claim", "hedged"),
    ("claim", "part_of_total"),
    ("source", "publisher_kind"),
    ("source", "publisher_country"),
    ("event", "trigger"),
    ("event", "extra"),
    ("event", "assoc_actor_2"),
]


@pytest.mark.parametrize(("level", "name"), OLD_FIELDS)
def test_event_dict_from_payload_completes_an_old_payload_like_the_records_do(saved, corpus, level, name):
    _, event = corpus["kharkiv"]
    old = _stored_payload(saved, event.event_id)
    holders = {"event": [old], "claim": old["claims"], "source": old["sources"]}[level]
    assert holders, level
    for holder in holders:
        del holder[name]
    completed = event_dict_from_payload(json.dumps(old))
    expected = event_from_dict(old).to_dict()
    assert json.dumps(completed) == json.dumps(expected)  # same fields, same values, same order


def test_event_dict_from_payload_leaves_unknown_fields_to_the_records(saved, corpus):
    _, event = corpus["mali"]
    old = _stored_payload(saved, event.event_id)
    old["claims"][0]["confidence"] = 0.5  # a field no record has
    with pytest.raises(TypeError):
        event_from_dict(old)
    with pytest.raises(TypeError):
        event_dict_from_payload(json.dumps(old))


@pytest.mark.parametrize(
    "query",
    [
        EventQuery(),
        EventQuery(date_from="2023-12-19"),
        EventQuery(date_to="2023-12-19"),
        EventQuery(date_from="2022-07-01", date_to="2024-02-12"),
        EventQuery(event_type="Battles"),
        EventQuery(event_type="Battles", date_from="2023-01-01"),
        EventQuery(date_from="2030-01-01"),
    ],
)
def test_count_events_of_dates_and_types_from_the_histogram_equal_the_listing(saved, corpus, query):
    from frontwatch.store.counts import by_day_and_type

    doc, event = next(iter(corpus.values()))
    undated = dataclasses.replace(event, event_id="ev-undated", event_date=None)
    mention = dataclasses.replace(undated, event_id="m-undated")
    saved.save(dataclasses.replace(doc, doc_id="undated-doc"), [mention], [undated], {"m-undated": "ev-undated"})
    assert by_day_and_type(count_key(query))
    assert saved.count_events(query) == len(list(saved.iter_events(query)))
    assert not by_day_and_type(count_key(dataclasses.replace(query, bbox=(0.0, 0.0, 1.0, 1.0))))


@pytest.mark.parametrize("distinct_cap", [20_000, 1])
@pytest.mark.parametrize(
    "query",
    [
        EventQuery(actor="forces de soutien rapide"),
        EventQuery(actor="FORCES"),
        EventQuery(claimant="ministry"),
        EventQuery(source="afp"),
        EventQuery(text="wad madani"),
        EventQuery(text="100%"),
    ],
)
def test_count_events_of_one_substring_from_distinct_texts_equal_the_listing(saved, monkeypatch, distinct_cap, query):
    from frontwatch.store import counts

    monkeypatch.setattr(counts, "MAX_DISTINCT_TEXTS", distinct_cap)  # 1: more texts than that, counted in SQL
    assert counts.one_substring(count_key(query)) is not None
    assert saved.count_events(query) == len(list(saved.iter_events(query)))
    assert counts.one_substring(count_key(dataclasses.replace(query, event_type="Battles"))) is None
