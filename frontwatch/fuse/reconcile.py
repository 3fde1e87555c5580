"""Reconcile an event's fatality claims into ACLED's conservative figure and UCDP-style low/best/high.

The rule (docs/reconciliation.md has the reasoning and the seeds worked through):
1. Figures: every ``killed`` claim. A breakdown's parts (``part_of_total``) are dropped when their total
   is stated in the same sentence, else summed into one figure: the text says they are parts of a total.
2. A figure is *credible* unless a party claims it about its enemy (``claimant_relation == "enemy"``) or
   the text hedges it; "up to" figures are ceilings. Credible floors feed low and best; every figure feeds high.
3. Figures about the same counted group (``subject``) are alternative counts of the same dead: low is their
   smallest credible floor, best a neutral monitor's figure (median of them) or else the median credible one,
   high the largest of all. Figures about different groups are never added: each is a floor on the event's
   toll, so the event's low, best and high are the largest over its groups.
4. ``fatalities`` (ACLED, most conservative) is ``low``, 0 when no credible figure exists.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import starmap
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from frontwatch.records import Claim, Source

CEILING_QUALIFIERS = frozenset({"up_to"})


@dataclass(frozen=True)
class Fatalities:
    """The reconciled death toll of one event."""

    fatalities: int
    low: int | None
    best: int | None
    high: int | None


class Figure(NamedTuple):
    """One death count used by the rule: a claim, or the sum of a breakdown's parts (a tuple: an event reported
    a thousand times weighs thousands of them each time a report joins it)."""

    value: int
    subject: str | None
    relation: str | None
    credible: bool
    ceiling: bool


def figures(claims: Sequence[Claim], kind: str = "killed") -> list[Figure]:
    """The counts of ``kind`` the rule weighs: totals as stated, breakdowns summed only when their total is absent."""
    of_kind = [c for c in claims if c.kind == kind]
    stated_totals = {(c.doc_id, c.evidence.start) for c in of_kind if not c.part_of_total}
    out = [_figure(c) for c in of_kind if not c.part_of_total]
    parts: dict[tuple[str, int], list[Claim]] = {}
    for c in of_kind:
        if c.part_of_total and (c.doc_id, c.evidence.start) not in stated_totals:
            parts.setdefault((c.doc_id, c.evidence.start), []).append(c)
    for key in sorted(parts):
        group = parts[key]
        relation = "enemy" if any(c.claimant_relation == "enemy" for c in group) else group[0].claimant_relation
        out.append(
            Figure(
                value=int(sum(c.value for c in group)),
                subject=None,
                relation=relation,
                credible=relation != "enemy" and not any(c.hedged for c in group),
                ceiling=False,
            )
        )
    return out


def _figure(claim: Claim) -> Figure:
    return Figure(
        value=int(claim.value),
        subject=claim.subject,
        relation=claim.claimant_relation,
        credible=claim.claimant_relation != "enemy" and not claim.hedged,
        ceiling=claim.qualifier in CEILING_QUALIFIERS,
    )


def reconcile(claims: Sequence[Claim]) -> Fatalities:
    """Reconcile the ``killed`` claims of one event (the rule is in this module's docstring)."""
    tally = Tally()
    tally.add(figures(claims))
    return tally.fatalities()


class Tally:
    """The figures the rule weighs, kept per counted group as sorted values, so that figures can be added and taken
    away and the toll read again without going through them all: an event reported a thousand times is reconciled
    for a new report from its groups (``merge.Fold`` keeps each document's figures; a breakdown and its total are
    always of one document, so ``figures`` of each document's claims are those of all the claims)."""

    def __init__(self) -> None:
        # subject (case-folded) -> (credible floors, the neutral monitors' among them, every figure's value), sorted
        self.groups: dict[str, tuple[list[int], list[int], list[int]]] = {}

    def add(self, found: Iterable[Figure]) -> None:
        for f in found:
            floors, neutral, values = self.groups.setdefault((f.subject or "").casefold(), ([], [], []))
            insort(values, f.value)
            if f.credible and not f.ceiling:
                insort(floors, f.value)
                if f.relation == "neutral_monitor":
                    insort(neutral, f.value)

    def remove(self, found: Iterable[Figure]) -> None:
        """Take away figures added before."""
        for f in found:
            key = (f.subject or "").casefold()
            floors, neutral, values = self.groups[key]
            values.remove(f.value)
            if f.credible and not f.ceiling:
                floors.remove(f.value)
                if f.relation == "neutral_monitor":
                    neutral.remove(f.value)
            if not values:
                del self.groups[key]

    def fatalities(self) -> Fatalities:
        """The rule over the figures held: per group, low its smallest credible floor, best the median (lower of the
        two middle ones) of the neutral monitors' floors or else of all floors; the largest over the groups."""
        if not self.groups:
            return Fatalities(0, None, None, None)
        lows, bests = [], []
        for floors, neutral, _ in self.groups.values():
            if floors:
                lows.append(floors[0])
                middle = neutral or floors
                bests.append(middle[(len(middle) - 1) // 2])
        high = max(values[-1] for _, _, values in self.groups.values())
        if not lows:
            return Fatalities(0, None, None, high)
        low, best = max(lows), max(bests)
        return Fatalities(low, low, best, max(high, best))


@dataclass(frozen=True)
class ClaimGroup:
    """The claims of one kind about one event, side by side, with their spread."""

    kind: str
    values: tuple[tuple[int | float, str, str | None, str | None], ...]  # (value, who, relation, subject), by value
    low: int | float
    high: int | float

    @property
    def spread(self) -> int | float:
        """Largest minus smallest figure."""
        return self.high - self.low

    @property
    def summary(self) -> str:
        """'311 (Syrian Observatory for Human Rights) vs 600 (Ministry of Defence of Russia)'."""
        return self._summary(list(starmap(_rendered, self.values)))

    def _summary(self, rendered: list[_Rendered]) -> str:
        named = len(set(map(itemgetter(3), self.values))) > 1  # figures about several groups name theirs
        return " vs ".join(map(attrgetter("with_subject" if named else "plain"), rendered))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types, for ``Event.extra`` and the exports."""
        rendered = list(starmap(_rendered, self.values))
        return {
            "kind": self.kind,
            "figures": list(map(attrgetter("figure"), rendered)),
            "low": self.low,
            "high": self.high,
            "spread": self.spread,
            "summary": self._summary(rendered),
        }


class _Rendered(NamedTuple):
    """What ``ClaimGroup`` writes of one entry: its figure, and its part of the summary without and with its subject.
    Rendered once and shared by every event listing the entry (the figure's dict included: never changed)."""

    figure: dict[str, Any]
    plain: str
    with_subject: str


@lru_cache(maxsize=65_536, typed=True)  # an event reported a thousand times lists its figures again for each report
def _rendered(value: int | float, who: str, relation: str | None, subject: str | None) -> _Rendered:
    return _Rendered({"value": value, "by": who, "claimant_relation": relation, "subject": subject},
                     f"{_num(value)} ({who})", f"{_num(value)} {subject or 'unspecified'} ({who})")


def _num(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def disagreements(claims: Sequence[Claim], sources: Sequence[Source] = ()) -> list[ClaimGroup]:
    """Claims grouped by kind, one entry per distinct (figure, claimant), breakdown parts left out.

    An outlet's own figure is shown under the publisher's name (or the document id when it is unknown).
    """
    return claim_groups(entries(claims, {s.doc_id: s.publisher or s.doc_id for s in sources}))


Entry = tuple[str, tuple[int | float, str, str | None, str | None]]  # kind, (value, who, relation, subject)


def entries(claims: Sequence[Claim], outlets: Mapping[str, str]) -> list[Entry]:
    """What ``disagreements`` lists of each claim, in the claims' order (``outlets``: document -> its name)."""
    return [(c.kind, (c.value, c.claimant or outlets.get(c.doc_id) or c.doc_id, c.claimant_relation, c.subject))
            for c in claims if not c.part_of_total]


def claim_groups(found: Iterable[Entry]) -> list[ClaimGroup]:
    """``disagreements`` of the claims whose entries these are."""
    groups = Groups()
    groups.add(found)
    return groups.groups()


def _entry_order(entry: tuple[int | float, str, str | None, str | None]) -> tuple:
    """By value, claimant, relation and subject (an empty one before none: the order is the same whatever the order
    entries were added in)."""
    return (entry[0], entry[1], entry[2] or "", entry[3] or "", entry[2] is None, entry[3] is None)


class Groups:
    """The distinct entries of claims per kind, kept sorted with how often each was added, so that entries can be added
    and taken away and the groups read again without going through them all (``merge.Fold`` adds each document's, as
    ``Tally`` its figures)."""

    def __init__(self) -> None:
        self.counts: dict[Entry, int] = {}
        self.kinds: dict[str, list[tuple[int | float, str, str | None, str | None]]] = {}  # kind -> entries, sorted

    def add(self, found: Iterable[Entry]) -> None:
        for item in found:
            held = self.counts.get(item, 0)
            self.counts[item] = held + 1
            if not held:
                insort(self.kinds.setdefault(item[0], []), item[1], key=_entry_order)

    def remove(self, found: Iterable[Entry]) -> None:
        """Take away entries added before."""
        for item in found:
            held = self.counts.pop(item) - 1
            if held:
                self.counts[item] = held
            else:
                self.kinds[item[0]].remove(item[1])

    def groups(self) -> list[ClaimGroup]:
        """The claims of each kind side by side, kinds in order, each entry once, by value."""
        return [ClaimGroup(kind, tuple(values), values[0][0], values[-1][0])
                for kind, values in sorted(self.kinds.items()) if values]
