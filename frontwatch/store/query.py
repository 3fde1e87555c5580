"""Translate an ``EventQuery`` into SQL conditions and an order on ``event_search``, all evaluated by the database.

Every filter and sort reads the narrow ``event_search`` row of an event: substring filters look for the
lower-cased needle in lower-cased haystacks stored at write time (no per-row function call, no child
table), and each sort has an index in its exact order, so a page is an index walk that stops early.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontwatch.errors import InputError
from frontwatch.store import schema
from frontwatch.store.base import EventQuery

SORTS = ("event_date", "-event_date", "fatalities", "-fatalities")

_es = schema.event_search.c


def _contains(column: ColumnElement, needle: str) -> ColumnElement[bool]:
    # The haystack is stored lower-cased; autoescape keeps % and _ literal. SQLite's LIKE also folds ASCII
    # case, which changes nothing on lower-cased text, and PostgreSQL's LIKE compares exactly.
    return column.contains(needle.lower(), autoescape=True)


def conditions(query: EventQuery | None) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a query on ``event_search``, to be AND-ed; empty for no query."""
    if query is None:
        return []
    where: list[ColumnElement[bool]] = []
    if query.date_from or query.date_to:
        where.append(_es.undated == 0)  # implied by the bounds; lets the date indexes serve the range
    if query.date_from:
        where.append(_es.event_date >= query.date_from)
    if query.date_to:
        where.append(_es.event_date <= query.date_to)
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        where.append(_es.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            where.append(_es.longitude.between(min_lon, max_lon))
        else:  # a box across the antimeridian
            where.append(sa.or_(_es.longitude >= min_lon, _es.longitude <= max_lon))
    if query.event_type:
        where.append(_es.event_type == query.event_type)
    if query.review_status is not None:
        where.append(_es.review_status.in_(query.review_status))
    for needle, column in (
        (query.actor, _es.actor_text),
        (query.claimant, _es.claimant_text),
        (query.source, _es.source_text),
        (query.text, _es.notes_text),
    ):
        if needle:
            where.append(_contains(column, needle))
    return where


def order_by(query: EventQuery | None) -> list[ColumnElement]:
    """ORDER BY terms for the query's sort, made total by ``event_id``; undated events come last.

    The terms follow the column order and directions of one ``event_search`` index each.
    """
    sort = query.sort if query is not None else "event_date"
    if sort not in SORTS:
        raise InputError(f"Unknown sort {sort!r}: expected one of {', '.join(SORTS)}.")
    descending = sort.startswith("-")
    terms: list[ColumnElement] = []
    if sort.lstrip("-") == "fatalities":
        terms.append(_es.fatalities.desc() if descending else _es.fatalities.asc())
    terms.append(_es.undated.asc())
    if descending:
        terms += [_es.event_date.desc(), _es.event_id.desc()]
    else:
        terms += [_es.event_date.asc(), _es.event_id.asc()]
    return terms
