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

from frontwatch.fuse.cluster import UnionFind, assign_roles, fuse_all, linked, unit
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
    links = _links(store, marked, settings)
    regroup = [m for ms in (store.mentions_of(sorted(affected)) if affected else {}).values() for m in ms]
    sets = UnionFind()
    for m in [*marked, *regroup]:
        sets.union(m.event_id, unit(m))
    loose = [*marked, *regroup]
    for i, a in enumerate(loose):  # a document's own vague reports may repeat each other
        for b in loose[i + 1 :]:
            if linked(a, b, settings):
                sets.union(a.event_id, b.event_id)
    for mention_id, event_id in links:
        sets.union(mention_id, f"event:{event_id}")

    old_ids = sorted({event_id for _, event_id in links})
    stored = store.mentions_of(old_ids) if old_ids else {}
    by_id = {m.event_id: m for m in [*marked, *regroup]}
    own = {m.event_id for m in marked}  # a re-saved document's stored mentions are replaced, not repeated
    events: list[Event] = []
    mapping: dict[str, str] = {}
    for members in sets.groups().values():
        loose_members = [by_id[k] for k in members if k in by_id]
        if not loose_members:
            continue
        olds = [k.removeprefix("event:") for k in members if k.startswith("event:")]
        group = loose_members + [m for eid in olds for m in stored.get(eid, []) if m.event_id not in own and m.event_id not in by_id]
        event = build_event(group)
        events.append(event)
        mapping.update({m.event_id: event.event_id for m in group})
    kept = {e.event_id for e in events}
    absorbed = sorted({*old_ids, *affected} - kept)
    log.debug("%s: %d mentions, %d events (%d absorbed)", doc.doc_id, len(marked), len(events), len(absorbed))
    store.save(doc, marked, events, mapping, absorbed)


def _links(store: Store, marked: Sequence[Event], settings: Settings) -> list[tuple[str, str]]:
    """(new mention id, stored fused event id) for every stored mention the new one is linked to."""
    dated = [(m, day(m)) for m in marked]
    bounds = [(d - timedelta(days=reach_days(m, settings)), d + timedelta(days=reach_days(m, settings))) for m, d in dated if d]
    if not bounds:
        return []
    date_from = min(b[0] for b in bounds).isoformat()
    date_to = max(b[1] for b in bounds).isoformat()
    own = {m.event_id for m in marked}
    out = []
    for event_id, stored in store.candidate_mentions(date_from, date_to):
        if event_id is None or stored.event_id in own:
            continue
        for m in marked:
            if linked(m, stored, settings):
                out.append((m.event_id, event_id))
    return sorted(set(out))
