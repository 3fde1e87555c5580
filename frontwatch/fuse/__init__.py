"""Fusion: merge a document's mentions into the store's fused events, and reconcile their claims.

Mentions are linked by symmetric "same happening" tests (``relation.py``) and grouped by a deterministic
function of the set of mentions (``cluster.partition``); every field of a fused event is a function of its
set of mentions (``merge.py``), so the events do not depend on the order documents arrive in. A new
document's mentions are compared only with the stored mentions within their reach (``mention_reaches``: type,
days, fusion role, province, and for a precise one the place), never with the whole store; the neighbourhood
they touch is regrouped.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from frontwatch.fuse.cluster import assign_roles, attachable, fuse_all, linked, partition, role
from frontwatch.fuse.merge import build_event, fused_event_id
from frontwatch.fuse.reconcile import ClaimGroup, Fatalities, disagreements, reconcile
from frontwatch.fuse.relation import DATE_SLACK_DAYS, PRECISE, VAGUE, day, reach_days
from frontwatch.records import Document, Event
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store.base import MentionReach, Store

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
    before = store.mentions_of(old_ids) if old_ids else {}
    stored = [m for ms in before.values() for m in ms if m.event_id not in own]
    groups = partition([*marked, *stored], settings)
    # A group holding exactly the mentions of one stored event, none of them this document's, is that event as
    # stored (every field is a function of the mention set): it is read for context and not written again.
    stored_sets = {eid: frozenset(m.event_id for m in ms) for eid, ms in before.items()}
    changed, kept = [], set()
    for group in groups:
        ids, eid = frozenset(m.event_id for m in group), fused_event_id(group)
        if stored_sets.get(eid) == ids and not ids & own:
            kept.add(eid)
        else:
            changed.append(group)
    events = [build_event(group) for group in changed]
    mapping = {m.event_id: e.event_id for group, e in zip(changed, events) for m in group}
    absorbed = sorted(set(old_ids) - {e.event_id for e in events} - kept)
    log.debug("%s: %d mentions, %d events written, %d unchanged, %d absorbed", doc.doc_id, len(marked), len(events),
              len(kept), len(absorbed))
    store.save(doc, marked, events, mapping, absorbed)


def _neighbours(store: Store, marked: Sequence[Event], settings: Settings) -> set[str]:
    """The stored fused events the new mentions may join, and those competing with them for a vague report.

    A stored vague report that one of the new precise mentions fits could also fit other stored events; they
    are fetched too (all it fits, wherever the new mentions' own reach ends), so that the happening it joins, if
    any, is chosen as it would be over the whole store.
    """
    own = {m.event_id for m in marked}
    reaches = [r for m in marked if day(m) for r in mention_reaches(m, settings)]
    if not reaches:
        return set()
    by_type: dict[str, list[Event]] = {}
    for m in marked:
        by_type.setdefault(m.event_type, []).append(m)
    candidates = _candidates(store, reaches, own)
    out: set[str] = set()
    contested: dict[str, Event] = {}
    for event_id, stored in candidates:
        for m in by_type.get(stored.event_type, ()):
            if linked(m, stored, settings) or attachable(m, stored, settings):
                out.add(event_id)
            elif attachable(stored, m, settings):
                out.add(event_id)
                contested[stored.event_id] = stored
    if contested:  # the stored precise mentions a contested report also fits: its own reach, in its province
        seen = {m.event_id for _, m in candidates}
        wanted = [r for v in contested.values() for r in _precise_fits(v, settings)]
        candidates = candidates + [(e, m) for e, m in _candidates(store, wanted, own) if m.event_id not in seen]
    vague_by_type: dict[str, list[Event]] = {}
    for v in contested.values():
        vague_by_type.setdefault(v.event_type, []).append(v)
    for event_id, stored in candidates:
        if any(attachable(v, stored, settings) for v in vague_by_type.get(stored.event_type, ())):
            out.add(event_id)
    return out


def mention_reaches(mention: Event, settings: Settings = SETTINGS) -> list[MentionReach]:
    """Where in the store the mentions this dated, role-marked one may relate to lie (a superset, tested pairwise).

    A precise mention links only to precise ones at the same place (within ``fuse_max_km`` or of its gazetteer
    entry) on the days it reaches, and is fitted only by vague ones of its province; a vague one fits precise
    ones of its province and links to vague ones of its province (one of no country relates to nothing across
    documents); an attached one relates to nothing across documents (its document's precise mentions do).
    """
    kind = role(mention)
    if kind == PRECISE:
        near = _window(mention, settings, 1, roles=(PRECISE,), precisions=(1,))
        if mention.latitude is not None and mention.longitude is not None:  # always so for a precise one
            km = max(settings.fuse_max_km, settings.fuse_same_place_km)
            near = replace(near, box=box_around(mention.latitude, mention.longitude, km), geonameid=mention.geonameid)
        return [near] + (_vague_ones(mention, settings) if mention.country else [])
    if kind != VAGUE:
        return []
    out = _precise_fits(mention, settings)
    return out + (_vague_ones(mention, settings) if mention.country else [])


def _window(mention: Event, settings: Settings, other_precision: int, **narrowing) -> MentionReach:
    a, b = _reach(mention, settings, other_precision)
    return MentionReach(a.isoformat(), b.isoformat(), mention.event_type, **narrowing)


def _vague_ones(mention: Event, settings: Settings) -> list[MentionReach]:
    """Stored vague mentions of each time precision within this mention's reach, of its province (it names a country)."""
    return [
        _window(mention, settings, p, roles=(VAGUE,), precisions=(p,), country=mention.country, admin1=mention.admin1)
        for p in DATE_SLACK_DAYS
    ]


def _precise_fits(vague: Event, settings: Settings) -> list[MentionReach]:
    """Stored precise mentions a vague one could be a vaguer report of: those of its province, none without a country."""
    if vague.country is None:
        return []  # a report of no country fits no other outlet's place (``attachable``)
    return [_window(vague, settings, 1, roles=(PRECISE,), precisions=(1,), country=vague.country, admin1=vague.admin1)]


# Kilometres in one degree of latitude on the sphere ``haversine_km`` uses (6,371 km radius).
_KM_PER_DEGREE = 6371.0 * math.pi / 180


def box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """``(min_lat, max_lat, min_lon, max_lon)`` holding every point within ``km`` of the point (great-circle);
    a box reaching a pole or the antimeridian spans every longitude."""
    dlat = km / _KM_PER_DEGREE * 1.001 + 1e-6  # margin for rounding
    top = abs(lat) + dlat
    if top >= 89.0:
        return lat - dlat, lat + dlat, -180.0, 180.0
    dlon = dlat / math.cos(math.radians(top))
    if lon - dlon < -180.0 or lon + dlon > 180.0:
        return lat - dlat, lat + dlat, -180.0, 180.0
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _reach(mention: Event, settings: Settings, other_precision: int | None = None) -> tuple[date, date]:
    """The first and last day a mention related to this dated one (of that time precision, or any) may bear."""
    d, reach = day(mention), timedelta(days=reach_days(mention, settings, other_precision))
    return d - reach, d + reach


def _candidates(store: Store, reaches: Sequence[MentionReach], own: set[str]) -> list[tuple[str, Event]]:
    """The stored mentions within the reaches (not this document's), with their fused event ids."""
    unique = {m.event_id: (e, m) for e, m in store.mentions_within(reaches) if e is not None and m.event_id not in own}
    return [unique[k] for k in sorted(unique)]
