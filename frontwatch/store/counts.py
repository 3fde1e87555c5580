"""Values cached under the store's write generation: listing totals per filter set, so a repeated filter is not
counted again (and the server's encoded responses, ``serve.api``); totals of dates and types from a histogram.

Counting the events a substring filter matches reads every ``event_search`` row (10–15 ms at 100,000
events); a reader paging through one filter, or the map and the list asking for the same one, would pay it
on every request. Every write transaction raises ``store_generation`` by one (``SqlStore`` does it in the
same transaction), so a total cached under the generation read before counting is exact for as long as
that generation is current, whichever process wrote; so is any other value read under it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from frontwatch.store.base import EventQuery

# A substring filter's column whose distinct texts are at most this many is counted from them (``haystack_total``):
# actors and claimants repeat from event to event; source ids and real notes do not, and stay counted in SQL.
# At 20,000 texts of about 100 bytes, a few megabytes per column and worker.
MAX_DISTINCT_TEXTS = 20_000
# The substring filters, each with the ``event_search`` column it searches.
SUBSTRING_FILTERS = {"actor": "actor_text", "claimant": "claimant_text", "source": "source_text", "text": "notes_text"}

# Filter sets remembered per generation: a map user's boxes and dates, many users' text filters; each entry
# is a query and an int (a few hundred bytes), so the cache stays well under a megabyte.
COUNT_CACHE_ENTRIES = 2048

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def count_key(query: EventQuery | None) -> EventQuery:
    """The part of a query a total depends on: its filters, with order and page reset."""
    if query is None:
        return EventQuery()
    return dataclasses.replace(query, sort="event_date", limit=None, offset=0, after=None)


class GenerationCache(Generic[K, V]):
    """A thread-safe, bounded LRU map (totals per filter set, responses per request), valid for one store
    generation at a time."""

    def __init__(self, entries: int = COUNT_CACHE_ENTRIES) -> None:
        self._entries = entries
        self._generation: int | None = None
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, generation: int, key: K) -> V | None:
        """The value cached for this key under this generation, or None."""
        with self._lock:
            if generation != self._generation:
                return None
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, generation: int, key: K, value: V) -> None:
        """Remember a value read under ``generation``; a newer generation forgets every older value."""
        with self._lock:
            if self._generation is None or generation > self._generation:
                self._generation = generation
                self._values.clear()
            elif generation < self._generation:
                return  # read before a write this cache has already seen: stale
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self._entries:
                self._values.popitem(last=False)


def by_day_and_type(key: EventQuery) -> bool:
    """Whether a count key filters on dates and event type at most, so the histogram of days and types answers it."""
    return key == EventQuery(date_from=key.date_from, date_to=key.date_to, event_type=key.event_type)


def histogram_total(days: list[tuple[str | None, str, int]], key: EventQuery) -> int:
    """How many events of ``days`` (per day, None for undated, and type) a date-and-type count key matches.

    A map's or a timeline's date window is a new filter set each time; summing a few thousand (day, type) rows
    read once per generation answers it in a millisecond, where counting the window's index entries took 50 ms
    at 1,000,000 events."""
    dated = key.date_from is not None or key.date_to is not None
    return sum(
        n
        for day, event_type, n in days
        if (key.event_type is None or event_type == key.event_type)
        and (not dated or (day is not None and (key.date_from or day) <= day <= (key.date_to or day)))
    )


def one_substring(key: EventQuery) -> str | None:
    """The filter name of a count key whose only filter is one substring filter (``actor``, ``text``...), else None."""
    for name in SUBSTRING_FILTERS:
        needle = getattr(key, name)
        if needle and key == EventQuery(**{name: needle}):
            return name
    return None


def haystack_total(texts: list[tuple[str, int]], needle: str) -> int:
    """How many events hold ``needle`` in their lower-cased text, from the column's distinct texts and counts.

    Counting in SQL tests every event's text (300 ms at 1,000,000 events); when the texts repeat, testing each
    distinct one once answers the same, as ``str.lower`` and ``in`` do what the SQL filter does."""
    needle = needle.lower()
    return sum(n for text, n in texts if needle in text)
