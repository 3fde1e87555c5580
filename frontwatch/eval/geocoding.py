"""Geocoding evaluation: resolve each phrasing of ``eval/geocoding/toponyms.tsv`` and score it against
its true GeoNames point (accuracy within 10 km, confident-wrong rate, fallback rate, latency), and
measure what loading the gazetteer costs (time and memory).

Run it with one command from the repository root (it prints the scores, the load cost and the errors)::

    .venv/bin/python eval/geocoding/run_eval.py [TSV] [--errors N]
"""

from __future__ import annotations

import csv
import logging
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from frontwatch.errors import DataFileError, Messages
from frontwatch.resolve.gazetteer import Gazetteer, PlaceContext
from frontwatch.resolve.gazetteer.build import haversine_km

log = logging.getLogger(__name__)

# A resolution this close to the truth counts as right (ACLED's and issue 7's yardstick).
CORRECT_KM = 10.0
_COLUMNS = ("phrase", "country", "admin", "type_hint", "geonameid", "latitude", "longitude", "origin")


@dataclass(frozen=True)
class ToponymCase:
    """One phrasing with the place it denotes."""

    phrase: str
    country: str
    admin: str
    type_hint: str
    geonameid: int | None
    latitude: float
    longitude: float
    origin: str


def _tsv_rows(path: Path | str, columns: tuple[str, ...]) -> csv.DictReader:
    """The rows of a TSV of these columns (``#`` comment lines, then a header row)."""
    path = Path(path)
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    except OSError as e:
        raise DataFileError(Messages.E013.format(path=str(path), detail=str(e))) from e
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != columns:
        raise DataFileError(Messages.E013.format(path=str(path), detail=f"expected columns {columns}"))
    return reader


def read_cases(path: Path | str) -> list[ToponymCase]:
    """The cases of a toponym TSV (``#`` comment lines, then a header row)."""
    reader = _tsv_rows(path, _COLUMNS)
    return [
        ToponymCase(
            phrase=r["phrase"], country=r["country"], admin=r["admin"], type_hint=r["type_hint"],
            geonameid=int(r["geonameid"]) if r["geonameid"] else None, latitude=float(r["latitude"]),
            longitude=float(r["longitude"]), origin=r["origin"],
        )
        for r in reader
    ]


def evaluate_geocoding(path: Path | str, gazetteer: Gazetteer | None = None) -> dict:
    """Accuracy within 10 km, confident-wrong rate (precision 1 but > 10 km off), fallback and miss
    rates, and look-up latency over a toponym TSV; ``errors`` lists the wrong answers."""
    gaz = gazetteer or Gazetteer.default()
    cases = read_cases(path)
    correct = confident_wrong = fallback = unresolved = 0
    timings: list[float] = []
    errors: list[dict] = []
    for case in cases:
        context = PlaceContext(
            countries=((case.country, 1.0),) if case.country else (),
            admin_names=(case.admin,) if case.admin else (),
            type_hint=case.type_hint or None,
        )
        t0 = time.perf_counter()
        place = gaz.resolve(case.phrase, context)
        timings.append((time.perf_counter() - t0) * 1000)
        if place is None or place.latitude is None or place.longitude is None:
            unresolved += 1
            errors.append({"phrase": case.phrase, "answer": None})
            continue
        km = haversine_km(place.latitude, place.longitude, case.latitude, case.longitude)
        if place.geo_precision > 1:
            fallback += 1
        if km <= CORRECT_KM:
            correct += 1
        else:
            if place.geo_precision == 1:
                confident_wrong += 1
            errors.append({"phrase": case.phrase, "answer": place.name, "km": round(km, 1), "method": place.method,
                           "precision": place.geo_precision})
    n = len(cases) or 1
    timings.sort()
    return {
        "cases": len(cases),
        "within_10km": round(correct / n, 4),
        "confident_wrong": round(confident_wrong / n, 4),
        "fallback_rate": round(fallback / n, 4),
        "unresolved_rate": round(unresolved / n, 4),
        "median_ms": round(statistics.median(timings), 3) if timings else 0.0,
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 3) if timings else 0.0,
        "errors": errors,
    }


@dataclass(frozen=True)
class LoadCost:
    """What opening the gazetteer and answering its first queries costs in this process."""

    open_s: float  # constructing the Gazetteer (the bundle already unpacked in the cache)
    first_query_s: float  # the first resolve in one country, which loads its fuzzy-search keys
    rss_mb: float  # growth of the process's resident memory over both
    bundle_mb: float  # size of the unpacked SQLite bundle on disk (memory-mapped by SQLite as needed)


def _rss_mb() -> float:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def measure_load(country: str = "SY") -> LoadCost:
    """Open a fresh Gazetteer and resolve one fuzzy name in ``country``, timing both and the memory taken."""
    from frontwatch.resolve.gazetteer import bundle_path

    path = bundle_path()  # unpacks once per bundle version; not part of the per-process cost
    before = _rss_mb()
    t0 = time.perf_counter()
    gaz = Gazetteer(path)
    t1 = time.perf_counter()
    gaz.resolve("Kfar Tkharimm", PlaceContext(countries=((country, 1.0),), type_hint="village"))
    t2 = time.perf_counter()
    cost = LoadCost(round(t1 - t0, 4), round(t2 - t1, 4), round(_rss_mb() - before, 1),
                    round(path.stat().st_size / 1e6, 1))
    gaz.close()
    return cost


# ---------------------------------------------------------------- toponyms in context

_CONTEXT_COLUMNS = ("doc_id", "start", "end", "phrase", "role", "kind", "geonameid", "name", "country", "admin1",
                    "latitude", "longitude", "note")


def evaluate_in_context(path: Path | str, corpus: Path | str) -> dict:
    """Score place names where they stand in real articles (``eval/geocoding/fr-dev-in-context.tsv``): each
    article of ``corpus`` (a folder of JSONL files) is read as extraction reads it (``document_places``), and the
    place found at each annotated phrase is compared with the analyst's choice.

    ``within_10km``: over cases with coordinates, the place found is within 10 km; ``wrong_country``: over
    cases with a country, a place was found in another country; ``confident_wrong``: over all cases, a town-level
    place more than 10 km off, or a place found for a phrase that names none (a person, a nationality);
    ``unresolved``: over cases naming a place, none was found. ``errors`` lists the wrong answers.
    """
    import json

    from frontwatch.extract.document import document_places
    from frontwatch.ingest.meta import content_hash, parse_date_or_none
    from frontwatch.records import Document
    from frontwatch.resolve.gazetteer.build import country_names

    cases = _read_context_cases(Path(path))
    wanted = {c["doc_id"] for c in cases}
    records = {}
    for jsonl in sorted(Path(corpus).glob("*.jsonl")):
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("id") in wanted:
                    records[row["id"]] = row
    missing = wanted - set(records)
    if missing:
        raise DataFileError(Messages.E013.format(path=str(path), detail=f"articles not in {corpus}: {sorted(missing)[:5]}"))
    codes = {name: code for code, name in country_names().items()}
    found: dict[tuple[str, int], object] = {}
    for doc_id, record in records.items():
        text = record["text"]  # as written: the cases' offsets count in it
        doc = Document(doc_id=doc_id, text=text, original=text, content_hash=content_hash(text),
                       published=parse_date_or_none(record.get("published"), doc_id), language="fr")
        for located in document_places(doc):
            for c in cases:
                if c["doc_id"] == doc_id and located.start < c["end"] and c["start"] < located.end:
                    found[(doc_id, c["start"])] = located.place
    n_coord = n_country = n_place = within = wrong_country = confident_wrong = unresolved = 0
    errors: list[dict] = []
    for c in cases:
        place = found.get((c["doc_id"], c["start"]))
        names_place = c["kind"] != "not_a_place"
        error = None
        if not names_place:
            if place is not None:
                confident_wrong += 1
                error = place.name
        else:
            n_place += 1
            if place is None:
                unresolved += 1
                error = "unresolved" if (c["latitude"] is not None or c["country"]) else None
            if c["country"]:
                n_country += 1
                if place is not None and codes.get(place.country) != c["country"]:
                    wrong_country += 1
                    error = f"{place.name} ({place.country})"
            if c["latitude"] is not None:
                n_coord += 1
                if place is not None and place.latitude is not None:
                    km = haversine_km(place.latitude, place.longitude, c["latitude"], c["longitude"])
                    if km <= CORRECT_KM:
                        within += 1
                    else:
                        error = error or f"{place.name} {km:.0f} km off"
                        confident_wrong += place.geo_precision == 1
        if error:
            errors.append({"doc_id": c["doc_id"], "phrase": c["phrase"], "kind": c["kind"], "role": c["role"],
                           "expected": c["name"] or c["country"] or None, "answer": error})
    return {
        "cases": len(cases),
        "within_10km": round(within / (n_coord or 1), 4),
        "wrong_country": round(wrong_country / (n_country or 1), 4),
        "confident_wrong": round(confident_wrong / (len(cases) or 1), 4),
        "unresolved": round(unresolved / (n_place or 1), 4),
        "counts": {"with_coordinates": n_coord, "with_country": n_country, "naming_a_place": n_place},
        "errors": errors,
    }


def _read_context_cases(path: Path) -> list[dict]:
    cases = []
    for r in _tsv_rows(path, _CONTEXT_COLUMNS):
        has_point = bool(r["latitude"] and r["longitude"]) and r["kind"] not in ("country",)
        cases.append({**r, "start": int(r["start"]), "end": int(r["end"]),
                      "latitude": float(r["latitude"]) if has_point else None,
                      "longitude": float(r["longitude"]) if has_point else None})
    return cases
