"""Translate an ``EventQuery`` into SQL conditions and an order on ``event_search``, all evaluated by the database.

Every filter and sort reads the narrow ``event_search`` row of an event: substring filters look for the
lower-cased needle in lower-cased haystacks stored at write time (no per-row function call, no child
table), and each sort has an index in its exact order, so a page is an index walk that stops early.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.base import ColumnCollection
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


def _sort_keys(query: EventQuery | None) -> list[tuple[str, bool]]:
    """The names of the sort's key columns, each with whether it is descending; ``event_id`` makes it total."""
    sort = query.sort if query is not None else "event_date"
    if sort not in SORTS:
        raise InputError(f"Unknown sort {sort!r}: expected one of {', '.join(SORTS)}.")
    descending = sort.startswith("-")
    keys = [("fatalities", descending)] if sort.lstrip("-") == "fatalities" else []
    return keys + [("undated", False), ("event_date", descending), ("event_id", descending)]


def sort_columns(query: EventQuery | None) -> list[ColumnElement]:
    """The ``event_search`` columns of the sort's key, in order."""
    return [_es[name] for name, _ in _sort_keys(query)]


def order_by(query: EventQuery | None, columns: ColumnCollection | None = None) -> list[ColumnElement]:
    """ORDER BY terms for the query's sort, made total by ``event_id``; undated events come last.

    The terms follow the column order and directions of one ``event_search`` index each; ``columns`` names
    the selectable they sort (``event_search`` by default).
    """
    source = _es if columns is None else columns
    return [source[name].desc() if descending else source[name].asc() for name, descending in _sort_keys(query)]


def sort_key(query: EventQuery, event_date: str | None, fatalities: int, event_id: str) -> tuple[int | str | None, ...]:
    """An event's key in the query's sort (the values of its ORDER BY terms), for ``EventQuery.after``."""
    key = (1 if event_date is None else 0, event_date, event_id)
    return (fatalities, *key) if query.sort.lstrip("-") == "fatalities" else key


def after_ranges(query: EventQuery) -> list[list[ColumnElement[bool]]]:
    """The events after ``query.after`` in the sort's order, as disjoint ranges in that order, each the conditions
    of one walk of the sort's index: same leading keys and a later next key, the deepest key first.

    A single OR of them would make SQLite read the index from its start; each range is an index seek. An undated
    key has no date to compare (every undated event's is NULL): its ranges skip that column."""
    names = _sort_keys(query)
    if query.after is None or len(query.after) != len(names):
        raise InputError(f"A keyset cursor for sort {query.sort!r} needs {len(names)} values.")
    keys = [(_es[name], descending, value) for (name, descending), value in zip(names, query.after)
            if not (name == "event_date" and value is None)]
    ranges = []
    for depth in range(len(keys) - 1, -1, -1):
        same = [column == value for column, _, value in keys[:depth]]
        column, descending, value = keys[depth]
        ranges.append([*same, column < value if descending else column > value])
    return ranges
