"""Units of the server: sentence widening, figures, bbox parsing, and the page's rules on untrusted text."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from serve_factories import hand_built

from frontwatch.records import Claim, Evidence
from frontwatch.serve.app import CONTENT_SECURITY_POLICY, STATIC_DIR
from frontwatch.serve.errors import ApiError
from frontwatch.serve.params import clean_text, parse_bbox
from frontwatch.serve.views import claim_groups, figure_text, sentence_bounds


@pytest.mark.parametrize(
    ("text", "phrase", "sentence"),
    [
        (
            "KHARTOUM, 19 décembre (AFP) - Les FSR ont pris Wad Madani. L'armée a fait état de 25 soldats tués. "
            "Elle s'est retirée.",
            "25 soldats",
            "L'armée a fait état de 25 soldats tués.",
        ),
        (
            "Le bilan s'élève à 31 morts, selon le ministère ! Les frappes continuent.",
            "31 morts",
            "Le bilan s'élève à 31 morts, selon le ministère !",
        ),
        (
            "Titre : frappes sur Rafah\nAu moins 12 civils ont été tués mercredi\nSuite du texte.",
            "12 civils",
            "Au moins 12 civils ont été tués mercredi\n",
        ),
        ("une vingtaine de terroristes neutralisés", "vingtaine", "une vingtaine de terroristes neutralisés"),
        (
            "L'armée a dit avoir « neutralisé » 20 terroristes. » Puis le calme est revenu.",
            "20 terroristes",
            "L'armée a dit avoir « neutralisé » 20 terroristes.",
        ),
    ],
)
def test_sentence_bounds_widen_a_figure_to_its_sentence(text, phrase, sentence):
    start = text.index(phrase)
    begin, end = sentence_bounds(text, start, start + len(phrase))
    assert text[begin:end] == sentence


@pytest.mark.parametrize(
    ("value", "qualifier", "label"),
    [(311, "exact", "311"), (12, "at_least", "≥12"), (40.0, "more_than", ">40"), (20, "about", "~20"), (2.5, "up_to", "≤2.5")],
)
def test_figure_text_shows_qualifier_and_value(value, qualifier, label):
    claim = Claim("killed", value, qualifier, "d", Evidence("d", 0, 1, "x"))
    assert figure_text(claim) == label


def test_claim_groups_put_outlet_claims_under_the_publisher():
    _, event = next((d, e) for d, e in hand_built() if e.event_id == "ev-rafah")
    outlet_claim = Claim("wounded", 70, "more_than", "afp-rafah", Evidence("afp-rafah", 0, 3, "GAZ"))
    groups = claim_groups(dataclasses.replace(event, claims=(*event.claims, outlet_claim)))
    assert [g["summary"] for g in groups] == ["31, Ministry of Health of Gaza", ">70, AFP"]
    assert groups[1]["claimants"][0]["outlet"] is True
    assert groups[1]["claimants"][0]["claimant"] is None


@pytest.mark.parametrize(
    ("text", "box"),
    [("35,32,43,37.5", (35.0, 32.0, 43.0, 37.5)), (" -10 , 10 , 5 , 20 ", (-10.0, 10.0, 5.0, 20.0)), ("170,-20,-170,-10", (170.0, -20.0, -170.0, -10.0))],
)
def test_parse_bbox_accepts_boxes(text, box):
    assert parse_bbox(text) == box


@pytest.mark.parametrize("text", ["", "1,2,3", "1,2,3,4,5", "a,1,2,3", "0,40,1,30", "inf,0,1,1", "0,-91,1,0", "-181,0,0,1"])
def test_parse_bbox_rejects_malformed_boxes(text):
    with pytest.raises(ApiError) as caught:
        parse_bbox(text)
    assert caught.value.status == 422


@pytest.mark.parametrize(("value", "cleaned"), [("  Wagner ", "Wagner"), ("   ", None), (None, None), ("Forces armées", "Forces armées")])
def test_clean_text_strips_blanks(value, cleaned):
    assert clean_text("actor", value) == cleaned


@pytest.mark.parametrize("value", ["a\x00b", "tab\there", "\ud800"])
def test_clean_text_rejects_control_characters(value):
    with pytest.raises(ApiError):
        clean_text("q", value)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self._in_script_without_src = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        self.handlers += [name for name in names if name.startswith("on")]
        self._in_script_without_src = tag == "script" and "src" not in names

    def handle_data(self, data):
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        self._in_script_without_src = False


@pytest.mark.parametrize("page", ["index.html", "docs.html"])
def test_page_has_no_inline_script_nor_handlers(page):
    parser = _Scripts()
    parser.feed((STATIC_DIR / page).read_text(encoding="utf-8"))
    assert parser.inline_scripts == 0
    assert parser.handlers == []
    assert "http://" not in (STATIC_DIR / page).read_text() and "https://" not in (STATIC_DIR / page).read_text()


# Sinks that parse a string as HTML or code; the page builds every node with createElement and text nodes.
HTML_SINKS = re.compile(
    r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|bindPopup\(\s*[`'\"]|html:\s*[`'\"]"
)


@pytest.mark.parametrize("script", sorted(p.name for p in (STATIC_DIR / "js").glob("*.js")))
def test_page_scripts_never_parse_strings_as_html(script):
    source = (STATIC_DIR / "js" / script).read_text(encoding="utf-8")
    assert not HTML_SINKS.findall(source)


def test_page_csp_forbids_inline_script():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_page_served_with_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-frame-options"] == "DENY"
    assert '<div id="map"' in response.text


@pytest.mark.parametrize(
    "path",
    ["/vendor/leaflet/leaflet.js", "/vendor/leaflet/leaflet.css", "/vendor/markercluster/leaflet.markercluster.js", "/static/js/main.js"],
)
def test_page_assets_are_served_from_the_package(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(response.content) > 500


def test_basemap_covers_the_theatres(client):
    countries = client.get("/basemap/countries.geojson").json()
    names = {f["properties"]["name"] for f in countries["features"]}
    assert {"Syria", "Ukraine", "Mali", "Sudan", "Burkina Faso", "Niger"} <= names
    assert "Natural Earth" in countries["frontwatch_source"]
    admin1 = client.get("/basemap/admin1.geojson").json()
    provinces = {(f["properties"]["country"], f["properties"]["name"]) for f in admin1["features"]}
    assert ("Syria", "Aleppo") in provinces
    assert any(country == "Ukraine" and "Donetsk" in name for country, name in provinces)
    for feature in admin1["features"][:200]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            assert polygon[0][0] == polygon[0][-1]  # closed rings


def test_basemap_labels_name_provinces_and_towns_by_population(client):
    response = client.get("/basemap/labels.json", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-encoding"] == "gzip"
    labels = response.json()
    assert labels["admin1_zoom"] == 5 and "gazetteer" in labels["source"]
    provinces = {name: (lat, lon) for name, lat, lon in labels["provinces"]}
    lat, lon = provinces["Idlib"]
    assert 35.3 < lat < 36.3 and 36.1 < lon < 37.0  # inside the province, not somewhere in Syria
    towns = {name: zoom for name, _, _, zoom in labels["towns"]}
    assert towns["Aleppo"] == 4 and towns["Kharkiv"] == 4  # a million people: named from afar
    assert towns["Idlib"] <= 6 and towns["Bakhmut"] <= 7 and towns["Kidal"] <= 8
    zooms = [zoom for *_, zoom in labels["towns"]]
    assert zooms == sorted(zooms)  # most populous first, so the page keeps the largest where names collide
    assert set(zooms) <= set(range(4, 10))


def test_basemap_files_are_small_enough_to_ship():
    folder = Path(__file__).resolve().parents[2] / "frontwatch" / "data" / "basemap"
    sizes = {p.name: p.stat().st_size for p in folder.glob("*.*json")}
    assert set(sizes) == {"countries.geojson", "admin1.geojson", "labels.json"}
    assert sizes["labels.json"] < 1_500_000
    assert sum(sizes.values()) < 6_000_000


@pytest.mark.parametrize("index", range(7))
def test_encode_writes_events_as_event_record_does(index):
    import json

    from frontwatch.export import event_record
    from frontwatch.serve.encode import encode

    _, event = hand_built()[index]
    event = dataclasses.replace(event, extra={"fusion_score": 0.9})
    assert json.loads(encode({"items": [event]})) == {"items": [event_record(event)]}
