"""A settled draft as the record's ``Event``: its stable id, its source, its date, tolls and notes.

What extraction found is final here (``document.extract_document`` has read, merged, placed and attached claims);
this module only writes it in the record's terms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from frontwatch.extract.draft import Draft as _Draft
from frontwatch.extract.parties import canonical
from frontwatch.extract.scenes import place_reason
from frontwatch.fuse.notes import write_notes
from frontwatch.fuse.reconcile import reconcile
from frontwatch.records import Claim, Document, Event, Source
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.publishers import PublisherRegistry


def source_of(doc: Document) -> Source:
    """The document as an event's source: its publisher as the registry knows it (name, kind, country)."""
    publisher = PublisherRegistry.load().lookup(name=doc.publisher, url=doc.url, text=doc.text)
    return Source(
        doc_id=doc.doc_id,
        publisher=publisher.name if publisher else doc.publisher,
        url=doc.url,
        published=doc.published.isoformat() if doc.published else None,
        publisher_kind=publisher.kind if publisher else None,
        publisher_country=publisher.country if publisher else None,
    )


def mention_id(doc_id: str, start: int, event_type: str, also_at: str = "") -> str:
    """A stable id for one document's event, from where its first trigger stands (and the further town it is at,
    when one trigger names several)."""
    key = f"{doc_id}|{start}|{event_type}" + (f"|{also_at}" if also_at else "")
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def finish(draft: _Draft, claims: Sequence[Claim], source: Source) -> Event:
    """The record's event of a settled draft: dated from publication when the text gives no date, tolls reconciled
    from its claims, parties that are no registry or generic actor kept as written, the place's reason, notes."""
    when = draft.event_date
    published: date | None = source.published and date.fromisoformat(source.published)
    if when is not None:
        event_date, precision = when.date.isoformat(), when.time_precision
    elif published is not None:
        event_date, precision = published.isoformat(), 2  # reported without a date: "within days of publication"
    else:
        event_date, precision = None, 3
    place = draft.place
    tolls = reconcile(claims)
    actor1, actor2 = (a if a is not None and canonical(a) else None for a in (draft.actor1, draft.actor2))
    event = Event(
        event_id=mention_id(source.doc_id, draft.mention.start, draft.event_type, draft.also_at),
        event_type=draft.event_type,
        sub_event_type=draft.sub_event_type,
        event_date=event_date,
        time_precision=precision,
        actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None,
        assoc_actor_1=draft.assoc1,
        assoc_actor_2=draft.assoc2,
        inter1=actor1.inter if actor1 else None,
        inter2=actor2.inter if actor2 else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else 3,
        geonameid=place.geonameid if place else None,
        fatalities=tolls.fatalities,
        fatalities_low=tolls.low,
        fatalities_best=tolls.best,
        fatalities_high=tolls.high,
        claims=tuple(claims),
        sources=(source,),
        evidence=tuple(draft.evidence),
        trigger=draft.mention.trigger,
        extra={
            # the words of a party that is no registry or generic actor, kept for the analyst to read
            "actor1_text": draft.actor1.name if draft.actor1 is not None and actor1 is None else None,
            "actor2_text": draft.actor2.name if draft.actor2 is not None and actor2 is None else None,
            "place_method": place.method if place else None,
            "place_reason": place_reason(place, draft.place_inherited) if place else None,
            "place_score": place.score if place else None,
            "pcodes": Gazetteer.default().admin_pcodes(place.pcode) if place is not None and place.pcode else {},
        },
    )
    return replace(event, notes=write_notes(event))
