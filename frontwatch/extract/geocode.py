"""Resolve an article's toponyms jointly (``places.find_place_mentions`` finds them): the article's country focus,
the provinces named near each, the places resolved around it, distance-and-direction phrases ("à 6 kilomètres à
l'ouest de Saraqib"), anaphors ("le village"), one sense per name, and the small places abroad nothing supports.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from frontwatch.extract.draft import country_only
from frontwatch.extract.parties import country_code, state_named
from frontwatch.extract.focus import infer_country_focus
from frontwatch.extract.place_relations import PlaceMention, RelativePosition
from frontwatch.extract.places import COUNTRY_CODES
from frontwatch.records import Place
from frontwatch.resolve.gazetteer import Candidate, Gazetteer, PlaceContext, normalise
from frontwatch.resolve.gazetteer.build import haversine_km

_DEFAULT_KM = 10.0  # "à l'est d'Alep": no distance given; ACLED's "near" is about this
# Places resolved this many characters away or closer (about three sentences) pull a mention's candidates.
_POINT_CHARS = 600
# Provinces named this many characters away or closer (about two sentences) give context to a mention.
_ADMIN_CHARS = 400
# An anaphor ("Le village") refers to the last place of its type named at most this far before it.
_ANAPHOR_CHARS = 600
# A whole-phrase match ("aéroport d'Alep") must clear the acceptance score by this much to win.
_PHRASE_MARGIN = 10.0
# A country focus: "SY", ["SY", "TR"], {"SY": 1.0, "TR": 0.3} or infer_country_focus's ((cc, weight), ...).
FocusLike = Mapping[str, float] | Sequence[str] | Sequence[tuple[str, float]] | str | None
_ABROAD_MIN_POPULATION = 100_000  # a town this large may be named without its country in view
# The areas of a place written in brackets after it start this close after its end ("Tiloa (Ouallam, Tillaberi)").
_AREAS_CHARS = 80
# A place in a district lies this near its centroid at most, one in a town this near its centre (precision 2, 1):
# the half-width of a large district, the outskirts of a city.
_AREA_KM = {2: 75.0, 1: 30.0}
# The name similarity of a reading spelt as written (search.py's 0-100)
_SPELT_AS_WRITTEN = 100.0
_TOWN_PART_KM = 10.0  # a part of a town lies within its limits: the radius of a large city
_TOWN_PART = "neighbourhood"  # the feature type (data/gazetteer/feature_types.tsv) of a part of a town
_AREA_HINTS = ("admin1", "admin2")  # the feature types of a province and a district


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` kilometres from (lat, lon) along ``bearing`` degrees (spherical Earth)."""
    r = km / 6371.0
    b, p1, l1 = math.radians(bearing), math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def _focus_tuple(country_focus: FocusLike) -> tuple[tuple[str, float], ...]:
    if not country_focus:
        return ()
    if isinstance(country_focus, str):
        return ((country_focus.upper(), 1.0),)
    if isinstance(country_focus, Mapping):
        return tuple((cc.upper(), float(w)) for cc, w in country_focus.items())
    return tuple((item.upper(), 1.0) if isinstance(item, str) else (item[0].upper(), float(item[1])) for item in country_focus)


def unsupported_abroad(mention: PlaceMention, place: Place, mentions: Sequence[PlaceMention],
                       parties: frozenset[str] = frozenset(), gazetteer: Gazetteer | None = None, lang: str = "fr") -> bool:
    """Whether ``place`` is a small place in a country that nothing else in the article points to: "le Golan" of an
    article on Israel and Syria is no village of Iran. The article's other place names and its parties' countries
    (``parties``, ISO codes) decide (the name's own candidates vote for their countries, so they are left out); towns of 100,000 people or more, countries and
    places a cue put in a country ("la capitale allemande") stand on their own. When nothing else points anywhere,
    only a place's own name or one spelt as written does, and a near spelling of its name only when no party points
    to another country ("Somali military forces attacked the Daynile district police": no Daniel of the United
    States)."""
    found = _out_of_view(mention, place, mentions, parties, gazetteer, lang)
    if found is None:
        return False
    focus, same = found
    # with no other place pointing anywhere, a name stands alone only when it names the place itself; spelt otherwise
    # than written, only when no party points elsewhere either
    return bool(focus) or not names_itself(same) or (bool(parties) and all(c.similarity < 100 for c in same))


def _out_of_view(mention: PlaceMention, place: Place, mentions: Sequence[PlaceMention], parties: frozenset[str],
                 gazetteer: Gazetteer | None, lang: str) -> tuple[dict[str, float], list[Candidate]] | None:
    """None where ``place`` stands in view: its country is a party's (``parties``) or one the article's other place
    names point to, the phrase says its country, it is a province, or it is a town known abroad (``_known_abroad``).
    Else the other names' country focus and the place's own candidates, for the caller to judge."""
    code = country_code(place.country)
    if code is None or code in parties or mention.country or place.geo_precision == 3:
        return None
    others = [m for m in mentions if m.text != mention.text]
    focus = dict(infer_country_focus(others, gazetteer, lang)) if others else {}
    if code in focus:
        return None
    same = [c for c in (gazetteer or Gazetteer.default()).search(mention.text, None, lang, fuzzy=False)
            if c.geonameid == place.geonameid]
    return None if _known_abroad(same) else (focus, same)


def _known_abroad(same: Sequence[Candidate]) -> bool:
    """Whether a place (its candidates) may be named without its country in view: a town of
    ``_ABROAD_MIN_POPULATION`` people or more, or a country."""
    return any(c.population >= _ABROAD_MIN_POPULATION or c.feature_code in COUNTRY_CODES for c in same)


def reading_of_parties(mention: PlaceMention, place: Place, mentions: Sequence[PlaceMention], parties: frozenset[str],
                       gazetteer: Gazetteer | None = None, lang: str = "fr") -> Place:
    """``place``, or, where it is a small place in a country that neither the article's parties (``parties``, ISO
    codes) nor its other place names point to, the reading of its name in a party's country, spelt as written, when
    one such reading stands out ("JNIM militants attacked ... in Solhan": Burkina Faso's village, not a Turkish one that
    only the name's own candidates put in view). A town known abroad stays ("residents in Niamey ... French forces")."""
    if not parties or _out_of_view(mention, place, mentions, parties, gazetteer, lang) is None:
        return place
    context = PlaceContext(countries=tuple((cc, 1.0) for cc in sorted(parties)), type_hint=mention.type_hint, lang=lang)
    reading = (gazetteer or Gazetteer.default()).reading_where(
        mention.text, context, lambda p: country_code(p.country) in parties, similarity=_SPELT_AS_WRITTEN)
    if reading is None:
        return place
    return replace(reading, method=f"{reading.method}+parties", mention=place.mention,
                   why=f"{reading.why}; the parties' country, not {place.name} ({place.country})")


def names_itself(candidates: Sequence[Candidate]) -> bool:
    """Whether one of a name's candidates is a place's own name or one spelt as written, not only a near spelling of
    another of its names ("l'Assemblée" is no "Assembleia", a Brazilian town's other name)."""
    return any(c.primary or c.similarity >= 100 for c in candidates)


def _tolerance_km(anchor_population: int, rel: RelativePosition) -> float:
    """How far from the computed point the true place may lie: the anchor town's own radius plus a
    share of the stated distance (directions in news copy are to the nearest 45 degrees)."""
    town_radius = min(15.0, 2.0 + math.sqrt(max(anchor_population, 0)) / 100.0)
    distance = rel.distance_km if rel.distance_km is not None else _DEFAULT_KM
    return town_radius + 0.5 * distance + 3.0


def resolve_place_mentions(mentions: Sequence[PlaceMention], *, country_focus: FocusLike = None,
                           gazetteer: Gazetteer | None = None, lang: str = "fr",
                           parties: frozenset[str] | None = None) -> list[tuple[PlaceMention, Place | None]]:
    """Resolve an article's mentions jointly: country focus, provinces named, neighbours, relative phrases. With
    ``parties`` (the ISO codes of the article's parties, the focus being inferred with them), a name is ranked without
    the countries only its own candidates point to, where the parties and the areas named point elsewhere
    (``_focus_without``)."""
    gaz = gazetteer or Gazetteer.default()
    given = list(mentions)
    mentions = _link_anaphors(given)
    focus = _focus_tuple(country_focus) or infer_country_focus(mentions, gaz, lang)
    base = PlaceContext(countries=focus, lang=lang)
    own_focus = {(m.text, m.type_hint is not None): _focus_without(m.text, m.type_hint is not None, mentions, focus,
                                                                   parties, gaz, lang)
                 for m in mentions} if parties is not None else {}
    results: dict[int, tuple[Place | None, int]] = {}
    cache: dict[tuple, tuple[Place | None, int]] = {}

    def context_of(i: int, **context) -> PlaceContext:
        m = mentions[i]
        admin_names = tuple(dict.fromkeys(
            o.text for o in mentions if o.is_admin_context and o is not m and abs(o.start - m.start) <= _ADMIN_CHARS
        ))
        # Near spellings only for names the text itself marks as places (a type word, a cue, a relative phrase).
        marked = m.source == "cue" or bool(m.relations)
        ctx = replace(base, countries=own_focus.get((m.text, m.type_hint is not None), focus), type_hint=m.type_hint,
                      admin_names=admin_names, marked=marked, **context)
        if m.country:  # the phrase says which country: its own, whatever the article's focus
            ctx = replace(ctx, countries=((m.country, 1.0),))
        return ctx

    def resolve(i: int, **context) -> tuple[Place | None, int]:
        m = mentions[i]
        ctx = context_of(i, **context)
        key = (m.text, m.phrase, ctx)
        if key not in cache:
            cache[key] = _resolve_mention(gaz, m, ctx)
        return cache[key]

    def points(i: int) -> tuple[tuple[float, float], ...]:
        return tuple(sorted({
            (p.latitude, p.longitude) for j, (p, _) in results.items()
            if p is not None and j != i and p.geo_precision == 1 and p.method in ("exact", "fuzzy")
            and mentions[j].text != mentions[i].text and p.latitude is not None
            and abs(mentions[j].start - mentions[i].start) <= _POINT_CHARS
        }))

    plain = [i for i, m in enumerate(mentions) if not m.relations]
    for i in plain:
        results[i] = resolve(i)
    for i in plain:  # second pass: now the article's other places are known
        results[i] = resolve(i, points=points(i))
    by_span = {(m.start, m.end): i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        if not m.relations:
            continue
        if all(r.distance_km is None and r.bearing is None for r in m.relations):
            own = resolve(i, points=points(i))
            if own[0] is not None and own[0].geo_precision >= 2 and not own[0].method.endswith("fallback"):
                results[i] = own  # "Eastern Ghouta near Damascus": an area the name names, near a town, is the area
                continue
        expected: list[tuple[float, float, float]] = []
        anchors: list[Place] = []
        for rel in m.relations:
            j = by_span.get((rel.anchor_start, rel.anchor_end))
            anchor, population = results.get(j, (None, 0)) if j is not None else (None, 0)
            if anchor is None or anchor.latitude is None or anchor.longitude is None or anchor.geo_precision == 3:
                continue  # "au sud-est de la Turquie": a country's or a province's centre is no point to measure from
            if rel.distance_km is None and rel.bearing is None and (
                    anchor.geo_precision != 1 or country_code(anchor.country) not in dict(focus)):
                continue  # "near" a district's centre, or a namesake abroad the areas written after it will correct
                # ("Yara village near Dif village (Afmadow, Lower Juba)"), is no point to look around
            lat, lon = anchor.latitude, anchor.longitude
            if rel.bearing is not None:
                lat, lon = offset_point(lat, lon, rel.distance_km if rel.distance_km is not None else _DEFAULT_KM, rel.bearing)
            expected.append((lat, lon, _tolerance_km(population, rel)))
            anchors.append(anchor)
        if m.source == "relative" and anchors and all((r.distance_km or 0) <= _DEFAULT_KM for r in m.relations):
            # "à une dizaine de kilomètres de Tombouctou": near the town, ACLED's way (its point, precision 2)
            results[i] = (replace(anchors[0], geo_precision=max(2, anchors[0].geo_precision), method="near",
                                  mention=m.text), 0)
            continue
        # a further distance from a town names no place of its own: the point it gives (below)
        place, population = resolve(i, points=points(i), expected=tuple(expected)) if m.source != "relative" else (None, 0)
        if expected and not _fits(place, expected):
            lat = sum(e[0] for e in expected) / len(expected)
            lon = sum(e[1] for e in expected) / len(expected)
            first = anchors[0]
            place = Place(  # a phrase alone ("un parc à 60 km de Niamey") is named after its town, as ACLED names it
                name=first.name if m.source == "relative" else m.text, latitude=round(lat, 5), longitude=round(lon, 5),
                geo_precision=2, country=first.country,
                admin1=first.admin1, admin2=first.admin2, method="relative", score=0.0, mention=m.text,
            )
        results[i] = (place, population)
    resolved = {(m.start, m.end): _one_sense(mentions, results, i) for i, m in enumerate(mentions)}
    # the last first: "X in Y (A, B)" puts Y in its areas before X in Y's place
    for i in reversed(range(len(mentions))):
        m = mentions[i]
        if m.within:
            def reading_in(keep: Callable[[Place], bool], similarity: float | None = None, i: int = i) -> Place | None:
                return gaz.reading_where(mentions[i].text, context_of(i, points=points(i)), keep, similarity)
            resolved[(m.start, m.end)] = _in_areas(m, resolved[(m.start, m.end)], _areas(m, mentions, resolved), lang,
                                                   reading_in)
    # one name, one place: where the text says which areas a name lies in ("Salah Eddin neighborhood in Aleppo
    # city"), that reading holds for the name written alone elsewhere in the article
    placed = {m.text: resolved[(m.start, m.end)] for m in mentions if m.within and resolved[(m.start, m.end)]}
    for m in mentions:
        if not m.within and m.text in placed:
            resolved[(m.start, m.end)] = replace(placed[m.text], mention=m.text)
    out = []
    for m in given:
        if m.source == "anaphor":
            antecedent = _antecedent(given, m)
            place = resolved.get((antecedent.start, antecedent.end)) if antecedent else None
            out.append((m, replace(place, mention=m.text) if place else None))
        else:
            out.append((m, resolved.get((m.start, m.end))))
    return out


def _focus_without(text: str, typed: bool, mentions: Sequence[PlaceMention], focus: tuple[tuple[str, float], ...],
                   parties: frozenset[str], gaz: Gazetteer, lang: str) -> tuple[tuple[str, float], ...]:
    """The article's focus less the countries that only the name's own candidates bring into it, where the article's
    parties and the provinces, districts and countries it names elsewhere point to countries in which the name is
    spelt as written ("FRPI looted
    Bavi village": DR Congo's Bavi, not Vietnam's Ba Vì, which the name's own vote put in the focus; "a village in
    Fudaylah district, Thi-Qar province": Iraq's, not a Yemeni one). Only that evidence counts, not another town's
    own vote ("Hit town in Dar'a": Hit's Iraqi namesake would take Dar'a to Iraq), and only countries are dropped. A
    name spelt as written in none of them keeps the whole focus, and so does a bare name (``typed`` false) of a town
    known abroad ("Al Shabaab ... in Mandera": Kenya's)."""
    areas = [m for m in mentions if m.text != text and (m.type_hint in _AREA_HINTS or state_named(m.text, lang))]
    rest = {cc for cc, _ in infer_country_focus(areas, gaz, lang, parties)} if areas or parties else set()
    kept = tuple((cc, w) for cc, w in focus if cc in rest)
    if not kept or len(kept) == len(focus):
        return focus
    spelt = [c for c in gaz.search(text, None, lang, fuzzy=False) if c.similarity >= _SPELT_AS_WRITTEN]
    if not any(c.country_code in rest for c in spelt) or (not typed and _known_abroad(
            [c for c in spelt if c.primary and c.country_code not in rest])):
        return focus
    return kept


def _areas(m: PlaceMention, mentions: Sequence[PlaceMention], resolved: Mapping[tuple[int, int], Place | None]) -> list[Place]:
    """The resolved places of the areas written right after ``m`` ("(Ouallam, Tillaberi)"), narrowest first. A town
    read for a name written as a district ("Mindere (Torodi, Tillaberi)": the town of Torodi) stands for its district,
    which reaches further than the town's outskirts (precision 2)."""
    found = [(resolved.get((o.start, o.end)), o) for o in mentions
             if o.text in m.within and m.end < o.start <= m.end + _AREAS_CHARS]
    return [replace(p, geo_precision=2) if o.type_hint == "admin2" and p.geo_precision == 1 else p
            for p, o in found if p is not None]


def areas_of_places(resolved: Sequence[tuple[PlaceMention, Place | None]]) -> set[tuple[int, int]]:
    """The spans of the areas written right after a name that resolved ("Yanfolila (Sikasso)", "Jarablus, Aleppo
    province"): they tell where that place lies, and are no scene of their own."""
    mentions = [m for m, _ in resolved]
    return {(o.start, o.end) for m, place in resolved if m.within and place is not None
            for o in mentions if o.text in m.within and m.end < o.start <= m.end + _AREAS_CHARS}


def _in_areas(m: PlaceMention, place: Place | None, areas: Sequence[Place], lang: str,
              reading_in: Callable[..., Place | None] = lambda keep, similarity=None: None) -> Place | None:
    """``place``, when it lies in every area the text puts the name in; else the best other reading of the name that
    does, when no other as likely does too (``reading_in``: "Ras al-Ain (Al-Hasakeh)", not a village of Damascus named
    alike); else, as ACLED places an event in a village it cannot find, the narrowest of those areas ("Gajigana
    (Magumeri LGA, Borno)": Magumeri)."""
    # an area read in another country than the wider ones written after it is a misreading ("Karan" abroad in
    # "(Karan, Banadir)"), and so is a near spelling read outside them ("Bondhere" as Oondheere, a village of another
    # province, in "(Bondhere, Banadir)"); within one country, district and province names do not always agree
    areas = [a for k, a in enumerate(areas) if all(a.country == wider.country for wider in areas[k + 1 :])
             and not (a.method == "fuzzy" and not all(_lies_in(a, wider, lang) for wider in areas[k + 1 :]))]
    # a part of a town ("al-Jamilia neighborhood in Aleppo city") lies in the town, never elsewhere in its province
    town_part = m.type_hint == _TOWN_PART
    held = place is not None and all(_lies_in(place, area, lang, town_part) for area in areas)
    if not areas or (held and not place.method.endswith("fallback")):
        return place
    # a reading of the name itself in those areas before the area ("Banh (Banh, Loroum)": the village of Loroum), or
    # one spelt as written that the gazetteer holds without its province, near the narrowest of them ("Manica
    # (Macomia, Cabo Delgado)")
    inside = (reading_in(lambda p: all(_named_in(p, area, lang, town_part) for area in areas))
              or reading_in(lambda p: _near_narrowest(p, areas, town_part), _SPELT_AS_WRITTEN))
    if inside is not None:
        return replace(inside, method=f"{inside.method}+in_areas", why=f"{inside.why}; in the areas written after it")
    if held:
        return place
    area = areas[0]
    why = "outside the areas written after it" if place is not None else "unknown"
    method = "area_admin_fallback" if area.geo_precision >= 2 else "area_fallback"
    return replace(area, method=method, mention=m.text, why=f"{why}; in {area.name} ({area.why or area.method})")


def _named_in(place: Place, area: Place, lang: str, town_part: bool = False) -> bool:
    """``_lies_in``, and the gazetteer knows the place's province and, where it knows its district, names the one
    written: how sure a reading must be to be chosen for its areas alone."""
    return bool(place.admin1) and _lies_in(place, area, lang, town_part) and (
        area.geo_precision != 2 or not place.admin2
        or normalise(place.admin2, lang) in {normalise(n, lang) for n in (area.admin2, area.name) if n})


def _near_narrowest(place: Place, areas: Sequence[Place], town_part: bool = False) -> bool:
    """A place the gazetteer knows without its province, in the country of the areas written after its name and near
    the narrowest of them that is a district or a town: it lies there by its point alone."""
    fine = next((a for a in areas if a.geo_precision <= 2), None)
    if place.admin1 or fine is None or any(place.country != a.country for a in areas) or None in (
            place.latitude, fine.latitude):
        return False
    km = _TOWN_PART_KM if town_part and fine.geo_precision == 1 else _AREA_KM[fine.geo_precision]
    return haversine_km(place.latitude, place.longitude, fine.latitude, fine.longitude) <= km


def _lies_in(place: Place, area: Place, lang: str, town_part: bool = False) -> bool:
    """Whether ``place`` lies in ``area``: the same country, and the same province (precision 3), the same district or
    near its centre (precision 2), or near the town (precision 1): in its city limits for a part of the town
    (``town_part``), else in its outskirts or in the province the town's name also names."""
    if place.country != area.country:
        return False
    if country_only(area):
        return True
    if area.geo_precision >= 3:  # a province some source holds as the district of the place ("Oudalan")
        return not (place.admin1 and area.admin1) or normalise(area.admin1, lang) in {
            normalise(n, lang) for n in (place.admin1, place.admin2) if n}
    if area.geo_precision == 2 and place.admin2 and normalise(place.admin2, lang) in {
            normalise(n, lang) for n in (area.admin2, area.name) if n}:
        return True
    gaz = Gazetteer.default()
    if not town_part and area.geo_precision == 1 and (
            (place.admin1 in (None, area.admin1) and gaz.names_province(area.mention or area.name, area, lang))
            or (place.admin1 and gaz.names_province(area.mention or area.name, place, lang))):
        return True  # "al-Qaryatain city in Homs": the province the town's name also names (or one the gazetteer
        # does not say the place lies outside); "Mogadishu - Hawl Wadaag (Banadir)": the province of the place, which
        # a village elsewhere is also named after
    km = _TOWN_PART_KM if town_part and area.geo_precision == 1 else _AREA_KM[min(area.geo_precision, 2)]
    return None not in (place.latitude, area.latitude) and haversine_km(
        place.latitude, place.longitude, area.latitude, area.longitude) <= km


def _antecedent(mentions: Sequence[PlaceMention], anaphor: PlaceMention) -> PlaceMention | None:
    """The last non-anaphor mention of the anaphor's type before it, close enough."""
    before = [
        m for m in mentions
        if m.source != "anaphor" and m.end <= anaphor.start and anaphor.start - m.end <= _ANAPHOR_CHARS
        and m.type_hint == anaphor.type_hint
    ]
    return before[-1] if before else None


def _link_anaphors(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Move each anaphor's relative phrases onto its antecedent; drop the anaphors (they take its place)."""
    extra: dict[tuple[int, int], list[RelativePosition]] = {}
    for m in mentions:
        if m.source == "anaphor" and m.relations:
            antecedent = _antecedent(mentions, m)
            if antecedent is not None:
                extra.setdefault((antecedent.start, antecedent.end), []).extend(m.relations)
    return [
        replace(m, relations=m.relations + tuple(extra.get((m.start, m.end), ())))
        for m in mentions if m.source != "anaphor"
    ]


def _one_sense(mentions: Sequence[PlaceMention], results: dict[int, tuple[Place | None, int]], i: int) -> Place | None:
    """One name, one place per article: a mention left vague takes the precise reading that the same
    name got elsewhere in the article with more context ("le village de Neirab" ... "Neirab")."""
    place = results[i][0]
    if mentions[i].is_admin_context:
        return place
    # A precise answer stands unless the mention is bare (no type word, cue or relative phrase) and the
    # same name scored higher elsewhere in the article: the reading with more context wins.
    bare = mentions[i].source not in ("cue",) and not mentions[i].relations and mentions[i].type_hint is None
    if place is not None and not place.method.endswith("fallback") and not bare:
        return place
    same = [
        results[j][0] for j, m in enumerate(mentions)
        if j != i and m.text == mentions[i].text and results[j][0] is not None
        and results[j][0].geo_precision == 1 and results[j][0].method in ("exact", "fuzzy")
    ]
    if not same:
        return place
    best = max(same, key=lambda p: p.score)
    if place is not None and not place.method.endswith("fallback") and (best.score <= place.score or best == place):
        return place
    return replace(best, method=f"{best.method}+same_name", mention=mentions[i].text)


def _resolve_mention(gaz: Gazetteer, m: PlaceMention, ctx: PlaceContext) -> tuple[Place | None, int]:
    """The whole phrase first when it has a type word ("aéroport d'Alep" is a gazetteer name), else the name; a part
    of a town the gazetteer does not know, written after the town's name and a dash, is in the town."""
    if m.phrase and m.type_hint:
        place, population = gaz.resolve_with_population(m.phrase, replace(ctx, marked=False))
        if place is not None and place.method == "exact" and place.score >= gaz.settings.geocode_min_total + _PHRASE_MARGIN:
            return replace(place, mention=m.text), population
    town = _town_of_part(gaz, m.text, ctx)
    if town is not None:
        return town
    return gaz.resolve_with_population(m.text, ctx)


# "Mogadishu - Hawl Wadaag", "Dar'a - Al-Mansheyyi", "Mogadishu-Bondhere": a town, a dash, and a part of it (ACLED's
# way of naming a town's districts); without spaces around it the dash also joins one name ("Nia-Nia")
_TOWN_DASH = re.compile(r"(?P<town>.+?)(?:\s+[-–—]\s*|\s*[-–—]\s+|(?P<bare>[-–—]))(?P<part>\S.*)")


def _town_of_part(gaz: Gazetteer, name: str, ctx: PlaceContext) -> tuple[Place, int] | None:
    """The town of a "town - part" name the gazetteer does not know as written: the town, spelt as written (a city of
    ``_ABROAD_MIN_POPULATION`` people when no space sets the dash apart), with precision 1."""
    split = _TOWN_DASH.fullmatch(name)
    if split is None or any(c.similarity >= 100 for c in gaz.search(name, None, ctx.lang, fuzzy=False)):
        return None
    town, population = gaz.resolve_with_population(split.group("town"), replace(ctx, type_hint="town", marked=False))
    if (town is None or town.geo_precision != 1 or town.method != "exact"
            or (split.group("bare") and population < _ABROAD_MIN_POPULATION)):
        return None
    return replace(town, method="town_of_part", mention=name, why=f"{town.why}; {split.group('part')} is a part of it"), population


def _fits(place: Place | None, expected: Sequence[tuple[float, float, float]]) -> bool:
    """Whether a gazetteer answer agrees with the relative phrases (within twice their tolerance)."""
    if place is None or place.latitude is None or place.longitude is None or place.geo_precision != 1:
        return False
    return any(haversine_km(place.latitude, place.longitude, lat, lon) <= 2 * tol for lat, lon, tol in expected)
