"""The measure against ACLED's coding: scoring on hand-built rows and events, reading the CSV, the CLI end to end.

Every row and text here is invented, except where a test reads the shared development file at test time
(ACLED's terms: the data is used to measure, never copied into the repository).
"""

from __future__ import annotations

import csv
import json
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.errors import DataFileError
from frontwatch.eval import acled
from frontwatch.eval.acled import (
    AcledDocument,
    AcledRow,
    acled_actor_key,
    acled_report_json,
    assign,
    format_acled_report,
    pair_score,
    read_acled,
    run_acled,
    score_acled,
    select,
)
from frontwatch.eval.gold import corpus_dir
from frontwatch.records import Document, Event, Evidence, Skipped, Source

runner = CliRunner()
ACLED_CSV = corpus_dir() / "en-acled-dev" / "acled_dev.csv"
needs_corpus = pytest.mark.skipif(not ACLED_CSV.is_file(), reason=f"ACLED development file not at {ACLED_CSV}")

SYR = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"
CIV = "Civilians (Syria)"
# An invented place and one about 15 km and one about 30 km east of it (at latitude 35, 0.1° of longitude
# is about 9.1 km).
LAT, LON = 35.0, 38.0
LON_15KM, LON_30KM = 38.165, 38.33


def row(event_id="SYR1", doc_id="acled-SYR1", **changes) -> AcledRow:
    base = AcledRow(
        event_id=event_id, doc_id=doc_id, event_date="2019-05-01", event_type="Battles",
        sub_event_type="Armed clash", actor1=SYR, actor2=IS, country="Syria",
        latitude=LAT, longitude=LON, fatalities=4,
    )
    return replace(base, **changes)


def event(event_id="ev1", docs=("acled-SYR1",), **changes) -> Event:
    """A prediction agreeing with ``row()`` in every field, citing ``docs`` in its evidence."""
    base = Event(
        event_id=event_id, event_type="Battles", sub_event_type="Armed clash", event_date="2019-05-01",
        time_precision=1, actor1=SYR, actor2=IS, latitude=LAT, longitude=LON, geo_precision=1, fatalities=4,
        evidence=tuple(Evidence(d, 0, 5, "clash") for d in docs),
    )
    return replace(base, **changes)


def doc(*rows: AcledRow, doc_id: str | None = None) -> AcledDocument:
    doc_id = doc_id or rows[0].doc_id
    rows = tuple(replace(r, doc_id=doc_id) for r in rows)
    return AcledDocument(doc_id, f"invented text of {doc_id}", "2019-05-02", rows)


def values(scores) -> dict[str, float | None]:
    return {key: getattr(scores, key).value for key, _ in acled.MEASURES}


# ---------------------------------------------------------------- scoring


def test_score_perfect_prediction_scores_one_everywhere():
    docs = [doc(row()), doc(row("SYR2", "acled-SYR2", event_type="Protests", sub_event_type="Peaceful protest",
                                actor1="Protesters (Syria)", actor2=None, fatalities=0))]
    events = [event(), event("ev2", docs=("acled-SYR2",), event_type="Protests", sub_event_type="Peaceful protest",
                             actor1="Protesters (Syria)", actor2=None, fatalities=0)]
    report = score_acled(docs, events)
    assert report.overall.rows == 2 and report.documents == 2 and report.predicted == 2
    assert set(values(report.overall).values()) == {1.0}
    assert (report.overall.actor_any_role.num, report.overall.actor_any_role.den) == (3, 3)
    assert report.overall.extra_per_row == 0.0
    assert [r.predicted_event for r in report.rows] == ["ev1", "ev2"]


@pytest.mark.parametrize(
    "changes, wrong",
    [
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
         {"event_type", "sub_event_type"}),
        ({"sub_event_type": "Government regains territory"}, {"sub_event_type"}),
        ({"actor1": "Military Forces of Russia (2000-)"}, {"actor1", "actor_any_role"}),
        ({"actor2": None}, {"actor2", "actor_any_role"}),
        ({"event_date": "2019-05-02"}, {"date_exact"}),
        ({"event_date": None}, {"date_exact"}),
        ({"longitude": LON_15KM}, {"location_10km"}),
        ({"longitude": LON_30KM}, {"location_10km", "location_25km"}),
        ({"latitude": None, "longitude": None}, {"location_10km", "location_25km"}),
        ({"fatalities": 5}, {"fatalities"}),
    ],
    ids=["type", "sub-type", "actor1", "actor2", "date", "no-date", "15km", "30km", "no-place", "fatalities"],
)
def test_score_each_measure_falls_alone(changes, wrong):
    report = score_acled([doc(row())], [event(**changes)])
    got = values(report.overall)
    assert got["found"] == 1.0
    assert {k for k, v in got.items() if v != 1.0} == wrong


def test_score_location_distances_are_haversine():
    report = score_acled([doc(row())], [event(longitude=LON_15KM)])
    assert 14.0 < report.rows[0].km < 16.0


def test_score_actor_names_ignore_periods_and_case_wherever_they_stand():
    assert acled_actor_key(SYR) == acled_actor_key("military forces of syria (2000-2024)")
    assert acled_actor_key("Military Forces of Libya (2014-) Haftar Faction") == acled_actor_key(
        "Military Forces of Libya Haftar Faction")
    # a sub-unit is another actor than its parent
    assert acled_actor_key("Police Forces of Burkina Faso (2015-) Gendarmerie") != acled_actor_key(
        "Police Forces of Burkina Faso (2015-)")
    report = score_acled(
        [doc(row(actor1="Military Forces of Libya (2016-) Government of National Accord"))],
        [event(actor1="MILITARY FORCES OF LIBYA (2020-) GOVERNMENT OF NATIONAL ACCORD",
               actor2="islamic state (syria)")],
    )
    assert report.overall.actor1.value == 1.0 and report.overall.actor2.value == 1.0


def test_score_actors_in_swapped_roles_count_in_any_role_only():
    report = score_acled([doc(row())], [event(actor1=IS, actor2=SYR)])
    o = report.overall
    assert o.actor1.value == 0.0 and o.actor2.value == 0.0
    assert (o.actor_any_role.num, o.actor_any_role.den) == (2, 2)


def test_score_row_without_actor2_wants_none_and_counts_one_actor():
    r = row(actor2=None)
    good = score_acled([doc(r)], [event(actor2=None)]).overall
    assert good.actor2.value == 1.0 and (good.actor_any_role.num, good.actor_any_role.den) == (1, 1)
    bad = score_acled([doc(r)], [event(actor2=CIV)]).overall
    assert bad.actor2.value == 0.0 and (bad.actor_any_role.num, bad.actor_any_role.den) == (1, 1)


def test_score_split_rows_each_take_their_own_event_one_to_one():
    # ACLED split one text into two rows differing in place and toll; the events come in the other order.
    north = row("SYR1", latitude=LAT, longitude=LON, fatalities=4)
    east = row("SYR2", latitude=LAT, longitude=LON_30KM, fatalities=2)
    d = doc(north, east, doc_id="acled-SYR1")
    events = [event("a", longitude=LON_30KM, fatalities=2), event("b")]
    report = score_acled([d], events)
    assert {r.event_id: r.predicted_event for r in report.rows} == {"SYR1": "b", "SYR2": "a"}
    assert report.overall.rows == 2 and report.overall.found.value == 1.0
    assert report.overall.location_10km.value == 1.0 and report.overall.fatalities.value == 1.0


def test_score_split_rows_with_one_event_find_one_row_and_count_both():
    d = doc(row("SYR1"), row("SYR2", longitude=LON_30KM, fatalities=2), doc_id="acled-SYR1")
    report = score_acled([d], [event("only", longitude=LON_30KM, fatalities=2)])
    assert (report.overall.found.num, report.overall.found.den) == (1, 2)
    assert {r.event_id: r.predicted_event for r in report.rows} == {"SYR1": None, "SYR2": "only"}
    assert report.overall.fatalities.den == 1  # attributes count over found rows only


def test_score_one_event_is_never_given_to_two_rows():
    d = doc(row("SYR1"), row("SYR2"), row("SYR3"), doc_id="acled-SYR1")
    report = score_acled([d], [event("x"), event("y")])
    taken = [r.predicted_event for r in report.rows if r.predicted_event]
    assert sorted(taken) == ["x", "y"]
    assert report.overall.found.num == 2 and report.overall.extra_events == 0


def test_pair_score_prefers_agreement_field_by_field():
    r = row()
    assert pair_score(r, event()) > pair_score(r, event(fatalities=5)) > pair_score(r, event(fatalities=5, actor1=None))
    assert pair_score(r, event(actor1=IS, actor2=SYR)) > pair_score(r, event(actor1=None, actor2=None))
    assert pair_score(r, event(longitude=LON_15KM)) > pair_score(r, event(longitude=LON_30KM)) > pair_score(
        r, event(longitude=LON + 3))
    assert pair_score(r, event(event_date="2019-05-02")) > pair_score(r, event(event_date="2019-05-05"))
    # the type outweighs everything else together
    assert pair_score(r, event(sub_event_type="Government regains territory", event_date=None, actor1=None,
                               actor2=None, latitude=None, longitude=None, fatalities=0)) > pair_score(
        r, event(event_type="Explosions/Remote violence"))


def test_assign_maximises_the_total_not_the_first_pick(monkeypatch):
    # Greedy would give A its best event (e1, 10) and leave B with 1; the best total pairs A-e2 and B-e1.
    table = {("A", "e1"): 10, ("A", "e2"): 9, ("B", "e1"): 9, ("B", "e2"): 1}
    monkeypatch.setattr(acled, "pair_score", lambda r, e: table[(r.event_id, e.event_id)])
    rows = [row("A"), row("B")]
    assert assign(rows, [event("e1"), event("e2")]) == {0: 1, 1: 0}


def test_assign_beyond_the_exact_size_stays_one_to_one():
    rows = [row(f"R{i}", fatalities=i) for i in range(5)]
    events = [event(f"e{j:02d}", fatalities=j) for j in range(acled.EXACT_MAX_EVENTS + 3)]
    pairs = assign(rows, events)
    assert len(pairs) == 5 and len(set(pairs.values())) == 5
    assert all(events[j].fatalities == rows[i].fatalities for i, j in pairs.items())


def test_score_extra_events_are_the_unassigned_events_of_each_document():
    d1 = doc(row("SYR1"))
    d2 = doc(row("SYR2"), row("SYR3"), doc_id="acled-SYR2")
    events = [
        event("a"), event("a2", event_type="Riots"), event("a3", event_type="Protests"),  # d1: 1 row, 3 events
        event("b", docs=("acled-SYR2",)), event("b2", docs=("acled-SYR2",)), event("b3", docs=("acled-SYR2",)),
        event("elsewhere", docs=("another-document",)),
    ]
    report = score_acled([d1, d2], events)
    assert report.ignored == 1 and report.predicted == 6
    assert report.overall.extra_events == pytest.approx(3.0)
    assert report.overall.extra_per_row == pytest.approx(1.0)
    extra = {r.event_id: r.extra for r in report.rows}
    assert extra == pytest.approx({"SYR1": 2.0, "SYR2": 0.5, "SYR3": 0.5})


def test_score_events_are_candidates_only_in_the_documents_they_cite():
    d1, d2 = doc(row("SYR1")), doc(row("SYR2", doc_id="acled-SYR2"))
    cited_by_source = event("s", docs=(), sources=(Source("acled-SYR2"),))
    report = score_acled([d1, d2], [cited_by_source])
    assert {r.event_id: r.predicted_event for r in report.rows} == {"SYR1": None, "SYR2": "s"}


def test_score_event_fused_across_two_documents_serves_both():
    d1, d2 = doc(row("SYR1")), doc(row("SYR2", doc_id="acled-SYR2"))
    report = score_acled([d1, d2], [event("fused", docs=("acled-SYR1", "acled-SYR2"))])
    assert report.multi_document_events == 1
    assert report.overall.found.value == 1.0


def test_score_rows_of_unprocessed_documents_are_not_found():
    d1, d2 = doc(row("SYR1")), doc(row("SYR2", doc_id="acled-SYR2"))
    report = score_acled([d1, d2], [event()], processed={"acled-SYR1"})
    assert report.not_processed == 1
    assert (report.overall.found.num, report.overall.found.den) == (1, 2)
    assert [r.document_processed for r in report.rows] == [True, False]


def test_score_tables_per_event_type_and_country_pool_small_countries():
    docs = [doc(row(f"SYR{i}", doc_id=f"acled-SYR{i}")) for i in range(3)]
    docs.append(doc(row("IRQ1", doc_id="acled-IRQ1", country="Iraq", event_type="Riots",
                        sub_event_type="Mob violence")))
    docs.append(doc(row("YEM1", doc_id="acled-YEM1", country="Yemen")))
    events = [event(f"e{i}", docs=(f"acled-SYR{i}",)) for i in range(3)]
    report = score_acled(docs, events, min_country_rows=2)
    by_country = dict(report.by_country)
    assert list(by_country) == ["Syria", acled.OTHER_COUNTRIES]
    assert by_country["Syria"].rows == 3 and by_country["Syria"].found.value == 1.0
    assert by_country[acled.OTHER_COUNTRIES].rows == 2 and by_country[acled.OTHER_COUNTRIES].found.value == 0.0
    assert report.pooled_countries == ("Iraq", "Yemen")
    by_type = dict(report.by_event_type)
    assert by_type["Battles"].rows == 4 and by_type["Riots"].rows == 1
    assert by_type["Battles"].found.num == 3


def test_score_table_by_gazetteer_depth_sets_apart_countries_known_to_villages():
    docs = [doc(row("SYR1", doc_id="acled-SYR1")), doc(row("BRA1", doc_id="acled-BRA1", country="Brazil")),
            doc(row("COD1", doc_id="acled-COD1", country="Democratic Republic of Congo"))]
    depth = dict(score_acled(docs, []).by_gazetteer)
    assert depth[acled.VILLAGES].rows == 2 and depth[acled.TOWNS].rows == 1


def test_format_and_json_show_every_measure_and_no_text():
    d = doc(row())
    report = score_acled([d], [event(), event("extra", event_type="Riots")], min_country_rows=1)
    table = format_acled_report(report)
    for _, label in acled.MEASURES:
        assert label in table
    assert "extra events per row" in table and "Battles" in table and "Syria" in table
    data = json.loads(acled_report_json(report))
    assert data["overall"]["found"] == {"value": 1.0, "num": 1, "den": 1}
    assert data["overall"]["extra_per_row"] == 1.0
    assert data["per_row"][0]["event_id_cnty"] == "SYR1"
    assert d.text not in acled_report_json(report)


# ---------------------------------------------------------------- reading and selecting

COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
           "admin1", "location", "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "notes"]


def write_csv(path: Path, rows: list[dict], columns=COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow(r)
    return path


def csv_row(event_id: str, notes: str, **changes) -> dict:
    base = {"event_id_cnty": event_id, "event_date": "2020-01-10", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": SYR, "actor2": "", "country": "Syria", "admin1": "Idlib",
            "location": "Somewhere", "latitude": "35.5", "longitude": "36.6", "geo_precision": "1",
            "time_precision": "1", "fatalities": "3", "notes": notes}
    return {**base, **changes}


def test_read_acled_makes_one_document_per_text_with_its_split_rows(tmp_path):
    path = write_csv(tmp_path / "a.csv", [
        csv_row("X1", "Invented note one."),
        csv_row("X2", "Invented note two, split.", event_date="2020-01-11", fatalities="2"),
        csv_row("X3", "Invented note two, split.", event_date="2020-01-12", latitude="35.9", fatalities="1"),
        csv_row("X4", "Invented note one, again.", actor2=CIV),
    ])
    docs = read_acled(path)
    assert [d.doc_id for d in docs] == ["acled-X1", "acled-X2", "acled-X4"]
    split = docs[1]
    assert [r.event_id for r in split.rows] == ["X2", "X3"] and {r.doc_id for r in split.rows} == {"acled-X2"}
    assert split.published == "2020-01-13"  # the day after the latest event date of its rows
    assert docs[0].published == "2020-01-11"
    line = split.input_line()
    assert line == {"id": "acled-X2", "text": "Invented note two, split.", "published": "2020-01-13", "language": "en"}
    first = docs[0].rows[0]
    assert first.actor2 is None and docs[2].rows[0].actor2 == CIV
    assert (first.latitude, first.fatalities, first.geo_precision) == (35.5, 3, 1)


@pytest.mark.parametrize(
    "rows, columns, message",
    [
        ([csv_row("X1", "note")], [c for c in COLUMNS if c != "notes"], "notes"),
        ([csv_row("X1", "note", event_date="10/01/2020")], COLUMNS, "event_date"),
        ([csv_row("X1", "note", latitude="north")], COLUMNS, "latitude"),
        ([csv_row("X1", "note"), csv_row("X1", "other note")], COLUMNS, "repeated"),
        ([csv_row("X1", "note", actor1="")], COLUMNS, "actor1"),
        ([csv_row("X1", "")], COLUMNS, "no ACLED row"),
    ],
    ids=["no-notes-column", "bad-date", "bad-latitude", "repeated-id", "no-actor1", "no-notes"],
)
def test_read_acled_refuses_a_malformed_file(tmp_path, rows, columns, message):
    path = write_csv(tmp_path / "bad.csv", rows, columns)
    with pytest.raises(DataFileError, match=message):
        read_acled(path)


def _documents(n: int) -> list[AcledDocument]:
    out = []
    for i in range(n):
        country = "Iraq" if i % 3 == 0 else "Syria"
        kind = "Protests" if i % 2 else "Battles"
        size = 2 if i % 4 == 0 else 1
        rows = [row(f"R{i}-{k}", doc_id=f"acled-R{i}", country=country, event_type=kind) for k in range(size)]
        out.append(doc(*rows))
    return out


def test_select_limit_takes_whole_documents_up_to_the_row_limit():
    docs = _documents(30)  # rows per document: 2, 1, 1, 1, 2, 1, ...
    chosen = select(docs, limit=6)
    assert [d.doc_id for d in chosen] == ["acled-R0", "acled-R1", "acled-R2", "acled-R3", "acled-R5"]
    assert sum(len(d.rows) for d in chosen) == 6
    assert chosen == [d for d in docs if d in chosen]  # file order kept
    assert all(len(d.rows) == len(next(x for x in docs if x.doc_id == d.doc_id).rows) for d in chosen)


def test_select_seed_is_deterministic_and_draws_other_documents():
    docs = _documents(30)
    a, b, c = select(docs, limit=8, seed=1), select(docs, limit=8, seed=1), select(docs, limit=8, seed=2)
    assert [d.doc_id for d in a] == [d.doc_id for d in b]
    assert [d.doc_id for d in a] != [d.doc_id for d in c]
    assert [d.doc_id for d in a] != [d.doc_id for d in select(docs, limit=8)]
    assert sum(len(d.rows) for d in a) == 8
    assert a == [d for d in docs if d in a]  # drawn at random, processed in file order


def test_select_filters_by_country_and_event_type_case_insensitively():
    docs = _documents(30)
    iraq = select(docs, countries=["iraq"])
    assert iraq and all(r.country == "Iraq" for d in iraq for r in d.rows)
    protests = select(docs, event_types=["PROTESTS"], countries=["Syria", "Iraq"])
    assert protests and all(r.event_type == "Protests" for d in protests for r in d.rows)
    assert select(docs, countries=["Mali"]) == []


def test_run_acled_processes_the_notes_as_the_gold_harness_does(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "a.csv", [
        csv_row("X1", "Invented note one.", event_date="2019-05-01", latitude=str(LAT), longitude=str(LON),
                actor2=IS, fatalities="4"),
        csv_row("X2", "Invented note two.", country="Iraq"),
    ])
    seen = {}

    class FakeStore:
        def __init__(self, url):
            self.url, self.closed = url, False

        def iter_events(self, query=None):
            return iter([event("p1", docs=("acled-X1",))])

        def get_document(self, doc_id):
            if doc_id != "acled-X1":
                return None
            return Document(doc_id=doc_id, text="Invented note one.", original="", content_hash="x")

        def close(self):
            self.closed = True

    def fake_process(inputs, store, **kwargs):
        seen["lines"] = [json.loads(x) for x in Path(inputs[0]).read_text(encoding="utf-8").splitlines()]
        seen["store"], seen["kwargs"] = store, kwargs
        return types.SimpleNamespace(skipped=[Skipped("acled.jsonl:2", "Document acled-X2 could not be processed")])

    monkeypatch.setitem(sys.modules, "frontwatch.pipeline", types.SimpleNamespace(process=fake_process))
    monkeypatch.setitem(sys.modules, "frontwatch.store", types.SimpleNamespace(open_store=FakeStore))
    report = run_acled(path, workers=2, min_country_rows=1)
    assert [(x["id"], x["published"], x["language"]) for x in seen["lines"]] == [
        ("acled-X1", "2019-05-02", "en"), ("acled-X2", "2020-01-11", "en")]
    assert seen["kwargs"] == {"workers": 2}
    assert seen["store"].closed and seen["store"].url.endswith("eval.db")
    assert report.not_processed == 1 and report.skipped == ("acled.jsonl:2: Document acled-X2 could not be processed",)
    assert json.loads(acled_report_json(report))["skipped_reasons"] == {"Document <document> could not be processed": 1}
    assert "1 x Document <document> could not be processed" in format_acled_report(report)
    by_country = dict(report.by_country)
    assert set(values(by_country["Syria"]).values()) == {1.0}
    assert by_country["Iraq"].found.value == 0.0 and report.overall.found.value == 0.5


# ---------------------------------------------------------------- the shared development file


@needs_corpus
def test_read_acled_reads_the_development_file():
    docs = read_acled(ACLED_CSV)
    rows = [r for d in docs for r in d.rows]
    with ACLED_CSV.open(encoding="utf-8", newline="") as f:
        raw = list(csv.DictReader(f))
    assert len(rows) == len(raw) == 6000
    assert len(docs) == len({r["notes"].strip() for r in raw})
    assert len({r.event_id for r in rows}) == len(rows)
    assert any(len(d.rows) > 1 for d in docs)  # ACLED split some texts
    by_id = {r["event_id_cnty"]: r for r in raw}
    from datetime import date, timedelta

    for d in docs[:200]:
        assert d.doc_id == acled.DOC_PREFIX + d.rows[0].event_id
        assert d.text == by_id[d.rows[0].event_id]["notes"].strip()
        latest = max(date.fromisoformat(r.event_date) for r in d.rows)
        assert d.published == (latest + timedelta(days=1)).isoformat()
        for r in d.rows:
            assert r.fatalities == int(by_id[r.event_id]["fatalities"])
            assert r.latitude == float(by_id[r.event_id]["latitude"])


@needs_corpus
def test_cli_eval_acled_on_a_20_row_sample(tmp_path):
    out = tmp_path / "acled.json"
    result = runner.invoke(app, ["eval", "--acled", str(ACLED_CSV), "--limit", "20", "--seed", "7",
                                 "--json-out", str(out)])
    assert result.exit_code == 0, result.output
    for label in ("event found", "event_type", "location within 25 km", "extra events per row", "event type",
                  "country (>= 20 rows)"):
        assert label in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    expected = [r.event_id for d in select(read_acled(ACLED_CSV), limit=20, seed=7) for r in d.rows]
    assert data["rows"] == 20 and [r["event_id_cnty"] for r in data["per_row"]] == expected
    assert sum(s["rows"] for s in data["by_event_type"].values()) == 20
    assert sum(s["rows"] for s in data["by_country"].values()) == 20
    found = [r for r in data["per_row"] if r["predicted_event"]]
    assert data["overall"]["found"]["num"] == len(found)
    assert data["overall"]["event_type"]["num"] == sum(1 for r in found if r["event_type"])
    assert len({r["predicted_event"] for r in found}) == len(found) or data["multi_document_events"]
    assert data["selection"] == {"limit": 20, "seed": 7, "countries": [], "event_types": [], "workers": 1}


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "gold.json", "--acled", "x.csv"], "not both"),
        (["eval"], "--acled"),
        (["eval", "gold.json", "--limit", "5"], "--limit"),
        (["eval", "--acled", "absent.csv"], "absent.csv"),
    ],
    ids=["both", "neither", "acled-option-on-gold", "missing-file"],
)
def test_cli_eval_acled_usage_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_cli_eval_acled_malformed_file_is_a_usage_error(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [csv_row("X1", "note")], [c for c in COLUMNS if c != "notes"])
    result = runner.invoke(app, ["eval", "--acled", str(path)])
    assert result.exit_code == 2 and "notes" in result.output
