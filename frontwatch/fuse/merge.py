"""Build one fused event from the set of its mentions; every field is a function of that set alone."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from frontwatch.fuse.notes import write_notes
from frontwatch.fuse.reconcile import disagreements, reconcile
from frontwatch.records import Claim, Event

# Sub-event types that record the outcome of fighting; ACLED codes the capture, not the clash before it.
TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")


def fused_event_id(mentions: Sequence[Event]) -> str:
    """A stable id for a fused event: a hash of its smallest mention id."""
    first = min(m.event_id for m in mentions)
    return hashlib.sha256(f"fused|{first}".encode()).hexdigest()[:16]


def _precision_key(m: Event) -> tuple:
    """Most precise first: day before week before month, place before province; then the mention id."""
    return (m.event_date is None, m.time_precision, m.latitude is None, m.geo_precision, m.event_id)


def _vote(values: Sequence[str | None], fallback: str | None) -> str | None:
    """The most frequent non-empty value (ties: the first, values come most precise report first), else ``fallback``."""
    counts = Counter(v for v in values if v)
    if not counts:
        return fallback
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return min(counts, key=lambda v: (-counts[v], first[v]))


def _claim_key(c: Claim) -> tuple:
    return (c.doc_id, c.evidence.start, c.evidence.end, c.kind, float(c.value), c.subject or "", c.claimant or "", c.qualifier)


def build_event(mentions: Sequence[Event]) -> Event:
    """The fused event of these mentions (any order): fields from the most precise reports, all claims kept."""
    ordered = sorted(mentions, key=_precision_key)
    best = ordered[0]
    sub_types = [m.sub_event_type for m in ordered]
    captured = [s for s in sub_types if s in TERRITORY]
    sub_event_type = _vote(captured or sub_types, best.sub_event_type)
    dated = [m for m in ordered if m.event_date is not None and m.time_precision == best.time_precision]
    event_date = _vote([m.event_date for m in dated], best.event_date) if dated else None
    if event_date is not None and event_date != best.event_date:
        best_dated = [m for m in dated if m.event_date == event_date]
        best = min(best_dated, key=_precision_key) if best_dated else best
    placed = [m for m in ordered if m.latitude is not None]
    place_src = best
    if placed:
        top = min(m.geo_precision for m in placed)
        names = [m.location for m in placed if m.geo_precision == top]
        name = _vote(names, placed[0].location)
        place_src = min((m for m in placed if m.geo_precision == top and m.location == name), key=_precision_key)

    actor1, inter1 = _actor(ordered, "actor1", "inter1", exclude=None)
    actor2, inter2 = _actor(ordered, "actor2", "inter2", exclude=actor1)
    taken = {actor1, actor2}
    assoc1 = tuple(dict.fromkeys(a for m in ordered for a in m.assoc_actor_1 if a not in taken))
    assoc2 = tuple(dict.fromkeys(a for m in ordered for a in m.assoc_actor_2 if a not in taken and a not in assoc1))

    claims: dict[tuple, Claim] = {}
    for m in sorted(mentions, key=lambda m: m.event_id):
        for c in m.claims:
            claims.setdefault(_claim_key(c), c)
    all_claims = tuple(claims[k] for k in sorted(claims))
    sources = {s.doc_id: s for m in ordered for s in m.sources}
    evidence = {(e.doc_id, e.start, e.end): e for m in ordered for e in m.evidence}
    tolls = reconcile(all_claims)
    fused_sources = tuple(sources[k] for k in sorted(sources))
    event = Event(
        event_id=fused_event_id(mentions),
        event_type=best.event_type,
        sub_event_type=sub_event_type or best.sub_event_type,
        event_date=event_date,
        time_precision=best.time_precision if event_date is not None else 3,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc1,
        assoc_actor_2=assoc2,
        inter1=inter1,
        inter2=inter2,
        country=place_src.country,
        admin1=place_src.admin1,
        admin2=place_src.admin2,
        location=place_src.location,
        latitude=place_src.latitude,
        longitude=place_src.longitude,
        geo_precision=place_src.geo_precision,
        geonameid=place_src.geonameid,
        fatalities=tolls.fatalities,
        fatalities_low=tolls.low,
        fatalities_best=tolls.best,
        fatalities_high=tolls.high,
        claims=all_claims,
        sources=fused_sources,
        evidence=tuple(evidence[k] for k in sorted(evidence)),
        trigger=best.trigger,
        extra={
            "mention_ids": sorted(m.event_id for m in mentions),
            "disagreements": [g.to_dict() for g in disagreements(all_claims, fused_sources)],
            "place_method": place_src.extra.get("place_method"),
            "place_reason": place_src.extra.get("place_reason"),
            "pcodes": place_src.extra.get("pcodes") or {},
            "actor1_text": None if actor1 else _first_text(ordered, "actor1_text"),
            "actor2_text": None if actor2 else _first_text(ordered, "actor2_text"),
        },
    )
    return replace(event, notes=write_notes(event))


def _first_text(ordered: Sequence[Event], key: str) -> str | None:
    """The words of an unresolved party as the most precise report wrote them."""
    return next((m.extra[key] for m in ordered if m.extra.get(key)), None)


def _actor(ordered: Sequence[Event], name_field: str, inter_field: str, exclude: str | None) -> tuple[str | None, int | None]:
    """The actor most reports name in this role, registry actors (with an inter code) first."""
    known = [getattr(m, name_field) for m in ordered if getattr(m, inter_field) is not None and getattr(m, name_field) != exclude]
    written = [getattr(m, name_field) for m in ordered if getattr(m, name_field) not in (None, exclude)]
    name = _vote(known, None) or (written[0] if written else None)
    if name is None:
        return None, None
    inters = [getattr(m, inter_field) for m in ordered if getattr(m, name_field) == name and getattr(m, inter_field) is not None]
    return name, (inters[0] if inters else None)
