"""Shape records for the API: event summaries, claims grouped by kind and claimant, documents with spans."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from frontwatch.export import event_record
from frontwatch.records import Claim, Document, Event

# Claim kinds in the order SPEC.md lists them; other kinds follow alphabetically.
KIND_ORDER = (
    "killed",
    "wounded",
    "captured",
    "missing",
    "displaced",
    "equipment_destroyed",
    "equipment_captured",
    "territory_km2",
)
QUALIFIER_SIGNS = {"exact": "", "at_least": "≥", "more_than": ">", "about": "~", "up_to": "≤"}

SUMMARY_FIELDS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
)

# A sentence ends at . ! ? or … followed by blanks, or at a line break; used to widen a figure to its sentence.
_SENTENCE_END = re.compile(r"[.!?…](?=[\s»\"”)]*(?:\s|$))|\n")


def event_summary(event: Event) -> dict[str, Any]:
    """The fields a map marker and a list row need, the review status, and claim and source counts."""
    out = {name: getattr(event, name) for name in SUMMARY_FIELDS}
    review = event.extra.get("review")
    out["review_status"] = review.get("status", "machine") if isinstance(review, dict) else "machine"
    out["claims"] = len(event.claims)
    out["sources"] = len(event.sources)
    return out


def figure_text(claim: Claim) -> str:
    """A claim's figure as a short label: qualifier sign then value, e.g. ``≥12`` or ``311``."""
    value = claim.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{QUALIFIER_SIGNS.get(claim.qualifier, '')}{value}"


def _kind_key(kind: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind), "") if kind in KIND_ORDER else (len(KIND_ORDER), kind)


def claim_groups(event: Event) -> list[dict[str, Any]]:
    """Claims grouped by kind, then by claimant in order of appearance, with a one-line summary per kind.

    A claim without claimant is the outlet's own: it is grouped under the publisher of its document.
    The summary reads like ``311, Syrian Observatory for Human Rights — 200 + 400, Ministry of Defence of Russia``.
    """
    publishers = {s.doc_id: s.publisher for s in event.sources}
    kinds: dict[str, dict[tuple[str, bool], list[tuple[int, Claim]]]] = {}
    for index, claim in enumerate(event.claims):
        outlet = claim.claimant is None
        label = claim.claimant if not outlet else (publishers.get(claim.doc_id) or claim.doc_id)
        kinds.setdefault(claim.kind, {}).setdefault((label, outlet), []).append((index, claim))
    groups = []
    for kind in sorted(kinds, key=_kind_key):
        claimants = []
        for (label, outlet), claims in kinds[kind].items():
            claimants.append(
                {
                    "claimant": None if outlet else label,
                    "label": label,
                    "outlet": outlet,
                    "relation": claims[0][1].claimant_relation,
                    "claims": [_claim_item(i, c) for i, c in claims],
                }
            )
        summary = " — ".join(
            f"{' + '.join(c['figure'] for c in group['claims'])}, {group['label']}" for group in claimants
        )
        groups.append({"kind": kind, "summary": summary, "claimants": claimants})
    return groups


def _claim_item(index: int, claim: Claim) -> dict[str, Any]:
    return {
        "index": index,
        "figure": figure_text(claim),
        "value": claim.value,
        "qualifier": claim.qualifier,
        "subject": claim.subject,
        "part_of_total": claim.part_of_total,
        "hedged": claim.hedged,
        "doc_id": claim.doc_id,
        "evidence": {"start": claim.evidence.start, "end": claim.evidence.end, "text": claim.evidence.text},
    }


def event_detail(event: Event) -> dict[str, Any]:
    """The SPEC.md record of an event plus its claims grouped for reading."""
    out = event_record(event)
    out["claim_groups"] = claim_groups(event)
    return out


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``text[start:end]``, found by punctuation; the span itself at worst."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    while begin < start and text[begin].isspace():
        begin += 1
    match = _SENTENCE_END.search(text, max(end - 1, start))
    finish = match.end() if match else len(text)
    return begin, max(finish, end)


def _spans_of(event: Event, doc_id: str) -> Iterable[dict[str, Any]]:
    for evidence in event.evidence:
        if evidence.doc_id == doc_id:
            yield {"start": evidence.start, "end": evidence.end, "role": "evidence", "event_id": event.event_id}
    for claim in event.claims:
        if claim.doc_id == doc_id:
            yield {
                "start": claim.evidence.start,
                "end": claim.evidence.end,
                "role": "claim",
                "event_id": event.event_id,
                "label": f"{figure_text(claim)} {claim.kind}",
            }


def document_view(
    doc: Document, events: Iterable[Event], focus: tuple[int, int] | None = None
) -> dict[str, Any]:
    """A document's text and metadata with the evidence spans of the given events as character offsets.

    Spans outside the text are dropped (a stale event after a document changed); ``focus`` adds the
    span the reader asked for and the sentence around it.
    """
    length = len(doc.text)
    spans = []
    seen = set()
    for event in events:
        for span in _spans_of(event, doc.doc_id):
            key = (span["start"], span["end"], span["role"])
            if 0 <= span["start"] < span["end"] <= length and key not in seen:
                seen.add(key)
                spans.append(span)
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    out: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "url": doc.url,
        "publisher": doc.publisher,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "text": doc.text,
        "spans": spans,
        "focus": None,
    }
    if focus is not None:
        start, end = focus
        sentence_start, sentence_end = sentence_bounds(doc.text, start, end)
        out["focus"] = {"start": start, "end": end, "sentence_start": sentence_start, "sentence_end": sentence_end}
    return out


def timeline_view(rows: list[dict], undated: int) -> dict[str, Any]:
    """The store's per-day-and-type rows folded into one entry per day, with totals and the types seen."""
    days: dict[str, dict[str, Any]] = {}
    types: dict[str, None] = {}
    for row in rows:
        day = days.setdefault(row["date"], {"date": row["date"], "events": 0, "fatalities": 0, "by_type": {}})
        day["events"] += row["events"]
        day["fatalities"] += row["fatalities"]
        day["by_type"][row["event_type"]] = {"events": row["events"], "fatalities": row["fatalities"]}
        types.setdefault(row["event_type"], None)
    ordered = [days[d] for d in sorted(days)]
    return {
        "days": ordered,
        "types": sorted(types),
        "totals": {
            "events": sum(d["events"] for d in ordered) + undated,
            "dated": sum(d["events"] for d in ordered),
            "undated": undated,
            "fatalities": sum(d["fatalities"] for d in ordered),
        },
    }
