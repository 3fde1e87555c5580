"""The Gazetteer: the bundled places plus any user imports, searched and resolved in context."""

from __future__ import annotations

import hashlib
import logging
import lzma
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from frontwatch.data import data_path
from frontwatch.errors import DataFileError, Messages
from frontwatch.records import Place
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.resolve.gazetteer.normalise import normalise, surface_key
from frontwatch.resolve.gazetteer.rank import ADM1_CODES, ADM2_CODES, PlaceContext, Scored, precision_of, rank
from frontwatch.resolve.gazetteer.search import Candidate, GazetteerFile
from frontwatch.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

# Two top candidates closer in score than this, and further apart than AMBIGUOUS_KM, are a coin toss.
AMBIGUOUS_MARGIN = 3.0
AMBIGUOUS_KM = 25.0
# "la province de Lahj": a town this alike in name to its province stands for it when the text asks a province.
SEAT_NAME_SIMILARITY = 80
# "la région de Tessalit": a district named after its town has that town within this distance of its centroid.
DISTRICT_SEAT_KM = 60.0
# A city this populous, ten times the size of a homonym scored as high, is no coin toss with it.
DOMINANT_POPULATION = 100_000
DOMINANT_RATIO = 10
# A name spelt as written outranks a near spelling scored below this (a letter off: "Tuomor" for "Toumour"); one
# that differs by its article only ("Za`faranah" beside "Az Za`faranah") scores above and stays a rival.
OUTSPELT_SIMILARITY = 98.0
# A user-imported place (OCHA, GeoNames dump) within this distance of the chosen one lends its P-code.
PCODE_KM = 3.0
# What a name below geocode_min_score must make up in context, on top of geocode_min_total.
WEAK_NAME_EXTRA = 15.0
# Resolutions a Gazetteer keeps (one Place each).
_RESOLVED_SIZE = 20_000


def bundle_path() -> Path:
    """The bundled gazetteer as a SQLite file: ``places.sqlite`` if present, else ``places.sqlite.xz``
    unpacked once into the user cache (keyed by its hash, so a new bundle is unpacked again)."""
    plain = Path(str(data_path("gazetteer", "places.sqlite")))
    if plain.is_file():
        return plain
    packed = Path(str(data_path("gazetteer", "places.sqlite.xz")))
    if not packed.is_file():
        raise DataFileError(Messages.E013.format(path=str(packed), detail="the gazetteer bundle is missing; run scripts/build_gazetteer.py"))
    digest = hashlib.sha1(packed.read_bytes()).hexdigest()[:16]
    for folder in _cache_dirs():
        target = folder / f"places-{digest}.sqlite"
        if target.is_file():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as tmp:
                with lzma.open(packed, "rb") as src:
                    shutil.copyfileobj(src, tmp, 1 << 20)
            os.replace(tmp.name, target)
            log.info("unpacked the gazetteer bundle to %s", target)
            return target
        except OSError as e:
            log.warning("cannot unpack the gazetteer into %s: %s", folder, e)
    raise DataFileError(Messages.E013.format(path=str(packed), detail="no writable cache folder to unpack it into; set FRONTWATCH_CACHE"))


def _cache_dirs() -> list[Path]:
    env = os.environ.get("FRONTWATCH_CACHE")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    dirs = [Path(env)] if env else []
    return [*dirs, base / "frontwatch", Path(tempfile.gettempdir()) / f"frontwatch-{os.getuid() if hasattr(os, 'getuid') else 0}"]


def default_user_db_path() -> Path:
    """The user gazetteer that imports write to: $FRONTWATCH_GAZETTEER, else the XDG data dir."""
    env = os.environ.get("FRONTWATCH_GAZETTEER")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "frontwatch" / "gazetteer.sqlite"


class Gazetteer:
    """Place look-up over the bundle and user gazetteers: ``search`` for candidates, ``resolve`` for one Place."""

    def __init__(self, bundle: Path | None = None, user_dbs: tuple[Path, ...] = (), settings: Settings = SETTINGS) -> None:
        path = bundle or bundle_path()
        if not path.is_file():
            raise DataFileError(Messages.E013.format(path=str(path), detail="no such gazetteer file"))
        self.settings = settings
        self.files: list[GazetteerFile] = [GazetteerFile(p, str(p)) for p in user_dbs if p.is_file()]
        self.files.append(GazetteerFile(path, "bundle", immutable=True))
        # Resolutions kept by (name, context) while every file is immutable: a name told again with the same
        # context resolves the same way (bounded like the files' own memos).
        self._resolved: dict[tuple[str, PlaceContext], tuple[Place | None, int]] | None = (
            {} if all(f.immutable for f in self.files) else None
        )
        # Searches kept likewise by (name, countries, language, fuzzy): a name is searched again by each step that
        # reads it (the article's focus, ranking in each context, a province's seat), and its answer is the same.
        self._searched: dict[tuple, tuple[Candidate, ...]] | None = {} if self._resolved is not None else None

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer: the bundle plus the default user gazetteer when it exists."""
        return cls(user_dbs=(default_user_db_path(),))

    def village_countries(self) -> frozenset[str]:
        """ISO codes of the countries the bundle knows down to villages (Who's On First localities); elsewhere it
        holds towns of 500 people or more only (the bundle's ``meta`` table)."""
        row = self.files[-1].conn.execute("SELECT value FROM meta WHERE key = 'wof_countries'").fetchone()
        return frozenset(c for c in (row[0] if row else "").split(",") if c)

    def search(self, name: str, countries: frozenset[str] | None = None, lang: str = "fr",
               fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a name: exact key matches anywhere, then, when none lies in ``countries`` and none is a
        known city, fuzzy ones within ``countries``."""
        if self._searched is None or not (countries is None or isinstance(countries, frozenset)):
            return self._search(name, countries, lang, fuzzy)
        query = (name, countries, lang, fuzzy)
        hit = self._searched.get(query)
        if hit is None:
            if len(self._searched) >= _RESOLVED_SIZE:
                self._searched.clear()
            hit = self._searched[query] = tuple(self._search(name, countries, lang, fuzzy))
        return list(hit)

    def _search(self, name: str, countries: frozenset[str] | None, lang: str, fuzzy: bool) -> list[Candidate]:
        key, surface = normalise(name, lang), surface_key(name, lang)
        if not key:
            return []
        found: list[Candidate] = []
        capitals = name.isupper()
        for gfile in self.files:
            found.extend(gfile.exact(key, surface, capitals=capitals))
        in_focus = [c for c in found if not countries or c.country_code in countries]
        known = any(c.population >= self.settings.geocode_known_city_population for c in found)
        if fuzzy and countries and not in_focus and not known:
            for gfile in self.files:
                found.extend(gfile.fuzzy(key, surface, countries, self.settings.geocode_fuzzy_floor, capitals=capitals))
        return _dedupe(found)

    def rank(self, name: str, context: PlaceContext | None = None) -> list[Scored]:
        """Every candidate for ``name`` scored in ``context``, best first."""
        context = context or PlaceContext()
        found = self.search(name, context.fuzzy_countries() or None, context.lang, fuzzy=context.marked)
        return rank(found, context)

    def resolve(self, name: str, context: PlaceContext | None = None) -> Place | None:
        """The place ``name`` most likely denotes in ``context``; an admin fallback or None when unsure."""
        return self.resolve_with_population(name, context)[0]

    def resolve_with_population(self, name: str, context: PlaceContext | None = None) -> tuple[Place | None, int]:
        """``resolve``, plus the population of the chosen place (0 when unknown), for sizing a town."""
        context = context or PlaceContext()
        if self._resolved is None:
            return self._resolve_with_population(name, context)
        hit = self._resolved.get((name, context))
        if hit is None:
            if len(self._resolved) >= _RESOLVED_SIZE:
                self._resolved.clear()
            hit = self._resolved[(name, context)] = self._resolve_with_population(name, context)
        return hit

    def _resolve_with_population(self, name: str, context: PlaceContext) -> tuple[Place | None, int]:
        ranked = self.rank(name, context)
        # A near spelling the context favours but cannot vouch for neither wins nor rivals a name spelt as written
        usable = [s for s in ranked if self._acceptable(s, context)]
        best = usable[0] if usable else None
        if best is not None:
            close = [s for s in usable[1:] if best.score - s.score < AMBIGUOUS_MARGIN
                     and _km(s.candidate, best.candidate) > AMBIGUOUS_KM]
            towns = [s for s in [best, *close] if _district_town(s.candidate, context.lang)]
            if close and len(towns) == 1 and all(s.candidate.country_code == towns[0].candidate.country_code
                                                 and s.candidate.similarity <= towns[0].candidate.similarity
                                                 for s in [best, *close]):  # "Balcad": the town that names its district, not a hamlet elsewhere
                best, close = towns[0], []
            rival = _rival(best, close)
            if rival is None:
                area = self._area_of_seat(best.candidate, name, context)
                if area is not None:
                    return area, 0
                place = self._place(best.candidate, best.score, best.candidate.method, name, ranked)
                return place, best.candidate.population
            shared = _shared_admin(best.candidate, rival.candidate)
            log.debug("%r is ambiguous between %s and %s", name, best.candidate.name, rival.candidate.name)
            if shared is not None:
                fallback = self.admin_area(shared[0], shared[1], best.candidate.country_code)
                if fallback is not None:
                    return _with(fallback, method="ambiguous_admin_fallback", mention=name, score=best.score), 0
        return self.fallback(name, context, ranked), 0

    def reading_where(self, name: str, context: PlaceContext, keep: Callable[[Place], bool],
                      similarity: float | None = None) -> Place | None:
        """The best reading of ``name`` spelt about as written (no weaker near spelling; at least ``similarity`` when
        given) that the context could accept and ``keep`` accepts: what the text may still choose when it says more
        than the ranking knew ("Ras al-Ain (Al-Hasakeh)": the one of that province). None when another such reading,
        as likely, lies elsewhere."""
        ranked = self.rank(name, context)
        floor = self.settings.geocode_min_score if similarity is None else similarity
        kept = [(s, place) for s in ranked if s.candidate.similarity >= floor and self._acceptable(s, context)
                and keep(place := self._place(s.candidate, s.score, s.candidate.method, name, ranked))]
        if not kept:
            return None
        best = kept[0][0]
        close = [s for s, _ in kept[1:]
                 if best.score - s.score < AMBIGUOUS_MARGIN and _km(s.candidate, best.candidate) > AMBIGUOUS_KM]
        return kept[0][1] if _rival(best, close) is None else None

    def _acceptable(self, best: Scored, context: PlaceContext) -> bool:
        c = best.candidate
        if not context.marked and c.similarity < self.settings.geocode_unmarked_min_score:
            return False
        if c.similarity >= self.settings.geocode_min_score:
            return best.score >= self.settings.geocode_min_total
        # A weaker name needs the context to vouch for it (admin named nearby, relative phrase, neighbours).
        return best.score >= self.settings.geocode_min_total + WEAK_NAME_EXTRA

    def _area_of_seat(self, c: Candidate, name: str, context: PlaceContext) -> Place | None:
        """"la province de Lahj" when the gazetteer knows Lahj only as the town: the province the town is the seat
        of, when its name is the one written (the province row is spelt otherwise, "Lahij")."""
        own = {"admin1": c.admin1, "admin2": c.admin2}.get(context.type_hint or "")
        if not own or c.feature_code in ADM1_CODES | ADM2_CODES or \
                fuzz.ratio(normalise(own, context.lang), normalise(name, context.lang)) < SEAT_NAME_SIMILARITY:
            return None
        area = self.admin_area(c.admin1, c.admin2 if context.type_hint == "admin2" else None, c.country_code)
        return _with(area, method="admin_of_seat", mention=name) if area is not None else None

    def fallback(self, name: str, context: PlaceContext, ranked: list[Scored] | None = None) -> Place | None:
        """The district or province named in the context, as an honest vaguer answer; None without one.

        Only when the name has no candidate in the focus countries or one inside that province: a
        foreign capital named in the same paragraph is not in the province."""
        countries = context.country_codes() or None
        in_focus = [s.candidate for s in ranked or () if not countries or s.candidate.country_code in countries]
        if not in_focus and context.type_hint is None and not context.expected:
            return None  # an unknown name the text does not say is a village, town... may be anything
        admin_keys = {normalise(a, context.lang) for a in context.admin_names}
        if in_focus and not any(
            normalise(c.admin1 or "", context.lang) in admin_keys or normalise(c.admin2 or "", context.lang) in admin_keys
            for c in in_focus
        ):
            return None
        for admin in context.admin_names:
            for codes in (ADM2_CODES, ADM1_CODES):
                hits = [
                    c for c in self.search(admin, countries, context.lang, fuzzy=False)
                    if c.feature_code in codes and (not countries or c.country_code in countries)
                ]
                if hits:
                    hits.sort(key=lambda c: (-(c.country_code in (countries or ())), -c.population))
                    return _with(self._place(hits[0], 0.0, "admin_fallback", name, []), mention=name)
        return None

    def province_seat(self, province: Place, lang: str = "fr") -> Candidate | None:
        """The seat of a province (``province.admin1``), where ACLED puts an event the reports place only in the
        province: the town the gazetteer marks as its seat, else the most populous town named like it ("la province
        d'Idleb": Idlib); None when neither is known (a province named otherwise than its seat and unmarked)."""
        if not province.admin1 or not province.country:
            return None
        marked = [c for gfile in self.files for c in gfile.seats(province.country, province.admin1)]
        named = [c for c in self.search(province.admin1, None, lang, fuzzy=False)
                 if c.country == province.country and c.admin1 == province.admin1
                 and (c.feature_code or "").startswith("PPL")
                 and fuzz.ratio(normalise(c.name, lang), normalise(province.admin1, lang)) >= SEAT_NAME_SIMILARITY]
        return max(marked or named, key=lambda c: c.population, default=None)

    def district_seat(self, district: Place, lang: str = "fr") -> Candidate | None:
        """The town a district is named after ("dans la région de Tessalit": the cercle of Tessalit, whose town is
        where ACLED puts the event), within ``DISTRICT_SEAT_KM`` of its centroid; None when no such town."""
        if not district.country or district.latitude is None or district.longitude is None:
            return None
        named = [c for c in self.search(district.name, None, lang, fuzzy=False)
                 if c.country == district.country and (c.feature_code or "").startswith("PPL")
                 and haversine_km(c.latitude, c.longitude, district.latitude, district.longitude) <= DISTRICT_SEAT_KM]
        return max(named, key=lambda c: c.population, default=None)

    def names_province(self, name: str, town: Place, lang: str = "fr") -> bool:
        """Whether ``name``, written for ``town``, also names the province the town lies in ("Homs", "Deir Ezzor"):
        "al-Qaryatain city in Homs" may mean the province."""
        return bool(town.admin1) and any(c.feature_code in ADM1_CODES and c.admin1 == town.admin1
                                         for c in self.search(name, None, lang, fuzzy=False))

    def admin_area(self, admin1: str | None, admin2: str | None, country_code: str | None) -> Place | None:
        """The ADM2 (precision 2) or ADM1 (precision 3) row with these names, if the gazetteer has it."""
        countries = frozenset({country_code}) if country_code else None
        for name, codes in ((admin2, ADM2_CODES), (admin1, ADM1_CODES)):
            if not name:
                continue
            for c in self.search(name, countries, fuzzy=False):
                if c.feature_code in codes and (codes is ADM1_CODES or c.admin1 == admin1):
                    return self._place(c, 0.0, "admin_fallback", name, [])
        return None

    def _place(self, c: Candidate, score: float, method: str, mention: str, ranked: list[Scored]) -> Place:
        # The same place under the same name from another file (an OCHA import and a GeoNames row a few
        # hundred metres apart) lends what this one lacks: its P-code, or its GeoNames id.
        near = [s.candidate for s in ranked if s.candidate is not c and _km(s.candidate, c) < PCODE_KM]
        pcode = c.pcode or next((o.pcode for o in near if o.pcode), None)
        geonameid = c.geonameid or next((o.geonameid for o in near if o.geonameid), None)
        admin1 = c.admin1 or (c.name if c.feature_code in ADM1_CODES else None)
        return Place(
            name=c.name, latitude=c.latitude, longitude=c.longitude, geo_precision=precision_of(c.feature_code),
            country=c.country, admin1=admin1, admin2=c.admin2, geonameid=geonameid, pcode=pcode,
            method=method, score=round(score, 2), mention=mention, why=_why(c, method, ranked),
        )

    def admin_pcodes(self, pcode: str | None) -> dict[str, str]:
        """The P-codes of a place's admin chain (``admin1``..``admin4``, the last its own), by its P-code;
        empty when no file knows it (the bundle carries none: they come from ``import_ocha_pcodes``)."""
        if not pcode:
            return {}
        for gfile in self.files:
            found = gfile.admin_pcodes(pcode)
            if found:
                return found
        return {}

    def close(self) -> None:
        """Close every file."""
        for gfile in self.files:
            gfile.close()


def _km(a: Candidate, b: Candidate) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _rival(best: Scored, close: list[Scored]) -> Scored | None:
    """The first of the readings as likely as ``best`` and elsewhere (``close``) that ``best`` neither dwarfs nor
    outspells."""
    return next((s for s in close if not _dwarfs(best.candidate, s.candidate)
                 and not _outspells(best.candidate, s.candidate)), None)


def _dwarfs(a: Candidate, b: Candidate) -> bool:
    """A city of ``DOMINANT_POPULATION`` people or more, spelt as written, is what its name means against a place of
    its country a tenth its size ("Khorramabad", the city of 330,000, not the village of 11,000 spelt alike)."""
    return (a.country_code == b.country_code and a.similarity >= 100 and a.similarity >= b.similarity
            and a.population >= DOMINANT_POPULATION
            and a.population >= DOMINANT_RATIO * b.population)


def _outspells(a: Candidate, b: Candidate) -> bool:
    """A town or village spelt as written is what its name means against a near spelling no bigger than it
    ("Toumour", the village of Diffa, not "Tuomor" of a neighbouring country; "Nia Nia", not "Niani"); a region
    named by a common word ("Nord") is no such town."""
    return ((a.feature_code or "PPL").startswith("PPL") and a.similarity >= 100 and b.similarity < OUTSPELT_SIMILARITY
            and a.population >= b.population)


def _district_town(c: Candidate, lang: str) -> bool:
    """A town whose district carries its name: the district's seat."""
    return (c.feature_code or "PPL").startswith("PPL") and bool(c.admin2) and normalise(c.admin2, lang) == normalise(c.name, lang)


def _shared_admin(a: Candidate, b: Candidate) -> tuple[str | None, str | None] | None:
    if a.country_code != b.country_code or not a.admin1 or a.admin1 != b.admin1:
        return None
    return (a.admin1, a.admin2 if a.admin2 == b.admin2 else None)


def _dedupe(found: list[Candidate]) -> list[Candidate]:
    """One candidate per GeoNames id (a user import shadows the bundle), else per place."""
    out: dict[tuple, Candidate] = {}
    for c in found:
        key = ("gn", c.geonameid) if c.geonameid else (c.database, c.place_id)
        if key not in out or c.similarity > out[key].similarity or (c.pcode and not out[key].pcode):
            out[key] = c
    return list(out.values())


def _with(place: Place, **changes) -> Place:
    return replace(place, **changes)


def _why(chosen: Candidate, method: str, ranked: list[Scored]) -> str:
    """Why a name resolved to ``chosen``, for the analyst: how it matched, the reasons of its score, and the best
    other candidate it beat ("exact; country focus SY, type village; 4 candidates, next: Neirab (SY) 95.0")."""
    mine = next((s for s in ranked if s.candidate is chosen), None)
    parts = [method] + ([", ".join(mine.reasons)] if mine is not None and mine.reasons else [])
    others = [s for s in ranked if s.candidate is not chosen]
    if others:
        o = others[0]
        parts.append(f"{len(ranked)} candidates, next: {o.candidate.name} ({o.candidate.country_code}) {o.score:.1f}")
    return "; ".join(parts)
