"""Fusion into the PostgreSQL backend against a live server: the same documents give what SQLite gives.

Runs where ``FRONTWATCH_TEST_POSTGRES`` names a server (``postgresql://user@host:port/db``; ``.ci/run`` starts a
throwaway one); each test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid

import pytest
from fuse_factories import claim, mention

from frontwatch.export import FORMATS, export
from frontwatch.fuse import fuse_into_store
from frontwatch.records import Document
from frontwatch.store import open_store
from frontwatch.store.base import EventQuery

SERVER = os.environ.get("FRONTWATCH_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not SERVER, reason="no live PostgreSQL (set FRONTWATCH_TEST_POSTGRES)")


@pytest.fixture
def pg_url():
    import psycopg

    name = f"fw_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{SERVER.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _corpus():
    """Three outlets' reports: one strike told twice, a capture told a day apart, a strike in another town."""
    kramatorsk = "Des missiles russes ont frappé Kramatorsk mercredi, a annoncé le gouverneur."
    return {
        "afp": [mention("afp", kramatorsk, claims=(claim(7, doc_id="afp", claimant="Governor of Donetsk"),))],
        "rfi": [mention("rfi", "Kramatorsk touchée par des missiles russes mercredi, sept morts.",
                        claims=(claim(9, doc_id="rfi"),)),
                mention("rfi", "Sloviansk frappée par des drones.", place="Sloviansk", start=300)],
        "tass": [mention("tass", "Les forces russes ont pris le contrôle de Kramatorsk.", day="2024-06-13",
                         event_type="Battles", sub_event_type="Government regains territory")],
        "kyiv": [mention("kyiv", "Les forces russes ont pris le contrôle de Kramatorsk, selon l'état-major.",
                         event_type="Battles", sub_event_type="Government regains territory")],
    }


def _fill(url: str, corpus) -> None:
    with open_store(url) as store:
        for doc_id, mentions in sorted(corpus.items()):
            text = " ".join(m.evidence[0].text for m in mentions)
            doc = Document(doc_id=doc_id, text=text, original=text, content_hash=doc_id, language="fr")
            fuse_into_store(store, doc, mentions)


def _dump(url: str) -> dict:
    with open_store(url) as store:
        queries = {
            "all": EventQuery(),
            "actor": EventQuery(actor="russia"),
            "claimant": EventQuery(claimant="governor"),
            "bbox": EventQuery(bbox=(37.5, 48.7, 37.6, 48.75)),
            "page": EventQuery(sort="-fatalities", limit=1, offset=1),
        }
        return {
            "events": {k: [e.to_dict() for e in store.iter_events(q)] for k, q in queries.items()},
            "counts": {k: store.count_events(q) for k, q in queries.items()},
            "timeline": store.timeline(),
            "stats": store.stats(),
        }


def test_fuse_postgres_fused_events_queries_and_exports_equal_sqlite(pg_url, tmp_path):
    lite = str(tmp_path / "lite.db")
    _fill(pg_url, _corpus())
    _fill(lite, _corpus())
    pg, sq = _dump(pg_url), _dump(lite)
    assert pg == sq
    assert len(pg["events"]["all"]) == 3  # the strike told twice and the capture told a day apart fuse
    for name in FORMATS:
        outputs = []
        for url in (pg_url, lite):
            path = tmp_path / f"{name}-{len(outputs)}.out"
            with open_store(url) as store, open(path, "w", encoding="utf-8", newline="") as out:
                export(store, name, out)
            outputs.append(path.read_text(encoding="utf-8"))
        if name == "acled":  # its last column is the time the row was stored
            outputs = [[line.rsplit(",", 1)[0] for line in o.splitlines()] for o in outputs]
        assert outputs[0] == outputs[1], name


def test_fuse_postgres_reopen_and_same_input_again_change_nothing(pg_url):
    _fill(pg_url, _corpus())
    before = _dump(pg_url)
    _fill(pg_url, _corpus())  # re-saving the same documents replaces, never repeats
    assert _dump(pg_url) == before


def test_fuse_postgres_hot_story_by_classes_equals_sqlite(pg_url, tmp_path, monkeypatch):
    """Sixty reports of a few happenings (issue 15's hot story), fused by classes with every partition checked:
    PostgreSQL stores the events, classes and growing child rows SQLite stores."""
    import random

    import frontwatch.fuse as fuse
    from frontwatch.fuse import classes
    from test_fuse_classes import _child_rows, _dumped, _hot_story

    monkeypatch.setattr(classes, "VERIFY", True)
    docs = _hot_story(60, 7)
    order = random.Random(7).sample(sorted(docs), len(docs))
    results = []
    for url in (pg_url, str(tmp_path / "lite.db")):
        monkeypatch.setattr(fuse, "PATHS", {"classes": 0, "mentions": 0})
        with open_store(url) as store:
            for doc_id in order:
                fuse_into_store(store, Document(doc_id=doc_id, text="t", original="t", content_hash=doc_id), docs[doc_id])
            events = _dumped(store.iter_events())
            found = {eid: sorted((c.fuse_class, c.mentions, c.documents, c.first_doc, c.last_doc) for c in cs)
                     for eid, cs in store.classes_of([e.event_id for e in store.iter_events()]).items()}
            results.append((events, found, _child_rows(store), store.stats(), dict(fuse.PATHS)))
    assert results[0] == results[1]
    assert results[0][4] == {"classes": 60, "mentions": 0}


def test_fuse_postgres_keeps_an_event_whose_evidence_outgrows_an_index_row(pg_url):
    """A happening reported again and again gathers evidence past PostgreSQL's btree row limit (2,704 bytes): its
    search row is still stored, and a substring search still finds it."""
    import random

    sentence = "Des missiles russes ont frappé Kramatorsk mercredi, a annoncé le gouverneur de la région de Donetsk."
    words = random.Random(3)
    with open_store(pg_url) as store:
        for k in range(60):
            doc_id = f"outlet{k:02d}"
            # each outlet's own wording, which PostgreSQL cannot compress below the limit
            own = " ".join("".join(words.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(12))
            text = f"{sentence} Dépêche {k} : {own}."
            fuse_into_store(store, Document(doc_id=doc_id, text=text, original=text, content_hash=doc_id, language="fr"),
                            [mention(doc_id, text)])
        events = list(store.iter_events())
        assert len(events) == 1 and sum(len(e.text) for e in events[0].evidence) > 2704
        assert store.count_events(EventQuery(text="Dépêche 59")) == 1


def test_fuse_postgres_migration_11_drops_the_evidence_text_index(pg_url):
    """A PostgreSQL store made before migration 11 loses its index on the evidence text when opened."""
    import sqlalchemy as sa

    open_store(pg_url).close()
    engine = sa.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:  # back to schema 10, index included
        conn.exec_driver_sql("CREATE INDEX ix_event_search_notes_text ON event_search (notes_text)")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version > 10")
    open_store(pg_url).close()
    with engine.connect() as conn:
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("event_search")}
    engine.dispose()
    assert "ix_event_search_notes_text" not in names and "ix_event_search_actor_text" in names
