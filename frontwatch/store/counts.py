"""Listing totals cached per filter set under the store's write generation, so a repeated filter is not counted again.

Counting the events a substring filter matches reads every ``event_search`` row (10–15 ms at 100,000
events); a reader paging through one filter, or the map and the list asking for the same one, would pay it
on every request. Every write transaction raises ``store_generation`` by one (``SqlStore`` does it in the
same transaction), so a total cached under the generation read before counting is exact for as long as
that generation is current, whichever process wrote.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict

from frontwatch.store.base import EventQuery

# Filter sets remembered per generation: a map user's boxes and dates, many users' text filters; each entry
# is a query and an int (a few hundred bytes), so the cache stays well under a megabyte.
COUNT_CACHE_ENTRIES = 2048


def count_key(query: EventQuery | None) -> EventQuery:
    """The part of a query a total depends on: its filters, with order and page reset."""
    if query is None:
        return EventQuery()
    return dataclasses.replace(query, sort="event_date", limit=None, offset=0)


class CountCache:
    """A thread-safe, bounded map from filters to totals, valid for one store generation at a time."""

    def __init__(self, entries: int = COUNT_CACHE_ENTRIES) -> None:
        self._entries = entries
        self._generation: int | None = None
        self._totals: OrderedDict[EventQuery, int] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, generation: int, key: EventQuery) -> int | None:
        """The total cached for these filters under this generation, or None."""
        with self._lock:
            if generation != self._generation:
                return None
            total = self._totals.get(key)
            if total is not None:
                self._totals.move_to_end(key)
            return total

    def put(self, generation: int, key: EventQuery, total: int) -> None:
        """Remember a total counted under ``generation``; a newer generation forgets every older total."""
        with self._lock:
            if self._generation is None or generation > self._generation:
                self._generation = generation
                self._totals.clear()
            elif generation < self._generation:
                return  # counted before a write this cache has already seen: stale
            self._totals[key] = total
            self._totals.move_to_end(key)
            while len(self._totals) > self._entries:
                self._totals.popitem(last=False)
