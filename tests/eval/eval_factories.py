"""Builders for the evaluation tests: a small two-document gold file, and predicted Events made from gold units."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from frontwatch.eval.gold import Gold, GoldUnit, load_gold
from frontwatch.eval.harness import find_quote
from frontwatch.records import Claim, Event, Evidence

# Two short wire-style articles about the same day in Sudan: a shared happening (the El Fasher shelling),
# a distinct strike in another town, an optional event folded into the shelling, and background.
DOC_A = (
    "Port-Soudan, 10 juin 2024 (AFP) - Au moins 15 civils ont été tués dimanche dans des bombardements des "
    "Forces de soutien rapide (FSR) sur El-Facher, a annoncé lundi le Réseau des médecins soudanais. "
    "Des tirs d'artillerie ont également visé le camp d'Abou Chouk, au nord de la ville. "
    "Le même jour, l'aviation de l'armée a bombardé un marché de Mellit, tuant 11 civils selon les FSR. "
    "La guerre, qui a éclaté en avril 2023, a fait des dizaines de milliers de morts."
)
DOC_B = (
    "Khartoum, 10 juin 2024 (Reuters) - Les paramilitaires ont pilonné dimanche El-Facher, la capitale du "
    "Darfour-Nord, faisant au moins 12 morts parmi les civils, selon des sources médicales. "
    "Les FSR ont promis de poursuivre leur offensive jusqu'à la prise de la ville."
)

EL_FASHER = {"name": "El Fasher", "latitude": 13.62793, "longitude": 25.34936, "geonameid": 379555,
             "admin1": "North Darfur", "country": "Sudan", "geo_precision": 1}
MELLIT = {"name": "Mellit", "latitude": 14.13333, "longitude": 25.55, "geonameid": 370181,
          "admin1": "North Darfur", "country": "Sudan", "geo_precision": 1}
RSF = "Rapid Support Forces"
SAF = "Military Forces of Sudan (2019-)"
CIV = "Civilians (Sudan)"
DOCTORS = "Sudan Doctors Network"


def mini_gold_dict() -> dict:
    """The gold annotation of DOC_A and DOC_B, as it would be written in a gold file."""
    shelling = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "event_date": "2024-06-09",
        "time_precision": 1,
        "actor1": RSF,
        "actor2": CIV,
        "location": EL_FASHER,
        "fatalities": [12, 15],
    }
    return {
        "format": "frontwatch-gold/1",
        "name": "mini",
        "documents": [
            {
                "doc_id": "doc-a",
                "path": "doc-a.txt",
                "published": "2024-06-10",
                "publisher": "AFP",
                "events": [
                    dict(shelling, id="a-e1", happening="fasher-0609",
                         claims=[{"claimant": DOCTORS, "kind": "killed", "value": 15, "qualifier": "at_least",
                                  "subject": ["civilians", CIV]}],
                         evidence=["Au moins 15 civils ont été tués dimanche dans des bombardements"]),
                    {"id": "a-e2", "optional": True, "part_of": "a-e1",
                     "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
                     "event_date": "2024-06-09", "actor1": RSF, "actor2": [CIV, None],
                     "location": dict(EL_FASHER, geo_precision=2),
                     "evidence": ["Des tirs d'artillerie ont également visé le camp d'Abou Chouk"]},
                    {"id": "a-e3", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                     "event_date": "2024-06-09", "actor1": SAF, "actor2": CIV, "location": MELLIT, "fatalities": 11,
                     "claims": [{"claimant": RSF, "kind": "killed", "value": 11, "qualifier": "exact"}],
                     "evidence": ["l'aviation de l'armée a bombardé un marché de Mellit"]},
                ],
                "must_not_extract": [
                    {"quote": "La guerre, qui a éclaté en avril 2023, a fait des dizaines de milliers de morts",
                     "reason": "background"}
                ],
            },
            {
                "doc_id": "doc-b",
                "path": "doc-b.txt",
                "published": "2024-06-10",
                "publisher": "Reuters",
                "events": [
                    dict(shelling, id="b-e1", happening="fasher-0609",
                         claims=[{"claimant": [None, "sources médicales"], "kind": "killed", "value": 12,
                                  "qualifier": "at_least"}],
                         evidence=["Les paramilitaires ont pilonné dimanche El-Facher"]),
                ],
                "must_not_extract": [
                    {"quote": "Les FSR ont promis de poursuivre leur offensive jusqu'à la prise de la ville",
                     "reason": "intention"}
                ],
            },
        ],
    }


def write_mini_gold(folder: Path, gold: dict | None = None) -> Path:
    """Write DOC_A, DOC_B and the gold file into ``folder``; returns the gold file's path."""
    (folder / "doc-a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "doc-b.txt").write_text(DOC_B, encoding="utf-8")
    path = folder / "mini.json"
    path.write_text(json.dumps(gold or mini_gold_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def evidence_for(text: str, doc_id: str, quote: str) -> Evidence:
    """The Evidence record of the first occurrence of ``quote`` in ``text``."""
    start, end = find_quote(text, quote)[0]
    return Evidence(doc_id=doc_id, start=start, end=end, text=text[start:end])


def predicted(gold: Gold, unit_id: str, texts: dict[str, str], *, event_id: str | None = None,
              docs: tuple[str, ...] | None = None, **changes) -> Event:
    """A correct prediction for one gold unit (first acceptable value of every field), then ``changes`` applied."""
    unit: GoldUnit = next(u for u in gold.units if u.id == unit_id)
    members = [m for m in unit.members if docs is None or m.doc_id in docs]
    evidence = tuple(evidence_for(texts[m.doc_id], m.doc_id, m.evidence[0]) for m in members)
    claims = tuple(
        Claim(kind=c.kind[0], value=c.value, qualifier=(c.qualifier or ("exact",))[0], doc_id=c.doc_id,
              evidence=evidence[0], subject=(c.subject or (None,))[0], claimant=c.claimant[0])
        for m in members for c in m.claims
    )
    first, loc = members[0], unit.location
    event = Event(
        event_id=event_id or f"pred-{unit_id}",
        event_type=first.event_type[0],
        sub_event_type=first.sub_event_type[0],
        event_date=first.event_date[0] if first.event_date else None,
        time_precision=first.time_precision,
        actor1=first.actor1[0],
        actor2=first.actor2[0],
        location=loc.name if loc else None,
        latitude=loc.latitude if loc else None,
        longitude=loc.longitude if loc else None,
        admin1=loc.admin1 if loc else None,
        geo_precision=loc.geo_precision if loc else 3,
        fatalities=unit.fatalities[0] if unit.fatalities else 0,
        claims=claims,
        evidence=evidence,
    )
    return replace(event, **changes)


def perfect(gold: Gold, texts: dict[str, str]) -> list[Event]:
    """One correct prediction per required unit."""
    return [predicted(gold, u.id, texts) for u in gold.units if not u.optional]


def load_mini(folder: Path) -> tuple[Gold, dict[str, str]]:
    """Write and load the mini gold; returns it with its texts."""
    gold = load_gold(write_mini_gold(folder))
    return gold, gold.texts()
