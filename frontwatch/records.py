"""Frozen records that the pipeline's stages exchange; no stage passes dicts to another.

Field names follow SPEC.md (and so ACLED) wherever the exported shape has the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# ACLED's interaction code of civilians (inter1/inter2): a party that suffers violence and never wages it.
CIVILIANS_INTER = 7
# ACLED's interaction code of state forces (and their police).
STATE_INTER = 1


@dataclass(frozen=True)
class Document:
    """A cleaned input document; evidence offsets point into ``text``."""

    doc_id: str
    text: str
    original: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None
    source: str | None = None  # where it was read: a path, "path:line" or a URL


@dataclass(frozen=True)
class Skipped:
    """A document that could not be processed, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class Evidence:
    """Where a field was read: character offsets into a document's stored text."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Source:
    """A document that reports an event, as exported in ``sources``."""

    doc_id: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    publisher_kind: str | None = None  # wire, national_press, state_media, monitor, osint, partisan, ...
    publisher_country: str | None = None


@dataclass(frozen=True)
class Claim:
    """One quantitative assertion about an event, with who asserts it and where it was read."""

    kind: str  # killed, wounded, captured, missing, displaced, equipment_destroyed, ...
    value: int | float
    qualifier: str  # exact, at_least, more_than, about, up_to
    doc_id: str
    evidence: Evidence
    subject: str | None = None  # who or what is counted, canonical where possible
    claimant: str | None = None  # canonical claimant; None when the outlet asserts it itself
    claimant_relation: str | None = None  # own_side, enemy, neutral_monitor, outlet, unknown
    part_of_total: bool = False  # the text says this figure is a part of another (a breakdown)
    hedged: bool = False  # the text hedges the figure itself ("pourrait dépasser", "non confirmé")


@dataclass(frozen=True)
class Place:
    """A resolved location, with why it was chosen."""

    name: str  # as in the gazetteer
    latitude: float | None
    longitude: float | None
    geo_precision: int  # 1 the place, 2 near it / part of a region, 3 province or vaguer
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    pcode: str | None = None
    method: str = ""  # exact, fuzzy, relative, admin_fallback, ...
    score: float = 0.0
    mention: str | None = None  # the words in the text
    why: str = ""  # what decided it: the winning candidate's reasons and the runner-up it beat


@dataclass(frozen=True)
class Event:
    """One happening in ACLED's terms, with every claim and the evidence for it."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None = None  # ISO date
    time_precision: int = 3
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    inter1: int | None = None
    inter2: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 3
    geonameid: int | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""
    trigger: str | None = None  # the words that made it an event
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The exported shape of SPEC.md, plain JSON types only."""
        out = asdict(self)
        out["assoc_actor_1"] = list(self.assoc_actor_1)
        out["assoc_actor_2"] = list(self.assoc_actor_2)
        out["claims"] = [_claim_dict(c) for c in self.claims]
        out["sources"] = [asdict(s) for s in self.sources]
        out["evidence"] = [asdict(e) for e in self.evidence]
        return out


# Where a fused event keeps its search texts (``with_search_texts``): outside its fields, so never serialised, compared
# or carried over by ``dataclasses.replace``.
_SEARCH_TEXTS = "_search_texts"


def with_search_texts(event: Event, claimants: Sequence[str], evidence: Sequence[str]) -> Event:
    """Keep on ``event`` its distinct claimants and evidence texts, each where it first appears in its claims and
    evidence (as listed): what the store's search row is made of, handed over by fusion, which keeps them as reports
    come in, so that a happening reported a thousand times is not gone through claim by claim for each new report."""
    event.__dict__[_SEARCH_TEXTS] = (tuple(claimants), tuple(evidence))
    return event


def search_texts(event: Event) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The distinct claimants and evidence texts kept on the event by ``with_search_texts``, or None."""
    return event.__dict__.get(_SEARCH_TEXTS)


def _claim_dict(claim: Claim) -> dict[str, Any]:
    out = asdict(claim)
    out["evidence"] = asdict(claim.evidence)
    return out


def evidence_from_dict(d: dict[str, Any]) -> Evidence:
    """Rebuild an Evidence from its exported dict."""
    return Evidence(doc_id=d["doc_id"], start=int(d["start"]), end=int(d["end"]), text=d["text"])


def claim_from_dict(d: dict[str, Any]) -> Claim:
    """Rebuild a Claim from its exported dict."""
    d = dict(d)
    d["evidence"] = evidence_from_dict(d["evidence"])
    return Claim(**d)


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an Event from its exported dict (the inverse of ``Event.to_dict``)."""
    d = dict(d)
    d["assoc_actor_1"] = tuple(d.get("assoc_actor_1") or ())
    d["assoc_actor_2"] = tuple(d.get("assoc_actor_2") or ())
    d["claims"] = tuple(claim_from_dict(c) for c in d.get("claims") or ())
    d["sources"] = tuple(Source(**s) for s in d.get("sources") or ())
    d["evidence"] = tuple(evidence_from_dict(e) for e in d.get("evidence") or ())
    d["extra"] = dict(d.get("extra") or {})
    return Event(**d)
