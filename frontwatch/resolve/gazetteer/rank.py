"""Rank a name's candidates with the article's context, or answer "none of these".

Score = name similarity + country focus + admin match + proximity to the article's other places and to
the point a relative phrase gives + feature type + population; every weight is a constant below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from frontwatch.data import read_tsv_dicts
from frontwatch.resolve.gazetteer.build import haversine_km
from frontwatch.resolve.gazetteer.normalise import normalise
from frontwatch.resolve.gazetteer.search import Candidate

# Weights, in the units of the name similarity (0-100). Chosen on eval/geocoding/toponyms.tsv: each is
# the smallest that makes its kind of context decide between homonyms without outweighing a name.
W_COUNTRY = 15.0  # place in the article's focus country (scaled by the country's weight)
W_OFF_COUNTRY = -12.0  # a focus is known and the place lies outside it (a country itself is exempt)
W_ADMIN = 12.0  # the province or district named nearby contains the place
W_NEAR_POINTS = 12.0  # within 25 km of another place of the article (x1.5 within 10 km, x0.5 within 75 km)
W_COUNTRY_NAME = 30.0  # the name is a country's own name ("Syrie", "Russie"): countries are unambiguous
W_RELATIVE = 25.0  # within the tolerance of the point a relative phrase gives
W_RELATIVE_MISS = -15.0  # far from that point
W_TYPE = 10.0  # feature code fits the type word ("village", "aéroport")
W_TYPE_EXCLUDED = -1000.0  # a town for a river or an island: never that place
W_TYPE_MISS = -10.0  # an airport/province for a village, a village for a province
W_ADMIN_BARE = -3.0  # a bare name is a town before it is the province of the same name
W_ABANDONED = -5.0  # GeoNames PPLQ
W_PRIMARY = 3.0  # matched the primary name, not an alternate (WOF alternates carry a few wrong labels)
COUNTRY_NAME_SIMILARITY = 95.0  # how exactly a name must match a country's to count as naming it
FUZZY_FOCUS_SHARE = 0.5  # fuzzy search covers the countries with at least this share of the focus
W_POPULATION = 2.0  # per decade of population, capped below: a bare "Hama" is the city of 460,000
POPULATION_CAP = 12.0
WELL_KNOWN_POPULATION = 100_000  # an exact name of a city this large pays no penalty for lying outside the focus


@dataclass(frozen=True)
class PlaceContext:
    """What the article says around a mention, for ranking its candidates."""

    countries: tuple[tuple[str, float], ...] = ()  # (ISO code, weight 0-1), the article's country focus
    admin_names: tuple[str, ...] = ()  # provinces / districts named nearby ("campagne d'Idleb")
    points: tuple[tuple[float, float], ...] = ()  # other places already resolved in the article
    expected: tuple[tuple[float, float, float], ...] = ()  # (lat, lon, tolerance km) from relative phrases
    type_hint: str | None = None  # a row of data/gazetteer/feature_types.tsv: village, town, airport...
    lang: str = "fr"
    # The text marks the name as a place (type word, locative cue, relative phrase): near spellings and
    # the province fallback are allowed. A bare NER hit must match a name closely, or nothing.
    marked: bool = True

    def country_codes(self) -> frozenset[str]:
        """The ISO codes of the focus countries."""
        return frozenset(cc for cc, _ in self.countries)

    def fuzzy_countries(self) -> frozenset[str]:
        """The main focus countries (weight at least half the top one), where near spellings are sought."""
        if not self.countries:
            return frozenset()
        top = max(w for _, w in self.countries) or 1.0
        return frozenset(cc for cc, w in self.countries if w >= FUZZY_FOCUS_SHARE * top)


@dataclass(frozen=True)
class Scored:
    """A candidate with its total score and the reasons that make it up."""

    candidate: Candidate
    score: float
    reasons: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class FeatureType:
    """A place-type hint: the feature codes that fit it and the ACLED precision of such a place."""

    name: str
    feature_codes: frozenset[str]
    precision: int
    exclusive: bool = False  # a place of another feature code is never the one named ("l'île du Dniepr")


@lru_cache(maxsize=1)
def feature_types() -> dict[str, FeatureType]:
    """The type hints of ``data/gazetteer/feature_types.tsv`` by name."""
    return {
        row["type"]: FeatureType(row["type"], frozenset(row["feature_codes"].split("|")), int(row["precision"]),
                                 row.get("exclusive") == "1")
        for row in read_tsv_dicts("gazetteer", "feature_types.tsv")
    }


COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLS", "TERR"})  # GeoNames feature codes of countries and territories
ADM1_CODES = frozenset({"ADM1", "ADM1H"})  # of provinces
ADM2_CODES = frozenset({"ADM2", "ADM2H", "ADM3"})  # of districts
ADMIN_CODES = ADM1_CODES | ADM2_CODES | COUNTRY_CODES
REGION_CODES = frozenset({"RGN"})  # a named region no admin table holds ("la Ghouta orientale"): precision 3
SITE_CODES = frozenset({"AIRB", "AIRF", "AIRH", "AIRP", "MILB", "INSM", "PSTB", "PSTC", "CMPRF"})


def precision_of(feature_code: str | None) -> int:
    """ACLED geo_precision of a place of this feature code (3 province or country, 2 district, else 1)."""
    for ftype in feature_types().values():
        if feature_code in ftype.feature_codes and feature_code in ADMIN_CODES | REGION_CODES:
            return ftype.precision
    return 1


def _admin_match(candidate: Candidate, admin_keys: frozenset[str]) -> bool:
    for name in (candidate.admin1, candidate.admin2):
        if name and normalise(name) in admin_keys:
            return True
    return False


def _well_known(candidate: Candidate, context: PlaceContext) -> bool:
    """A city spelt as written and populous enough to be named abroad for itself ("un sommet à Genève", "basé à
    New York"): lying outside the article's countries is no evidence against it when the text marks the name as a
    place or the name is the city's own (not one of the alternates, where a few wrong labels hide: "Var")."""
    return (candidate.similarity >= 100 and candidate.population >= WELL_KNOWN_POPULATION
            and (context.marked or candidate.primary))


# Feature codes of areas and sites: a type word asking for one of them, or a candidate that is one, misses a town's.
_AREA_OR_SITE_CODES = ADMIN_CODES | REGION_CODES | SITE_CODES
# Co-mentioned places further than this give no proximity bonus (the widest band of ``score``).
_NEAR_POINTS_KM = 75.0
# Kilometres in one degree of latitude on the sphere ``haversine_km`` uses: a latitude difference alone bounds
# the distance from below, so a point that far in latitude needs no great-circle formula (1 km of margin).
_KM_PER_DEGREE = 6371.0 * math.pi / 180


@dataclass(frozen=True)
class _ContextTerms:
    """What one context makes of every candidate, worked out once per ranking instead of once per candidate."""

    weights: dict[str, float]  # country focus: ISO code -> weight
    top_weight: float
    ftype: FeatureType | None  # the type word's row, if any
    ftype_areas: bool  # the type word asks for an area or a site only

    @classmethod
    def of(cls, context: PlaceContext) -> _ContextTerms:
        weights = dict(context.countries)
        ftype = feature_types().get(context.type_hint or "")
        return cls(weights, (max(weights.values()) or 1.0) if weights else 1.0, ftype,
                   ftype is not None and ftype.feature_codes <= _AREA_OR_SITE_CODES)


def _nearest_point_km(candidate: Candidate, points: tuple[tuple[float, float], ...]) -> float | None:
    """The distance to the nearest co-mentioned place when one lies within ``_NEAR_POINTS_KM``, else None."""
    reach = (_NEAR_POINTS_KM + 1.0) / _KM_PER_DEGREE
    near = [haversine_km(candidate.latitude, candidate.longitude, lat, lon) for lat, lon in points
            if abs(lat - candidate.latitude) <= reach]
    d = min(near, default=None)
    return d if d is not None and d < _NEAR_POINTS_KM else None


def score(candidate: Candidate, context: PlaceContext, admin_keys: frozenset[str],
          terms: _ContextTerms | None = None) -> Scored:
    """The total score of one candidate in context, with its reasons (``terms``: the context's, when a ranking
    worked them out already)."""
    terms = terms or _ContextTerms.of(context)
    total = candidate.similarity
    reasons = [f"name {candidate.similarity:.0f} ({candidate.method})"]
    weights = terms.weights
    if weights:
        if candidate.country_code in weights:
            total += W_COUNTRY * weights[candidate.country_code] / terms.top_weight
            reasons.append("country focus")
        elif candidate.feature_code not in COUNTRY_CODES and not _well_known(candidate, context):
            total += W_OFF_COUNTRY
            reasons.append("outside focus")
    if admin_keys and _admin_match(candidate, admin_keys):
        total += W_ADMIN
        reasons.append("admin named nearby")
    d = _nearest_point_km(candidate, context.points) if context.points else None
    if d is not None:
        if d < 10:
            total += 1.5 * W_NEAR_POINTS
        elif d < 25:
            total += W_NEAR_POINTS
        else:
            total += W_NEAR_POINTS / 2
        reasons.append(f"{d:.0f} km from a co-mentioned place")
    for lat, lon, tolerance in context.expected:
        d = haversine_km(candidate.latitude, candidate.longitude, lat, lon)
        if d <= tolerance:
            total += W_RELATIVE
            reasons.append(f"{d:.1f} km from the relative position")
        elif d > 3 * tolerance:
            total += W_RELATIVE_MISS
    ftype = terms.ftype
    code = candidate.feature_code or "PPL"
    if ftype is not None:
        if code in ftype.feature_codes:
            total += W_TYPE
            reasons.append(f"type {ftype.name}")
        elif ftype.exclusive:
            total += W_TYPE_EXCLUDED
        elif code in _AREA_OR_SITE_CODES or terms.ftype_areas:
            total += W_TYPE_MISS
    elif code in ADMIN_CODES and code not in COUNTRY_CODES:
        total += W_ADMIN_BARE
    if code in COUNTRY_CODES and candidate.similarity >= COUNTRY_NAME_SIMILARITY:
        total += W_COUNTRY_NAME
        reasons.append("country name")
    if candidate.primary:
        total += W_PRIMARY
    if code == "PPLQ":
        total += W_ABANDONED
    total += population_weight(candidate.population)
    return Scored(candidate, round(total, 2), tuple(reasons))


def population_weight(population: int) -> float:
    """What a place's size adds to its score: ``W_POPULATION`` per decade, capped; 0 when unknown."""
    return min(POPULATION_CAP, W_POPULATION * math.log10(population)) if population > 0 else 0.0


def rank(candidates: list[Candidate], context: PlaceContext) -> list[Scored]:
    """Candidates scored in context, best first."""
    admin_keys = frozenset(k for k in (normalise(n, context.lang) for n in context.admin_names) if k)
    terms = _ContextTerms.of(context)
    scored = [score(c, context, admin_keys, terms) for c in candidates]
    scored.sort(key=lambda s: (-s.score, -s.candidate.population, s.candidate.place_id))
    return scored
