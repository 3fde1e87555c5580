"""Fusion: merge a document's mentions into the store's fused events, and reconcile their claims.

Fused events are the connected components of a symmetric "same happening" relation over all stored
mentions (``cluster.py``, ``relation.py``), and every field of a fused event is a function of its set of
mentions (``merge.py``), so the events do not depend on the order documents arrive in. A new document's
mentions are compared only with stored mentions dated within their reach (``Store.candidate_mentions``),
never with the whole store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from frontwatch.fuse.cluster import assign_roles, attachable, fuse_all, linked, partition
from frontwatch.fuse.merge import build_event, fused_event_id
from frontwatch.fuse.reconcile import ClaimGroup, Fatalities, disagreements, reconcile
from frontwatch.fuse.relation import day, reach_days
from frontwatch.records import Document, Event
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store.base import Store

__all__ = [
    "ClaimGroup",
    "Fatalities",
    "build_event",
    "disagreements",
    "fuse_all",
    "fuse_events",
    "fuse_into_store",
    "fused_event_id",
    "reconcile",
]

log = logging.getLogger(__name__)


def fuse_events(mentions: Sequence[Event], settings: Settings = SETTINGS) -> list[Event]:
    """The fused events of any set of mentions, computed in one go (sorted by event id)."""
    return sorted((build_event(group) for group in fuse_all(mentions, settings)), key=lambda e: e.event_id)


def fuse_into_store(
    store: Store, doc: Document, mentions: Sequence[Event], settings: Settings = SETTINGS, affected: Sequence[str] = ()
) -> None:
    """Store a document and its mentions, fusing them with the stored mentions of the same happenings.

    ``affected`` names stored events that lost mentions (a replaced version of this document): their
    remaining mentions are grouped again, so an event whose bridge mention is gone splits.
    """
    marked = assign_roles(mentions, settings)
    old_ids = sorted(_neighbours(store, marked, settings) | set(affected))
    own = {m.event_id for m in marked}  # a re-saved document's stored mentions are replaced, not repeated
    stored = [m for ms in (store.mentions_of(old_ids) if old_ids else {}).values() for m in ms if m.event_id not in own]
    groups = partition([*marked, *stored], settings)
    events = [build_event(group) for group in groups]
    mapping = {m.event_id: e.event_id for group, e in zip(groups, events) for m in group}
    absorbed = sorted(set(old_ids) - {e.event_id for e in events})
    log.debug("%s: %d mentions, %d events (%d absorbed)", doc.doc_id, len(marked), len(events), len(absorbed))
    store.save(doc, marked, events, mapping, absorbed)


def _neighbours(store: Store, marked: Sequence[Event], settings: Settings) -> set[str]:
    """The stored fused events the new mentions may join, and those competing with them for a vague report.

    A stored vague report that one of the new precise mentions fits could also fit other stored events; they
    are fetched too, so that "the only happening it fits" is judged as it would be over the whole store.
    """
    dated = [(m, day(m)) for m in marked]
    bounds = [(d - timedelta(days=reach_days(m, settings)), d + timedelta(days=reach_days(m, settings))) for m, d in dated if d]
    if not bounds:
        return set()
    date_from = min(b[0] for b in bounds).isoformat()
    date_to = max(b[1] for b in bounds).isoformat()
    own = {m.event_id for m in marked}
    candidates = [(e, m) for e, m in store.candidate_mentions(date_from, date_to) if e is not None and m.event_id not in own]
    out: set[str] = set()
    contested: list[Event] = []
    for event_id, stored in candidates:
        for m in marked:
            if linked(m, stored, settings) or attachable(m, stored, settings):
                out.add(event_id)
            elif attachable(stored, m, settings):
                out.add(event_id)
                contested.append(stored)
    for event_id, stored in candidates:
        if any(attachable(v, stored, settings) for v in contested):
            out.add(event_id)
    return out
