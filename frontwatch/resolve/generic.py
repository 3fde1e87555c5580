"""ACLED's generic actors: "Unidentified Armed Group (Mali)", "Protesters (France)", "Military Forces of Iran".

An unnamed party of a known kind in a known country gets the name ACLED gives such a party
(``data/taxonomy/generic_actors.tsv``); the registry's own actor of that kind and country, with its period,
is asked first by the caller. ``is_generic`` tells such a name from a phrase kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.data import read_tsv_dicts


@dataclass(frozen=True)
class GenericActor:
    name: str
    inter: int
    kind: str
    country: str  # English name, as places carry it


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[str, int]]:
    return {r["kind"]: (r["name"], int(r["inter"])) for r in read_tsv_dicts("taxonomy", "generic_actors.tsv")}


@lru_cache(maxsize=1)
def _acled_names() -> dict[str, str]:
    return {r["gazetteer"]: r["acled"] for r in read_tsv_dicts("taxonomy", "acled_countries.tsv")}


@lru_cache(maxsize=1)
def _with_article() -> frozenset[str]:
    return frozenset(r["country"] for r in read_tsv_dicts("taxonomy", "country_articles.tsv"))


def acled_country(name: str | None) -> str | None:
    """ACLED's spelling of a country the gazetteer names otherwise ("Palestinian Territory" -> "Palestine")."""
    return _acled_names().get(name, name) if name else None


def gazetteer_country(acled: str | None) -> str | None:
    """The gazetteer's English name of a country ACLED spells otherwise ("Palestine" -> "Palestinian Territory")."""
    return _gazetteer_names().get(acled, acled) if acled else None


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str]:
    return {v: k for k, v in _acled_names().items()}


def kinds() -> frozenset[str]:
    """The kinds of party that have a generic name."""
    return frozenset(_patterns())


def generic_actor(kind: str, country: str | None) -> GenericActor | None:
    """ACLED's generic actor of ``kind`` in ``country`` (the gazetteer's English name, written as ACLED does:
    "Palestinian Territory" is "Palestine"), or None for an unknown kind or country."""
    if not country or kind not in _patterns():
        return None
    pattern, inter = _patterns()[kind]
    acled = acled_country(country)
    the = f"the {acled}" if acled in _with_article() else acled
    return GenericActor(pattern.format(country=acled, the_country=the), inter, kind, country)


@lru_cache(maxsize=1)
def _generic_name() -> re.Pattern:
    name = r"(?:the )?[A-Za-z][\w'’. -]+"
    alternatives = [re.escape(p).replace(re.escape("{country}"), name).replace(re.escape("{the_country}"), name)
                    for p, _ in _patterns().values()]
    # a registry-style period may follow ("Military Forces of France (2017-)")
    return re.compile(rf"(?:{'|'.join(alternatives)})(?: \(\d{{4}}-(?:\d{{4}})?\))?")


def generic_kind(name: str) -> str | None:
    """The kind of party a generic actor's name is of ("Unidentified Armed Group (Mali)" -> armed_group)."""
    for kind, (pattern, _) in _patterns().items():
        head, _, tail = pattern.partition("{")
        if name.startswith(head) and name.endswith(tail.partition("}")[2]) and head:
            return kind
    return None


def is_generic(name: str) -> bool:
    """True when ``name`` is spelled as one of ACLED's generic actors."""
    return _generic_name().fullmatch(name) is not None
