"""Test data for the exporter tests: hand-built events from French wire copy, with claims and evidence."""

from __future__ import annotations

from hashlib import sha256

from frontwatch.records import Claim, Document, Event, Evidence, Source

# Every field SPEC.md promises in an exported event, and in a claim.
SPEC_EVENT_FIELDS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "claims",
    "sources",
    "evidence",
    "notes",
)
SPEC_CLAIM_FIELDS = ("claimant", "kind", "subject", "value", "qualifier", "doc_id", "evidence")

ALEP = (
    "BEYROUTH, 28 novembre (AFP) - Des combats entre l'armée syrienne et les jihadistes de Hayat Tahrir al-Sham (HTS) "
    "et des factions alliées ont fait 311 morts en trois jours dans la province d'Alep, selon l'Observatoire syrien "
    "des droits de l'homme (OSDH). L'armée dit avoir tué « des centaines de terroristes »."
)
KHARTOUM = (
    "KHARTOUM, 6 juin (AFP) - Les forces de sécurité ont tiré des gaz lacrymogènes sur des manifestants "
    "qui réclamaient un gouvernement civil à Khartoum, faisant au moins trois blessés, selon un comité de médecins."
)
DONBASS = (
    "Des bombardements ont visé la région de Donetsk dans la nuit, a indiqué l'état-major ukrainien, "
    "sans préciser de localité."
)


def make_document(doc_id: str, text: str, publisher: str = "AFP") -> Document:
    """A stored document whose hash is the hash of its text."""
    return Document(
        doc_id, text, text, sha256(text.encode()).hexdigest(), publisher=publisher, url=f"https://example.org/{doc_id}"
    )


def evidence(doc: Document, phrase: str) -> Evidence:
    """Evidence for a phrase of the document, with its real offsets."""
    start = doc.text.index(phrase)
    return Evidence(doc.doc_id, start, start + len(phrase), phrase)


def aleppo() -> tuple[Document, Event]:
    """A three-day battle in Aleppo with a monitor's toll and the army's vague counter-claim."""
    doc = make_document("afp-alep", ALEP)
    claims = (
        Claim(
            "killed",
            311,
            "exact",
            doc.doc_id,
            evidence(doc, "311 morts"),
            claimant="Syrian Observatory for Human Rights",
            claimant_relation="neutral_monitor",
        ),
        Claim(
            "killed",
            100,
            "at_least",
            doc.doc_id,
            evidence(doc, "des centaines de terroristes"),
            subject="Hayat Tahrir al-Sham",
            claimant="Military Forces of Syria (2000-2024)",
            claimant_relation="enemy",
        ),
    )
    event = Event(
        event_id="ev-alep",
        event_type="Battles",
        sub_event_type="Armed clash",
        event_date="2024-11-27",
        time_precision=2,
        actor1="Hayat Tahrir al-Sham",
        actor2="Military Forces of Syria (2000-2024)",
        assoc_actor_1=("Syrian National Army", "Jaysh al-Izza"),
        inter1=2,
        inter2=1,
        country="Syria",
        admin1="Aleppo",
        location="Aleppo",
        latitude=36.20124,
        longitude=37.16117,
        geo_precision=3,
        geonameid=170063,
        fatalities=311,
        fatalities_low=311,
        fatalities_best=311,
        fatalities_high=311,
        claims=claims,
        sources=(Source(doc.doc_id, "AFP", doc.url, "2024-11-28", "wire", "FR"),),
        evidence=(evidence(doc, "Des combats entre l'armée syrienne"),),
        notes="Fighting between HTS and allied factions and the Syrian army in Aleppo province.",
        extra={"fusion_score": 0.93},
    )
    return doc, event


def khartoum() -> tuple[Document, Event]:
    """Security forces fire tear gas on a protest in Khartoum; the outlet reports the wounded itself."""
    doc = make_document("afp-khartoum", KHARTOUM)
    event = Event(
        event_id="ev-khartoum",
        event_type="Protests",
        sub_event_type="Excessive force against protesters",
        event_date="2022-06-06",
        time_precision=1,
        actor1="Protesters (Sudan)",
        actor2="Police Forces of Sudan (2019-)",
        inter1=6,
        inter2=1,
        country="Sudan",
        admin1="Khartoum",
        location="Khartoum",
        latitude=15.55177,
        longitude=32.53241,
        geo_precision=1,
        fatalities=0,
        claims=(Claim("wounded", 3, "at_least", doc.doc_id, evidence(doc, "au moins trois blessés")),),
        sources=(Source(doc.doc_id, "AFP", doc.url, "2022-06-06"),),
        evidence=(evidence(doc, "ont tiré des gaz lacrymogènes sur des manifestants"),),
        notes="Security forces fired tear gas at protesters demanding civilian rule in Khartoum.",
    )
    return doc, event


def donetsk_unlocated() -> tuple[Document, Event]:
    """Overnight shelling somewhere in Donetsk region, with no place precise enough to locate."""
    doc = make_document("ukrinform-donetsk", DONBASS, publisher="Ukrinform")
    event = Event(
        event_id="ev-donetsk",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        event_date=None,
        actor1="Military Forces of Russia (2000-)",
        inter1=8,
        country="Ukraine",
        sources=(Source(doc.doc_id, "Ukrinform", doc.url, None),),
        evidence=(evidence(doc, "Des bombardements"),),
    )
    return doc, event


def small_event(i: int) -> Event:
    """The i-th of many small located events, for streaming tests."""
    doc_id = f"afp-gao-{i:05d}"
    text = f"Une attaque a visé un convoi près de Gao ({i})."
    return Event(
        event_id=f"ev-{i:05d}",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        event_date=f"2023-{(i % 12) + 1:02d}-15",
        actor1="JNIM",
        inter1=2,
        country="Mali",
        location="Gao",
        latitude=16.27167,
        longitude=-0.04472,
        geo_precision=1,
        fatalities=i % 3,
        sources=(Source(doc_id, "AFP"),),
        evidence=(Evidence(doc_id, 0, len(text), text),),
        notes=f"IED attack near Gao ({i}).",
    )
