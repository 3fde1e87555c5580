"""Where in the store the stored mentions a new one may relate to lie: fusion's lookup reaches (a superset of the
pairs the relation accepts, tested pairwise afterwards)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

from frontwatch.fuse.cluster import role
from frontwatch.fuse.relation import DATE_SLACK_DAYS, PRECISE, VAGUE, day, reach_days
from frontwatch.records import Event
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store.base import MentionReach


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
    out = precise_fits(mention, settings)
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


def precise_fits(vague: Event, settings: Settings) -> list[MentionReach]:
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
