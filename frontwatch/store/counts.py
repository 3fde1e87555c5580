"""Values cached under the store's write generation: listing totals per filter set, so a repeated filter is not
counted again (and the server's encoded responses, ``serve.api``).

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
