"""A level of ``partition``'s links taken turn by turn, when the sets it links hold two happenings (``classes.plan``).

``partition`` takes the links of one level in the order of their mention ids: each mention in turn (smallest id
first) is joined with every mention it links to whose id is larger, in the order of those ids. When a new report
links two stored happenings at one level (a report naming no side links both accounts of a day's fighting at one
place), or a new document's reports join two happenings that such a bridging report links, which of them a report
joins depends on that order. It is followed here on classes, never on each of their mentions:

- each class of the sets the level links has an *anchor*, its first mention (the class's ``first_mention``; a new
  report is its own), and, when its mentions link to each other at this level, *followers*: its other mentions, all
  with larger ids, each apart until it is joined. A set that is more than one class (joined at a lower level, or a
  new document's group), or a class whose mentions linked at a lower level, is whole from the start;
- the anchors take their turns by id. At its turn an anchor links to the anchors that come after it among the
  classes it links to, to their followers, and to its own followers. A link to a class whose anchor came first was
  taken at that anchor's turn, its followers joined to it by then: taken again, between the same sets or larger
  ones, it answers as it did (a join refused because a document holds a group on each side stays refused; sets
  only grow). A follower's own turn takes again links taken at an anchor's turn, for the same reason;
- within a turn the anchors come in the order of their ids, the followers anywhere after their own anchor (their
  ids are not read). An anchor's set is left apart when the turn's set refuses it for sure without any follower,
  and joined when the join goes through for sure with every follower in; followers must all go through. A join
  goes through for sure when the sets hold one stored happening and one group of the new document at most, their
  days within what every type allows (no document holds two groups in them); it is refused for sure when the new
  document holds a group on each side, or a document known to hold a report of one side holds a report of another
  happening on the other side (an anchor's document, read; a whole class's first and last document, or a document
  the store says holds the class);
- anything else (a follower left apart, a class whose mentions are apart at this level and do not link here, a join
  neither certain) gives the proof up, as does a set ending with two happenings or two groups of the new document.
  The proof's last checks (each stored happening whole in one group, joined by one group of the new document at
  most) stand for what a stored document's own group joined before the links (``classes``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.fuse.cluster import UnionFind
from frontwatch.fuse.relation import PRECISE, VAGUE, day, report_days

if TYPE_CHECKING:
    from frontwatch.fuse.classes import Node, Pairs, _Part


@dataclass
class _Summary:
    """What is known for sure of a set while the level is taken: its stored happenings, the new document's groups
    in it, its whole stored classes, documents known to hold a report of it (with the happening), and the days of
    the new document's precise reports in it (each with the days its type allows)."""

    events: set[str]
    blocks: set[int]
    whole: list[int]
    known: list[tuple[str, str]]
    days: list[tuple[int, int]]


def take_level(
    roots: Sequence[int],
    level: tuple,
    nodes: Sequence[Node],
    sets: UnionFind,
    parts: dict[int, _Part],
    bounds: dict[str, tuple[tuple[int, int], tuple[int, int]]],
    pairs: Pairs,
    blocks: UnionFind,
    holds: Callable[[Node, str], bool],
    first_docs: Callable[[Sequence[str]], dict[str, str]],
    merge: Callable[[UnionFind, dict[int, _Part], int, int], int],
) -> bool:
    """Take this level's links among the sets ``roots`` (of the proof's ``sets`` and ``parts``; ``blocks``: the new
    document's groups) in ``partition``'s order of mention ids, joining the parts it joins (with ``merge``); False
    when that cannot be told for sure. ``holds`` and ``first_docs`` ask the store (``classes.plan``)."""
    settings = pairs.settings
    members = [i for r in roots for i in parts[r].nodes]
    split: set[int] = set()  # classes whose followers are apart at the start of the level
    for r in roots:
        if len(parts[r].nodes) != 1:
            continue
        i = parts[r].nodes[0]
        n = nodes[i]
        if n.event_id is None or n.mentions == 1:
            continue
        if not pairs.linked(n, n):
            return False
        own = pairs.level(n, n)
        if own == level:
            split.add(i)
        elif own > level:
            return False  # its mentions are apart at this level and not linked to each other here
    atoms = UnionFind()
    for r in roots:
        first = ("a", parts[r].nodes[0])
        for i in parts[r].nodes:
            atoms.union(first, ("a", i))
    for i in split:
        atoms.add(("f", i))
    keys = [("a", i) for i in members] + [("f", i) for i in members if i in split]
    anchors_docs = first_docs([nodes[i].first_mention for i in split]) if split else {}
    if any(nodes[i].first_mention not in anchors_docs for i in split):
        return False  # a class's first mention is gone (another writer)

    def summary(root) -> _Summary:
        inside = [key for key in keys if atoms.find(key) == root]
        anchored = {i for kind, i in inside if kind == "a"}
        followed = {i for kind, i in inside if kind == "f"}
        out = _Summary(set(), set(), [], [], [])
        for i in anchored | followed:
            n = nodes[i]
            if n.event_id is None:
                out.blocks.add(blocks.find(i))
                if n.role == PRECISE:
                    d = day(n.rep).toordinal()  # type: ignore[union-attr]
                    out.days.append((d, report_days(n.rep.sub_event_type, settings)))
                continue
            out.events.add(n.event_id)
            if i in anchored and (i not in split or i in followed):
                out.whole.append(i)
                out.known += [(n.first_doc, n.event_id), (n.last_doc, n.event_id)]
            elif i in anchored:
                out.known.append((anchors_docs[n.first_mention], n.event_id))
        return out

    def holds_doc(i: int, doc: str) -> bool:
        n = nodes[i]
        if doc in (n.first_doc, n.last_doc):
            return True
        if n.documents <= 2 or not n.first_doc < doc < n.last_doc:
            return False
        return holds(n, doc)

    def refused(a: _Summary, b: _Summary) -> bool:
        if any(x != y for x in a.blocks for y in b.blocks):
            return True
        for one, other in ((a, b), (b, a)):
            for doc, event in one.known:
                if any(nodes[i].event_id != event and holds_doc(i, doc) for i in other.whole):
                    return True
        return False

    def accepted(found: Sequence[_Summary]) -> bool:
        events = set().union(*(s.events for s in found))
        new_blocks = set().union(*(s.blocks for s in found))
        if len(events) > 1 or len(new_blocks) > 1:
            return False
        spans = [bounds[e] for e in events if e in bounds]
        spans += [((d, d), (allowed, allowed)) for s in found for d, allowed in s.days]
        if not spans:
            return True
        first, last = min(s[0][0] for s in spans), max(s[0][1] for s in spans)
        return last - first <= min(s[1][0] for s in spans)

    def linked_here(i: int, j: int) -> bool:
        a, b = nodes[i], nodes[j]
        return (a.role == b.role and a.role in (PRECISE, VAGUE) and a.rep.event_type == b.rep.event_type
                and pairs.linked(a, b) and pairs.level(a, b) == level)

    for i in sorted(members, key=lambda k: nodes[k].first_mention):
        mine = atoms.find(("a", i))
        partners: list[tuple[str, int]] = []
        for j in members:
            if not linked_here(i, j):
                continue
            if j == i:
                if i in split:
                    partners.append(("f", i))
            elif nodes[j].first_mention > nodes[i].first_mention:
                partners.append(("a", j))
                if j in split:
                    partners.append(("f", j))
        followers = sorted({atoms.find(p) for p in partners if p[0] == "f"} - {mine})
        ahead = sorted((p for p in partners if p[0] == "a"), key=lambda p: nodes[p[1]].first_mention)
        if not followers and not ahead:
            continue
        # the anchors in order of id; the followers anywhere among them: each anchor's join is decided as refused
        # without any of them, or as going through with all of them
        least = [summary(mine)]
        most = [*least, *(summary(f) for f in followers)]
        for p in ahead:
            other = atoms.find(p)
            if other == atoms.find(mine) or other in {atoms.find(f) for f in followers}:
                continue
            found = summary(other)
            if any(refused(s, found) for s in least):
                continue
            if not accepted([*most, found]):
                return False
            atoms.union(mine, other)
            least.append(found)
            most.append(found)
        if followers and not accepted(most):
            return False
        for f in followers:
            atoms.union(mine, f)
        if any(atoms.find(("f", j)) != atoms.find(("a", j)) for kind, j in partners if kind == "f"):
            return False  # a class's followers joined without its first mention
    if any(atoms.find(("f", i)) != atoms.find(("a", i)) for i in split):
        return False
    result: dict = {}
    for r in roots:
        result.setdefault(atoms.find(("a", parts[r].nodes[0])), []).append(r)
    for found in result.values():
        if not accepted([summary(atoms.find(("a", parts[r].nodes[0]))) for r in found[:1]]):
            return False  # two happenings, or two groups of the new document, in one set
        keep = found[0]
        for other in found[1:]:
            keep = merge(sets, parts, keep, other)
    return True

