"""Which countries an article is about: the countries and towns it names, and its parties' countries, weighted.
Read by ``frontwatch.extract.places`` (the names found so far), ``geocode`` and ``scenes`` to rank a name's
candidates and to tell a namesake abroad."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.gazetteer.rank import COUNTRY_CODES, feature_types, population_weight

if TYPE_CHECKING:
    from frontwatch.extract.place_relations import PlaceMention

# A country named outright counts this many times a town's vote.
_COUNTRY_VOTE = 2.0
# A party's country (an actor of the article) counts as much as a town named once, when no name tells a country.
_PARTY_VOTE = 1.0
# Countries with less than this share of the top country's votes are not part of the focus.
_FOCUS_MIN_SHARE = 0.25
# Names whose vote a gazetteer that never changes keeps (``_vote_of``); past this many it starts again.
_VOTES_SIZE = 4096
_votes: weakref.WeakKeyDictionary[Gazetteer, dict[tuple, tuple | None]] = weakref.WeakKeyDictionary()


def infer_country_focus(mentions: Sequence[PlaceMention], gazetteer: Gazetteer | None = None,
                        lang: str = "fr", parties: Iterable[str] = ()) -> tuple[tuple[str, float], ...]:
    """The article's countries with weights 0-1, from the countries and towns it names, else from the countries of
    its parties (``parties``, ISO codes: "Al Shabaab militants clashed with Somali forces in Xhudur").

    A name the text types ("Borno" in "(Magumeri LGA, Borno)", "Idlib province") gives its main vote to the best
    place of that type when the gazetteer has one: a province's name tells the province's country before a
    homonymous village's."""
    gaz = gazetteer or Gazetteer.default()
    votes: Counter[str] = Counter()
    for text, hints in _typed_names(mentions).items():
        vote = _vote_of(gaz, text, hints, lang)
        if vote is None:
            continue
        n = sum(1 for m in mentions if m.text == text)
        country, top, codes = vote
        if country is not None:
            votes[country] += _COUNTRY_VOTE * n
            continue
        votes[top] += 0.5 * n
        for cc in codes:
            votes[cc] += 0.5 * n / len(codes)
    for cc in set(parties):
        votes[cc] += _PARTY_VOTE
    if not votes:
        return ()
    best = max(votes.values())
    return tuple((cc, round(v / best, 3)) for cc, v in votes.most_common() if v / best >= _FOCUS_MIN_SHARE)


def _vote_of(gaz: Gazetteer, text: str, hints: frozenset[str], lang: str) -> tuple | None:
    """What one name written with these type hints tells of the country: ``(country, None, ())`` for a country's name,
    ``(None, top, codes)`` for a place's (its best candidate's country, and every candidate's country, voted in that
    order), None when the gazetteer knows it nowhere. Kept per name for a gazetteer whose files never change: names
    recur within an article (the focus is asked again as its places are found) and across articles."""
    if not all(f.immutable for f in gaz.files):
        return _read_vote(gaz, text, hints, lang)
    kept = _votes.setdefault(gaz, {})
    key = (text, hints, lang)
    if key not in kept:
        if len(kept) >= _VOTES_SIZE:
            kept.clear()
        kept[key] = _read_vote(gaz, text, hints, lang)
    return kept[key]


def _read_vote(gaz: Gazetteer, text: str, hints: frozenset[str], lang: str) -> tuple | None:
    types = feature_types()
    candidates = [c for c in gaz.search(text, None, lang, fuzzy=False) if c.similarity >= 90 and c.country_code]
    if not candidates:
        return None
    countries = [c for c in candidates if c.feature_code in COUNTRY_CODES]
    if countries:
        return max(countries, key=lambda c: c.similarity).country_code, None, ()
    fitting = [c for c in candidates if any(c.feature_code in types[h].feature_codes for h in hints if h in types)]
    # a name spelt as written first; else a city spelt nearly so before a hamlet spelt a little closer ("Nassriya":
    # Nasiriyah of 558,000, not Lebanon's En Nasriyah), as the gazetteer ranks them
    top = max(fitting or candidates, key=lambda c: (c.similarity >= 100, c.similarity + population_weight(c.population),
                                                    c.population))
    return None, top.country_code, tuple({c.country_code for c in candidates})


def _typed_names(mentions: Sequence[PlaceMention]) -> dict[str, frozenset[str]]:
    """Each name the mentions hold (another country's capital aside), with the type hints it was written with."""
    names: dict[str, set[str]] = {}
    for m in mentions:
        if m.source != "capital":
            names.setdefault(m.text, set()).update([m.type_hint] if m.type_hint else [])
    return {text: frozenset(hints) for text, hints in names.items()}
