"""The records one document's events are assembled in, between trigger finding and the exported Event."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from frontwatch.data import read_tsv_dicts
from frontwatch.extract.events import EventMention
from frontwatch.extract.sentences import Sentence
from frontwatch.records import Evidence, Place
from frontwatch.resolve.dates import ResolvedDate


@dataclass(frozen=True)
class Located:
    """A resolved place mention with its offsets in the document."""

    start: int
    end: int
    place: Place
    area: bool = False  # an area written after a place it contains ("Yanfolila (Sikasso)"): that place's, no scene


@dataclass(frozen=True)
class Actor:
    """An actor as it will be exported: canonical name (or as written), inter code, registry id."""

    name: str
    inter: int | None
    actor_id: str | None
    specificity: str | None = None  # the registry's named or descriptive; None when kept as written
    country: str | None = None  # the actor's country (English name, as places have it), when the registry knows


@dataclass
class Draft:
    """An event being assembled from one trigger (or several merged ones) of one document."""

    mention: EventMention
    sentence: Sentence
    event_type: str
    sub_event_type: str
    event_date: ResolvedDate | None
    place: Place | None
    actor1: Actor | None
    actor2: Actor | None
    assoc1: tuple[str, ...]
    assoc2: tuple[str, ...]
    evidence: list[Evidence]
    paragraphs: set[int]
    sentences: set[int]  # indexes of the sentences it rests on
    event_sentences: set[int]  # starts of the sentences whose event (not casualty) triggers it holds
    place_inherited: bool  # the place was named in an earlier sentence, not in this one
    place_after: bool = False  # the place is named after the trigger: the trigger's own locative, not a neighbour's
    also_at: str = ""  # a further town one trigger names (one demonstration per place): keeps the event's id apart


def country_only(place: Place) -> bool:
    """A place that names a country and nothing smaller (a region across provinces, "le Karabakh", is smaller)."""
    return place.geo_precision >= 3 and place.admin1 is None and place.name == place.country


@lru_cache(maxsize=1)
def violence() -> frozenset[str]:
    """ACLED's sub-event types of political violence alone (``taxonomy/acled.tsv``): battles, explosions, attacks
    on civilians, mob violence; not demonstrations nor strategic developments."""
    return frozenset(r["sub_event_type"] for r in read_tsv_dicts("taxonomy", "acled.tsv")
                     if r["disorder_type"] == "Political violence")
