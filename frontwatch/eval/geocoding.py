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


def read_cases(path: Path | str) -> list[ToponymCase]:
    """The cases of a toponym TSV (``#`` comment lines, then a header row)."""
    path = Path(path)
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    except OSError as e:
        raise DataFileError(Messages.E013.format(path=str(path), detail=str(e))) from e
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise DataFileError(Messages.E013.format(path=str(path), detail=f"expected columns {_COLUMNS}"))
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
