"""Test data for the store tests: real French wire copy and hand-built events with claims and evidence."""

from __future__ import annotations

import dataclasses
from datetime import date
from hashlib import sha256

from wire_texts import GAZA, KHARKIV, MALI, SUDAN

from frontwatch.records import Claim, Document, Event, Evidence, Source


def make_document(
    doc_id: str, text: str, publisher: str = "AFP", published: date | None = date(2024, 3, 14)
) -> Document:
    """A stored document whose hash is the hash of its text."""
    return Document(
        doc_id=doc_id,
        text=text,
        original=f"<p>{text}</p>",
        content_hash=sha256(text.encode()).hexdigest(),
        title=text[:40],
        url=f"https://example.org/{doc_id}",
        publisher=publisher,
        published=published,
        language="fr",
        source=f"{doc_id}.html",
    )


def evidence(doc: Document, phrase: str) -> Evidence:
    """Evidence for a phrase of the document, with its real offsets."""
    start = doc.text.index(phrase)
    return Evidence(doc.doc_id, start, start + len(phrase), phrase)


def make_event(
    event_id: str,
    doc: Document,
    phrase: str,
    *,
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Shelling/artillery/missile attack",
    event_date: str | None = "2024-03-14",
    actor1: str | None = "Military Forces of Russia (2000-)",
    actor2: str | None = "Civilians (Ukraine)",
    assoc_actor_1: tuple[str, ...] = (),
    location: str | None = "Kharkiv",
    country: str | None = "Ukraine",
    lat: float | None = 49.98081,
    lon: float | None = 36.25272,
    fatalities: int = 12,
    claims: tuple[tuple[str, int, str, str | None, str | None, str], ...] = (),
    notes: str = "",
) -> Event:
    """An event read from ``phrase`` of ``doc``; each claim is (kind, value, qualifier, subject, claimant, phrase)."""
    built = tuple(
        Claim(kind, value, qualifier, doc.doc_id, evidence(doc, where), subject=subject, claimant=claimant)
        for kind, value, qualifier, subject, claimant, where in claims
    )
    return Event(
        event_id=event_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_date=event_date,
        time_precision=1,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc_actor_1,
        inter1=1,
        inter2=7 if actor2 and actor2.startswith("Civilians") else 1,
        country=country,
        admin1=None,
        location=location,
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        fatalities=fatalities,
        fatalities_low=fatalities,
        fatalities_best=fatalities,
        fatalities_high=fatalities,
        claims=built,
        sources=(Source(doc.doc_id, doc.publisher, doc.url, doc.published.isoformat() if doc.published else None),),
        evidence=(evidence(doc, phrase),),
        notes=notes or f"Event reported by {doc.publisher}.",
        trigger=phrase.split()[0],
    )


def mention_of(event: Event, suffix: str = "m") -> Event:
    """The single-document mention a fused event was built from (same content, its own id)."""
    return dataclasses.replace(event, event_id=f"{event.event_id}-{suffix}")


def build_corpus() -> dict[str, tuple[Document, Event]]:
    """Four documents from four theatres, each with its one fused event."""
    kharkiv = make_document("reuters-kharkiv", KHARKIV, publisher="Reuters")
    mali = make_document("afp-djiguibombo", MALI, published=date(2022, 7, 2))
    sudan = make_document("afp-wad-madani", SUDAN, published=date(2023, 12, 19))
    gaza = make_document("afp-rafah", GAZA, published=date(2024, 2, 12))
    return {
        "kharkiv": (
            kharkiv,
            make_event(
                "ev-kharkiv",
                kharkiv,
                "frappe de missile russe sur Kharkiv",
                claims=(
                    (
                        "killed",
                        12,
                        "at_least",
                        "civilians",
                        "Kharkiv Regional Military Administration",
                        "Au moins douze civils",
                    ),
                    (
                        "equipment_destroyed",
                        3,
                        "exact",
                        "tanks",
                        "Ministry of Defence of Russia",
                        "trois chars ukrainiens",
                    ),
                ),
            ),
        ),
        "mali": (
            mali,
            make_event(
                "ev-djiguibombo",
                mali,
                "ont tué au moins 40 civils",
                event_type="Violence against civilians",
                sub_event_type="Attack",
                event_date="2022-07-02",
                actor1="Unidentified Armed Group (Mali)",
                actor2="Civilians (Mali)",
                location="Djiguibombo",
                country="Mali",
                lat=14.35,
                lon=-3.47,
                fatalities=40,
                claims=(("killed", 40, "at_least", "civilians", None, "au moins 40 civils"),),
            ),
        ),
        "sudan": (
            sudan,
            make_event(
                "ev-wad-madani",
                sudan,
                "ont pris le contrôle de Wad Madani",
                event_type="Battles",
                sub_event_type="Non-state actor overtakes territory",
                event_date="2023-12-19",
                actor1="Rapid Support Forces",
                actor2="Military Forces of Sudan (2019-)",
                assoc_actor_1=("Misseriya Ethnic Militia (Sudan)",),
                location="Wad Madani",
                country="Sudan",
                lat=14.40118,
                lon=33.51989,
                fatalities=25,
                claims=(
                    (
                        "killed",
                        25,
                        "exact",
                        "Military Forces of Sudan (2019-)",
                        "Military Forces of Sudan (2019-)",
                        "25 soldats tués",
                    ),
                ),
            ),
        ),
        "gaza": (
            gaza,
            make_event(
                "ev-rafah",
                gaza,
                "frappes israéliennes sur Rafah",
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                event_date="2024-02-12",
                actor1="Military Forces of Israel (2022-)",
                actor2="Civilians (Palestine)",
                location="Rafah",
                country="Palestinian Territory",
                lat=31.29722,
                lon=34.24357,
                fatalities=31,
                claims=(("killed", 31, "exact", None, "Ministry of Health of Gaza", "31 morts"),),
                notes="Israeli air strikes on Rafah; the Gaza health ministry reports deaths.",
            ),
        ),
    }
