"""Build one fused event from the set of its mentions; every field is a function of that set alone."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import replace

from frontwatch.fuse.notes import write_notes
from frontwatch.fuse.reconcile import Entry, Figure, Groups, Tally, entries, figures
from frontwatch.records import Claim, Event, with_search_texts

# Sub-event types that record the outcome of fighting; ACLED codes the capture, not the clash before it.
TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")


def fused_event_id(mentions: Sequence[Event]) -> str:
    """A stable id for a fused event: a hash of its smallest mention id."""
    return _event_id(min(m.event_id for m in mentions))


def _event_id(first_mention: str) -> str:
    return hashlib.sha256(f"fused|{first_mention}".encode()).hexdigest()[:16]


def _precision_key(m: Event) -> tuple:
    """Most precise first: day before week before month, place before province; then the mention id."""
    return (m.event_date is None, m.time_precision, m.latitude is None, m.geo_precision, m.event_id)


def _claim_key(c: Claim) -> tuple:
    return (c.doc_id, c.evidence.start, c.evidence.end, c.kind, float(c.value), c.subject or "", c.claimant or "", c.qualifier)


def build_event(mentions: Sequence[Event]) -> Event:
    """The fused event of these mentions (any order): fields from the most precise reports, all claims kept."""
    return Fold(mentions).event()


class Fold:
    """What ``build_event`` reads of a set of mentions, gathered in any order: mentions can be added later (``add``)
    and the event of the larger set built (``event``) without going through the first ones again, so a happening
    reported a thousand times is rebuilt for a new report from its fold, not from its thousand mentions.

    Fields come from the most precise reports: in precision order (``_precision_key``, which ends with the mention
    id, so no two mentions tie) a vote goes to the value most reports hold, a tie to the value held by the first
    report; the first report holding a value is the one with the smallest key, kept per value with its count.
    Claims, sources and evidence are kept sorted, and the claims' toll and disagreements per document
    (``reconcile.Tally``, ``reconcile.Groups``): a new report adds its own, the others are not gone through again.
    """

    def __init__(self, mentions: Sequence[Event] = ()) -> None:
        self.ids: list[str] = []  # the mentions folded in, sorted
        self.best: tuple[tuple, Event] | None = None  # the most precise report
        self.sub_types: dict[str, list] = {}  # sub-event type -> [reports, first key, None]
        self.dates: dict[tuple[int, str], list] = {}  # (time precision, date) -> [reports, first key, first report]
        self.places: dict[tuple[int, str | None], list] = {}  # (place precision, location) -> the same, placed reports
        self.first_placed: tuple[tuple, Event] | None = None
        self.known: tuple[dict, dict] = ({}, {})  # per role: actor with an inter code -> [reports, first key, its inter]
        self.written: tuple[dict, dict] = ({}, {})  # per role: actor named -> first key
        self.assoc: tuple[dict, dict] = ({}, {})  # per side: associated actor -> (key, position) where first listed
        self.claims: dict[tuple, tuple] = {}  # claim key -> (mention id, position, claim), the smallest mention id's
        self.doc_claims: dict[str, tuple] = {}  # document -> its claim keys
        self.tally = Tally()  # the figures of the documents tallied (``reconcile``)
        self.groups = Groups()  # and their disagreement entries
        self.tallied: dict[str, tuple[tuple[Figure, ...], tuple[Entry, ...]]] = {}  # document -> figures, entries
        self.stale: set[str] = set()  # documents whose claims or source changed since they were tallied
        self.sources: dict[str, tuple] = {}  # document -> (key, position, source), the last in precision order
        self.evidence: dict[tuple, tuple] = {}  # (document, start, end) -> (key, position, evidence), the last
        self.texts: dict[str, tuple] = {}  # actor1_text / actor2_text -> (key, text) of the first report writing it
        # what the store's search row reads (``records.with_search_texts``): each claimant and evidence text -> the
        # smallest key of a claim or evidence holding it; unknown (None) once a piece of evidence was replaced by
        # another of the same place with a different text (never, for one document's text)
        self.claimants: dict[str, tuple] = {}
        self.evidence_texts: dict[str, tuple] | None = {}
        # the keys of claims, sources and evidence sorted, and their values in that order
        self.order: dict[str, tuple[list, list] | None] = {"claims": None, "sources": None, "evidence": None}
        self.add(mentions)

    def add(self, mentions: Sequence[Event]) -> Fold:
        """Fold these mentions in (none of them in already)."""
        for m in mentions:
            self._add(m)
        return self

    def _add(self, m: Event) -> None:
        key = _precision_key(m)
        insort(self.ids, m.event_id)
        if self.best is None or key < self.best[0]:
            self.best = (key, m)
        if m.sub_event_type:
            _count(self.sub_types, m.sub_event_type, key)
        if m.event_date is not None:
            _count(self.dates, (m.time_precision, m.event_date), key, m)
        if m.latitude is not None:
            _count(self.places, (m.geo_precision, m.location), key, m)
            if self.first_placed is None or key < self.first_placed[0]:
                self.first_placed = (key, m)
        for side, (name, inter) in enumerate(((m.actor1, m.inter1), (m.actor2, m.inter2))):
            if inter is not None:
                _count(self.known[side], name, key, inter)
            if name is not None and (name not in self.written[side] or key < self.written[side][name]):
                self.written[side][name] = key
        for side, listed in enumerate((m.assoc_actor_1, m.assoc_actor_2)):
            held = self.assoc[side]
            for i, actor in enumerate(listed):
                if actor not in held or (key, i) < held[actor]:
                    held[actor] = (key, i)
        for i, c in enumerate(m.claims):
            k = _claim_key(c)
            found = self.claims.get(k)
            if found is None or (m.event_id, i) < found[:2]:
                if found is None:
                    self.doc_claims[c.doc_id] = (*self.doc_claims.get(c.doc_id, ()), k)
                self._put("claims", self.claims, k, found, (m.event_id, i, c))
                self.stale.add(c.doc_id)
                if c.claimant:
                    _first(self.claimants, c.claimant, k)
        for i, s in enumerate(m.sources):
            found = self.sources.get(s.doc_id)
            if found is None or (key, i) > found[:2]:
                self._put("sources", self.sources, s.doc_id, found, (key, i, s))
                self.stale.add(s.doc_id)  # its claims' claimant may be the publisher
        for i, e in enumerate(m.evidence):
            k = (e.doc_id, e.start, e.end)
            found = self.evidence.get(k)
            if found is None or (key, i) > found[:2]:
                self._put("evidence", self.evidence, k, found, (key, i, e))
                if found is not None and found[2].text != e.text:
                    self.evidence_texts = None
                elif self.evidence_texts is not None and e.text:
                    _first(self.evidence_texts, e.text, k)
        for name in ("actor1_text", "actor2_text"):
            text = m.extra.get(name)
            if text and (name not in self.texts or key < self.texts[name][0]):
                self.texts[name] = (key, text)

    def _put(self, name: str, table: dict, key, found, value: tuple) -> None:
        table[key] = value
        order = self.order[name]
        if order is not None:  # the value goes in its key's place among the sorted ones
            keys, values = order
            at = bisect_left(keys, key)
            if found is None:
                keys.insert(at, key)
                values.insert(at, value[2])
            else:
                values[at] = value[2]

    def _sorted(self, name: str, table: dict) -> tuple:
        """The values of ``table`` (claims, sources or evidence) by key; they are kept sorted for later adds."""
        order = self.order[name]
        if order is None:
            keys = sorted(table)
            order = self.order[name] = (keys, [table[k][2] for k in keys])
        return tuple(order[1])

    def _retally(self) -> None:
        """Tally the documents changed since the last time: the figures (``Tally``) and disagreement entries
        (``Groups``) of their claims (a claim's claimant may be its document's publisher)."""
        for doc in self.stale:
            if doc in self.tallied:
                self.tally.remove(self.tallied[doc][0])
                self.groups.remove(self.tallied[doc][1])
            claims = [self.claims[k][2] for k in sorted(self.doc_claims.get(doc, ()))]
            source = self.sources.get(doc)
            found = self.tallied[doc] = (tuple(figures(claims)),
                                         tuple(entries(claims, {doc: source[2].publisher or doc} if source else {})))
            self.tally.add(found[0])
            self.groups.add(found[1])
        self.stale.clear()

    def event(self) -> Event:
        """The fused event of the mentions folded in (at least one)."""
        if self.best is None:
            raise ValueError("no mention to build an event from")
        best = self.best[1]
        captured = {v: c for v, c in self.sub_types.items() if v in TERRITORY}
        sub_event_type = _winner(captured or self.sub_types, best.sub_event_type)
        dated = {d: c for (precision, d), c in self.dates.items() if precision == best.time_precision}
        event_date = _winner({d: c for d, c in dated.items() if d}, best.event_date) if dated else None
        if event_date is not None and event_date != best.event_date:
            best = dated[event_date][2]
        place_src = best
        if self.first_placed is not None:
            top = min(precision for precision, _ in self.places)
            names = {loc: c for (precision, loc), c in self.places.items() if precision == top and loc}
            name = _winner(names, self.first_placed[1].location)
            found = self.places.get((top, name))
            place_src = found[2] if found is not None else min(())  # no report there: as min() of none, an error

        actor1, inter1 = self._actor(0, exclude=None)
        actor2, inter2 = self._actor(1, exclude=actor1)
        taken = {actor1, actor2}
        assoc1 = tuple(sorted((a for a in self.assoc[0] if a not in taken), key=self.assoc[0].__getitem__))
        assoc2 = tuple(sorted((a for a in self.assoc[1] if a not in taken and a not in assoc1),
                              key=self.assoc[1].__getitem__))

        self._retally()
        disagreements = self.groups.groups()
        tolls = self.tally.fatalities()
        event = Event(
            event_id=_event_id(self.ids[0]),
            event_type=best.event_type,
            sub_event_type=sub_event_type or best.sub_event_type,
            event_date=event_date,
            time_precision=best.time_precision if event_date is not None else 3,
            actor1=actor1,
            actor2=actor2,
            assoc_actor_1=assoc1,
            assoc_actor_2=assoc2,
            inter1=inter1,
            inter2=inter2,
            country=place_src.country,
            admin1=place_src.admin1,
            admin2=place_src.admin2,
            location=place_src.location,
            latitude=place_src.latitude,
            longitude=place_src.longitude,
            geo_precision=place_src.geo_precision,
            geonameid=place_src.geonameid,
            fatalities=tolls.fatalities,
            fatalities_low=tolls.low,
            fatalities_best=tolls.best,
            fatalities_high=tolls.high,
            claims=self._sorted("claims", self.claims),
            sources=self._sorted("sources", self.sources),
            evidence=self._sorted("evidence", self.evidence),
            trigger=best.trigger,
            extra={
                "mention_ids": list(self.ids),
                "disagreements": [g.to_dict() for g in disagreements],
                "place_method": place_src.extra.get("place_method"),
                "place_reason": place_src.extra.get("place_reason"),
                "pcodes": place_src.extra.get("pcodes") or {},
                "actor1_text": None if actor1 else self._text("actor1_text"),
                "actor2_text": None if actor2 else self._text("actor2_text"),
            },
        )
        event = replace(event, notes=write_notes(event))
        if self.evidence_texts is None:
            return event
        return with_search_texts(event, sorted(self.claimants, key=self.claimants.__getitem__),
                                 sorted(self.evidence_texts, key=self.evidence_texts.__getitem__))

    def _actor(self, side: int, exclude: str | None) -> tuple[str | None, int | None]:
        """The actor most reports name in this role, registry actors (with an inter code) first; else the first
        named; with the inter code of the first report naming it with one."""
        known = self.known[side]
        name = _winner({a: c for a, c in known.items() if a and a != exclude}, None)
        if name is None:
            written = [(key, a) for a, key in self.written[side].items() if a != exclude]
            name = min(written)[1] if written else None
        if name is None:
            return None, None
        return name, (known[name][2] if name in known else None)

    def _text(self, name: str) -> str | None:
        """The words of an unresolved party as the most precise report writing them wrote them."""
        found = self.texts.get(name)
        return found[1] if found else None


def _count(table: dict, value, key: tuple, held=None) -> None:
    """One more report holding ``value`` (its precision key ``key``); the first such report's key and ``held`` kept."""
    found = table.get(value)
    if found is None:
        table[value] = [1, key, held]
    else:
        found[0] += 1
        if key < found[1]:
            found[1], found[2] = key, held


def _first(table: dict, value, key: tuple) -> None:
    """``value`` is held where ``key`` lists it: keep the smallest such key."""
    found = table.get(value)
    if found is None or key < found:
        table[value] = key


def _winner(counted: dict, fallback):
    """The value most reports hold, ties to the one the most precise report holds, else ``fallback`` (``counted``
    maps each value to ``[reports, first key, ...]``)."""
    if not counted:
        return fallback
    return min(counted, key=lambda v: (-counted[v][0], counted[v][1]))
