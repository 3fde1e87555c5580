"""Exporters stream: they write each event as it arrives and never hold the whole store in memory."""

from __future__ import annotations

import dataclasses
import json
import tracemalloc

import pytest
from export_factories import small_event

from frontwatch.export import export, write_acled, write_geojson, write_jsonl
from frontwatch.records import Document
from frontwatch.store import open_store

N_EVENTS = 5000


class Probe:
    """A text sink that notes, at every write, how many events the writer had pulled so far."""

    def __init__(self):
        self.pulled = 0
        self.pulled_at_write: list[int] = []
        self.chars = 0

    def events(self, n):
        for i in range(n):
            self.pulled += 1
            yield small_event(i)

    def write(self, text):
        self.pulled_at_write.append(self.pulled)
        self.chars += len(text)
        return len(text)


@pytest.mark.parametrize("writer", [write_jsonl, write_acled, write_geojson])
def test_writer_consumes_generator_lazily(writer):
    probe = Probe()
    written = writer(probe.events(50), probe)
    assert written == 50
    # The first event is written before the second is pulled, and output grows with every event.
    assert 1 in probe.pulled_at_write
    assert sorted(set(probe.pulled_at_write))[-3:] == [48, 49, 50]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store of 5,000 small located events."""
    store = open_store(str(tmp_path_factory.mktemp("big") / "big.db"))
    batch = []
    for i in range(N_EVENTS):
        event = small_event(i)
        doc = Document(event.sources[0].doc_id, event.evidence[0].text, event.evidence[0].text, f"hash-{i}")
        mention = dataclasses.replace(event, event_id=f"{event.event_id}-m")
        batch.append((doc, [mention], [event], {mention.event_id: event.event_id}, ()))
    store.save_many(batch)
    yield store
    store.close()


class FakeStore:
    """Just enough of a Store for ``export``: its events come from a probe's generator."""

    def __init__(self, probe, n):
        self.probe, self.n = probe, n

    def iter_events(self, query=None):
        return self.probe.events(self.n)


@pytest.mark.parametrize("fmt", ["jsonl", "acled", "geojson"])
def test_export_passes_the_stream_through(fmt):
    probe = Probe()
    assert export(FakeStore(probe, 30), fmt, probe) == 30
    assert 1 in probe.pulled_at_write


def test_export_from_large_store_stays_small_in_memory(big_store):
    sink = Probe()
    tracemalloc.start()
    try:
        count = export(big_store, "geojson", sink)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == N_EVENTS
    # Holding the 5,000 events at once takes about 8 MB; a streaming export peaks well under 1 MB.
    assert peak < 2_500_000
    assert sink.chars > 900_000


def test_export_geojson_large_store_parses(big_store, tmp_path):
    path = tmp_path / "events.geojson"
    with path.open("w", encoding="utf-8") as out:
        export(big_store, "geojson", out)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert len(collection["features"]) == N_EVENTS
    assert collection["features"][0]["geometry"]["coordinates"] == [-0.04472, 16.27167]
