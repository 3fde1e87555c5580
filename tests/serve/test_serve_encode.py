"""Response encoding (orjson) and listing totals that stay exact while another process writes the store."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from fastapi.testclient import TestClient
from serve_factories import fill, hand_built

from frontwatch.serve import create_app
from frontwatch.serve.encode import encode, encode_flat
from frontwatch.store import EventQuery, open_store

@pytest.fixture
def split_store(tmp_path):
    """A store path holding every hand-built event but the Donetsk shelling, and that last pair to add."""
    pairs = hand_built()
    (late,) = [pair for pair in pairs if pair[1].event_id == "ev-donetsk"]
    path = str(tmp_path / "split.db")
    store = open_store(path)
    fill(store, [pair for pair in pairs if pair is not late])
    store.close()
    return path, late


@pytest.mark.parametrize(
    ("path", "params", "total"),
    [
        ("/api/events", {"actor": "military forces", "limit": 1}, lambda body: body["total"]),
        ("/api/events", {"limit": 2, "sort": "-fatalities"}, lambda body: body["total"]),
        ("/api/events", {"q": "donetsk", "limit": 1, "view": "summary"}, lambda body: body["total"]),
        ("/api/timeline", {"actor": "military forces"}, lambda body: body["totals"]["events"]),
    ],
)
def test_api_totals_follow_a_write_by_another_process(split_store, path, params, total):
    db, late = split_store
    with TestClient(create_app(db)) as client:
        before = total(client.get(path, params=params).json())
        assert total(client.get(path, params=params).json()) == before  # the cached total
        writer = open_store(db)
        try:
            fill(writer, [late])
        finally:
            writer.close()
        assert total(client.get(path, params=params).json()) == before + 1


def test_api_total_is_exact_after_a_write_through_the_served_store(split_store):
    db, late = split_store
    with TestClient(create_app(db)) as client:
        store = client.app.state.store
        params = {"actor": "military forces", "limit": 1}
        before = client.get("/api/events", params=params).json()["total"]
        assert before == len(list(store.iter_events(EventQuery(actor="military forces")))) > 1
        fill(store, [late])
        assert client.get("/api/events", params=params).json()["total"] == before + 1
        store.delete_document(late[0].doc_id)
        assert client.get("/api/events", params=params).json()["total"] == before


@pytest.mark.parametrize("index", range(len(hand_built())))
def test_encode_flat_writes_summaries_as_encode_does(tmp_path, index):
    store = open_store(str(tmp_path / "one.db"))
    try:
        fill(store, [hand_built()[index]])
        summaries = store.list_event_summaries(EventQuery())
    finally:
        store.close()
    assert summaries
    assert encode_flat({"items": summaries}) == encode({"items": summaries})
    assert json.loads(encode_flat({"items": summaries}))["items"] == [dataclasses.asdict(s) for s in summaries]


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ({"by_type": {3: {"events": 1}}}, '{"by_type":{"3":{"events":1}}}'),  # keys written as strings, as json does
        ({"note": "« Bakhmout » — 12 tués"}, '{"note":"« Bakhmout » — 12 tués"}'),  # UTF-8, not \\u escapes
        ({"latitude": math.nan}, '{"latitude":null}'),  # never an invalid JSON literal
    ],
)
def test_encode_writes_plain_values_as_valid_compact_json(content, text):
    assert encode(content).decode("utf-8") == text
    assert encode_flat(content).decode("utf-8") == text
