"""The Store protocol: the one interface between the pipeline and any database.

Two kinds of event rows live in a store:
- *mentions*: the events one document reports, as extracted from it alone (``Event`` records whose
  ``sources`` hold that one document). They are kept so fusion can be recomputed from them.
- *events*: the fused happenings exported to users; each groups one or more mentions.
Only ``frontwatch.store`` writes SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from frontwatch.records import Document, Event


@dataclass(frozen=True)
class EventQuery:
    """Filters, order and page for listing events; every field optional."""

    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_type: str | None = None
    actor: str | None = None  # matches actor1, actor2 or associated actors (case-insensitive substring)
    claimant: str | None = None  # an event with at least one claim by this claimant (substring)
    source: str | None = None  # a doc_id or publisher (substring) among the event's sources
    text: str | None = None  # substring of notes or evidence text
    sort: str = "event_date"  # event_date, -event_date, fatalities, -fatalities
    limit: int | None = None
    offset: int = 0
    review_status: tuple[str, ...] | None = None  # only events of these review statuses (machine, confirmed, ...)
    # Keyset paging: only events after this one in the sort's order, given by its sort key (``query.sort_key``);
    # a deep page then starts where the last one ended instead of skipping ``offset`` events.
    after: tuple[int | str | None, ...] | None = None


@dataclass(frozen=True)
class EventSummary:
    """What a map marker or a list row shows of a fused event, read without decoding its payload."""

    event_id: str
    event_date: str | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int
    review_status: str  # machine, confirmed, corrected or rejected (analysts' review)
    claims: int  # how many claims the event holds
    sources: int  # how many sources report it


@dataclass(frozen=True)
class MentionReach:
    """Which stored mentions one new mention may relate to, for fusion's lookup; a stored mention qualifies when
    it meets every given condition (None: no condition). Stored mentions with no fusion role recorded or no
    first-level area are kept whatever is asked of those fields; one with no country is of no province, and left
    out when a country is asked."""

    date_from: str  # ISO date, inclusive
    date_to: str  # ISO date, inclusive
    event_type: str
    roles: tuple[str, ...] | None = None  # fusion roles ("precise", "attached", "vague")
    precisions: tuple[int, ...] | None = None  # time precisions
    country: str | None = None
    admin1: str | None = None  # only with a country
    # min_lat, max_lat, min_lon, max_lon: a mention inside, or of the same GeoNames entry, qualifies
    box: tuple[float, float, float, float] | None = None
    geonameid: int | None = None  # only with a box


@dataclass(frozen=True)
class MentionClass:
    """One fusion class of a fused event's mentions: the mentions that fusion's pairwise tests cannot tell apart
    (same ``fuse_class``), how many there are, in how many documents, and the first mention, which stands for
    them all. A stored fused event is matched by its classes, not by each of its mentions."""

    event_id: str
    fuse_class: str | None  # None: mentions stored before classes were recorded (several kinds, not one class)
    event_type: str | None
    fuse_role: str | None
    time_precision: int | None
    event_date: str
    country: str | None
    admin1: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    mentions: int  # how many of the event's mentions are of this class
    documents: int  # from how many documents
    first_doc: str  # the smallest and largest of those documents' ids
    last_doc: str
    first_mention: str  # the smallest mention id of the class


@dataclass(frozen=True)
class StoredMember:
    """What fusion's grouping reads of one stored mention besides its class: ids, document, role and unit."""

    mention_id: str
    doc_id: str
    fuse_class: str | None  # None: undated, or stored before classes were recorded
    fuse_role: str | None
    fuse_unit: str | None


class Store(Protocol):
    """What the pipeline, exporters and server need from a store."""

    url: str

    def has_document(self, doc_id: str, content_hash: str | None = None) -> bool:
        """True when this document (and, if given, this exact content) is already stored."""

    def save(
        self,
        doc: Document,
        mentions: Sequence[Event],
        events: Sequence[Event],
        mention_event: Mapping[str, str],
        deleted_event_ids: Sequence[str] = (),
        grown: Mapping[str, str] | None = None,
    ) -> int:
        """Store a document, its mentions and the fused events they changed, in one transaction; return the store's
        write generation this transaction left (``generation``).

        ``events`` are inserted or replaced by ``event_id``; ``mention_event`` maps every mention id
        whose fused event is new or changed (new mentions and re-assigned old ones) to its event id;
        ``deleted_event_ids`` are fused events absorbed into others. All or nothing. ``grown`` maps a saved
        event to the stored event it is with only this document's mentions added (the same id, or renamed): its
        stored claims, evidence and sources stay as they are, and only this document's are added (a hint; a
        store may rewrite the event whole).
        """

    def generation(self) -> int:
        """The store's write generation now: every write transaction raises it by one."""

    def delete_document(self, doc_id: str) -> None:
        """Remove a document, its mentions, and the fused events left with no mention, in one transaction."""

    def candidate_events(self, date_from: str | None, date_to: str | None) -> list[Event]:
        """Fused events whose date lies in the window (inclusive), plus undated ones when a bound is None."""

    def mentions_within(self, reaches: Sequence[MentionReach]) -> list[tuple[str | None, Event]]:
        """Stored mentions meeting any of the reaches, each once with its fused event id, by mention id (fusion's lookup)."""

    def mentions_of(self, event_ids: Sequence[str]) -> dict[str, list[Event]]:
        """The stored mentions of each given fused event."""

    def classes_within(self, reaches: Sequence[MentionReach]) -> list[MentionClass]:
        """The fusion classes of stored events meeting any of the reaches, each once, by event id and class."""

    def classes_of(self, event_ids: Sequence[str]) -> dict[str, list[MentionClass]]:
        """Every fusion class of each given fused event (an empty list for one without dated mentions)."""

    def members_of(self, event_ids: Sequence[str]) -> dict[str, list[StoredMember]]:
        """The stored mentions of each given fused event as ``StoredMember`` rows (no payload read), by mention id."""

    def mention_counts(self, event_ids: Sequence[str]) -> dict[str, int]:
        """How many stored mentions each given fused event has (0 for one without)."""

    def classify_mentions(self, fusion_classes: Mapping[str, str]) -> None:
        """Record the fusion class of stored mentions that have none (stored before classes were), in one transaction."""

    def document_classes(self, doc_ids: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
        """The ``(fused event, fusion class)`` pairs each given document's dated mentions belong to."""

    def get_mentions(self, mention_ids: Sequence[str]) -> dict[str, Event]:
        """The stored mentions with these ids (those found)."""

    def get_event(self, event_id: str) -> Event | None:
        """One fused event with its claims, sources and evidence, or None."""

    def iter_events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Fused events matching the query, streamed (a large store never has to fit in memory)."""

    def iter_event_dicts(self, query: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Like ``iter_events`` but each event as ``Event.to_dict()``, decoded without building records."""

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many fused events match the query, ignoring its limit and offset."""

    def list_event_summaries(self, query: EventQuery | None = None) -> list[EventSummary]:
        """Summaries of the fused events matching the query, in its order and page, without decoding payloads."""

    def get_document(self, doc_id: str) -> Document | None:
        """One stored document, or None."""

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document."""

    def timeline(self, query: EventQuery | None = None) -> list[dict]:
        """Per day and event type: ``{"date", "event_type", "events", "fatalities"}``, sorted by date."""

    def stats(self) -> dict[str, int]:
        """Counts of documents, mentions, events, claims, evidence rows and sources."""

    def close(self) -> None:
        """Release connections."""
