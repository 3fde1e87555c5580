"""Fusion's reach lookup: stored mentions by type, days, role, time precision, province and place."""

from __future__ import annotations

import dataclasses

import pytest
from frontwatch.store import open_store


# -- fusion's reach lookup (mentions_within) --------------------------------------------------------------------

KHARKIV_LAT, KHARKIV_LON = 49.98081, 36.25272


@pytest.fixture
def placed(tmp_path):
    """Six mentions of one day: precise ones near Kharkiv and far, vague ones of two provinces, of Ukraine, of no country."""
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
        "no-country": dict(lat=None, lon=None, role="vague", admin1=None, gid=None, country=None),
    }
    mentions = []
    for name, r in rows.items():
        event = make_event(name, doc, phrase, lat=r["lat"], lon=r["lon"], country=r.get("country", "Ukraine"))
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
        ([_reach()], ["far", "near", "no-country", "no-province", "other-province", "same-province"]),
        ([_reach(roles=("precise",), box=(49.9, 50.2, 36.0, 36.5))], ["near"]),
        ([_reach(roles=("precise",), box=(49.9, 50.2, 36.0, 36.5), geonameid=706483)], ["far", "near"]),
        ([_reach(roles=("vague",), country="Ukraine", admin1="Kharkiv")], ["no-province", "same-province"]),
        ([_reach(roles=("vague",), country="Ukraine")], ["no-province", "other-province", "same-province"]),
        ([_reach(roles=("vague",))], ["no-country", "no-province", "other-province", "same-province"]),
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
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version >= 6")  # and the later ones
    placed.close()
    with reopen(url.removeprefix("sqlite:///")) as store:
        with store._engine.connect() as conn:
            got = conn.execute(sa.text("SELECT mention_id, fuse_role, admin1 FROM mention_dates ORDER BY 1")).all()
            indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("mention_dates")}
        found = store.mentions_within([_reach(roles=("vague",), country="Ukraine", admin1="Sumy")])
    assert ("near", "precise", "Kharkiv") in got and ("no-province", "vague", None) in got and ("no-country", "vague", None) in got
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
