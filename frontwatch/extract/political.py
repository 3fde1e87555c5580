"""Whether a drafted event is political violence, a demonstration or a strategic development (ACLED's scope).

A death toll, a weapon or a violent noun is not enough: "un skieur tué par la chute d'un sapin", "la bataille
juridique", "25.000 morts du coronavirus" are no events. The decision reads what extraction already found,
the same way in every language; only the cues are language data (``data/lang/<lang>/political_cues.tsv``) and
the sub-types that imply an armed party are taxonomy (``data/taxonomy/armed_subtypes.tsv``):

- a trigger written with a capital inside its sentence is part of a name ("le Rassemblement national"), unless
  the sentence is a headline in title case ("Killed in Terrorist Rocket Attack");
- an event whose own sentence (its trigger's), or every sentence, uses its trigger word figuratively ("tirer la
  sonnette d'alarme") is none;
- a protest or a riot needs a trigger of its own (not a casualty word);
- violence or a strategic development whose own sentence, or every sentence, tells an accident, a disaster, a
  disease, a suicide, sport, a trial or a commemoration is none, unless an organised party is the subject of the
  verb of violence ("gunmen killed 11 hunters");
- a strategic development needs an organised party: a registry or generic actor of inter 1-4 or 8, or a phrase
  whose own words name armed men, forces or police ("unidentified gunmen", "the police": actor_words.tsv kinds
  armed_group, state_forces, police, with no country of their own), which are ACLED's generic armed actors
  wherever the event turns out to be, or hold a political cue ("security forces", "a clan militia");
- violence needs an organised armed party on either side (armed men as written only when they act, not as
  victims: "un gendarme tué sur la route"), or one the registry knows named in whatever role in its own sentence when
  that sentence opens on its date ("On 13 March, gunmen riding a motorcycle shot dead a QSD fighter"), a sub-type that implies one (an air strike, shelling), or a word that
  makes it political ("attentat", "jihadistes", "une bombe"); a casualty word alone needs a registry or generic
  party, attackers or troops as written who did it ("killed by unidentified gunmen"; not "killed by the
  police"), or the word; an explosion told in a report on a war (more of its sentences tell political
  violence than accidents, disasters or disease) is the war's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from frontwatch.data import lang_file, read_tsv_dicts
from frontwatch.errors import DataFileError
from frontwatch.extract.arguments import lookup
from frontwatch.extract.draft import Actor, Draft
from frontwatch.extract.parties import WORD, actor_words, canonical

# ACLED inter codes of organised parties: state forces, rebels, political and identity militias, external forces.
ORGANISED_INTERS = frozenset({1, 2, 3, 4, 8})
CROWD_TYPES = frozenset({"Protests", "Riots"})
REMOTE = "Explosions/Remote violence"
# actor_words.tsv kinds that name an armed party by themselves ("gunmen", "soldiers", "police")
ARMED_KINDS = frozenset({"armed_group", "state_forces", "police"})
# the kinds that name attackers or troops as written ("gunmen", "assailants", "Ugandan troops"), not the police
ATTACKER_KINDS = frozenset({"armed_group", "state_forces"})


def fold(text: str) -> str:
    """Lower case, composed accents kept ("frappés" is no "frappes"), one apostrophe."""
    return unicodedata.normalize("NFC", text.lower()).replace("’", "'")


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict[str, re.Pattern | None]:
    """One pattern per frame, from the language's cue list (none for a language without it)."""
    try:
        rows = lang_file(lang, "political_cues")
    except DataFileError:
        return {}
    by_frame: dict[str, list[str]] = {}
    for row in rows:
        cue = fold(row["cue"])
        body = re.escape(cue.rstrip("*")).replace("\\ ", r"\s+").replace("'", "['’ ]")
        by_frame.setdefault(row["frame"], []).append(body + (r"\w*" if cue.endswith("*") else r"s?"))
    return {frame: re.compile(rf"\b(?:{'|'.join(sorted(bodies, key=len, reverse=True))})\b")
            for frame, bodies in by_frame.items()}


@lru_cache(maxsize=1)
def armed_subtypes() -> frozenset[str]:
    return frozenset(r["sub_event_type"] for r in read_tsv_dicts("taxonomy", "armed_subtypes.tsv"))


def says(frame: str, text: str, lang: str) -> bool:
    """True when ``text`` holds a cue of ``frame`` (``political`` or ``not_political``)."""
    pattern = _cues(lang).get(frame)
    return pattern is not None and pattern.search(fold(text)) is not None


def _figurative(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the trigger at ``start:end`` of ``sentence`` is a word of an idiom or has one as its next words
    (``idiom`` cues: "a court battle", "protested his innocence", "a frappé un grand coup"); an idiom further off
    ("took part in the protest following Friday prayers following the call to protests") says nothing of it."""
    pattern = _cues(lang).get("idiom")
    return pattern is not None and any(m.start() < end + _IDIOM_REACH and start - _IDIOM_REACH < m.end()
                                       for m in pattern.finditer(fold(sentence)))


def organised(actor: Actor | None) -> bool:
    """A registry or generic actor of an organised party's inter code."""
    return actor is not None and actor.inter in ORGANISED_INTERS and canonical(actor)


_TITLE_MIN_WORDS, _TITLE_SHARE = 4, 0.7
# Characters between a trigger and an idiom it opens or closes ("frappé un grand coup", "tirer la sonnette d'alarme")
_IDIOM_REACH = 15
# An acronym in parentheses right after a phrase: "Improvised Explosive Device (IED)"
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Za-z]{2,8})\)")


def _title_case(sentence: str) -> bool:
    """A headline written in title case ("2 Syrians Killed in Terrorist Rocket Attack"): most of its longer words
    open with a capital, so a capital names nothing."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", sentence) if len(w) > 3]
    return len(words) >= _TITLE_MIN_WORDS and sum(w[0].isupper() for w in words) >= _TITLE_SHARE * len(words)


def armed_phrase(actor: Actor | None, lang: str) -> bool:
    """A phrase kept as written whose own words name armed men, forces or police ("unidentified gunmen", "three
    armed men", "the police") or hold a cue of political violence ("security forces", "clan militia"): an
    organised party the place did not let resolve (no country told) or the registry does not know."""
    if actor is None or canonical(actor):
        return False
    # "security forces", "clan militia", "Tuareg communities"
    return says("political", actor.name, lang) or names_armed_men(actor, lang)


def names_armed_men(actor: Actor | None, lang: str, kinds: frozenset[str] = ARMED_KINDS) -> bool:
    """A phrase kept as written whose own words name armed men, forces or police (actor_words.tsv kinds
    armed_group, state_forces, police: "unidentified gunmen", "les hommes infiltrés", "the police"), or those of
    ``kinds``."""
    if actor is None or canonical(actor):
        return False
    table = actor_words(lang)
    return any((found := lookup(w, table)) is not None and not found[0] and found[1] in kinds
               for w in WORD.findall(actor.name.lower()))


def reports_a_war(sentences: Iterable[str], lang: str) -> bool:
    """Whether a document reports on a war: more of its sentences tell political violence than accidents, disasters
    or disease (``is_political``'s ``war``)."""
    return sum(says("political", s, lang) - says("not_political", s, lang) for s in sentences) > 0


def is_political(draft: Draft, lang: str, war: bool = False, named_party: bool = False) -> bool:
    """True when ``draft`` is an event in ACLED's sense (see the module's docstring). ``war``: the document is a
    report on a war (``reports_a_war``), so an explosion it reports with no party or cue of its own is the war's ("a blast ripped through a bus" in a report on
    Damascus under rebel rockets). ``named_party``: the event's own sentence, a dated report, names an organised
    party the registry or ACLED's generics know, whether or not the parse made it a side."""
    sentences: Iterable[str] = [e.text for e in draft.evidence]
    told = next((e for e in draft.evidence if e.start == draft.sentence.start), None)
    lead = told.text[: max(0, draft.mention.start - told.start)] if told is not None else ""
    # "IED", "IEDs"; not "RAID"; and a capitalised phrase spelt out before its acronym: "an Improvised Explosive
    # Device (IED)"
    expanded = _ACRONYM_AFTER.match(told.text, draft.mention.end - told.start) if told is not None else None
    acronym = any(a.removesuffix("s").isupper() and says("acronym", a, lang)
                  for a in (draft.mention.trigger, expanded and expanded.group(1)) if a)
    if (draft.mention.trigger[:1].isupper() and not acronym
            and draft.mention.start > draft.sentence.start
            and not re.search(r"\d\s*$", lead)  # "Tue 05 Jul 2016 Suicide bombing kills": a dateline, then a title
            and not _title_case(told.text if told is not None else "")):  # "Killed in Terrorist Rocket Attack"
        return False  # a capital inside a sentence makes the word a name: "le Rassemblement national"
    own = next((e.text for e in draft.evidence if e.start == draft.sentence.start), "")
    # the trigger's own words are no cue against it: "une attaque suicide" tells no suicide
    at = draft.mention.start - draft.sentence.start
    own = own[:at] + " " * (draft.mention.end - draft.mention.start) + own[at + draft.mention.end - draft.mention.start:]
    if told is not None and _figurative(told.text, at, at + draft.mention.end - draft.mention.start, lang):
        return False
    if draft.event_type in CROWD_TYPES:  # a crowd against lockdowns or a trial still demonstrates; one that kills
        return draft.mention.kind == "event" or draft.sub_event_type == "Mob violence"  # is a mob
    # an organised party the subject of a verb of violence does it whatever else its sentence tells ("unidentified
    # gunmen killed 11 hunters", "cult militias stormed a football viewing centre"); not "l'offensive turque" beside
    # a football match
    acting = (draft.mention.actor1 is not None and draft.mention.actor1.dep.endswith("nsubj")
              and organised(draft.actor1))
    if not acting and (says("not_political", own, lang) or all(says("not_political", s, lang) for s in sentences)):
        return False
    # armed men as written count when they act ("unidentified gunmen opened fire"), not as victims ("un gendarme tué
    # sur la route en sécurisant une zone d'accident")
    party = organised(draft.actor1) or organised(draft.actor2) or armed_phrase(draft.actor1, lang) or named_party
    if draft.event_type == "Strategic developments":
        return party
    political_word = any(says("political", s, lang) for s in sentences)
    if draft.mention.kind == "casualty":  # victims alone: only a party the registry or ACLED's generics know, or
        # armed men as written who killed them ("were killed on the road by unidentified gunmen"; not the police:
        # "une Afro-Américaine tuée par la police" is no political violence by itself)
        return (organised(draft.actor1) or organised(draft.actor2) or named_party or political_word
                or names_armed_men(draft.actor1, lang, ATTACKER_KINDS))
    remote = draft.event_type == REMOTE and war
    return party or political_word or remote or draft.sub_event_type in armed_subtypes()
