"""Reconcile an event's fatality claims into ACLED's conservative figure and UCDP-style low/best/high."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from frontwatch.records import Claim


@dataclass(frozen=True)
class Fatalities:
    """The reconciled death toll of one event."""

    fatalities: int
    low: int | None
    best: int | None
    high: int | None


def reconcile(claims: Sequence[Claim]) -> Fatalities:
    """Reconcile the ``killed`` claims of one event (see docs/reconciliation.md for the rule)."""
    totals = _alternative_totals(claims)
    if not totals:
        return Fatalities(0, None, None, None)
    values = sorted(totals)
    low, high = values[0], values[-1]
    neutral = [t for t, c in zip(totals, _claimants(claims)) if c == "neutral_monitor"]
    best = int(median(neutral)) if neutral else int(median(values))
    return Fatalities(low, low, max(low, min(best, high)), high)


def _alternative_totals(claims: Sequence[Claim]) -> list[int]:
    """One total per claim statement: a breakdown's parts add up only when the text says they are parts."""
    killed = [c for c in claims if c.kind == "killed" and not c.part_of_total]
    return [int(c.value) for c in killed]


def _claimants(claims: Sequence[Claim]) -> list[str | None]:
    return [c.claimant_relation for c in claims if c.kind == "killed" and not c.part_of_total]
