"""Load a GeoNames country dump or an OCHA P-coded places table into a user gazetteer.

The user gazetteer is a writable SQLite file with the bundle's schema; ``Gazetteer`` consults it on top
of the bundle. Admin names are taken from the bundle (same GeoNames id, else the nearest bundled place
of the same country) so that ``admin1``/``admin2`` read the same whichever file answered.
"""

from __future__ import annotations

import csv
import io
import logging
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from frontwatch.errors import DataFileError, Messages
from frontwatch.resolve.gazetteer.build import PlaceRow, connect_writable, haversine_km, write_country_keys, write_rows
from frontwatch.resolve.gazetteer.core import bundle_path, default_user_db_path

log = logging.getLogger(__name__)

# GeoNames feature classes worth a conflict event: populated places, admin areas, spots (airports, bases).
_GEONAMES_CLASSES = frozenset({"P", "A", "S"})
_GEONAMES_COLUMNS = 19
# An imported place takes the admin names of the nearest bundled place within this distance.
_ADMIN_BORROW_KM = 25.0
_OCHA_COLUMNS = ("pcode", "kind", "name_en", "name_ar", "latitude", "longitude", "admin1_pcode", "admin1_name_en")
_OCHA_KINDS = {"community": "PPL", "neighbourhood": "PPLX"}


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, and where."""

    db_path: Path
    places: int
    skipped: int
    kind: str


class _BundleAdmins:
    """Admin names of bundled places, by GeoNames id and by position, for one country at a time."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(f"file:{bundle_path()}?mode=ro&immutable=1", uri=True)
        self._cells: dict[str, dict[tuple[int, int], list[tuple[float, float, str, str | None]]]] = {}

    def by_geonameid(self, gid: int) -> tuple[str | None, str | None] | None:
        row = self.conn.execute(
            "SELECT a.admin1, a.admin2 FROM places p JOIN admins a ON a.id = p.admin_id WHERE p.geonameid = ?", (gid,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def nearest(self, cc: str, lat: float, lon: float) -> tuple[str | None, str | None] | None:
        if cc not in self._cells:
            cells: dict[tuple[int, int], list] = {}
            for plat, plon, a1, a2 in self.conn.execute(
                "SELECT p.lat_e5 / 1e5, p.lon_e5 / 1e5, a.admin1, a.admin2 FROM places p JOIN admins a ON a.id = p.admin_id"
                " WHERE p.country_code = ? AND a.admin1 IS NOT NULL AND p.feature_code NOT IN ('ADM1', 'ADM2')",
                (cc,),
            ):
                cells.setdefault((int(plat * 4), int(plon * 4)), []).append((plat, plon, a1, a2))
            self._cells[cc] = cells
        cells = self._cells[cc]
        gy, gx = int(lat * 4), int(lon * 4)
        best, best_d = None, _ADMIN_BORROW_KM
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for plat, plon, a1, a2 in cells.get((gy + dy, gx + dx), ()):
                    d = haversine_km(lat, lon, plat, plon)
                    if d < best_d:
                        best, best_d = (a1, a2), d
        return best

    def close(self) -> None:
        self.conn.close()


def _geonames_lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise DataFileError(Messages.E013.format(path=str(path), detail="the zip holds no .txt GeoNames dump"))
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as f:
        yield from f


def _write(rows: list[PlaceRow], db_path: Path, kind: str, skipped: int) -> ImportResult:
    conn = connect_writable(db_path)
    try:
        with conn:
            written = write_rows(conn, rows)
            write_country_keys(conn)
    finally:
        conn.close()
    log.info("imported %d places (%s) into %s, skipped %d", written, kind, db_path, skipped)
    return ImportResult(db_path=db_path, places=written, skipped=skipped, kind=kind)


def import_geonames_dump(path: Path | str, db_path: Path | str | None = None) -> ImportResult:
    """Load a GeoNames country dump (19-column TSV such as SY.txt, or its zip) into a user gazetteer."""
    path, target = Path(path), Path(db_path) if db_path else default_user_db_path()
    if not path.is_file():
        raise DataFileError(Messages.E013.format(path=str(path), detail="no such file"))
    admins = _BundleAdmins()
    rows: list[PlaceRow] = []
    skipped = 0
    try:
        for n, line in enumerate(_geonames_lines(path), start=1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != _GEONAMES_COLUMNS:
                if line.strip():
                    raise DataFileError(Messages.E013.format(
                        path=str(path), detail=f"line {n} has {len(cells)} tab-separated columns, a GeoNames dump has 19"))
                continue
            if cells[6] not in _GEONAMES_CLASSES:
                skipped += 1
                continue
            try:
                gid, lat, lon = int(cells[0]), float(cells[4]), float(cells[5])
            except ValueError as e:
                raise DataFileError(Messages.E013.format(path=str(path), detail=f"line {n}: {e}")) from e
            cc = cells[8] or None
            names = tuple(n for n in (cells[2], *cells[3].split(",")) if n)
            row = PlaceRow(
                name=cells[1], lat=lat, lon=lon, country_code=cc, source="geonames-import", names=names,
                geonameid=gid, feature_code=cells[7] or None, population=int(cells[14] or 0),
            )
            admin = admins.by_geonameid(gid) or (admins.nearest(cc, lat, lon) if cc else None)
            if admin:
                row = replace(row, admin1=admin[0], admin2=admin[1])
            rows.append(row)
    finally:
        admins.close()
    return _write(rows, target, "geonames", skipped)


def import_ocha_pcodes(path: Path | str, db_path: Path | str | None = None) -> ImportResult:
    """Load an OCHA P-coded places CSV (communities and neighbourhoods) into a user gazetteer."""
    path, target = Path(path), Path(db_path) if db_path else default_user_db_path()
    if not path.is_file():
        raise DataFileError(Messages.E013.format(path=str(path), detail="no such file"))
    admins = _BundleAdmins()
    rows: list[PlaceRow] = []
    skipped = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in _OCHA_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise DataFileError(Messages.E013.format(path=str(path), detail=f"missing OCHA columns {missing}"))
            for rec in reader:
                code = _OCHA_KINDS.get(rec["kind"])
                # Admin rows carry the point of one of their communities, not a centroid: skip them.
                if code is None or not rec["latitude"]:
                    skipped += 1
                    continue
                lat, lon = float(rec["latitude"]), float(rec["longitude"])
                # OCHA admin P-codes start with the ISO country code (SY02...).
                cc = (rec.get("admin1_pcode") or "")[:2] or None
                name = rec["name_en"].removesuffix(" (ne)").strip()
                admin_pcodes = {f"admin{i}": rec[f"admin{i}_pcode"] for i in (1, 2, 3) if rec.get(f"admin{i}_pcode")}
                admin_pcodes["admin4"] = rec["pcode"]
                admin = admins.nearest(cc, lat, lon) if cc else None
                rows.append(PlaceRow(
                    name=name, lat=lat, lon=lon, country_code=cc, source="ocha-import",
                    names=tuple(n for n in (rec["name_ar"],) if n), feature_code=code, pcode=rec["pcode"],
                    admin1=admin[0] if admin else rec["admin1_name_en"] or None,
                    admin2=admin[1] if admin else rec.get("admin2_name_en") or None, admin_pcodes=admin_pcodes,
                ))
    finally:
        admins.close()
    return _write(rows, target, "ocha", skipped)
