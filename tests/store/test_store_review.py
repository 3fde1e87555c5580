"""Analysts' review as a layer over fusion: corrections survive new reports and re-processing, reviews follow
renamed events, merges and splits hold against later fusion, one audit row per change, exports show reviews.

Mentions are hand-built (tests/fuse/fuse_factories.py) and fused with the real fusion, without the language model.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuse"))

from fuse_factories import claim, mention  # noqa: E402

from frontwatch import review  # noqa: E402
from frontwatch.errors import InputError  # noqa: E402
from frontwatch.export import export  # noqa: E402
from frontwatch.fuse import fuse_into_store  # noqa: E402
from frontwatch.records import Document  # noqa: E402
from frontwatch.store import open_store  # noqa: E402
from frontwatch.store.base import EventQuery  # noqa: E402

STRIKE = "Des missiles russes ont frappé {town} mercredi matin, tuant {n} civils, selon le gouverneur."


def _doc(doc_id: str, version: str = "1") -> Document:
    return Document(doc_id=doc_id, text="texte " * 40, original="texte", content_hash=f"{doc_id}-{version}")


def _report(doc_id: str, mid: str, town: str = "Kramatorsk", killed: int = 2, **kw):
    text = STRIKE.format(town=town, n=killed)
    m = mention(doc_id, text, place=town, claims=(claim(killed, doc_id=doc_id),), publisher=doc_id.upper(), **kw)
    return replace(m, event_id=mid)


@pytest.fixture
def store(tmp_path):
    opened = open_store(str(tmp_path / "review.db"))
    yield opened
    opened.close()


def _add(store, doc_id, *mentions, version="1"):
    """Store a document as the pipeline does: a new version of a stored one replaces it."""
    doc = _doc(doc_id, version)
    affected = ()
    if store.has_document(doc_id):
        affected = store.delete_document(doc_id).affected_event_ids
    fuse_into_store(store, doc, list(mentions), affected=affected)


def _events(store):
    return sorted(store.iter_events(), key=lambda e: e.event_id)


def _only(store):
    events = _events(store)
    assert len(events) == 1, [e.event_id for e in events]
    return events[0]


def test_review_correction_survives_a_new_report_that_renames_the_event(store):
    _add(store, "afp", _report("afp", "m-5", killed=2))
    event = _only(store)
    review.correct(store, event.event_id, "amina", {"fatalities": 7, "actor2": "Civilians (Ukraine)"},
                   reason="hospital count")
    # A second outlet's report of the same strike, with the smaller mention id: fusion renames the event.
    _add(store, "rfi", _report("rfi", "m-1", killed=4))
    fused = _only(store)
    assert fused.event_id != event.event_id
    assert sorted(s.doc_id for s in fused.sources) == ["afp", "rfi"]  # the new report's source is added
    assert sorted(c.value for c in fused.claims) == [2, 4]  # and its claim
    assert fused.fatalities == 7 and fused.actor2 == "Civilians (Ukraine)"  # what the analyst set stays
    assert fused.extra["review"]["status"] == "corrected"
    assert fused.extra["review"]["machine"]["fatalities"] == 2
    audit = review.audit(store, fused.event_id)
    assert audit["review_status"] == "corrected"
    assert [(a["action"], a["field"]) for a in audit["audit"]] == [
        ("correct", "actor2"), ("correct", "fatalities"), ("correct", "review_status"), ("follow", "event_id"),
    ]
    assert audit["audit"][-1]["before"] == event.event_id and audit["audit"][-1]["after"] == fused.event_id
    assert review.audit(store, fused.event_id)["fields"] == {"actor2": "Civilians (Ukraine)", "fatalities": 7}


def test_review_survives_reprocessing_the_only_document(store):
    _add(store, "afp", _report("afp", "m-5"))
    event = _only(store)
    review.confirm(store, event.event_id, "amina")
    review.correct(store, event.event_id, "amina", {"event_date": "2024-06-11"})
    _add(store, "afp", _report("afp", "m-5", day="2024-06-12"), version="2")  # a new version of the page
    again = _only(store)
    assert again.event_date == "2024-06-11"
    assert again.extra["review"]["status"] == "corrected"
    assert len(review.audit(store, again.event_id)["audit"]) == 3  # confirm, date, status: nothing added


def test_review_survives_reprocessing_a_document_of_a_fused_event(store):
    _add(store, "afp", _report("afp", "m-1"))
    _add(store, "rfi", _report("rfi", "m-2"))
    event = _only(store)
    review.reject(store, event.event_id, "amina", reason="an exercise, not an attack")
    _add(store, "rfi", _report("rfi", "m-2", killed=9), version="2")
    again = _only(store)
    assert again.extra["review"]["status"] == "rejected"
    assert 9 in [c.value for c in again.claims]
    assert store.count_events(EventQuery(review_status=("rejected",))) == 1
    assert store.count_events(EventQuery(review_status=("machine", "confirmed", "corrected"))) == 0


def test_review_change_writes_one_audit_row_per_change_and_none_for_no_change(store):
    _add(store, "afp", _report("afp", "m-1"))
    eid = _only(store).event_id
    _, rows = review.confirm(store, eid, "amina").values()
    assert [(r["field"], r["before"], r["after"]) for r in rows] == [("review_status", "machine", "confirmed")]
    assert review.confirm(store, eid, "amina")["changes"] == []  # confirming again changes nothing
    result = review.correct(store, eid, "bao", {"sub_event_type": "Air/drone strike"}, reason="drone debris")
    assert [(r["field"], r["before"], r["after"]) for r in result["changes"]] == [
        ("sub_event_type", "Shelling/artillery/missile attack", "Air/drone strike"),
        ("review_status", "confirmed", "corrected"),
    ]
    assert all(r["analyst"] == "bao" and r["reason"] == "drone debris" for r in result["changes"])
    assert len(review.audit(store, eid)["audit"]) == 3


def test_review_place_by_point_and_type_checks(store):
    _add(store, "afp", _report("afp", "m-1"))
    eid = _only(store).event_id
    review.correct(store, eid, "amina", {"place": {"latitude": 48.74, "longitude": 37.58, "location": "Kramatorsk airfield",
                                                   "geo_precision": 2}})
    event = store.get_event(eid)
    assert (event.latitude, event.longitude, event.location, event.geo_precision, event.geonameid) == (
        48.74, 37.58, "Kramatorsk airfield", 2, None)
    assert event.extra["review"]["machine"]["geonameid"] == 704147
    # the search row follows: a box around the new point finds it
    assert store.count_events(EventQuery(bbox=(37.57, 48.73, 37.59, 48.75))) == 1
    with pytest.raises(review.ReviewRejected):
        review.correct(store, eid, "amina", {"sub_event_type": "Armed clash", "event_type": "Protests"})
    with pytest.raises(review.ReviewRejected):
        review.correct(store, eid, "amina", {"fatalities": 3})  # no reason
    with pytest.raises(review.ReviewRejected):
        review.reject(store, eid, "amina", reason="  ")
    with pytest.raises(review.ReviewRejected):
        review.correct(store, eid, "amina", {"notes": "x"})


def test_review_merge_holds_against_later_fusion(store):
    _add(store, "afp", _report("afp", "m-1", town="Kramatorsk"))
    _add(store, "rfi", _report("rfi", "m-2", town="Sloviansk"))
    a, b = _events(store)
    merged = review.merge(store, a.event_id, b.event_id, "amina", reason="same strike, two towns named")["event_id"]
    event = _only(store)
    assert event.event_id == merged
    assert sorted(s.doc_id for s in event.sources) == ["afp", "rfi"]
    assert event.extra["review"]["status"] == "corrected"
    # A new report on Sloviansk: fusion alone would rebuild the Sloviansk event apart; the merge holds.
    _add(store, "bbc", _report("bbc", "m-0", town="Sloviansk"))
    event = _only(store)
    assert sorted(s.doc_id for s in event.sources) == ["afp", "bbc", "rfi"]
    assert review.audit(store, event.event_id)["audit"][0]["field"] == "merged_with"


def test_review_split_holds_against_later_fusion(store):
    _add(store, "afp", _report("afp", "m-1"))
    _add(store, "rfi", _report("rfi", "m-2"))
    event = _only(store)
    result = review.split(store, event.event_id, "rfi", "amina", reason="rfi tells the day before's strike")
    kept, new = store.get_event(result["event_id"]), store.get_event(result["new_event_id"])
    assert [s.doc_id for s in kept.sources] == ["afp"] and [s.doc_id for s in new.sources] == ["rfi"]
    assert kept.extra["review"]["status"] == "corrected" and new.extra["review"]["status"] == "machine"
    # A third report that fusion would join to both: the split stays, the new report joins one of them.
    _add(store, "bbc", _report("bbc", "m-0"))
    events = _events(store)
    assert len(events) == 2
    assert sorted(sorted(s.doc_id for s in e.sources) for e in events) in (
        [["afp", "bbc"], ["rfi"]], [["afp"], ["bbc", "rfi"]])
    alone = next(e for e in events if len(e.sources) == 1)
    with pytest.raises(InputError):  # a document cannot be split from an event it alone reports
        review.split(store, alone.event_id, alone.sources[0].doc_id, "amina")


def test_review_exports_carry_status_reviewed_values_and_filters(store):
    _add(store, "afp", _report("afp", "m-1", town="Kramatorsk"))
    _add(store, "rfi", _report("rfi", "m-2", town="Sloviansk"))
    _add(store, "bbc", _report("bbc", "m-3", town="El Fasher", event_type="Battles", sub_event_type="Armed clash"))
    kram, slov, fasher = (next(e for e in _events(store) if e.location == t) for t in ("Kramatorsk", "Sloviansk", "El Fasher"))
    review.correct(store, kram.event_id, "amina", {"fatalities": 11, "actor1": "Unidentified Armed Group (Ukraine)"},
                   reason="update")
    review.reject(store, slov.event_id, "amina", reason="duplicate of a drill")
    out = io.StringIO()
    export(store, "jsonl", out)
    records = {r["event_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert records[kram.event_id]["review_status"] == "corrected" and records[kram.event_id]["fatalities"] == 11
    assert records[kram.event_id]["reviewed_fields"] == ["actor1", "fatalities"]
    assert records[slov.event_id]["review_status"] == "rejected"
    assert records[fasher.event_id]["review_status"] == "machine"
    out = io.StringIO()
    export(store, "acled", out)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[kram.event_id]["fatalities"] == "11" and rows[kram.event_id]["tags"] == "review: corrected"
    notes = rows[kram.event_id]["notes"]  # re-worded from the reviewed fields
    assert notes.startswith("On 12 June 2024, Unidentified Armed Group (Ukraine) carried out") and "coded 11" in notes
    assert rows[fasher.event_id]["tags"] == ""
    out = io.StringIO()
    export(store, "acled", out, EventQuery(review_status=("machine", "confirmed", "corrected")))
    assert slov.event_id not in out.getvalue() and kram.event_id in out.getvalue()
    out = io.StringIO()
    export(store, "jsonl", out, EventQuery(review_status=("confirmed", "corrected")))
    assert [json.loads(line)["event_id"] for line in out.getvalue().splitlines()] == [kram.event_id]


def test_review_queue_newest_and_most_reported_first(store):
    _add(store, "afp", _report("afp", "m-1", town="Kramatorsk", day="2024-06-10"))
    _add(store, "rfi", _report("rfi", "m-2", town="Sloviansk", day="2024-06-12"))
    _add(store, "bbc", _report("bbc", "m-3", town="Kramatorsk", day="2024-06-10"))
    _add(store, "dw", _report("dw", "m-4", town="Gao", day="2024-06-12", event_type="Battles", sub_event_type="Armed clash"))
    order = [(e["location"], e["sources"]) for e in review.review_queue(store, EventQuery())]
    assert order[:2] in ([("Sloviansk", 1), ("Gao", 1)], [("Gao", 1), ("Sloviansk", 1)])
    assert order[2] == ("Kramatorsk", 2)
    reported = review.review_queue(store, EventQuery(), "reported")
    assert reported[0]["location"] == "Kramatorsk"
    slov = next(e for e in reported if e["location"] == "Sloviansk")["event_id"]
    review.confirm(store, slov, "amina")
    assert "Sloviansk" not in [e["location"] for e in review.review_queue(store, EventQuery())]
    confirmed = review.review_queue(store, EventQuery(review_status=("confirmed",)))
    assert [e["event_id"] for e in confirmed] == [slov] and confirmed[0]["review_status"] == "confirmed"
    mali = review.review_queue(store, EventQuery(event_type="Battles"))
    assert [e["location"] for e in mali] == ["Gao"]


def test_review_unknown_event_is_no_such_event(store):
    with pytest.raises(LookupError):
        review.confirm(store, "nope", "amina")
    with pytest.raises(LookupError):
        review.audit(store, "nope")


def test_review_of_an_event_stored_without_mentions_is_still_laid_over_it(store):
    from frontwatch.records import Event

    doc = _doc("solo")
    event = Event(event_id="ev-solo", event_type="Battles", sub_event_type="Armed clash", event_date="2024-06-12",
                  country="Mali", fatalities=4)
    store.save(doc, [], [event], {})
    review.correct(store, "ev-solo", "amina", {"fatalities": 6}, reason="count")
    shown = store.get_event("ev-solo")
    assert shown.fatalities == 6 and shown.extra["review"]["status"] == "corrected"


def test_migrations_8_and_9_upgrade_a_store_written_before_them(tmp_path):
    import sqlalchemy as sa

    from frontwatch.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    old = open_store(str(path))
    _add(old, "afp", _report("afp", "m-1"))
    old.close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to schema 7: no review column, no review, analyst or feed tables
        conn.exec_driver_sql("DROP INDEX ix_event_search_review")
        conn.exec_driver_sql("ALTER TABLE event_search DROP COLUMN review_status")
        for table in ("reviews", "review_anchors", "review_audit", "analysts", "feeds", "feed_items"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version > 7")
    engine.dispose()
    store = open_store(str(path))
    try:
        eid = _only(store).event_id
        assert store.count_events(EventQuery(review_status=("machine",))) == 1
        review.confirm(store, eid, "amina")
        assert store.count_events(EventQuery(review_status=("confirmed",))) == 1
        with store._engine.connect() as conn:
            assert conn.execute(sa.text("SELECT max(version) FROM schema_migrations")).scalar() == MIGRATIONS[-1].version
            assert conn.execute(sa.text("SELECT count(*) FROM feeds")).scalar() == 0
    finally:
        store.close()
