"""The folds (``merge.Fold``) of the fused events this process wrote last, kept to build an event that a new report
joins from its fold and the new mentions, instead of from every mention stored for it (a happening reported a
thousand times would be read and folded a thousand mentions at a time, for each new report).

A fold stands for the mentions it holds as they were when the event was written. It is used only while that is
sure: no other write reached the store since this process's last save (the store's write generation is the one
that save left: another process's write, a review, a document deleted or replaced, all raise it), and the stored
event holds as many mentions as were folded (counted in an index: with no other write, only this process's saves
change an event's mentions, and each forgets the folds of the events it changes; the count checks that they did).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence

from frontwatch.fuse.merge import Fold
from frontwatch.store.base import Store

# Events whose folds are kept per store; past this the memo starts again (memory bound: a fold holds its claims).
MAX_EVENTS = 512


class Folds:
    """Per store: the generation its last save by fusion left, and event id -> fold."""

    def __init__(self) -> None:
        self._stores: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def current(self, store: Store) -> int | None:
        """The store's write generation when it is the one fusion's last save left here (its folds still stand), else
        None (and the folds are dropped); read as a document's fusion begins."""
        kept = self._stores.get(store)
        if kept is None:
            return None
        if store.generation() != kept[0]:
            del self._stores[store]
            return None
        return kept[0]

    def take(self, store: Store, before: int | None, event_ids: Sequence[str]) -> dict[str, Fold]:
        """The folds of these events that hold as many mentions as are stored for them, taken out to grow (a fold is
        not copied: a happening reported a thousand times folds thousands of claims); none unless the store is still
        at ``before`` (``current``). ``saved`` keeps the folds built from them; if the save fails, those events are
        folded from their stored mentions next time."""
        kept = self._stores.get(store)
        if before is None or kept is None or kept[0] != before:
            return {}
        folds = kept[1]
        wanted = [e for e in event_ids if e in folds]
        if not wanted:
            return {}
        counts = store.mention_counts(wanted)
        taken = {e: folds.pop(e) for e in wanted}
        return {e: fold for e, fold in taken.items() if counts[e] == len(fold.ids)}

    def saved(self, store: Store, before: int | None, generation: int, changed: Iterable[str],
              built: Mapping[str, Fold]) -> None:
        """After a save by fusion that left ``generation``: forget the events it changed (``changed``, stored ids)
        and keep the folds of those it wrote (``built``, by their new ids). The other folds are kept only when the
        store was at ``before`` (``current``, read as the document's fusion began) and this save is the only write
        since."""
        kept = self._stores.get(store)
        folds = kept[1] if kept is not None and before is not None and kept[0] == before == generation - 1 else {}
        for eid in changed:
            folds.pop(eid, None)
        if len(folds) + len(built) > MAX_EVENTS:
            folds = {}
        folds.update(built)
        self._stores[store] = (generation, folds)


FOLDS = Folds()
