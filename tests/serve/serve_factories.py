"""Test data for the server tests: French wire copy about Ukraine, Syria, the Sahel, Sudan, Gaza and the DRC,
hand-built into events with claims and evidence at their real offsets, plus a hostile document."""

from __future__ import annotations

import dataclasses
from datetime import date
from hashlib import sha256

from wire_texts import GAZA, KHARKIV, MALI, SUDAN

from frontwatch.records import Claim, Document, Event, Evidence, Source

ALEP = (
    "BEYROUTH, 28 novembre (AFP) - Les combats entre l'armée syrienne et les jihadistes de Hayat Tahrir al-Sham "
    "ont fait 311 morts en deux jours dans la province d'Alep, selon l'Observatoire syrien des droits de l'homme. "
    "Le ministère russe de la Défense a affirmé que ses frappes avaient tué 200 combattants mercredi et 400 jeudi."
)
DONETSK = (
    "Des bombardements ont visé la région de Donetsk dans la nuit, a indiqué l'état-major ukrainien, "
    "sans préciser de localité ni de bilan."
)
# Text an attacker controls: markup in the body, the title and the publisher, a javascript: URL.
HOSTILE = (
    "GOMA, 3 mars (AFP) - <script>window.__pwned = 'script'</script>Les rebelles du M23 ont tué 5 civils "
    "<img src=x onerror=\"window.__pwned = 'img'\"> près de Goma, selon la société civile. "
    "<a href=\"javascript:window.__pwned='link'\">lire</a>"
)
HOSTILE_URL = "javascript:window.__pwned='url'"
HOSTILE_PUBLISHER = "<img src=x onerror=\"window.__pwned='publisher'\">"


def make_document(doc_id: str, text: str, publisher: str, published: date | None, url: str | None = None) -> Document:
    """A stored document whose hash is the hash of its text."""
    return Document(
        doc_id=doc_id,
        text=text,
        original=text,
        content_hash=sha256(text.encode()).hexdigest(),
        title=text[: text.index(" - ")] if " - " in text else text[:40],
        url=url if url is not None else f"https://example.org/{doc_id}",
        publisher=publisher,
        published=published,
        language="fr",
        source=f"{doc_id}.txt",
    )


def evidence(doc: Document, phrase: str) -> Evidence:
    """Evidence for a phrase of the document, with its real offsets."""
    start = doc.text.index(phrase)
    return Evidence(doc.doc_id, start, start + len(phrase), phrase)


def source(doc: Document) -> Source:
    """The document as an event's source."""
    published = doc.published.isoformat() if doc.published else None
    return Source(doc.doc_id, doc.publisher, doc.url, published)


def claim(doc: Document, phrase: str, kind: str, value: int, qualifier: str = "exact", **kw) -> Claim:
    """A claim read from a phrase of the document."""
    return Claim(kind, value, qualifier, doc.doc_id, evidence(doc, phrase), **kw)


def _kharkiv() -> tuple[Document, Event]:
    doc = make_document("reuters-kharkiv", KHARKIV, "Reuters", date(2024, 3, 14))
    return doc, Event(
        event_id="ev-kharkiv",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_date="2024-03-14",
        time_precision=1,
        actor1="Military Forces of Russia (2000-)",
        inter1=8,
        actor2="Civilians (Ukraine)",
        inter2=7,
        country="Ukraine",
        admin1="Kharkiv",
        location="Kharkiv",
        latitude=49.98081,
        longitude=36.25272,
        geo_precision=1,
        fatalities=12,
        fatalities_low=12,
        fatalities_best=12,
        fatalities_high=12,
        claims=(
            claim(doc, "Au moins douze civils", "killed", 12, "at_least", subject="civilians",
                  claimant="Governor of Kharkiv Oblast", claimant_relation="own_side"),
            claim(doc, "détruit trois chars", "equipment_destroyed", 3, subject="tanks",
                  claimant="Ministry of Defence of Russia", claimant_relation="enemy"),
        ),
        sources=(source(doc),),
        evidence=(evidence(doc, "une frappe de missile russe sur Kharkiv"),),
        notes="A Russian missile strike on Kharkiv killed at least 12 civilians.",
    )


def _aleppo() -> tuple[Document, Event]:
    doc = make_document("afp-alep", ALEP, "AFP", date(2024, 11, 28))
    return doc, Event(
        event_id="ev-alep",
        event_type="Battles",
        sub_event_type="Armed clash",
        event_date="2024-11-27",
        time_precision=2,
        actor1="Hayat Tahrir al-Sham",
        inter1=2,
        actor2="Military Forces of Syria (2000-2024)",
        inter2=1,
        assoc_actor_2=("Military Forces of Russia (2000-)",),
        country="Syria",
        admin1="Aleppo",
        location="Aleppo",
        latitude=36.20124,
        longitude=37.16117,
        geo_precision=3,
        fatalities=311,
        fatalities_low=311,
        fatalities_best=311,
        fatalities_high=600,
        claims=(
            claim(doc, "311 morts", "killed", 311, claimant="Syrian Observatory for Human Rights",
                  claimant_relation="neutral_monitor"),
            claim(doc, "200 combattants", "killed", 200, subject="Hayat Tahrir al-Sham",
                  claimant="Ministry of Defence of Russia", claimant_relation="enemy"),
            claim(doc, "400 jeudi", "killed", 400, subject="Hayat Tahrir al-Sham",
                  claimant="Ministry of Defence of Russia", claimant_relation="enemy"),
        ),
        sources=(source(doc),),
        evidence=(evidence(doc, "Les combats entre l'armée syrienne et les jihadistes de Hayat Tahrir al-Sham"),),
        notes="Fighting between HTS and the Syrian army in Aleppo province.",
    )


def _mali() -> tuple[Document, Event]:
    doc = make_document("afp-djiguibombo", MALI, "AFP", date(2024, 7, 2))
    return doc, Event(
        event_id="ev-djiguibombo",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        event_date="2024-07-01",
        time_precision=1,
        actor1="Unidentified Armed Group (Mali)",
        inter1=3,
        actor2="Civilians (Mali)",
        inter2=7,
        country="Mali",
        admin1="Mopti",
        location="Djiguibombo",
        latitude=14.4,
        longitude=-3.55,
        geo_precision=1,
        fatalities=40,
        fatalities_low=40,
        fatalities_best=40,
        fatalities_high=40,
        claims=(
            claim(doc, "au moins 40 civils", "killed", 40, "at_least", subject="civilians", claimant="Local officials"),
            claim(doc, "une vingtaine de terroristes", "killed", 20, "about", claimant="Military Forces of Mali (2021-)"),
        ),
        sources=(source(doc),),
        evidence=(evidence(doc, "Des hommes armés ont tué au moins 40 civils dans le village de Djiguibombo"),),
        notes="Gunmen killed at least 40 civilians in Djiguibombo.",
    )


def _sudan() -> tuple[Document, Event]:
    doc = make_document("afp-wad-madani", SUDAN, "AFP", date(2023, 12, 19))
    return doc, Event(
        event_id="ev-wad-madani",
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        event_date="2023-12-19",
        time_precision=1,
        actor1="Rapid Support Forces",
        inter1=2,
        actor2="Military Forces of Sudan (2019-)",
        inter2=1,
        country="Sudan",
        admin1="Al Jazirah",
        location="Wad Madani",
        latitude=14.40118,
        longitude=33.51989,
        geo_precision=1,
        fatalities=25,
        claims=(claim(doc, "25 soldats tués", "killed", 25, subject="Military Forces of Sudan (2019-)",
                      claimant="Military Forces of Sudan (2019-)", claimant_relation="own_side"),),
        sources=(source(doc),),
        evidence=(evidence(doc, "ont pris le contrôle de Wad Madani"),),
        notes="The RSF took control of Wad Madani.",
    )


def _gaza() -> tuple[Document, Event]:
    doc = make_document("afp-rafah", GAZA, "AFP", date(2024, 2, 12))
    return doc, Event(
        event_id="ev-rafah",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        event_date="2024-02-12",
        time_precision=1,
        actor1="Military Forces of Israel (2022-)",
        inter1=8,
        country="Palestine",
        admin1="Gaza Strip",
        location="Rafah",
        latitude=31.29722,
        longitude=34.24357,
        geo_precision=1,
        fatalities=31,
        claims=(claim(doc, "31 morts", "killed", 31, claimant="Ministry of Health of Gaza"),),
        sources=(source(doc),),
        evidence=(evidence(doc, "des frappes israéliennes sur Rafah"),),
        notes="Israeli strikes on Rafah.",
    )


def _donetsk() -> tuple[Document, Event]:
    doc = make_document("ukrinform-donetsk", DONETSK, "Ukrinform", None)
    return doc, Event(
        event_id="ev-donetsk",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Russia (2000-)",
        inter1=8,
        country="Ukraine",
        admin1="Donetsk",
        sources=(source(doc),),
        evidence=(evidence(doc, "Des bombardements ont visé la région de Donetsk"),),
        notes="Overnight shelling in Donetsk region.",
    )


def _hostile() -> tuple[Document, Event]:
    doc = make_document("hostile-goma", HOSTILE, HOSTILE_PUBLISHER, date(2024, 3, 3), url=HOSTILE_URL)
    markup = "<b onmouseover=\"window.__pwned='claimant'\">M23</b>"
    return doc, Event(
        event_id="ev-hostile",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        event_date=None,
        actor1=markup,
        country="Democratic Republic of Congo",
        location="<svg onload=\"window.__pwned='location'\">",
        claims=(claim(doc, "5 civils", "killed", 5, subject="civilians", claimant=markup),),
        sources=(source(doc),),
        evidence=(evidence(doc, "<script>window.__pwned = 'script'</script>Les rebelles du M23 ont tué"),),
        notes="<img src=x onerror=\"window.__pwned='notes'\">",
    )


BUILDERS = (_kharkiv, _aleppo, _mali, _sudan, _gaza, _donetsk, _hostile)


def hand_built() -> list[tuple[Document, Event]]:
    """Every hand-built document with its one fused event."""
    return [build() for build in BUILDERS]


def fill(store, pairs: list[tuple[Document, Event]]) -> None:
    """Save each document with its event as both the mention and the fused event."""
    for doc, event in pairs:
        mention = dataclasses.replace(event, event_id=f"m-{event.event_id}")
        store.save(doc, [mention], [event], {mention.event_id: event.event_id})

