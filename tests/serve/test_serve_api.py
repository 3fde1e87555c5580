"""The JSON API over hand-built events: filters, pages, one event, documents, timeline, exports, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from serve_factories import ALEP, HOSTILE

from frontwatch.export import ACLED_COLUMNS

ALL_IDS = {"ev-kharkiv", "ev-alep", "ev-djiguibombo", "ev-wad-madani", "ev-rafah", "ev-donetsk", "ev-hostile"}


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["event_id"] for item in response.json()["items"]}


def test_api_events_lists_every_event_with_its_total(client):
    response = client.get("/api/events")
    body = response.json()
    assert ids(response) == ALL_IDS
    assert body["total"] == len(ALL_IDS)
    assert (body["limit"], body["offset"]) == (100, 0)
    kharkiv = next(item for item in body["items"] if item["event_id"] == "ev-kharkiv")
    assert kharkiv["claims"][0]["claimant"] == "Governor of Kharkiv Oblast"
    assert kharkiv["sources"][0]["publisher"] == "Reuters"
    assert "extra" not in kharkiv


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_type": "Battles"}, {"ev-alep", "ev-wad-madani"}),
        ({"actor": "rapid support"}, {"ev-wad-madani"}),
        ({"actor": "Military Forces of Russia"}, {"ev-kharkiv", "ev-alep", "ev-donetsk"}),
        ({"claimant": "observatory"}, {"ev-alep"}),
        ({"claimant": "Ministry of Defence of Russia"}, {"ev-kharkiv", "ev-alep"}),
        ({"source": "reuters"}, {"ev-kharkiv"}),
        ({"source": "afp-rafah"}, {"ev-rafah"}),
        ({"q": "Djiguibombo"}, {"ev-djiguibombo"}),
        ({"q": "frappes israéliennes"}, {"ev-rafah"}),
        ({"date_from": "2024-03-01", "date_to": "2024-07-31"}, {"ev-kharkiv", "ev-djiguibombo"}),
        ({"date_from": "2024-11-01"}, {"ev-alep"}),
        ({"bbox": "35,32,43,37.5"}, {"ev-alep"}),
        ({"bbox": "20,0,40,20"}, {"ev-wad-madani"}),
        ({"bbox": "-10,10,5,20", "event_type": "Violence against civilians"}, {"ev-djiguibombo"}),
        ({"event_type": "Riots"}, set()),
    ],
)
def test_api_events_filters(client, params, expected):
    response = client.get("/api/events", params=params)
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    ("sort", "first"),
    [("-fatalities", "ev-alep"), ("fatalities", "ev-donetsk"), ("event_date", "ev-wad-madani"), ("-event_date", "ev-alep")],
)
def test_api_events_sort(client, sort, first):
    items = client.get("/api/events", params={"sort": sort}).json()["items"]
    assert items[0]["event_id"] == first
    dated = [i["event_date"] for i in items if i["event_date"]]
    assert dated == sorted(dated, reverse=sort == "-event_date") or "fatalities" in sort
    assert items[-1]["event_date"] is None or "fatalities" in sort  # undated events come last


@pytest.mark.parametrize(("limit", "offset"), [(2, 0), (2, 2), (3, 6), (5, 10)])
def test_api_events_pages_cover_the_whole_list(client, limit, offset):
    everything = [i["event_id"] for i in client.get("/api/events", params={"sort": "-fatalities"}).json()["items"]]
    body = client.get("/api/events", params={"sort": "-fatalities", "limit": limit, "offset": offset}).json()
    assert body["total"] == len(ALL_IDS)
    assert [i["event_id"] for i in body["items"]] == everything[offset : offset + limit]


def test_api_events_summary_view_is_what_a_marker_needs(client):
    items = client.get("/api/events", params={"view": "summary", "q": "Wad Madani"}).json()["items"]
    assert items == [
        {
            "event_id": "ev-wad-madani",
            "event_date": "2023-12-19",
            "time_precision": 1,
            "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "Rapid Support Forces",
            "actor2": "Military Forces of Sudan (2019-)",
            "country": "Sudan",
            "admin1": "Al Jazirah",
            "location": "Wad Madani",
            "latitude": 14.40118,
            "longitude": 33.51989,
            "geo_precision": 1,
            "fatalities": 25,
            "review_status": "machine",
            "claims": 1,
            "sources": 1,
        }
    ]


@pytest.mark.parametrize(
    ("path", "params", "status", "code", "words"),
    [
        ("/api/events", {"bbox": "1,2"}, 422, "invalid_parameter", "bbox"),
        ("/api/events", {"bbox": "a,b,c,d"}, 422, "invalid_parameter", "bbox"),
        ("/api/events", {"bbox": "0,95,1,96"}, 422, "invalid_parameter", "latitudes"),
        ("/api/events", {"bbox": "0,10,200,20"}, 422, "invalid_parameter", "longitudes"),
        ("/api/events", {"bbox": "nan,0,1,1"}, 422, "invalid_parameter", "finite"),
        ("/api/events", {"date_from": "2024-02-30"}, 422, "invalid_parameter", "date_from"),
        ("/api/events", {"date_from": "28/11/2024"}, 422, "invalid_parameter", "date_from"),
        ("/api/events", {"date_from": "2024-12-01", "date_to": "2024-11-01"}, 422, "invalid_parameter", "after"),
        ("/api/events", {"limit": 0}, 422, "invalid_parameter", "limit"),
        ("/api/events", {"limit": 1001}, 422, "invalid_parameter", "limit"),
        ("/api/events", {"offset": -1}, 422, "invalid_parameter", "offset"),
        ("/api/events", {"offset": 10**20}, 422, "invalid_parameter", "offset"),
        ("/api/events", {"sort": "name"}, 422, "invalid_parameter", "sort"),
        ("/api/events", {"view": "html"}, 422, "invalid_parameter", "view"),
        ("/api/events", {"q": "Gaza\x00"}, 422, "invalid_parameter", "control"),
        ("/api/events", {"actor": "x" * 201}, 422, "invalid_parameter", "actor"),
        ("/api/timeline", {"bbox": "1,2,3"}, 422, "invalid_parameter", "bbox"),
        ("/api/export.jsonl", {"date_to": "hier"}, 422, "invalid_parameter", "date_to"),
        ("/api/events/ev-inconnu", {}, 404, "not_found", "ev-inconnu"),
        ("/api/documents/afp-inconnu", {}, 404, "not_found", "afp-inconnu"),
        ("/api/documents/afp-alep", {"start": 10}, 422, "invalid_parameter", "start and end"),
        ("/api/documents/afp-alep", {"start": 10, "end": 5}, 422, "invalid_parameter", "start and end"),
        ("/api/documents/afp-alep", {"start": 0, "end": 100000}, 422, "invalid_parameter", "text length"),
        ("/api/nothing-here", {}, 404, "not_found", "Not Found"),
        ("/basemap/rivers.geojson", {}, 404, "not_found", "rivers"),
    ],
)
def test_api_errors_share_one_shape(client, path, params, status, code, words):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert words in body["error"]["message"]


def test_api_errors_wrong_method_is_405_in_the_same_shape(client):
    response = client.post("/api/events", json={})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_api_event_groups_claims_by_kind_and_claimant(client):
    event = client.get("/api/events/ev-alep").json()
    assert event["event_id"] == "ev-alep"
    assert [g["kind"] for g in event["claim_groups"]] == ["killed"]
    killed = event["claim_groups"][0]
    assert killed["summary"] == "311, Syrian Observatory for Human Rights — 200 + 400, Ministry of Defence of Russia"
    assert [c["label"] for c in killed["claimants"]] == [
        "Syrian Observatory for Human Rights",
        "Ministry of Defence of Russia",
    ]
    russia = killed["claimants"][1]
    assert russia["relation"] == "enemy"
    assert [c["evidence"]["text"] for c in russia["claims"]] == ["200 combattants", "400 jeudi"]
    for claim in russia["claims"]:
        start, end = claim["evidence"]["start"], claim["evidence"]["end"]
        assert ALEP[start:end] == claim["evidence"]["text"]


def test_api_event_kinds_follow_spec_order_and_qualifiers_show(client):
    event = client.get("/api/events/ev-kharkiv").json()
    assert [g["kind"] for g in event["claim_groups"]] == ["killed", "equipment_destroyed"]
    assert event["claim_groups"][0]["summary"] == "≥12, Governor of Kharkiv Oblast"
    assert event["claim_groups"][1]["summary"] == "3, Ministry of Defence of Russia"
    mali = client.get("/api/events/ev-djiguibombo").json()
    assert mali["claim_groups"][0]["summary"] == "≥40, Local officials — ~20, Military Forces of Mali (2021-)"


def test_api_document_spans_point_into_its_text(client):
    doc = client.get("/api/documents/afp-alep").json()
    assert doc["text"] == ALEP
    assert doc["publisher"] == "AFP"
    assert doc["published"] == "2024-11-28"
    roles = {(span["role"], ALEP[span["start"] : span["end"]]) for span in doc["spans"]}
    assert ("claim", "311 morts") in roles
    assert ("claim", "400 jeudi") in roles
    assert ("evidence", "Les combats entre l'armée syrienne et les jihadistes de Hayat Tahrir al-Sham") in roles
    assert doc["focus"] is None


@pytest.mark.parametrize(
    ("phrase", "sentence_starts"),
    [
        ("311 morts", "BEYROUTH, 28 novembre"),
        ("400 jeudi", "Le ministère russe de la Défense"),
    ],
)
def test_api_document_focus_widens_to_the_sentence(client, phrase, sentence_starts):
    start = ALEP.index(phrase)
    doc = client.get("/api/documents/afp-alep", params={"start": start, "end": start + len(phrase)}).json()
    focus = doc["focus"]
    assert (focus["start"], focus["end"]) == (start, start + len(phrase))
    sentence = ALEP[focus["sentence_start"] : focus["sentence_end"]]
    assert sentence.startswith(sentence_starts)
    assert sentence.endswith(".")
    assert phrase in sentence


def test_api_document_with_event_id_keeps_that_events_spans(client):
    doc = client.get("/api/documents/afp-alep", params={"event_id": "ev-kharkiv"}).json()
    assert doc["spans"] == []  # the Kharkiv event does not cite the Aleppo story
    doc = client.get("/api/documents/afp-alep", params={"event_id": "ev-alep"}).json()
    assert {s["event_id"] for s in doc["spans"]} == {"ev-alep"}


def test_api_timeline_counts_days_types_and_undated(client):
    body = client.get("/api/timeline").json()
    days = {d["date"]: d for d in body["days"]}
    assert list(days) == sorted(days)
    assert days["2024-11-27"]["by_type"] == {"Battles": {"events": 1, "fatalities": 311}}
    assert days["2024-03-14"]["fatalities"] == 12
    assert body["totals"] == {"events": 7, "dated": 5, "undated": 2, "fatalities": 311 + 12 + 40 + 25 + 31}
    assert "Battles" in body["types"]


def test_api_timeline_takes_the_same_filters(client):
    body = client.get("/api/timeline", params={"event_type": "Explosions/Remote violence"}).json()
    assert [d["date"] for d in body["days"]] == ["2024-02-12", "2024-03-14"]
    assert body["totals"]["undated"] == 1


def test_api_stats_counts_the_store(client):
    assert client.get("/api/stats").json() == {
        "documents": 7,
        "mentions": 7,
        "events": 7,
        "claims": 10,
        "evidence": 7,
        "sources": 7,
    }


def test_api_taxonomy_lists_acled_types(client):
    types = client.get("/api/taxonomy").json()["types"]
    assert {"event_type": "Battles", "sub_event_type": "Armed clash"} in types
    assert len({t["event_type"] for t in types}) == 6


def test_api_export_jsonl_streams_filtered_records(client):
    response = client.get("/api/export.jsonl", params={"event_type": "Battles"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in response.headers["content-disposition"]
    records = [json.loads(line) for line in response.text.splitlines()]
    assert {r["event_id"] for r in records} == {"ev-alep", "ev-wad-madani"}


def test_api_export_csv_has_acled_columns(client):
    response = client.get("/api/export.csv", params={"source": "AFP"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert {r["event_id_cnty"] for r in rows} == {"ev-alep", "ev-djiguibombo", "ev-wad-madani", "ev-rafah"}


def test_api_export_geojson_leaves_unlocated_events_out(client):
    collection = json.loads(client.get("/api/export.geojson").text)
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == ALL_IDS - {"ev-donetsk", "ev-hostile"}
    assert features["ev-rafah"]["geometry"]["coordinates"] == [34.24357, 31.29722]


def test_api_export_streams_in_chunks_larger_than_one_buffer(client, hand_store, monkeypatch):
    import frontwatch.serve.streaming as streaming

    monkeypatch.setattr(streaming, "CHUNK_CHARS", 10)
    chunks = []
    with client.stream("GET", "/api/export.jsonl") as response:
        for chunk in response.iter_bytes():
            chunks.append(chunk)
    lines = b"".join(chunks).decode().splitlines()
    assert len(lines) == hand_store.count_events()


def test_api_hostile_document_comes_back_as_inert_json(client):
    response = client.get("/api/documents/hostile-goma")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    doc = response.json()
    assert doc["text"] == HOSTILE  # kept verbatim: escaping is the page's job, with text nodes
    assert doc["url"].startswith("javascript:")
    event = client.get("/api/events/ev-hostile").json()
    assert event["claim_groups"][0]["claimants"][0]["label"].startswith("<b onmouseover")


def test_api_openapi_documents_every_route(client):
    schema = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents/{doc_id}",
        "/api/timeline",
        "/api/stats",
        "/api/taxonomy",
        "/api/export.jsonl",
        "/api/export.csv",
        "/api/export.geojson",
    } <= set(schema["paths"])
    error = schema["paths"]["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert error["$ref"].endswith("/ErrorBody")


def test_api_docs_page_is_served_offline(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in response.text
    assert "cdn" not in response.text.lower()
    assert client.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "-fatalities", "limit": 3}, {"q": "Wad Madani"}, {"actor": "forces", "sort": "-event_date"}],
)
def test_api_events_pages_equal_the_records_and_summaries_of_the_store(client, hand_store, params):
    from frontwatch.export import event_record
    from frontwatch.serve.views import event_summary
    from frontwatch.store import EventQuery

    full = client.get("/api/events", params=params).json()
    summary = client.get("/api/events", params={**params, "view": "summary"}).json()
    sort, limit = params.get("sort", "event_date"), params.get("limit", 100)
    query = EventQuery(actor=params.get("actor"), text=params.get("q"), sort=sort, limit=limit)
    events = list(hand_store.iter_events(query))
    assert events, "the hand-built store must match every case"
    assert full["items"] == json.loads(json.dumps([event_record(e) for e in events], ensure_ascii=False))
    assert summary["items"] == json.loads(json.dumps([event_summary(e) for e in events], ensure_ascii=False))
    assert full["total"] == summary["total"] == hand_store.count_events(query)


def test_api_listing_and_timeline_are_cached_until_the_store_is_written(tmp_path):
    from fastapi.testclient import TestClient
    from serve_factories import fill, hand_built

    from frontwatch.serve import create_app
    from frontwatch.store import open_store

    store = open_store(str(tmp_path / "cached.db"))
    pairs = hand_built()
    fill(store, pairs[:3])
    try:
        with TestClient(create_app(store)) as client:
            first = client.get("/api/events", params={"view": "summary", "limit": 2})
            assert first.json()["total"] == 3
            assert client.get("/api/events", params={"view": "summary", "limit": 2}).content == first.content
            plain = client.get("/api/events", headers={"Accept-Encoding": "identity"})
            packed = client.get("/api/events", headers={"Accept-Encoding": "gzip"})
            assert "content-encoding" not in plain.headers and packed.headers["content-encoding"] == "gzip"
            assert packed.json() == plain.json() and len(plain.content) > 1024
            assert client.get("/api/timeline").json()["totals"]["events"] == 3
            fill(store, pairs[3:4])  # a write raises the store's generation: every cached body is stale
            assert client.get("/api/events", params={"view": "summary", "limit": 2}).json()["total"] == 4
            assert client.get("/api/timeline").json()["totals"]["events"] == 4
    finally:
        store.close()


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities"])
@pytest.mark.parametrize("view", ["full", "summary"])
def test_api_events_keyset_pages_follow_the_offset_pages(client, sort, view):
    everything = [e["event_id"] for e in client.get("/api/events", params={"sort": sort, "view": view}).json()["items"]]
    seen, params = [], {"sort": sort, "view": view, "limit": 2}
    while True:
        page = client.get("/api/events", params=params).json()
        assert page["total"] == len(everything)
        seen += [e["event_id"] for e in page["items"]]
        if page["next"] is None:
            break
        params = {**params, "after": page["next"]}
    assert seen == everything


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"after": "bm90IGEgY3Vyc29y"}, "cursor"),
        ({"after": "%%%"}, "cursor"),
        ({"sort": "fatalities", "after": None}, "another sort"),
        ({"offset": 2, "after": None}, "not both"),
    ],
)
def test_api_events_bad_cursor_is_422(client, params, words):
    cursor = client.get("/api/events", params={"limit": 1}).json()["next"]
    params = {k: cursor if v is None else v for k, v in params.items()}
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


def test_app_from_environment_serves_the_store_each_worker_opens(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient
    from serve_factories import fill, hand_built

    from frontwatch.serve.app import DB_ENV, OPEN_READS_ENV, app_from_environment
    from frontwatch.store import open_store

    path = tmp_path / "workers.db"
    store = open_store(str(path))
    fill(store, hand_built()[:2])
    store.close()
    monkeypatch.setenv(DB_ENV, str(path))
    monkeypatch.setenv(OPEN_READS_ENV, "1")
    with TestClient(app_from_environment()) as client:
        assert client.get("/api/events").json()["total"] == 2
    monkeypatch.setenv(OPEN_READS_ENV, "0")
    with TestClient(app_from_environment()) as client:
        assert client.get("/api/events").status_code == 401
