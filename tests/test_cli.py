"""The command line end to end on the seeds: process, idempotency, bad input, export round-trips."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app

runner = CliRunner()

SPEC_FIELDS = {
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "assoc_actor_1", "assoc_actor_2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "geonameid", "fatalities", "fatalities_low", "fatalities_best", "fatalities_high",
    "claims", "sources", "evidence", "notes",
}


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, seeds_dir):
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = runner.invoke(app, ["process", str(seeds_dir), "--db", str(db), "--published", "2024-11-29"])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_cli_process_stores_five_seeds(seeded_db):
    _, output = seeded_db
    assert "documents read: 5, stored: 5, unchanged: 0, skipped: 0" in output


def test_cli_process_twice_stores_nothing_new(seeded_db, seeds_dir):
    db, _ = seeded_db
    result = runner.invoke(app, ["process", str(seeds_dir), "--db", str(db), "--published", "2024-11-29"])
    assert result.exit_code == 0, result.output
    assert "stored: 0, unchanged: 5" in result.output


def test_cli_process_bad_inputs_are_skipped_and_reported(tmp_path, seed_paths):
    batch = tmp_path / "batch"
    batch.mkdir()
    for path in seed_paths:
        shutil.copy(path, batch / path.name)
    (batch / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (batch / "feed.jsonl").write_text('{"id": "ok", "text": "Des combats ont eu lieu."}\n{"id": broken\n', encoding="utf-8")
    db = tmp_path / "bad.db"
    result = runner.invoke(app, ["process", str(batch), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "stored: 6" in result.output  # five seeds and the good JSONL line
    assert "skipped: 2" in result.output
    assert "image.txt" in result.output and "feed.jsonl:2" in result.output


def test_cli_process_bad_published_is_usage_error(tmp_path, seed_paths):
    result = runner.invoke(app, ["process", str(seed_paths[0]), "--db", str(tmp_path / "x.db"), "--published", "29/11/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "acled", "geojson"])
def test_cli_export_round_trips(seeded_db, tmp_path, fmt):
    db, _ = seeded_db
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        events = [json.loads(line) for line in text.splitlines()]
        assert events, "the seeds report events"
        for event in events:
            assert SPEC_FIELDS <= set(event)
            for claim in event["claims"]:
                assert claim["evidence"]["text"]
    elif fmt == "acled":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows and {"event_date", "event_type", "sub_event_type", "actor1", "fatalities", "notes"} <= set(rows[0])
    else:
        collection = json.loads(text)
        assert collection["type"] == "FeatureCollection"
        for feature in collection["features"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert "event_type" in feature["properties"]


def test_cli_evidence_offsets_point_into_stored_text(seeded_db):
    from frontwatch.store import open_store

    db, _ = seeded_db
    store = open_store(str(db))
    try:
        events = list(store.iter_events())
        assert events
        for event in events:
            for ev in event.evidence + tuple(c.evidence for c in event.claims):
                doc = store.get_document(ev.doc_id)
                assert doc.text[ev.start : ev.end] == ev.text
    finally:
        store.close()


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"format": "frontwatch-gold/1", "documents": [{"doc_id": "x"}]}'],
    ids=["malformed-json", "document-without-text"],
)
def test_cli_eval_bad_gold_is_usage_error(tmp_path, content):
    gold = tmp_path / "gold.json"
    gold.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    assert "error:" in result.output
    assert "Traceback" not in result.output


def test_cli_eval_missing_gold_is_usage_error(tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "absent.json")])
    assert result.exit_code == 2
    assert "absent.json" in result.output
