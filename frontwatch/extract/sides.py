"""Who acts and who is hit, read the way ACLED codes it: its generic actors for a draft's side, a crowd's violence as
a riot, civilians as victims (a clash on them is an attack, an attack on armed men a clash), the parties counted as
victims, a country named inside a phrase. Read by ``frontwatch.extract.document`` when it drafts and settles
events; the words are language data (``crowd_words.tsv``, ``actor_words.tsv``, ``places_countries.tsv``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from frontwatch.data import read_tsv_dicts
from frontwatch.extract.arguments import lookup
from frontwatch.extract.draft import Actor
from frontwatch.extract.events import EventMention, Role
from frontwatch.extract.parties import WORD, actor_words, country_code, country_name, crowd_words, state_named
from frontwatch.extract.political import ORGANISED_INTERS, armed_phrase, names_armed_men
from frontwatch.extract.triggers import may_be_battle
from frontwatch.records import CIVILIANS_INTER
from frontwatch.resolve.actors import ActorMatch, ActorRegistry
from frontwatch.resolve.generic import generic_actor


def generic_side(kind: str, country: str, group: str | None = None) -> Actor | None:
    """ACLED's generic actor of ``kind`` in ``country`` (of ``group``: an identity militia's), as a draft's actor."""
    found = generic_actor(kind, country, group)
    return Actor(found.name, found.inter, None, "descriptive", found.country) if found else None


@lru_cache(maxsize=None)
def _unnamed_kinds(table: str) -> dict[str, str]:
    return {r["sub_event_type"]: r["kind"] for r in read_tsv_dicts("taxonomy", f"{table}.tsv")}


def unnamed_side(sub_type: str, country: str | None) -> Actor | None:
    """ACLED's actor1 for an event no report names a party for, when its sub-type has one (a roadside bomb nobody
    claims: "Unidentified Armed Group (Iraq)"; ``data/taxonomy/unnamed_actors.tsv``), in ``country``."""
    kind = _unnamed_kinds("unnamed_actors").get(sub_type)
    return generic_side(kind, country) if kind and country else None


def front_sides(registry: ActorRegistry, event_type: str, country: str | None, on_date: date | None
                ) -> tuple[Actor | None, Actor | None]:
    """The sides of an act of war no report names a party for, on a theatre's front line in ``country`` (the
    country's English name): a clash is between the front's two parties, fire is the first's (the state's); no one
    where no front runs."""
    code = country_code(country)
    front = registry.front(code, on_date) if code and event_type in _FRONT_ACTS else None
    if front is None:
        return None, None
    first, second = (Actor(a.name, a.inter, a.id, "descriptive", country_name(a.country)) for a in front)
    return first, second if event_type == "Battles" else None


# The acts of war a front line's sides do when no one is named: clashes, and fire from afar
_FRONT_ACTS = frozenset({"Battles", "Explosions/Remote violence"})


def unnamed_victims(sub_type: str, country: str | None) -> Actor | None:
    """ACLED's actor2 for an event that names no party it was done to, when its sub-type has one (an attack, an
    abduction, a looting: "Civilians (Mali)"; ``data/taxonomy/unnamed_victims.tsv``), in ``country``."""
    kind = _unnamed_kinds("unnamed_victims").get(sub_type)
    return generic_side(kind, country) if kind and country else None


def against_civilians(event_type: str, sub_type: str, target: Actor | None, mention: EventMention, lang: str,
                       unopposed: bool = False) -> tuple[str, str]:
    """A battle is between armed parties (ACLED): a clash whose victims are civilians ("six Français tués par des
    hommes armés"), or an attack on a village or a civilian site that no armed party answers (``unopposed``), is an
    attack on civilians, and an attack on armed men ("a attaqué les hommes infiltrés") a clash, when its word can
    tell a battle (a policeman tortured by his colleagues is a victim, not a side)."""
    if sub_type == "Armed clash" and (unopposed or (target is not None and target.inter == CIVILIANS_INTER)):
        return "Violence against civilians", "Attack"
    armed = target is not None and (target.inter in ORGANISED_INTERS or names_armed_men(target, lang))
    if sub_type == "Attack" and armed and may_be_battle(lang, mention.trigger, mention.lemma):
        return "Battles", "Armed clash"
    return event_type, sub_type


# Violence an unorganised crowd does is a riot (ACLED's mob violence): a clash, an attack, looting or destruction
MOB_SUBTYPES = frozenset({"Armed clash", "Attack", "Looting/property destruction"})


def crowd(written: str, actor: Actor | None, lang: str) -> bool:
    """Whether the one acting is a crowd of unorganised people, as written ("a crowd of residents", "30 people",
    "supporters of the two candidates": data ``crowd_words``), not an organised party nor armed men ("armed
    youths", "clan militia")."""
    if actor is not None and actor.inter in ORGANISED_INTERS:
        return False
    if armed_phrase(Actor(written, None, None), lang):
        return False
    table = crowd_words(lang)
    return any(lookup(w, table) for w in WORD.findall(written.lower()))


def crowd_nationality(text: str, role: Role | None, lang: str) -> str | None:
    """The country (English name) of a crowd written with its demonym ("Chadian students", "Sudanese refugees",
    "Kenyans"): one demonym (actor_words.tsv) among the capitalised words up to the phrase's head."""
    if role is None or role.head_start < role.start:
        return None
    head = WORD.match(text, role.head_start)
    written = text[role.start:head.end() if head else role.head_start]
    table = actor_words(lang)
    codes = {found[0] for w in WORD.findall(written) if w[:1].isupper()
             and (found := lookup(w.lower(), table)) is not None and found[0] and found[1] == "state_forces"}
    return country_name(codes.pop()) if len(codes) == 1 else None


def victims_named(mentions: Sequence[EventMention], actor_matches: Sequence[ActorMatch], text: str) -> list[tuple[int, int]]:
    """The parties named right before a word that counts them as victims ("trois soldats français blessés dans un
    attentat"): hit, never who acted in their sentence."""
    return [(a.start, a.end) for m in mentions if m.kind == "casualty" for a in actor_matches
            if a.end <= m.start and not text[a.end:m.start].strip()]


def objects_hit(mentions: Sequence[EventMention]) -> list[tuple[int, int]]:
    """The direct objects of the triggers ("An unknown armed group targeted AMISOM forces using a RCIED"): acted
    upon in their sentence, never who did another of its events."""
    return [(m.actor2.start, m.actor2.end) for m in mentions if m.actor2 is not None and m.actor2.dep == "obj"]


def country_within(phrase: str, lang: str) -> str | None:
    """The ISO code of a country whose name a phrase holds ("Suspected United States forces", "Kenya security
    forces"); a one-word name counts when capitalised, as a country's name is written."""
    words = phrase.split()
    for size in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            if size == 1 and not words[i][:1].isupper():
                continue
            code = state_named(" ".join(words[i:i + size]), lang)
            if code is not None:
                return code
    return None
