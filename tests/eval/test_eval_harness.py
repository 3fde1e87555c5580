"""The harness's numbers on hand-built predictions: perfect, missing, extra, duplicate, over-merged, off by a little."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest
from eval_factories import (
    RSF,
    SAF,
    evidence_for,
    load_mini,
    perfect,
    predicted,
    write_mini_gold,
)

from frontwatch.eval import format_report, load_gold, report_json, run, score
from frontwatch.eval.harness import find_quote, write_inputs
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.records import Document, Event, Skipped

REPO = Path(__file__).resolve().parents[2]
GOLD_FILES = sorted((REPO / "eval" / "gold").glob("*.json"))


@pytest.fixture()
def mini(tmp_path):
    """The two-document Sudan gold and its texts."""
    return load_mini(tmp_path)


def test_score_perfect_predictions_are_perfect(mini):
    gold, texts = mini
    report = score(gold, perfect(gold, texts), texts)
    assert (report.recall.num, report.recall.den) == (2, 2)
    assert (report.precision.num, report.precision.den) == (2, 2)
    assert report.duplicates == report.over_merges == report.must_not_violations == 0
    assert report.location_10km.value == report.date_exact.value == 1.0
    assert (report.claim_recall.num, report.claim_recall.den) == (3, 3)
    assert report.claimant.value == 1.0


def test_score_missing_event_lowers_recall_only(mini):
    gold, texts = mini
    events = [e for e in perfect(gold, texts) if e.event_id != "pred-a-e3"]
    report = score(gold, events, texts)
    assert (report.recall.num, report.recall.den) == (1, 2)
    assert report.precision.value == 1.0
    assert report.missed == ("a-e3",)
    assert (report.claim_recall.num, report.claim_recall.den) == (2, 3)


def test_score_extra_event_lowers_precision_only(mini):
    gold, texts = mini
    extra = predicted(gold, "a-e3", texts, event_id="extra", event_type="Battles", sub_event_type="Armed clash")
    report = score(gold, perfect(gold, texts) + [extra], texts)
    assert report.recall.value == 1.0
    assert (report.precision.num, report.precision.den) == (2, 3)
    assert report.false_positives[0].startswith("extra:")


def test_score_unfused_reports_count_as_duplicate(mini):
    gold, texts = mini
    from_a = predicted(gold, "fasher-0609", texts, event_id="from-a", docs=("doc-a",))
    from_b = predicted(gold, "fasher-0609", texts, event_id="from-b", docs=("doc-b",))
    report = score(gold, [from_a, from_b, predicted(gold, "a-e3", texts)], texts)
    assert report.recall.value == 1.0
    assert (report.duplicates, report.duplicate_events) == (1, 1)
    assert (report.precision.num, report.precision.den) == (2, 3)


def test_score_fused_event_with_two_sources_is_one_match(mini):
    gold, texts = mini
    fused = predicted(gold, "fasher-0609", texts)
    assert {e.doc_id for e in fused.evidence} == {"doc-a", "doc-b"}
    report = score(gold, [fused], texts)
    assert report.duplicates == 0 and report.over_merges == 0
    # Both documents' claims are found on the one fused event.
    assert (report.claim_recall.num, report.claim_recall.den) == (2, 3)


def test_score_two_towns_merged_is_an_over_merge(mini):
    gold, texts = mini
    fasher = predicted(gold, "fasher-0609", texts)
    mellit = predicted(gold, "a-e3", texts)
    merged = replace(fasher, event_id="merged", evidence=fasher.evidence + mellit.evidence)
    report = score(gold, [merged], texts)
    assert report.over_merges == 1 and report.over_merge_ids == ("merged",)
    assert (report.recall.num, report.recall.den) == (1, 2)


def test_score_optional_part_of_merge_is_not_an_over_merge(mini):
    gold, texts = mini
    fasher = predicted(gold, "fasher-0609", texts)
    camp = evidence_for(texts["doc-a"], "doc-a", "Des tirs d'artillerie ont également visé le camp d'Abou Chouk")
    events = [replace(fasher, evidence=fasher.evidence + (camp,)), predicted(gold, "a-e3", texts)]
    assert score(gold, events, texts).over_merges == 0


def test_score_optional_event_costs_no_precision(mini):
    gold, texts = mini
    camp = predicted(gold, "a-e2", texts, event_id="camp")
    report = score(gold, perfect(gold, texts) + [camp], texts)
    assert report.precision.value == 1.0 and report.recall.value == 1.0
    assert (report.gold_required, report.gold_optional) == (2, 1)


def test_score_event_on_background_is_a_violation(mini):
    gold, texts = mini
    war = evidence_for(texts["doc-a"], "doc-a", "La guerre, qui a éclaté en avril 2023")
    background = Event(event_id="bg", event_type="Battles", sub_event_type="Armed clash", event_date="2023-04-15",
                       time_precision=3, actor1=SAF, actor2=RSF, evidence=(war,))
    report = score(gold, perfect(gold, texts) + [background], texts)
    assert report.must_not_violations == 1 and report.violation_ids == ("bg",)
    assert (report.precision.num, report.precision.den) == (2, 3)


def test_score_event_about_another_document_is_ignored(mini):
    gold, texts = mini
    foreign = replace(predicted(gold, "a-e3", texts), event_id="foreign", claims=(),
                      evidence=(evidence_for("Kharkiv, 14 mai.", "elsewhere", "Kharkiv"),))
    report = score(gold, perfect(gold, texts) + [foreign], texts)
    assert report.ignored == 1 and report.precision.value == 1.0


@pytest.mark.parametrize(
    ("changes", "matches"),
    [
        ({"event_date": "2024-06-10"}, True),  # one day off at day precision
        ({"event_date": "2024-06-11"}, False),  # two days off
        ({"event_date": "2024-06-14", "time_precision": 2}, True),  # a week-precision prediction
        ({"event_date": None}, True),  # undated: the date does not block the match
        ({"latitude": 13.80, "longitude": 25.35}, True),  # 19 km away
        ({"latitude": 13.95, "longitude": 25.35}, False),  # 36 km away
        ({"latitude": 14.5, "longitude": 24.9, "geo_precision": 3, "admin1": "North Darfur"}, True),  # same province
        ({"latitude": 14.5, "longitude": 24.9, "geo_precision": 3, "admin1": "North Darfur State"}, True),
        ({"latitude": 14.5, "longitude": 24.9, "geo_precision": 3, "admin1": "South Darfur"}, False),
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, False),
        ({"actor1": "Military Forces of Chad (2021-)", "actor2": None}, False),  # no actor in common
        ({"actor1": SAF, "actor2": RSF}, True),  # roles confused, actors shared
        ({"actor1": "rapid support forces", "actor2": None}, True),  # case-insensitive
    ],
)
def test_score_matching_criteria(mini, changes, matches):
    gold, texts = mini
    event = predicted(gold, "fasher-0609", texts, docs=("doc-b",), **changes)
    report = score(gold, [event], texts)
    assert (report.recall.num == 1) is matches


def test_score_match_needs_a_shared_document(mini):
    gold, texts = mini
    # The Mellit strike told by doc-b's evidence only: doc-b does not report it.
    event = predicted(gold, "a-e3", texts)
    moved = replace(event, evidence=(evidence_for(texts["doc-b"], "doc-b", "Les paramilitaires ont pilonné"),),
                    claims=())
    assert score(gold, [moved], texts).recall.num == 0


def test_score_location_accuracy_within_10_and_25_km(mini):
    gold, texts = mini
    near = predicted(gold, "fasher-0609", texts, latitude=13.72, longitude=25.35)  # ~10.2 km north
    report = score(gold, [near, predicted(gold, "a-e3", texts)], texts)
    assert haversine_km(13.72, 25.35, 13.62793, 25.34936) > 10
    assert (report.location_10km.num, report.location_10km.den) == (1, 2)
    assert (report.location_25km.num, report.location_25km.den) == (2, 2)


def test_score_date_accuracy_counts_exact_days(mini):
    gold, texts = mini
    late = predicted(gold, "a-e3", texts, event_date="2024-06-10")
    report = score(gold, [predicted(gold, "fasher-0609", texts), late], texts)
    assert report.recall.value == 1.0
    assert (report.date_exact.num, report.date_exact.den) == (1, 2)


def _with_claim(gold, texts, **claim_changes) -> list[Event]:
    events = perfect(gold, texts)
    mellit = next(e for e in events if e.event_id == "pred-a-e3")
    claim = replace(mellit.claims[0], **claim_changes)
    return [e if e is not mellit else replace(e, claims=(claim,)) for e in events]


@pytest.mark.parametrize(
    ("changes", "found", "claimant_ok"),
    [
        ({}, True, True),
        ({"claimant": None}, True, False),  # found, but credited to the outlet
        ({"claimant": "rapid support forces"}, True, True),
        ({"value": 12}, False, False),
        ({"kind": "wounded"}, False, False),
        ({"qualifier": "about"}, False, False),
        ({"doc_id": "doc-b"}, False, False),
    ],
)
def test_score_claim_recall_and_claimant(mini, changes, found, claimant_ok):
    gold, texts = mini
    report = score(gold, _with_claim(gold, texts, **changes), texts)
    assert report.claim_recall.num == 2 + found
    assert report.claimant.num == 2 + claimant_ok


@pytest.mark.parametrize(("gold_qualifier", "predicted_qualifier", "ok"), [
    ("at_least", "more_than", True),
    ("at_least", "at_least", True),
    ("at_least", "exact", False),
    ("about", "about", True),
    ("up_to", "at_least", False),
])
def test_score_claim_qualifier_classes(tmp_path, gold_qualifier, predicted_qualifier, ok):
    from eval_factories import mini_gold_dict

    raw = mini_gold_dict()
    raw["documents"][0]["events"][0]["claims"][0]["qualifier"] = gold_qualifier
    gold = load_gold(write_mini_gold(tmp_path, raw))
    texts = gold.texts()
    events = perfect(gold, texts)
    fasher = events[0]
    claims = tuple(replace(c, qualifier=predicted_qualifier) if c.value == 15 else c for c in fasher.claims)
    report = score(gold, [replace(fasher, claims=claims)] + events[1:], texts)
    assert (report.claim_recall.num == 3) is ok


def test_score_optional_part_of_lends_its_claims(mini):
    gold, texts = mini
    events = perfect(gold, texts)
    fasher = events[0]
    claim_15 = next(c for c in fasher.claims if c.value == 15)
    camp = predicted(gold, "a-e2", texts, event_id="camp", claims=(claim_15,))
    stripped = replace(fasher, claims=tuple(c for c in fasher.claims if c.value != 15))
    report = score(gold, [stripped, camp, events[1]], texts)
    assert (report.claim_recall.num, report.claim_recall.den) == (3, 3)


@pytest.mark.parametrize(
    ("quote", "text", "expected"),
    [
        ("l'aéroport d'Alep", "Selon l’OSDH, l’aéroport d’Alep est tombé.", "l’aéroport d’Alep"),
        ("des centaines d'obus", "tiré « des centaines\nd’obus » sur", "des centaines\nd’obus"),
        ("« jusqu'à 15 militaires »", "et tué «\u00a0jusqu’à 15 militaires\u00a0» lors", "«\u00a0jusqu’à 15 militaires\u00a0»"),
    ],
)
def test_find_quote_tolerates_typography(quote, text, expected):
    found = find_quote(text, quote)
    assert len(found) == 1
    start, end = found[0]
    assert text[start:end] == expected


def test_find_quote_finds_every_occurrence():
    text = "Titre : HTS avance.\nTitre : HTS avance.\nCorps."
    assert find_quote(text, "HTS avance") == [(8, 18), (28, 38)]


def test_format_report_lists_every_measure_and_the_misses(mini):
    gold, texts = mini
    report = score(gold, perfect(gold, texts)[:1], texts)
    table = format_report(report)
    for label in ("events: recall", "events: precision", "location within 10 km", "location within 25 km",
                  "date exact", "claims: recall", "claims: claimant", "duplicates", "over-merges",
                  "must-not violations", "missed happenings:", "a-e3"):
        assert label in table
    assert "0.50  1/2" in table


def test_report_json_round_trips(mini):
    gold, texts = mini
    data = json.loads(report_json(score(gold, perfect(gold, texts), texts)))
    assert data["recall"] == {"value": 1.0, "num": 2, "den": 2}
    assert data["f1"] == 1.0 and data["duplicates"] == 0
    assert data["matches"][0]["unit_id"] == "fasher-0609"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_score_repository_gold_scores_its_own_reading_perfectly(gold_path):
    gold = load_gold(gold_path)
    texts = gold.texts()
    report = score(gold, perfect(gold, texts), texts)
    assert report.recall.value == report.precision.value == 1.0
    assert report.claim_recall.value == report.claimant.value == 1.0
    assert report.location_10km.value == 1.0 and report.date_exact.value == 1.0
    assert report.duplicates == report.over_merges == report.must_not_violations == 0


def test_write_inputs_carries_ids_texts_and_publication_dates(mini, tmp_path):
    gold, texts = mini
    path = write_inputs(gold, tmp_path / "in.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["doc-a", "doc-b"]
    assert lines[0]["text"] == texts["doc-a"]
    assert {line["published"] for line in lines} == {"2024-06-10"}
    assert lines[1]["publisher"] == "Reuters"


def test_run_processes_gold_documents_into_a_store_and_scores_them(mini, monkeypatch, tmp_path):
    gold, texts = mini
    expected = perfect(gold, texts)
    seen = {}

    class FakeStore:
        def __init__(self, url):
            self.url, self.closed = url, False

        def iter_events(self, query=None):
            return iter(expected)

        def get_document(self, doc_id):
            text = texts[doc_id]
            return Document(doc_id=doc_id, text=text, original=text, content_hash="x")

        def close(self):
            self.closed = True

    def fake_process(inputs, store, published=None, publisher=None, lang=None):
        seen["lines"] = [json.loads(line) for line in Path(inputs[0]).read_text(encoding="utf-8").splitlines()]
        seen["store"] = store
        return types.SimpleNamespace(skipped=[Skipped("doc-c", "Empty document")])

    monkeypatch.setitem(sys.modules, "frontwatch.pipeline", types.SimpleNamespace(process=fake_process))
    monkeypatch.setitem(sys.modules, "frontwatch.store", types.SimpleNamespace(open_store=FakeStore))
    report = run(gold.path)
    assert report.recall.value == 1.0 and report.precision.value == 1.0
    assert [line["published"] for line in seen["lines"]] == ["2024-06-10", "2024-06-10"]
    assert seen["store"].closed and seen["store"].url.endswith("eval.db")
    assert report.skipped == ("doc-c: Empty document",)
    assert "1 documents skipped by the pipeline" in format_report(report)
