"""ACLED's generic actors: "Unidentified Armed Group (Mali)", "Protesters (France)", "Military Forces of Iran".

An unnamed party of a known kind in a known country gets the name ACLED gives such a party
(``data/taxonomy/generic_actors.tsv``); the registry's own actor of that kind and country, with its period,
is asked first by the caller. ``is_generic`` tells such a name from a phrase kept as written. An identity militia's
name also holds the group it is of, as the text writes it ("Zamfara Communal Militia (Nigeria)"), or ACLED's
"Unidentified" when the text names none ("Unidentified Clan Militia (Somalia)").
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


# The group of an identity militia whose text names none ("unidentified clan militia"), as ACLED writes it.
UNIDENTIFIED = "Unidentified"
# A group's name inside an identity militia's: capitalised words, joined by spaces or hyphens ("Hawiye-Habar Gedir").
_GROUP = r"[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*)*"


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


def group_kinds() -> frozenset[str]:
    """The kinds whose name holds a group's ("{group} Ethnic Militia ({country})"): identity militias."""
    return frozenset(k for k, (pattern, _) in _patterns().items() if "{group}" in pattern)


def generic_actor(kind: str, country: str | None, group: str | None = None) -> GenericActor | None:
    """ACLED's generic actor of ``kind`` in ``country`` (the gazetteer's English name, written as ACLED does:
    "Palestinian Territory" is "Palestine"), of ``group`` for a kind that names one (else ACLED's "Unidentified"),
    or None for an unknown kind or country."""
    if not country or kind not in _patterns():
        return None
    pattern, inter = _patterns()[kind]
    acled = acled_country(country)
    the = f"the {acled}" if acled in _with_article() else acled
    return GenericActor(pattern.format(country=acled, the_country=the, group=group or UNIDENTIFIED), inter, kind,
                        country)


@lru_cache(maxsize=1)
def _generic_name() -> re.Pattern:
    name = r"(?:the )?[A-Za-z][\w'’. -]+"
    alternatives = [_alternative(p, name) for p, _ in _patterns().values()]
    # a registry-style period may follow ("Military Forces of France (2017-)")
    return re.compile(rf"(?:{'|'.join(alternatives)})(?: \(\d{{4}}-(?:\d{{4}})?\))?")


def _alternative(pattern: str, name: str, named: bool = False) -> str:
    """A generic name's pattern as a regular expression, each placeholder a name's (the group's captured as
    ``group`` when ``named``)."""
    group = f"(?P<group>{_GROUP})" if named else f"(?:{_GROUP})"
    return (re.escape(pattern).replace(re.escape("{country}"), name).replace(re.escape("{the_country}"), name)
            .replace(re.escape("{group}"), group))


@lru_cache(maxsize=1)
def _group_names() -> dict[str, re.Pattern]:
    name = r"(?:the )?[A-Za-z][\w'’. -]+"
    return {k: re.compile(_alternative(p, name, named=True)) for k, (p, _) in _patterns().items() if "{group}" in p}


def generic_kind(name: str) -> str | None:
    """The kind of party a generic actor's name is of ("Unidentified Armed Group (Mali)" -> armed_group)."""
    for kind, (pattern, _) in _patterns().items():
        head, _, tail = pattern.partition("{")
        if name.startswith(head) and name.endswith(tail.partition("}")[2]) and head:
            return kind
    return next((kind for kind, rx in _group_names().items() if rx.fullmatch(name)), None)


def generic_group(name: str) -> str | None:
    """The group an identity militia's generic name is of ("Zamfara Communal Militia (Nigeria)" -> "Zamfara")."""
    found = next((m for rx in _group_names().values() if (m := rx.fullmatch(name))), None)
    return found.group("group") if found else None


def is_generic(name: str) -> bool:
    """True when ``name`` is spelled as one of ACLED's generic actors."""
    return _generic_name().fullmatch(name) is not None
