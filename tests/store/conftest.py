"""Fixtures for the store tests: a fresh SQLite store, and one holding a four-theatre corpus."""

from __future__ import annotations

import pytest
from store_factories import build_corpus, mention_of

from frontwatch.records import Document, Event
from frontwatch.store import SqlStore, open_store


@pytest.fixture
def store(tmp_path) -> SqlStore:
    """A fresh SQLite store in a temporary folder."""
    opened = open_store(str(tmp_path / "db" / "frontwatch.db"))
    yield opened
    opened.close()


@pytest.fixture
def corpus() -> dict[str, tuple[Document, Event]]:
    """Four documents from four theatres, each with its one fused event."""
    return build_corpus()


@pytest.fixture
def saved(store, corpus) -> SqlStore:
    """The store holding the four-theatre corpus, one save per document."""
    for doc, event in corpus.values():
        mention = mention_of(event)
        store.save(doc, [mention], [event], {mention.event_id: event.event_id})
    return store
