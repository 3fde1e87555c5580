"""Event mentions from a parsed Doc: triggers typed in ACLED's taxonomy, their status, and their roles.

Roles come from the dependency parse: who acts (actor1, with allies as assoc1), who is acted upon (actor2,
assoc2) and the place or object attacked (target). Triggers connected in one clause ("une frappe a tué",
"tiré des obus") make one mention, named by the most specific of them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from frontwatch.extract.arguments import (ACTOR_CLASSES, Args, Patient, case_of, conjuncts, found_role, lookup,
                                         noun_phrase, target_class, trigger_arguments)
from frontwatch.extract.modality import assess, clause_head, is_finite
from frontwatch.extract.triggers import TriggerEntry, TriggerMatch, load_targets, match_triggers, normalise

log = logging.getLogger(__name__)

TERRITORY = "@territory"
# A civilian site is chosen like civilians (an attack on a hospital) but reported as the target.
_SELECTION_CLASS = {"site": "civilian"}
# Dependencies along which two triggers of one clause are the same happening.
_MERGE_DEPS = {"obj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "nsubj", "nsubj:pass", "compound",
               "appos", "flat", "flat:name", "iobj", "xcomp", "advcl"}
_KIND_RANK = {"event": 2, "instrument": 1, "casualty": 0}
# The non-violent type: a weapon or platform connected to one of its triggers does not make it violence.
_NOT_REFINED = "Strategic developments"
# A crowd's types, and the cases (cases.tsv) that attach what a crowd demonstrates about: "protested against the
# killing of", "demonstrated over sexual violence", "manifesté contre les frappes".
_CROWD_TYPES = frozenset({"Protests", "Riots"})
_TOPIC_CASES = frozenset({"contre", "sujet"})


@dataclass(frozen=True)
class Role:
    """A noun phrase filling a role: character offsets into the parsed text and how it was found."""

    start: int
    end: int
    text: str
    dep: str  # nsubj, obl:agent, nmod:de, amod, obj, contre, sur, conj:nsubj, xcomp:nsubj, advcl:nsubj, left, ...
    head_start: int = -1  # offset of the phrase's head word
    head: str = ""  # the head word's lemma, lower-cased, when it is written in lower case (a common noun)


@dataclass(frozen=True)
class EventMention:
    """One trigger (or connected group of triggers) read as an ACLED event, with roles and status."""

    start: int
    end: int
    trigger: str
    lemma: str
    sent_start: int
    sent_end: int
    event_type: str
    sub_event_type: str  # exact ACLED spelling, or "@territory" until finalise_sub_event_type
    actor1: Role | None
    actor2: Role | None
    assoc1: tuple[Role, ...]
    assoc2: tuple[Role, ...]
    target: Role | None
    status: str  # asserted | negated | hypothetical | intended | reported_hedged | background
    reason: str
    tense: str = "none"  # present, past, imperfect, pluperfect, future, conditional, conditional_past, none
    kind: str = "event"  # the anchor trigger's kind: event, or casualty ("tués", "blessés") naming only victims
    anaphoric: bool = False  # a nominal under a demonstrative ("cette offensive"): an event told before
    told_before: bool = False  # the event a party claims or is blamed for ("a revendiqué l'attaque"): told before or not here
    definite: bool = False  # a nominal subject under a definite article ("l'attaque a été revendiquée")
    plural: bool = False  # the trigger is plural ("les manifestations", "les frappes")
    known: bool = False  # a nominal naming a known event ("l'attaque contre l'Hyper Cacher", ``_known_event``)


def finalise_sub_event_type(sub_event_type: str, actor1_inter: int | None) -> str:
    """Resolve the "@territory" placeholder by who took the place: state forces (inter 1) regain it."""
    if sub_event_type != TERRITORY:
        return sub_event_type
    return "Government regains territory" if actor1_inter == 1 else "Non-state actor overtakes territory"


# --- choosing rows, splitting roles -----------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A trigger with its chosen row and raw arguments, before connected triggers are merged."""

    match: TriggerMatch
    entry: TriggerEntry
    args: Args
    clause: int
    classes: tuple[str | None, ...]  # class of each patient


def _acted_upon(child: Token, match: TriggerMatch, targets: dict[str, str]) -> bool:
    """The trigger's object, or the subject of its passive that is not a party ("sont entrés" parses as a passive)."""
    if child.i in match.tokens:
        return False
    return child.dep_ == "obj" or (child.dep_ == "nsubj:pass" and target_class(child, targets) not in ACTOR_CLASSES)


def _choose(entries: tuple[TriggerEntry, ...], strong: set[str], weak: set[str],
            direct_object: bool = False, acted_upon: bool = False, purpose: bool = False) -> TriggerEntry | None:
    """The row that fits the classes of what the trigger acts upon: ``strong`` (its object, "contre", "sur", "de"),
    and ``weak`` ("à", "dans": the place entered or struck in), but not for a capture of territory when something
    else is named as taken ("une propriété a été saisie à Londres", "ont saisi des armes à Gao": a seizure at a
    place, not of it)."""
    scored = []
    for entry in entries:
        if entry.kind == "support" or (entry.needs == "intransitive" and direct_object):
            continue  # "manifester son soutien", "demonstrated its resolve": to show something, no protest
        if entry.needs == "purpose" and (direct_object or not purpose):
            continue  # "a crowd gathered" at a blast is no protest; "gathered to demand", "gathered against" is
        if entry.excluded & strong:
            continue  # "prendre le contrôle du pouvoir": no territory
        if entry.objects:
            entered = "place" in entry.objects and not (acted_upon and entry.sub_event_type == TERRITORY)
            seen = strong | (weak if entered else set())
            if not entry.objects & seen:
                continue
        scored.append(((1 if entry.objects else 0, entry.priority), entry))
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _purpose(token: Token) -> bool:
    """Whether a verb says what it is for: an infinitive of purpose ("gathered to demand wages") or what it is
    against ("gathered against the closure of mosques")."""
    return any((c.dep_ in ("advcl", "xcomp") and "Inf" in c.morph.get("VerbForm"))
               or (c.dep_.startswith("obl") and case_of(c) == "contre") for c in token.children)


def _candidate(doc: Doc, match: TriggerMatch, supports: dict[int, TriggerEntry],
               targets: dict[str, str]) -> _Candidate | None:
    token = doc[match.head]
    args = trigger_arguments(token, match, supports, targets)
    rows = [e for e in match.entries if e.kind != "support"]
    if not rows:
        return None
    patients = list(args.patients)
    actor1 = args.actor1
    if all(e.roles == "swap" for e in rows):
        # "l'armée perd le contrôle de la route", "X est tombée aux mains de Y": the subject is acted upon
        owner = next((p for p in patients if p.label == "phrase:de" and target_class(p.token, targets) in ACTOR_CLASSES), None)
        subject = [Patient(doc[actor1.head], "swap:" + actor1.dep, True)] if actor1 and actor1.head is not None else []
        patients = subject + [p for p in patients if p is not owner]
        actor1 = found_role(owner.token, "phrase:de") if owner else None
    elif rows[0].pos == "NOUN" and actor1 is None and not any(e.roles == "patient" for e in rows):
        # "l'attaque de groupes armés": a nominal's "de X" that names an actor is who acts
        owner = next((p for p in patients if p.label == "nmod:de" and target_class(p.token, targets) in ACTOR_CLASSES), None)
        if owner is not None:
            actor1 = found_role(owner.token, "nmod:de")
            patients = [p for p in patients if p is not owner]
    doer = target_class(doc[actor1.head], targets) if actor1 is not None and actor1.head is not None else None
    if doer == "feeling" or (doer == "abstract" and actor1.dep.endswith("obl:agent")):
        # "un Nord-Mali déjà frappé par la saison des pluies", "hit by the crisis", "la terreur qui s'est emparée de
        # la ville": no one acts
        return None
    classes = tuple(target_class(p.token, targets) for p in patients)
    strong = {_SELECTION_CLASS.get(c, c) for c, p in zip(classes, patients) if p.strong and c}
    weak = {_SELECTION_CLASS.get(c, c) for c, p in zip(classes, patients) if not p.strong and c}
    # a day parsed as the object ("des milliers manifestaient samedi") is when, not what
    objects = [c for c in token.children if c.dep_ == "obj" and targets.get(normalise(c.lemma_)) != "time"]
    # goods counted as what was taken ("saisie de 14 tonnes d'amphétamines en Italie"): a seizure at a place, not of it
    counted = any(p.strong and c != "place" and any(g.dep_ == "nummod" for g in p.token.children)
                  for c, p in zip(classes, patients))
    entry = _choose(match.entries, strong, weak, direct_object=bool(objects), purpose=_purpose(token),
                    acted_upon=counted or any(_acted_upon(c, match, targets) for c in token.children))
    if entry is None or (entry.needs == "support" and args.support is None):
        return None
    if entry.needs == "agent" and not _acting(token, targets):
        return None  # a crowd noun tells a demonstration only as who acts ("des manifestants ont scandé des slogans")
    return _Candidate(match, entry, Args(actor1, tuple(patients), args.support), clause_head(token).i, classes)


def _crowd_told_otherwise(crowd: _Candidate, cands: list[_Candidate], doc: Doc) -> bool:
    """Whether the sentence of a crowd that acts tells another event than what the crowd denounces or demands: its
    own verb ("demonstrators set tires ablaze": the crowd is that act's party) or another clause's ("clashes were
    reported"); what its verb governs ("Kurdish protesters denounced the Turkish airstrike") is its grievance."""
    verb = _crowd_verb(doc[crowd.match.head])
    return any(c is not crowd and c.entry.needs != "agent"
               and (c.match.head == verb.i or not verb.is_ancestor(doc[c.match.head])) for c in cands)


def _crowd_verb(token: Token) -> Token:
    """The verb a crowd noun is the subject of, itself or through its quantity."""
    verb = token.head
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _acting(token: Token, targets: dict[str, str]) -> bool:
    """Whether a noun is the subject of a finite verb, itself or through its quantity ("plusieurs dizaines de
    manifestants ont brandi des drapeaux")."""
    if token.dep_ == "nmod" and (token.head.pos_ == "NUM" or targets.get(normalise(token.head.lemma_)) == "partitive"):
        token = token.head
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB" and is_finite(token.head)


def _role(doc: Doc, lo: int, hi: int, dep: str, offset: int) -> Role:
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    span = doc[lo : hi + 1]  # the span's text: doc.text joins every token
    root = span.root
    head = root.lemma_.lower() if root.text[:1].islower() else ""
    return Role(start + offset, end + offset, span.text, dep, root.idx + offset, head)


def _actor_adjective(token: Token, targets: dict[str, str]) -> Token | None:
    # the model tags some demonyms after a noun NOUN ("des bombes planantes russes"): amod says they qualify it
    return next((c for c in token.children if (c.dep_ in ("amod", "appos") and c.pos_ == "ADJ"
                                                or c.dep_ == "amod" and c.pos_ == "NOUN")
                 and "actor_adj" in (lookup(c.lemma_, targets), lookup(c.text, targets))), None)


@dataclass(frozen=True)
class _Roles:
    """The five role slots of a mention."""

    actor1: Role | None = None
    assoc1: tuple[Role, ...] = ()
    actor2: Role | None = None
    assoc2: tuple[Role, ...] = ()
    target: Role | None = None


def _roles_of(cand: _Candidate, doc: Doc, targets: dict[str, str], offset: int, skip: frozenset[int]) -> _Roles:
    """The roles of one candidate, leaving out the words of the triggers it is merged with."""
    actor1, assoc1 = None, ()
    found = cand.args.actor1
    anchor = doc[cand.match.head]
    if found is not None and found.head in skip:
        anchor, found = doc[found.head], None  # "des avions russes ont ciblé": the weapon's adjective acts
    if found is not None and not (set(range(found.lo, found.hi + 1)) & skip):
        actor1 = _role(doc, found.lo, found.hi, found.dep, offset)
        assoc1 = tuple(_role(doc, lo, hi, "conj", offset) for lo, hi in found.assoc)
    if actor1 is None and anchor.pos_ in ("NOUN", "PROPN"):
        adjective = _actor_adjective(anchor, targets)
        if adjective is not None:
            actor1 = _role(doc, adjective.i, adjective.i, "amod", offset)
            assoc1 = tuple(_role(doc, c.i, c.i, "conj", offset) for c in conjuncts(adjective, ("ADJ",)))
    actor2, assoc2, target = None, (), None
    takes_place = "place" in cand.entry.objects
    for patient, cls in zip(cand.args.patients, cand.classes):
        token = patient.token
        if token.i in skip or cls == "time" or (not patient.strong and not takes_place and cls != "position"):
            continue  # "fired at the positions of the Donbass People's Militia": a post is aimed at, not a scene
        if any(c.i in skip and c.dep_.startswith("nmod") for c in token.children) and target_class(token, {}) is None \
                and (token.pos_ == "NUM" or targets.get(normalise(token.lemma_)) == "partitive"):
            continue  # "des centaines d'obus": the quantity of the weapon is no target
        victim = cand.entry.kind == "casualty" and cls is None and token.pos_ in ("NOUN", "PROPN")
        if cls in ACTOR_CLASSES or victim or (cls is None and token.pos_ == "PROPN") or patient.label == "entre:conj":
            if actor2 is None:
                actor2 = _role(doc, *noun_phrase(token, skip), patient.label, offset)
                assoc2 = tuple(_role(doc, *noun_phrase(c, skip), "conj", offset) for c in conjuncts(token))
        elif target is None:
            target = _role(doc, *noun_phrase(token, skip), patient.label, offset)
            owner = next((c for c in token.children if c.dep_.startswith("nmod") and case_of(c) == "de"
                          and target_class(c, targets) in ACTOR_CLASSES - {"civilian"}), None)
            if actor2 is None and owner is not None:  # "un poste de l'armée malienne"
                actor2 = _role(doc, *noun_phrase(owner, skip), "target:de", offset)
    if cand.entry.roles == "mutual" and actor2 is None and len(assoc1) == 1:
        actor2, assoc1 = assoc1[0], ()  # "Tama and Zaghawa militias clashed": the second side is the one fought
    return _Roles(actor1, assoc1, actor2, assoc2, target)


def _fill(first: _Roles, other: _Roles) -> _Roles:
    return _Roles(
        first.actor1 or other.actor1,
        first.assoc1 if first.actor1 else other.assoc1,
        first.actor2 or other.actor2,
        first.assoc2 if first.actor2 else other.assoc2,
        first.target or other.target,
    )


# --- merging connected triggers ------------------------------------------------------------------------


def _protest_topic(cand: _Candidate, trigger_tokens: dict[int, _Candidate], doc: Doc) -> bool:
    """A nominal trigger a demonstration is about ("protested against the killing of a worker", "demonstrated over
    sexual violence") names the crowd's grievance, told elsewhere if at all: no event of this clause."""
    token = doc[cand.match.head]
    if token.pos_ not in ("NOUN", "PROPN") or not token.dep_.startswith(("obl", "nmod")) or case_of(token) not in _TOPIC_CASES:
        return False
    head = trigger_tokens.get(token.head.i)
    return head is not None and head is not cand and head.entry.event_type in _CROWD_TYPES and doc[head.match.head].pos_ == "VERB"


def _grievance(cand: _Candidate, trigger_tokens: dict[int, _Candidate], doc: Doc) -> bool:
    """Victims a demonstration's crowd condemns ("residents protested ..., condemning the security forces for
    targeting civilians"): the casualty word hangs on a participle that is no trigger ("condemning", "dénonçant"),
    which says why the crowd demonstrated; the grievance is told elsewhere if at all, no event of this clause."""
    token = doc[cand.match.head]
    saying = token.head
    if (cand.entry.kind != "casualty" or saying.i == token.i or saying.i in trigger_tokens or saying.pos_ != "VERB"
            or saying.dep_ not in ("advcl", "xcomp") or is_finite(saying)):
        return False
    crowd = trigger_tokens.get(saying.head.i)
    return crowd is not None and crowd.entry.event_type in _CROWD_TYPES and doc[crowd.match.head].pos_ == "VERB"


def _connected(a: _Candidate, b: _Candidate, doc: Doc, targets: dict[str, str]) -> bool:
    if a.clause != b.clause:  # a relative clause on a trigger noun tells that act ("un kamikaze qui s'est fait exploser")
        return any(doc[x.clause].dep_ == "acl:relcl" and doc[x.clause].head.i == y.match.head for x, y in ((a, b), (b, a)))
    if set(a.match.tokens) & set(b.match.tokens):
        return True
    ta, tb = doc[a.match.head], doc[b.match.head]
    if ta.pos_ == tb.pos_ == "VERB" and a.entry.kind == b.entry.kind == "event":
        return False  # two actions of one clause are two events ("a pris X, capturant Y deux jours plus tard")
    for weapon, other in ((a, tb), (b, ta)):
        token = doc[weapon.match.head]
        if weapon.entry.kind == "instrument" and token.head.i == other.i and token.dep_ in ("obj", "nsubj:pass"):
            return False  # "abattu 25 drones": a weapon acted upon is the target, not the means
    for x, y in ((ta, tb), (tb, ta)):
        head = y.head
        if head.i != x.i and (head.pos_ == "NUM" or targets.get(normalise(head.lemma_)) == "partitive"):
            y, head = head, head.head  # "tiré des centaines d'obus": through the quantity
        if head.i != x.i:
            continue
        if y.dep_ in _MERGE_DEPS:
            return True
        if y.dep_ == "conj" and x.pos_ in ("NOUN", "PROPN") and a.entry.event_type == b.entry.event_type:
            return True
    if {"casualty", "instrument"} & {a.entry.kind, b.entry.kind}:
        # "une tentative d'attentat menée grâce à deux aéronefs": the means of the act; not of a casualty's ("le
        # blessé a été évacué par hélicoptère": the helicopter is no weapon of what wounded him)
        return ta.is_ancestor(tb) or tb.is_ancestor(ta) or any(
            w.entry.kind == "instrument" and other.entry.kind == "event" and doc[w.match.head].dep_.startswith("obl")
            and doc[w.match.head].head.is_ancestor(doc[other.match.head]) for w, other in ((a, b), (b, a)))
    return False


def _groups(cands: list[_Candidate], doc: Doc, targets: dict[str, str]) -> list[list[_Candidate]]:
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(cands)):
        for j in range(i + 1, len(cands)):
            if _connected(cands[i], cands[j], doc, targets):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Candidate]] = {}
    for i, cand in enumerate(cands):
        groups.setdefault(find(i), []).append(cand)
    return list(groups.values())


def _purpose_of(token: Token) -> Token | None:
    """The finite verb an infinitive of purpose says what for ("came out to protest": came), else None (not "à
    profiter de la Fête de la musique pour se rassembler": an infinitive, no act told done)."""
    return token.head if (token.dep_ == "advcl" and "Inf" in token.morph.get("VerbForm")
                          and token.head.pos_ == "VERB" and is_finite(token.head)) else None


def _rank(cand: _Candidate) -> tuple[int, int, int]:
    return cand.entry.priority, 1 if cand.entry.objects else 0, _KIND_RANK.get(cand.entry.kind, 0)


def _mention(group: list[_Candidate], doc: Doc, targets: dict[str, str], offset: int,
             published: date | None, lang: str, trigger_tokens: set[int]) -> EventMention | None:
    if all(c.entry.kind == "instrument" for c in group):
        return None
    best = max(group, key=_rank)
    anchor = best if best.entry.kind != "instrument" else max((c for c in group if c.entry.kind != "instrument"), key=_rank)
    if anchor.entry.event_type == _NOT_REFINED:
        best = anchor  # "interpellée à sa descente de l'avion": a plane beside an arrest is no air strike
    skip = frozenset(i for c in group for i in c.match.tokens)
    roles = _roles_of(anchor, doc, targets, offset, skip)
    for other in sorted(group, key=_rank, reverse=True):
        if other is not anchor and other.entry.kind != "instrument":
            roles = _fill(roles, _roles_of(other, doc, targets, offset, skip))
    token = doc[anchor.match.head]
    frame = {anchor.args.support.i} if anchor.args.support is not None else set()
    # a crowd that acts is told as real as its act ("protesters denounced the airstrike": the denouncing is done)
    modality = assess(_crowd_verb(token) if anchor.entry.needs == "agent" else token, lang, published, frame=frame,
                      stops=trigger_tokens - skip,
                      victims=anchor.entry.kind == "casualty")
    if (modality.status == "intended" and best.entry.event_type == "Protests"
            and (done := _purpose_of(token)) is not None):
        # what a crowd did "to protest" is the protest ("students came out to protest", "drivers blocked the
        # highway to protest"), as real as the act it is the purpose of
        modality = replace(assess(done, lang, published), reason="the purpose of an act done")
    sub_event_type, reason = best.entry.sub_event_type, modality.reason
    if modality.attempt and sub_event_type == TERRITORY:
        sub_event_type, reason = "Armed clash", f"attempted capture ({modality.reason})"
    lo, hi = anchor.match.tokens[0], anchor.match.tokens[-1]
    if hi - lo > 5:
        lo = hi = anchor.match.head
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    sent = token.sent
    return EventMention(
        start=start + offset,
        end=end + offset,
        trigger=doc[lo : hi + 1].text,
        lemma=best.entry.phrase,
        sent_start=sent.start_char + offset,
        sent_end=sent.end_char + offset,
        event_type=best.entry.event_type,
        sub_event_type=sub_event_type,
        actor1=roles.actor1,
        actor2=roles.actor2,
        assoc1=roles.assoc1,
        assoc2=roles.assoc2,
        target=roles.target,
        status=modality.status,
        reason=reason,
        tense=modality.tense,
        kind=anchor.entry.kind,
        anaphoric=_demonstrative(token),
        told_before=modality.told_before or _known_victim(anchor, doc),
        definite=_definite_subject(token),
        plural="Plur" in token.morph.get("Number"),
        known=_known_event(token),
    )


def _known_event(token: Token) -> bool:
    """A nominal trigger under a definite article or a possessive whose complements are all definite or names
    ("l'attaque jihadiste contre l'Hyper Cacher", "their offensive") names an event as known; one with a bare or
    indefinite complement tells who it hit ("la capture de soldats de l'AAS")."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and (("Def" in c.morph.get("Definite") and "Art" in c.morph.get("PronType"))
                             or "Yes" in c.morph.get("Poss")) for c in token.children) and not any(
        c.dep_ == "nmod" and c.pos_ == "NOUN" and not any(
            d.dep_ == "det" and "Def" in d.morph.get("Definite") for d in c.children) for c in token.children)


def _known_victim(cand: _Candidate, doc: Doc) -> bool:
    """Victims named by a demonstrative ("Cet homme de 46 ans a été tué lors de son interpellation", "ces soldats sont
    morts") are someone told before: their death is that of the event told there, not a new one."""
    token = doc[cand.match.head]
    return cand.entry.kind == "casualty" and token.pos_ == "VERB" and any(
        c.dep_ in ("nsubj", "nsubj:pass") and _demonstrative(c) for c in token.children)


def _demonstrative(token: Token) -> bool:
    """A nominal trigger introduced by a demonstrative ("cette offensive", "ces combats") names an event told before."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "det" and "Dem" in c.morph.get("PronType") for c in token.children
    )


def _definite_subject(token: Token) -> bool:
    """A nominal trigger that is its clause's subject under a definite article ("L'attaque a été revendiquée",
    "Les combats ont duré deux heures") speaks of an event already told, as a demonstrative would."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("nsubj", "nsubj:pass")
        and any(c.dep_ == "det" and "Def" in c.morph.get("Definite") and "Art" in c.morph.get("PronType")
                for c in token.children)
    )


def _describes_participant(group: list[_Candidate], doc: Doc, trigger_tokens: set[int]) -> bool:
    """A participle that only describes another trigger's participant ("des frappes contre des militants
    attaquant la ville", "reprendre les zones saisies par le régime") tells who they are, not a new event."""
    if len(group) > 1:
        return False
    token = doc[group[0].match.head]
    if token.dep_ != "acl" or "Part" not in token.morph.get("VerbForm"):
        return False
    noun, others = token.head, trigger_tokens - set(group[0].match.tokens)
    governor = noun.head  # the trigger itself, or the light verb that carries it ("mené des frappes contre")
    return governor.i != noun.i and (governor.i in others or any(c.i in others for c in governor.children))


def find_event_mentions(doc: Doc, lang: str = "fr", offset: int = 0, published: date | None = None) -> list[EventMention]:
    """Event mentions in a fully parsed Doc; ``offset`` maps its character offsets into the document text."""
    targets = load_targets(lang)
    matches = match_triggers(doc, lang)
    supports = {m.head: e for m in matches for e in m.entries if e.kind == "support"}
    cands = [c for m in matches if (c := _candidate(doc, m, supports, targets)) is not None]
    by_head = {c.match.head: c for c in cands}
    cands = [c for c in cands if not _protest_topic(c, by_head, doc) and not _grievance(c, by_head, doc)]
    cands = [c for c in cands if c.entry.needs != "agent" or not _crowd_told_otherwise(c, cands, doc)]
    trigger_tokens = {i for c in cands for i in c.match.tokens}
    groups = [g for g in _groups(cands, doc, targets) if not _describes_participant(g, doc, trigger_tokens)]
    mentions = [m for g in groups
                if (m := _mention(g, doc, targets, offset, published, lang, trigger_tokens)) is not None]
    mentions.sort(key=lambda m: m.start)
    log.debug("%d event mentions in %d tokens", len(mentions), len(doc))  # len(doc.text) would join every token
    return mentions
