"""Settle an event's parties once its document's repeats are folded and its place is final: ACLED's generic actors
of the country where it happened, a demonstration's crowd as its actor1, a clash on civilians as an attack on them,
and the country an event no town or province is told for happened in. Reads what ``frontwatch.extract.document``'s
context knows; writes only the draft it is given."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from frontwatch.extract.draft import Draft as _Draft
from frontwatch.extract.merge import PEACEFUL
from frontwatch.extract.parties import CROWDS, canonical, country_code
from frontwatch.extract.political import ORGANISED_INTERS
from frontwatch.extract.scenes import at_province_seat, country_place
from frontwatch.extract.sides import against_civilians, crowd_nationality, generic_side, unnamed_victims
from frontwatch.extract.triggers import load_targets, may_attack_civilians
from frontwatch.records import CIVILIANS_INTER, STATE_INTER, Place
from frontwatch.resolve.generic import generic_group, generic_kind, group_kinds

if TYPE_CHECKING:
    from frontwatch.extract.document import _Context

# ACLED inter codes of rioters and protesters
CROWD_INTERS = frozenset({5, 6})
# ACLED's generic actors named after the country where the event happens, whoever they are ("Civilians (Mali)"
# for French hostages killed in Mali; "Protesters (Israel)" for a march in Tel Aviv): not after a state.
_OF_THE_SCENE = frozenset({"armed_group", "rioters", "protesters", "civilians"})


def settle(ctx: _Context, draft: _Draft) -> None:
    """Once a document's repeats are folded the event's place is final (a province's event goes to its seat, as
    ACLED places it): its parties are those of its country (``fit_to_place``; an unidentified armed group, a
    crowd or civilians are the country's where it happened), and a clash whose victims are civilians is an
    attack on them when its trigger can be one ("l'attaque"; "les combats" stay a battle, whoever died in them)."""
    if draft.place is not None:
        draft.place = at_province_seat(draft.place, ctx.doc.language or "fr")
    where = draft.place or ctx.home
    country = where.country if where is not None else None
    for role in ("actor1", "actor2"):
        actor = ctx.parties.fit_to_place(getattr(draft, role), draft.place)
        kind = generic_kind(actor.name) if actor is not None else None
        if (kind in _OF_THE_SCENE or kind in group_kinds()) and country and actor.country != country:
            found = generic_side(kind, country, generic_group(actor.name))  # a registry militia abroad is ACLED's
            # militia of its people there ("Fulani militiamen" in Mali), still the registry's group
            actor = replace(found, actor_id=actor.actor_id, specificity=actor.specificity) if found else actor
        setattr(draft, role, actor)
    _against_whom(ctx, draft)
    nationality = crowd_nationality(ctx.text, draft.mention.actor1, ctx.doc.language or "fr") if (
        draft.event_type in CROWDS) else None
    if country is None and nationality is None:
        return
    _crowd_clash(draft)
    if draft.event_type in CROWDS:
        if draft.sub_event_type == PEACEFUL and draft.actor2 is not None and draft.actor2.inter == CIVILIANS_INTER:
            draft.actor2 = None  # a peaceful protest hits no one: what it is against is no side ("against Israel's
            # recognition of Somaliland")
        # ACLED's actor1 of a demonstration is its crowd: a force named first is who met it, a party the
        # crowd's associate ("des partisans du Hamas"), a phrase as written ("40.000 personnes") the crowd itself
        # (the crowd of a demonstration that turned violent are rioters, of a peaceful one protesters)
        named = draft.actor1
        if (named is None or not canonical(named) or named.inter not in CROWD_INTERS
                or generic_kind(named.name) in CROWDS.values()):
            # a crowd written with its nationality is of that country ("Chadian students demonstrated in
            # front of their embassy" in Ouagadougou: ACLED's "Protesters (Chad)")
            draft.actor1 = generic_side(CROWDS[draft.event_type], nationality or country) or named
            if named is not None and canonical(named) and named.inter not in CROWD_INTERS:
                # (a peaceful protest meets no one: state forces that protest are its crowd, "soldiers staged a
                # demonstration", "Puntland Darawish forces protested ... due to unpaid salaries")
                # (the crowd named after the force that met it is actor1 now, no longer its other side: "Police
                # dispersed the protesters")
                met = draft.actor2 is None or draft.actor2.inter in CROWD_INTERS or generic_kind(
                    draft.actor2.name) in CROWDS.values()
                if named.inter == STATE_INTER and met and draft.sub_event_type != PEACEFUL:
                    draft.actor2 = named
                elif named.name not in draft.assoc1:
                    draft.assoc1 = (*draft.assoc1, named.name)
    elif draft.actor1 is not None and (draft.actor2 is None or not canonical(draft.actor2)):
        # ACLED names the victims of every attack it codes, and whose property was looted ("one individual", "a
        # shop": civilians)
        draft.actor2 = unnamed_victims(draft.sub_event_type, country) or draft.actor2


def _against_whom(ctx: _Context, draft: _Draft) -> None:
    """A clash whose victims are civilians is an attack on them when its trigger can be one ("l'attaque"); in
    "les combats" the civilians killed are among its dead, not a side."""
    anchor = draft.mention
    if may_attack_civilians(ctx.doc.language or "fr", anchor.trigger, anchor.lemma):
        draft.event_type, draft.sub_event_type = against_civilians(draft.event_type, draft.sub_event_type,
                                                                    draft.actor2, anchor, ctx.doc.language or "fr",
                                                                    _unopposed(ctx, draft))
    elif draft.event_type == "Battles" and draft.actor2 is not None and draft.actor2.inter == CIVILIANS_INTER:
        draft.actor2 = None


def _crowd_clash(draft: _Draft) -> None:
    """A clash between a crowd and a named other side ("hundreds of demonstrators clashed with police") is a
    violent demonstration, as ACLED codes it, the crowd its actor1: no armed party fights on that side."""
    if draft.event_type != "Battles" or draft.sub_event_type != "Armed clash" or None in (draft.actor1, draft.actor2):
        return
    crowd = [a for a in (draft.actor1, draft.actor2)
             if a.inter in CROWD_INTERS or generic_kind(a.name) in CROWDS.values()]
    if len(crowd) != 1:
        return
    draft.event_type, draft.sub_event_type = "Riots", "Violent demonstration"
    if draft.actor1 is not crowd[0]:
        draft.actor1, draft.actor2 = crowd[0], draft.actor1


def _unopposed(ctx: _Context, draft: _Draft) -> bool:
    """Whether what the event's trigger acts on is a village, a town or a civilian site (its noun, targets.tsv,
    or a place name: "militants attacked the village of X", "ASWJ attacked Mahate") and no armed party of the
    other side is named in its sentence ("attacked X and were repelled by the army" is a battle)."""
    target, sent = draft.mention.target, draft.sentence
    if target is None or (draft.actor2 is not None and draft.actor2.name != target.text) or any(
            a.inter in ORGANISED_INTERS for a in ctx.parties.parties_in(sent.start, sent.end, draft.actor1)):
        return False
    kind = load_targets(ctx.doc.language or "fr").get(target.head) if target.head else None
    return kind in ("place", "site") or any(p.start < target.end and target.start < p.end for p in ctx.places)


def home_of(ctx: _Context, draft: _Draft) -> Place | None:
    """The country an event no town or province is told for happened in: the article's, unless none of the
    event's armed parties acts there ("La Turquie a lancé le 9 octobre une offensive contre la milice kurde des
    YPG" in an article on French reactions is no fighting in France: neither the Turkish army nor the YPG fight
    in France); then its non-state party's own country, where it fights, else none. A state's forces abroad act
    in their theatres ("les frappes françaises visant la Syrie"), but their own country says nothing of where."""
    code = country_code(ctx.home.country) if ctx.home is not None else None
    if code is None:
        return ctx.home
    groups = [a for a in (draft.actor1, draft.actor2) if a is not None and a.actor_id is not None
              and a.inter in ORGANISED_INTERS and not (a.inter == STATE_INTER and a.country == ctx.home.country)]
    if not groups or any(ctx.registry.fits_country(a.actor_id, code) for a in groups):
        return ctx.home
    at_home = {a.country for a in groups if a.country and a.inter != STATE_INTER}
    return country_place(at_home.pop(), ctx.doc.language or "fr") if len(at_home) == 1 else None


def of_the_home(ctx: _Context, draft: _Draft) -> None:
    """An event placed at the country the article is about: its gunmen, crowds and civilians kept as written
    ("an unidentified armed group", "three unidentified armed men") are that country's, as ACLED names them
    (a soldier noun alone may be a foreign army's: it stays as written)."""
    for role, victim in (("actor1", False), ("actor2", True)):
        actor = getattr(draft, role)
        if actor is None or actor.actor_id is not None or canonical(actor):
            continue
        found = ctx.parties.standing_for(actor, draft.place, victim)
        if found is not None and found is not actor and (generic_kind(found.name) in _OF_THE_SCENE
                                                         or generic_kind(found.name) in group_kinds()):
            setattr(draft, role, found)
            if role == "actor2" and found.inter == CIVILIANS_INTER:  # "killed two members of the Foulse
                _against_whom(ctx, draft)  # community": people of the country, so an attack on civilians
