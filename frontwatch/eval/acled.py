"""Score frontwatch against ACLED's own coding: each row's English ``notes`` in, the row's fields as the answer.

The protocol (docs/acled-eval.md) in short. Every distinct ``notes`` text of an ACLED export is one document
(language "en", published the day after the latest event date of its rows, id ``acled-<event_id_cnty>`` of
its first row); the rows ACLED split from one text share that document and each counts once. The documents
go through the pipeline into a temporary store exactly as the gold harness processes a gold file
(``harness.process_inputs``). Then, in every document, its rows and the predicted events citing it are paired
one-to-one by the best total agreement (type, sub-type, date, place, actors, fatalities), and each row is
scored on the event it got. The attributes are measured over the rows that got an event; predicted events of
a document that no row of it took are its extra events.

ACLED's terms allow the data to be used to measure only: nothing read here is written anywhere but the
report the caller asks for.
"""

from __future__ import annotations

import csv
import json
import logging
import random
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from frontwatch.errors import DataFileError
from frontwatch.eval.harness import MATCH_MAX_KM, NEAR_KM, Ratio, actor_key, event_doc_ids, process_inputs
from frontwatch.records import Event
from frontwatch.extract.parties import country_code
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.resolve.generic import gazetteer_country

log = logging.getLogger(__name__)

DOC_PREFIX = "acled-"
LANGUAGE = "en"
# Countries with fewer rows than this share one line of the per-country table.
MIN_COUNTRY_ROWS = 20
OTHER_COUNTRIES = "other countries"
# The two depths of the bundled gazetteer (README of data/gazetteer): villages, or towns of 500 people and more.
VILLAGES, TOWNS = "villages (Who's On First)", "towns of 500+ only"
REQUIRED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "latitude",
    "longitude",
    "fatalities",
    "notes",
)
# ACLED dates an actor's period inside the name as well as after it: "Military Forces of Libya (2014-) Haftar
# Faction", "Military Forces of Syria (2000-2024)".
_ANY_PERIOD = re.compile(r"\s*\(\d{4}-(\d{4})?\)")

# How much each agreement weighs when a document's rows and events are paired (integers, so ties are exact and
# broken by order). The event type outweighs everything else together; the rest separates ACLED's split rows
# (same text, other place or toll) and several events of one text.
W_TYPE = 1000
W_SUB_TYPE = 200
W_DATE = (200, 100, 50)  # same day, within 1 day, within 7 days
W_PLACE_NEAR, W_PLACE_MATCH, W_PLACE_FAR = 200, 150, 100  # within 10 km, 25 km, decreasing to 0 at 500 km
FAR_KM = 500.0
W_ACTOR_ROLE, W_ACTOR_OTHER_ROLE = 100, 50
W_FATALITIES = 50
W_ANY = 1  # every pair is possible: a row gets an event whenever its document has one left
# Above these sizes a document's rows and events are paired greedily instead of exactly.
EXACT_MAX_EVENTS = 12


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class AcledRow:
    """The fields of one ACLED event that are scored, and the document its notes became."""

    event_id: str  # event_id_cnty
    doc_id: str
    event_date: str  # ISO
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    country: str
    latitude: float
    longitude: float
    fatalities: int
    geo_precision: int | None = None
    time_precision: int | None = None
    admin1: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class AcledDocument:
    """One distinct ``notes`` text and the rows ACLED coded from it (several when ACLED split it)."""

    doc_id: str
    text: str
    published: str  # ISO: the day after the latest event date of its rows
    rows: tuple[AcledRow, ...]

    def input_line(self) -> dict:
        """The document as a pipeline JSONL input line."""
        return {"id": self.doc_id, "text": self.text, "published": self.published, "language": LANGUAGE}


def read_acled(path: str | Path) -> list[AcledDocument]:
    """Read an ACLED CSV export with ``notes``: one document per distinct text, in file order.

    Raises DataFileError when the file lacks a needed column or a row has an unreadable date, number or
    coordinate.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise DataFileError(f"{path} is not an ACLED export with notes: no column {', '.join(missing)}.")
            raw = [(reader.line_num, dict(r)) for r in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise DataFileError(f"Cannot read the ACLED file {path}: {e}") from e
    groups: dict[str, list[tuple[int, dict]]] = {}
    for line, r in raw:
        notes = (r.get("notes") or "").strip()
        if notes:
            groups.setdefault(notes, []).append((line, r))
    if not groups:
        raise DataFileError(f"{path} holds no ACLED row with notes.")
    seen_ids: set[str] = set()
    documents = []
    for notes, members in groups.items():
        doc_id = DOC_PREFIX + (members[0][1]["event_id_cnty"] or "").strip()
        rows = tuple(_row(path, line, r, doc_id, seen_ids) for line, r in members)
        latest = max(date.fromisoformat(row.event_date) for row in rows)
        documents.append(AcledDocument(doc_id, notes, (latest + timedelta(days=1)).isoformat(), rows))
    return documents


def _row(path: Path, line: int, r: Mapping[str, str], doc_id: str, seen: set[str]) -> AcledRow:
    def text(name: str) -> str | None:
        value = (r.get(name) or "").strip()
        return value or None

    def number(name: str, kind):
        try:
            return kind(float(r[name])) if kind is int else kind(r[name])
        except (TypeError, ValueError, KeyError) as e:
            raise DataFileError(f"{path}:{line}: {name} {r.get(name)!r} is not a number.") from e

    event_id = text("event_id_cnty")
    if not event_id or event_id in seen:
        raise DataFileError(f"{path}:{line}: event_id_cnty {event_id!r} is missing or repeated.")
    seen.add(event_id)
    try:
        event_date = date.fromisoformat((r.get("event_date") or "").strip()).isoformat()
    except ValueError as e:
        raise DataFileError(f"{path}:{line}: event_date {r.get('event_date')!r} is not an ISO date.") from e
    for name in ("event_type", "sub_event_type", "actor1", "country"):
        if not text(name):
            raise DataFileError(f"{path}:{line}: {name} is empty.")
    optional_int = {k: (number(k, int) if text(k) else None) for k in ("geo_precision", "time_precision")}
    return AcledRow(
        event_id=event_id,
        doc_id=doc_id,
        event_date=event_date,
        event_type=text("event_type"),
        sub_event_type=text("sub_event_type"),
        actor1=text("actor1"),
        actor2=text("actor2"),
        country=text("country"),
        latitude=number("latitude", float),
        longitude=number("longitude", float),
        fatalities=number("fatalities", int),
        admin1=text("admin1"),
        location=text("location"),
        **optional_int,
    )


def select(
    documents: Sequence[AcledDocument],
    *,
    limit: int | None = None,
    seed: int | None = None,
    countries: Iterable[str] = (),
    event_types: Iterable[str] = (),
) -> list[AcledDocument]:
    """The documents to evaluate, in file order.

    ``countries`` and ``event_types`` (case-insensitive) keep the documents with a row of one of them (a
    document's other rows come with it, so a text is always scored whole). ``seed`` draws documents in a
    seeded random order instead of file order; ``limit`` then takes whole documents in that order as long as
    their rows fit in ``limit`` rows.
    """
    wanted_countries = {c.casefold() for c in countries}
    wanted_types = {t.casefold() for t in event_types}
    kept = [
        d
        for d in documents
        if (not wanted_countries or any(r.country.casefold() in wanted_countries for r in d.rows))
        and (not wanted_types or any(r.event_type.casefold() in wanted_types for r in d.rows))
    ]
    order = list(range(len(kept)))
    if seed is not None:
        random.Random(seed).shuffle(order)
    if limit is not None:
        chosen, rows = [], 0
        for i in order:
            if rows >= limit:
                break
            if rows + len(kept[i].rows) <= limit:
                chosen.append(i)
                rows += len(kept[i].rows)
        order = chosen
    return [kept[i] for i in sorted(order)]


# ---------------------------------------------------------------- scoring


def acled_actor_key(name: str | None) -> str | None:
    """ACLED actor names compare case- and accent-insensitively, without their periods wherever they stand."""
    if not name:
        return None
    return actor_key(_ANY_PERIOD.sub("", name)) or None


def _km(row: AcledRow, event: Event) -> float | None:
    if event.latitude is None or event.longitude is None:
        return None
    return haversine_km(row.latitude, row.longitude, event.latitude, event.longitude)


def _days(row: AcledRow, event: Event) -> int | None:
    try:
        return abs((date.fromisoformat((event.event_date or "")[:10]) - date.fromisoformat(row.event_date)).days)
    except ValueError:
        return None


def pair_score(row: AcledRow, event: Event) -> int:
    """How well ``event`` agrees with ``row``: the weight of the pair when a document's rows take its events."""
    s = W_ANY
    s += W_TYPE * (event.event_type == row.event_type)
    s += W_SUB_TYPE * (event.sub_event_type == row.sub_event_type)
    days = _days(row, event)
    if days is not None:
        s += W_DATE[0] if days == 0 else W_DATE[1] if days <= 1 else W_DATE[2] if days <= 7 else 0
    km = _km(row, event)
    if km is not None:
        if km <= NEAR_KM:
            s += W_PLACE_NEAR
        elif km <= MATCH_MAX_KM:
            s += W_PLACE_MATCH
        else:
            s += int(W_PLACE_FAR * max(0.0, 1.0 - km / FAR_KM))
    predicted = (acled_actor_key(event.actor1), acled_actor_key(event.actor2))
    for role, name in enumerate((row.actor1, row.actor2)):
        key = acled_actor_key(name)
        if key is None:
            continue
        if predicted[role] == key:
            s += W_ACTOR_ROLE
        elif key in predicted:
            s += W_ACTOR_OTHER_ROLE
    s += W_FATALITIES * (event.fatalities == row.fatalities)
    return s


def assign(rows: Sequence[AcledRow], events: Sequence[Event]) -> dict[int, int]:
    """Row index -> event index, one-to-one, maximising the total ``pair_score``.

    Every row gets an event while any is left (all pairs weigh more than nothing). Exact for up to
    EXACT_MAX_EVENTS events (a dynamic programme over the events already taken); greedy, best pair first,
    beyond. Ties go to the earlier event for the earlier row.
    """
    if not rows or not events:
        return {}
    scores = [[pair_score(r, e) for e in events] for r in rows]
    if len(events) > EXACT_MAX_EVENTS:
        order = sorted(
            ((scores[i][j], -i, -j) for i in range(len(rows)) for j in range(len(events))), reverse=True
        )
        out: dict[int, int] = {}
        taken: set[int] = set()
        for _, mi, mj in order:
            i, j = -mi, -mj
            if i not in out and j not in taken:
                out[i] = j
                taken.add(j)
        return out
    memo: dict[tuple[int, int], tuple[int, tuple[int, ...]]] = {}

    def best(i: int, used: int) -> tuple[int, tuple[int, ...]]:
        """The best total for rows i.. with the events in ``used`` taken, and each row's event (-1: none)."""
        if i == len(rows):
            return 0, ()
        key = (i, used)
        if key not in memo:
            choice: tuple[int, tuple[int, ...]] | None = None
            for j in range(len(events)):
                if not used >> j & 1:
                    total, rest = best(i + 1, used | 1 << j)
                    if choice is None or total + scores[i][j] > choice[0]:
                        choice = (total + scores[i][j], (j, *rest))
            total, rest = best(i + 1, used)
            if choice is None or total > choice[0]:
                choice = (total, (-1, *rest))
            memo[key] = choice
        return memo[key]

    return {i: j for i, j in enumerate(best(0, 0)[1]) if j >= 0}


MEASURES = (
    ("found", "event found"),
    ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"),
    ("actor1", "actor1"),
    ("actor2", "actor2"),
    ("actor_any_role", "actor in any role"),
    ("date_exact", "date exact"),
    ("location_10km", "location within 10 km"),
    ("location_25km", "location within 25 km"),
    ("fatalities", "fatalities exact"),
)


@dataclass(frozen=True)
class RowResult:
    """How one ACLED row fared; the attribute fields are None when the row got no event."""

    event_id: str
    doc_id: str
    event_type: str
    country: str
    predicted_event: str | None
    event_type_ok: bool | None
    sub_event_type_ok: bool | None
    actor1_ok: bool | None
    actor2_ok: bool | None
    actors_any_role: tuple[int, int]  # (ACLED actors found among the event's actor1/actor2, ACLED actors named)
    date_exact: bool | None
    km: float | None
    fatalities_ok: bool | None
    extra: float  # the document's unassigned events divided among its rows
    document_processed: bool = True


@dataclass(frozen=True)
class Scores:
    """The measures over one group of rows; attributes count over the rows that got an event."""

    rows: int
    found: Ratio
    event_type: Ratio
    sub_event_type: Ratio
    actor1: Ratio
    actor2: Ratio
    actor_any_role: Ratio  # over the ACLED actors (actor1, and actor2 when named) of found rows
    date_exact: Ratio
    location_10km: Ratio
    location_25km: Ratio
    fatalities: Ratio
    extra_events: float  # unassigned predicted events, each document's shared among its rows

    @property
    def extra_per_row(self) -> float | None:
        """Unassigned predicted events per row."""
        return self.extra_events / self.rows if self.rows else None

    def to_dict(self) -> dict:
        """Plain JSON types; every Ratio becomes ``{"value", "num", "den"}``."""
        out: dict = {"rows": self.rows}
        for key, _ in MEASURES:
            r: Ratio = getattr(self, key)
            out[key] = {"value": r.value, "num": r.num, "den": r.den}
        out["extra_events"] = round(self.extra_events, 4)
        out["extra_per_row"] = None if self.extra_per_row is None else round(self.extra_per_row, 4)
        return out


def _scores(results: Sequence[RowResult]) -> Scores:
    found = [r for r in results if r.predicted_event is not None]

    def ratio(values: Iterable[bool | None]) -> Ratio:
        values = [v for v in values if v is not None]
        return Ratio(sum(values), len(values))

    return Scores(
        rows=len(results),
        found=Ratio(len(found), len(results)),
        event_type=ratio(r.event_type_ok for r in found),
        sub_event_type=ratio(r.sub_event_type_ok for r in found),
        actor1=ratio(r.actor1_ok for r in found),
        actor2=ratio(r.actor2_ok for r in found),
        actor_any_role=Ratio(sum(r.actors_any_role[0] for r in found), sum(r.actors_any_role[1] for r in found)),
        date_exact=ratio(r.date_exact for r in found),
        location_10km=ratio(r.km is not None and r.km <= NEAR_KM for r in found),
        location_25km=ratio(r.km is not None and r.km <= MATCH_MAX_KM for r in found),
        fatalities=ratio(r.fatalities_ok for r in found),
        extra_events=sum(r.extra for r in results),
    )


@dataclass(frozen=True)
class AcledReport:
    """Scores overall, per ACLED event type and per country, with the per-row results behind them."""

    source: str
    documents: int
    predicted: int  # predicted events citing an evaluated document
    ignored: int  # predicted events citing no evaluated document
    multi_document_events: int  # predicted events citing several evaluated documents (fused across notes)
    overall: Scores
    by_event_type: tuple[tuple[str, Scores], ...]
    by_country: tuple[tuple[str, Scores], ...]
    min_country_rows: int
    pooled_countries: tuple[str, ...]
    by_gazetteer: tuple[tuple[str, Scores], ...] = ()  # rows of countries the gazetteer knows to villages, the rest
    rows: tuple[RowResult, ...] = ()
    not_processed: int = 0  # documents the store does not hold after processing (skipped by the pipeline)
    skipped: tuple[str, ...] = ()  # the pipeline's reasons, "source: reason"
    selection: dict = field(default_factory=dict)
    seconds: float | None = None

    def to_dict(self) -> dict:
        """Plain JSON types: the tables and the per-row results (ids and outcomes, no ACLED text)."""
        return {
            "source": self.source,
            "selection": self.selection,
            "documents": self.documents,
            "rows": self.overall.rows,
            "predicted": self.predicted,
            "ignored": self.ignored,
            "multi_document_events": self.multi_document_events,
            "not_processed": self.not_processed,
            "skipped_reasons": _reason_counts(self.skipped),
            "skipped": list(self.skipped),
            "seconds": self.seconds,
            "overall": self.overall.to_dict(),
            "by_event_type": {name: s.to_dict() for name, s in self.by_event_type},
            "by_country": {name: s.to_dict() for name, s in self.by_country},
            "by_gazetteer": {name: s.to_dict() for name, s in self.by_gazetteer},
            "min_country_rows": self.min_country_rows,
            "pooled_countries": list(self.pooled_countries),
            "per_row": [
                {
                    "event_id_cnty": r.event_id,
                    "doc_id": r.doc_id,
                    "predicted_event": r.predicted_event,
                    "document_processed": r.document_processed,
                    "event_type": r.event_type_ok,
                    "sub_event_type": r.sub_event_type_ok,
                    "actor1": r.actor1_ok,
                    "actor2": r.actor2_ok,
                    "actor_any_role": list(r.actors_any_role),
                    "date_exact": r.date_exact,
                    "km": None if r.km is None else round(r.km, 2),
                    "fatalities": r.fatalities_ok,
                    "extra": round(r.extra, 4),
                }
                for r in self.rows
            ],
        }


def _reason_counts(skipped: Sequence[str]) -> dict[str, int]:
    """Skip reasons without their source ("file.jsonl:12: ") and document ids, counted."""
    counts: dict[str, int] = {}
    for item in skipped:
        reason = re.sub(r"^.*?\.jsonl:\d+: ", "", item)
        reason = re.sub(re.escape(DOC_PREFIX) + r"[\w-]+", "<document>", reason)
        counts[reason] = counts.get(reason, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _row_result(row: AcledRow, event: Event | None, extra: float, processed: bool) -> RowResult:
    if event is None:
        return RowResult(row.event_id, row.doc_id, row.event_type, row.country, None, None, None, None, None,
                         (0, 0), None, None, None, extra, processed)
    predicted = {acled_actor_key(event.actor1), acled_actor_key(event.actor2)} - {None}
    named = [k for k in (acled_actor_key(row.actor1), acled_actor_key(row.actor2)) if k]
    return RowResult(
        event_id=row.event_id,
        doc_id=row.doc_id,
        event_type=row.event_type,
        country=row.country,
        predicted_event=event.event_id,
        event_type_ok=event.event_type == row.event_type,
        sub_event_type_ok=event.sub_event_type == row.sub_event_type,
        actor1_ok=acled_actor_key(event.actor1) == acled_actor_key(row.actor1),
        actor2_ok=acled_actor_key(event.actor2) == acled_actor_key(row.actor2),
        actors_any_role=(sum(k in predicted for k in named), len(named)),
        date_exact=_days(row, event) == 0,
        km=_km(row, event),
        fatalities_ok=event.fatalities == row.fatalities,
        extra=extra,
        document_processed=processed,
    )


def score_acled(
    documents: Sequence[AcledDocument],
    events: Sequence[Event],
    *,
    processed: Iterable[str] | None = None,
    min_country_rows: int = MIN_COUNTRY_ROWS,
    source: str = "",
) -> AcledReport:
    """Pair every document's rows with the predicted events citing it and score each row.

    ``processed``: the doc ids the pipeline stored (others were skipped; their rows are simply not found).
    """
    doc_ids = {d.doc_id for d in documents}
    by_doc: dict[str, list[Event]] = {d: [] for d in doc_ids}
    ignored = multi = 0
    for event in sorted(events, key=lambda e: e.event_id):
        cited = event_doc_ids(event) & doc_ids
        if not cited:
            ignored += 1
            continue
        multi += len(cited) > 1
        for d in cited:
            by_doc[d].append(event)
    processed = doc_ids if processed is None else set(processed)
    results: list[RowResult] = []
    for doc in documents:
        candidates = by_doc[doc.doc_id]
        pairs = assign(doc.rows, candidates)
        extra = (len(candidates) - len(pairs)) / len(doc.rows)
        for i, row in enumerate(doc.rows):
            event = candidates[pairs[i]] if i in pairs else None
            results.append(_row_result(row, event, extra, doc.doc_id in processed))

    by_type: dict[str, list[RowResult]] = {}
    by_country: dict[str, list[RowResult]] = {}
    for r in results:
        by_type.setdefault(r.event_type, []).append(r)
        by_country.setdefault(r.country, []).append(r)
    pooled = sorted(c for c, rs in by_country.items() if len(rs) < min_country_rows)
    countries = sorted(
        ((c, rs) for c, rs in by_country.items() if c not in pooled), key=lambda kv: (-len(kv[1]), kv[0])
    )
    if pooled:
        countries.append((OTHER_COUNTRIES, [r for c in pooled for r in by_country[c]]))
    villages = Gazetteer.default().village_countries()
    depth: dict[str, list[RowResult]] = {VILLAGES: [], TOWNS: []}
    for r in results:
        depth[VILLAGES if country_code(gazetteer_country(r.country)) in villages else TOWNS].append(r)
    return AcledReport(
        source=source,
        documents=len(documents),
        predicted=sum(1 for e in events if event_doc_ids(e) & doc_ids),
        ignored=ignored,
        multi_document_events=multi,
        overall=_scores(results),
        by_event_type=tuple((t, _scores(rs)) for t, rs in sorted(by_type.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
        by_country=tuple((c, _scores(rs)) for c, rs in countries),
        min_country_rows=min_country_rows,
        by_gazetteer=tuple((name, _scores(rs)) for name, rs in depth.items() if rs),
        pooled_countries=tuple(pooled),
        rows=tuple(results),
        not_processed=sum(1 for d in documents if d.doc_id not in processed),
    )


# ---------------------------------------------------------------- end to end


def run_acled(
    path: str | Path,
    *,
    limit: int | None = None,
    seed: int | None = None,
    countries: Iterable[str] = (),
    event_types: Iterable[str] = (),
    min_country_rows: int = MIN_COUNTRY_ROWS,
    workers: int = 1,
    store_url: str | None = None,
) -> AcledReport:
    """Read the ACLED file, select rows, process their notes as the gold harness does, and score them."""
    started = time.perf_counter()
    countries, event_types = tuple(countries), tuple(event_types)
    documents = select(read_acled(path), limit=limit, seed=seed, countries=countries, event_types=event_types)
    if not documents:
        raise DataFileError(f"No ACLED row of {path} is left after the selection.")
    done = process_inputs([d.input_line() for d in documents], "acled", store_url, workers=workers)
    report = score_acled(
        documents, list(done.events), processed=done.stored, min_country_rows=min_country_rows, source=str(path)
    )
    selection = {"limit": limit, "seed": seed, "countries": list(countries), "event_types": list(event_types),
                 "workers": workers}
    log.info("scored %d events against %d ACLED rows", len(done.events), report.overall.rows)
    return replace(report, skipped=done.skipped, selection=selection, seconds=round(time.perf_counter() - started, 1))


# ---------------------------------------------------------------- output

_COLUMNS = (
    ("found", "found"),
    ("event_type", "type"),
    ("sub_event_type", "sub"),
    ("actor1", "act1"),
    ("actor2", "act2"),
    ("actor_any_role", "any"),
    ("date_exact", "date"),
    ("location_10km", "10km"),
    ("location_25km", "25km"),
    ("fatalities", "fatal"),
)


def _fmt(value: float | None, width: int) -> str:
    return f"{'n/a':>{width}}" if value is None else f"{value:>{width}.2f}"


def _table(title: str, groups: Sequence[tuple[str, Scores]]) -> list[str]:
    head = f"{title:<34}{'rows':>6}" + "".join(f"{label:>7}" for _, label in _COLUMNS) + f"{'extra':>7}"
    lines = [head, "-" * len(head)]
    for name, s in groups:
        lines.append(
            f"{name[:34]:<34}{s.rows:>6}"
            + "".join(_fmt(getattr(s, key).value, 7) for key, _ in _COLUMNS)
            + _fmt(s.extra_per_row, 7)
        )
    return lines


def format_acled_report(report: AcledReport) -> str:
    """The overall measures with their counts, then one table per ACLED event type and one per country."""
    o = report.overall
    lines = [
        f"ACLED {report.source}: {o.rows} rows, {report.documents} documents; {report.predicted} predicted events"
        + (f" ({report.ignored} about no evaluated document ignored)" if report.ignored else "")
        + (f"; {report.multi_document_events} cite several documents" if report.multi_document_events else "")
        + (f"; {report.not_processed} documents not processed by the pipeline" if report.not_processed else "")
        + (f"; {report.seconds:.1f} s" if report.seconds is not None else ""),
        "",
        f"{'measure':<26}{'value':>8}  counts",
        f"{'-' * 26}{'-' * 8}  {'-' * 10}",
    ]
    for key, label in MEASURES:
        ratio: Ratio = getattr(o, key)
        if ratio.value is None:
            lines.append(f"{label:<26}{'n/a':>8}  0/0")
        else:
            lines.append(f"{label:<26}{ratio.value:>8.2f}  {ratio.num}/{ratio.den}")
    extra = "n/a" if o.extra_per_row is None else f"{o.extra_per_row:.2f}"
    lines.append(f"{'extra events per row':<26}{extra:>8}  {o.extra_events:g}/{o.rows}")
    lines += [
        "",
        "Attributes count over the rows that got an event; 'any': ACLED actors found as the event's actor1 or",
        "actor2; 'extra': the documents' unassigned events per row.",
        "",
        *_table("event type", report.by_event_type),
        "",
        *_table(f"country (>= {report.min_country_rows} rows)", report.by_country),
    ]
    if report.pooled_countries:
        lines.append(f"{OTHER_COUNTRIES}: {', '.join(report.pooled_countries)}")
    lines += ["", *_table("bundled gazetteer depth", report.by_gazetteer)]
    reasons = _reason_counts(report.skipped)
    if reasons:
        lines += ["", "documents skipped by the pipeline:"]
        lines += [f"  {n} x {reason[:150]}" for reason, n in list(reasons.items())[:10]]
        if len(reasons) > 10:
            lines.append(f"  ... and {len(reasons) - 10} other reasons")
    return "\n".join(lines)


def acled_report_json(report: AcledReport) -> str:
    """The report as indented JSON."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


__all__ = [
    "AcledDocument",
    "AcledReport",
    "AcledRow",
    "RowResult",
    "Scores",
    "acled_actor_key",
    "acled_report_json",
    "assign",
    "format_acled_report",
    "pair_score",
    "read_acled",
    "run_acled",
    "score_acled",
    "select",
]
