"""Candidate search in one gazetteer file: exact normalised-key match, then fuzzy within countries.

The fuzzy pass compares keys with rapidfuzz's ratio, only against the keys of the countries in focus
and only those of a similar length, so a look-up stays in the low milliseconds on the full bundle.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from frontwatch.resolve.gazetteer.normalise import skeleton, surface_key

log = logging.getLogger(__name__)

# Keys this much shorter or longer than the query cannot reach a ratio of 80 anyway.
_LENGTH_SLACK = 0.3
# An exact key shared by more places than this (a generic word) returns only the most populous.
_EXACT_LIMIT = 200
# A skeleton shorter than this ("nbl") matches too many unrelated keys to be evidence.
_MIN_SKELETON = 4
# Keys shorter than this are not searched fuzzily: one letter off is a different name ("etat" / "tat").
_MIN_FUZZY_KEY = 5
# Answers an immutable file keeps (exact and fuzzy queries); most hold a few candidates (at most 200).
_MEMO_SIZE = 4096
# An alternate name of two to four capitals is a code (GeoNames lists airports' IATA codes among a city's names:
# "SIA" for Xi'an, "ARU" for Araçatuba): it names the place only where the text writes the name in capitals too.
_CODE = re.compile(r"[A-Z]{2,4}")
# The last Latin code point (Latin Extended-B) and the Latin Extended Additional block ("Ḩamāh")
_LATIN_END = 0x24F
_LATIN_ADDITIONAL = range(0x1E00, 0x1F00)

_SELECT = (
    "SELECT p.id, p.geonameid, p.name, p.country_code, c.name, a.admin1, a.admin2, p.lat_e5, p.lon_e5,"
    " p.feature_code, coalesce(p.population, 0), s.name, p.pcode, p.admin_pcodes"
    " FROM places p LEFT JOIN countries c ON c.code = p.country_code"
    " LEFT JOIN admins a ON a.id = p.admin_id LEFT JOIN sources s ON s.id = p.source_id"
)


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry that a name may refer to, with how well the name matched it."""

    place_id: int
    name: str
    latitude: float
    longitude: float
    country_code: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str | None
    population: int
    source: str
    geonameid: int | None = None
    pcode: str | None = None
    admin_pcodes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    matched: str = ""  # the name or key that matched
    similarity: float = 0.0  # 0-100, rapidfuzz ratio between normalised keys (100 = same key)
    method: str = "exact"  # exact or fuzzy
    database: str = "bundle"  # bundle, or the path of a user gazetteer
    primary: bool = False  # the match is on the place's primary name, not an alternate


def usable_name(name: str, capitals: bool) -> bool:
    """Whether a place's alternate ``name`` may match a name written in the text (``capitals``: written in capitals).
    Left out: a code (``_CODE``) unless the text writes capitals, and a Latin name without a capital letter or one
    mixing the Latin script with another, which the sources hold only as machine romanisations of other scripts
    ("jia bei si" for Gabès, "kailo" for Cairo, "pyrs" for Paris, "beል viል" for Bell Ville), never as a name anyone
    writes. The primary name ("") always may."""
    if not name:
        return True
    if _CODE.fullmatch(name):
        return capitals
    letters = [ch for ch in name if ch.isalpha()]
    latin = [ch for ch in letters if ord(ch) <= _LATIN_END or ord(ch) in _LATIN_ADDITIONAL]
    return not latin or (len(latin) == len(letters) and any(ch.isupper() for ch in latin))


def similarity(key_similarity: float, surface: str, matched: str) -> float:
    """0-100: mostly how close the normalised keys are, partly how close the spellings are.

    Two spellings with one key (Gaza / Giza after vowel folding) are told apart by the surface part.
    """
    surface_sim = fuzz.ratio(surface, surface_key(matched)) if surface else key_similarity
    return round(0.7 * key_similarity + 0.3 * surface_sim, 2)


@dataclass(frozen=True)
class _CountryKeys:
    by_length: dict[int, list[str]]
    by_skeleton: dict[str, list[str]]


class GazetteerFile:
    """A read-only view of one gazetteer SQLite file (the bundle or a user import)."""

    def __init__(self, path: Path, label: str, *, immutable: bool = False) -> None:
        self.path = path
        self.label = label
        mode = "ro&immutable=1" if immutable else "ro"
        self.conn = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, check_same_thread=False)
        self._country_keys: dict[str, dict[int, list[str]]] = {}
        # An immutable file answers a query the same way every time: answers are kept (names recur across
        # reports of one war); a user file may be written to by an import, so it is always asked afresh.
        self._memo: dict[tuple, tuple[Candidate, ...]] | None = {} if immutable else None

    @property
    def immutable(self) -> bool:
        """Whether the file was opened as one that never changes (its answers may be kept)."""
        return self._memo is not None

    def _remembered(self, query: tuple, compute) -> list[Candidate]:
        """``compute()``'s answer, kept for ``query`` when the file is immutable (bounded: cleared when full)."""
        if self._memo is None:
            return compute()
        hit = self._memo.get(query)
        if hit is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[query] = tuple(compute())
        return list(hit)

    def _rows(self, where: str, params: tuple) -> list[tuple]:
        return self.conn.execute(f"{_SELECT} WHERE {where}", params).fetchall()

    def _candidate(self, row: tuple, matched: str, similarity: float, method: str, primary: bool = False) -> Candidate:
        return Candidate(
            place_id=row[0], geonameid=row[1], name=row[2], country_code=row[3], country=row[4],
            admin1=row[5], admin2=row[6], latitude=row[7] / 1e5, longitude=row[8] / 1e5, feature_code=row[9],
            population=row[10], source=row[11], pcode=row[12], admin_pcodes=json.loads(row[13]) if row[13] else {},
            matched=matched, similarity=similarity, method=method, database=self.label, primary=primary,
        )

    def seats(self, country: str, admin1: str) -> list[Candidate]:
        """The places of a province marked as its seat or as the country's capital (GeoNames PPLA, PPLC)."""
        return self._remembered(("seats", country, admin1), lambda: [
            self._candidate(row, "", 0.0, "seat") for row in self._rows(
                "c.name = ? AND a.admin1 = ? AND p.feature_code IN ('PPLA', 'PPLC')", (country, admin1))])

    def exact(self, key: str, surface: str, countries: frozenset[str] | None = None,
              capitals: bool = False) -> list[Candidate]:
        """Every place one of whose names has exactly this key (within ``countries`` when given; ``usable_name``
        tells which names may match a name written in capitals or not, ``capitals``)."""
        return self._remembered(("exact", key, surface, countries, capitals),
                                lambda: self._exact(key, surface, countries, capitals))

    def _exact(self, key: str, surface: str, countries: frozenset[str] | None, capitals: bool) -> list[Candidate]:
        matched: dict[int, list[str | None]] = defaultdict(list)
        for pid, name in self.conn.execute("SELECT place_id, name FROM names WHERE key = ?", (key,)):
            if usable_name(name, capitals):
                matched[pid].append(name or None)
        return self._by_ids(matched, {pid: 100.0 for pid in matched}, "exact", surface, countries)

    def _by_ids(self, matched: dict[int, list[str | None]], key_sims: dict[int, float], method: str, surface: str,
                countries: frozenset[str] | None) -> list[Candidate]:
        """Candidates for place ids, each scored on the spelling of its (None: primary) that is closest."""
        if not matched:
            return []
        out = []
        ids = list(matched)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self._rows(f"p.id IN ({','.join('?' * len(chunk))})", tuple(chunk))
            for row in rows:
                if countries and row[3] not in countries:
                    continue
                names = matched[row[0]]
                sim, name = max(((similarity(key_sims[row[0]], surface, n or row[2]), n) for n in names),
                                key=lambda t: (t[0], t[1] is None))
                # Primary when the key is the primary name's, whichever of its spellings was closest.
                out.append(self._candidate(row, name or row[2], sim, method, primary=None in names))
        out.sort(key=lambda c: (-c.similarity, -c.population))
        return out[:_EXACT_LIMIT]

    def country_keys(self, cc: str) -> _CountryKeys:
        """The distinct name keys of one country, by length and by skeleton (loaded once, then cached)."""
        if cc not in self._country_keys:
            row = self.conn.execute("SELECT keys FROM country_keys WHERE country_code = ?", (cc,)).fetchone()
            keys = zlib.decompress(row[0]).decode("utf-8").split("\n") if row else []
            by_len: dict[int, list[str]] = defaultdict(list)
            by_skeleton: dict[str, list[str]] = defaultdict(list)
            for key in keys:
                by_len[len(key)].append(key)
                by_skeleton[skeleton(key)].append(key)
            self._country_keys[cc] = _CountryKeys(dict(by_len), dict(by_skeleton))
        return self._country_keys[cc]

    def fuzzy(self, key: str, surface: str, countries: frozenset[str], min_similarity: float, limit: int = 8,
              capitals: bool = False) -> list[Candidate]:
        """Places in ``countries`` whose key is close to ``key`` (rapidfuzz ratio, or same consonant skeleton;
        ``capitals`` as for ``exact``)."""
        if len(key) < _MIN_FUZZY_KEY or not countries:
            return []
        return self._remembered(("fuzzy", key, surface, countries, min_similarity, limit, capitals),
                                lambda: self._fuzzy(key, surface, countries, min_similarity, limit, capitals))

    def _fuzzy(self, key: str, surface: str, countries: frozenset[str], min_similarity: float, limit: int,
               capitals: bool) -> list[Candidate]:
        lo, hi = int(len(key) * (1 - _LENGTH_SLACK)), int(len(key) * (1 + _LENGTH_SLACK)) + 1
        pool: list[str] = []
        scores: dict[str, float] = {}
        bones = skeleton(key)
        for cc in sorted(countries):
            index = self.country_keys(cc)
            for length in range(max(1, lo), hi + 1):
                pool.extend(index.by_length.get(length, ()))
            if len(bones) >= _MIN_SKELETON:
                # Same consonants, other vowels (Sfuhen / Safuhun): half-way between the ratio and a match.
                for other in index.by_skeleton.get(bones, ()):
                    scores[other] = max(scores.get(other, 0.0), (fuzz.ratio(key, other) + 100) / 2)
        for other, score, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=min_similarity, limit=limit * 3):
            scores[other] = max(scores.get(other, 0.0), float(score))
        matched: dict[int, list[str | None]] = {}
        sims: dict[int, float] = {}
        for other, score in sorted(scores.items(), key=lambda kv: -kv[1])[: limit * 3]:
            if other == key or score < min_similarity:
                continue
            for pid, name in self.conn.execute("SELECT place_id, name FROM names WHERE key = ?", (other,)):
                if not usable_name(name, capitals):
                    continue
                if pid not in sims or sims[pid] < score:
                    matched[pid], sims[pid] = [name or None], score
                elif sims[pid] == score:
                    matched[pid].append(name or None)
        return self._by_ids(matched, sims, "fuzzy", surface, countries)[: limit * 4]

    def admin_pcodes(self, pcode: str) -> dict[str, str]:
        """The admin-chain P-codes stored with the place of this P-code, or {}."""
        row = self.conn.execute("SELECT admin_pcodes FROM places WHERE pcode = ? LIMIT 1", (pcode,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
