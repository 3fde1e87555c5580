"""Fusion: merge a document's events into the store's fused events, and reconcile their claims."""

from __future__ import annotations

from collections.abc import Sequence

from frontwatch.records import Document, Event
from frontwatch.store.base import Store


def fuse_into_store(store: Store, doc: Document, mentions: Sequence[Event]) -> None:
    """Store a document and its mentions, each its own fused event (cross-document fusion: issue #4)."""
    store.save(doc, mentions, mentions, {m.event_id: m.event_id for m in mentions})
