"""Listing events: every EventQuery filter, sorts, pages, counts, the timeline and streaming."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date

import pytest
from store_factories import make_document, make_event, mention_of

from frontwatch.errors import InputError
from frontwatch.store import EventQuery, open_store


def _ids(store, query):
    return [e.event_id for e in store.iter_events(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(), ["ev-djiguibombo", "ev-wad-madani", "ev-rafah", "ev-kharkiv"]),
        (EventQuery(date_from="2023-12-19"), ["ev-wad-madani", "ev-rafah", "ev-kharkiv"]),
        (EventQuery(date_to="2023-12-19"), ["ev-djiguibombo", "ev-wad-madani"]),
        (EventQuery(date_from="2024-01-01", date_to="2024-02-12"), ["ev-rafah"]),
        # A box around the Levant and the Nile valley: Rafah and Wad Madani, not Kharkiv or the Sahel.
        (EventQuery(bbox=(30.0, 10.0, 36.0, 33.0)), ["ev-wad-madani", "ev-rafah"]),
        (EventQuery(bbox=(-6.0, 10.0, 5.0, 20.0)), ["ev-djiguibombo"]),
        # min_lon > max_lon: a box across the antimeridian, here everything east of 30°E or west of 1°W.
        (EventQuery(bbox=(30.0, 10.0, -1.0, 33.0)), ["ev-djiguibombo", "ev-wad-madani", "ev-rafah"]),
        (EventQuery(event_type="Explosions/Remote violence"), ["ev-rafah", "ev-kharkiv"]),
        (EventQuery(actor="rapid support"), ["ev-wad-madani"]),
        (EventQuery(actor="MISSERIYA"), ["ev-wad-madani"]),  # an associated actor
        (EventQuery(actor="civilians (mali)"), ["ev-djiguibombo"]),
        (EventQuery(claimant="ministry of health"), ["ev-rafah"]),
        (EventQuery(claimant="Kharkiv Regional"), ["ev-kharkiv"]),
        (EventQuery(source="reuters"), ["ev-kharkiv"]),
        (EventQuery(source="afp-wad"), ["ev-wad-madani"]),
        (EventQuery(text="frappes israéliennes"), ["ev-rafah"]),  # evidence text, with accents
        (EventQuery(text="HEALTH MINISTRY"), ["ev-rafah"]),  # notes
        (EventQuery(actor="Military Forces", event_type="Battles"), ["ev-wad-madani"]),
        (EventQuery(actor="Wagner"), []),
    ],
)
def test_iter_events_filters_in_sql(saved, query, expected):
    assert _ids(saved, query) == expected
    assert saved.count_events(query) == len(expected)


@pytest.mark.parametrize(
    ("needle", "expected"),
    [("100%", ["ev-percent"]), ("_", ["ev-percent"]), ("FORCES ARMÉES", ["ev-percent"]), ("%", ["ev-percent"])],
)
def test_iter_events_text_filter_is_literal_and_unicode_case_insensitive(store, needle, expected):
    doc = make_document(
        "afp-niger", "Les Forces armées nigériennes affirment avoir repris 100% du secteur de Tillabéri_nord."
    )
    event = make_event(
        "ev-percent",
        doc,
        "Forces armées nigériennes",
        event_type="Battles",
        sub_event_type="Government regains territory",
        notes="Niger's armed forces (Forces armées nigériennes) say they retook 100% of the Tillabéri_nord sector.",
    )
    store.save(doc, [mention_of(event)], [event], {"ev-percent-m": "ev-percent"})
    other = make_document("afp-niamey", "Une manifestation s'est tenue à Niamey contre la présence étrangère.")
    protest = make_event(
        "ev-protest",
        other,
        "manifestation",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        notes="Protest in Niamey.",
    )
    store.save(other, [mention_of(protest)], [protest], {"ev-protest-m": "ev-protest"})
    assert _ids(store, EventQuery(text=needle)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("event_date", ["ev-djiguibombo", "ev-wad-madani", "ev-rafah", "ev-kharkiv", "ev-undated"]),
        ("-event_date", ["ev-kharkiv", "ev-rafah", "ev-wad-madani", "ev-djiguibombo", "ev-undated"]),
        ("fatalities", ["ev-undated", "ev-kharkiv", "ev-wad-madani", "ev-rafah", "ev-djiguibombo"]),
        ("-fatalities", ["ev-djiguibombo", "ev-rafah", "ev-wad-madani", "ev-kharkiv", "ev-undated"]),
    ],
)
def test_iter_events_sorts_with_undated_last(saved, sort, expected):
    doc = make_document("afp-undated", "Des combats ont éclaté près de Bakhmout, selon l'armée ukrainienne.")
    undated = make_event("ev-undated", doc, "près de Bakhmout", event_date=None, fatalities=0)
    saved.save(doc, [mention_of(undated)], [undated], {"ev-undated-m": "ev-undated"})
    assert _ids(saved, EventQuery(sort=sort)) == expected


def test_iter_events_rejects_unknown_sort(saved):
    with pytest.raises(InputError, match="Unknown sort"):
        saved.iter_events(EventQuery(sort="location"))


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A store with 5,000 small one-claim events over 50 days of a Sahel campaign (read-only: shared)."""
    store = open_store(str(tmp_path_factory.mktemp("many") / "many.db"))
    batch = []
    for i in range(5000):
        text = f"Des djihadistes ont attaqué le poste de Ménaka, tuant {i % 7} soldats maliens, selon l'armée ({i})."
        doc = make_document(f"afp-menaka-{i:05d}", text, published=date(2024, 1, 1))
        day = f"2024-01-{(i % 25) + 1:02d}" if i % 2 else f"2024-02-{(i % 25) + 1:02d}"
        event = make_event(
            f"ev-{i:05d}",
            doc,
            "poste de Ménaka",
            event_type="Battles",
            sub_event_type="Armed clash",
            event_date=day,
            actor1="JNIM",
            actor2="Military Forces of Mali (2021-)",
            location="Ménaka",
            country="Mali",
            lat=15.918 + (i % 10) / 100,
            lon=2.402,
            fatalities=i % 7,
            claims=(
                (
                    "killed",
                    i % 7,
                    "exact",
                    "Military Forces of Mali (2021-)",
                    "Military Forces of Mali (2021-)",
                    "soldats maliens",
                ),
            ),
        )
        mention = mention_of(event)
        batch.append((doc, [mention], [event], {mention.event_id: event.event_id}, ()))
    for start in range(0, len(batch), 1000):
        store.save_many(batch[start : start + 1000])
    yield store
    store.close()


@pytest.mark.parametrize(("limit", "offset"), [(10, 0), (10, 4990), (500, 1234), (7, 5000)])
def test_iter_events_pages_match_the_full_order(many, limit, offset):
    everything = [e.event_id for e in many.iter_events(EventQuery(sort="-fatalities"))]
    page = _ids(many, EventQuery(sort="-fatalities", limit=limit, offset=offset))
    assert len(everything) == 5000
    assert page == everything[offset : offset + limit]
    assert many.count_events(EventQuery(limit=limit, offset=offset)) == 5000


def test_iter_events_streams_lazily(many):
    stream = many.iter_events()
    assert inspect.isgenerator(stream)
    first = next(stream)
    assert first.event_date == "2024-01-01"
    stream.close()  # the connection is released without reading the other 4,999


def test_timeline_aggregates_per_day_and_type(many):
    timeline = many.timeline(EventQuery(date_from="2024-01-01", date_to="2024-01-03"))
    assert [(t["date"], t["event_type"]) for t in timeline] == [
        ("2024-01-01", "Battles"),
        ("2024-01-02", "Battles"),
        ("2024-01-03", "Battles"),
    ]
    day_one = [e for e in many.iter_events(EventQuery(date_from="2024-01-01", date_to="2024-01-01"))]
    assert timeline[0]["events"] == len(day_one) == 100
    assert timeline[0]["fatalities"] == sum(e.fatalities for e in day_one)


def test_timeline_splits_types_and_skips_undated(saved):
    doc = make_document("afp-undated", "Des combats ont éclaté près de Bakhmout, selon l'armée ukrainienne.")
    undated = make_event("ev-undated", doc, "près de Bakhmout", event_date=None)
    saved.save(doc, [mention_of(undated)], [undated], {"ev-undated-m": "ev-undated"})
    assert saved.timeline() == [
        {"date": "2022-07-02", "event_type": "Violence against civilians", "events": 1, "fatalities": 40},
        {"date": "2023-12-19", "event_type": "Battles", "events": 1, "fatalities": 25},
        {"date": "2024-02-12", "event_type": "Explosions/Remote violence", "events": 1, "fatalities": 31},
        {"date": "2024-03-14", "event_type": "Explosions/Remote violence", "events": 1, "fatalities": 12},
    ]


def _keyset_walk(store, query: EventQuery) -> list[str]:
    """Every event of the query, page after page, each page starting after the last event of the one before."""
    from frontwatch.store.query import sort_key

    seen: list[str] = []
    after = None
    while True:
        page = list(store.iter_events(dataclasses.replace(query, after=after)))
        seen += [e.event_id for e in page]
        if len(page) < query.limit:
            return seen
        last = page[-1]
        after = sort_key(query, last.event_date, last.fatalities, last.event_id)


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities"])
@pytest.mark.parametrize("limit", [1, 3])
def test_iter_events_keyset_pages_follow_the_full_order_undated_included(saved, sort, limit):
    for i, fatalities in enumerate((0, 3, 3)):  # undated events, two of them tied on fatalities
        doc = make_document(f"afp-undated-{i}", f"Des frappes ont tué {fatalities} civils ({i}).")
        event = make_event(f"ev-undated-{i}", doc, "frappes", event_date=None, fatalities=fatalities)
        mention = mention_of(event)
        saved.save(doc, [mention], [event], {mention.event_id: event.event_id})
    everything = [e.event_id for e in saved.iter_events(EventQuery(sort=sort))]
    assert len(everything) == 7
    assert _keyset_walk(saved, EventQuery(sort=sort, limit=limit)) == everything


@pytest.mark.parametrize("sort", ["event_date", "-fatalities"])
def test_iter_events_keyset_pages_of_a_filtered_listing(many, sort):
    query = EventQuery(sort=sort, date_from="2024-01-10", bbox=(2.0, 15.9, 3.0, 15.95), limit=400)
    everything = [e.event_id for e in many.iter_events(dataclasses.replace(query, limit=None))]
    assert 1000 < len(everything) < 5000
    assert _keyset_walk(many, query) == everything
    from frontwatch.store.query import sort_key

    last = next(e for e in many.iter_events(dataclasses.replace(query, offset=399, limit=1)))
    after = sort_key(query, last.event_date, last.fatalities, last.event_id)
    summaries = many.list_event_summaries(dataclasses.replace(query, after=after))
    assert [s.event_id for s in summaries] == everything[400:800]


def test_iter_events_keyset_cursor_must_fit_the_sort(saved):
    with pytest.raises(InputError):
        list(saved.iter_events(EventQuery(sort="fatalities", after=(0, "2024-01-01", "x"), limit=2)))


@pytest.mark.parametrize(
    "query",
    [
        EventQuery(sort="-fatalities", date_from="2024-01-05", limit=100),  # most match: the sort's index is walked
        EventQuery(sort="-fatalities", date_from="2024-02-25", limit=100),  # few match: the dates' index, sorted
        EventQuery(sort="event_date", bbox=(2.0, 15.9, 3.0, 15.95), event_type="Battles", limit=100),
    ],
)
def test_iter_events_page_is_the_same_whichever_index_serves_it(many, query):
    from frontwatch.store.query import walks_sort

    everything = [e.event_id for e in many.iter_events(dataclasses.replace(query, limit=None))]
    assert _ids(many, query) == everything[:100]
    assert walks_sort(len(everything), 5000, 100) == (len(everything) > 707)


def test_walks_sort_when_matches_are_dense():
    from frontwatch.store.query import walks_sort

    assert walks_sort(500_000, 1_000_000, 1000)  # a year of the map: walk fatalities, stop at 1,000
    assert not walks_sort(1_000, 1_000_000, 1000)  # one day: sort its thousand
