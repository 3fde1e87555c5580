"""Group mentions into happenings: document-level roles, then connected components across documents.

The partition is a function of the set of mentions alone (``fuse_all`` computes it in one go; the
incremental ``fuse_into_store`` reaches the same one): roles depend only on a mention's own document,
and the cross-document links form a symmetric relation whose connected components are the events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from frontwatch.fuse.relation import (
    ATTACHED,
    MAX_SLACK_DAYS,
    PRECISE,
    VAGUE,
    day,
    evidence_overlap,
    fit_strength,
    fits_precise,
    fusion_class,
    is_precise,
    related_precise,
    related_vague,
    report_days,
)
from frontwatch.records import Event
from frontwatch.settings import SETTINGS, Settings


class UnionFind:
    """Disjoint sets over hashable keys; each set is represented by its smallest key (so, stable)."""

    def __init__(self) -> None:
        self._parent: dict = {}

    def add(self, key) -> None:
        """Make ``key`` a set of its own unless it is already known."""
        self._parent.setdefault(key, key)

    def find(self, key):
        """The representative of ``key``'s set."""
        self.add(key)
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, a, b):
        """Join the sets of ``a`` and ``b``; the smaller representative wins and is returned."""
        ra, rb = self.find(a), self.find(b)
        lo, hi = sorted((ra, rb))
        if ra != rb:
            self._parent[hi] = lo
        return lo

    def groups(self) -> dict[str, list[str]]:
        """Representative -> sorted members."""
        out: dict[str, list[str]] = {}
        for key in sorted(self._parent):
            out.setdefault(self.find(key), []).append(key)
        return out


def role(mention: Event) -> str:
    """The fusion role stored on a mention by ``assign_roles`` (precise, attached or vague)."""
    return mention.extra.get("fuse_role") or (PRECISE if is_precise(mention) else VAGUE)


def unit(mention: Event) -> str:
    """The id of the document-level group a mention belongs to (its own id when alone)."""
    return mention.extra.get("fuse_unit") or mention.event_id


def assign_roles(mentions: Sequence[Event], settings: Settings = SETTINGS) -> list[Event]:
    """Mark one document's mentions: precise ones grouped by the precise relation; a vague one attached to the
    document's single precise group it fits, else left vague. Depends on this document only."""
    precise = sorted((m for m in mentions if is_precise(m)), key=lambda m: m.event_id)
    groups = UnionFind()
    for i, a in enumerate(precise):
        groups.add(a.event_id)
        for b in precise[i + 1 :]:
            if related_precise(a, b, settings):
                groups.union(a.event_id, b.event_id)
    out = []
    for m in mentions:
        if is_precise(m):
            extra = {"fuse_role": PRECISE, "fuse_unit": groups.find(m.event_id)}
        else:
            best = best_fit(m, ((groups.find(p.event_id), p) for p in precise if fits_precise(m, p, settings)))
            extra = {"fuse_role": ATTACHED, "fuse_unit": best} if best else {"fuse_role": VAGUE, "fuse_unit": m.event_id}
        extra["fuse_class"] = fusion_class(m, extra["fuse_role"])
        out.append(replace(m, extra={**m.extra, **extra}))
    return out


def best_fit(vague: Event, fits: Iterable[tuple[str, Event]]) -> str | None:
    """The group (of ``(group, precise mention)`` pairs the vague report fits) it fits strictly best, None on a tie."""
    strength: dict[str, tuple] = {}
    for group, precise in fits:
        strength[group] = max(strength.get(group, ()), fit_strength(vague, precise))
    ranked = sorted(strength.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def linked(a: Event, b: Event, settings: Settings = SETTINGS) -> bool:
    """Whether two role-marked mentions link their groups: precise with precise, vague with vague."""
    ra, rb = role(a), role(b)
    if ra == PRECISE and rb == PRECISE:
        return related_precise(a, b, settings)
    if ra == VAGUE and rb == VAGUE:
        return related_vague(a, b, settings)
    return False


def attachable(vague: Event, precise: Event, settings: Settings = SETTINGS) -> bool:
    """A vague report of one document could be a vaguer account of another document's precise report: one that
    names no country is not matched to another outlet's place (it stays its own event)."""
    return (
        role(vague) == VAGUE
        and role(precise) == PRECISE
        and vague.country is not None
        and doc_of(vague) != doc_of(precise)
        and fits_precise(vague, precise, settings)
    )


def doc_of(mention: Event) -> str:
    """The document a mention was read from."""
    return mention.sources[0].doc_id if mention.sources else mention.event_id


def _link_rank(a: Event, b: Event) -> tuple:
    """Strongest links first: same day before days apart, then more shared evidence words, then ids."""
    da, db = day(a), day(b)
    gap = abs((da - db).days) if da and db else MAX_SLACK_DAYS
    return (gap, -round(evidence_overlap(a, b), 3), min(a.event_id, b.event_id), max(a.event_id, b.event_id))


def partition(marked: Sequence[Event], settings: Settings = SETTINGS) -> list[list[Event]]:
    """Group role-marked mentions (whole documents, or the stored neighbourhood of a new one) into happenings.

    Each document's own groups come first (its units, and vague reports repeating each other). Links across
    documents are then taken strongest first, and one is refused when it would put two groups that a
    document keeps apart into one event: two daily reports of one outlet cannot be chained together
    through a third outlet's report. The result depends on the set of mentions only.
    """
    marked = sorted(marked, key=lambda m: m.event_id)
    sets = UnionFind()
    by_doc: dict[str, list[Event]] = {}
    for m in marked:
        sets.union(m.event_id, unit(m))
        by_doc.setdefault(doc_of(m), []).append(m)
    for ms in by_doc.values():
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                if linked(a, b, settings):
                    sets.union(a.event_id, b.event_id)
    block = {m.event_id: sets.find(m.event_id) for m in marked}
    docs: dict[str, dict[str, str]] = {}  # set representative -> {document: its group in this set}
    spans: dict[str, tuple[int, int, int]] = {}  # set representative -> precise days (first, last) and days allowed
    for m in marked:
        docs.setdefault(sets.find(m.event_id), {})[doc_of(m)] = block[m.event_id]
        if role(m) == PRECISE and day(m) is not None:
            spans[sets.find(m.event_id)] = _widened(spans.get(sets.find(m.event_id)), m, settings)
    links = sorted(
        (_link_rank(a, b), a.event_id, b.event_id)
        for i, a in enumerate(marked)
        for b in marked[i + 1 :]
        if doc_of(a) != doc_of(b) and linked(a, b, settings)
    )

    def join(x: str, y: str) -> None:
        """Union the sets of x and y unless some document keeps two groups of theirs apart, or the happening
        would span more days than its types allow (reports a day apart never chain into a week)."""
        rx, ry = sets.find(x), sets.find(y)
        if rx == ry:
            return
        left, right = docs[rx], docs[ry]
        if any(right.get(d, g) != g for d, g in left.items()):
            return  # a document reports these as two happenings
        span = _joined(spans.get(rx), spans.get(ry))
        if span is not None and span[1] - span[0] > span[2]:
            return
        del docs[rx], docs[ry]
        spans.pop(rx, None)
        spans.pop(ry, None)
        sets.union(x, y)
        docs[sets.find(x)] = {**left, **right}
        if span is not None:
            spans[sets.find(x)] = span

    for _, x, y in links:
        join(x, y)
    for v in (m for m in marked if role(m) == VAGUE):  # a vague report joins the happening it fits best
        best = best_fit(v, ((sets.find(p.event_id), p) for p in marked if attachable(v, p, settings)))
        if best is not None:
            join(v.event_id, best)
    index = {m.event_id: m for m in marked}
    groups = ([index[k] for k in members if k in index] for _, members in sorted(sets.groups().items()))
    return [g for g in groups if g]


def _widened(span: tuple[int, int, int] | None, mention: Event, settings: Settings) -> tuple[int, int, int]:
    """A group's precise days (first, last, as ordinals) and the days its types allow, with one more mention."""
    d, allowed = day(mention).toordinal(), report_days(mention.sub_event_type, settings)  # type: ignore[union-attr]
    return (d, d, allowed) if span is None else (min(span[0], d), max(span[1], d), max(span[2], allowed))


def _joined(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> tuple[int, int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1]), max(a[2], b[2])


def fuse_all(mentions: Iterable[Event], settings: Settings = SETTINGS) -> list[list[Event]]:
    """Every happening among ``mentions`` (from any number of documents), each a list sorted by mention id.

    Quadratic in the number of mentions: the reference the incremental store path is tested against.
    """
    by_doc: dict[str, list[Event]] = {}
    for m in mentions:
        by_doc.setdefault(doc_of(m), []).append(m)
    return partition([m for doc_id in sorted(by_doc) for m in assign_roles(by_doc[doc_id], settings)], settings)
