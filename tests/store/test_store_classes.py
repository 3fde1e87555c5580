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
