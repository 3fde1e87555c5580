"""Hand-built mentions and claims in the style of French wire copy, for the fusion tests."""

from __future__ import annotations

import hashlib

from frontwatch.records import Claim, Event, Evidence, Source

PLACES = {
    # name: (lat, lon, admin1, country, geonameid)
    "Kramatorsk": (48.7232, 37.5563, "Donetsk", "Ukraine", 704147),
    "Sloviansk": (48.8526, 37.6051, "Donetsk", "Ukraine", 700569),
    "Donetsk": (48.0, 37.8, "Donetsk", "Ukraine", None),
    "El Fasher": (13.6279, 25.3494, "North Darfur", "Sudan", 371080),
    "Gao": (16.2666, -0.0400, "Gao", "Mali", 2457163),
}


def evidence(doc_id: str, text: str, start: int = 0) -> Evidence:
    """Evidence for a sentence of a hand-built document."""
    return Evidence(doc_id, start, start + len(text), text)


def mention(
    doc_id: str,
    text: str,
    *,
    place: str = "Kramatorsk",
    day: str = "2024-06-12",
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Shelling/artillery/missile attack",
    actor1: str | None = "Military Forces of Russia (2000-)",
    inter1: int | None = 8,
    actor2: str | None = None,
    time_precision: int = 1,
    geo_precision: int = 1,
    start: int = 0,
    claims: tuple[Claim, ...] = (),
    publisher: str | None = None,
) -> Event:
    """One document's mention of an event, as extraction would produce it."""
    lat, lon, admin1, country, gid = PLACES[place]
    mid = hashlib.sha256(f"{doc_id}|{start}|{event_type}".encode()).hexdigest()[:16]
    return Event(
        event_id=mid,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_date=day,
        time_precision=time_precision,
        actor1=actor1,
        actor2=actor2,
        inter1=inter1 if actor1 else None,
        country=country,
        admin1=admin1,
        location=place if geo_precision < 3 else admin1,
        latitude=lat,
        longitude=lon,
        geo_precision=geo_precision,
        geonameid=gid if geo_precision < 3 else None,
        claims=claims,
        sources=(Source(doc_id, publisher=publisher, published=day),),
        evidence=(evidence(doc_id, text, start),),
    )


def claim(
    value: int,
    *,
    doc_id: str = "d1",
    claimant: str | None = None,
    relation: str | None = "outlet",
    subject: str | None = None,
    qualifier: str = "exact",
    part: bool = False,
    hedged: bool = False,
    start: int = 0,
    kind: str = "killed",
) -> Claim:
    """A claim read from one sentence of a hand-built document."""
    return Claim(
        kind=kind,
        value=value,
        qualifier=qualifier,
        doc_id=doc_id,
        evidence=evidence(doc_id, f"phrase {start}", start),
        subject=subject,
        claimant=claimant,
        claimant_relation=relation,
        part_of_total=part,
        hedged=hedged,
    )
