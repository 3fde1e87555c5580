"""The words around place names in one language, compiled once: type nouns, locative cues, compass words, units,
approximate distances, qualifiers, linear features and the function words of ``places_grammar.tsv``, all read from
``data/lang/<lang>/places_*.tsv``; and the pattern of a written place name (``NAME_RE``). Read by
``frontwatch.extract.places``, which finds the mentions, and by the modules that read the text around them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.data import lang_file

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# a full stop inside a word comes before an initial only ("U.S."): "Bani Walid.Cette", glued sentences, are two
# words, and so are a town and the agency's signature glued after it ("Jalalabad.nir-jds")
WORD_RE = rf"[{_UPPER}](?:[\w’'`ʿʾ-]|\.(?=[{_UPPER}](?!\w)))*(?<![.-])"
# Lower-case particles allowed inside a name ("Khan al-Asal", "Jisr ash Shughur", "Deir ez-Zor").
# An article assimilated to the sun letter that follows it ("an Nabk", "ash Shughur", "at Tall") stands only before
# a word opening with that letter: "GNA at Al Watiyah", "militias at Rugu" are two names.
_SUN_ARTICLES = "|".join(rf"{a}(?=[\s-]+(?i:{a[1:]}))" for a in ("an", "ar", "as", "ash", "at", "ad", "az", "ez", "ed",
                                                                   "es", "er", "en", "ech"))
_PARTICLE = rf"(?:al|el|{_SUN_ARTICLES}|ibn|bin|ben|abu|abou|ould|ag|de|du|des|la|le|sur|lès)"
# A lower-case Arabic article joined by a hyphen ("al-Nayrab", "ez-Zor"); with a space it would take
# French words ("en Syrie").
ARTICLE_PREFIX = r"(?:(?:al|el|an|ar|as|ash|at|ad|az|ez|ed|es|er|en)-|[lL][’'])?"
NAME_RE = rf"{ARTICLE_PREFIX}{WORD_RE}(?:(?:[\s-]+{_PARTICLE}[\s-]+|\s*-\s*|\s+){WORD_RE}){{0,4}}"


@dataclass(frozen=True)
class PlaceLexicon:
    types: dict[str, tuple[str, bool]]
    type_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    cue_start_re: re.Pattern[str]  # a cue capitalised at a sentence's start ("In Ceel Cadde, ...")
    bearings: dict[str, float]
    relative_re: re.Pattern[str]
    bare_direction_re: re.Pattern[str]
    near_re: re.Pattern[str] | None  # "near" with no distance: the place lies about ACLED's "near" from its anchor
    units: dict[str, float]
    approx: dict[str, float]
    qualifiers: dict[str, str]
    definite_type_re: re.Pattern[str]
    linear_re: re.Pattern[str]
    landmark_after_re: re.Pattern[str] | None  # "Tahrir Square", "Sanaa Street": a square or street named, no town
    type_before_re: re.Pattern[str]  # a type word right before a name ("le village de"), compiled once
    continuation_re: re.Pattern[str]  # further names sharing a typed one's type ("et de Hama")
    type_after_re: re.Pattern[str] | None  # a name, then the type word that follows it ("Idlib province")
    typed_name_re: re.Pattern[str] | None  # a capitalised name with its type word after it, found in the text
    after_only: frozenset[str]  # the type words that type a name only when written after it ("front", "axis")
    possessive_re: re.Pattern[str] | None  # a clitic ending a name before its type word ("Syria's")
    adjective_first: bool  # a demonym before the noun it qualifies ("the Malian capital")
    bracket_admin_re: re.Pattern[str] | None  # "Tiloa (Ouallam, Tillaberi)": the areas a place lies in
    bracket_area_re: re.Pattern[str]  # one area of such a bracket, with its type word after it ("Borno state")
    capitalised_adjectives: bool  # adjectives written with a capital ("Kurdish", "Syrian") are no names
    calendar: frozenset[str]  # month and weekday names, abbreviations without their dot ("in March", "at Nov 27")
    regions: frozenset[str]  # world regions over several countries, never one place ("au Sahel"), lower case


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "[’']") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def lexicon(lang: str) -> PlaceLexicon:
    types = {r["cue"]: (r["type"], r["admin"] == "1") for r in lang_file(lang, "places_types")}
    # a noun that types a name only when written after it ("the Tadaf axis", "on Qaniyah front"; "in front of")
    before = [r["cue"] for r in lang_file(lang, "places_types") if r.get("after_only") != "1"]
    cues = [r["cue"] for r in lang_file(lang, "places_cues")]
    bearings = {r["word"]: float(r["bearing"]) for r in lang_file(lang, "places_directions")}
    units = {r["unit"]: float(r["km"]) for r in lang_file(lang, "places_units")}
    approx = {r["phrase"]: float(r["value"]) for r in lang_file(lang, "places_approx")}
    qualifiers = {r["phrase"]: r["qualifier"] for r in lang_file(lang, "places_qualifiers")}
    linear = [r["noun"] for r in lang_file(lang, "places_linear")]
    grammar = function_words(lang)
    of, adjectives = grammar["of"], rf"(?:\s+(?!(?:{grammar['stop']})\b)[a-zéèêàâîôûç-]+){{0,3}}"
    direction = rf"{grammar['direction_before']}(?P<dir>{alternation(bearings)})"
    distance = (
        rf"(?:(?P<qual>{alternation(qualifiers)})\s+)?(?:(?P<num>\d+(?:[.,]\d+)?)|(?P<approx>{alternation(approx)}))\s*"
        rf"(?P<unit>{alternation(units)})\b"
    )
    area = rf"{NAME_RE}(?:\s+(?i:{alternation(types)})\b)?"  # "(Magumeri LGA, Borno)", "(Borno state)"
    return PlaceLexicon(
        types=types,
        type_re=re.compile(rf"\b(?P<cue>{alternation(before)}){adjectives}{of}(?P<name>{NAME_RE})"),
        cue_re=re.compile(rf"(?:^|(?<=[\s(«\"]))(?P<cue>{alternation(cues)})\s+(?P<name>{NAME_RE})"),
        # "In Ceel Cadde, Al Shabaab militants ...": a cue opening a sentence is capitalised
        cue_start_re=re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<cue>{alternation(c[:1].upper() + c[1:] for c in cues)})"
                                rf"\s+(?P<name>{NAME_RE})"),
        bearings=bearings,
        relative_re=re.compile(rf"\b{grammar['distance_before']}{distance}(?:\s+{direction})?{of}", re.IGNORECASE),
        bare_direction_re=re.compile(rf"(?<![\w-]){direction}{of}", re.IGNORECASE),
        near_re=re.compile(rf"(?<![\w-])(?:{grammar['near']})\s+") if grammar["near"] else None,
        units=units,
        approx=approx,
        qualifiers=qualifiers,
        definite_type_re=re.compile(rf"^\s*{grammar['article']}(?P<cue>{alternation(before)})\b", re.IGNORECASE),
        # "la route M4", "l'autoroute principale de Damas" (words between the noun and the name need the link:
        # "une autoroute qui traverse Berlin" names a city, not a road)
        linear_re=re.compile(rf"\b(?:{alternation(linear)})(?:\s*{grammar['linear_of']}|(?:\s+[a-zéèêàâîôûç-]+){{1,2}}\s*"
                             rf"{_required(grammar['linear_of'])})$", re.IGNORECASE),
        landmark_after_re=re.compile(grammar["landmark_after"], re.IGNORECASE) if grammar["landmark_after"] else None,
        type_before_re=re.compile(rf"\b(?P<cue>{alternation(before)}){adjectives}{of}$", re.IGNORECASE),
        continuation_re=re.compile(rf"{grammar['continuation']}(?P<name>{NAME_RE})"),
        type_after_re=re.compile(rf"\s+(?P<cue>{alternation(types)})\b") if grammar["type_after"] else None,
        typed_name_re=re.compile(rf"(?<![\w’'-])(?P<name>{NAME_RE})\s+(?P<cue>(?i:{alternation(types)}))\b") if grammar["type_after"] else None,
        after_only=frozenset(types) - frozenset(before),
        possessive_re=re.compile(grammar["possessive"]) if grammar["possessive"] else None,
        adjective_first=bool(grammar["adjective_first"]),
        bracket_admin_re=re.compile(rf"(?<=\w)\s*\((?P<names>{area}(?:\s*,\s*{area}){{0,2}})\)")
        if grammar["admin_in_brackets"] else None,
        bracket_area_re=re.compile(area),
        capitalised_adjectives=bool(grammar["capitalised_adjectives"]),
        calendar=frozenset(r["word"].lower().rstrip(".") for name in ("dates_months", "dates_weekdays")
                           for r in lang_file(lang, name)),
        regions=frozenset(r["name"] for r in lang_file(lang, "places_regions")),
    )


_GRAMMAR_ROLES = ("country_area", "occasion_at", "agent", "of", "stop", "distance_before", "direction_before",
                  "article", "linear_of", "continuation", "possessive", "type_after", "adjective_first",
                  "admin_in_brackets", "capitalised_adjectives", "coordinator", "inside", "origin", "landmark_after",
                  "place_preposition", "near")


@lru_cache(maxsize=None)
def function_words(lang: str) -> dict[str, str]:
    """The function words around place names (``places_grammar.tsv``: "de", "à l'", "of", "to the"), as regex
    fragments by role; a role the language does not fill is empty."""
    return {**dict.fromkeys(_GRAMMAR_ROLES, ""), **{r["role"]: r["pattern"] for r in lang_file(lang, "places_grammar")}}


def _required(optional: str) -> str:
    """A pattern made optional by a trailing "?" ("(?:de\\s+)?"), required."""
    return optional[:-1] if optional.endswith(")?") else optional
