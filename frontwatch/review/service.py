"""What an analyst may do to an event, checked before the store records it (``frontwatch.store.review``).

Each action names the analyst and writes one audit row per change. Values are checked here: ACLED's taxonomy
for types, ISO dates, precisions 1-3, inter codes 1-8, a place picked among the gazetteer's candidates for a
name or a point in WGS84 degrees, fatalities a count with a reason. Texts are kept as typed (stripped), never
interpreted: the page shows them as text.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

from frontwatch.data import read_tsv_dicts
from frontwatch.errors import InputError
from frontwatch.store import review as layer
from frontwatch.store.base import EventQuery
from frontwatch.store.review import NoSuchEvent

# What ``correct`` accepts: the coded fields and ``place`` (a gazetteer candidate or a point).
CORRECTABLE = (
    "event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2", "assoc_actor_1",
    "assoc_actor_2", "inter1", "inter2", "geo_precision", "fatalities", "place",
)
MAX_REASON = 2000
MAX_TEXT = 300
MAX_ACTORS = 20
MAX_FATALITIES = 1_000_000


class ReviewRejected(InputError):
    """A review action that cannot be done as asked (a bad value, a missing reason)."""


__all__ = ["CORRECTABLE", "NoSuchEvent", "ReviewRejected", "audit", "confirm", "correct", "merge",
           "place_candidates", "reject", "review_queue", "split"]


@lru_cache(maxsize=1)
def _taxonomy() -> dict[str, str]:
    """sub_event_type -> event_type, from ACLED's taxonomy table."""
    return {r["sub_event_type"]: r["event_type"] for r in read_tsv_dicts("taxonomy", "acled.tsv")}


def _text(name: str, value: Any, limit: int = MAX_TEXT, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise ReviewRejected(f"{name} is required.")
        return None
    if not isinstance(value, str):
        raise ReviewRejected(f"{name} must be a string.")
    value = value.strip()
    if any(ord(ch) < 32 and ch not in "\n\t" or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ReviewRejected(f"{name} must not contain control characters.")
    if len(value) > limit:
        raise ReviewRejected(f"{name} is longer than {limit} characters.")
    if not value:
        if required:
            raise ReviewRejected(f"{name} is required.")
        return None
    return value


def _reason(reason: Any, required: bool, why: str = "") -> str | None:
    text = _text("reason", reason, MAX_REASON)
    if required and text is None:
        raise ReviewRejected(f"A reason is required{why}.")
    return text


def _int(name: str, value: Any, low: int, high: int, *, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ReviewRejected(f"{name} must be an integer from {low} to {high}{' or null' if nullable else ''}.")
    return value


def _number(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ReviewRejected(f"{name} must be a number.")
    if not low <= value <= high:
        raise ReviewRejected(f"{name} must lie between {low:g} and {high:g}.")
    return float(value)


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ReviewRejected("event_date must be an ISO date YYYY-MM-DD or null.")


def _actors(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_ACTORS:
        raise ReviewRejected(f"{name} must be a list of at most {MAX_ACTORS} actor names.")
    return [a for a in (_text(name, v) for v in value) if a]


def _event_or_404(store, event_id: str):
    event = store.get_event(event_id)
    if event is None:
        raise NoSuchEvent(event_id)
    return event


def _result(store, event_id: str, rows: list) -> dict[str, Any]:
    return {"event_id": event_id, "changes": [r.to_dict() for r in rows]}


def confirm(store, event_id: str, analyst: str, reason: str | None = None) -> dict[str, Any]:
    """Mark the event as checked and right as it stands (values set earlier stay)."""
    eid, rows = layer.change(store, event_id, analyst, "confirm", status="confirmed", reason=_reason(reason, False))
    return _result(store, eid, rows)


def reject(store, event_id: str, analyst: str, reason: str | None) -> dict[str, Any]:
    """Mark the event as no event (hidden by the exports' and the map's filters, kept in the store)."""
    eid, rows = layer.change(store, event_id, analyst, "reject", status="rejected",
                             reason=_reason(reason, True, " to reject an event"))
    return _result(store, eid, rows)


def correct(store, event_id: str, analyst: str, changes: dict[str, Any], reason: str | None = None) -> dict[str, Any]:
    """Set coded fields; the event becomes ``corrected``. ``changes`` holds any of ``CORRECTABLE``; ``place`` is
    ``{"geonameid": N, "name": "..."}`` (a candidate of ``place_candidates(name)``) or ``{"latitude": .., "longitude":
    .., "location"?, "country"?, "admin1"?}``, with an optional ``geo_precision``. Fatalities need a reason."""
    if not isinstance(changes, dict) or not changes:
        raise ReviewRejected("Give at least one field to correct.")
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ReviewRejected(f"Fields that cannot be corrected: {', '.join(unknown)}; expected {', '.join(CORRECTABLE)}.")
    event = _event_or_404(store, event_id)
    fields: dict[str, Any] = {}
    taxonomy = _taxonomy()
    if "sub_event_type" in changes or "event_type" in changes:
        sub = changes.get("sub_event_type", event.sub_event_type)
        kind = changes.get("event_type", taxonomy.get(sub) if "sub_event_type" in changes else event.event_type)
        if sub not in taxonomy:
            raise ReviewRejected(f"Unknown sub_event_type {str(sub)[:100]!r}: expected ACLED's spelling.")
        if taxonomy[sub] != kind:
            raise ReviewRejected(f"sub_event_type {sub!r} belongs to {taxonomy[sub]!r}, not {str(kind)[:100]!r}.")
        fields.update(event_type=kind, sub_event_type=sub)
    if "event_date" in changes:
        fields["event_date"] = _date(changes["event_date"])
    if "time_precision" in changes:
        fields["time_precision"] = _int("time_precision", changes["time_precision"], 1, 3)
    for name in ("actor1", "actor2"):
        if name in changes:
            fields[name] = _text(name, changes[name])
    for name in ("assoc_actor_1", "assoc_actor_2"):
        if name in changes:
            fields[name] = _actors(name, changes[name])
    for name in ("inter1", "inter2"):
        if name in changes:
            fields[name] = _int(name, changes[name], 1, 8, nullable=True)
    if "geo_precision" in changes:
        fields["geo_precision"] = _int("geo_precision", changes["geo_precision"], 1, 3)
    if "place" in changes:
        fields.update(_place(changes["place"], fields.get("geo_precision")))
    if "fatalities" in changes:
        fields["fatalities"] = _int("fatalities", changes["fatalities"], 0, MAX_FATALITIES)
    text = _reason(reason, "fatalities" in changes, " to correct fatalities")
    eid, rows = layer.change(store, event_id, analyst, "correct", status="corrected", fields=fields, reason=text)
    return _result(store, eid, rows)


def _place(place: Any, precision: int | None) -> dict[str, Any]:
    if not isinstance(place, dict):
        raise ReviewRejected("place must be an object: a gazetteer candidate {geonameid, name} or a point {latitude, longitude}.")
    if "geo_precision" in place:
        precision = _int("geo_precision", place["geo_precision"], 1, 3)
    if place.get("geonameid") is not None:
        name = _text("place.name", place.get("name"), required=True)
        gid = _int("place.geonameid", place["geonameid"], 1, 2**31 - 1)
        found = next((c for c in place_candidates(name, limit=200) if c["geonameid"] == gid), None)
        if found is None:
            raise ReviewRejected(f"No gazetteer candidate for {name[:100]!r} has GeoNames id {gid}.")
        return {"location": found["name"], "latitude": found["latitude"], "longitude": found["longitude"],
                "geonameid": gid, "country": found["country"], "admin1": found["admin1"], "admin2": found["admin2"],
                "geo_precision": precision or 1}
    if "latitude" in place or "longitude" in place:
        out: dict[str, Any] = {
            "latitude": _number("place.latitude", place.get("latitude"), -90, 90),
            "longitude": _number("place.longitude", place.get("longitude"), -180, 180),
            "geonameid": None, "geo_precision": precision or 1,
        }
        for name in ("location", "country", "admin1"):
            if place.get(name) is not None:
                out[name] = _text(f"place.{name}", place[name])
        return out
    raise ReviewRejected("place needs a geonameid and name (a gazetteer candidate) or a latitude and longitude.")


def place_candidates(name: str, country: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Gazetteer entries a place name may denote, most populous first (for picking an event's place)."""
    from frontwatch.resolve.gazetteer import Gazetteer

    name = _text("q", name, required=True) or ""
    found = Gazetteer.default().search(name, fuzzy=False)
    if country:
        wanted = country.strip().lower()
        found = [c for c in found if wanted in ((c.country or "").lower(), (c.country_code or "").lower())]
    found.sort(key=lambda c: (-c.population, c.name, c.geonameid or 0))
    out, seen = [], set()
    for c in found:
        if c.geonameid is None or c.geonameid in seen:
            continue
        seen.add(c.geonameid)
        out.append({"geonameid": c.geonameid, "name": c.name, "latitude": c.latitude, "longitude": c.longitude,
                    "country": c.country, "country_code": c.country_code, "admin1": c.admin1, "admin2": c.admin2,
                    "feature_code": c.feature_code, "population": c.population})
        if len(out) >= limit:
            break
    return out


def merge(store, event_id: str, other_id: str, analyst: str, reason: str | None = None) -> dict[str, Any]:
    """Merge ``other_id`` into ``event_id`` (one happening reported as two); the result is ``corrected``."""
    other_id = _text("other_event_id", other_id, required=True) or ""
    merged = layer.merge(store, event_id, other_id, analyst, _reason(reason, False))
    return {"event_id": merged, "merged": sorted({event_id, other_id})}


def split(store, event_id: str, doc_id: str, analyst: str, reason: str | None = None) -> dict[str, Any]:
    """Take one document's reports out of an event into an event of their own (``machine``: still to check)."""
    doc_id = _text("doc_id", doc_id, required=True) or ""
    kept, new = layer.split(store, event_id, doc_id, analyst, _reason(reason, False))
    return {"event_id": kept, "new_event_id": new}


def audit(store, event_id: str) -> dict[str, Any]:
    """An event's review status, the values analysts set (with the machine's) and every change, oldest first."""
    event = _event_or_404(store, event_id)
    review = event.extra.get("review") if isinstance(event.extra.get("review"), dict) else {}
    return {
        "event_id": event_id,
        "review_status": review.get("status", "machine"),
        "fields": {name: _plain(getattr(event, name)) for name in review.get("fields", [])},
        "machine": review.get("machine", {}),
        "audit": [row.to_dict() for row in layer.audit_of(store, event_id)],
    }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def review_queue(store, query: EventQuery, order: str = "newest") -> list[dict[str, Any]]:
    """Events to check: ``machine`` ones by default, newest then most reported first (or ``order="reported"``)."""
    return layer.queue(store, replace(query), order)
