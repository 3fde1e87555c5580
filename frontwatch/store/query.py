"""Translate an ``EventQuery`` into SQL conditions and an order, all evaluated by the database."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontwatch.errors import InputError
from frontwatch.store import schema
from frontwatch.store.base import EventQuery

SORTS = ("event_date", "-event_date", "fatalities", "-fatalities")

_ev = schema.events.c


def _contains(column: ColumnElement, needle: str) -> ColumnElement[bool]:
    # lower() on both sides: case-insensitive on every backend; autoescape keeps % and _ literal.
    return sa.func.lower(column).contains(needle.lower(), autoescape=True)


def conditions(query: EventQuery | None) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a query, to be AND-ed; empty for no query."""
    if query is None:
        return []
    where: list[ColumnElement[bool]] = []
    if query.date_from:
        where.append(_ev.event_date >= query.date_from)
    if query.date_to:
        where.append(_ev.event_date <= query.date_to)
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        where.append(_ev.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            where.append(_ev.longitude.between(min_lon, max_lon))
        else:  # a box across the antimeridian
            where.append(sa.or_(_ev.longitude >= min_lon, _ev.longitude <= max_lon))
    if query.event_type:
        where.append(_ev.event_type == query.event_type)
    if query.actor:
        where.append(
            sa.or_(
                _contains(_ev.actor1, query.actor),
                _contains(_ev.actor2, query.actor),
                _contains(_ev.assoc_actors, query.actor),
            )
        )
    if query.claimant:
        cl = schema.claims.c
        where.append(sa.exists().where(cl.event_id == _ev.event_id, _contains(cl.claimant, query.claimant)))
    if query.source:
        src = schema.event_sources.c
        where.append(
            sa.exists().where(
                src.event_id == _ev.event_id,
                sa.or_(_contains(src.doc_id, query.source), _contains(src.publisher, query.source)),
            )
        )
    if query.text:
        evd = schema.evidence.c
        where.append(
            sa.or_(
                _contains(_ev.notes, query.text),
                sa.exists().where(evd.event_id == _ev.event_id, _contains(evd.text, query.text)),
            )
        )
    return where


def order_by(query: EventQuery | None) -> list[ColumnElement]:
    """ORDER BY terms for the query's sort, made total by ``event_id``; undated events come last."""
    sort = query.sort if query is not None else "event_date"
    if sort not in SORTS:
        raise InputError(f"Unknown sort {sort!r}: expected one of {', '.join(SORTS)}.")
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    column = _ev[name]
    first = column.desc() if descending else column.asc()
    terms: list[ColumnElement] = [first.nulls_last()]
    if name != "event_date":
        terms.append(_ev.event_date.desc().nulls_last() if descending else _ev.event_date.asc().nulls_last())
    terms.append(_ev.event_id.desc() if descending else _ev.event_id.asc())
    return terms
