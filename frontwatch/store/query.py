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


def conditions(query: EventQuery | None, walk_sort: bool = False) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a query on ``event_search``, to be AND-ed; empty for no query.

    ``walk_sort``: the filters on columns other than the sort's own keys are written so that no index serves
    them (``x || ''``, ``x + 0``: the same test), so the planner walks the sort's index and stops at the page;
    see ``walks_sort``."""
    if query is None:
        return []
    # The keys a sort's index seeks on: a date sort's range is its own; nothing but fatalities is a fatalities sort's.
    sorted_by = {"fatalities"} if query.sort.lstrip("-") == "fatalities" else {"undated", "event_date"}

    def col(name: str) -> ColumnElement:
        column = _es[name]
        if not walk_sort or name in sorted_by:
            return column
        return column.concat("") if isinstance(column.type, sa.String) else column + 0

    where: list[ColumnElement[bool]] = []
    if query.date_from or query.date_to:
        where.append(col("undated") == 0)  # implied by the bounds; lets the date indexes serve the range
    if query.date_from:
        where.append(col("event_date") >= query.date_from)
    if query.date_to:
        where.append(col("event_date") <= query.date_to)
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        where.append(col("latitude").between(min_lat, max_lat))
        if min_lon <= max_lon:
            where.append(col("longitude").between(min_lon, max_lon))
        else:  # a box across the antimeridian
            where.append(sa.or_(col("longitude") >= min_lon, col("longitude") <= max_lon))
    if query.event_type:
        where.append(col("event_type") == query.event_type)
    if query.review_status is not None:
        where.append(col("review_status").in_(query.review_status))
    for needle, column in (
        (query.actor, _es.actor_text),
        (query.claimant, _es.claimant_text),
        (query.source, _es.source_text),
        (query.text, _es.notes_text),
    ):
        if needle:
            where.append(_contains(column, needle))
    return where


def seeks_filter(query: EventQuery | None) -> bool:
    """Whether the planner may choose a filter's index over the sort's: a box, a type, review statuses, or
    dates under a sort by fatalities (substring filters have no index to seek)."""
    if query is None:
        return False
    dates = (query.date_from or query.date_to) and query.sort.lstrip("-") == "fatalities"
    return bool(dates or query.bbox is not None or query.event_type or query.review_status is not None)


def walks_sort(matching: int, stored: int, limit: int) -> bool:
    """Whether a page of ``limit`` of the ``matching`` events (of ``stored``) is cheaper read by walking the
    sort's index than by seeking the filter's and sorting every match.

    A walk reads about ``limit * stored / matching`` index entries before the page is full, the sort reads
    all ``matching``: the walk wins when ``matching ** 2 > limit * stored``. SQLite's planner, which knows
    neither figure, sorted the 500,000 events of a year for a map page of 1,000 (2 s at 1,000,000 events)."""
    return matching * matching > limit * stored


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
