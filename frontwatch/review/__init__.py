"""Analysts' review of the machine's events: confirm, correct, reject, merge, split; who may write.

    from frontwatch.review import confirm, correct, reject, merge, split, audit
    confirm(store, event_id, analyst="amina")

The values analysts set are a layer the store keeps over fusion's output (``frontwatch.store.review``): a later
report adds its claims and sources but never overwrites them, and re-processing a document keeps them. Importing
this package gives the store fusion's event builder, with which it holds merges and splits against later fusion.
"""

from __future__ import annotations

from frontwatch.fuse.merge import build_event
from frontwatch.fuse.notes import write_notes
from frontwatch.review.service import (
    CORRECTABLE,
    ReviewRejected,
    audit,
    confirm,
    correct,
    merge,
    place_candidates,
    reject,
    review_queue,
    split,
)
from frontwatch.store import review as _layer

_layer.register(build_event, write_notes)

__all__ = [
    "CORRECTABLE",
    "ReviewRejected",
    "audit",
    "confirm",
    "correct",
    "merge",
    "place_candidates",
    "reject",
    "review_queue",
    "split",
]
