"""Build the offline map's place labels (``frontwatch/data/basemap/labels.json``) from files the package ships.

Provinces come from the basemap's own ``admin1.geojson`` (a label point inside each province's largest
polygon, so a name sits within the border drawn around it); towns from the bundled gazetteer
(``frontwatch.resolve.gazetteer``): every populated place of at least ``MIN_POPULATION`` people, plus the
capitals and administrative seats of any size (most Who's On First villages carry no population, yet a
district seat is what an analyst looks for). Each label carries the zoom from which the page draws it, so
that towns appear by population as the map zooms in::

    .venv/bin/python scripts/build_labels.py                 # writes frontwatch/data/basemap/labels.json

The output is compact JSON: ``provinces`` as ``[name, latitude, longitude]`` rows (drawn from
``ADMIN1_ZOOM``), ``towns`` as ``[name, latitude, longitude, min_zoom]`` rows, most populous first; about a
megabyte, half that through the server's gzip.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from datetime import date
from pathlib import Path

from frontwatch.resolve.gazetteer.core import bundle_path

BASEMAP = Path(__file__).resolve().parent.parent / "frontwatch" / "data" / "basemap"

# Towns below this population are left out (unless a seat): the gazetteer's threshold for keeping alternate
# names outside the 23 theatres, and the size at which a town appears on general maps at zoom 8-9.
MIN_POPULATION = 15_000
# (population at least, zoom from which a town is drawn), largest first; a seat without population is drawn
# from SEAT_ZOOM. Calibrated by eye on Syria, Ukraine and the Sahel: about a dozen names per screen at each step.
TOWN_ZOOMS = ((1_000_000, 4), (300_000, 5), (100_000, 6), (40_000, 7), (MIN_POPULATION, 8))
SEAT_ZOOM = 9
# Capitals, seats of first- and second-level divisions: kept whatever their population.
SEATS = ("PPLC", "PPLA", "PPLA2")
# Provinces are named from the zoom their borders are drawn at (map.js ADMIN1_MIN_ZOOM); the page reads it here.
ADMIN1_ZOOM = 5
DECIMALS = 3  # about 100 m: finer than a label's pixel at zoom 12

SOURCE_NOTE = (
    "Provinces: Natural Earth 1:10m Admin 1 (public domain) via the basemap's admin1.geojson; towns: the bundled "
    "gazetteer (Who's On First, CC0 and its sources' licences; GeoNames, CC BY 4.0); built by scripts/build_labels.py"
)


def town_zoom(population: int, feature_code: str) -> int | None:
    """The zoom from which a town of this population and feature code is labelled, or None to leave it out."""
    for threshold, zoom in TOWN_ZOOMS:
        if population >= threshold:
            return zoom
    return SEAT_ZOOM if feature_code in SEATS else None


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def interior_point(polygon: list[list[list[float]]]) -> tuple[float, float]:
    """(lon, lat) inside a polygon (outer ring and holes): the middle of its widest span at its mean latitude.

    A centroid can fall outside a crescent-shaped province; a scanline span between two crossings cannot."""
    outer = polygon[0]
    lat = sum(y for _, y in outer[:-1]) / (len(outer) - 1)
    crossings = sorted(
        x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        for ring in polygon
        for (x1, y1), (x2, y2) in zip(ring, ring[1:])
        if (y1 <= lat < y2) or (y2 <= lat < y1)
    )
    spans = list(zip(crossings[::2], crossings[1::2]))
    if not spans:  # a degenerate ring: its first vertex is as good as any
        return outer[0][0], outer[0][1]
    left, right = max(spans, key=lambda s: s[1] - s[0])
    return (left + right) / 2, lat


def province_labels(admin1: dict) -> list[list]:
    """One label row per province of the basemap, at a point inside its largest polygon."""
    out = []
    for feature in admin1["features"]:
        name = feature["properties"].get("name")
        if not name:
            continue
        largest = max(feature["geometry"]["coordinates"], key=lambda polygon: _area(polygon[0]))
        lon, lat = interior_point(largest)
        out.append([name, round(lat, DECIMALS), round(lon, DECIMALS)])
    return out


def town_labels(gazetteer: Path) -> list[list]:
    """Label rows of the gazetteer's populated places kept by ``town_zoom``, most populous first."""
    seats = ", ".join("?" * len(SEATS))
    sql = (
        "SELECT name, lat_e5, lon_e5, coalesce(population, 0), feature_code FROM places"
        f" WHERE feature_code LIKE 'PPL%' AND (coalesce(population, 0) >= ? OR feature_code IN ({seats}))"
        " ORDER BY coalesce(population, 0) DESC, name, id"
    )
    with sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True) as conn:
        rows = conn.execute(sql, (MIN_POPULATION, *SEATS)).fetchall()
    out = []
    for name, lat_e5, lon_e5, population, feature_code in rows:
        zoom = town_zoom(population, feature_code)
        if zoom is not None:
            out.append([name, round(lat_e5 / 1e5, DECIMALS), round(lon_e5 / 1e5, DECIMALS), zoom])
    return out


def build(out: Path) -> int:
    """Write the labels file; returns how many labels it holds."""
    admin1 = json.loads((BASEMAP / "admin1.geojson").read_text(encoding="utf-8"))
    document = {
        "source": SOURCE_NOTE,
        "built": date.today().isoformat(),
        "admin1_zoom": ADMIN1_ZOOM,
        "provinces": province_labels(admin1),
        "towns": town_labels(bundle_path()),
    }
    out.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(document["provinces"]) + len(document["towns"])


def main() -> None:
    """Command line: ``build_labels.py [OUT]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=BASEMAP / "labels.json", help="the labels file to write")
    args = parser.parse_args()
    print(f"{build(args.out):,} labels written to {args.out}")


if __name__ == "__main__":
    main()
