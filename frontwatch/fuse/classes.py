"""Fusion by classes: a new document is compared with each kind of report a stored happening holds, once.

Every pairwise test of ``relation.py`` reads a few fields of each mention (type, day, place, province, actors,
evidence words) and, through ``cluster``, its fusion role and document. Mentions that agree on all of those but
the document share a *fusion class* (``relation.fusion_class``, recorded with each stored mention); the store
keeps, per fused event, its classes with how many mentions and documents hold each (``Store.classes_within``,
``Store.classes_of``). A happening reported a thousand times is then a handful of classes: the neighbourhood of
a new document and its partition are worked out on those, each class standing for all its mentions, and only
the events the document changes are rebuilt.

The result is ``cluster.partition`` over the neighbourhood, exactly, found in one of two ways. ``plan`` proves it
from the classes alone in the usual case, and gives up whenever the proof does not go through; then
``members.partition_members`` runs ``partition`` itself on the neighbourhood's members (ids, documents, roles, units and
classes, read without their payloads), taking each pairwise test once per pair of classes and enumerating the
links of a level from the classes they join, so a happening reported a thousand times costs about a thousand
steps instead of a million. Only a store holding mentions without a class (written before classes were recorded)
or a new version of a stored document is fused mention by mention, as before. The proof:
- ``partition`` takes the links strongest first (days apart, then shared evidence words: a *level*; the mention
  ids only order the links of one level) and refuses a join that would put two groups one document keeps apart
  into one set, or span more days than the types allow. Links between classes are taken here level by level. At a
  level, the sets it joins that hold one stored event and one group of the new document at most are joined: no
  such join can be refused (a stored event never holds two groups of one document, and the days of the whole event
  are checked), so the order inside the level does not matter. Two sets of different happenings are left apart
  when the join is refused whatever the order: a document is known to hold mentions of both (each class records
  its first and last document), or their days lie too far apart. Sets of stored events alone, none holding a
  mention of the new document, are linked at a level as they were when those events were stored (the same links
  between the same sets, in the same order): the sets of one event join, events stay apart (``_as_stored``; a
  report bridging two happenings of one article no longer ends the proof for every later document near them).
  Any other level that links sets of two happenings (a new report linking both, a new document's reports joining
  two that a stored report links) is followed turn by turn in ``partition``'s order of mention ids, each class by
  its first mention (``turns``: a happening reported a thousand times is still a few classes there); what that
  cannot tell for sure ends the proof;
- a vague report then joins the precise set it fits strictly best. A vague set whose reports fit different
  precise sets joins the one its first report fits, and the later reports' joins must be refused as above; a
  precise set then never grows in this phase, so every report's best fit is the same at any point of it;
- and each stored event must come out whole, joined by one group of the new document or by none.
A class whose mentions could answer differently (a vague class whose mentions do not link to each other, a fit
that depends on which document a mention is from and which mention comes first) also ends the proof.
``VERIFY`` (or ``FRONTWATCH_FUSE_VERIFY=1``) makes ``fuse_into_store`` check every planned result against the
mention-by-mention partition.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from frontwatch.fuse.cluster import UnionFind, doc_of, linked, role, unit
from frontwatch.fuse.relation import (
    ATTACHED,
    MAX_SLACK_DAYS,
    PRECISE,
    VAGUE,
    day,
    evidence_overlap,
    fit_strength,
    fits_precise,
    report_days,
)
from frontwatch.fuse.turns import take_level
from frontwatch.records import Event
from frontwatch.settings import SETTINGS, Settings
from frontwatch.store.base import MentionClass, Store

# Check each planned partition against ``cluster.partition`` over the mentions themselves (tests, benchmarks of
# correctness); it loads every mention of the neighbourhood, as fusion did before classes.
VERIFY = os.environ.get("FRONTWATCH_FUSE_VERIFY", "") not in ("", "0")
# Try the proof on classes before computing the partition on members (off: every document goes through
# ``partition_members``, which the tests use to exercise it).
PROOF = os.environ.get("FRONTWATCH_FUSE_PROOF", "1") not in ("", "0")

# Representatives and pairwise answers kept per process; past these sizes the memo starts again (memory bound).
_MAX_REPRESENTATIVES = 200_000
_MAX_PAIRS = 2_000_000


@dataclass(eq=False)
class Node:
    """A class of a stored event (``event_id`` set), or one mention of the new document (``mention`` set)."""

    key: str  # the fusion class
    rep: Event  # a mention of the class: what the pairwise tests read
    role: str
    event_id: str | None = None
    mentions: int = 1
    documents: int = 1
    first_doc: str = ""
    last_doc: str = ""
    first_mention: str = ""  # the smallest mention id of the class
    mention: Event | None = None


def new_node(mention: Event, doc_id: str) -> Node:
    """The node of one of the new document's (role-marked) mentions."""
    key = mention.extra.get("fuse_class") or f"new|{mention.event_id}"
    return Node(key, mention, role(mention), None, 1, 1, doc_id, doc_id, mention.event_id, mention)


class Representatives:
    """Class -> a stored mention of it, read once per process (a class is the same whichever mention stands for it)."""

    def __init__(self) -> None:
        self._by_class: dict[str, Event] = {}

    def nodes(self, store: Store, classes: Iterable[MentionClass]) -> list[Node] | None:
        """The nodes of stored classes (none may be None), reading the representatives not yet known; None if one
        is gone (removed by another writer since the classes were read)."""
        classes = list(classes)
        missing = {c.fuse_class: c.first_mention for c in classes if c.fuse_class not in self._by_class}
        if missing:
            if len(self._by_class) + len(missing) > _MAX_REPRESENTATIVES:
                self._by_class.clear()
            found = store.get_mentions(sorted(set(missing.values())))
            if any(mid not in found for mid in missing.values()):
                return None
            for key, mid in missing.items():
                self._by_class[key] = found[mid]  # type: ignore[index]
        out = []
        for c in classes:
            rep = self._by_class[c.fuse_class]  # type: ignore[index]
            out.append(Node(c.fuse_class, rep, role(rep), c.event_id, c.mentions, c.documents, c.first_doc,  # type: ignore[arg-type]
                            c.last_doc, c.first_mention))
        return out


REPRESENTATIVES = Representatives()


class Pairs:
    """The pairwise tests between classes, each pair computed once (they read nothing a class's mentions differ in)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._linked: dict[tuple[str, str], bool] = {}
        self._fits: dict[tuple[str, str], bool] = {}
        self._strength: dict[tuple[str, str], tuple] = {}
        self._level: dict[tuple[str, str], tuple[int, float]] = {}

    def _room(self) -> None:
        if len(self._linked) + len(self._fits) + len(self._strength) + len(self._level) > _MAX_PAIRS:
            for memo in (self._linked, self._fits, self._strength, self._level):
                memo.clear()

    def linked(self, a: Node, b: Node) -> bool:
        """``cluster.linked`` of two mentions of these classes (symmetric)."""
        key = (a.key, b.key) if a.key <= b.key else (b.key, a.key)
        found = self._linked.get(key)
        if found is None:
            self._room()
            found = self._linked[key] = linked(a.rep, b.rep, self.settings)
        return found

    def level(self, a: Node, b: Node) -> tuple[int, float]:
        """Where ``cluster.partition`` takes a link between mentions of these classes: days apart, then shared
        evidence words (its ``_link_rank`` without the mention ids, which order links of one level only)."""
        key = (a.key, b.key) if a.key <= b.key else (b.key, a.key)
        found = self._level.get(key)
        if found is None:
            self._room()
            da, db = day(a.rep), day(b.rep)
            gap = abs((da - db).days) if da and db else MAX_SLACK_DAYS
            found = self._level[key] = (gap, -round(evidence_overlap(a.rep, b.rep), 3))
        return found

    def fits(self, vague: Node, precise: Node) -> bool:
        """``relation.fits_precise`` of a mention of ``vague``'s class and one of ``precise``'s."""
        key = (vague.key, precise.key)
        found = self._fits.get(key)
        if found is None:
            self._room()
            found = self._fits[key] = fits_precise(vague.rep, precise.rep, self.settings)
        return found

    def strength(self, vague: Node, precise: Node) -> tuple:
        """``relation.fit_strength`` of a mention of ``vague``'s class and one of ``precise``'s."""
        key = (vague.key, precise.key)
        found = self._strength.get(key)
        if found is None:
            self._room()
            found = self._strength[key] = fit_strength(vague.rep, precise.rep)
        return found


_PAIRS: dict[Settings, Pairs] = {}

# Why the proof on classes gave up (reason -> documents, this process; they went on to ``partition_members`` or,
# for the reasons naming unclassed mentions or a stored document, mention by mention): the benchmark prints it.
GAVE_UP: Counter[str] = Counter()


def _give_up(reason: str) -> None:
    GAVE_UP[reason] += 1
    return None


def pairs_for(settings: Settings = SETTINGS) -> Pairs:
    """The process's memo of pairwise answers under these settings."""
    found = _PAIRS.get(settings)
    if found is None:
        if len(_PAIRS) > 8:
            _PAIRS.clear()
        found = _PAIRS[settings] = Pairs(settings)
    return found


def some_documents_differ(a: Node, b: Node) -> bool:
    """Whether some mention of ``a`` and some mention of ``b`` come from different documents (the new document is
    in no stored class)."""
    if a.event_id is None or b.event_id is None:
        return not (a.event_id is None and b.event_id is None)
    return not (a.documents == 1 and b.documents == 1 and a.first_doc == b.first_doc)


def attachable_some(pairs: Pairs, vague: Node, precise: Node) -> bool:
    """``cluster.attachable`` for some mention of ``vague``'s class and some of ``precise``'s."""
    return (
        vague.role == VAGUE
        and precise.role == PRECISE
        and vague.rep.country is not None
        and some_documents_differ(vague, precise)
        and pairs.fits(vague, precise)
    )


def _excluded_for(precise: Node) -> str | None:
    """The document whose vague reports cannot be attached to ``precise``'s class (every mention of it is of that
    document: ``cluster.attachable`` pairs reports of different documents only), or None."""
    return precise.first_doc if precise.event_id is None or precise.documents == 1 else None


def _holds_document(vague: Node, doc_id: str, new_doc: str, holds: Callable[[Node, str], bool]) -> bool:
    """Whether some mention of ``vague``'s class is of that document."""
    if vague.event_id is None or vague.documents == 1:
        return vague.first_doc == doc_id
    if doc_id == new_doc or doc_id < vague.first_doc or doc_id > vague.last_doc:
        return False
    return holds(vague, doc_id)


@dataclass
class _Part:
    """What the proof knows of one set of ``partition``'s link phase (a union of nodes)."""

    nodes: list[int]
    events: set[str]  # stored events some of its classes belong to
    blocks: set[int]  # the new document's groups in it
    known: set[str]  # documents known to hold some of its mentions (each class's first and last)
    days: tuple[int, int] | None  # its precise reports' first and last day (ordinals)
    allowed: tuple[int, int] | None  # the fewest and the most days their types allow

    def merge(self, other: _Part) -> None:
        self.nodes += other.nodes
        self.events |= other.events
        self.blocks |= other.blocks
        self.known |= other.known
        self.days = _hull(self.days, other.days)
        self.allowed = _hull(self.allowed, other.allowed)


def _hull(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def plan(
    marked: Sequence[Event],
    doc_id: str,
    stored: Sequence[Node],
    pairs: Pairs,
    holds: Callable[[Node, str], bool],
    first_docs: Callable[[Sequence[str]], dict[str, str]] | None = None,
) -> list[tuple[str | None, list[Event]]] | None:
    """The partition of the new document's role-marked mentions with the stored events these classes belong to
    (every class of each), as ``(stored event or None, the new mentions joining it)``; None when it cannot be
    shown equal to ``cluster.partition`` over the mentions themselves (see the module's docstring).

    ``holds(node, doc_id)`` answers whether a stored class has a mention of that document (asked only when its
    counts and first and last documents do not settle it); ``first_docs(mention_ids)`` the documents of stored
    mentions (classes' first mentions, for a level whose links meet two happenings: ``turns``; without it, such
    a level gives the proof up).
    """
    settings = pairs.settings
    nodes: list[Node] = []
    riders: set[str] = set()  # stored events holding attached reports (they go with their document's precise group)
    for n in stored:
        if n.role == ATTACHED:
            riders.add(n.event_id)  # type: ignore[arg-type]
        elif n.role == PRECISE or (n.role == VAGUE and (n.mentions == 1 or pairs.linked(n, n))):
            nodes.append(n)
        else:
            return _give_up("vague class not linked to itself")
    first_new = len(nodes)
    nodes.extend(new_node(m, doc_id) for m in marked)
    index = {m.event_id: first_new + i for i, m in enumerate(marked)}
    sets, blocks = UnionFind(), UnionFind()  # blocks: the new document's own groups (its phase one)
    for i, m in enumerate(marked):
        j = index.get(unit(m))
        if j is None:
            return _give_up("unit outside the document")
        sets.union(first_new + i, j)
        blocks.union(first_new + i, j)
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, n in enumerate(nodes):
        if n.role in (PRECISE, VAGUE):
            buckets.setdefault((n.rep.event_type, n.role), []).append(i)
    links: list[tuple[tuple, int, int]] = []
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if pairs.linked(nodes[i], nodes[j]):
                    if i >= first_new:  # two of the new document's mentions: one group from the start
                        sets.union(i, j)
                        blocks.union(i, j)
                    else:
                        links.append((pairs.level(nodes[i], nodes[j]), i, j))
    bounds = _event_bounds(nodes, settings)
    parts: dict[int, _Part] = {}
    for i, n in enumerate(nodes):
        part = _part(i, n, blocks.find(i) if i >= first_new else None, settings)
        root = sets.find(i)
        if root in parts:
            parts[root].merge(part)
        else:
            parts[root] = part
    links.sort(key=lambda link: link[0])
    for level, group in groupby(links, key=lambda link: link[0]):
        joined = UnionFind()
        taken: list[tuple[int, int]] = []  # this level's links between sets
        for _, i, j in group:
            a, b = sets.find(i), sets.find(j)
            if a != b:
                joined.union(a, b)
                taken.append((a, b))
        together: dict[int, list[int]] = {}
        for root in parts:
            together.setdefault(joined.find(root), []).append(root)
        for roots in together.values():
            if len(roots) < 2:
                continue
            events = set().union(*(parts[r].events for r in roots))
            new_blocks = set().union(*(parts[r].blocks for r in roots))
            if len(events) <= 1 and len(new_blocks) <= 1:
                if not _never_refused([parts[r] for r in roots], bounds):
                    return _give_up("a join could be refused")
                keep = roots[0]
                for other in roots[1:]:
                    keep = _merge(sets, parts, keep, other)
            elif not new_blocks and all(len(parts[r].events) == 1 for r in roots):
                if not _as_stored(roots, taken, sets, parts, bounds):
                    return _give_up("a join could be refused")
            elif len(roots) != 2 or not _refused(parts[roots[0]], parts[roots[1]], bounds, nodes, pairs, level):
                if first_docs is None or not take_level(roots, level, nodes, sets, parts, bounds, pairs, blocks, holds,
                                                        first_docs, _merge):
                    return _give_up("a join across happenings could go through")
    comp = [sets.find(i) for i in range(len(nodes))]
    precise_sets: dict[str, set[int]] = {}
    for i, n in enumerate(nodes):
        if n.event_id is not None and n.role == PRECISE:
            precise_sets.setdefault(n.event_id, set()).add(comp[i])
    if any(len(found) > 1 for found in precise_sets.values()):
        return _give_up("stored event's precise reports apart")
    if any(len(precise_sets.get(e, ())) != 1 for e in riders):
        return _give_up("attached reports without their group")
    targets = _vague_targets(nodes, comp, parts, bounds, pairs, doc_id, holds)
    if targets is None:
        return None
    for v, t in targets.items():
        sets.union(v, t)
    final = [sets.find(i) for i in range(len(nodes))]
    groups: dict[int, tuple[set[str], set[int], list[Event]]] = {}
    where: dict[str, set[int]] = {}
    for i, n in enumerate(nodes):
        events, new_blocks, new = groups.setdefault(final[i], (set(), set(), []))
        if n.event_id is not None:
            events.add(n.event_id)
            where.setdefault(n.event_id, set()).add(final[i])
        else:
            new_blocks.add(blocks.find(i))
            new.append(n.mention)  # type: ignore[arg-type]
    for e in riders:
        where.setdefault(e, set()).add(final[next(iter(precise_sets[e]))])
    if any(len(events) > 1 or len(new_blocks) > 1 for events, new_blocks, _ in groups.values()):
        return _give_up("vague report joins two events or groups")
    if any(len(found) > 1 for found in where.values()):
        return _give_up("stored event would split")
    return [(next(iter(events)) if events else None, new) for events, _, new in groups.values()]


def _part(i: int, n: Node, block: int | None, settings: Settings) -> _Part:
    days = allowed = None
    if n.role == PRECISE:
        d = day(n.rep).toordinal()  # type: ignore[union-attr]
        a = report_days(n.rep.sub_event_type, settings)
        days, allowed = (d, d), (a, a)
    return _Part([i], {n.event_id} if n.event_id is not None else set(), {block} if block is not None else set(),
                 {n.first_doc, n.last_doc}, days, allowed)


def _merge(sets: UnionFind, parts: dict[int, _Part], a: int, b: int) -> int:
    root = sets.union(a, b)
    other = b if root == a else a
    parts[root].merge(parts.pop(other))
    return root


def _event_bounds(nodes: Sequence[Node], settings: Settings) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """Each stored event's precise days and the fewest and most days their types allow, over all its classes.

    A stored document's own group may join mentions of two classes of its event before any link is taken
    (``partition``'s first phase, which classes do not show); whatever a set holds of an event, these bound it.
    """
    out: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
    for n in nodes:
        if n.event_id is None or n.role != PRECISE:
            continue
        d = day(n.rep).toordinal()  # type: ignore[union-attr]
        a = report_days(n.rep.sub_event_type, settings)
        days, allowed = out.get(n.event_id, ((d, d), (a, a)))
        out[n.event_id] = (_hull(days, (d, d)), _hull(allowed, (a, a)))  # type: ignore[assignment]
    return out


def _as_stored(
    roots: Sequence[int], taken: Sequence[tuple[int, int]], sets: UnionFind, parts: dict[int, _Part], bounds: dict
) -> bool:
    """Join the sets of one stored event each, none of the new document's, that this level links together (a
    happening reported again and again through a bridging report) as ``partition`` over the stored mentions alone
    joins them: no new mention takes part in their links or in the sets they join, so those links are taken in
    the same order between the same sets as when the events were stored, and the result is theirs. The sets of
    one event linked here are joined (False when such a join could be refused); events stay apart."""
    within = set(roots)
    by_event = UnionFind()
    for a, b in taken:
        if a in within and b in within and parts[a].events == parts[b].events:
            by_event.union(a, b)
    joining: dict[int, list[int]] = {}
    for root in roots:
        joining.setdefault(by_event.find(root), []).append(root)
    for group in joining.values():
        if len(group) < 2:
            continue
        if not _never_refused([parts[r] for r in group], bounds):
            return False
        keep = group[0]
        for other in group[1:]:
            keep = _merge(sets, parts, keep, other)
    return True


def _never_refused(joining: Sequence[_Part], bounds: dict[str, tuple[tuple[int, int], tuple[int, int]]]) -> bool:
    """No join among these sets (of one stored event and one group of the new document at most) can be refused:
    no document holds two groups in them, and all the precise days the event and the new group hold lie within
    the fewest days any of their types allows, whichever sets are joined first."""
    days = allowed = None
    for part in joining:
        days, allowed = _hull(days, part.days), _hull(allowed, part.allowed)
        for e in part.events & bounds.keys():
            days, allowed = _hull(days, bounds[e][0]), _hull(allowed, bounds[e][1])
    return days is None or allowed is None or days[1] - days[0] <= allowed[0]


def _refused(a: _Part, b: _Part, bounds: dict, nodes: Sequence[Node], pairs: Pairs, level: tuple | None) -> bool:
    """Whether ``partition`` refuses every join of the sets ``a`` and ``b`` (of different stored events, or
    holding two groups of the new document), whenever it meets them at ``level``.

    The sets it holds then contain these (each class whole once its own links are taken, at its level; a stored
    document's first phase may add mentions of the same events), so a document known to hold mentions of both
    refuses the join; so do precise days spread wider than any of the types involved allows."""
    if a.events & b.events:
        return False  # a stored document's first phase may already hold them together
    if level is not None:
        for i in (*a.nodes, *b.nodes):
            if nodes[i].event_id is not None and nodes[i].mentions > 1 and pairs.level(nodes[i], nodes[i]) >= level:
                return False  # the class's mentions may still be apart when this link is taken
    if a.known & b.known:
        return True
    days, allowed = _hull(a.days, b.days), _hull(a.allowed, b.allowed)
    for e in a.events | b.events:
        if e in bounds:
            allowed = _hull(allowed, bounds[e][1])
    return days is not None and allowed is not None and days[1] - days[0] > allowed[1]


def _vague_targets(
    nodes: Sequence[Node],
    comp: Sequence[int],
    parts: dict[int, _Part],
    bounds: dict,
    pairs: Pairs,
    new_doc: str,
    holds: Callable[[Node, str], bool],
) -> dict[int, int] | None:
    """Vague set -> the precise set it joins in ``partition``'s last phase, for those that join one; None when that
    cannot be told from classes.

    Each vague report joins the precise set it fits strictly best (``cluster.best_fit``). A precise class all of
    whose mentions are of one document fits no vague report of that document: a vague class's mention of that
    document is weighed without it, the others with it. When the reports of one vague set fit different precise
    sets best, the first of them (by mention id) joins its own, and each later one tries to join that set to
    another: the proof goes on only when that join is refused (``_refused``); a precise set then never grows in
    this phase, so no report's best fit changes.
    """
    precise_by_type: dict[str, list[int]] = {}
    for i, n in enumerate(nodes):
        if n.role == PRECISE:
            precise_by_type.setdefault(n.rep.event_type, []).append(i)
    found: dict[int, list[tuple[str, int | None, set[int]]]] = {}  # vague set -> (first mention, target, targets)
    for i, v in enumerate(nodes):
        if v.role != VAGUE or v.rep.country is None:
            continue
        fits = [
            (comp[j], pairs.strength(v, nodes[j]), _excluded_for(nodes[j]))
            for j in precise_by_type.get(v.rep.event_type, ())
            if pairs.fits(v, nodes[j])
        ]
        alone = sorted({x for _, _, x in fits if x is not None})
        own = [d for d in alone if _holds_document(v, d, new_doc, holds)]
        kinds = [*own, *([None] if v.documents > len(own) else [])]  # a mention of that document, of the others
        bests: list[int | None] = []
        for kind in kinds:
            strength: dict[int, tuple] = {}
            for g, fit, excluded in fits:
                if excluded is None or excluded != kind:
                    strength[g] = max(strength.get(g, ()), fit)
            ranked = sorted(strength.values(), reverse=True)
            if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
                bests.append(None)
            else:
                bests.append(next(g for g, fit in strength.items() if fit == ranked[0]))
        targets = {b for b in bests if b is not None}
        if targets:
            uniform = bests[0] if len(set(bests)) == 1 else None
            found.setdefault(comp[i], []).append((v.first_mention, uniform, targets))
    out: dict[int, int] = {}
    for c, reports in found.items():
        targets = set().union(*(t for _, _, t in reports))
        if len(targets) == 1:
            out[c] = targets.pop()
            continue
        if any(uniform is None for _, uniform, _ in reports):
            return _give_up("vague reports fit apart")  # which of a class's reports comes first matters
        first: int = min(reports)[1]  # type: ignore[assignment]
        joined = _Part([], set(), set(), set(), None, None)
        joined.merge(parts[first])
        joined.merge(parts[c])
        for other in targets - {first}:
            if not _refused(joined, parts[other], bounds, nodes, pairs, None):
                return _give_up("vague reports fit apart")  # the join might go through
        out[c] = first
    return out


def neighbours(store: Store, marked: Sequence[Event], pairs: Pairs, reach) -> set[str] | None:
    """``fuse._neighbours`` on classes: the stored events the new mentions may join, and those competing with them
    for a vague report; None when a class in reach is unknown (mentions stored before classes were recorded).

    ``reach`` is ``(mention_reaches, precise_fits)`` of ``fuse``, passed in to keep the one definition there.
    """
    mention_reaches, precise_fits = reach
    settings = pairs.settings
    reaches = [r for m in marked if day(m) for r in mention_reaches(m, settings)]
    if not reaches:
        return set()
    found = store.classes_within(reaches)
    if any(c.fuse_class is None for c in found):
        return _give_up("unclassed mentions in reach")
    candidates = REPRESENTATIVES.nodes(store, found)
    if candidates is None:
        return _give_up("a class's mention is gone")
    new: dict[str, list[Node]] = {}
    for m in marked:
        new.setdefault(m.event_type, []).append(new_node(m, ""))
    out: set[str] = set()
    contested: dict[tuple[str | None, str], Node] = {}
    for s in candidates:
        for m in new.get(s.rep.event_type, ()):
            if pairs.linked(m, s) or attachable_some(pairs, m, s):
                out.add(s.event_id)  # type: ignore[arg-type]
            elif attachable_some(pairs, s, m):
                out.add(s.event_id)  # type: ignore[arg-type]
                contested[(s.event_id, s.key)] = s
    if contested:  # the stored precise classes a contested report also fits: its own reach, in its province
        seen = {(s.event_id, s.key) for s in candidates}
        more = store.classes_within([r for v in contested.values() for r in precise_fits(v.rep, settings)])
        if any(c.fuse_class is None for c in more):
            return _give_up("unclassed mentions in reach")
        extra = REPRESENTATIVES.nodes(store, more)
        if extra is None:
            return _give_up("a class's mention is gone")
        candidates += [s for s in extra if (s.event_id, s.key) not in seen]
    vague_by_type: dict[str, list[Node]] = {}
    for v in contested.values():
        vague_by_type.setdefault(v.rep.event_type, []).append(v)
    for s in candidates:
        if any(attachable_some(pairs, v, s) for v in vague_by_type.get(s.rep.event_type, ())):
            out.add(s.event_id)  # type: ignore[arg-type]
    return out


@dataclass
class Planned:
    """How a new document fuses: the neighbourhood's stored events, and either the partition proven on classes
    (``joins``: stored event or None -> the new mentions joining it) or ``partition``'s groups computed on the
    members (``groups``: mention ids), with the stored members read for it (``members``: event -> mention ids)."""

    old_ids: set[str]
    joins: list[tuple[str | None, list[Event]]] | None = None
    groups: list[list[str]] | None = None
    members: dict[str, list[str]] | None = None


def plan_document(store: Store, doc_id: str, marked: Sequence[Event], settings: Settings, reach) -> Planned | None:
    """How a new document fuses, worked out on classes (``plan``), else on the members of its neighbourhood
    (``partition_members``); None when only the mentions themselves can tell (mentions stored without a class, a
    stored version of the document)."""
    if any("fuse_class" not in m.extra for m in marked):
        return _give_up("mentions not marked")
    if store.has_document(doc_id):
        return _give_up("document already stored")
    pairs = pairs_for(settings)
    old = neighbours(store, marked, pairs, reach)
    if old is None:
        return None
    stored: list[Node] = []
    if old:
        by_event = store.classes_of(sorted(old))
        found = [c for eid in sorted(by_event) for c in by_event[eid]]
        if any(c.fuse_class is None for c in found) or any(not by_event[e] for e in old):
            return _give_up("unclassed mentions in neighbourhood")
        read = REPRESENTATIVES.nodes(store, found)
        if read is None:
            return _give_up("a class's mention is gone")
        stored = read
    held: dict[str, set[tuple[str, str]]] = {}
    # the documents ``_vague_targets`` asks about: those of precise classes reported by one document (read together,
    # at the first question: one query, however many such classes a much-reported happening gathered)
    asked = sorted({n.first_doc for n in stored if n.role == PRECISE and n.documents == 1})

    def holds(node: Node, doc: str) -> bool:
        if doc not in held:
            held.update(store.document_classes([doc, *(d for d in asked if d not in held and d != doc)]))
        return (node.event_id, node.key) in held.get(doc, set())

    def first_docs(mention_ids: Sequence[str]) -> dict[str, str]:
        return {mid: doc_of(m) for mid, m in store.get_mentions(mention_ids).items()}

    joins = plan(marked, doc_id, stored, pairs, holds, first_docs) if PROOF else None
    if joins is not None:
        return Planned(old, joins=joins)
    members = store.members_of(sorted(old))
    if any(m.fuse_class is None or m.fuse_role is None for ms in members.values() for m in ms):
        return _give_up("unclassed mentions in neighbourhood")
    reps = {n.key: n.rep for n in stored}
    from frontwatch.fuse.members import partition_members  # it builds on this module's nodes and pairs

    groups = partition_members(marked, doc_id, members, reps, pairs)
    if groups is None:
        return None
    MEMBERS_PATH["documents"] += 1
    return Planned(old, groups=groups, members={e: [m.mention_id for m in ms] for e, ms in members.items()})


# Documents fused by ``partition_members`` (when the proof on classes gave up), this process.
MEMBERS_PATH: Counter[str] = Counter()
