"""Saving: round trips, idempotence, replacement of child rows, re-assignment, deletion and rollback."""

from __future__ import annotations

import dataclasses

import pytest
from store_factories import GAZA, KHARKIV, make_document, make_event, mention_of

from frontwatch.errors import StoreError
from frontwatch.store import EventQuery, SqlStore


@pytest.mark.parametrize("key", ["kharkiv", "mali", "sudan", "gaza"])
def test_save_round_trips_event_and_document(saved, corpus, key):
    doc, event = corpus[key]
    assert saved.get_event(event.event_id) == event
    assert saved.get_document(doc.doc_id) == doc
    assert saved.mentions_of([event.event_id]) == {event.event_id: [mention_of(event)]}


def test_save_keeps_evidence_offsets_into_stored_text(saved, corpus):
    doc, event = corpus["kharkiv"]
    stored = saved.get_document(doc.doc_id)
    claims = saved.get_event(event.event_id).claims
    assert [stored.text[c.evidence.start : c.evidence.end] for c in claims] == [
        "Au moins douze civils",
        "trois chars ukrainiens",
    ]


def test_get_missing_records_returns_none(saved):
    assert saved.get_event("ev-nowhere") is None
    assert saved.get_document("afp-nowhere") is None


@pytest.mark.parametrize(
    ("doc_id", "content_hash", "expected"),
    [
        ("reuters-kharkiv", None, True),
        ("reuters-kharkiv", "same", True),
        ("reuters-kharkiv", "0" * 64, False),
        ("afp-unknown", None, False),
    ],
)
def test_has_document_compares_hash(saved, corpus, doc_id, content_hash, expected):
    if content_hash == "same":
        content_hash = corpus["kharkiv"][0].content_hash
    assert saved.has_document(doc_id, content_hash) is expected


def test_save_same_document_twice_is_idempotent(saved, corpus):
    before = saved.stats()
    doc, event = corpus["gaza"]
    mention = mention_of(event)
    saved.save(doc, [mention], [event], {mention.event_id: event.event_id})
    saved.save(doc, [mention], [], {})  # fusion found nothing new: the mention keeps its event
    assert before == {"documents": 4, "mentions": 4, "events": 4, "claims": 5, "evidence": 4, "sources": 4}
    assert saved.stats() == before
    assert saved.mentions_of([event.event_id])[event.event_id] == [mention]


def test_save_replaces_child_rows_wholesale(saved, corpus):
    doc, event = corpus["kharkiv"]
    revised = dataclasses.replace(event, claims=event.claims[:1], fatalities=13, notes="Revised toll.")
    saved.save(doc, [mention_of(event)], [revised], {})
    assert saved.get_event(event.event_id) == revised
    assert saved.stats()["claims"] == 4
    assert saved.count_events(EventQuery(claimant="Ministry of Defence of Russia")) == 0


def test_save_second_report_merges_and_deletes_absorbed_event(store):
    """A second outlet reports the Kharkiv strike: fusion merges its event into the first one."""
    reuters = make_document("reuters-kharkiv", KHARKIV, publisher="Reuters")
    afp_text = "Une frappe de missile russe sur Kharkiv a tué au moins 14 civils jeudi, selon le parquet régional."
    afp = make_document("afp-kharkiv", afp_text)
    first = make_event("ev-a", reuters, "frappe de missile russe sur Kharkiv")
    store.save(reuters, [mention_of(first)], [first], {"ev-a-m": "ev-a"})
    second = make_event("ev-b", afp, "frappe de missile russe sur Kharkiv", fatalities=14)
    store.save(afp, [mention_of(second)], [second], {"ev-b-m": "ev-b"})
    assert store.stats()["events"] == 2

    fused = dataclasses.replace(first, event_id="ev-ab", sources=first.sources + second.sources)
    store.save(
        afp, [mention_of(second)], [fused], {"ev-a-m": "ev-ab", "ev-b-m": "ev-ab"}, deleted_event_ids=["ev-a", "ev-b"]
    )

    assert [e.event_id for e in store.iter_events()] == ["ev-ab"]
    mentions = store.mentions_of(["ev-ab", "ev-a"])
    assert sorted(m.event_id for m in mentions["ev-ab"]) == ["ev-a-m", "ev-b-m"]
    assert mentions["ev-a"] == []
    assert store.stats() == {"documents": 2, "mentions": 2, "events": 1, "claims": 0, "evidence": 1, "sources": 2}


@pytest.mark.parametrize("how", ["unserialisable_extra", "failing_event_insert"])
def test_save_rolls_back_everything_on_failure(saved, monkeypatch, how):
    doc = make_document("afp-rafah-2", GAZA.replace("31 morts", "44 morts"))
    event = make_event("ev-rafah-2", doc, "44 morts", lat=31.29, lon=34.24)
    if how == "unserialisable_extra":
        event = dataclasses.replace(event, extra={"span": object()})
    else:

        def explode(self, conn, write):
            raise RuntimeError("disk full")

        monkeypatch.setattr(SqlStore, "_write_events", explode)
    before = saved.stats()
    with pytest.raises((StoreError, RuntimeError)):
        saved.save(doc, [mention_of(event)], [event], {"ev-rafah-2-m": "ev-rafah-2"})
    assert saved.stats() == before
    assert not saved.has_document("afp-rafah-2")
    assert saved.get_event("ev-rafah-2") is None


def test_save_wraps_database_errors_in_store_error(saved, corpus):
    doc, event = corpus["mali"]
    other = make_document("afp-other", doc.text)
    clash = mention_of(event)  # the same mention id under another document violates the primary key
    with pytest.raises(StoreError, match="afp-other"):
        saved.save(other, [clash], [], {})
    assert not saved.has_document("afp-other")


def test_save_many_is_one_transaction(store, corpus):
    good = []
    for doc, event in list(corpus.values())[:3]:
        good.append((doc, [mention_of(event)], [event], {mention_of(event).event_id: event.event_id}, ()))
    doc, event = corpus["gaza"]
    bad = dataclasses.replace(event, extra={"not_json": {1, 2}})
    with pytest.raises(StoreError, match="afp-rafah"):
        store.save_many([*good, (doc, [mention_of(bad)], [bad], {}, ())])
    assert store.stats()["documents"] == 0
    store.save_many(good)
    assert store.stats()["events"] == 3


def test_delete_document_removes_orphaned_events_only(store):
    reuters = make_document("reuters-kharkiv", KHARKIV, publisher="Reuters")
    afp = make_document("afp-kharkiv", "Une frappe de missile russe sur Kharkiv a tué au moins 14 civils jeudi.")
    shared = make_event("ev-shared", reuters, "frappe de missile russe sur Kharkiv")
    alone = make_event(
        "ev-tanks", reuters, "trois chars ukrainiens", event_type="Battles", sub_event_type="Armed clash"
    )
    store.save(
        reuters,
        [mention_of(shared, "r"), mention_of(alone, "r")],
        [shared, alone],
        {"ev-shared-r": "ev-shared", "ev-tanks-r": "ev-tanks"},
    )
    store.save(afp, [mention_of(shared, "a")], [], {"ev-shared-a": "ev-shared"})

    removal = store.delete_document("reuters-kharkiv")

    assert removal.found
    assert removal.deleted_event_ids == ("ev-tanks",)
    assert removal.affected_event_ids == ("ev-shared",)
    assert store.get_document("reuters-kharkiv") is None
    assert [e.event_id for e in store.iter_events()] == ["ev-shared"]
    assert [m.event_id for m in store.mentions_of(["ev-shared"])["ev-shared"]] == ["ev-shared-a"]
    assert store.delete_document("reuters-kharkiv").found is False


def test_iter_documents_streams_every_document(saved, corpus):
    assert sorted(d.doc_id for d in saved.iter_documents()) == sorted(doc.doc_id for doc, _ in corpus.values())


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2023-12-18", "2023-12-20", ["ev-wad-madani"]),
        ("2024-02-12", "2024-03-14", ["ev-kharkiv", "ev-rafah"]),
        ("2024-01-01", None, ["ev-kharkiv", "ev-rafah", "ev-undated"]),
        (None, None, ["ev-djiguibombo", "ev-kharkiv", "ev-rafah", "ev-undated", "ev-wad-madani"]),
    ],
)
def test_candidate_events_window(saved, date_from, date_to, expected):
    doc = make_document("afp-undated", "Des combats ont éclaté près de Bakhmout, selon l'armée ukrainienne.")
    undated = make_event(
        "ev-undated", doc, "près de Bakhmout", event_date=None, event_type="Battles", sub_event_type="Armed clash"
    )
    saved.save(doc, [mention_of(undated)], [undated], {"ev-undated-m": "ev-undated"})
    assert sorted(e.event_id for e in saved.candidate_events(date_from, date_to)) == expected
