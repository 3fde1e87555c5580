"""Fusion: merge a document's mentions into the store's fused events, and reconcile their claims.

Mentions are linked by symmetric "same happening" tests (``relation.py``) and grouped by a deterministic
function of the set of mentions (``cluster.partition``); every field of a fused event is a function of its
set of mentions (``merge.py``), so the events do not depend on the order documents arrive in. A new
document's mentions are compared only with stored mentions of their types and countries dated within their
reach (``Store.candidate_mentions``), never with the whole store; the neighbourhood they touch is regrouped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta

from frontwatch.fuse.cluster import assign_roles, attachable, fuse_all, linked, partition
from frontwatch.fuse.merge import build_event, fused_event_id
from frontwatch.fuse.reconcile import ClaimGroup, Fatalities, disagreements, reconcile
from frontwatch.fuse.relation import DATE_SLACK_DAYS, day, reach_days
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
    dated = [m for m in marked if day(m)]
    if not dated:
        return set()
    own = {m.event_id for m in marked}
    # Every relation (linked, attachable) holds between mentions of one event type only, and of one country
    # when both name one: the store is asked for those alone (pairs are still tested below). A stored
    # mention is read only for the days it can reach given both precisions (a precise one: the same day),
    # and only those days (a document telling of two months apart reads two short spans, not the months between).
    by_type: dict[str, list[Event]] = {}
    for m in marked:
        by_type.setdefault(m.event_type, []).append(m)
    candidates: list[tuple[str, Event]] = []
    for precision in DATE_SLACK_DAYS:
        spans = _merged([_reach(m, settings, precision) for m in dated])
        candidates += _candidates(store, spans, own, sorted(by_type), _countries(marked), (precision,))
    widest = [_reach(m, settings) for m in dated]
    lo, hi = min(b[0] for b in widest), max(b[1] for b in widest)
    out: set[str] = set()
    contested: dict[str, list[Event]] = {}
    for event_id, stored in candidates:
        for m in by_type.get(stored.event_type, ()):
            if linked(m, stored, settings) or attachable(m, stored, settings):
                out.add(event_id)
            elif attachable(stored, m, settings):
                out.add(event_id)
                contested.setdefault(stored.event_type, []).append(stored)
    if contested:  # the stored events a contested report also fits lie within its own reach
        spans = [_reach(v, settings) for vs in contested.values() for v in vs]
        wanted = _merged([(max(lo, a), min(hi, b)) for a, b in spans if max(lo, a) <= min(hi, b)])
        vague = [v for vs in contested.values() for v in vs]
        seen = {m.event_id for _, m in candidates}
        extra = _candidates(store, wanted, own, sorted(contested), _countries(vague), None)
        candidates = candidates + [(e, m) for e, m in extra if m.event_id not in seen]
    for event_id, stored in candidates:
        if any(attachable(v, stored, settings) for v in contested.get(stored.event_type, ())):
            out.add(event_id)
    return out


def _reach(mention: Event, settings: Settings, other_precision: int | None = None) -> tuple[date, date]:
    """The first and last day a mention related to this dated one (of that time precision, or any) may bear."""
    d, reach = day(mention), timedelta(days=reach_days(mention, settings, other_precision))
    return d - reach, d + reach


def _merged(spans: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    """Inclusive day spans joined where they overlap or touch, in order."""
    out: list[tuple[date, date]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _countries(mentions: Sequence[Event]) -> list[str] | None:
    """The mentions' countries, or None (no narrowing) when one of them names none: it may match any country."""
    if any(m.country is None for m in mentions):
        return None
    return sorted({m.country for m in mentions if m.country})


def _candidates(store: Store, spans: Sequence[tuple[date, date]], own: set[str], types: Sequence[str],
                countries: Sequence[str] | None, precisions: Sequence[int] | None) -> list[tuple[str, Event]]:
    """The stored mentions of these types, countries and time precisions dated in the spans (not this
    document's), with their fused event ids."""
    return [
        (e, m)
        for a, b in spans
        for e, m in store.candidate_mentions(a.isoformat(), b.isoformat(), types, countries, precisions)
        if e is not None and m.event_id not in own
    ]
