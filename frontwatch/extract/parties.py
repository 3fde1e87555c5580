"""Words that stand for parties, and the actors they name: ACLED's generic actors, a state named for its forces,
nationality words, pronouns and area nouns that are no party (``data/lang/<lang>/actor_words.tsv``,
``role_words.tsv``, ``places_areas.tsv``, ``places_countries.tsv``). Read by extraction to fill an event's roles
and to tell a people's name from a place."""

from __future__ import annotations

import re
from functools import lru_cache

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError
from frontwatch.extract.arguments import lookup
from frontwatch.extract.draft import Actor
from frontwatch.extract.triggers import normalise
from frontwatch.records import Place
from frontwatch.resolve.actors import ActorMatch
from frontwatch.resolve.gazetteer.build import country_names as _gazetteer_country_names
from frontwatch.resolve.generic import is_generic


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code -> the English country name places carry (the gazetteer's)."""
    return _gazetteer_country_names()


@lru_cache(maxsize=None)
def actor_words(lang: str) -> dict[str, tuple[str, str]]:
    """Words that make a role phrase stand for a state's forces or a country's civilians."""
    return {row["word"]: (row["country"], row["kind"]) for row in lang_file(lang, "actor_words")}


@lru_cache(maxsize=None)
def country_code(name: str | None) -> str | None:
    """The ISO code of a country's English name as places carry it."""
    return {v: k for k, v in country_names().items()}.get(name) if name else None


def country_name(code: str | None) -> str | None:
    """The English name places carry for an actor's ISO country code."""
    return country_names().get(code) if code else None


# Registry kinds that speak or report, never fight: a monitor, a medium, a spokesperson or a ministry is no party
NOT_PARTIES = frozenset({"monitor", "media", "state_media", "organisation", "spokesperson", "ministry"})


def party(match: ActorMatch) -> Actor:
    """A registry actor found in the text, as a draft's actor."""
    return Actor(match.name, match.inter, match.actor_id, match.specificity, country_name(match.country))


@lru_cache(maxsize=None)
def crowd_words(lang: str) -> dict[str, str]:
    """Nouns for a crowd of unorganised people ("residents", "youths", "a mob"), as a lookup table."""
    try:
        return {row["word"]: "crowd" for row in lang_file(lang, "crowd_words")}
    except DataFileError:  # a language without the list reads no crowd
        return {}


@lru_cache(maxsize=None)
def area_nouns(lang: str) -> frozenset[str]:
    """Nouns heading a phrase that names a place or a part of an area, never a party."""
    try:
        return frozenset(row["noun"] for row in lang_file(lang, "places_areas"))
    except DataFileError:  # a language without the list keeps every such phrase
        return frozenset()


@lru_cache(maxsize=None)
def role_words(lang: str) -> dict[str, str]:
    """Phrases that stand for a party named before them: phrase -> ``pronoun`` or ``possessive``."""
    return {row["phrase"]: row["role"] for row in lang_file(lang, "role_words")}


@lru_cache(maxsize=None)
def cue_phrases(lang: str, name: str) -> frozenset[str]:
    """The phrases of a list of cues around a party: ``umbrella_cues.tsv`` (between a party and the named group it
    fights under: "rebels under OPS"), ``ally_cues.tsv`` (right before a party that fights on the side of the one
    named before it: "backed by", "in coordination with"). A language without the list reads none."""
    try:
        return frozenset(row["cue"] for row in lang_file(lang, name))
    except DataFileError:
        return frozenset()


WORD = re.compile(r"\w+")
# The generic actor of a demonstration's unnamed crowd, by event type.
CROWDS = {"Protests": "protesters", "Riots": "rioters"}
# When a role phrase holds words of several kinds ("hommes armés": homme, armé), the first kind here wins.
KIND_ORDER = ("armed_group", "police", "state_forces", "rioters", "protesters", "civilians")
_ARTICLES = re.compile(r"^(?:l['’]\s*|(?:le|la|les|the)\s+)", re.IGNORECASE)


def demonym_elsewhere(written: str, place: Place, lang: str) -> bool:
    """A word for a country's people or state (actor_words.tsv: "Français", "Russes", "Moscou") read as a place
    outside that country: the gazetteer's homonym, never the place meant."""
    found = lookup(written.strip(), actor_words(lang))
    return found is not None and bool(found[0]) and country_code(place.country) != found[0]


def canonical(actor: Actor) -> bool:
    """A registry actor or one of ACLED's generic actors, never a phrase kept as written."""
    return actor.actor_id is not None or is_generic(actor.name)


@lru_cache(maxsize=None)
def countries_by_name(lang: str) -> dict[str, str]:
    """Folded country names (the language's own, then English) -> ISO code."""
    names = {normalise(v): k for k, v in country_names().items()}
    try:
        names.update({normalise(r["name"]): r["country_code"] for r in lang_file(lang, "places_countries")})
    except DataFileError:  # a language without the list knows the English names only
        pass
    return names


def state_named(written: str, lang: str) -> str | None:
    """The ISO code of the country a phrase is only the name of ("la Turquie", "les États-Unis")."""
    return countries_by_name(lang).get(normalise(_ARTICLES.sub("", written.strip())))
