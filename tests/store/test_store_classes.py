"""``event_classes``: each fused event's fusion classes, kept with its mentions (fusion's summary of a happening)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuse"))  # the fusion tests' mentions

from fuse_factories import mention  # noqa: E402

import frontwatch.fuse as fuse  # noqa: E402
from frontwatch.fuse import fuse_events, fuse_into_store  # noqa: E402
from frontwatch.records import Document  # noqa: E402
from frontwatch.store import open_store  # noqa: E402
from frontwatch.store.base import MentionReach  # noqa: E402

STRIKE = "Des missiles russes ont frappé {town} mercredi, faisant plusieurs blessés selon le gouverneur."


def _doc(doc_id: str) -> Document:
    return Document(doc_id=doc_id, text="texte", original="texte", content_hash=doc_id)


def _reports() -> dict[str, list]:
    out = {f"wire-{k}": [mention(f"wire-{k}", STRIKE.format(town="Kramatorsk"))] for k in range(4)}
    out["other"] = [mention("other", STRIKE.format(town="Kramatorsk") + " Une école touchée.")]
    out["far"] = [mention("far", STRIKE.format(town="Sloviansk"), place="Sloviansk")]
    return out


def test_store_event_classes_count_each_class_of_an_event_and_follow_its_mentions(tmp_path):
    reports = _reports()
    with open_store(str(tmp_path / "c.db")) as store:
        for doc_id, mentions in reports.items():
            fuse_into_store(store, _doc(doc_id), mentions)
        (kramatorsk,) = [e for e in store.iter_events() if e.location == "Kramatorsk"]
        found = store.classes_of([kramatorsk.event_id])[kramatorsk.event_id]
        assert sorted((c.mentions, c.documents, c.first_doc, c.last_doc) for c in found) == [
            (1, 1, "other", "other"), (4, 4, "wire-0", "wire-3")]
        assert {c.fuse_role for c in found} == {"precise"} and all(c.fuse_class for c in found)
        near = MentionReach("2024-06-12", "2024-06-12", "Explosions/Remote violence", roles=("precise",),
                            box=(48.6, 48.8, 37.4, 37.7))
        assert {c.event_id for c in store.classes_within([near])} == {kramatorsk.event_id}
        members = store.members_of([kramatorsk.event_id])[kramatorsk.event_id]
        assert sorted(m.doc_id for m in members) == ["other", "wire-0", "wire-1", "wire-2", "wire-3"]
        store.delete_document("wire-0")
        after = store.classes_of([kramatorsk.event_id])[kramatorsk.event_id]
        assert sorted((c.mentions, c.first_doc) for c in after) == [(1, "other"), (3, "wire-1")]


def test_store_migration_7_leaves_older_mentions_unclassed_until_fusion_reads_them(tmp_path, monkeypatch):
    reports = _reports()
    path = tmp_path / "old.db"
    with open_store(str(path)) as store:
        for doc_id in ("wire-0", "wire-1", "far"):
            fuse_into_store(store, _doc(doc_id), reports[doc_id])
        with store._engine.begin() as conn:  # back to the schema of migration 6
            conn.exec_driver_sql("DROP TABLE event_classes")
            conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mention_dates_reach")
            for column in ("fuse_class", "fuse_unit"):
                conn.exec_driver_sql(f"ALTER TABLE mention_dates DROP COLUMN {column}")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 7")
            for mid, payload in conn.exec_driver_sql("SELECT mention_id, payload FROM mentions").all():
                older = json.loads(payload)  # a mention as the previous version stored it: no class, no unit
                older["extra"] = {k: v for k, v in older["extra"].items() if k not in ("fuse_class", "fuse_unit")}
                conn.execute(sa.text("UPDATE mentions SET payload = :p WHERE mention_id = :m"),
                             {"p": json.dumps(older), "m": mid})
    monkeypatch.setattr(fuse, "PATHS", {"classes": 0, "mentions": 0})
    with open_store(str(path)) as store:
        with store._engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT fuse_class, mentions FROM event_classes ORDER BY mentions")).all()
        assert [tuple(r) for r in rows] == [(None, 1), (None, 2)]  # the migration's back-fill: classes unknown
        for doc_id in ("wire-2", "other"):
            fuse_into_store(store, _doc(doc_id), reports[doc_id])
        got = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.iter_events())
    # the first report of a happening with unclassed mentions reads them one by one and records their classes
    assert fuse.PATHS == {"classes": 1, "mentions": 1}
    everything = [m for d in ("wire-0", "wire-1", "far", "wire-2", "other") for m in reports[d]]
    assert got == sorted(json.dumps(e.to_dict(), sort_keys=True) for e in fuse_events(everything))


def _recounted(store) -> tuple[list[tuple], list[tuple]]:
    """``event_classes`` as stored, and as ``classes.refresh`` computes it from every event's mentions now."""
    from frontwatch.store import classes, schema

    with store._engine.connect() as conn:
        ids = list(conn.execute(sa.select(schema.mentions.c.event_id).where(schema.mentions.c.event_id.is_not(None))
                                .distinct()).scalars())
        recount = sorted(tuple(r) for r in conn.execute(classes.class_rows(ids)).all()) if ids else []
        stored = sorted(tuple(getattr(r, c) for c in classes._COLUMNS)
                        for r in conn.execute(sa.select(schema.event_classes)).all())
    return stored, recount


def _count_grown(monkeypatch) -> list[str]:
    """The events whose class rows a save grew (``classes.grow``) instead of recounting them."""
    from frontwatch.store import classes

    grown, real = [], classes.grow

    def counted(conn, added):
        done = real(conn, added)
        grown.extend(sorted(done))
        return done

    monkeypatch.setattr(classes, "grow", counted)
    return grown


def test_store_event_classes_grown_by_each_new_report_equal_a_recount(tmp_path, monkeypatch):
    grown = _count_grown(monkeypatch)
    reports = {f"wire-{k}": [mention(f"wire-{k}", STRIKE.format(town="Kramatorsk"))] for k in range(8)}
    reports |= {f"school-{k}": [mention(f"school-{k}", STRIKE.format(town="Kramatorsk") + " Une école touchée.")]
                for k in range(3)}
    reports["far"] = [mention("far", STRIKE.format(town="Sloviansk"), place="Sloviansk")]
    with open_store(str(tmp_path / "c.db")) as store:
        for doc_id, mentions in reports.items():
            fuse_into_store(store, _doc(doc_id), mentions)
            stored, recount = _recounted(store)
            assert stored == recount, doc_id
        assert len(grown) >= 6  # most reports join the stored happening: its rows grow, its mentions are not read
        (kramatorsk,) = [e for e in store.iter_events() if e.location == "Kramatorsk"]
        found = store.classes_of([kramatorsk.event_id])[kramatorsk.event_id]
        assert sorted((c.mentions, c.documents, c.first_doc, c.last_doc) for c in found) == [
            (3, 3, "school-0", "school-2"), (8, 8, "wire-0", "wire-7")]
        assert store.mention_counts([kramatorsk.event_id, "none"]) == {
            kramatorsk.event_id: sum(len(ms) for d, ms in reports.items() if d != "far"), "none": 0}
        # a report lost, a document replaced by a new version: the rows are recounted
        store.delete_document("wire-0")
        assert _recounted(store)[0] == _recounted(store)[1]
        affected = store.delete_document("school-1").affected_event_ids
        fuse_into_store(store, _doc("school-1"), [mention("school-1", STRIKE.format(town="Kramatorsk"))],
                        affected=affected)
        stored, recount = _recounted(store)
        assert stored == recount
        (kramatorsk,) = [e for e in store.iter_events() if e.location == "Kramatorsk"]  # renamed: wire-0 is gone
        found = store.classes_of([kramatorsk.event_id])[kramatorsk.event_id]
        assert sorted((c.mentions, c.first_doc) for c in found) == [(2, "school-0"), (8, "school-1")]


def test_store_event_classes_follow_analysts_merges_and_splits(tmp_path, monkeypatch):
    from frontwatch import review

    _count_grown(monkeypatch)
    with open_store(str(tmp_path / "r.db")) as store:
        fuse_into_store(store, _doc("afp"), [mention("afp", STRIKE.format(town="Kramatorsk"))])
        fuse_into_store(store, _doc("rfi"), [mention("rfi", STRIKE.format(town="Sloviansk"), place="Sloviansk")])
        a, b = sorted(store.iter_events(), key=lambda e: e.event_id)
        merged = review.merge(store, a.event_id, b.event_id, "amina")["event_id"]
        assert _recounted(store)[0] == _recounted(store)[1]
        for doc_id, town in (("bbc", "Sloviansk"), ("dw", "Kramatorsk")):  # the merge holds: the reports join it
            fuse_into_store(store, _doc(doc_id), [mention(doc_id, STRIKE.format(town=town), place=town)])
            assert _recounted(store)[0] == _recounted(store)[1]
        assert sum(c.documents for c in store.classes_of([merged])[merged]) == 4
        review.split(store, merged, "rfi", "amina")
        assert _recounted(store)[0] == _recounted(store)[1]
        fuse_into_store(store, _doc("ap"), [mention("ap", STRIKE.format(town="Kramatorsk"))])
        stored, recount = _recounted(store)
        assert stored == recount and sum(row[-4] for row in stored) == 5  # every report counted once
