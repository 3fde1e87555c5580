"""Who acts and who is acted upon: the registry or generic ACLED actor a trigger's role phrase names, read against
the whole document (its actor matches, its places and dates, its sentences). ``frontwatch.extract.document`` asks one
``PartyReader`` per document; ``frontwatch.extract.attach`` asks it whose a claim or a figure is."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from frontwatch.extract.arguments import lookup
from frontwatch.extract.draft import Actor as _Actor
from frontwatch.extract.events import EventMention, Role
from frontwatch.extract.militias import acled_militia, identity_militia, militia_phrase
from frontwatch.extract.parties import (KIND_ORDER, NOT_PARTIES, WORD, actor_words, area_nouns, canonical,
                                        country_code, country_name, cue_phrases, party, role_words, state_named)
from frontwatch.extract.place_words import function_words
from frontwatch.extract.quantities import fold, lexicon
from frontwatch.extract.sentences import Sentence
from frontwatch.extract.sides import country_within, generic_side
from frontwatch.extract.triggers import load_targets
from frontwatch.records import CIVILIANS_INTER, Document, Place
from frontwatch.resolve.actors import GLOBAL_THEATRE, STATE_KINDS, ActorMatch, ActorRegistry

# A sentence's heading ("Movement of forces:", "Security measures:") is this many words at most before its colon.
_HEADING_MAX_WORDS = 4
# A force named this far (characters) after a soldier or officer noun, with no clause break between, is whose he
# is: "brigadier général Haj Hashem des " is 31 characters; wire copy names the unit within a name and a "de".
_MEMBER_OF_MAX_CHARS = 40
# The other side of a trigger the parse gives no object is named this close after it (characters), in its clause:
# "conducted airstrikes against PKK targets" is 25 characters.
_OBJECT_MAX_CHARS = 60
# The registry kinds of those who fight: state forces and police, rebels, militias, foreign missions
ARMED_KINDS = frozenset({"state_forces", "police", "rebel", "militia", "external"})
# ACLED's rebels, political militias and identity militias
NON_STATE_INTERS = frozenset({2, 3, 4})
# At most this many words of a party's phrase (its noun: "forces", "faction fighters") stand between its name and an
# umbrella cue
_UMBRELLA_NOUNS = 2
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]«»\"]")


class PartyReader:
    """The parties one document names, and what its role phrases stand for."""

    def __init__(self, doc: Document, text: str, actor_matches: Sequence[ActorMatch], registry: ActorRegistry,
                 sentence_at: Callable[[int], Sentence], where_when: Sequence[tuple[int, int]] = (),
                 acted_upon: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.text = text
        self.actor_matches = sorted(actor_matches, key=lambda a: a.start)
        self.registry = registry
        self.sentence_at = sentence_at
        # where a role phrase's head word says where or when, not who: towns and provinces resolved, dates read
        self.where_when = list(where_when)
        # the subjects of passive verbs told with their agent: what was hit, never who acted ("un convoi ... a été visé
        # par une bombe")
        self.acted_upon = list(acted_upon)

    def actor_within(self, start: int, end: int, head: int = -1) -> ActorMatch | None:
        """The registry or generic actor matched in ``[start, end)``, a named one first, then the one holding the
        phrase's ``head`` word ("anti-Houthi National Resistance forces": the forces, not whom they oppose), then the
        first written."""
        inside = [a for a in self.actor_matches if a.start < end and a.end > start]
        return min(inside, key=lambda a: (a.specificity != "named", not a.start <= head < a.end, a.start), default=None)

    def actor(self, role: Role | None, acting: bool = False) -> _Actor | None:
        """The party a role phrase names; ``acting``: the phrase says who did it (actor1), not whom it hit."""
        if role is None:
            return None
        best = self._under(self.actor_within(role.start, role.end, role.head_start) or self._name_before(role))
        if best is None and acting and role.text[:1].isupper():  # a group the registry does not know, said to
            # fight under one it knows ("Ahrar al Sharqiyah forces operating as part of Operation Peace Spring")
            best = self._umbrella_after(role.end)
        if best is not None and best.kind not in NOT_PARTIES:  # "un vidéaste collaborant avec l'AFP" is no AFP
            return party(best)
        written = role.text.strip(" ,.;:«»\"'")
        if not written or len(written) > 80 or self._says_where_or_when(role):
            return None
        stands_for = role_words(self.doc.language or "fr")
        if (role.dep.startswith("pron") or stands_for.get(written.lower()) == "pronoun"
                or stands_for.get(written.split()[0].lower()) == "possessive"):
            # "son combattant", "leurs positions": the possessor is the party named before
            return self.nearest(role.start, self.sentence_at(role.start), exclude=None)
        whose = self._force_of_member(role, written) or (self._told_before(role, written) if acting else None)
        if whose is not None:
            return whose
        return _Actor(militia_phrase(self.text, role.start, role.end, self.doc.language or "fr") or written, None, None)

    def names(self, roles: Sequence[Role], exclude: _Actor | None) -> tuple[str, ...]:
        """The registry or generic actors the roles name (phrases kept as written are left out)."""
        names: list[str] = []
        for role in roles:
            actor = self.actor(role)
            if actor is not None and canonical(actor) and actor.name not in names and (exclude is None or actor.name != exclude.name):
                names.append(actor.name)
        return tuple(names)

    def nearest(self, offset: int, sent: Sentence, exclude: _Actor | None) -> _Actor | None:
        """The party named last before the trigger in its sentence (not a monitor, a medium, or the one hit)."""
        before = [a for a in self.parties_in(sent.start, offset, exclude)
                  if not any(lo <= a.start < hi for lo, hi in self.acted_upon)]
        return party(self._under(before[-1])) if before else None

    def party_after(self, offset: int, sent: Sentence, actor: _Actor, place: Place,
                    skip: Sequence[tuple[int, int]]) -> _Actor | None:
        """The armed party named first after a trigger in its clause, when the parse gives the trigger no one it acts
        on ("Turkish Military forces conducted airstrikes against PKK targets", "clashed with Hayat Tahrir al-Sham in
        the villages of ..."): not the one who acted, nor a party of its side, nor one in ``skip`` (who speaks, who
        backs it), nor one that does not fight in the country of the event's ``place``."""
        own = self.registry.side(actor.actor_id) if actor.actor_id else None
        country = country_code(place.country)
        for found in self.parties_in(offset, sent.end, actor):
            if found.start - offset > _OBJECT_MAX_CHARS or _CLAUSE_BREAK.search(self.text[offset:found.start]):
                return None
            other = self.registry.side(found.actor_id)
            if (found.kind not in ARMED_KINDS or any(lo <= found.start < hi for lo, hi in skip) or self._ally(found)
                    or country is None or not self.registry.fits_country(found.actor_id, country)
                    or (own is not None and (other == own or self.registry.linked("allies", own, other)))):
                continue
            return party(found)
        return None

    def heading_party(self, mention: EventMention, sent: Sentence, exclude: _Actor | None) -> _Actor | None:
        """A trigger in the few words that head a sentence before a colon ("Movement of forces: On 9 May, Al
        Shabaab arrived in ...") names what the rest reports: the party it names first did it."""
        colon = self.text.find(":", mention.end, sent.end)
        if colon == -1 or len(WORD.findall(self.text[sent.start:colon])) > _HEADING_MAX_WORDS:
            return None
        after = self.parties_in(colon + 1, sent.end, exclude)
        return party(self._under(after[0])) if after else None

    def parties_in(self, start: int, end: int, exclude: _Actor | None) -> list[ActorMatch]:
        """The parties named within ``[start, end)``: not a monitor, a medium, civilians, or the one hit."""
        return [a for a in self.actor_matches if start <= a.start and a.end <= end
                and a.kind not in NOT_PARTIES and a.inter != CIVILIANS_INTER
                and (exclude is None or (a.name != exclude.name and a.actor_id != exclude.actor_id))]

    def fit_to_place(self, actor: _Actor | None, place: Place | None) -> _Actor | None:
        """The actor the words name in the event's country: the registry chose among the actors one phrase can
        name by the whole text's theatre ("l'État islamique" of an article on Syria and Iraq), but an attack in
        Barcelona is the global group's; a non-state group's descriptive name from another war ("les
        séparatistes" of Ukraine in an article on Karabakh) names no one there."""
        country = country_code(place.country) if place is not None else None
        if actor is None or actor.actor_id is None or country is None:
            return actor
        match = next((m for m in self.actor_matches if m.actor_id == actor.actor_id), None)
        alternatives = match.alternatives if match else ()
        states = {self._state_of(a) for a in (actor.actor_id, *alternatives)} - {None}
        if actor.specificity == "descriptive" and len(states) > 1 and self._state_of(actor.actor_id) != country:
            # "soldiers", "policemen": a phrase that names the forces of several states names those of the country
            # the event is in (the registry's, else ACLED's generic ones)
            kind = self.registry.get(actor.actor_id).kind
            own = self.registry.of_country(country, kind, self.doc.published)
            if own is not None:
                return _Actor(own.name, own.inter, own.id, actor.specificity, country_name(own.country))
            found = generic_side(kind, place.country)
            if found is not None:
                return found
        fitting = [a for a in alternatives if self.registry.fits_country(a, country)]
        # a group's name of several theatres ("IS") names its branch in the event's country, as ACLED codes it
        # ("Islamic State (Syria)"), before the global group
        local = [a for a in fitting if country in self.registry.countries_of_theatres(a)]
        if self.registry.fits_country(actor.actor_id, country) and (
                not local or GLOBAL_THEATRE not in self.registry.get(actor.actor_id).theatres):
            return actor
        fitting = local or fitting
        if fitting:
            other = self.registry.get(fitting[0])
            return _Actor(other.name, other.inter, other.id, actor.specificity, country_name(other.country))
        if actor.specificity == "descriptive" and actor.inter not in (1, 8):
            return None
        return actor

    def _state_of(self, actor_id: str) -> str | None:
        """The country of a state's forces or offices (None for any other party)."""
        found = self.registry.get(actor_id)
        return found.country if found is not None and found.kind in STATE_KINDS else None

    def standing_for(self, actor: _Actor | None, place: Place | None, victim: bool) -> _Actor | None:
        """The registry or generic actor an unregistered phrase stands for, as ACLED codes it (actor_words.tsv).

        A demonym or a country's name names that country's state forces ("frappe russe", "la Turquie a bombardé");
        a soldier noun alone names the forces of the event's country ("23 soldats"); "des hommes armés", "des
        manifestants", "des policiers" name the unidentified armed group, the protesters, the police of the event's
        country; ordinary people acted upon ("un homme", "22 personnes") are its civilians, and so are the
        registry's civilians of no country. The registry's actor of that kind and country comes first, else
        ACLED's generic one ("Unidentified Armed Group (Mali)"). Else the phrase is kept as written.
        """
        if actor is None or len(actor.name.split()) > 6:
            return actor
        lang = self.doc.language or "fr"
        if actor.actor_id is not None:
            if not victim or actor.inter != CIVILIANS_INTER or actor.country is not None:
                return actor
            codes, kind = [], "civilians"
        elif (militia := identity_militia(actor.name, lang)) is not None:  # "Zamfara communal militias": the
            # militia ACLED names after its group (a clan's by its lineage), in the event's country
            if place is None:
                return actor
            kind, group = acled_militia(*militia, country_code(place.country), self.doc.published)
            return generic_side(kind, place.country, group) or actor
        else:
            table = actor_words(lang)
            found = [f for w in WORD.findall(actor.name.lower()) if (f := lookup(w, table)) is not None]
            state = state_named(actor.name, lang) or country_within(actor.name, lang)
            if state is not None:
                found.append((state, "state_forces"))
            targets = load_targets(lang)  # "la journaliste italienne": a civilian noun (targets.tsv) with a demonym
            if any(lookup(w, targets) == "civilian" for w in WORD.findall(actor.name.lower())):
                found.append(("", "civilians"))
            if not found:
                return actor
            codes = [code for code, _ in found if code]
            # a word of its own kind decides ("civils afghans", "hommes armés"); a demonym alone names state forces
            own = {k for code, k in found if not code}
            if "unidentified" in own:  # "unidentified men hurled a grenade": people no one knows who attack are an
                # armed group; acted upon, they are only people ("two unidentified men were found dead")
                own = own - {"unidentified"} if victim else own - {"unidentified", "civilians"} | {"armed_group"}
                if not own and not codes:
                    return actor
            # "six Français tués": people named by their nationality alone, when acted upon, are its civilians
            noun = victim and not own and all(w[:1].isupper() for w in WORD.findall(actor.name)
                                               if lookup(w, table) is not None)
            kind = next((k for k in KIND_ORDER if k in own), "civilians" if noun and state is None else "state_forces")
            if kind == "civilians" and not victim:
                return actor
        code = codes[0] if codes else country_code(place.country if place is not None else None)
        if code is None:
            return actor
        hit = self.registry.of_country(code, kind, self.doc.published)
        if hit is not None:
            return _Actor(hit.name, hit.inter, hit.id, "descriptive", country_name(hit.country))
        return generic_side(kind, country_name(code)) or actor

    def _ally(self, found: ActorMatch) -> bool:
        """Whether a party is named right after a word saying it fights beside the one before ("backed by",
        "in coordination with": ``ally_cues.tsv``), an article allowed between."""
        pattern = _ally_pattern(self.doc.language or "fr")
        before = re.sub(r"\s+", " ", self.text[max(0, found.start - 40):found.start].lower())
        return pattern is not None and pattern.search(before) is not None

    def _under(self, match: ActorMatch | None) -> ActorMatch | None:
        """The named armed group a party is said to fight under right after its name ("opposition rebels under
        OPS", "JWS, which operates under OPS": ``umbrella_cues.tsv``), by which ACLED codes it; else the party. The
        noun of the party's phrase may come between ("Syrian National Army forces that operate as part of OPS")."""
        return (self._umbrella_after(match.end) or match) if match is not None else None

    def _umbrella_after(self, end: int) -> ActorMatch | None:
        """The named armed group an umbrella cue right after ``end`` says the party before fights under."""
        cues = cue_phrases(self.doc.language or "fr", "umbrella_cues")
        after = next((a for a in self.actor_matches if a.start >= end), None)
        if not cues or after is None or after.specificity != "named" or after.inter not in NON_STATE_INTERS:
            return None
        words = WORD.findall(self.text[end:after.start].lower())
        return after if any(" ".join(words[i:]) in cues for i in range(min(_UMBRELLA_NOUNS, len(words)) + 1)) else None

    def _name_before(self, role: Role) -> ActorMatch | None:
        """A registry name written right before a role that is only a common noun ("AS fighters", where the parse
        read "AS" as the preposition "as" and left it out of the phrase): the name the noun belongs to."""
        if not role.text[:1].islower():
            return None
        return next((a for a in self.actor_matches if a.specificity == "named" and a.end <= role.start
                     and a.end > role.start - 3 and not self.text[a.end:role.start].strip()), None)

    def _says_where_or_when(self, role: Role) -> bool:
        """A role phrase that no registry actor is named in, and that names a place or a time rather than a party:
        its head word lies in a town or province the gazetteer resolved ("une frappe russe sur Kaya") or in a date
        ("lundi"), or is a noun of places and areas ("dans le centre du pays", data ``places_areas``). A capital
        that stands for its state ("Moscou a lancé une offensive", data ``actor_words``) names a party."""
        lang = self.doc.language or "fr"
        if role.head in area_nouns(lang):
            return True
        if any(lookup(w, actor_words(lang)) is not None for w in WORD.findall(role.text.lower())):
            return False
        return any(a <= role.head_start < b for a, b in self.where_when)

    def _told_before(self, role: Role, written: str) -> _Actor | None:
        """An armed group named just before that a bare noun for fighters takes up again ("presumed Ansaroul Islam
        (JNIM) militants searched for a chief ..., the militants assaulted his family", "FDLR-FOCA combatants"): the
        named rebel or militia written last before it in its sentence or the one before. A noun that says no one
        knows who they are ("unidentified gunmen") takes up no one."""
        lang = self.doc.language or "fr"
        words = WORD.findall(written)
        kinds = [lookup(w, actor_words(lang)) for w in words]
        if (not words or len(words) > 2 or kinds[-1] != ("", "armed_group")
                or any(k is not None and k != ("", "armed_group") for k in kinds[:-1])
                or any(w.isdigit() or fold(w) in lexicon(lang).numbers for w in words)):  # "one militant" is counted
            return None
        sent = self.sentence_at(role.start)
        start = self.sentence_at(sent.start - 1).start if sent.start > 0 else sent.start
        named = [a for a in self.parties_in(start, role.start, None) if a.specificity == "named"
                 and a.inter in NON_STATE_INTERS and not any(lo <= a.start < hi for lo, hi in self.acted_upon)]
        return party(named[-1]) if named else None

    def _force_of_member(self, role: Role, written: str) -> _Actor | None:
        """The force named right after a member of it ("du brigadier général Haj Hashem des gardiens de la
        révolution iraniens", "un colonel de l'armée soudanaise"): the phrase's own nominal modifiers, cut from
        the role, say whose forces a soldier or an officer (actor_words.tsv, no country of its own) belongs to."""
        table = actor_words(self.doc.language or "fr")
        found = [lookup(w, table) for w in WORD.findall(written.lower())]
        if not any(f is not None and not f[0] and f[1] == "state_forces" for f in found):
            return None
        sent = self.sentence_at(role.start)
        after = [a for a in self.actor_matches if role.end <= a.start < sent.end and a.kind not in NOT_PARTIES
                 and a.start - role.end <= _MEMBER_OF_MAX_CHARS and not _CLAUSE_BREAK.search(self.text[role.end:a.start])]
        # the force is the member's only through the language's "of" ("un colonel de l'armée"): "the military clashed
        # with Ambazonian separatists" names the other side after the verb
        of = function_words(self.doc.language or "fr")["of"]
        after = [a for a in after if not of or re.match(of, self.text[role.end:a.start] + " ", re.IGNORECASE)]
        return party(after[0]) if after else None


@lru_cache(maxsize=None)
def _ally_pattern(lang: str) -> re.Pattern[str] | None:
    """An ally cue (``ally_cues.tsv``) ending a text, an article allowed after it: compiled once per language."""
    cues = cue_phrases(lang, "ally_cues")
    if not cues:
        return None
    article = function_words(lang)["article"]
    alternatives = "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?:^|\W)(?:{alternatives})\s+(?:{article})?$")
