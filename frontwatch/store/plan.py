"""Plan the writes of a batch of saves: replay them in order in memory, so the database sees bulk statements.

A batch of ``save`` calls is folded into its final effect (which documents, mentions and fused events
exist at the end, and which mentions of other documents point elsewhere); the SQL layer then writes that
effect with a handful of ``executemany`` statements instead of a dozen statements per document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from frontwatch.records import Document, Event

SaveItem = tuple[Document, Sequence[Event], Sequence[Event], Mapping[str, str], Sequence[str]]


@dataclass(frozen=True)
class StoredMention:
    """A mention row already in the database: its document and fused event."""

    doc_id: str
    event_id: str | None


@dataclass
class WritePlan:
    """The final effect of a batch of saves."""

    documents: dict[str, Document] = field(default_factory=dict)  # every document saved, last version
    mentions: dict[str, tuple[Event, str, str | None]] = field(default_factory=dict)  # id -> (mention, doc, event)
    moved: dict[str, str] = field(default_factory=dict)  # mentions of other documents -> their new event
    events: dict[str, Event | None] = field(default_factory=dict)  # fused events saved (Event) or deleted (None)
    orphan_candidates: set[str] = field(default_factory=set)  # events that lost a mention

    def saved_events(self) -> list[Event]:
        """The fused events to insert, in the order they were last saved."""
        return [e for e in self.events.values() if e is not None]

    def orphan_suspects(self) -> list[str]:
        """Events that lost a mention after they were last saved: deleted if no mention points at them any more."""
        return sorted(eid for eid in self.orphan_candidates if self.events.get(eid, True) is not None)


def mention_ids_to_load(batch: Sequence[SaveItem]) -> list[str]:
    """Mention ids that the batch re-assigns but does not itself save: their rows must be read first."""
    own = {m.event_id for _, mentions, _, _, _ in batch for m in mentions}
    return sorted({mid for _, _, _, mapping, _ in batch for mid in mapping} - own)


def plan(batch: Iterable[SaveItem], stored: Mapping[str, StoredMention]) -> WritePlan:
    """Replay the saves in order over the stored mentions they touch; raise ValueError on a clashing mention id."""
    out = WritePlan()
    state: dict[str, StoredMention] = dict(stored)
    by_doc: dict[str, set[str]] = {}
    for mention_id, row in state.items():
        by_doc.setdefault(row.doc_id, set()).add(mention_id)
    payloads: dict[str, Event] = {}
    moved: set[str] = set()
    for doc, mentions, events, mapping, deleted in batch:
        out.documents[doc.doc_id] = doc
        previous = {mid: state.pop(mid).event_id for mid in by_doc.get(doc.doc_id, ())}
        out.orphan_candidates.update(eid for eid in previous.values() if eid)
        own = set()
        for mention in mentions:
            mid = mention.event_id
            if mid in state:
                raise ValueError(f"mention id {mid!r} of {doc.doc_id} already belongs to {state[mid].doc_id}")
            state[mid] = StoredMention(doc.doc_id, mapping.get(mid, previous.get(mid)))
            payloads[mid] = mention
            own.add(mid)
        by_doc[doc.doc_id] = own
        for mid, eid in mapping.items():
            if mid in own or mid not in state:
                continue
            if state[mid].event_id:
                out.orphan_candidates.add(state[mid].event_id)
            state[mid] = StoredMention(state[mid].doc_id, eid)
            moved.add(mid)
        for eid in deleted:
            out.events.pop(eid, None)
            out.events[eid] = None
        for event in events:
            out.events.pop(event.event_id, None)  # re-inserting keeps "last saved" order
            out.events[event.event_id] = event
            out.orphan_candidates.discard(event.event_id)
    for mid in sorted(moved):
        if mid in state and state[mid].doc_id not in out.documents:
            out.moved[mid] = state[mid].event_id
    for doc_id in out.documents:
        for mid in sorted(by_doc.get(doc_id, ())):
            out.mentions[mid] = (payloads[mid], doc_id, state[mid].event_id)
    return out
