"""Event mentions from a parsed Doc: triggers typed in ACLED's taxonomy, their status, and their roles.

Roles come from the dependency parse: who acts (actor1, with allies as assoc1), who is acted upon (actor2,
assoc2) and the place or object attacked (target). Triggers connected in one clause ("une frappe a tué",
"tiré des obus") make one mention, named by the most specific of them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from frontwatch.extract.modality import assess, clause_head
from frontwatch.extract.triggers import (
    TriggerEntry,
    TriggerMatch,
    load_targets,
    load_triggers,
    match_triggers,
    normalise,
)

log = logging.getLogger(__name__)

TERRITORY = "@territory"
ACTOR_CLASSES = {"civilian", "protester", "combatant", "person", "group"}
# Complements that name what a verb acts upon; "dans"/"à"/"vers" only count for place-taking triggers.
_STRONG_CASES = {None, "de", "contre", "sur"}
_WEAK_CASES = {"dans", "à", "vers", "en"}
# Dependencies along which two triggers of one clause are the same happening.
_MERGE_DEPS = {"obj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "nsubj", "nsubj:pass", "compound",
               "appos", "flat", "flat:name", "iobj", "xcomp", "advcl"}
# Children left out of a role's noun phrase.
_OUTSIDE_NP = {"conj", "cc", "punct", "acl:relcl", "advcl", "parataxis", "appos", "nsubj", "nsubj:pass",
               "obj", "mark", "dep", "cop", "aux:tense", "aux:pass", "advmod"}
_CASE_ALIASES = {"d'": "de", "du": "de", "des": "de", "au": "à", "aux": "à"}
_KIND_RANK = {"event": 2, "instrument": 1, "casualty": 0}


@dataclass(frozen=True)
class Role:
    """A noun phrase filling a role: character offsets into the parsed text and how it was found."""

    start: int
    end: int
    text: str
    dep: str  # nsubj, obl:agent, nmod:de, amod, obj, contre, sur, conj:nsubj, xcomp:nsubj, advcl:nsubj, left, ...


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


def finalise_sub_event_type(sub_event_type: str, actor1_inter: int | None) -> str:
    """Resolve the "@territory" placeholder by who took the place: state forces (inter 1) regain it."""
    if sub_event_type != TERRITORY:
        return sub_event_type
    return "Government regains territory" if actor1_inter == 1 else "Non-state actor overtakes territory"


# --- noun phrases ---------------------------------------------------------------------------------


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal ("de" for du/des/d'), or None."""
    for child in token.children:
        if child.dep_ == "case" or (child.dep_ == "det" and child.pos_ == "ADP"):
            word = normalise(child.text)
            return _CASE_ALIASES.get(word, normalise(child.lemma_) if word not in ("des",) else "de")
    return None


def _keep(token: Token, kept: set[int]) -> None:
    for child in token.children:
        if child.dep_ in _OUTSIDE_NP and not (child.dep_ == "advmod" and child.i < token.i):
            continue
        if child.dep_.startswith(("nmod", "obl")) and case_of(child) not in (None, "de"):
            continue
        if child.dep_ == "acl" and any(not g.is_punct for g in child.children):
            continue
        kept.add(child.i)
        _keep(child, kept)


def noun_phrase(token: Token, keep_conj: bool = False) -> tuple[int, int]:
    """Token range [lo, hi] of the contiguous noun phrase a token heads (coordinated phrases left out)."""
    kept = {token.i}
    _keep(token, kept)
    if keep_conj:
        for child in token.children:
            if child.dep_ in ("conj", "cc"):
                kept.add(child.i)
                _keep(child, kept)
    lo = hi = token.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    doc = token.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].pos_ in ("ADP", "CCONJ")):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].pos_ == "CCONJ"):
        lo += 1
    return lo, hi


def _role(doc: Doc, lo: int, hi: int, dep: str, offset: int) -> Role:
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return Role(start + offset, end + offset, doc.text[start:end], dep)


def conjuncts(token: Token) -> list[Token]:
    """The nominal conjuncts coordinated with a token ("HTS et ses factions alliées" -> factions)."""
    out = []
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "X"):
            out.append(child)
            out.extend(conjuncts(child))
    return out


def target_class(token: Token, targets: dict[str, str]) -> str | None:
    """What a nominal is, from targets.tsv, its "civil" adjective, its partitive complement, or its entity label."""
    for child in token.children:
        if child.dep_ == "amod" and targets.get(normalise(child.lemma_)) == "civilian":
            return "civilian"
    cls = targets.get(normalise(token.lemma_)) or targets.get(normalise(token.text))
    if cls == "partitive" or (cls is None and token.pos_ == "NUM"):
        for child in token.children:
            if child.dep_.startswith("nmod") and case_of(child) == "de":
                return target_class(child, targets)
        return None
    if cls == "actor_adj":
        return "person"
    if cls:
        return cls
    return {"LOC": "place", "GPE": "place", "PER": "person", "ORG": "group"}.get(token.ent_type_)


# --- arguments of a trigger ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Args:
    """Raw arguments of one trigger, before they are split into actor2 and target."""

    actor1: tuple[Token, str] | tuple[tuple[int, int], str, tuple[tuple[int, int], ...]] | None
    patients: tuple[tuple[Token, str, bool], ...]  # (nominal, label, strong)
    support: Token | None


def _is_rel_pronoun(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType")


def _verb_group_start(verb: Token) -> int:
    lead = [c.i for c in verb.children if c.i < verb.i and (c.dep_.startswith(("aux", "expl")) or
                                                          (c.dep_ == "advmod" and c.pos_ == "ADV"))]
    return min(lead + [verb.i])


def _left_subject(verb: Token) -> tuple[tuple[int, int], str, tuple[tuple[int, int], ...]] | Token | None:
    """The noun phrase right before a verb whose parse has no subject, split at its coordinations."""
    doc = verb.doc
    i = _verb_group_start(verb) - 1
    while i >= verb.sent.start and doc[i].pos_ == "ADV":
        i -= 1
    if i >= verb.sent.start and doc[i].pos_ == "CCONJ":
        for j in range(i - 1, verb.sent.start - 1, -1):
            if doc[j].pos_ in ("VERB", "AUX") and "Fin" in doc[j].morph.get("VerbForm") or (
                doc[j].pos_ == "VERB" and any(c.dep_.startswith("aux") for c in doc[j].children)
            ):
                head = doc[j] if doc[j].pos_ == "VERB" else doc[j].head
                found = _subject(head, depth=3)
                return found
        return None
    tokens: list[Token] = []
    while i >= verb.sent.start:
        token = doc[i]
        nominal = token.pos_ in ("NOUN", "PROPN", "DET", "ADJ", "NUM", "CCONJ")
        linking = token.pos_ == "ADP" and normalise(token.lemma_) in ("de", "d'")
        participle = token.pos_ == "VERB" and token.dep_ == "acl" and "Part" in token.morph.get("VerbForm")
        if not (nominal or linking or participle) or _is_rel_pronoun(token):
            break
        tokens.append(token)
        i -= 1
    tokens.reverse()
    while tokens and tokens[0].pos_ in ("CCONJ", "ADP"):
        tokens.pop(0)
    if not any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return None
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.pos_ == "CCONJ":
            parts.append([])
        else:
            parts[-1].append(token)
    spans = [(p[0].i, p[-1].i) for p in parts if p]
    return spans[0], "left", tuple(spans[1:])


def _subject(verb: Token, depth: int = 0):
    """actor1 of a verb: its subject or agent, else one recovered from the clause that governs it."""
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) or "Pass" in verb.morph.get("Voice")
    for child in verb.children:
        if child.dep_ == "obl:agent":
            return child, "obl:agent"
    if not passive:
        for child in verb.children:
            if child.dep_ == "nsubj":
                if _is_rel_pronoun(child) and verb.dep_ == "acl:relcl":
                    return verb.head, "nsubj:rel"
                return child, "nsubj"
    if passive or depth > 3:
        return None
    if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"):
        return verb.head, "acl:head"
    governor = verb.head
    if verb.dep_ == "conj" and governor.pos_ in ("VERB", "AUX"):
        found = _subject(governor, depth + 1)
        return _relabel(found, "conj:")
    if verb.dep_ == "xcomp" and governor.pos_ in ("VERB", "AUX"):
        for child in governor.children:
            if child.dep_ in ("obj", "iobj") and child.i != verb.i:
                return child, "xcomp:obj"
        return _relabel(_subject(governor, depth + 1), "xcomp:")
    if verb.dep_ == "advcl" and not is_finite_verb(verb) and governor.pos_ in ("VERB", "AUX", "ADJ"):
        return _relabel(_subject(governor, depth + 1), "advcl:")
    if is_finite_verb(verb) or verb.dep_ == "ROOT":
        return _left_subject(verb)
    return None


def is_finite_verb(token: Token) -> bool:
    """A verb that is finite itself or through an auxiliary."""
    return "Fin" in token.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in token.children
    )


def _relabel(found, prefix: str):
    if found is None:
        return None
    if isinstance(found[0], Token):
        return found[0], prefix + found[1]
    return found[0], prefix + found[1], found[2]


def _verb_patients(verb: Token) -> list[tuple[Token, str, bool]]:
    out: list[tuple[Token, str, bool]] = []
    for child in verb.children:
        dep = child.dep_
        if dep in ("obj", "nsubj:pass", "iobj"):
            out.append((child, dep, True))
        elif dep.startswith("obl") and dep != "obl:agent":
            case = case_of(child)
            if case in _STRONG_CASES:
                out.append((child, case or dep, True))
            elif case in _WEAK_CASES:
                out.append((child, case, False))
    if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense"):
        out.append((verb.head, "acl:head", True))
    return out


def _arguments(token: Token, entry: TriggerEntry, match: TriggerMatch, supports: dict[int, TriggerEntry]) -> _Args:
    doc = token.doc
    patients: list[tuple[Token, str, bool]] = []
    actor1 = None
    support = None
    phrase_words = [doc[i] for i in match.tokens if i != token.i]
    if entry.pos == "VERB" and token.pos_ not in ("NOUN", "PROPN"):
        actor1 = _subject(token)
        patients.extend(_verb_patients(token))
    else:
        for child in token.children:
            if not child.dep_.startswith(("nmod", "obl")) or child.i in match.tokens:
                continue
            case = case_of(child)
            if case == "de":
                patients.append((child, "nmod:de", True))
            elif case in ("contre", "sur"):
                patients.append((child, case, True))
            elif case in _WEAK_CASES:
                patients.append((child, case, False))
            elif case == "par":
                actor1 = (child, "par")
        for child in token.children:
            if child.dep_ == "acl":
                agent = next((g for g in child.children if g.dep_ == "obl:agent"), None)
                if agent is not None and actor1 is None:
                    actor1 = (agent, "acl:obl:agent")
                if child.i in supports:
                    support = child
        head = token.head
        if token.dep_ in ("obj", "nsubj:pass", "obl", "obl:arg", "obl:mod") and head.i in supports:
            support = head
        if support is not None:
            found = _subject(support)
            if supports[support.i].roles == "swap":
                if found is not None and isinstance(found[0], Token):
                    patients.insert(0, (found[0], "support:nsubj", True))
            elif actor1 is None and found is not None:
                actor1 = _relabel(found, "support:")
        elif token.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
            patients.extend((t, "verb:" + lbl, strong) for t, lbl, strong in _verb_patients(head) if strong)
    for word in phrase_words:  # "prendre le contrôle DE X", "tomber aux mains DE X"
        for child in word.children:
            if child.dep_.startswith("nmod") and case_of(child) == "de":
                patients.append((child, "phrase:de", True))
    return _Args(actor1, tuple(patients), support)


# --- choosing rows, splitting roles ---------------------------------------------------------------


def _choose(entries: tuple[TriggerEntry, ...], classes: set[str], weak: set[str]) -> TriggerEntry | None:
    scored = []
    for entry in entries:
        if entry.kind == "support":
            continue
        if entry.objects:
            seen = classes | (weak if "place" in entry.objects else set())
            if not entry.objects & seen:
                continue
        scored.append(((1 if entry.objects else 0, entry.priority), entry))
    return max(scored, key=lambda s: s[0])[1] if scored else None


@dataclass(frozen=True)
class _Candidate:
    """A trigger with its chosen row and raw arguments, before connected triggers are merged."""

    match: TriggerMatch
    entry: TriggerEntry
    args: _Args
    clause: int
    classes: tuple[tuple[int, str | None], ...]  # patient token -> class


def _candidate(doc: Doc, match: TriggerMatch, supports: dict[int, TriggerEntry], targets: dict[str, str]) -> _Candidate | None:
    token = doc[match.head]
    probe = match.entries[0]
    args = _arguments(token, probe, match, supports)
    if probe.roles == "swap" or any(e.roles == "swap" for e in match.entries):
        swapped = args.actor1
        patients = list(args.patients)
        subject_first = []
        if swapped is not None and isinstance(swapped[0], Token):
            subject_first = [(swapped[0], "swap:" + swapped[1], True)]
        owners = [(t, lbl, s) for t, lbl, s in patients if lbl == "phrase:de" and target_class(t, targets) in ACTOR_CLASSES]
        rest = [p for p in patients if p not in owners]
        args = _Args((owners[0][0], "phrase:de") if owners else None, tuple(subject_first + rest), args.support)
    patient_role = any(e.roles == "patient" for e in match.entries)
    classes = tuple((t.i, target_class(t, targets)) for t, _, _ in args.patients)
    strong = {c for (i, c), (_, _, s) in zip(classes, args.patients) if s and c}
    weak = {c for (i, c), (_, _, s) in zip(classes, args.patients) if not s and c}
    if patient_role is False and probe.pos == "NOUN":
        # "l'attaque de groupes armés": a nominal's "de X" that names an actor is who acts, not who is hit
        movable = [(t, lbl, s) for t, lbl, s in args.patients if lbl == "nmod:de" and target_class(t, targets) in ACTOR_CLASSES]
        if movable and args.actor1 is None:
            first = movable[0]
            args = _Args((first[0], "nmod:de"), tuple(p for p in args.patients if p is not first), args.support)
            classes = tuple((t.i, target_class(t, targets)) for t, _, _ in args.patients)
            strong = {c for (i, c), (_, _, s) in zip(classes, args.patients) if s and c}
    entry = _choose(match.entries, strong, weak)
    if entry is None or (entry.needs == "support" and args.support is None):
        return None
    return _Candidate(match, entry, args, clause_head(token).i, classes)


def _actor_adjective(token: Token, targets: dict[str, str]) -> Token | None:
    for child in token.children:
        if child.dep_ == "amod" and targets.get(normalise(child.lemma_)) == "actor_adj":
            return child
    return None


def _roles_of(cand: _Candidate, doc: Doc, targets: dict[str, str], offset: int, skip: set[int]):
    """actor1, assoc1, actor2, assoc2, target of one candidate, leaving out other triggers' words."""
    actor1 = assoc1 = None
    found = cand.args.actor1
    if found is not None:
        if isinstance(found[0], Token):
            if found[0].i not in skip:
                lo, hi = noun_phrase(found[0])
                actor1 = _role(doc, lo, hi, found[1], offset)
                assoc1 = tuple(_role(doc, *noun_phrase(c), "conj", offset) for c in conjuncts(found[0]))
        else:
            (lo, hi), dep, others = found
            actor1 = _role(doc, lo, hi, dep, offset)
            assoc1 = tuple(_role(doc, a, b, "conj", offset) for a, b in others)
    if actor1 is None and cand.entry.pos == "NOUN":
        adjective = _actor_adjective(doc[cand.match.head], targets)
        if adjective is not None:
            actor1, assoc1 = _role(doc, adjective.i, adjective.i, "amod", offset), tuple(
                _role(doc, c.i, c.i, "conj", offset) for c in conjuncts(adjective) if c.pos_ == "ADJ")
    actor2 = assoc2 = target = None
    strong_place = "place" in cand.entry.objects
    for (token, label, strong), (_, cls) in zip(cand.args.patients, cand.classes):
        if token.i in skip or (not strong and not strong_place):
            continue
        if cls in ACTOR_CLASSES or (cls is None and token.pos_ == "PROPN"):
            if actor2 is None:
                actor2 = _role(doc, *noun_phrase(token), label, offset)
                assoc2 = tuple(_role(doc, *noun_phrase(c), "conj", offset) for c in conjuncts(token))
        elif target is None:
            target = _role(doc, *noun_phrase(token), label, offset)
            if actor2 is None:
                for child in token.children:
                    if child.dep_.startswith("nmod") and case_of(child) == "de" and target_class(child, targets) in ACTOR_CLASSES - {"civilian"}:
                        actor2 = _role(doc, *noun_phrase(child), "target:de", offset)
                        break
    return actor1, assoc1 or (), actor2, assoc2 or (), target


# --- merging connected triggers ---------------------------------------------------------------------


def _connected(a: _Candidate, b: _Candidate, doc: Doc) -> bool:
    if a.clause != b.clause:
        return False
    ta, tb = doc[a.match.head], doc[b.match.head]
    for x, y in ((ta, tb), (tb, ta)):
        if y.head is x and y.dep_ in _MERGE_DEPS:
            return True
        if y.head is x and y.dep_ == "conj" and x.pos_ in ("NOUN", "PROPN") and a.entry.event_type == b.entry.event_type:
            return True
    if {"casualty", "instrument"} & {a.entry.kind, b.entry.kind}:
        return ta.is_ancestor(tb) or tb.is_ancestor(ta)
    return False


def _groups(cands: list[_Candidate], doc: Doc) -> list[list[_Candidate]]:
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(cands)):
        for j in range(i + 1, len(cands)):
            if _connected(cands[i], cands[j], doc):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Candidate]] = {}
    for i, cand in enumerate(cands):
        groups.setdefault(find(i), []).append(cand)
    return list(groups.values())


def _rank(cand: _Candidate) -> tuple[int, int, int]:
    return cand.entry.priority, 1 if cand.entry.objects else 0, _KIND_RANK.get(cand.entry.kind, 0)


def find_event_mentions(doc: Doc, lang: str = "fr", offset: int = 0, published: date | None = None) -> list[EventMention]:
    """Event mentions in a fully parsed Doc; ``offset`` maps its character offsets into the document text."""
    targets = load_targets(lang)
    load_triggers(lang)
    matches = match_triggers(doc, lang)
    supports = {m.head: e for m in matches for e in m.entries if e.kind == "support"}
    cands = [c for m in matches if (c := _candidate(doc, m, supports, targets)) is not None]
    trigger_tokens = {i for c in cands for i in c.match.tokens}
    mentions: list[EventMention] = []
    for group in _groups(cands, doc):
        if all(c.entry.kind == "instrument" for c in group):
            continue
        best = max(group, key=_rank)
        carriers = [c for c in group if c.entry.kind != "instrument"]
        anchor = best if best.entry.kind != "instrument" else max(carriers, key=_rank)
        skip = {i for c in group for i in c.match.tokens}
        roles = _roles_of(anchor, doc, targets, offset, skip)
        for other in sorted(group, key=_rank, reverse=True):
            if other is anchor or other.entry.kind == "instrument":
                continue
            extra = _roles_of(other, doc, targets, offset, skip)
            roles = tuple(r if r else e for r, e in zip(roles, extra))
        actor1, assoc1, actor2, assoc2, target = roles
        token = doc[anchor.match.head]
        frame = {anchor.args.support.i} if anchor.args.support is not None else set()
        modality = assess(token, lang, published, frame=frame, stops=trigger_tokens - set(anchor.match.tokens))
        sub_event_type = best.entry.sub_event_type
        reason = modality.reason
        if modality.attempt and sub_event_type == TERRITORY:
            sub_event_type, reason = "Armed clash", f"attempted capture ({modality.reason})"
        lo, hi = anchor.match.tokens[0], anchor.match.tokens[-1]
        if hi - lo > 5:
            lo = hi = anchor.match.head
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        sent = token.sent
        mentions.append(EventMention(
            start=start + offset,
            end=end + offset,
            trigger=doc.text[start:end],
            lemma=best.entry.phrase,
            sent_start=sent.start_char + offset,
            sent_end=sent.end_char + offset,
            event_type=best.entry.event_type,
            sub_event_type=sub_event_type,
            actor1=actor1,
            actor2=actor2,
            assoc1=tuple(assoc1),
            assoc2=tuple(assoc2),
            target=target,
            status=modality.status,
            reason=reason,
            tense=modality.tense,
        ))
    mentions.sort(key=lambda m: m.start)
    log.debug("%d event mentions in %d characters", len(mentions), len(doc.text))
    return mentions
