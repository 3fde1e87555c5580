"""The review API: each action with an analyst's token, 401 and 403 without a valid one, reads open on loopback
(or closed), the audit log per event, the review queue, exports with the reviewed values and the status filter,
and tokens and reasons kept out of the logs."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuse"))

from fuse_factories import claim, mention  # noqa: E402

from frontwatch.fuse import fuse_into_store  # noqa: E402
from frontwatch.records import Document  # noqa: E402
from frontwatch.review.auth import add_user, revoke_user  # noqa: E402
from frontwatch.serve import create_app  # noqa: E402
from frontwatch.store import open_store  # noqa: E402

STRIKE = "Des missiles russes ont frappé {town} mercredi matin, tuant {n} civils, selon le gouverneur."
REASON = "SECRET-REASON <script>alert(1)</script>"


def _add(store, doc_id, mid, town, killed=2, **kw):
    doc = Document(doc_id=doc_id, text="texte " * 40, original="texte", content_hash=doc_id)
    m = mention(doc_id, STRIKE.format(town=town, n=killed), place=town, claims=(claim(killed, doc_id=doc_id),),
                publisher=doc_id.upper(), **kw)
    fuse_into_store(store, doc, [replace(m, event_id=mid)])


@pytest.fixture
def desk(tmp_path):
    """A store with four events (two outlets on Kramatorsk, one on Sloviansk, one battle at Gao), two analysts
    (one revoked) and a client."""
    store = open_store(str(tmp_path / "desk.db"))
    _add(store, "afp", "m-1", "Kramatorsk")
    _add(store, "rfi", "m-2", "Kramatorsk", killed=4)
    _add(store, "dw", "m-3", "Sloviansk", day="2024-06-13")
    _add(store, "bbc", "m-4", "Gao", event_type="Battles", sub_event_type="Armed clash", day="2024-06-11")
    amina = add_user(store, "amina")
    gone = add_user(store, "gone")
    assert revoke_user(store, "gone")
    with TestClient(create_app(store)) as client:
        ids = {e.location: e.event_id for e in store.iter_events()}
        yield client, store, ids, {"Authorization": f"Bearer {amina.token}"}, {"Authorization": f"Bearer {gone.token}"}
    store.close()


def test_review_api_writes_need_a_valid_token(desk):
    client, _store, ids, _auth, revoked = desk
    url = f"/api/events/{ids['Gao']}/confirm"
    assert client.post(url).status_code == 401
    assert client.post(url).headers["www-authenticate"] == "Bearer"
    assert client.post(url, headers={"Authorization": "Bearer nonsense"}).status_code == 401
    forged = "Bearer fw_" + "0" * 16 + "_" + "A" * 43
    assert client.post(url, headers={"Authorization": forged}).status_code == 401
    wrong_secret = revoked["Authorization"][:-5] + "AAAAA"
    assert client.post(url, headers={"Authorization": wrong_secret}).status_code == 401
    response = client.post(url, headers=revoked)
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    for path, body in (("reject", {"reason": "x"}), ("correct", {"changes": {"fatalities": 1}, "reason": "x"}),
                       ("merge", {"other_event_id": ids["Sloviansk"]}), ("split", {"doc_id": "afp"})):
        assert client.post(f"/api/events/{ids['Kramatorsk']}/{path}", json=body).status_code == 401
        assert client.post(f"/api/events/{ids['Kramatorsk']}/{path}", json=body, headers=revoked).status_code == 403
    assert client.get(f"/api/events/{ids['Gao']}/audit").json()["audit"] == []  # nothing was written
    assert client.get("/api/whoami", headers=desk[3]).json() == {"analyst": "amina"}


def test_review_api_each_action_and_the_audit_log(desk):
    client, store, ids, auth, _ = desk
    gao, kram, slov = ids["Gao"], ids["Kramatorsk"], ids["Sloviansk"]

    done = client.post(f"/api/events/{gao}/confirm", headers=auth).json()
    assert done["event"]["review_status"] == "confirmed"
    assert [(c["field"], c["before"], c["after"]) for c in done["changes"]] == [("review_status", "machine", "confirmed")]

    candidate = next(c for c in client.get("/api/places", params={"q": "Kramatorsk"}).json()["items"]
                     if c["country"] == "Ukraine")
    body = {"changes": {"place": {"geonameid": candidate["geonameid"], "name": "Kramatorsk"}, "fatalities": 5,
                        "sub_event_type": "Air/drone strike"}, "reason": REASON}
    done = client.post(f"/api/events/{kram}/correct", json=body, headers=auth)
    assert done.status_code == 200, done.text
    event = client.get(f"/api/events/{kram}").json()
    assert (event["fatalities"], event["sub_event_type"], event["geonameid"]) == (5, "Air/drone strike", candidate["geonameid"])
    assert (event["latitude"], event["longitude"]) == (candidate["latitude"], candidate["longitude"])
    assert event["review_status"] == "corrected"

    bad = client.post(f"/api/events/{kram}/correct", json={"changes": {"fatalities": -1}, "reason": "x"}, headers=auth)
    assert bad.status_code == 422
    assert client.post(f"/api/events/{kram}/reject", json={}, headers=auth).status_code == 422  # no reason
    assert client.post("/api/events/nope/confirm", headers=auth).status_code == 404

    split = client.post(f"/api/events/{kram}/split", json={"doc_id": "rfi", "reason": REASON}, headers=auth).json()
    assert [s["doc_id"] for s in split["event"]["sources"]] == ["afp"]
    new = client.get(f"/api/events/{split['new_event_id']}").json()
    assert [s["doc_id"] for s in new["sources"]] == ["rfi"] and new["review_status"] == "machine"

    merged = client.post(f"/api/events/{split['new_event_id']}/merge", json={"other_event_id": slov}, headers=auth).json()
    assert sorted(s["doc_id"] for s in merged["event"]["sources"]) == ["dw", "rfi"]
    assert merged["event"]["review_status"] == "corrected"

    rejected = client.post(f"/api/events/{merged['event_id']}/reject", json={"reason": REASON}, headers=auth).json()
    assert rejected["event"]["review_status"] == "rejected"

    audit = client.get(f"/api/events/{split['event_id']}/audit").json()
    assert audit["review_status"] == "corrected"
    rows = [(a["action"], a["field"]) for a in audit["audit"]]
    assert rows == [
        ("correct", "admin2"), ("correct", "fatalities"), ("correct", "geonameid"), ("correct", "latitude"),
        ("correct", "longitude"), ("correct", "sub_event_type"), ("correct", "review_status"), ("split", "sources"),
    ]
    assert all(a["analyst"] == "amina" and a["reason"] == REASON for a in audit["audit"])
    fatalities = next(a for a in audit["audit"] if a["field"] == "fatalities")
    assert (fatalities["before"], fatalities["after"]) == (2, 5)
    assert audit["machine"]["fatalities"] == 2 and audit["fields"]["fatalities"] == 5
    # The reason comes back as JSON text, never as markup.
    assert client.get(f"/api/events/{split['event_id']}/audit").headers["content-type"].startswith("application/json")

    later = client.get(f"/api/events/{merged['event_id']}/audit").json()["audit"]
    assert [(a["action"], a["field"]) for a in later] == [
        ("split", "split_from"), ("merge", "merged_with"), ("merge", "review_status"), ("reject", "review_status"),
    ]
    assert later[0]["before"] == split["event_id"] and later[1]["before"] == [split["new_event_id"], slov]


def test_review_api_exports_and_listing_filter_on_status(desk):
    client, _store, ids, auth, _ = desk
    client.post(f"/api/events/{ids['Gao']}/confirm", headers=auth)
    client.post(f"/api/events/{ids['Sloviansk']}/reject", json={"reason": "drill"}, headers=auth)
    client.post(f"/api/events/{ids['Kramatorsk']}/correct", json={"changes": {"fatalities": 9}, "reason": "r"},
                headers=auth)
    listed = client.get("/api/events", params={"review_status": "machine,confirmed,corrected"}).json()
    assert sorted(e["event_id"] for e in listed["items"]) == sorted([ids["Gao"], ids["Kramatorsk"]])
    assert client.get("/api/events", params={"review_status": "bogus"}).status_code == 422
    text = client.get("/api/export.csv", params={"review_status": "confirmed,corrected"}).text
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {ids["Gao"], ids["Kramatorsk"]}
    assert rows[ids["Kramatorsk"]]["fatalities"] == "9" and rows[ids["Kramatorsk"]]["tags"] == "review: corrected"
    lines = [json.loads(x) for x in client.get("/api/export.jsonl").text.splitlines()]
    assert {r["event_id"]: r["review_status"] for r in lines} == {
        ids["Gao"]: "confirmed", ids["Sloviansk"]: "rejected", ids["Kramatorsk"]: "corrected"}
    queue = client.get("/api/review/queue").json()["items"]
    assert queue == []  # every event was reviewed
    queue = client.get("/api/review/queue", params={"status": "confirmed,rejected", "order": "reported"}).json()
    assert sorted(e["event_id"] for e in queue["items"]) == sorted([ids["Gao"], ids["Sloviansk"]])


def test_review_api_queue_lists_unreviewed_newest_first(desk):
    client, _store, ids, _auth, _ = desk
    items = client.get("/api/review/queue").json()["items"]
    assert [e["location"] for e in items] == ["Sloviansk", "Kramatorsk", "Gao"]  # 13, 12 and 11 June
    assert items[1]["sources"] == 2 and all(e["review_status"] == "machine" for e in items)
    items = client.get("/api/review/queue", params={"order": "reported"}).json()["items"]
    assert items[0]["location"] == "Kramatorsk"
    assert [e["location"] for e in client.get("/api/review/queue", params={"event_type": "Battles"}).json()["items"]] == ["Gao"]


def test_review_api_reads_closed_off_loopback(desk):
    _client, store, ids, auth, revoked = desk
    with TestClient(create_app(store, open_reads=False)) as closed:
        assert closed.get("/api/events").status_code == 401
        assert closed.get(f"/api/events/{ids['Gao']}/audit").status_code == 401
        assert closed.get("/api/events", headers=revoked).status_code == 403
        assert closed.get("/api/events", headers=auth).status_code == 200
        assert closed.get("/").status_code == 200  # the page itself carries no data


def test_review_api_never_logs_tokens_or_reasons(desk, caplog):
    client, _store, ids, auth, revoked = desk
    token = auth["Authorization"].split()[1]
    with caplog.at_level(logging.DEBUG):
        client.post(f"/api/events/{ids['Gao']}/reject", json={"reason": REASON}, headers=auth)
        client.post(f"/api/events/{ids['Kramatorsk']}/correct", json={"changes": {"fatalities": 3}, "reason": REASON},
                    headers=auth)
        client.post(f"/api/events/{ids['Gao']}/confirm", json={"reason": REASON}, headers=revoked)
        client.post(f"/api/events/{ids['Gao']}/confirm", json={"reason": REASON},
                    headers={"Authorization": auth["Authorization"][:-3] + "xyz"})
    assert caplog.records  # the actions did log (the store's writes), just not these
    assert token not in caplog.text and token[:20] not in caplog.text
    assert "SECRET-REASON" not in caplog.text


@pytest.mark.parametrize(
    "changes",
    [
        {"event_date": 5}, {"event_date": "2024-13-01"}, {"place": "Kramatorsk"}, {"place": {"latitude": 91, "longitude": 0}},
        {"place": {"geonameid": 1, "name": "Nowhere at all"}}, {"place": {"latitude": "x", "longitude": 1}},
        {"fatalities": "3"}, {"fatalities": True}, {"actor1": ["a"]}, {"actor1": "a\x00b"}, {"assoc_actor_1": "x"},
        {"inter1": 9}, {"time_precision": 0}, {"sub_event_type": "Picnic"}, {"notes": "x"}, {},
    ],
)
def test_review_api_bad_corrections_are_422_and_change_nothing(desk, changes):
    client, _store, ids, auth, _ = desk
    before = client.get(f"/api/events/{ids['Gao']}").json()
    response = client.post(f"/api/events/{ids['Gao']}/correct", json={"changes": changes, "reason": "r"}, headers=auth)
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"error"}
    assert client.get(f"/api/events/{ids['Gao']}").json() == before
    assert client.get(f"/api/events/{ids['Gao']}/audit").json()["audit"] == []
