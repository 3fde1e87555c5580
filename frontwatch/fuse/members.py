"""``cluster.partition`` of a new document and the stored members of its neighbourhood, computed on classes.

When the proof on classes (``classes.plan``) gives up, the partition is worked out on the neighbourhood's members
(ids, documents, roles, units and classes, read without their payloads) with each pairwise test taken once per
pair of classes (``classes.Pairs``), and the links of a level enumerated from the classes they join.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from frontwatch.fuse.classes import Node, Pairs, _give_up
from frontwatch.fuse.cluster import role
from frontwatch.fuse.relation import PRECISE, VAGUE, day, report_days
from frontwatch.records import Event
from frontwatch.store.base import StoredMember


class _Groups:
    """``partition``'s sets over member indices: union-find with each set's documents (document -> its group),
    precise days and allowed days (``cluster._widened``), and its members per class (both ways)."""

    def __init__(self, class_of: Sequence[int]) -> None:
        n = len(class_of)
        self.parent = list(range(n))
        self.docs: dict[int, dict[str, int]] = {}
        self.span: dict[int, tuple[int, int, int] | None] = {}
        self.classes: dict[int, dict[int, int]] = {i: {c: 1} for i, c in enumerate(class_of)}  # set -> class -> count
        self.where: dict[int, dict[int, int]] = {}  # class -> set -> count
        for i, c in enumerate(class_of):
            self.where.setdefault(c, {})[i] = 1

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> int:
        """Join the sets of a and b (no check); the set with more classes absorbs the other's bookkeeping."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.classes[ra]) < len(self.classes[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        if rb in self.docs:
            self.docs[ra].update(self.docs.pop(rb))
        if rb in self.span:
            self.span[ra] = _joined(self.span.get(ra), self.span.pop(rb))
        mine = self.classes[ra]
        for k, count in self.classes.pop(rb).items():
            mine[k] = mine.get(k, 0) + count
            where = self.where[k]
            where[ra] = where.get(ra, 0) + where.pop(rb)
        return ra


def _joined(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> tuple[int, int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1]), max(a[2], b[2])


def partition_members(
    marked: Sequence[Event],
    doc_id: str,
    members: dict[str, list[StoredMember]],
    reps: dict[str, Event],
    pairs: Pairs,
) -> list[list[str]] | None:
    """``cluster.partition`` of the new mentions and the stored members of the neighbourhood, exactly, as lists of
    mention ids (sorted; groups by their smallest id); None if a unit lies outside (never, for a consistent store).

    The same phases as ``partition``, but each pairwise test is asked of two classes once, and the links of one
    level are enumerated from the classes they join rather than from every pair of mentions: in ``partition``'s
    order (the smaller mention id, then the larger), skipping a class all of whose mentions already lie in the
    set at hand. A happening reported a thousand times thus costs about a thousand steps, not a million.
    """
    settings = pairs.settings
    rows: list[tuple[str, str, str, str, str | None, Event | None]] = []  # id, doc, class, role, unit, new mention
    for ms in members.values():
        rows.extend((m.mention_id, m.doc_id, m.fuse_class, m.fuse_role, m.fuse_unit, None) for m in ms)  # type: ignore[misc]
    for m in marked:
        rows.append((m.event_id, doc_id, m.extra["fuse_class"], role(m), m.extra.get("fuse_unit"), m))
    rows.sort(key=lambda r: r[0])
    n = len(rows)
    ids = [r[0] for r in rows]
    index = {mid: i for i, mid in enumerate(ids)}
    docs = [r[1] for r in rows]
    keys: list[str] = []
    class_of: list[int] = []
    class_index: dict[str, int] = {}
    for mid, _, key, kind, _, new in rows:
        # a class of a role: the same signature may be precise in one document and attached in another
        if key not in class_index:
            class_index[key] = len(keys)
            keys.append(key)
            rep = reps.get(key) or new
            if rep is None:
                return _give_up("class without a representative")
            reps.setdefault(key, rep)
        class_of.append(class_index[key])
    roles = [r[3] for r in rows]
    nodes = [Node(k, reps[k], role(reps[k])) for k in keys]
    groups = _Groups(class_of)
    # first phase: each document's units, and the links between its own mentions
    by_doc: dict[str, list[int]] = {}
    for i, (mid, doc, _, _, unit_id, _) in enumerate(rows):
        j = index.get(unit_id or mid)
        if j is None:
            return _give_up("unit outside the neighbourhood")
        groups.union(i, j)
        by_doc.setdefault(doc, []).append(i)
    for found in by_doc.values():
        for x, i in enumerate(found):
            for j in found[x + 1 :]:
                if pairs.linked(nodes[class_of[i]], nodes[class_of[j]]):
                    groups.union(i, j)
    block = [groups.find(i) for i in range(n)]
    spans: dict[int, tuple[int, int, int]] = {}  # class -> its day twice and the days its type allows
    for i in range(n):
        root = block[i]
        groups.docs.setdefault(root, {})[docs[i]] = root  # every set has its documents from here on
        if roles[i] == PRECISE:
            c = class_of[i]
            if c not in spans:
                rep = nodes[c].rep
                d = day(rep).toordinal()  # type: ignore[union-attr]
                spans[c] = (d, d, report_days(rep.sub_event_type, settings))
            groups.span[root] = _joined(groups.span.get(root), spans[c])

    apart: set[tuple[int, int]] = set()  # sets a document keeps apart (for good: sets only grow)

    def join(a: int, b: int) -> None:
        """``partition``'s join: refused when a document holds two groups in the two sets, or the days would spread
        wider than the types allow."""
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb or (min(ra, rb), max(ra, rb)) in apart:
            return
        left, right = groups.docs[ra], groups.docs[rb]
        if len(right) < len(left):
            left, right = right, left
        if any(right.get(d, g) != g for d, g in left.items()):
            apart.add((min(ra, rb), max(ra, rb)))
            return
        span = _joined(groups.span.get(ra), groups.span.get(rb))
        if span is not None and span[1] - span[0] > span[2]:
            return
        groups.union(ra, rb)

    # the links between documents, level by level, each level in partition's order of mention ids
    members_of: dict[int, list[int]] = {}
    for i in range(n):
        members_of.setdefault(class_of[i], []).append(i)
    linkable = [c for c, node in enumerate(nodes) if node.role in (PRECISE, VAGUE)]
    levels: dict[tuple, dict[int, set[int]]] = {}
    for x, c in enumerate(linkable):
        for d in linkable[x:]:
            a, b = nodes[c], nodes[d]
            if a.role != b.role or a.rep.event_type != b.rep.event_type or (c == d and len(members_of[c]) < 2):
                continue
            if pairs.linked(a, b):
                partners = levels.setdefault(pairs.level(a, b), {})
                partners.setdefault(c, set()).add(d)
                partners.setdefault(d, set()).add(c)
    for level in sorted(levels):
        partners = levels[level]
        for a in sorted(i for c in partners for i in members_of[c]):
            found = []
            for c in partners[class_of[a]]:
                if groups.where[c].get(groups.find(a)) == len(members_of[c]):
                    continue  # the whole class is in a's set already
                later = members_of[c]
                found.extend(later[bisect_right(later, a) :])
            for b in sorted(found):
                if docs[a] != docs[b]:
                    join(a, b)
    # last phase: each vague report joins the happening it fits strictly best
    precise_classes: dict[str, list[int]] = {}
    for c, node in enumerate(nodes):
        if node.role == PRECISE:
            precise_classes.setdefault(node.rep.event_type, []).append(c)
    by_class_doc: dict[tuple[int, str], list[int]] = {}
    for i in range(n):
        if roles[i] == PRECISE:
            by_class_doc.setdefault((class_of[i], docs[i]), []).append(i)
    for v in range(n):
        if roles[v] != VAGUE:
            continue
        vn = nodes[class_of[v]]
        if vn.rep.country is None:
            continue
        strength: dict[int, tuple] = {}
        for c in precise_classes.get(vn.rep.event_type, ()):
            if not pairs.fits(vn, nodes[c]):
                continue
            fit = pairs.strength(vn, nodes[c])
            own = by_class_doc.get((c, docs[v]), ())  # mentions of the vague report's own document: no fit
            for root, count in groups.where[c].items():
                if own:
                    count -= sum(1 for i in own if groups.find(i) == root)
                if count > 0:
                    strength[root] = max(strength.get(root, ()), fit)
        ranked = sorted(strength.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
            continue
        join(v, next(root for root, fit in strength.items() if fit == ranked[0]))
    out: dict[int, list[str]] = {}
    for i in range(n):
        out.setdefault(groups.find(i), []).append(ids[i])
    return sorted(out.values(), key=lambda g: g[0])
