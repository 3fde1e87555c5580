"""The words a trigger acts with, read from the dependency parse: noun phrases, their classes (targets.tsv) and
cases (cases.tsv), and a trigger's raw arguments (who acts, what it may act upon, the light verb that carries it),
before ``events`` chooses a row and splits them into roles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError
from frontwatch.extract.modality import is_reflexive
from frontwatch.extract.triggers import TriggerEntry, TriggerMatch, load_targets, normalise

ACTOR_CLASSES = frozenset({"civilian", "protester", "combatant", "person", "group"})
_STRONG_CASES = {"de", "contre", "sur"}
_WEAK_CASES = {"dans", "à", "vers", "en"}  # only for triggers that take a place: "entrer dans le village"
# Children left out of a role's noun phrase.
_OUTSIDE_NP = {"conj", "cc", "punct", "acl:relcl", "advcl", "parataxis", "appos", "nsubj", "nsubj:pass",
               "obj", "mark", "dep", "cop", "aux:tense", "aux:pass", "advmod"}


# --- noun phrases -------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def case_words(lang: str) -> dict[str, str]:
    """A language's prepositions as the cases extraction reads ("du" -> "de", "against" -> "contre"), from
    ``data/lang/<lang>/cases.tsv``; a preposition not listed is its own lemma."""
    try:
        return {normalise(r["word"]): r["case"] for r in lang_file(lang, "cases")}
    except DataFileError:
        return {}


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal ("de" for du/des/d'), or None."""
    for child in token.children:
        if child.dep_ == "case" or (child.dep_ == "det" and child.pos_ == "ADP"):
            word = normalise(child.text)
            return case_words(token.doc.lang_).get(word, normalise(child.lemma_))
    return None


def _keep(token: Token, kept: set[int], skip: frozenset[int], top: bool = True) -> None:
    for child in token.children:
        if child.i in skip or (child.dep_ in _OUTSIDE_NP and not (child.dep_ == "advmod" and child.i < token.i)):
            nominal = child.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "PRON", "CCONJ", "DET")
            if top or child.dep_ not in ("conj", "cc") or not nominal:  # "des dizaines de soldats et de rebelles"
                continue
        if child.dep_.startswith(("nmod", "obl")) and (
            case_of(child) not in (None, "de") or any(g.dep_ == "advmod" for g in child.children)
        ) and not (case_of(child) == "dans" and load_targets(child.doc.lang_).get(normalise(child.lemma_)) == "group"):
            continue  # "près de Tombouctou", "à l'est d'Alep" locate; they do not name ("experts in the PMF forces" do)
        if child.dep_ == "acl" and any(not g.is_punct for g in child.children):
            continue
        if child.dep_.startswith("nmod") and load_targets(child.doc.lang_).get(normalise(child.lemma_)) == "time":
            continue  # "des forces russes samedi": the weekday dates the event, it is no part of the name
        kept.add(child.i)
        _keep(child, kept, skip, top=False)


def noun_phrase(token: Token, skip: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Token range [lo, hi] of the contiguous noun phrase a token heads, without its preposition or conjuncts."""
    kept = {token.i}
    _keep(token, kept, skip)
    if token.dep_.startswith(("obl", "nmod")):  # "du village" -> "village"; a subject's "des" is its article
        kept -= {c.i for c in token.children if c.dep_ == "case" or (c.dep_ == "det" and c.pos_ == "ADP")}
    doc = token.doc
    for i in list(kept):  # "Boko Haram (JAS) militants", "volunteer fighters (VDP)": the acronym names the party too
        for child in doc[i].children:
            opening, closing = child.left_edge.i - 1, child.right_edge.i + 1
            if child.dep_ == "appos" and opening >= 0 and closing < len(doc) and (doc[opening].text, doc[closing].text) == ("(", ")"):
                kept |= set(range(opening, closing + 1))
    lo = hi = token.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    while hi > lo and ((doc[hi].is_punct and not (doc[hi].text == ")" and "(" in doc[lo:hi].text))
                       or doc[hi].pos_ in ("ADP", "CCONJ")):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].pos_ == "CCONJ"):
        lo += 1
    return lo, hi


def conjuncts(token: Token, pos: tuple[str, ...] = ("NOUN", "PROPN", "PRON")) -> list[Token]:
    """The conjuncts coordinated with a token ("HTS et ses factions alliées" -> factions)."""
    out = []
    for child in token.children:
        coordinated = any(c.dep_ == "cc" for c in child.children) or child.doc[child.left_edge.i - 1].text == ","
        if child.dep_ == "conj" and child.pos_ in pos and coordinated:
            out.append(child)
            out.extend(conjuncts(child, pos))
    return out


def lookup(word: str, table: dict[str, str]) -> str | None:
    """A word's entry in a lexicon, trying its masculine singular ("syriennes" -> "syrien", "malienne" -> "malien")."""
    word = normalise(word)
    for suffix, replacement in (("", ""), ("s", ""), ("es", ""), ("nes", ""), ("e", ""), ("x", ""), ("aux", "al"),
                                ("nne", "n")):
        if word.endswith(suffix) and (found := table.get(word[: len(word) - len(suffix)] + replacement)):
            return found
    return None


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
    if cls == "group":  # "un groupe de travailleurs humanitaires" is people, "un groupe armé" an organisation
        for child in token.children:  # a possessor before it names the group ("the Donbass People's Militia")
            if child.dep_.startswith("nmod") and case_of(child) == "de" and child.i > token.i:
                inner = target_class(child, targets)
                if inner in ("civilian", "person", "protester", "combatant"):
                    return inner
    if cls == "actor_adj":
        return None  # "plusieurs Russes": a nationality says nothing of combatant or civilian status
    if cls:
        return cls
    return {"LOC": "place", "GPE": "place", "PER": "person", "ORG": "group"}.get(token.ent_type_)


# --- arguments of a trigger -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A role filler in the parse: its token range, how it was found, its head token and its allies."""

    lo: int
    hi: int
    dep: str
    head: int | None = None
    assoc: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Patient:
    """A nominal the trigger may act upon, how it is attached, and whether that attachment is a strong one."""

    token: Token
    label: str
    strong: bool


def found_role(token: Token, dep: str, siblings: tuple[Token, ...] = ()) -> Found:
    lo, hi = noun_phrase(token)
    allies = tuple(noun_phrase(c) for c in [*conjuncts(token), *siblings])
    return Found(lo, hi, dep, token.i, allies)


def relabel(found: Found | None, prefix: str) -> Found | None:
    if found is None:
        return None
    return Found(found.lo, found.hi, prefix + found.dep, found.head, found.assoc)


def _is_passive(verb: Token) -> bool:
    # not Voice=Pass: the tagger sets it on past participles of être-verbs ("se sont retirés")
    if is_reflexive(verb):
        return False
    return any(c.dep_ in ("aux:pass", "obl:agent") for c in verb.children)


def _finite(token: Token) -> bool:
    return "Fin" in token.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in token.children
    )


def _clause_before(participle: Token) -> Token | None:
    """For a present participle set off by a comma (", tuant au moins neuf soldats"), the nearest finite verb
    before it in its sentence that has a subject: the parser hangs such a participle on the nearest noun ("à
    Tillia, dans l'ouest du pays, tuant"), but French gives it the subject of the clause it follows."""
    doc, first = participle.doc, participle.sent.start
    lead = min(t.i for t in participle.subtree if not t.is_punct)  # the parser may hang the comma on either side
    if lead <= first or doc[lead - 1].text != ",":
        return None
    for token in reversed(doc[first : lead - 1]):
        if token.pos_ == "VERB" and _finite(token) and any(c.dep_ in ("nsubj", "nsubj:pass") for c in token.children):
            return token
    return None


def _left_subject(verb: Token) -> Found | None:
    """The noun phrase right before a verb whose parse lost its subject, split at its coordinations."""
    doc, first = verb.doc, verb.sent.start
    lead = [c.i for c in verb.children if c.i < verb.i and (c.dep_.startswith(("aux", "expl")) or c.pos_ == "ADV")]
    i = min(lead + [verb.i]) - 1
    while i >= first and doc[i].pos_ == "ADV":
        i -= 1
    if i >= first and doc[i].pos_ == "CCONJ":  # "... et tue des soldats": the subject of the verb before
        for j in range(i - 1, first - 1, -1):
            if doc[j].pos_ == "VERB" and _finite(doc[j]):
                return relabel(_subject(doc[j], depth=3), "coord:")
        return None
    tokens: list[Token] = []
    while i >= first:
        token = doc[i]
        nominal = token.pos_ in ("NOUN", "PROPN", "DET", "ADJ", "NUM", "CCONJ")
        linking = token.pos_ == "ADP" and normalise(token.lemma_) in ("de", "d'")
        participle = token.pos_ == "VERB" and token.dep_ == "acl" and "Part" in token.morph.get("VerbForm")
        if not (nominal or linking or participle) or "Rel" in token.morph.get("PronType"):
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
    return Found(spans[0][0], spans[0][1], "left", None, tuple(spans[1:]))


def _heading(token: Token) -> bool:
    """A phrase opening the sentence right before a colon ("Looting: On 9 May, rebels looted ..."): the topic the
    sentence is filed under, which the parser may take for the verb's subject, never a party."""
    after = max(t.i for t in token.subtree if t.text != ":") + 1  # the parser may hang the colon on the heading
    return token.left_edge.i == token.sent.start and after < len(token.doc) and token.doc[after].text == ":"


def _subject(verb: Token, depth: int = 0) -> Found | None:
    """actor1 of a verb: its subject or agent, else one recovered from the clause that governs it."""
    for child in verb.children:
        if child.dep_ == "obl:agent":
            return found_role(child, "obl:agent")
    passive = _is_passive(verb)
    if not passive:
        # the parser labels some subjects of être-verbs nsubj:pass ("se sont retirés"); without aux:pass they act
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and not _heading(c)]
        if subjects:
            first = subjects[0]
            if "Rel" in first.morph.get("PronType") and verb.dep_ == "acl:relcl":
                return found_role(verb.head, "nsubj:rel")
            return found_role(first, first.dep_.replace(":pass", ""), tuple(subjects[1:]))
    if passive or depth > 3:
        return None
    governor = verb.head
    if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"):
        main = _clause_before(verb)
        if main is not None:  # ", tuant neuf soldats": a detached participle's subject is its clause's subject
            return relabel(_subject(main, depth + 1), "detached:")
        return found_role(governor, "acl:head")  # "des militants attaquant la ville"
    if verb.dep_ == "conj" and governor.pos_ in ("VERB", "AUX"):
        return relabel(_subject(governor, depth + 1), "conj:")
    if verb.dep_ == "xcomp" and governor.pos_ in ("VERB", "AUX"):
        for child in governor.children:
            if child.dep_ in ("obj", "iobj") and child.i != verb.i:
                return found_role(child, "xcomp:obj")  # "aidant Assad à reprendre"
        return relabel(_subject(governor, depth + 1), "xcomp:")
    if verb.dep_ == "advcl" and not _finite(verb) and governor.pos_ in ("VERB", "AUX", "ADJ"):
        return relabel(_subject(governor, depth + 1), "advcl:")  # "Ciblant les forces ..., des groupes ont"
    if _finite(verb) or verb.dep_ == "ROOT":
        return _left_subject(verb)
    return None


def _located(token: Token) -> bool:
    """A nominal introduced by "près de", "loin de" (targets.tsv: locator): it says where, not what was hit."""
    targets = load_targets(token.doc.lang_)
    return any(g.dep_ == "advmod" and g.i < token.i and targets.get(normalise(g.lemma_)) == "locator"
               for g in token.children)


def _obliques(token: Token, targets: dict[str, str], prefix: str = "") -> list[Patient]:
    out: list[Patient] = []
    for child in token.children:
        if not child.dep_.startswith(("obl", "nmod")) or child.dep_ == "obl:agent":
            continue
        case = case_of(child)
        if _located(child):
            continue
        if case in _STRONG_CASES:
            out.append(Patient(child, prefix + ("nmod:de" if case == "de" else case), True))
        elif case in _WEAK_CASES:
            out.append(Patient(child, prefix + case, False))
        elif case is None and targets.get(normalise(child.lemma_)) == "time":
            # "ont attaqué mercredi un territoire": the parse hangs the object under the weekday
            out.extend(Patient(g, prefix + "obj", True) for g in child.children
                       if g.dep_.startswith("nmod") and case_of(g) is None and g.pos_ == "NOUN")
        elif case is None and child.dep_.startswith("obl") and any(c.dep_ == "det" for c in child.children):
            out.append(Patient(child, prefix + "obj", True))  # "attaqué jeudi le camp": an object read as a time
    return out


def _verb_patients(verb: Token, targets: dict[str, str]) -> list[Patient]:
    out = [Patient(c, c.dep_, True) for c in verb.children if c.dep_ in ("obj", "iobj") and not _located(c)]
    if _is_passive(verb):
        out.extend(Patient(c, c.dep_, True) for c in verb.children if c.dep_ == "nsubj:pass")
    out.extend(p for p in _obliques(verb, targets) if not p.label.startswith("nmod"))
    out.extend(Patient(p.token, "de", True) for p in _obliques(verb, targets) if p.label == "nmod:de"
               and p.token.dep_.startswith("obl"))
    if verb.dep_ == "acl" and "Past" in verb.morph.get("Tense") and not _finite(verb) and not is_reflexive(verb):
        out.append(Patient(verb.head, "acl:head", True))  # "les zones saisies par le régime"
    return out


@dataclass(frozen=True)
class Args:
    """Raw arguments of one trigger, before they are split into actor2 and target."""

    actor1: Found | None
    patients: tuple[Patient, ...]
    support: Token | None


def trigger_arguments(token: Token, match: TriggerMatch, supports: dict[int, TriggerEntry],
               targets: dict[str, str]) -> Args:
    doc = token.doc
    actor1: Found | None = None
    support: Token | None = None
    patients: list[Patient] = []
    for word in (doc[i] for i in match.tokens if i != token.i):  # "prendre le contrôle DE X"
        patients.extend(Patient(c, "phrase:de", True) for c in word.children
                        if c.dep_.startswith("nmod") and case_of(c) == "de")
    if match.entries[0].pos == "VERB":
        actor1 = _subject(token)
        patients.extend(_verb_patients(token, targets))
    else:
        patients.extend(p for p in _obliques(token, targets) if p.token.i not in match.tokens)
        between = _between(token)
        if between is not None:  # "des affrontements entre l'armée et les rebelles": both sides, in order
            first = found_role(between[0], "entre")  # the other side is no ally
            actor1 = Found(first.lo, first.hi, first.dep, first.head,
                           tuple(a for a in first.assoc if not a[0] <= between[1].i <= a[1]))
            patients[:0] = [Patient(between[1], "entre:conj", True)]
        for child in token.children:
            if child.dep_.startswith(("nmod", "obl")) and case_of(child) == "par":
                actor1 = found_role(child, "par")
            elif child.dep_ in ("nsubj", "nsubj:pass") and any(
                c.dep_.startswith("aux") for c in token.children
            ):  # a verb the tagger read as a noun ("sont entrées"); not the subject of a copula ("c'est l'entrée")
                actor1 = found_role(child, "nsubj")
            elif child.dep_ == "acl":
                agent = next((g for g in child.children if g.dep_ == "obl:agent"), None)
                if agent is not None and actor1 is None:
                    actor1 = found_role(agent, "acl:obl:agent")
                if child.i in supports:
                    support = child
        if actor1 is None and token.dep_ in ("nsubj", "nsubj:pass") and token.head.pos_ == "VERB":
            # a participle told after the clause the nominal is the subject of says who fired it ("a missile fell
            # on Fadlan ..., launched by an unknown armed group")
            agent = next((g for c in token.head.children if c.dep_ == "advcl" and "Part" in c.morph.get("VerbForm")
                          and not any(x.dep_.startswith("nsubj") for x in c.children)
                          for g in c.children if g.dep_ == "obl:agent"), None)
            if agent is not None:
                actor1 = found_role(agent, "advcl:obl:agent")
        if token.dep_ in ("obj", "nsubj:pass", "obl", "obl:arg", "obl:mod") and token.head.i in supports:
            support = token.head
        if support is not None:
            found = _subject(support)
            if supports[support.i].roles == "swap":  # "ont subi une attaque": the subject is hit
                if found is not None and found.head is not None:
                    patients.insert(0, Patient(doc[found.head], "support:subject", True))
            elif actor1 is None:
                actor1 = relabel(found, "support:")
            patients.extend(p for p in _obliques(support, targets, "support:") if p.label != "support:nmod:de")
    patients.sort(key=lambda p: (p.label != "phrase:de", not p.strong))
    return Args(actor1, tuple(patients), support)


def _between(token: Token) -> tuple[Token, Token] | None:
    """The two sides a nominal trigger is "between" ("entre A et B"), on the noun or, when the noun is the subject
    of a light verb ("des combats ont eu lieu entre", "clashes took place between"), on that verb; only when a second
    side is coordinated with the first, or with a party the first side's phrase names ("between regime forces,
    supported by pro-regime militias, and rebel factions": the parser hangs the rebels on the militias), or stands
    against it ("between regime forces and allied militias against Islamic State fighters": the allies are no side)."""
    heads = [token] + ([token.head] if token.dep_ in ("nsubj", "nsubj:pass") and token.head.pos_ == "VERB" else [])
    for head in heads:
        for child in head.children:
            # a number in a side's place phrase ("forces and rebels on Regiment 46 axis") dates nothing
            placed = {t.i for c in child.subtree if c.i != child.i and c.dep_ == "nmod" and case_of(c) not in (None, "de")
                      for t in c.subtree}
            if child.dep_.startswith(("nmod", "obl")) and case_of(child) == "entre" and not any(
                    (t.like_num or t.ent_type_ in ("DATE", "TIME")) and t.i not in placed
                    for t in child.subtree):  # "between 6 and 7 May", "between PK 5, PK 6 and PK 7"
                # "between regime forces (and allied militias) against rebels": the side after "against" is the other
                second = next((t for t in child.subtree if t.dep_.startswith("nmod") and t.pos_ in ("NOUN", "PROPN")
                               and case_of(t) == "contre"), None) or next(
                    (c for c in child.children if c.dep_ == "conj"), None) or next(
                    (t for t in child.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")), None) or next(
                    (c for c in head.children if head is not token and c.i > child.i and c.pos_ in ("NOUN", "PROPN")
                     and (c.dep_ == "conj" or (c.dep_.startswith("obl") and case_of(c) == "contre"))), None)
                # "took place between A, supported by B, and C", "took place between A against B": the parse hangs
                # the second side on the light verb
                if second is not None:
                    return child, second
    return None
