"""Fusion's reach lookup in SQL: a few statements compiled once, run with each reach's values as parameters.

Building a fresh SQLAlchemy expression per reach cost more than the search itself (a document asks a dozen
reaches); the statements here have a fixed shape, so SQLAlchemy compiles each once and caches it. A condition
that a reach does not set is switched off by a flag parameter rather than left out of the statement.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontwatch.store import schema
from frontwatch.store.base import MentionReach

_md = schema.mention_dates.c
_mn = schema.mentions.c
_ec = schema.event_classes.c

# What a reach lookup reads: stored mentions (``mention_dates``, with their payloads) or fused events' fusion
# classes (``event_classes``); both tables have the columns a reach tests.
MENTIONS, CLASSES = "mentions", "classes"

# How a statement treats the fusion role: equal to the one asked, not recorded, or not looked at.
ROLE_EQUAL, ROLE_NULL, ROLE_ANY = "equal", "null", "any"


def _flag(name: str) -> sa.BindParameter:
    return sa.bindparam(name, type_=sa.Integer)


@cache
def reach_statement(role_mode: str, by_precision: bool, target: str = MENTIONS) -> sa.Select:
    """The statement for one reach of this shape: an index range on type (role, time precision) and days, then
    the province and box conditions, each off when its flag parameter is 1."""
    cols = _ec if target == CLASSES else _md
    terms = [
        cols.event_type == sa.bindparam("event_type", type_=sa.String),
        cols.event_date >= sa.bindparam("date_from", type_=sa.String),
        cols.event_date <= sa.bindparam("date_to", type_=sa.String),
        # a mention with no country is of no province: a reach asking for one leaves it out
        sa.or_(_flag("any_country") == 1, cols.country == sa.bindparam("country", type_=sa.String)),
        sa.or_(_flag("any_admin1") == 1, cols.admin1 == sa.bindparam("admin1", type_=sa.String), cols.admin1.is_(None)),
        sa.or_(
            _flag("any_place") == 1,
            sa.and_(
                cols.latitude.between(sa.bindparam("min_lat", type_=sa.Float), sa.bindparam("max_lat", type_=sa.Float)),
                cols.longitude.between(sa.bindparam("min_lon", type_=sa.Float), sa.bindparam("max_lon", type_=sa.Float)),
            ),
            cols.geonameid == sa.bindparam("geonameid", type_=sa.Integer),
        ),
    ]
    if role_mode == ROLE_EQUAL:
        terms.append(cols.fuse_role == sa.bindparam("role", type_=sa.String))
    elif role_mode == ROLE_NULL:
        terms.append(cols.fuse_role.is_(None))
    if by_precision:
        terms.append(cols.time_precision == sa.bindparam("precision", type_=sa.Integer))
    if target == CLASSES:
        return sa.select(*schema.event_classes.c).where(*terms)
    return (
        sa.select(_mn.mention_id, _mn.event_id, _mn.payload)
        .join(schema.mention_dates, _md.mention_id == _mn.mention_id)
        .where(*terms)
    )


def reach_queries(reach: MentionReach, target: str = MENTIONS) -> Iterator[tuple[sa.Select, dict[str, Any]]]:
    """The statements and parameters that together find the stored mentions (or fusion classes) meeting one
    reach: one per wanted role and time precision, and those with no role recorded."""
    box = reach.box or (None, None, None, None)
    params: dict[str, Any] = {
        "event_type": reach.event_type,
        "date_from": reach.date_from,
        "date_to": reach.date_to,
        "any_country": int(reach.country is None),
        "country": reach.country,
        "any_admin1": int(reach.country is None or reach.admin1 is None),
        "admin1": reach.admin1,
        "any_place": int(reach.box is None),
        "min_lat": box[0],
        "max_lat": box[1],
        "min_lon": box[2],
        "max_lon": box[3],
        "geonameid": reach.geonameid if reach.box is not None else None,
    }
    precisions: tuple[int | None, ...] = tuple(sorted(set(reach.precisions))) if reach.precisions is not None else (None,)
    roles: tuple[str | None, ...] = (*sorted(set(reach.roles)), None) if reach.roles is not None else ("",)
    for role in roles:
        mode = ROLE_ANY if role == "" else ROLE_NULL if role is None else ROLE_EQUAL
        for precision in precisions:
            yield reach_statement(mode, precision is not None, target), {**params, "role": role, "precision": precision}


# Compiled form of each reach statement for SQLite: (SQL text, parameter names in order, literal parameters' values).
_ON_DRIVER: dict[sa.Select, tuple[str, tuple[str, ...], dict[str, Any]]] = {}


def reach_rows(conn: Connection, stmt: sa.Select, params: dict[str, Any]) -> list[tuple]:
    """The rows of one reach statement, as tuples in its selected columns' order.

    On SQLite the statement's SQL, compiled once, runs on the driver's cursor: a document asks a dozen or more
    reach statements, each returning a few rows, and SQLAlchemy's execution (parameters, result object) cost three
    times the query (0.7 ms against 0.2 per document on bench/; the values need no type conversion on SQLite:
    text, integers, floats). Other databases run it through SQLAlchemy."""
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(stmt, params)]
    compiled = _ON_DRIVER.get(stmt)
    if compiled is None:
        sql = stmt.compile(dialect=conn.dialect)
        literals = {k: v for k, v in sql.construct_params(params).items() if k not in params}
        compiled = _ON_DRIVER[stmt] = (sql.string, tuple(sql.positiontup or ()), literals)
    text, names, literals = compiled
    values = {**literals, **params}
    cursor = conn.connection.driver_connection.cursor()
    try:
        return cursor.execute(text, tuple(values[name] for name in names)).fetchall()
    finally:
        cursor.close()
