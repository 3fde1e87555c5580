"""One-sentence English notes in ACLED's style, written from an event's fields and nothing else."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from frontwatch.data import read_tsv_dicts
from frontwatch.records import Event


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict[str, str]]:
    return {row["sub_event_type"]: row for row in read_tsv_dicts("taxonomy", "notes_en.tsv")}


def _when(event: Event) -> str:
    if event.event_date is None:
        return "On an unknown date"
    day = date.fromisoformat(event.event_date)
    if event.time_precision >= 3:
        return f"In {day:%B %Y}"
    if event.time_precision == 2:
        return f"Around {day.day} {day:%B %Y}"
    return f"On {day.day} {day:%B %Y}"


def _who(name: str | None, allies: tuple[str, ...]) -> str:
    base = name or "unidentified actors"
    if allies:
        return f"{base} and allied groups ({', '.join(allies)})"
    return base


def _where(event: Event) -> str:
    if event.location is None:
        return ""
    parts = [event.location]
    for area in (event.admin1, event.country):
        if area and area not in parts:
            parts.append(area)
    preposition = "near" if event.geo_precision == 2 else "in"
    return f" {preposition} {', '.join(parts)}"


def _tolls(event: Event) -> str:
    if event.fatalities_low is None:
        if event.fatalities_high:
            return f"; up to {event.fatalities_high} reported killed, by partisan or unconfirmed claims only"
        return ""
    low, high = event.fatalities_low, event.fatalities_high
    if low == high:
        return f"; {low} reported killed"
    return f"; reported fatalities range from {low} to {high}"


def write_notes(event: Event) -> str:
    """'On 27 November 2024, HTS clashed with Military Forces of Syria in Aleppo, Syria; ...' from the fields."""
    row = _templates().get(event.sub_event_type)
    a1 = _who(event.actor1, event.assoc_actor_1)
    a2 = _who(event.actor2, event.assoc_actor_2) if event.actor2 else None
    if row is None:
        action = f"{a1} was involved in an event of type {event.sub_event_type}"
    elif a2 is not None:
        action = row["with_actor2"].format(a1=a1, a2=a2)
    else:
        action = row["without_actor2"].format(a1=a1)
    return f"{_when(event)}, {action}{_where(event)}{_tolls(event)}."
