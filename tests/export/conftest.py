"""Fixtures for the exporter tests: a store holding three hand-built events, one of them unlocated."""

from __future__ import annotations

import dataclasses

import pytest
from export_factories import aleppo, donetsk_unlocated, khartoum

from frontwatch.store import SqlStore, open_store


@pytest.fixture
def store(tmp_path) -> SqlStore:
    """A SQLite store with the Aleppo battle, the Khartoum protest and unlocated Donetsk shelling."""
    opened = open_store(str(tmp_path / "export.db"))
    for doc, event in (aleppo(), khartoum(), donetsk_unlocated()):
        mention = f"{event.event_id}-m"
        opened.save(doc, [dataclasses.replace(event, event_id=mention)], [event], {mention: event.event_id})
    yield opened
    opened.close()
