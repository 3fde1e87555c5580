"""Fusion's candidate lookup: mentions by date window, narrowed by event type and country."""

from __future__ import annotations

import dataclasses

import pytest
from store_factories import build_corpus, mention_of

from frontwatch.store import open_store


@pytest.fixture
def store(tmp_path):
    opened = open_store(str(tmp_path / "cand.db"))
    for doc, event in build_corpus().values():
        same_day = dataclasses.replace(event, event_date="2024-03-14")
        mention = mention_of(same_day)
        opened.save(doc, [mention], [same_day], {mention.event_id: same_day.event_id})
    yield opened
    opened.close()


def _countries(found) -> list[str | None]:
    return sorted(m.country or "" for _, m in found)


def test_store_candidates_window_holds_every_theatre(store):
    assert len(store.candidate_mentions("2024-03-13", "2024-03-15")) == 4
    assert store.candidate_mentions("2024-03-15", "2024-03-20") == []


@pytest.mark.parametrize(
    "types,countries,expected",
    [
        (None, ["Ukraine"], ["Ukraine"]),
        (None, ["Ukraine", "Sudan"], ["Sudan", "Ukraine"]),
        (["Riots"], None, []),
    ],
)
def test_store_candidates_narrowed_by_type_and_country(store, types, countries, expected):
    found = store.candidate_mentions("2024-03-13", "2024-03-15", types, countries)
    assert _countries(found) == expected
    for event_id, mention in found:
        assert event_id is not None and mention.event_id.endswith("-m")


# -- fusion's reach lookup (mentions_within) --------------------------------------------------------------------

KHARKIV_LAT, KHARKIV_LON = 49.98081, 36.25272


@pytest.fixture
def placed(tmp_path):
    """Five Kharkiv-region mentions of one day: precise ones near and far, vague ones of two provinces or none."""
    from store_factories import make_document, make_event
    from wire_texts import KHARKIV

    opened = open_store(str(tmp_path / "reach.db"))
    doc = make_document("reuters-kharkiv", KHARKIV, publisher="Reuters")
    phrase = KHARKIV.split(".")[0]
    rows = {
        "near": dict(lat=KHARKIV_LAT + 0.1, lon=KHARKIV_LON, role="precise", admin1="Kharkiv", gid=None),
        "far": dict(lat=KHARKIV_LAT + 1.0, lon=KHARKIV_LON, role="precise", admin1="Kharkiv", gid=706483),
        "same-province": dict(lat=None, lon=None, role="vague", admin1="Kharkiv", gid=None),
        "other-province": dict(lat=None, lon=None, role="vague", admin1="Sumy", gid=None),
        "no-province": dict(lat=None, lon=None, role="vague", admin1=None, gid=None),
    }
    mentions = []
    for name, r in rows.items():
        event = make_event(name, doc, phrase, lat=r["lat"], lon=r["lon"])
        mentions.append(dataclasses.replace(event, admin1=r["admin1"], geonameid=r["gid"], extra={"fuse_role": r["role"]}))
    opened.save(doc, mentions, mentions, {m.event_id: m.event_id for m in mentions})
    yield opened
    opened.close()


def _reach(**narrowing):
    from frontwatch.store.base import MentionReach

    return MentionReach("2024-03-14", "2024-03-14", "Explosions/Remote violence", **narrowing)


@pytest.mark.parametrize(
    "reaches,expected",
    [
        ([_reach()], ["far", "near", "no-province", "other-province", "same-province"]),
        ([_reach(roles=("precise",), box=(49.9, 50.2, 36.0, 36.5))], ["near"]),
        ([_reach(roles=("precise",), box=(49.9, 50.2, 36.0, 36.5), geonameid=706483)], ["far", "near"]),
        ([_reach(roles=("vague",), country="Ukraine", admin1="Kharkiv")], ["no-province", "same-province"]),
        ([_reach(roles=("vague",), country="Ukraine")], ["no-province", "other-province", "same-province"]),
        ([_reach(roles=("vague",), country="Sudan")], []),
        ([_reach(roles=("precise",), precisions=(2, 3))], []),
        ([_reach(roles=("precise",), box=(0.0, 1.0, 0.0, 1.0)), _reach(roles=("vague",), admin1="Sumy", country="Ukraine")],
         ["no-province", "other-province"]),
    ],
)
def test_store_mentions_within_meets_any_reach(placed, reaches, expected):
    found = placed.mentions_within(reaches)
    assert [m.event_id for _, m in found] == expected
    assert all(event_id == m.event_id for event_id, m in found)


def test_store_mentions_within_keeps_mentions_with_no_role_recorded(placed):
    with placed._engine.begin() as conn:
        conn.exec_driver_sql("UPDATE mention_dates SET fuse_role = NULL WHERE mention_id = 'far'")
    found = placed.mentions_within([_reach(roles=("vague",), country="Ukraine", admin1="Kharkiv")])
    assert [m.event_id for _, m in found] == ["far", "no-province", "same-province"]


def test_store_migration_6_fills_the_reach_columns_of_an_older_store(placed):
    import sqlalchemy as sa

    from frontwatch.store import open_store as reopen

    url = placed.url
    with placed._engine.begin() as conn:  # back to the schema of migration 5
        conn.exec_driver_sql("DROP INDEX ix_mention_dates_reach")
        for column in ("fuse_role", "admin1", "geonameid"):
            conn.exec_driver_sql(f"ALTER TABLE mention_dates DROP COLUMN {column}")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version = 6")
    placed.close()
    with reopen(url.removeprefix("sqlite:///")) as store:
        with store._engine.connect() as conn:
            got = conn.execute(sa.text("SELECT mention_id, fuse_role, admin1 FROM mention_dates ORDER BY 1")).all()
            indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("mention_dates")}
        found = store.mentions_within([_reach(roles=("vague",), country="Ukraine", admin1="Sumy")])
    assert ("near", "precise", "Kharkiv") in got and ("no-province", "vague", None) in got
    assert "ix_mention_dates_reach" in indexes
    assert [m.event_id for _, m in found] == ["no-province", "other-province"]


@pytest.mark.parametrize("mode", ["equal", "null", "any"])
@pytest.mark.parametrize("by_precision", [True, False])
def test_store_reach_statements_compile_for_postgresql(mode, by_precision):
    from sqlalchemy.dialects import postgresql

    from frontwatch.store.reach import reach_statement

    sql = str(reach_statement(mode, by_precision).compile(dialect=postgresql.dialect()))
    assert "mention_dates.event_type = %(event_type)s" in sql
    assert ("mention_dates.time_precision = %(precision)s" in sql) == by_precision
    assert ("fuse_role = %(role)s" in sql) == (mode == "equal")
