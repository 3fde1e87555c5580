"""Actor and claimant registry: canonical actors from per-theatre TOML files, found in text and related.

The data lives in ``frontwatch/data/actors/<theatre>.toml`` (one file per theatre, ``global.toml`` for
actors of every war). Each file declares ``[theatre]`` (``id``, ``name``, ``countries``, and optional ``forces``:
whose state forces soldiers of no nationality are in a territory with no army of its own, ``{ PS = "il_military" }``;
``front``: the two parties facing each other on its front line, the state first, and the day it ended, ``{ sides =
["ua_military", "ua_separatists"], valid_to = 2022-02-24 }``) and an array of ``[[actors]]``::

    [[actors]]
    id = "sy_hts"                      # unique across all files
    name = "HTS: Hayat Tahrir al Sham" # canonical name, ACLED's spelling
    former_names = [{ text = "...", valid_to = 2022-03-21 }]  # optional: ACLED's earlier names, by period
    inter = 2                          # ACLED inter code, 1 state forces ... 8 external/other
    country = "SY"                     # ISO 3166-1 alpha-2; omitted for international bodies
    kind = "rebel"                     # see KINDS
    parent = "..."                     # optional: the actor it speaks for or belongs to
    valid_from = 2017-01-28            # optional default validity of every alias below
    allies = ["sy_opposition"]         # scoped to this file's theatre; made symmetric on load
    adversaries = ["sy_military"]
    aliases.any = ["HTS", { text = "Jabhat al-Nusra", valid_to = 2017-01-28 }]   # named, any language
    aliases.fr = ["Organisation de libération du Levant"]                      # named, French only
    descriptive.fr = ["rebelles jihadistes"]                                  # descriptive phrases

An alias is a string or an inline table with ``text`` and optional ``valid_from`` (inclusive),
``valid_to`` (exclusive: the day the name stopped applying), ``specificity``, ``shared`` (declares
that the alias names several actors of one theatre on purpose) and ``case_sensitive``. An actor used in
several theatres is repeated in each file with the same id, name, inter, country, kind and parent;
the loader checks that the copies agree and merges their aliases. A new theatre or language needs new
files or keys, never code.

Matching (``alias_index.py``) works on word tokens folded to lower case without accents; a token written with two
or more capitals in the data ("HTS", "FAMa", "EI") is an acronym and must keep its case in the text. The longest
alias starting at the leftmost token wins.

Dates: an alias used outside its validity still matches; the match says ``valid=False``, and
``historical=True`` when the date is after ``valid_to`` (a 2024 article naming "al-Nusra" names HTS's
predecessor: the match carries HTS's id with ``historical=True``).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from frontwatch.data import data_path, read_toml
from frontwatch.errors import DataFileError, Messages
from frontwatch.resolve.alias_index import AliasIndex, Span, fold

log = logging.getLogger(__name__)

# ACLED's inter codes (SPEC.md).
INTER_CODES = {
    1: "state forces",
    2: "rebel groups",
    3: "political militias",
    4: "identity militias",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "external/other forces",
}
# What an actor is; claimants (monitor, ministry, media, ...) are actors too.
KINDS = frozenset(
    {
        "state_forces",
        "police",
        "government",
        "ministry",
        "spokesperson",
        "state_media",
        "rebel",
        "militia",
        "civilians",
        "monitor",
        "organisation",
        "media",
        "external",
    }
)
# Kinds that speak for a state: without a parent they stand with their country's state forces.
STATE_KINDS = frozenset({"state_forces", "police", "government", "ministry", "spokesperson", "state_media"})
# Claimants whose counts are not a party's: monitors, UN bodies, humanitarian organisations.
NEUTRAL_KINDS = frozenset({"monitor", "organisation"})
SPECIFICITIES = ("named", "descriptive")
RELATIONS = ("own_side", "enemy", "neutral_monitor", "outlet", "unknown")
ANY_LANG = "any"  # the alias key for names written the same in every language (acronyms, transliterations)
GLOBAL_THEATRE = "global"
# A theatre's descriptive phrases count in a text whose theatre votes reach this share of the leader's.
THEATRE_MIN_SHARE = 0.5

# A publisher added as an actor keeps what matters for relations: state media and monitors stay so.
_PUBLISHER_ACTOR_KINDS = {"state_media": "state_media", "monitor": "monitor", "think_tank": "monitor"}
@dataclass(frozen=True)
class Theatre:
    """A war or region with its own actor file."""

    id: str
    name: str
    countries: tuple[str, ...] = ()
    # whose forces soldiers named by no nationality are, in a territory with no state forces of its own that act
    # there ({"PS": "il_military"}: "un soldat" in the West Bank or Gaza is Israel's)
    forces: tuple[tuple[str, str], ...] = ()
    # the two parties facing each other on the theatre's front line, the state first, until the day it ended
    front: tuple[str, ...] = ()
    front_until: date | None = None


@dataclass(frozen=True)
class Alias:
    """One way of naming an actor, in one language and theatre, possibly only for a period."""

    text: str
    lang: str
    theatre: str
    specificity: str = "named"
    valid_from: date | None = None  # inclusive
    valid_to: date | None = None  # exclusive: the first day the name no longer applies
    shared: bool = False
    case_sensitive: bool | None = None

    def valid_on(self, on_date: date | None) -> bool:
        """Whether the alias named the actor on ``on_date`` (always, when no date is given)."""
        if on_date is None:
            return True
        return (self.valid_from is None or on_date >= self.valid_from) and (
            self.valid_to is None or on_date < self.valid_to
        )

    def days_off(self, on_date: date | None) -> int:
        """How many days ``on_date`` lies outside the alias's validity (0 inside it or without a date)."""
        if on_date is None:
            return 0
        if self.valid_from is not None and on_date < self.valid_from:
            return (self.valid_from - on_date).days
        if self.valid_to is not None and on_date >= self.valid_to:
            return (on_date - self.valid_to).days + 1
        return 0


@dataclass(frozen=True)
class Actor:
    """A canonical actor or claimant, as the registry knows it."""

    id: str
    name: str
    inter: int
    kind: str
    country: str | None = None
    parent: str | None = None
    theatres: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()
    former_names: tuple[tuple[str, date], ...] = ()  # ACLED's earlier names, each with the day it stopped applying

    def name_on(self, on_date: date | None) -> str:
        """ACLED's name for the actor on a date ("Islamic State (Greater Sahara)" before March 2022, "Islamic State
        (Sahel)" after); the current name without a date."""
        if on_date is not None:
            for name, valid_to in sorted(self.former_names, key=lambda f: f[1]):
                if on_date < valid_to:
                    return name
        return self.name


@dataclass(frozen=True)
class ActorMatch:
    """One occurrence of an actor's alias in a text, with the actor it was resolved to and why."""

    start: int
    end: int
    text: str
    actor_id: str
    name: str
    inter: int
    country: str | None
    kind: str
    specificity: str  # named or descriptive
    historical: bool  # the date is after the alias stopped naming this actor (a predecessor's name)
    valid: bool  # the alias named this actor on the date asked (True without a date)
    theatre: str  # the theatre whose alias was used
    alias: str  # the alias as written in the data
    alternatives: tuple[str, ...] = ()  # other actor ids the same words could name
    reason: str = ""  # why this actor was chosen among the alternatives


@dataclass(frozen=True)
class _Entry:
    actor_id: str
    alias: Alias
    order: int
    country: str  # the actor's, "" for none: read on every ambiguous match


# Why one candidate beat another, in the order of the ranking in ActorRegistry._choose.
_RANK_REASONS = ("valid on or nearest the date", "theatre given", "theatre of the text", "country of the text",
                 "global default")


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise DataFileError(Messages.E013.format(path=where, detail=f"bad date {value!r}")) from e


def _bad(where: str, detail: str) -> DataFileError:
    return DataFileError(Messages.E013.format(path=where, detail=detail))


def actor_files() -> list[str]:
    """The names of the bundled actor files (``<theatre>.toml``), sorted, ``global.toml`` included."""
    return sorted(p.name for p in data_path("actors").iterdir() if p.name.endswith(".toml"))


def _aliases_of(raw: dict, theatre: str, langs: tuple[str, ...] | None, where: str) -> list[Alias]:
    out = []
    defaults = {"valid_from": _date(raw.get("valid_from"), where), "valid_to": _date(raw.get("valid_to"), where)}
    for table, specificity in (("aliases", "named"), ("descriptive", "descriptive")):
        by_lang = raw.get(table) or {}
        if not isinstance(by_lang, dict):
            raise _bad(where, f"actor {raw.get('id')!r}: '{table}' must be a table of language -> list")
        for lang, items in by_lang.items():
            if langs is not None and lang not in langs:
                continue
            for item in items:
                spec = {"text": item} if isinstance(item, str) else dict(item)
                if not isinstance(spec.get("text"), str) or not spec["text"].strip():
                    raise _bad(where, f"actor {raw.get('id')!r}: alias without text: {item!r}")
                unknown = set(spec) - {"text", "valid_from", "valid_to", "specificity", "shared", "case_sensitive"}
                if unknown:
                    raise _bad(where, f"actor {raw.get('id')!r}: unknown alias keys {sorted(unknown)}")
                spec_specificity = spec.get("specificity", specificity)
                if spec_specificity not in SPECIFICITIES:
                    raise _bad(where, f"alias {spec['text']!r}: specificity must be one of {SPECIFICITIES}")
                out.append(
                    Alias(
                        text=spec["text"],
                        lang=lang,
                        theatre=theatre,
                        specificity=spec_specificity,
                        valid_from=_date(spec.get("valid_from"), where) or defaults["valid_from"],
                        valid_to=_date(spec.get("valid_to"), where) or defaults["valid_to"],
                        shared=bool(spec.get("shared", False)),
                        case_sensitive=spec.get("case_sensitive"),
                    )
                )
    return out


_REQUIRED = ("id", "name", "inter", "kind")
_IDENTITY = ("name", "inter", "kind", "country", "parent", "former_names")
_ACTOR_KEYS = frozenset(_IDENTITY) | {"id", "aliases", "descriptive", "allies", "adversaries", "valid_from", "valid_to", "note"}


def _check_actor(raw: dict, where: str) -> None:
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise _bad(where, f"actor {raw.get('id')!r} lacks {missing}")
    unknown = set(raw) - _ACTOR_KEYS
    if unknown:
        raise _bad(where, f"actor {raw['id']!r} has unknown keys {sorted(unknown)}")
    if raw["inter"] not in INTER_CODES:
        raise _bad(where, f"actor {raw['id']!r}: inter {raw['inter']!r} is not an ACLED inter code 1-8")
    if raw["kind"] not in KINDS:
        raise _bad(where, f"actor {raw['id']!r}: kind {raw['kind']!r} not in {sorted(KINDS)}")
    for former in raw.get("former_names", ()):
        if not isinstance(former, dict) or set(former) != {"text", "valid_to"}:
            raise _bad(where, f"actor {raw['id']!r}: a former name is {{ text = ..., valid_to = ... }}, not {former!r}")
    country = raw.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise _bad(where, f"actor {raw['id']!r}: country {country!r} is not an ISO 3166-1 alpha-2 code")


class ActorRegistry:
    """Every known actor with its aliases, allies and adversaries; finds them in text and relates them."""

    def __init__(self, files: Iterable[tuple[str, dict]], langs: tuple[str, ...] | None = None) -> None:
        """Build from ``(file name, parsed TOML)`` pairs; ``langs`` limits the alias languages used."""
        self.langs = langs
        self.theatres: dict[str, Theatre] = {}
        self._identity: dict[str, dict] = {}
        self._aliases: dict[str, list[Alias]] = defaultdict(list)
        self._theatres_of: dict[str, list[str]] = defaultdict(list)
        self._links: dict[str, dict[str, set[frozenset[str]]]] = {"allies": defaultdict(set), "adversaries": defaultdict(set)}
        self._order: list[str] = []
        self._refs: list[tuple[str, str, str]] = []  # (file, actor id, referenced id), checked once all are read
        for fname, doc in files:
            self._add_file(fname, doc)
        self._check_references()
        self.actors: dict[str, Actor] = {
            aid: Actor(
                id=aid,
                name=ident["name"],
                inter=ident["inter"],
                kind=ident["kind"],
                country=ident.get("country"),
                parent=ident.get("parent"),
                theatres=tuple(self._theatres_of[aid]),
                aliases=tuple(self._aliases[aid]),
                former_names=tuple((f["text"], _date(f["valid_to"], aid)) for f in ident.get("former_names") or ()),
            )
            for aid, ident in ((a, self._identity[a]) for a in self._order)
        }
        self._index = AliasIndex()
        order = 0
        for aid in self._order:
            for alias in self._aliases[aid]:
                entry = _Entry(aid, alias, order, self._identity[aid].get("country") or "")
                self._index.add(alias.text, entry, alias.case_sensitive)
                order += 1
        self._check_collisions()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, lang: str = "fr", theatres: Iterable[str] | None = None, include_publishers: bool = True) -> ActorRegistry:
        """The registry for texts in ``lang`` (its aliases and language-neutral ones), cached per arguments.

        ``theatres`` limits the files read (``global`` is always read); ``include_publishers`` adds every
        outlet of the publisher registry as a media actor, unless an actor file already names it.
        """
        return _load_cached(lang, tuple(sorted(theatres)) if theatres is not None else None, include_publishers)

    def _add_file(self, fname: str, doc: dict) -> None:
        where = f"actors/{fname}"
        head = doc.get("theatre")
        if not isinstance(head, dict) or "id" not in head or "name" not in head:
            raise _bad(where, "missing [theatre] table with id and name")
        tid = head["id"]
        if fname.removesuffix(".toml") != tid:
            raise _bad(where, f"theatre id {tid!r} differs from the file name")
        if tid in self.theatres:
            raise _bad(where, f"theatre {tid!r} declared twice")
        forces = tuple(sorted(head.get("forces", {}).items()))
        front = head.get("front", {})
        if front and len(front.get("sides", ())) != 2:
            raise _bad(where, f"theatre {tid!r}: a front has two sides")
        self.theatres[tid] = Theatre(tid, head["name"], tuple(head.get("countries", ())), forces,
                                     tuple(front.get("sides", ())), _date(front.get("valid_to"), where))
        self._refs.extend((where, f"theatre {tid!r} forces", aid) for _, aid in forces)
        self._refs.extend((where, f"theatre {tid!r} front", aid) for aid in front.get("sides", ()))
        seen: set[str] = set()
        for raw in doc.get("actors", ()):
            _check_actor(raw, where)
            aid = raw["id"]
            if aid in seen:
                raise _bad(where, f"actor id {aid!r} defined twice")
            seen.add(aid)
            ident = {k: raw.get(k) for k in _IDENTITY}
            if aid in self._identity:
                if self._identity[aid] != ident:
                    raise _bad(where, f"actor {aid!r} differs from its definition in theatre {self._theatres_of[aid][0]!r}")
            else:
                self._identity[aid] = ident
                self._order.append(aid)
            self._theatres_of[aid].append(tid)
            self._aliases[aid].extend(_aliases_of(raw, tid, self.langs, where))
            for link in ("allies", "adversaries"):
                for other in raw.get(link, ()):
                    self._links[link][tid].add(frozenset((aid, other)))
                    self._refs.append((where, aid, other))
            if raw.get("parent"):
                self._refs.append((where, aid, raw["parent"]))

    def _check_references(self) -> None:
        for where, aid, ref in self._refs:
            if ref not in self._identity:
                raise _bad(where, f"actor {aid!r} refers to unknown actor {ref!r}")
        for aid in self._order:
            seen, cur = {aid}, self._identity[aid].get("parent")
            while cur:
                if cur in seen:
                    raise _bad("actors", f"parent cycle through {aid!r}")
                seen.add(cur)
                cur = self._identity[cur].get("parent")

    def _check_collisions(self) -> None:
        for key in self._index.keys():
            by_theatre: dict[str, list[_Entry]] = defaultdict(list)
            for entry in self._index.payloads(key):
                by_theatre[entry.alias.theatre].append(entry)
            for tid, entries in by_theatre.items():
                for a in entries:
                    for b in entries:
                        if a.actor_id < b.actor_id and not (a.alias.shared and b.alias.shared) and _overlap(a.alias, b.alias):
                            raise _bad(
                                f"actors/{tid}.toml",
                                f"alias {a.alias.text!r} names both {a.actor_id!r} and {b.actor_id!r}; "
                                "mark both `shared = true` or give them disjoint validity dates",
                            )

    def _add_publishers(self) -> None:
        """Add outlets from the publisher registry as media actors, skipping names an actor file holds."""
        from frontwatch.resolve.publishers import PublisherRegistry  # here: publishers imports this module

        taken = set(self._index.keys())
        order = sum(len(a.aliases) for a in self.actors.values())
        for pub in PublisherRegistry.load():
            aid = f"media_{pub.id}"
            # An actor file already models it (SANA, the Syrian Observatory, ACLED); two-letter aliases
            # ("AA" is Anadolu and the Arakan Army) are skipped below and say nothing about identity.
            names = [fold(name) for name in (pub.name, *pub.aliases)]
            if aid in self.actors or any(key in taken for key in names if len(key.replace(" ", "")) > 2):
                continue
            kind = _PUBLISHER_ACTOR_KINDS.get(pub.kind, "media")
            aliases = []
            for text in (pub.name, *pub.aliases):
                key = fold(text)
                # Two letters ("AP", "AA") name other things inside sentences; mastheads still use them.
                if len(key.replace(" ", "")) <= 2 or key in taken:
                    continue
                # Outlet names are proper nouns: "Le Monde" must not match "le monde".
                alias = Alias(text=text, lang=ANY_LANG, theatre=GLOBAL_THEATRE, case_sensitive=True)
                self._index.add(text, _Entry(aid, alias, order, pub.country or ""), True)
                order += 1
                aliases.append(alias)
            self.actors[aid] = Actor(aid, pub.name, 8, kind, pub.country, None, (GLOBAL_THEATRE,), tuple(aliases))

    # ------------------------------------------------------------------ lookups
    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors.get(actor_id)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def of_country(self, country: str, kind: str, on_date: date | None = None) -> Actor | None:
        """The actor of this kind for an ISO country ("state_forces" of "RU"), active on the date; None if unknown.

        Several periods of one force (the United States' per administration) are told apart by the date: the
        last registered of those active on it, else the period nearest to it; without a date, the last registered.
        """
        found = [a for a in self.actors.values() if a.country == country and a.kind == kind and a.parent is None]
        if not found:
            acting = {aid for t in self.theatres.values() for code, aid in t.forces if code == country}
            found = [self.actors[aid] for aid in sorted(acting) if aid in self.actors and self.actors[aid].kind == kind]
        if not found:
            return None
        nearest = min(_days_off(a, on_date) for a in found)
        return [a for a in found if _days_off(a, on_date) == nearest][-1]

    def front(self, country: str, on_date: date | None) -> tuple[Actor, Actor] | None:
        """The two parties facing each other on the front line of a theatre of ``country`` (ISO2) on ``on_date``,
        the state first (the theatre's ``front``: the Donbas line, Ukraine's forces and the NAF, until the 2022
        invasion); None where no theatre of the country declares one then."""
        for t in self.theatres.values():
            if country in t.countries and t.front and (t.front_until is None or (on_date and on_date < t.front_until)):
                first, second = (self.actors[aid] for aid in t.front)
                return first, second
        return None

    def __len__(self) -> int:
        return len(self.actors)

    def find(self, text: str, on_date: date | None = None, theatre: str | None = None) -> list[ActorMatch]:
        """Every actor alias occurring in ``text``, leftmost-longest, each resolved to one actor.

        Where the words name several actors (the "armée" of two theatres, a name valid before and after a
        regime change), the choice prefers, in order: an alias valid on ``on_date``, the ``theatre`` given,
        the theatre and country that the text's unambiguous named mentions point to, an alias of
        ``global.toml``, then the data's order; the others are kept in ``alternatives``. A descriptive
        alias of a theatre the text is not about is left out ("rebelles" in an article about Colombia):
        pass ``theatre`` (see ``theatres_for_country``) when the text names no actor by name.
        """
        return self._find(text, on_date, theatre, lenient=False)

    def _find(self, text: str, on_date: date | None, theatre: str | None, lenient: bool) -> list[ActorMatch]:
        spans = self._index.scan(text)
        theatre_votes, country_votes = _votes(spans)
        matches = (self._choose(span, on_date, theatre, theatre_votes, country_votes) for span in spans)
        return [m for m in matches if not self._off_theatre(m, theatre, theatre_votes, lenient)]

    def _off_theatre(self, match: ActorMatch, theatre: str | None, theatre_votes: dict[str, float], lenient: bool) -> bool:
        """Whether a descriptive match comes from a theatre the text is not about: a theatre's descriptive
        phrases ("rebelles", "paramilitaires") count only when the text names one of its actors by name
        or the caller says the text is about it; global ones ("civils") always count. ``lenient`` keeps
        a phrase that can name one actor only ("ministère turc")."""
        if match.specificity != "descriptive" or match.theatre == GLOBAL_THEATRE or theatre == match.theatre:
            return False
        if lenient and not match.alternatives and theatre is None:
            return False
        votes = theatre_votes.get(match.theatre, 0.0)
        # Half the leading theatre's votes: "forces russes" gives a third of a vote to each of Russia's wars.
        return votes <= 0 or votes < THEATRE_MIN_SHARE * max(theatre_votes.values())

    def _choose(self, span: Span, on_date, theatre, theatre_votes, country_votes) -> ActorMatch:
        if len(span.payloads) == 1:
            best, alternatives, reason = span.payloads[0], (), "only candidate"
        else:

            def rank(e: _Entry) -> tuple:
                return (
                    -e.alias.days_off(on_date),  # valid on the date, else the nearest period
                    theatre is not None and e.alias.theatre == theatre,
                    theatre_votes.get(e.alias.theatre, 0.0),
                    country_votes.get(e.country, 0.0),
                    e.alias.theatre == GLOBAL_THEATRE,
                    -e.order,
                )

            ranked = sorted(span.payloads, key=rank, reverse=True)
            best = ranked[0]
            others = [e for e in ranked if e.actor_id != best.actor_id]
            alternatives = tuple(dict.fromkeys(e.actor_id for e in others))
            reason = "only candidate"
            if others:
                pairs = zip(_RANK_REASONS, rank(best), rank(others[0]))
                reason = next((label for label, x, y in pairs if x != y), "first in the data (tie)")
        actor, alias = self.actors[best.actor_id], best.alias
        return ActorMatch(
            start=span.start,
            end=span.end,
            text=span.text,
            actor_id=actor.id,
            name=actor.name_on(on_date),
            inter=actor.inter,
            country=actor.country,
            kind=actor.kind,
            specificity=alias.specificity,
            historical=bool(on_date and alias.valid_to and on_date >= alias.valid_to),
            valid=alias.valid_on(on_date),
            theatre=alias.theatre,
            alias=alias.text,
            alternatives=alternatives,
            reason=reason,
        )

    def resolve_match(self, phrase: str, on_date: date | None = None, theatre: str | None = None) -> ActorMatch | None:
        """The one actor a phrase names ("44 membres du HTS" -> HTS): its named mention first, else its first.

        Unlike ``find``, a descriptive phrase that can name one actor only resolves without context
        ("le ministère turc" -> Turkey's defence ministry); one that several theatres use does not.
        """
        matches = self._find(phrase, on_date, theatre, lenient=True)
        if not matches:
            return None
        return min(matches, key=lambda m: (m.specificity != "named", not m.valid, -(m.end - m.start), m.start))

    def resolve(self, phrase: str, on_date: date | None = None, theatre: str | None = None) -> Actor | None:
        """The actor a phrase names, or None when the registry knows none in it."""
        match = self.resolve_match(phrase, on_date=on_date, theatre=theatre)
        return self.actors[match.actor_id] if match else None

    def narrow_to_place(self, actor_id: str, places: Iterable[str | None], on_date: date | None = None) -> Actor | None:
        """The one sub-body of ``actor_id`` whose valid names name one of ``places``, else None.

        "les autorités régionales" of an article about a strike on Kharkiv are Kharkiv's regional
        administration when the registry lists one under the generic body with a name holding "Kharkiv".
        """
        wanted = {fold(p) for p in places if p and fold(p)}
        if not wanted:
            return None
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)) + r")(?!\w)")
        found = [
            a for a in self.actors.values()
            if a.parent == actor_id and any(al.valid_on(on_date) and pattern.search(fold(al.text)) for al in a.aliases)
        ]
        return found[0] if len(found) == 1 else None

    def guess_theatre(self, text: str) -> str | None:
        """The theatre most of the text's named actor mentions belong to, or None (see ``find``)."""
        votes, _ = _votes(self._index.scan(text))
        return max(votes, key=lambda t: (votes[t], t)) if votes else None

    def descriptive_theatre(self, text: str) -> str | None:
        """The one theatre whose own words a text uses when it names no actor by name: two different phrases of its
        file and of no other ("regime forces battled rebel forces"), none meant for several actors ("soldiers"), and
        no phrase of another theatre alone; a group's name of several wars that one of its readings is of that
        theatre is the second phrase ("Regime forces ... after clashes with Islamic State forces"). None otherwise
        (one word, "vigilantes", may be listed in one file only and be everyone's)."""
        words: dict[str, set[str]] = defaultdict(set)
        several: list[tuple[set[str], str]] = []  # the theatres of a name several files hold, and the name
        for span in self._index.scan(text):
            tids = {e.alias.theatre for e in span.payloads} - {GLOBAL_THEATRE}
            if len(tids) == 1 and not any(e.alias.shared for e in span.payloads):
                words[tids.pop()].add(fold(span.text))
            elif tids and any(e.alias.specificity == "named" for e in span.payloads):
                several.append((tids, fold(span.text)))
        if len(words) != 1:
            return None
        theatre, own = next(iter(words.items()))
        return theatre if len(own | {name for tids, name in several if theatre in tids}) > 1 else None

    def fits_country(self, actor_id: str, country: str) -> bool:
        """Whether the actor can act in ``country`` (ISO2): it is global, or of that country, or one of its
        theatres declares it."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return False
        return (actor.country == country or GLOBAL_THEATRE in actor.theatres
                or any(country in self.theatres[t].countries for t in actor.theatres if t in self.theatres))

    def countries_of(self, match: ActorMatch) -> tuple[str, ...]:
        """The countries a matched actor acts in, for telling which countries a text is about: a state's forces and
        offices act in their own country; an armed group in every country of the theatre it was named in (JNIM in
        Mali, Burkina Faso and Niger), its own first."""
        own = (match.country,) if match.country else ()
        theatre = self.theatres.get(match.theatre)
        if match.kind in STATE_KINDS or theatre is None:
            return own
        return tuple(dict.fromkeys(own + tuple(theatre.countries)))

    def countries_of_theatres(self, actor_id: str) -> frozenset[str]:
        """The countries of the theatres whose files name the actor (none for the global file's)."""
        actor = self.actors.get(actor_id)
        return frozenset(c for t in (actor.theatres if actor else ()) if t in self.theatres
                         for c in self.theatres[t].countries)

    def theatres_for_country(self, country: str) -> list[str]:
        """The theatres whose files declare ``country`` (ISO2) among their countries."""
        return [t.id for t in self.theatres.values() if country in t.countries]

    def inter_for(self, actor_id: str, event_country: str | None) -> int | None:
        """The actor's ACLED inter code for an event in ``event_country``: state forces abroad are 8."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        abroad = actor.country and event_country and actor.country != event_country
        return 8 if actor.inter == 1 and abroad else actor.inter

    # ------------------------------------------------------------------ relations
    def side(self, actor_id: str, on_date: date | None = None) -> str | None:
        """The actor whose side ``actor_id`` is on: its root parent, or for a state body its state forces."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        seen = set()
        while actor.parent and actor.parent in self.actors and actor.id not in seen:
            seen.add(actor.id)
            actor = self.actors[actor.parent]
        if actor.kind in STATE_KINDS and actor.kind != "state_forces" and actor.country:
            forces = [
                a
                for a in self.actors.values()
                if a.kind == "state_forces" and a.country == actor.country and not a.parent and _active(a, on_date)
            ]
            if forces:
                return forces[0].id
        return actor.id

    def linked(self, link: str, a: str, b: str, theatre: str | None = None) -> bool:
        """Whether actors ``a`` and ``b`` are listed as ``allies`` or ``adversaries`` (in ``theatre``, or any)."""
        pair = frozenset((a, b))
        tables = self._links[link]
        if theatre is not None:
            return pair in tables.get(theatre, ()) or pair in tables.get(GLOBAL_THEATRE, ())
        return any(pair in pairs for pairs in tables.values())

    def relation(
        self, claimant_id: str | None, counted_id: str | None, theatre: str | None = None, on_date: date | None = None
    ) -> str:
        """How a claimant stands to the group it counts: own_side, enemy, neutral_monitor, outlet or unknown.

        Monitors and international organisations are ``neutral_monitor``; outlets without a parent are
        ``outlet``; otherwise both are taken to their side (parent chain; a ministry, spokesperson or
        state medium without a parent to its country's state forces, valid on ``on_date``) and compared:
        the same side or declared allies is ``own_side``, declared adversaries ``enemy``. Civilians are
        nobody's side, so counting them gives ``unknown``. A monitor or an outlet is classed as such even
        when the counted group is unknown (``counted_id`` None).
        """
        claimant = self.actors.get(claimant_id) if claimant_id else None
        if claimant is None:
            return "unknown"
        if claimant.kind in NEUTRAL_KINDS:
            return "neutral_monitor"
        if claimant.kind == "media" and not claimant.parent:
            return "outlet"
        counted = self.actors.get(counted_id) if counted_id else None
        if counted is None or counted.kind == "civilians":
            return "unknown"
        a, b = self.side(claimant_id, on_date), self.side(counted_id, on_date)
        if a == b or self.linked("allies", a, b, theatre):
            return "own_side"
        if self.linked("adversaries", a, b, theatre):
            return "enemy"
        return "unknown"


def _votes(spans: list[Span]) -> tuple[dict[str, float], dict[str, float]]:
    """What a text is about: one vote per named mention for its theatre and for its actor's country.

    Only a name that belongs to one theatre alone votes for it ("EI", used in several, does not).
    """
    theatre_votes: dict[str, float] = defaultdict(float)
    country_votes: dict[str, float] = defaultdict(float)
    for span in spans:
        named = [e for e in span.payloads if e.alias.specificity == "named"]
        if not named:
            continue
        tids = {e.alias.theatre for e in span.payloads}
        if len(tids) == 1 and GLOBAL_THEATRE not in tids:
            theatre_votes[tids.pop()] += 1.0
        countries = {e.country for e in named}
        if len(countries) == 1 and "" not in countries:
            country_votes[countries.pop()] += 1.0
    return theatre_votes, country_votes


def _active(actor: Actor, on_date: date | None) -> bool:
    return _days_off(actor, on_date) == 0


def _days_off(actor: Actor, on_date: date | None) -> int:
    """How far ``on_date`` lies from the nearest period any of the actor's names was valid (0: active then)."""
    return min((a.days_off(on_date) for a in actor.aliases), default=0)


def _overlap(a: Alias, b: Alias) -> bool:
    start = max(a.valid_from or date.min, b.valid_from or date.min)
    end = min(a.valid_to or date.max, b.valid_to or date.max)
    return start < end


@lru_cache(maxsize=None)
def _load_cached(lang: str, theatres: tuple[str, ...] | None, include_publishers: bool) -> ActorRegistry:
    names = actor_files()
    if theatres is not None:
        wanted = set(theatres) | {GLOBAL_THEATRE}
        unknown = wanted - {n.removesuffix(".toml") for n in names}
        if unknown:
            raise DataFileError(Messages.E013.format(path="actors/", detail=f"no actor file for theatres {sorted(unknown)}"))
        names = [n for n in names if n.removesuffix(".toml") in wanted]
    registry = ActorRegistry(((n, read_toml("actors", n)) for n in names), langs=(lang, ANY_LANG))
    if include_publishers:
        registry._add_publishers()
    log.info("actor registry: %d actors from %s", len(registry), ", ".join(names))
    return registry
