"""Each format, written from a store and parsed back: JSONL, ACLED CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from export_factories import SPEC_CLAIM_FIELDS, SPEC_EVENT_FIELDS, aleppo

import frontwatch.export as export_pkg
from frontwatch.errors import InputError
from frontwatch.export import ACLED_COLUMNS, export, write_acled, write_jsonl
from frontwatch.store import EventQuery


def _run(store, fmt, query=None):
    out = io.StringIO()
    count = export(store, fmt, out, query)
    return count, out.getvalue()


def test_export_all_lists_public_names():
    assert sorted(export_pkg.__all__) == sorted(
        ["ACLED_COLUMNS", "FORMATS", "event_record", "export", "write_acled", "write_geojson", "write_jsonl"]
    )
    assert export_pkg.FORMATS == ("jsonl", "acled", "geojson")


def test_export_jsonl_has_every_spec_field_and_no_internal_one(store):
    count, text = _run(store, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert count == len(records) == 3
    assert [r["event_id"] for r in records] == ["ev-khartoum", "ev-alep", "ev-donetsk"]  # by date, undated last
    for record in records:
        assert set(SPEC_EVENT_FIELDS) <= set(record)
        assert "extra" not in record
        for claim in record["claims"]:
            assert set(SPEC_CLAIM_FIELDS) <= set(claim)
    alep = records[1]
    assert alep["assoc_actor_1"] == ["Syrian National Army", "Jaysh al-Izza"]
    assert [(c["value"], c["qualifier"], c["claimant"]) for c in alep["claims"]] == [
        (311, "exact", "Syrian Observatory for Human Rights"),
        (100, "at_least", "Military Forces of Syria (2000-2024)"),
    ]
    assert alep["claims"][0]["evidence"]["text"] == "311 morts"
    assert alep["sources"][0] == {
        "doc_id": "afp-alep",
        "publisher": "AFP",
        "url": "https://example.org/afp-alep",
        "published": "2024-11-28",
        "publisher_kind": "wire",
        "publisher_country": "FR",
    }


def test_write_jsonl_round_trips_to_dict_without_extra():
    _, event = aleppo()
    out = io.StringIO()
    write_jsonl([event], out)
    expected = event.to_dict()
    del expected["extra"]
    expected["disagreements"] = []
    expected["pcodes"] = {}
    expected["actor1_text"] = expected["actor2_text"] = expected["place_reason"] = None
    expected["review_status"], expected["reviewed_fields"] = "machine", []
    assert json.loads(out.getvalue()) == expected


def test_write_jsonl_lifts_fusions_disagreements_view():
    from dataclasses import replace

    _, event = aleppo()
    view = [{"kind": "killed", "summary": "311 (Syrian Observatory for Human Rights) vs 600 (Ministry of Defence of Russia)"}]
    out = io.StringIO()
    write_jsonl([replace(event, extra={"disagreements": view, "mention_ids": ["a"]})], out)
    record = json.loads(out.getvalue())
    assert record["disagreements"] == view
    assert "extra" not in record and "mention_ids" not in record


def test_export_acled_columns_and_values(store):
    count, text = _run(store, "acled")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    rows = {row["event_id_cnty"]: row for row in reader}
    assert count == len(rows) == 3
    alep = rows["ev-alep"]
    assert alep["event_date"] == "2024-11-27" and alep["year"] == "2024" and alep["time_precision"] == "2"
    assert alep["disorder_type"] == "Political violence"
    assert alep["assoc_actor_1"] == "Syrian National Army; Jaysh al-Izza"
    assert (alep["inter1"], alep["inter2"], alep["interaction"]) == ("2", "1", "12")
    assert alep["iso"] == "760" and alep["country"] == "Syria"
    assert (alep["latitude"], alep["longitude"]) == ("36.2012", "37.1612")
    assert alep["source"] == "AFP" and alep["fatalities"] == "311"
    assert alep["notes"] == (
        "Fighting between HTS and allied factions and the Syrian army in Aleppo province. "
        "Claims: 311 killed (Syrian Observatory for Human Rights); "
        "at least 100 killed [Hayat Tahrir al-Sham] (Military Forces of Syria (2000-2024))."
    )
    khartoum = rows["ev-khartoum"]
    assert khartoum["disorder_type"] == "Political violence; Demonstrations"
    assert khartoum["interaction"] == "16" and khartoum["iso"] == "729"
    assert khartoum["notes"].endswith("Claims: at least 3 wounded (AFP).")  # no claimant: the outlet asserts it
    donetsk = rows["ev-donetsk"]
    assert (donetsk["event_date"], donetsk["year"], donetsk["latitude"], donetsk["actor2"]) == ("", "", "", "")
    assert donetsk["interaction"] == "80" and donetsk["iso"] == "804"


def test_write_acled_uses_given_timestamp():
    _, event = aleppo()
    out = io.StringIO()
    write_acled([event], out, timestamp=1732790400)
    assert next(csv.DictReader(io.StringIO(out.getvalue())))["timestamp"] == "1732790400"


def test_export_geojson_structure(store):
    count, text = _run(store, "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert count == len(collection["features"]) == 2  # Donetsk has no coordinates
    by_id = {f["properties"]["event_id"]: f for f in collection["features"]}
    alep = by_id["ev-alep"]
    assert alep["type"] == "Feature"
    assert alep["geometry"] == {"type": "Point", "coordinates": [37.16117, 36.20124]}  # [lon, lat]
    for feature in collection["features"]:
        properties = feature["properties"]
        assert set(SPEC_EVENT_FIELDS) - {"latitude", "longitude"} <= set(properties)
        assert not {"latitude", "longitude", "extra"} & set(properties)
    assert alep["properties"]["claims"][0]["claimant"] == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize("fmt", ["jsonl", "acled", "geojson"])
def test_export_applies_the_query(store, fmt):
    count, _ = _run(store, fmt, EventQuery(event_type="Battles"))
    assert count == 1


def test_export_geojson_of_empty_store_is_valid(tmp_path):
    from frontwatch.store import open_store

    empty = open_store(str(tmp_path / "empty.db"))
    try:
        count, text = _run(empty, "geojson")
    finally:
        empty.close()
    assert count == 0
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}


def test_export_rejects_unknown_format(store):
    with pytest.raises(InputError, match="Unknown export format 'shapefile'"):
        export(store, "shapefile", io.StringIO())
