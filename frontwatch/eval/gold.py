"""Gold annotations: the events an analyst codes from each article, loaded from a JSON file (docs/gold-format.md).

A gold file lists documents; each document lists its events, and the same real-world happening reported
by several documents carries one ``happening`` key in each, so fused predictions are scored once per
happening. Every field that analysts may reasonably code in more than one way takes a list of acceptable
values; the first one is the preferred coding.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import frontwatch
from frontwatch.errors import DataFileError, InputError, Messages

log = logging.getLogger(__name__)

FORMAT = "frontwatch-gold/1"
SEEDS_PLACEHOLDER = "$SEEDS"
SEEDS_ENV = "FRONTWATCH_SEEDS"
CORPUS_PLACEHOLDER = "$CORPUS"
CORPUS_ENV = "FRONTWATCH_CORPUS"

# ACLED's event types and sub-event types, exact spellings, as fixed by SPEC.md's "Reference" section.
ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to")
# not_political: violence or deaths with no political actor (disease, accident, disaster, ordinary crime).
MUST_NOT_REASONS = ("background", "intention", "speculation", "statement", "cumulative", "not_political")


@dataclass(frozen=True)
class GoldClaim:
    """A figure the analyst expects among the event's claims; list fields hold acceptable alternatives."""

    doc_id: str
    kind: tuple[str, ...]
    value: float
    qualifier: tuple[str, ...] = ()  # empty: any qualifier is accepted
    claimant: tuple[str | None, ...] = (None,)  # None: the outlet itself
    subject: tuple[str | None, ...] = ()  # empty: the subject is not scored
    optional: bool = False  # found claims count for claimant accuracy, missing ones cost nothing


@dataclass(frozen=True)
class GoldLocation:
    """Where the analyst places the event; precision-3 events sit on the province capital (ACLED)."""

    name: str
    latitude: float
    longitude: float
    geo_precision: int
    admin1: str | None = None
    country: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class GoldEvent:
    """One event as coded from one document."""

    id: str
    doc_id: str
    happening: str
    event_type: tuple[str, ...]
    sub_event_type: tuple[str, ...]
    event_date: tuple[str, ...]  # acceptable ISO dates; empty when the text gives none
    time_precision: int
    actor1: tuple[str | None, ...]
    actor2: tuple[str | None, ...]
    assoc_actors: tuple[str, ...] = ()
    location: GoldLocation | None = None
    fatalities: tuple[int, ...] = ()  # acceptable ACLED fatality codings; empty: not scored
    claims: tuple[GoldClaim, ...] = ()
    evidence: tuple[str, ...] = ()
    optional: bool = False
    part_of: str | None = None  # an optional event that may be folded into this (required) event id
    note: str = ""


@dataclass(frozen=True)
class MustNot:
    """A passage of a document that no predicted event may rest on (background, intention, ...)."""

    doc_id: str
    quote: str
    reason: str


@dataclass(frozen=True)
class GoldDocument:
    """One annotated article and where to read it."""

    doc_id: str
    path: Path
    published: str | None
    publisher: str | None
    events: tuple[GoldEvent, ...]
    must_not: tuple[MustNot, ...]
    language: str | None = None
    country: str | None = None
    publisher_kind: str | None = None

    line_id: str | None = None  # for a JSONL corpus ("corpus.jsonl#id"): the id of the article's line

    def read_text(self) -> str:
        """The article as stored on disk (UTF-8); in a JSONL corpus, the ``text`` of the line with ``line_id``."""
        try:
            if self.line_id is not None:
                return _jsonl_text(self.path, self.line_id)
            return self.path.read_text(encoding="utf-8")
        except (OSError, KeyError) as e:
            raise InputError(Messages.E016.format(source=self.path)) from e


def _jsonl_text(path: Path, line_id: str) -> str:
    """The ``text`` of the JSONL line whose ``id`` is `line_id` (KeyError when there is none)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if f'"{line_id}"' in line:
                row = json.loads(line)
                if row.get("id") == line_id:
                    return row["text"]
    raise KeyError(line_id)


@dataclass(frozen=True)
class GoldUnit:
    """One happening: the gold events of every document that reports it, scored as one."""

    id: str
    members: tuple[GoldEvent, ...]

    @property
    def optional(self) -> bool:
        """Optional when every report of it is optional."""
        return all(m.optional for m in self.members)

    @property
    def doc_ids(self) -> frozenset[str]:
        """The documents that report it."""
        return frozenset(m.doc_id for m in self.members)

    @cached_property
    def event_types(self) -> frozenset[str]:
        """Event types every member accepts."""
        types = set(self.members[0].event_type)
        for m in self.members[1:]:
            types &= set(m.event_type)
        return frozenset(types)

    @cached_property
    def sub_event_types(self) -> frozenset[str]:
        """Sub-event types any member accepts."""
        return frozenset(s for m in self.members for s in m.sub_event_type)

    @cached_property
    def dates(self) -> tuple[date, ...]:
        """Acceptable dates, from every member."""
        return tuple(sorted({date.fromisoformat(d) for m in self.members for d in m.event_date}))

    @property
    def time_precision(self) -> int:
        """The finest precision any member gives."""
        return min(m.time_precision for m in self.members)

    @property
    def location(self) -> GoldLocation | None:
        """The most precise location any member gives (first in file order on ties)."""
        located = [m.location for m in self.members if m.location is not None]
        return min(located, key=lambda loc: loc.geo_precision) if located else None

    @cached_property
    def actor1(self) -> tuple[str | None, ...]:
        """Acceptable actor1 names over all members."""
        return _union(m.actor1 for m in self.members)

    @cached_property
    def actor2(self) -> tuple[str | None, ...]:
        """Acceptable actor2 names over all members."""
        return _union(m.actor2 for m in self.members)

    @cached_property
    def all_actors(self) -> frozenset[str]:
        """Every actor name the unit accepts anywhere (actor1, actor2, associated)."""
        names = [a for m in self.members for a in (*m.actor1, *m.actor2, *m.assoc_actors) if a]
        return frozenset(names)

    @cached_property
    def fatalities(self) -> tuple[int, ...]:
        """Acceptable fatality codings over all members."""
        return tuple(sorted({f for m in self.members for f in m.fatalities}))

    @property
    def claims(self) -> tuple[GoldClaim, ...]:
        """Every member's claims."""
        return tuple(c for m in self.members for c in m.claims)

    @property
    def part_of(self) -> frozenset[str]:
        """Ids of the units this one may be folded into."""
        return frozenset(m.part_of for m in self.members if m.part_of)


@dataclass(frozen=True)
class Gold:
    """A whole gold file."""

    path: Path
    name: str
    documents: tuple[GoldDocument, ...]
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def units(self) -> tuple[GoldUnit, ...]:
        """Happenings, each grouping the gold events that share a ``happening`` key, in file order."""
        groups: dict[str, list[GoldEvent]] = {}
        for doc in self.documents:
            for event in doc.events:
                groups.setdefault(event.happening, []).append(event)
        return tuple(GoldUnit(id=key, members=tuple(members)) for key, members in groups.items())

    @cached_property
    def unit_of_event(self) -> dict[str, str]:
        """Gold event id -> the id of its unit."""
        return {m.id: u.id for u in self.units for m in u.members}

    def document(self, doc_id: str) -> GoldDocument | None:
        """The gold document with this id, or None."""
        return next((d for d in self.documents if d.doc_id == doc_id), None)

    def texts(self) -> dict[str, str]:
        """Every document's text as read from disk."""
        return {d.doc_id: d.read_text() for d in self.documents}


def corpus_dir(gold_path: Path | None = None) -> Path:
    """Where ``$CORPUS`` points: ``$FRONTWATCH_CORPUS``, else ``../shared/corpus`` beside the repository root."""
    override = os.environ.get(CORPUS_ENV)
    if override:
        return Path(override)
    return seeds_dir(gold_path).parent / "corpus"


def seeds_dir(gold_path: Path | None = None) -> Path:
    """Where ``$SEEDS`` points: ``$FRONTWATCH_SEEDS``, else ``../shared/seeds`` beside the repository root,
    else the repository's own copy in ``tests/fixtures/seeds``."""
    override = os.environ.get(SEEDS_ENV)
    if override:
        return Path(override)
    roots = []
    if gold_path is not None:
        roots.extend(Path(gold_path).resolve().parents)
    roots.append(Path(frontwatch.__file__).resolve().parent.parent)
    for root in roots:
        candidate = root.parent / "shared" / "seeds"
        if (root / "pyproject.toml").exists() and candidate.is_dir():
            return candidate
    for root in roots:
        copy = root / "tests" / "fixtures" / "seeds"
        if (root / "pyproject.toml").exists() and copy.is_dir():
            return copy
    return roots[-1].parent / "shared" / "seeds"


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold file; raises DataFileError saying what is wrong and where."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise DataFileError(Messages.E013.format(path=path, detail=str(e))) from e
    reader = _Reader(path)
    gold = reader.gold(raw)
    reader.check_units(gold)
    log.debug("loaded gold %s: %d documents, %d units", path, len(gold.documents), len(gold.units))
    return gold


def _union(groups) -> tuple:
    out: list = []
    for group in groups:
        for item in group:
            if item not in out:
                out.append(item)
    return tuple(out)


class _Reader:
    """Turns the parsed JSON into records, raising DataFileError with the JSON path of the first problem."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, detail: str) -> DataFileError:
        return DataFileError(Messages.E013.format(path=self.path, detail=f"{where}: {detail}"))

    def gold(self, raw: Any) -> Gold:
        if not isinstance(raw, dict) or not isinstance(raw.get("documents"), list):
            raise self.fail("top level", "expected an object with a 'documents' list")
        if raw.get("format", FORMAT) != FORMAT:
            raise self.fail("format", f"expected {FORMAT!r}, found {raw.get('format')!r}")
        docs = tuple(self.document(d, f"documents[{i}]") for i, d in enumerate(raw["documents"]))
        seen: set[str] = set()
        for doc in docs:
            if doc.doc_id in seen:
                raise self.fail("documents", f"duplicate doc_id {doc.doc_id!r}")
            seen.add(doc.doc_id)
        meta = {k: v for k, v in raw.items() if k not in ("documents", "name", "description")}
        return Gold(
            path=self.path,
            name=str(raw.get("name") or self.path.stem),
            documents=docs,
            description=str(raw.get("description") or ""),
            meta=meta,
        )

    def document(self, raw: Any, where: str) -> GoldDocument:
        if not isinstance(raw, dict):
            raise self.fail(where, "expected an object")
        doc_id = self.string(raw, "doc_id", where)
        rel, _, line_id = self.string(raw, "path", where).partition("#")
        if rel.startswith(SEEDS_PLACEHOLDER):
            path = seeds_dir(self.path) / rel[len(SEEDS_PLACEHOLDER) :].lstrip("/")
        elif rel.startswith(CORPUS_PLACEHOLDER):
            path = corpus_dir(self.path) / rel[len(CORPUS_PLACEHOLDER) :].lstrip("/")
        else:
            path = (self.path.parent / rel).resolve()
        published = raw.get("published")
        if published is not None:
            self.iso_date(published, f"{where}.published")
        events = tuple(
            self.event(e, doc_id, f"{where}.events[{i}]") for i, e in enumerate(raw.get("events") or [])
        )
        must_not = tuple(
            self.must_not(m, doc_id, f"{where}.must_not_extract[{i}]")
            for i, m in enumerate(raw.get("must_not_extract") or [])
        )
        return GoldDocument(
            doc_id=doc_id,
            path=path,
            published=published,
            publisher=raw.get("publisher"),
            events=events,
            must_not=must_not,
            language=raw.get("language"),
            country=raw.get("country"),
            line_id=line_id or None,
            publisher_kind=raw.get("publisher_kind"),
        )

    def event(self, raw: Any, doc_id: str, where: str) -> GoldEvent:
        if not isinstance(raw, dict):
            raise self.fail(where, "expected an object")
        event_id = self.string(raw, "id", where)
        types = self.strings(raw.get("event_type"), f"{where}.event_type", allow_none=False)
        subs = self.strings(raw.get("sub_event_type"), f"{where}.sub_event_type", allow_none=False)
        if not types or not subs:
            raise self.fail(where, "event_type and sub_event_type are required")
        for t in types:
            if t not in ACLED_TAXONOMY:
                raise self.fail(f"{where}.event_type", f"{t!r} is not an ACLED event type")
        allowed = {s for t in types for s in ACLED_TAXONOMY[t]}
        for s in subs:
            if s not in allowed:
                raise self.fail(f"{where}.sub_event_type", f"{s!r} is not a sub-event type of {list(types)}")
        dates = self.strings(raw.get("event_date"), f"{where}.event_date", allow_none=False)
        for d in dates:
            self.iso_date(d, f"{where}.event_date")
        precision = raw.get("time_precision", 1 if dates else 3)
        if precision not in (1, 2, 3):
            raise self.fail(f"{where}.time_precision", "expected 1, 2 or 3")
        fatalities = raw.get("fatalities")
        if fatalities is None:
            fat: tuple[int, ...] = ()
        else:
            fat_list = fatalities if isinstance(fatalities, list) else [fatalities]
            if not all(isinstance(f, int) and f >= 0 for f in fat_list):
                raise self.fail(f"{where}.fatalities", "expected a non-negative integer or a list of them")
            fat = tuple(fat_list)
        evidence = self.strings(raw.get("evidence"), f"{where}.evidence", allow_none=False)
        optional = bool(raw.get("optional", False))
        if not evidence:
            raise self.fail(f"{where}.evidence", "at least one quote is required")
        part_of = raw.get("part_of")
        if part_of is not None and not optional:
            raise self.fail(f"{where}.part_of", "only an optional event may be folded into another")
        return GoldEvent(
            id=event_id,
            doc_id=doc_id,
            happening=str(raw.get("happening") or event_id),
            event_type=types,
            sub_event_type=subs,
            event_date=dates,
            time_precision=precision,
            actor1=self.strings(raw.get("actor1"), f"{where}.actor1", allow_none=True) or (None,),
            actor2=self.strings(raw.get("actor2"), f"{where}.actor2", allow_none=True) or (None,),
            assoc_actors=self.strings(raw.get("assoc_actors"), f"{where}.assoc_actors", allow_none=False),
            location=self.location(raw.get("location"), f"{where}.location"),
            fatalities=fat,
            claims=tuple(
                self.claim(c, doc_id, f"{where}.claims[{i}]") for i, c in enumerate(raw.get("claims") or [])
            ),
            evidence=evidence,
            optional=optional,
            part_of=part_of,
            note=str(raw.get("note") or ""),
        )

    def location(self, raw: Any, where: str) -> GoldLocation | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise self.fail(where, "expected an object or null")
        try:
            lat, lon = float(raw["latitude"]), float(raw["longitude"])
        except (KeyError, TypeError, ValueError) as e:
            raise self.fail(where, "latitude and longitude are required numbers") from e
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise self.fail(where, f"coordinates out of range: {lat}, {lon}")
        precision = raw.get("geo_precision", 1)
        if precision not in (1, 2, 3):
            raise self.fail(f"{where}.geo_precision", "expected 1, 2 or 3")
        gid = raw.get("geonameid")
        return GoldLocation(
            name=self.string(raw, "name", where),
            latitude=lat,
            longitude=lon,
            geo_precision=precision,
            admin1=raw.get("admin1"),
            country=raw.get("country"),
            geonameid=int(gid) if gid is not None else None,
        )

    def claim(self, raw: Any, doc_id: str, where: str) -> GoldClaim:
        if not isinstance(raw, dict):
            raise self.fail(where, "expected an object")
        kinds = self.strings(raw.get("kind"), f"{where}.kind", allow_none=False)
        if not kinds:
            raise self.fail(where, "kind is required")
        value = raw.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{where}.value", "expected a number")
        qualifiers = self.strings(raw.get("qualifier"), f"{where}.qualifier", allow_none=False)
        for q in qualifiers:
            if q not in QUALIFIERS:
                raise self.fail(f"{where}.qualifier", f"{q!r} is not one of {QUALIFIERS}")
        if "claimant" not in raw:
            raise self.fail(where, "claimant is required (null when the outlet asserts the figure itself)")
        return GoldClaim(
            doc_id=doc_id,
            kind=kinds,
            value=value,
            qualifier=qualifiers,
            claimant=self.strings(raw.get("claimant"), f"{where}.claimant", allow_none=True) or (None,),
            subject=self.strings(raw.get("subject"), f"{where}.subject", allow_none=True)
            if "subject" in raw
            else (),
            optional=bool(raw.get("optional", False)),
        )

    def must_not(self, raw: Any, doc_id: str, where: str) -> MustNot:
        if not isinstance(raw, dict):
            raise self.fail(where, "expected an object")
        reason = self.string(raw, "reason", where)
        if reason not in MUST_NOT_REASONS:
            raise self.fail(f"{where}.reason", f"{reason!r} is not one of {MUST_NOT_REASONS}")
        return MustNot(doc_id=doc_id, quote=self.string(raw, "quote", where), reason=reason)

    def check_units(self, gold: Gold) -> None:
        ids = [e.id for d in gold.documents for e in d.events]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise self.fail("events", f"duplicate event ids {dupes}")
        units = {u.id: u for u in gold.units}
        for unit in gold.units:
            if len(unit.doc_ids) != len(unit.members):
                raise self.fail(f"happening {unit.id!r}", "a happening appears at most once per document")
            if not unit.event_types:
                raise self.fail(f"happening {unit.id!r}", "its reports share no event type")
            for target in unit.part_of:
                parent = units.get(gold.unit_of_event.get(target, target))
                if parent is None or parent.optional:
                    raise self.fail(f"happening {unit.id!r}", f"part_of {target!r} is not a required event")

    def string(self, raw: dict, key: str, where: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "expected a non-empty string")
        return value

    def strings(self, value: Any, where: str, *, allow_none: bool) -> tuple:
        if value is None:
            return (None,) if allow_none else ()
        items = value if isinstance(value, list) else [value]
        for item in items:
            if item is None and allow_none:
                continue
            if not isinstance(item, str) or not item.strip():
                raise self.fail(where, f"expected a string or a list of strings, found {item!r}")
        return tuple(items)

    def iso_date(self, value: Any, where: str) -> date:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise self.fail(where, f"expected an ISO date YYYY-MM-DD, found {value!r}")
        try:
            return date.fromisoformat(value)
        except ValueError as e:
            raise self.fail(where, str(e)) from e
