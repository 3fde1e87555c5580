"""The pairwise "same happening" tests between mentions, and each mention's role in fusion.

A mention is *precise* when it has a day-precise date and a point at place or "near place" precision;
otherwise it is *vague*. Precise mentions fuse with precise mentions (same type, same day, or as many days
apart as their sub-event type allows (``report_days``) with similar evidence, same place, compatible actors).
A vague mention cannot bridge two precise ones: it joins the precise happening it fits best (``fit_strength``)
when one fits strictly better than the others, and otherwise fuses only with other vague mentions of the same
province; another outlet's happening it may join only when it names a country (``cluster.attachable``). Every test here is symmetric and reads two mentions only.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from functools import lru_cache

from frontwatch.data import read_tsv_dicts
from frontwatch.records import Event
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.settings import SETTINGS, Settings

# Half-width in days of the window an event date stands for, by ACLED time precision (1 day, 2 a few
# days or a week, 3 a month or vaguer).
DATE_SLACK_DAYS = {1: 0, 2: 3, 3: 15}
MAX_SLACK_DAYS = max(DATE_SLACK_DAYS.values())

PRECISE = "precise"
ATTACHED = "attached"
VAGUE = "vague"

_WORD = re.compile(r"\w+")


def day(event: Event) -> date | None:
    """The event's date as a ``date``, None when undated."""
    return date.fromisoformat(event.event_date) if event.event_date else None


def is_precise(event: Event) -> bool:
    """Day-precise date and a located place at place or "near place" precision."""
    return (
        event.event_date is not None
        and event.time_precision == 1
        and event.latitude is not None
        and event.longitude is not None
        and event.geo_precision <= 2
    )


@lru_cache(maxsize=1)
def _report_days() -> dict[str, int]:
    return {row["sub_event_type"]: int(row["report_days"]) for row in read_tsv_dicts("taxonomy", "fusion.tsv")}


def report_days(sub_event_type: str, settings: Settings = SETTINGS) -> int:
    """How many days apart two reports of one happening of this sub-event type may be dated (data/taxonomy/fusion.tsv)."""
    return max(settings.fuse_max_days, _report_days().get(sub_event_type, 0))


def max_report_days(settings: Settings = SETTINGS) -> int:
    """The widest day gap any pair of precise reports may span."""
    return max([settings.fuse_max_days, *_report_days().values()])


def reach_days(event: Event, settings: Settings = SETTINGS, other_precision: int | None = None) -> int:
    """How many days either side of this mention's date a related mention (of that time precision, or any)
    may lie."""
    other = MAX_SLACK_DAYS if other_precision is None else DATE_SLACK_DAYS.get(other_precision, MAX_SLACK_DAYS)
    return max_report_days(settings) + DATE_SLACK_DAYS.get(event.time_precision, MAX_SLACK_DAYS) + other


def _km(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def same_place(a: Event, b: Event, settings: Settings = SETTINGS) -> bool:
    """Both precise places name one place: same gazetteer entry, or close enough for their precision."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    km = _km(a, b)
    if km is None:
        return False
    if a.geo_precision == 2 or b.geo_precision == 2:  # "near X" or part of a region
        return km <= settings.fuse_max_km
    return km <= settings.fuse_same_place_km


def same_province(a: Event, b: Event) -> bool:
    """Same country, and the same first-level area when both name one."""
    if a.country is None or a.country != b.country:
        return False
    return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1


def dates_overlap(a: Event, b: Event, settings: Settings = SETTINGS) -> bool:
    """The windows the two dates stand for (given their precisions) overlap: two day-precise dates are equal."""
    da, db = day(a), day(b)
    if da is None or db is None:
        return False
    slack = DATE_SLACK_DAYS.get(a.time_precision, MAX_SLACK_DAYS) + DATE_SLACK_DAYS.get(b.time_precision, MAX_SLACK_DAYS)
    return abs((da - db).days) <= slack


@lru_cache(maxsize=4)
def _actor_index(lang: str) -> tuple[dict[str, str], object]:
    from frontwatch.resolve.actors import ActorRegistry

    registry = ActorRegistry.load(lang)
    return {actor.name: actor.id for actor in registry}, registry


def _actor_ok(x: str | None, y: str | None) -> bool:
    """Equal, one unknown (absent or not a registry actor), or the same side or declared allies."""
    if x is None or y is None or x == y:
        return True
    ids, registry = _actor_index("fr")
    ix, iy = ids.get(x), ids.get(y)
    if ix is None or iy is None:
        return True
    sx, sy = registry.side(ix), registry.side(iy)  # type: ignore[attr-defined]
    return sx == sy or registry.linked("allies", sx, sy)  # type: ignore[attr-defined]


def actors_compatible(a: Event, b: Event) -> bool:
    """The two actor pairs agree position by position, or with the sides swapped when both reports name two sides."""
    return _actors_compatible(a.actor1, a.actor2, b.actor1, b.actor2)


@lru_cache(maxsize=65_536)  # a function of four names and the (immutable) registry: each combination read once
def _actors_compatible(a1: str | None, a2: str | None, b1: str | None, b2: str | None) -> bool:
    if _actor_ok(a1, b1) and _actor_ok(a2, b2):
        return True
    if a2 is None or b2 is None:  # a one-sided report's actor1 is the side that acted
        return False
    return _actor_ok(a1, b2) and _actor_ok(a2, b1)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.util import get_lang_class

    from frontwatch.nlp.model import MODELS

    words: set[str] = set()
    for lang in MODELS:
        words |= set(get_lang_class(lang).Defaults.stop_words)
    return frozenset(words)


def content_words(event: Event) -> frozenset[str]:
    """Lower-cased words of three letters or more in the event's evidence, stop words left out.

    Computed once per record: the set is kept on the (frozen, so unchanging) record itself, outside its fields, so
    it is never serialised, compared or copied by ``dataclasses.replace``; fusion reads it for every pair.
    """
    words = event.__dict__.get(_WORDS_ATTR)
    if words is None:
        words = event.__dict__[_WORDS_ATTR] = _evidence_words(event.evidence)
    return words


_WORDS_ATTR = "_fuse_content_words"


@lru_cache(maxsize=65_536)  # fusion compares each new mention with many stored ones: each is read once
def _evidence_words(evidence: tuple) -> frozenset[str]:
    stop = _stop_words()
    return frozenset(
        w for e in evidence for w in _WORD.findall(e.text.lower()) if len(w) > 2 and not w.isdigit() and w not in stop
    )


def evidence_overlap(a: Event, b: Event) -> float:
    """Share of the smaller evidence vocabulary found in the other (overlap coefficient), 0 when either is empty."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def related_precise(a: Event, b: Event, settings: Settings = SETTINGS) -> bool:
    """Two precise mentions report one happening."""
    if a.event_type != b.event_type or not same_place(a, b, settings) or not actors_compatible(a, b):
        return False
    da, db = day(a), day(b)
    if da is None or db is None:
        return False
    gap = abs((da - db).days)
    if gap == 0:
        return True
    days = report_days(a.sub_event_type, settings) if a.sub_event_type == b.sub_event_type else settings.fuse_max_days
    return gap <= days and evidence_overlap(a, b) >= settings.fuse_min_overlap


def fits_precise(vague: Event, precise: Event, settings: Settings = SETTINGS) -> bool:
    """A vague mention could be a vaguer report of this precise one (same document: see ``roles``)."""
    if vague.event_type != precise.event_type or not dates_overlap(vague, precise, settings):
        return False
    if vague.latitude is not None or vague.country is not None:
        if not same_province(vague, precise):
            return False
    if vague.geo_precision <= 2 and vague.latitude is not None and not same_place(vague, precise, settings):
        return False  # vague in time only: a report placed in another town is another event
    return actors_compatible(vague, precise)


def fit_strength(vague: Event, precise: Event) -> tuple[int, float]:
    """How well a vague report fits a precise one it could be a vaguer account of: the parties it names that the
    precise one names in the same roles (or both swapped), then the share of evidence words (to 0.01)."""
    straight = sum(x is not None and x == y for x, y in ((vague.actor1, precise.actor1), (vague.actor2, precise.actor2)))
    swapped = sum(x is not None and x == y for x, y in ((vague.actor1, precise.actor2), (vague.actor2, precise.actor1)))
    return max(straight, swapped), round(evidence_overlap(vague, precise), 2)


def related_vague(a: Event, b: Event, settings: Settings = SETTINGS) -> bool:
    """Two vague mentions report one happening: same type and province, overlapping dates, similar evidence."""
    if a.event_type != b.event_type or not dates_overlap(a, b, settings):
        return False
    if not same_province(a, b) or not actors_compatible(a, b):
        return False
    if a.geo_precision <= 2 and b.geo_precision <= 2 and not same_place(a, b, settings):
        return False  # vague in time but both placed: two towns stay two events
    return evidence_overlap(a, b) >= settings.fuse_min_overlap


def fusion_class(event: Event, role: str) -> str:
    """A hash of everything the pairwise tests here read of a mention in this fusion role: its type and sub-type,
    day and time precision, point, place precision, gazetteer entry, province, actors and evidence words.

    Two mentions of one class relate alike to any third (only their documents and ids differ), so a happening
    reported many times is compared by its classes, each once (``fuse.classes``). 128 bits: no two classes that
    a store could hold share one.
    """
    parts = [
        role, event.event_type, event.sub_event_type, event.event_date, event.time_precision, event.latitude,
        event.longitude, event.geo_precision, event.geonameid, event.country, event.admin1, event.actor1,
        event.actor2, sorted(content_words(event)),
    ]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
