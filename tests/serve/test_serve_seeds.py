"""The API over a store filled by the real pipeline on the five seed articles."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_seeds_events_are_listed_with_sources(seed_client, seed_store):
    body = seed_client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == seed_store.count_events() > 0
    assert len(body["items"]) == body["total"]
    seed_ids = {p for item in body["items"] for p in (s["doc_id"] for s in item["sources"])}
    assert seed_ids and all(doc_id[:3].isdigit() for doc_id in seed_ids)


def test_seeds_every_event_opens_with_grouped_claims(seed_client):
    items = seed_client.get("/api/events", params={"limit": 1000}).json()["items"]
    for item in items:
        event = seed_client.get(f"/api/events/{item['event_id']}").json()
        grouped = [c for group in event["claim_groups"] for who in group["claimants"] for c in who["claims"]]
        assert len(grouped) == len(event["claims"])


def test_seeds_every_claim_points_at_its_words_in_the_document(seed_client):
    items = seed_client.get("/api/events", params={"limit": 1000}).json()["items"]
    checked = 0
    for item in items:
        for claim in item["claims"]:
            evidence = claim["evidence"]
            doc = seed_client.get(
                f"/api/documents/{claim['doc_id']}",
                params={"event_id": item["event_id"], "start": evidence["start"], "end": evidence["end"]},
            ).json()
            assert doc["text"][evidence["start"] : evidence["end"]] == evidence["text"]
            focus = doc["focus"]
            assert focus["sentence_start"] <= evidence["start"] < evidence["end"] <= focus["sentence_end"]
            checked += 1
    assert checked > 0, "the pipeline read no claim from the seeds"


def test_seeds_timeline_adds_up_to_the_events(seed_client, seed_store):
    body = seed_client.get("/api/timeline").json()
    assert body["totals"]["events"] == seed_store.count_events()
    assert sum(day["events"] for day in body["days"]) == body["totals"]["dated"]


def test_seeds_geojson_export_holds_the_located_events(seed_client, seed_store):
    collection = seed_client.get("/api/export.geojson").json()
    located = [e for e in seed_store.iter_events() if e.latitude is not None and e.longitude is not None]
    assert len(collection["features"]) == len(located)
