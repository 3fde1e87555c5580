"""Score predicted events against a gold file: recall, precision, places, dates, claims, duplicates, over-merges.

The protocol (docs/gold-format.md) in short: a prediction may match a gold happening when they share a
document, an event type, a date (±1 day at day precision, wider at coarser precision), a place (within
25 km, or the same province when either side is province-level, the same country when the prediction is placed
at its country only) and at least one actor; matching is
one-to-one and greedy, evidence-anchored pairs first. Optional happenings absorb reasonable extra codings
without counting towards recall.
"""

from __future__ import annotations

import json
import logging
import math
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from frontwatch.eval.gold import Gold, GoldClaim, GoldUnit, load_gold
from frontwatch.records import Claim, Event
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.resolve.generic import acled_country

log = logging.getLogger(__name__)

# The protocol's fixed numbers (from the evaluation brief, not tuned): they define what "same event" means.
MATCH_MAX_KM = 25.0
NEAR_KM = 10.0
# A province-level place whose province names cannot be compared still has to lie within this distance.
PROVINCE_MAX_KM = 150.0
# Date tolerance in days by the coarser time_precision of the two events (1 day, 2 week, 3 month).
DATE_TOLERANCE_DAYS = {1: 1, 2: 7, 3: 31}
# Qualifiers that say the same thing about a figure.
QUALIFIER_CLASS = {"exact": "exact", "at_least": "floor", "more_than": "floor", "about": "about", "up_to": "ceiling"}
_ADMIN_NOISE = re.compile(r"\b(governorate|province|oblast|region|state|wilayah|muhafazat|of|the|al|el|as|ash|ar|ad|az|an|at)\b")
_PERIOD = re.compile(r"\s*\(\d{4}-(\d{4})?\)\s*$")


@dataclass(frozen=True)
class Ratio:
    """A share with its counts; ``value`` is None when there was nothing to count."""

    num: int
    den: int

    @property
    def value(self) -> float | None:
        """num / den, or None when den is 0."""
        return self.num / self.den if self.den else None


@dataclass(frozen=True)
class Match:
    """One predicted event paired with one gold happening."""

    unit_id: str
    event_id: str
    optional: bool
    evidence_overlap: bool
    km: float | None
    days: int | None


@dataclass(frozen=True)
class DocumentRow:
    """Per-document recall: required happenings the document reports, and how many were found."""

    doc_id: str
    required: int
    found: int
    predicted: int


@dataclass(frozen=True)
class Report:
    """Every figure of one evaluation, plus the ids behind them for debugging."""

    gold_name: str
    documents: int
    gold_required: int
    gold_optional: int
    predicted: int
    ignored: int  # predictions about no document of the gold file
    recall: Ratio
    precision: Ratio
    location_10km: Ratio
    location_25km: Ratio
    date_exact: Ratio
    sub_event_type: Ratio
    actor1: Ratio
    actor2: Ratio
    fatalities: Ratio
    claim_recall: Ratio
    claimant: Ratio
    claim_subject: Ratio
    duplicates: int  # gold happenings matched by more than one predicted event
    duplicate_events: int  # the surplus predicted events behind them
    over_merges: int  # predicted events whose evidence spans two different gold happenings
    must_not_violations: int  # predicted events resting on a must-not-extract passage
    matches: tuple[Match, ...] = ()
    missed: tuple[str, ...] = ()  # required unit ids not found
    false_positives: tuple[str, ...] = ()  # "event_id: type, date, place" of unmatched predictions
    duplicate_ids: tuple[str, ...] = ()
    over_merge_ids: tuple[str, ...] = ()
    violation_ids: tuple[str, ...] = ()
    missed_claims: tuple[str, ...] = ()
    per_document: tuple[DocumentRow, ...] = ()
    skipped: tuple[str, ...] = ()  # documents the pipeline could not process, with its reason (run only)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of recall and precision."""
        r, p = self.recall.value, self.precision.value
        if r is None or p is None or r + p == 0:
            return None
        return 2 * r * p / (r + p)

    def to_dict(self) -> dict:
        """Plain JSON types; every Ratio becomes ``{"value", "num", "den"}``."""
        out = {}
        for key, value in asdict(self).items():
            attr = getattr(self, key)
            if isinstance(attr, Ratio):
                out[key] = {"value": attr.value, "num": attr.num, "den": attr.den}
            else:
                out[key] = value
        out["f1"] = self.f1
        return out


# ---------------------------------------------------------------- text spans


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text``, tolerant of whitespace and quote-mark variants."""
    parts = []
    for token in quote.split():
        chars = []
        for ch in token:
            if ch in "'’ʼ‘`":
                chars.append("['’ʼ‘`]")
            elif ch in "«»“”\"":
                chars.append("[«»“”\"]")
            elif ch in "-–—":
                chars.append("[-–—]")
            else:
                chars.append(re.escape(ch))
        parts.append("".join(chars))
    if not parts:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\s+".join(parts), text)]


@dataclass(frozen=True)
class _Span:
    doc_id: str
    start: int
    end: int

    def overlaps(self, other: _Span) -> bool:
        return self.doc_id == other.doc_id and self.start < other.end and other.start < self.end


def _event_spans(event: Event, texts: Mapping[str, str]) -> list[_Span]:
    spans = []
    for ev in event.evidence:
        start, end = ev.start, ev.end
        text = texts.get(ev.doc_id)
        if text is not None and ev.text and _squash(text[start:end]) != _squash(ev.text):
            found = find_quote(text, ev.text)
            if found:
                start, end = found[0]
        spans.append(_Span(ev.doc_id, start, end))
    return spans


def _squash(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- comparisons


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def actor_key(name: str) -> str:
    """Actor names compare case- and accent-insensitively, ignoring a trailing period such as ``(2000-2024)``."""
    return _fold(_PERIOD.sub("", name))


def _admin_key(name: str) -> str:
    """A consonant skeleton, so transliterations agree (Idlib/Idleb, Hama/Hamah) and North/South Darfur do not."""
    name = re.sub(r"\(.*?\)", " ", _fold(name))
    name = re.sub(r"[^a-z]", "", _ADMIN_NOISE.sub(" ", name)).rstrip("h")
    if not name:
        return ""
    return re.sub(r"(.)\1+", r"\1", name[0] + re.sub(r"[aeiouyw]", "", name[1:]))


def event_doc_ids(event: Event) -> set[str]:
    """The documents an event cites in its evidence, sources or claims."""
    ids = {e.doc_id for e in event.evidence} | {s.doc_id for s in event.sources} | {c.doc_id for c in event.claims}
    return {i for i in ids if i}


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _in(value: str | None, accepted: Iterable[str | None], key=_fold) -> bool:
    accepted = list(accepted)
    if value is None:
        return None in accepted
    return key(value) in {key(a) for a in accepted if a is not None}


@dataclass
class _Pair:
    """How one prediction compares with one gold unit."""

    ok: bool
    overlap: bool = False
    km: float | None = None
    days: int | None = None
    score: float = 0.0


class _Scorer:
    """Holds the located spans of one gold file and compares predictions with its units."""

    def __init__(self, gold: Gold, texts: Mapping[str, str]):
        self.gold = gold
        self.texts = texts
        self.units = gold.units
        self.unit_spans: dict[str, list[_Span]] = {}
        for unit in self.units:
            spans = []
            for member in unit.members:
                text = texts.get(member.doc_id, "")
                for quote in member.evidence:
                    found = find_quote(text, quote)
                    if not found:
                        log.warning("gold quote of %s not found in %s: %r", member.id, member.doc_id, quote[:60])
                    spans.extend(_Span(member.doc_id, s, e) for s, e in found)
            self.unit_spans[unit.id] = spans
        self.must_not_spans: list[_Span] = []
        for doc in gold.documents:
            for item in doc.must_not:
                found = find_quote(texts.get(doc.doc_id, ""), item.quote)
                if not found:
                    log.warning("must-not quote not found in %s: %r", doc.doc_id, item.quote[:60])
                self.must_not_spans.extend(_Span(doc.doc_id, s, e) for s, e in found)
        self.family = {u.id: self._family_root(u) for u in self.units}

    def _family_root(self, unit: GoldUnit) -> str:
        parents = sorted(self.gold.unit_of_event.get(p, p) for p in unit.part_of)
        return parents[0] if parents else unit.id

    def compare(self, event: Event, spans: list[_Span], doc_ids: set[str], unit: GoldUnit) -> _Pair:
        if doc_ids and not (doc_ids & unit.doc_ids):
            return _Pair(False)
        if event.event_type not in unit.event_types:
            return _Pair(False)
        days = self._days(event, unit)
        if days is False:
            return _Pair(False)
        km = self._km(event, unit)
        if km is False:
            return _Pair(False)
        if not self._actors_compatible(event, unit):
            return _Pair(False)
        overlap = any(s.overlaps(g) for s in spans for g in self.unit_spans[unit.id])
        score = 0.0
        if days is not None:
            score += 1.0 - min(days, 7) / 8
        if km is not None:
            score += 1.0 - min(km, MATCH_MAX_KM) / (MATCH_MAX_KM + 1)
        score += 0.5 * (event.sub_event_type in unit.sub_event_types)
        score += 0.25 * _in(event.actor1, unit.actor1, actor_key) + 0.25 * _in(event.actor2, unit.actor2, actor_key)
        return _Pair(True, overlap, km, days, score)

    def _days(self, event: Event, unit: GoldUnit):
        predicted = _parse_date(event.event_date)
        if predicted is None or not unit.dates:
            return None
        tolerance = DATE_TOLERANCE_DAYS[max(event.time_precision, unit.time_precision, 1)]
        days = min(abs((predicted - d).days) for d in unit.dates)
        return days if days <= tolerance else False

    def _km(self, event: Event, unit: GoldUnit):
        loc = unit.location
        if loc is None or event.latitude is None or event.longitude is None:
            return None
        km = haversine_km(event.latitude, event.longitude, loc.latitude, loc.longitude)
        if km <= MATCH_MAX_KM:
            return km
        if max(event.geo_precision, loc.geo_precision) >= 3:
            if event.admin1 and loc.admin1:
                return km if _admin_key(event.admin1) == _admin_key(loc.admin1) else False
            if event.location and event.location == event.country:  # placed at its country only: the gold's?
                return km if acled_country(event.country) == acled_country(loc.country) else False
            return km if km <= PROVINCE_MAX_KM else False
        return False

    @staticmethod
    def _actors_compatible(event: Event, unit: GoldUnit) -> bool:
        predicted = {actor_key(a) for a in (event.actor1, event.actor2, *event.assoc_actor_1, *event.assoc_actor_2) if a}
        accepted = {actor_key(a) for a in unit.all_actors}
        return not predicted or not accepted or bool(predicted & accepted)


def score(gold: Gold, events: Sequence[Event], texts: Mapping[str, str] | None = None) -> Report:
    """Compare predicted events with the gold; ``texts`` are the documents the evidence offsets point into."""
    if texts is None:
        texts = gold.texts()
    scorer = _Scorer(gold, texts)
    gold_docs = {d.doc_id for d in gold.documents}
    relevant: list[tuple[Event, list[_Span], set[str]]] = []
    ignored = 0
    for event in events:
        doc_ids = event_doc_ids(event)
        if doc_ids and not doc_ids & gold_docs:
            ignored += 1
            continue
        relevant.append((event, _event_spans(event, texts), doc_ids))

    pairs: dict[tuple[int, int], _Pair] = {}
    for i, (event, spans, doc_ids) in enumerate(relevant):
        for j, unit in enumerate(scorer.units):
            pair = scorer.compare(event, spans, doc_ids, unit)
            if pair.ok:
                pairs[(i, j)] = pair

    # Greedy one-to-one: evidence-anchored pairs first, then the closest; required units win ties.
    order = sorted(
        pairs.items(),
        key=lambda kv: (kv[1].overlap, kv[1].score, not scorer.units[kv[0][1]].optional, -kv[0][0], -kv[0][1]),
        reverse=True,
    )
    event_to_unit: dict[int, int] = {}
    unit_to_event: dict[int, int] = {}
    for (i, j), _pair in order:
        if i not in event_to_unit and j not in unit_to_event:
            event_to_unit[i] = j
            unit_to_event[j] = i

    units = scorer.units
    required = [j for j, u in enumerate(units) if not u.optional]
    matches = tuple(
        Match(
            unit_id=units[j].id,
            event_id=relevant[i][0].event_id,
            optional=units[j].optional,
            evidence_overlap=pairs[(i, j)].overlap,
            km=None if pairs[(i, j)].km is None else round(pairs[(i, j)].km, 2),
            days=pairs[(i, j)].days,
        )
        for i, j in sorted(event_to_unit.items(), key=lambda kv: kv[1])
    )

    duplicate_events, duplicate_units = _duplicates(relevant, pairs, event_to_unit, unit_to_event)
    over_merge_ids = _over_merges(relevant, scorer)
    violation_ids = _violations(relevant, scorer)
    attrs = _attributes(relevant, units, unit_to_event, required)
    # An optional happening folded into a required one (part_of) lends its prediction's claims to it.
    index = {u.id: j for j, u in enumerate(units)}
    lent: dict[int, list[Claim]] = {}
    for j, unit in enumerate(units):
        root = index.get(scorer.family[unit.id])
        if unit.optional and j in unit_to_event and root is not None and root != j:
            lent.setdefault(root, []).extend(relevant[unit_to_event[j]][0].claims)
    claims = _claims(relevant, units, unit_to_event, required, lent)

    false_positives = tuple(
        f"{e.event_id}: {e.event_type} / {e.sub_event_type}, {e.event_date}, {e.location}"
        for i, (e, _, _) in enumerate(relevant)
        if i not in event_to_unit
    )
    per_document = []
    for doc in gold.documents:
        doc_units = [j for j in required if doc.doc_id in units[j].doc_ids]
        per_document.append(
            DocumentRow(
                doc_id=doc.doc_id,
                required=len(doc_units),
                found=sum(1 for j in doc_units if j in unit_to_event),
                predicted=sum(1 for _, _, ids in relevant if doc.doc_id in ids),
            )
        )

    return Report(
        gold_name=gold.name,
        documents=len(gold.documents),
        gold_required=len(required),
        gold_optional=len(units) - len(required),
        predicted=len(relevant),
        ignored=ignored,
        recall=Ratio(sum(1 for j in required if j in unit_to_event), len(required)),
        precision=Ratio(len(event_to_unit), len(relevant)),
        duplicates=len(duplicate_units),
        duplicate_events=len(duplicate_events),
        over_merges=len(over_merge_ids),
        must_not_violations=len(violation_ids),
        matches=matches,
        missed=tuple(units[j].id for j in required if j not in unit_to_event),
        false_positives=false_positives,
        duplicate_ids=tuple(sorted(duplicate_events)),
        over_merge_ids=tuple(over_merge_ids),
        violation_ids=tuple(violation_ids),
        per_document=tuple(per_document),
        **attrs,
        **claims,
    )


def _duplicates(relevant, pairs, event_to_unit, unit_to_event) -> tuple[list[str], set[int]]:
    """Unmatched predictions that would have matched a happening another prediction already took."""
    surplus: list[str] = []
    units: set[int] = set()
    for i, (event, _, _) in enumerate(relevant):
        if i in event_to_unit:
            continue
        taken = [(pairs[(i, j)].overlap, pairs[(i, j)].score, j) for j in unit_to_event if (i, j) in pairs]
        if taken:
            units.add(max(taken)[2])
            surplus.append(event.event_id)
    return surplus, units


def _over_merges(relevant, scorer: _Scorer) -> list[str]:
    """Predictions with evidence spans that each point at one gold happening, and at two different ones overall.

    A span overlapping several happenings (one sentence reporting two events) is ambiguous and ignored; an
    optional happening folded (``part_of``) into another counts as that other one.
    """
    out = []
    for event, spans, _ in relevant:
        anchored = set()
        for span in spans:
            hits = {
                scorer.family[u.id]
                for u in scorer.units
                if any(span.overlaps(g) for g in scorer.unit_spans[u.id])
            }
            if len(hits) == 1:
                anchored |= hits
        if len(anchored) >= 2:
            out.append(event.event_id)
    return out


def _violations(relevant, scorer: _Scorer) -> list[str]:
    """Predictions resting on a must-not-extract passage that is not also the evidence of a gold event."""
    gold_spans = [g for spans in scorer.unit_spans.values() for g in spans]
    out = []
    for event, spans, _ in relevant:
        for span in spans:
            if any(span.overlaps(m) for m in scorer.must_not_spans) and not any(span.overlaps(g) for g in gold_spans):
                out.append(event.event_id)
                break
    return out


def _attributes(relevant, units, unit_to_event, required) -> dict[str, Ratio]:
    """Place, date, sub-type, actor and fatality agreement over matched required happenings."""
    counts = {k: [0, 0] for k in ("location_10km", "location_25km", "date_exact", "sub_event_type", "actor1", "actor2", "fatalities")}

    def tally(key: str, ok: bool) -> None:
        counts[key][0] += int(ok)
        counts[key][1] += 1

    for j in required:
        if j not in unit_to_event:
            continue
        unit, event = units[j], relevant[unit_to_event[j]][0]
        loc = unit.location
        if loc is not None and loc.geo_precision <= 2:
            km = None
            if event.latitude is not None and event.longitude is not None:
                km = haversine_km(event.latitude, event.longitude, loc.latitude, loc.longitude)
            tally("location_10km", km is not None and km <= NEAR_KM)
            tally("location_25km", km is not None and km <= MATCH_MAX_KM)
        if unit.dates:
            tally("date_exact", _parse_date(event.event_date) in unit.dates)
        tally("sub_event_type", event.sub_event_type in unit.sub_event_types)
        tally("actor1", _in(event.actor1, unit.actor1, actor_key))
        tally("actor2", _in(event.actor2, unit.actor2, actor_key))
        if unit.fatalities:
            tally("fatalities", event.fatalities in unit.fatalities)
    return {k: Ratio(*v) for k, v in counts.items()}


def claim_matches(gold_claim: GoldClaim, claim: Claim) -> bool:
    """Same kind, same value, compatible qualifier, and read from the same document when both say so."""
    if _fold(claim.kind) not in {_fold(k) for k in gold_claim.kind}:
        return False
    if not math.isclose(float(claim.value), float(gold_claim.value), rel_tol=1e-9, abs_tol=1e-9):
        return False
    if claim.doc_id and gold_claim.doc_id and claim.doc_id != gold_claim.doc_id:
        return False
    if gold_claim.qualifier:
        accepted = {QUALIFIER_CLASS.get(q, q) for q in gold_claim.qualifier}
        if QUALIFIER_CLASS.get(claim.qualifier, claim.qualifier) not in accepted:
            return False
    return True


def _claims(relevant, units, unit_to_event, required, lent) -> dict[str, Ratio | tuple[str, ...]]:
    """Claim recall over every required claim of every required happening; claimant and subject over found ones."""
    wanted = found = claimant_ok = claimant_n = subject_ok = subject_n = 0
    missed: list[str] = []
    for j in required:
        unit = units[j]
        predicted = list(relevant[unit_to_event[j]][0].claims) if j in unit_to_event else []
        predicted += lent.get(j, [])
        used: set[int] = set()
        for gc in unit.claims:
            wanted += not gc.optional
            candidates = [k for k, c in enumerate(predicted) if k not in used and claim_matches(gc, c)]
            # Prefer a candidate whose claimant is right, so a second report of the figure does not steal it.
            candidates.sort(key=lambda k: not _in(predicted[k].claimant, gc.claimant, actor_key))
            if not candidates:
                if not gc.optional:
                    missed.append(f"{unit.id}: {gc.kind[0]} {gc.value:g} ({gc.claimant[0] or 'outlet'}, {gc.doc_id})")
                continue
            k = candidates[0]
            used.add(k)
            found += not gc.optional
            claimant_n += 1
            claimant_ok += _in(predicted[k].claimant, gc.claimant, actor_key)
            if gc.subject:
                subject_n += 1
                subject_ok += _in(predicted[k].subject, gc.subject, actor_key)
    return {
        "claim_recall": Ratio(found, wanted),
        "claimant": Ratio(claimant_ok, claimant_n),
        "claim_subject": Ratio(subject_ok, subject_n),
        "missed_claims": tuple(missed),
    }


# ---------------------------------------------------------------- output


def format_report(report: Report, *, details: bool = True) -> str:
    """A readable table of the report, then (with ``details``) what was missed, extra, duplicated or merged."""
    f1 = "n/a" if report.f1 is None else f"{report.f1:.2f}"
    rows = [
        ("events: recall", report.recall),
        ("events: precision", report.precision),
        ("location within 10 km", report.location_10km),
        ("location within 25 km", report.location_25km),
        ("date exact", report.date_exact),
        ("sub_event_type", report.sub_event_type),
        ("actor1", report.actor1),
        ("actor2", report.actor2),
        ("fatalities", report.fatalities),
        ("claims: recall", report.claim_recall),
        ("claims: claimant", report.claimant),
        ("claims: subject", report.claim_subject),
    ]
    lines = [
        f"gold {report.gold_name}: {report.documents} documents, {report.gold_required} required and "
        f"{report.gold_optional} optional happenings; {report.predicted} predicted events"
        + (f" ({report.ignored} about other documents ignored)" if report.ignored else "")
        + (f"; {len(report.skipped)} documents skipped by the pipeline" if report.skipped else ""),
        "",
        f"{'measure':<26}{'value':>8}  counts",
        f"{'-' * 26}{'-' * 8}  {'-' * 10}",
    ]
    for label, ratio in rows:
        if ratio.value is None:
            lines.append(f"{label:<26}{'n/a':>8}")
        else:
            lines.append(f"{label:<26}{ratio.value:>8.2f}  {ratio.num}/{ratio.den}")
    lines += [
        f"{'events: F1':<26}{f1:>8}",
        f"{'duplicates (happenings)':<26}{report.duplicates:>8}  surplus events {report.duplicate_events}",
        f"{'over-merges':<26}{report.over_merges:>8}",
        f"{'must-not violations':<26}{report.must_not_violations:>8}",
    ]
    if report.per_document:
        lines += ["", f"{'document':<40}{'found':>7}{'req.':>6}{'pred.':>7}"]
        for row in report.per_document:
            lines.append(f"{row.doc_id[:40]:<40}{row.found:>7}{row.required:>6}{row.predicted:>7}")
    if details:
        for title, items in (
            ("documents skipped by the pipeline", report.skipped),
            ("missed happenings", report.missed),
            ("unmatched predictions", report.false_positives),
            ("duplicate predictions", report.duplicate_ids),
            ("over-merged predictions", report.over_merge_ids),
            ("must-not violations", report.violation_ids),
            ("missed claims", report.missed_claims),
        ):
            if items:
                lines += ["", f"{title}:"] + [f"  - {item}" for item in items]
    return "\n".join(lines)


def report_json(report: Report) -> str:
    """The report as indented JSON."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- end to end


def write_inputs(gold: Gold, path: Path) -> Path:
    """Write the gold's documents as a JSONL input file (id, text, published, publisher) for the pipeline."""
    return write_jsonl(_input_lines(gold), path)


def _input_lines(gold: Gold) -> list[dict]:
    return [
        {"id": doc.doc_id, "text": doc.read_text(), "published": doc.published, "publisher": doc.publisher}
        for doc in gold.documents
    ]


def write_jsonl(lines: Iterable[Mapping], path: Path) -> Path:
    """Write pipeline input lines (``id``, ``text``, ``published``, ...) as a JSONL file."""
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


@dataclass(frozen=True)
class Processed:
    """What processing an evaluation's documents into a store gave: its events, texts and skipped documents."""

    events: tuple[Event, ...]
    texts: dict[str, str]  # doc_id -> the stored (cleaned) text, or the input text when it was not stored
    stored: frozenset[str]  # the doc ids the store holds afterwards
    skipped: tuple[str, ...]  # "source: reason" of every document the pipeline skipped


def process_inputs(
    lines: Sequence[Mapping], name: str, store_url: str | None = None, *, workers: int = 1
) -> Processed:
    """Process JSONL input lines (each with an ``id`` and a ``text``) into a store, temporary by default.

    Every evaluation goes through here, so they all see the pipeline the ``process`` command runs.
    """
    from frontwatch.pipeline import process
    from frontwatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="frontwatch-eval-") as tmp:
        inputs = write_jsonl(lines, Path(tmp) / f"{name}.jsonl")
        store = open_store(store_url or str(Path(tmp) / "eval.db"))
        try:
            summary = process([str(inputs)], store, **({"workers": workers} if workers > 1 else {}))
            events = tuple(store.iter_events())
            texts, stored = {}, set()
            for line in lines:
                doc = store.get_document(line["id"])
                if doc is not None:
                    stored.add(line["id"])
                texts[line["id"]] = doc.text if doc is not None else line["text"]
        finally:
            store.close()
    skipped = tuple(f"{s.source}: {s.reason}" for s in getattr(summary, "skipped", None) or ())
    return Processed(events=events, texts=texts, stored=frozenset(stored), skipped=skipped)


def run(gold_path: str | Path, store_url: str | None = None, *, workers: int = 1) -> Report:
    """Process the gold's documents with their publication dates into a store (temporary by default) and score it."""
    gold = load_gold(gold_path)
    done = process_inputs(_input_lines(gold), gold.name, store_url, workers=workers)
    log.info("scored %d events against %s", len(done.events), gold.path)
    return replace(score(gold, list(done.events), texts=done.texts), skipped=done.skipped)


__all__ = [
    "DocumentRow",
    "Match",
    "Processed",
    "Ratio",
    "Report",
    "actor_key",
    "claim_matches",
    "event_doc_ids",
    "find_quote",
    "format_report",
    "haversine_km",
    "report_json",
    "process_inputs",
    "run",
    "score",
    "write_inputs",
    "write_jsonl",
]
