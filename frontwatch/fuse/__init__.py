"""Fusion: merge a document's mentions into the store's fused events, and reconcile their claims.

Mentions are linked by symmetric "same happening" tests (``relation.py``) and grouped by a deterministic
function of the set of mentions (``cluster.partition``); every field of a fused event is a function of its
set of mentions (``merge.py``), so the events do not depend on the order documents arrive in. A new
document's mentions are compared only with the stored mentions within their reach (``mention_reaches``: type,
days, fusion role, province, and for a precise one the place), never with the whole store; the neighbourhood
they touch is regrouped. A stored happening is compared by its fusion classes (``classes.py``: the kinds of
report it holds, each once, however often it was reported): the partition is proven on classes, or computed on
the neighbourhood's members without reading their payloads, and only the events the document changes are read
and rebuilt (an event it merely joins keeps its stored claim, evidence and source rows). Mention by mention, as
before, only for a store holding mentions stored before classes were recorded (they get theirs as they are read)
or a new version of a stored document.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from frontwatch.fuse import classes
from frontwatch.fuse.cluster import assign_roles, attachable, fuse_all, linked, partition, role
from frontwatch.fuse.folds import FOLDS
from frontwatch.fuse.merge import Fold, build_event, fused_event_id
from frontwatch.fuse.reach import box_around, mention_reaches, precise_fits
from frontwatch.fuse.reconcile import ClaimGroup, Fatalities, disagreements, reconcile
from frontwatch.fuse.relation import day, fusion_class
from frontwatch.records import Document, Event
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store.base import MentionReach, Store

__all__ = [
    "ClaimGroup",
    "Fatalities",
    "box_around",
    "build_event",
    "disagreements",
    "fuse_all",
    "fuse_events",
    "fuse_into_store",
    "fused_event_id",
    "mention_reaches",
    "reconcile",
]

log = logging.getLogger(__name__)

# How many documents each path fused in this process (the benchmark reports them): by classes (proven on classes or
# partitioned on members, ``classes.MEMBERS_PATH`` counts the latter) or mention by mention.
PATHS = {"classes": 0, "mentions": 0}


def fuse_events(mentions: Sequence[Event], settings: Settings = SETTINGS) -> list[Event]:
    """The fused events of any set of mentions, computed in one go (sorted by event id)."""
    return sorted((build_event(group) for group in fuse_all(mentions, settings)), key=lambda e: e.event_id)


def fuse_into_store(
    store: Store, doc: Document, mentions: Sequence[Event], settings: Settings = SETTINGS, affected: Sequence[str] = ()
) -> None:
    """Store a document and its mentions, fusing them with the stored mentions of the same happenings.

    ``affected`` names stored events that lost mentions (a replaced version of this document): their
    remaining mentions are grouped again, so an event whose bridge mention is gone splits.
    """
    marked = assign_roles(mentions, settings)
    before = FOLDS.current(store)
    planned = None if affected else classes.plan_document(store, doc.doc_id, marked, settings, _REACH)
    if planned is None:
        PATHS["mentions"] += 1
        _fuse_by_mentions(store, doc, marked, settings, affected, before)
        return
    PATHS["classes"] += 1
    if classes.VERIFY:
        _verify(store, marked, settings, planned)
    if planned.joins is not None:
        _save_planned(store, doc, marked, planned.old_ids, planned.joins, before)
    else:
        _save_groups(store, doc, marked, planned, before)


_REACH = (mention_reaches, precise_fits)


def _save_planned(
    store: Store,
    doc: Document,
    marked: Sequence[Event],
    old_ids: set[str],
    groups: list[tuple[str | None, list[Event]]],
    generation: int | None,
) -> None:
    """Write a partition proven on classes: only the stored events the document joins are rebuilt, each from its
    fold (``folds``) when this process wrote it last, else from its stored mentions."""
    changed = [(eid, new) for eid, new in groups if new]
    wanted = sorted(eid for eid, _ in changed if eid is not None)
    folded = FOLDS.take(store, generation, wanted)
    missing = [eid for eid in wanted if eid not in folded]
    folded.update((eid, Fold(ms)) for eid, ms in (store.mentions_of(missing) if missing else {}).items())
    rebuilt = sorted(((eid, folded[eid] if eid is not None else Fold(), new) for eid, new in changed),
                     key=lambda t: min([*t[1].ids[:1], *(m.event_id for m in t[2])]))  # the order ``partition`` gives
    events: list[Event] = []
    mapping: dict[str, str] = {}
    absorbed: list[str] = []
    grown: dict[str, str] = {}  # the stored events this document's mentions join, nothing else changing
    built: dict[str, Fold] = {}
    for eid, fold, new in rebuilt:
        event = fold.add(new).event()
        events.append(event)
        built[event.event_id] = fold
        mapping.update((m.event_id, event.event_id) for m in new)
        if eid is not None:
            grown[event.event_id] = eid
        if eid is not None and event.event_id != eid:  # a new mention is the event's smallest: its id changes
            absorbed.append(eid)
            mapping.update((mid, event.event_id) for mid in fold.ids)  # its stored mentions move too
    log.debug("%s: %d mentions, %d events written, %d unchanged, %d absorbed (by classes)", doc.doc_id, len(marked),
              len(events), len(old_ids) - len(wanted), len(absorbed))
    saved = store.save(doc, marked, events, mapping, sorted(absorbed), grown)
    FOLDS.saved(store, generation, saved, wanted, built)


def _save_groups(
    store: Store, doc: Document, marked: Sequence[Event], planned: classes.Planned, generation: int | None
) -> None:
    """Write ``partition``'s groups computed on the members: the groups that are not a stored event as it stands
    are rebuilt, a stored event that only gains this document's mentions from its fold when this process wrote it
    last, any other group from its mentions (read for the stored events they draw on)."""
    members = planned.members or {}
    event_of = {mid: eid for eid, mids in members.items() for mid in mids}
    stored_sets = {eid: frozenset(mids) for eid, mids in members.items()}
    kept, changed = set(), []
    for group in planned.groups or []:
        eid = event_of.get(group[0])
        if eid is not None and stored_sets[eid] == frozenset(group):
            kept.add(eid)
        else:
            changed.append(group)
    # A group that is one stored event whole and some of this document's mentions grows from the event's fold
    # (``_save_planned``); any other group is folded from its mentions, read for the stored events it draws on.
    extends: list[str | None] = []
    for group in changed:
        stored = {event_of[mid] for mid in group if mid in event_of}
        eid = next(iter(stored)) if len(stored) == 1 else None
        extends.append(eid if eid is not None and stored_sets[eid] <= frozenset(group) else None)
    folded = FOLDS.take(store, generation, sorted({eid for eid in extends if eid is not None}))
    wanted = sorted({event_of[mid] for group, eid in zip(changed, extends) if eid not in folded
                     for mid in group if mid in event_of})
    before = store.mentions_of(wanted) if wanted else {}
    by_id = {m.event_id: m for ms in before.values() for m in ms}
    by_id.update((m.event_id, m) for m in marked)
    events: list[Event] = []
    mapping: dict[str, str] = {}
    grown: dict[str, str] = {}  # groups that are one stored event and some of this document's mentions
    built: dict[str, Fold] = {}
    for group, eid in zip(changed, extends):
        if eid in folded:
            fold = folded[eid].add([by_id[mid] for mid in group if mid not in event_of])  # type: ignore[index]
        else:
            fold = Fold([by_id[mid] for mid in group])
        event = fold.event()
        built[event.event_id] = fold
        events.append(event)
        mapping.update((mid, event.event_id) for mid in group if event_of.get(mid) != event.event_id)
        if eid is not None:
            grown[event.event_id] = eid
    absorbed = sorted(set(planned.old_ids) - {e.event_id for e in events} - kept)
    log.debug("%s: %d mentions, %d events written, %d unchanged, %d absorbed (by members)", doc.doc_id, len(marked),
              len(events), len(kept), len(absorbed))
    saved = store.save(doc, marked, events, mapping, absorbed, grown)
    FOLDS.saved(store, generation, saved, set(planned.old_ids) - kept, built)  # a kept event keeps its fold


def _verify(store: Store, marked: Sequence[Event], settings: Settings, planned: classes.Planned) -> None:
    """Check a partition worked out on classes against the mention-by-mention one (``classes.VERIFY``)."""
    legacy = _neighbours(store, marked, settings)
    assert legacy == planned.old_ids, f"neighbourhood by classes {sorted(planned.old_ids)} != by mentions {sorted(legacy)}"
    before = store.mentions_of(sorted(planned.old_ids)) if planned.old_ids else {}
    stored = [m for ms in before.values() for m in ms]
    expected = sorted(sorted(m.event_id for m in g) for g in partition([*marked, *stored], settings))
    if planned.joins is not None:
        got = sorted(sorted([*(m.event_id for m in before.get(eid, []) if eid), *(m.event_id for m in new)])
                     for eid, new in planned.joins)
    else:
        got = sorted(planned.groups or [])
    assert got == expected, f"partition by classes {got} != by mentions {expected}"


def _fuse_by_mentions(
    store: Store,
    doc: Document,
    marked: Sequence[Event],
    settings: Settings,
    affected: Sequence[str],
    generation: int | None,
) -> None:
    """Fuse by reading every stored mention of the neighbourhood and partitioning them with the new ones."""
    read: list[Event] = []
    old_ids = sorted(_neighbours(store, marked, settings, read) | set(affected))
    own = {m.event_id for m in marked}  # a re-saved document's stored mentions are replaced, not repeated
    before = store.mentions_of(old_ids) if old_ids else {}
    stored = [m for ms in before.values() for m in ms if m.event_id not in own]
    # mentions stored before classes were recorded get theirs: the next report of their happening reads classes
    unclassed = {m.event_id: fusion_class(m, role(m)) for m in (*read, *stored)
                 if m.event_date and "fuse_class" not in m.extra and m.event_id not in own}
    if unclassed:
        store.classify_mentions(unclassed)
    groups = partition([*marked, *stored], settings)
    # A group holding exactly the mentions of one stored event, none of them this document's, is that event as
    # stored (every field is a function of the mention set): it is read for context and not written again.
    stored_sets = {eid: frozenset(m.event_id for m in ms) for eid, ms in before.items()}
    changed, kept = [], set()
    for group in groups:
        ids, eid = frozenset(m.event_id for m in group), fused_event_id(group)
        if stored_sets.get(eid) == ids and not ids & own:
            kept.add(eid)
        else:
            changed.append(group)
    events = [build_event(group) for group in changed]
    mapping = {m.event_id: e.event_id for group, e in zip(changed, events) for m in group}
    absorbed = sorted(set(old_ids) - {e.event_id for e in events} - kept)
    log.debug("%s: %d mentions, %d events written, %d unchanged, %d absorbed", doc.doc_id, len(marked), len(events),
              len(kept), len(absorbed))
    saved = store.save(doc, marked, events, mapping, absorbed)
    FOLDS.saved(store, generation, saved, old_ids, {})


def _neighbours(store: Store, marked: Sequence[Event], settings: Settings, read: list[Event] | None = None) -> set[str]:
    """The stored fused events the new mentions may join, and those competing with them for a vague report.

    A stored vague report that one of the new precise mentions fits could also fit other stored events; they
    are fetched too (all it fits, wherever the new mentions' own reach ends), so that the happening it joins, if
    any, is chosen as it would be over the whole store. ``read`` receives the stored mentions looked at.
    """
    own = {m.event_id for m in marked}
    reaches = [r for m in marked if day(m) for r in mention_reaches(m, settings)]
    if not reaches:
        return set()
    by_type: dict[str, list[Event]] = {}
    for m in marked:
        by_type.setdefault(m.event_type, []).append(m)
    candidates = _candidates(store, reaches, own)
    out: set[str] = set()
    contested: dict[str, Event] = {}
    for event_id, stored in candidates:
        for m in by_type.get(stored.event_type, ()):
            if linked(m, stored, settings) or attachable(m, stored, settings):
                out.add(event_id)
            elif attachable(stored, m, settings):
                out.add(event_id)
                contested[stored.event_id] = stored
    if contested:  # the stored precise mentions a contested report also fits: its own reach, in its province
        seen = {m.event_id for _, m in candidates}
        wanted = [r for v in contested.values() for r in precise_fits(v, settings)]
        candidates = candidates + [(e, m) for e, m in _candidates(store, wanted, own) if m.event_id not in seen]
    vague_by_type: dict[str, list[Event]] = {}
    for v in contested.values():
        vague_by_type.setdefault(v.event_type, []).append(v)
    for event_id, stored in candidates:
        if any(attachable(v, stored, settings) for v in vague_by_type.get(stored.event_type, ())):
            out.add(event_id)
    if read is not None:
        read.extend(m for _, m in candidates)
    return out


def _candidates(store: Store, reaches: Sequence[MentionReach], own: set[str]) -> list[tuple[str, Event]]:
    """The stored mentions within the reaches (not this document's), with their fused event ids."""
    unique = {m.event_id: (e, m) for e, m in store.mentions_within(reaches) if e is not None and m.event_id not in own}
    return [unique[k] for k in sorted(unique)]
