"""Whether a trigger reports a real event: negation, hypothesis, intention, hedging, tense and background.

Cues are data (``modality.tsv``, ``background.tsv``); mood and tense come from the parse's Universal
Dependencies morphology (``Mood=Cnd``, ``Tense=Fut``), so a new language needs new files, not new code.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Token

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError
from frontwatch.extract.dates import find_dates
from frontwatch.extract.triggers import normalise
from frontwatch.settings import SETTINGS

log = logging.getLogger(__name__)

STATUSES = ("asserted", "negated", "hypothetical", "intended", "reported_hedged", "background")
# A cue class and the status it gives; the first class found in this order wins.
_CLASS_STATUS = {
    "negation": "negated",
    "intention": "intended",
    "hypothetical": "hypothetical",
    "trend": "background",  # "l'intensification des frappes": a rise in events, none of them told
    "reaction": "background",  # "bouleversé par l'attentat de Barcelone": a reaction to an event told elsewhere
    "characterisation": "background",  # "cet assassinat constituait une attaque contre la presse": what another was
    "hedge": "reported_hedged",
}
_PAST = {"past", "imperfect", "pluperfect"}
_NAMES = frozenset({"PER", "ORG", "LOC", "GPE"})  # entity labels of names (after nlp/ud.py's relabelling)
_DONE = ("past", "pluperfect")  # tenses that tell a fact under a cue ruling only what is not done ("a dû", "quand il a")
# Events counted this many at least ("3.712 attaques") are a tally over time, no one event.
_TALLY_MIN = 100
_LONG_UNITS = frozenset({"week", "month", "year"})  # what a campaign lasts: "la bataille, qui a duré une semaine"
_TALLY_UNDATED_MIN = 10  # ... this many in a sentence that names no day
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DAY = re.compile(r"^(\d{1,2}|1er)$")
# A token under one of these relations, or with a subject of its own, heads its own clause.
_CLAUSE_DEPS = {"ccomp", "parataxis", "acl:relcl", "acl", "ROOT"}  # acl: "les zones saisies par le régime"
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj", "expl:subj"}
# a passive subject is what the verb acts upon: "un rassemblement est prévu", "un attentat a été déjoué"
_NOT_GOVERNED = (_SUBJECT_DEPS - {"nsubj:pass"}) | {"obl:agent", "amod"}
# A child clause says something of its own: its words are no dependent cue of the trigger ("reinforcements arrived as
# tensions are increasing": no rise of the arrival).
_OWN_CLAUSE = {"advcl", "ccomp", "parataxis", "conj", "acl:relcl", "xcomp", "csubj"}
# What a verb of characterisation says another event was: its object or argument ("constituait une attaque contre la
# presse", "il s'agit d'une frappe"), never a clause hung on it ("Révélée ..., la mort mercredi du leader d'Aqmi ...
# constitue un succès majeur", parsed as an adverbial clause of "constitue": the death is what is told)
_COMPLEMENTS = {"obj", "obl:arg", "xcomp", "ccomp", "iobj"}


@dataclass(frozen=True)
class Modality:
    """The status of a trigger, why, the tense of its clause, whether it was only attempted, and whether it is the
    definite event a party claims or is blamed for ("les shebab ont revendiqué l'attaque", "Washington blames the
    government for the attack"): the one the article told before, or one it does not tell ("la revendication des
    attentats de Nice"); for "an attack that killed 10" the claim tells one."""

    status: str
    reason: str
    tense: str
    attempt: bool = False
    told_before: bool = False


@dataclass(frozen=True)
class ModalityLexicon:
    """Cues of one language: governors, dependents, and the background vocabulary."""

    governors: dict[str, str]
    unless_past: frozenset[str]  # cues that rule only when not in a past tense: "a pu reprendre", "quand ils ont attaqué"
    dependents: dict[str, str]
    # words that are a cue only together, all attached to one word: "il n'y a plus d'attentats" (ne … plus)
    dependent_pairs: dict[tuple[str, ...], str]
    dependents_inf: dict[str, str]
    named_points: dict[str, str]  # "après les attentats de Paris": a named event as a point in time
    habits: dict[str, str]  # "chaque jour", "every night": a determiner that makes a time word a habit
    spans: dict[str, str]  # "en une semaine", "within 24 hours": a preposition that makes a counted time word a span
    time_points: dict[str, str]  # "aux dernières heures de la bataille", "on the eve of the attack": an event as time
    lasting: dict[str, str]  # "la bataille, qui a duré une semaine": a verb of duration, a campaign when it is long
    long_units: frozenset[str]  # its words for a week or longer (dates_units)
    time_words: frozenset[str]  # the language's units of time and weekdays (dates_units, dates_weekdays)
    since: frozenset[str]
    recap: tuple[str, ...]
    months: dict[str, int]


def _long_units(lang: str) -> frozenset[str]:
    """The language's words for a week, a month or a year (``dates_units``): what a campaign lasts, not one event."""
    return frozenset(normalise(r["word"]) for r in lang_file(lang, "dates_units") if r["unit"] in _LONG_UNITS)


def _months(lang: str) -> dict[str, int]:
    try:
        rows = lang_file(lang, "dates_months")
    except DataFileError:
        log.debug("no dates_months.tsv for %s: years are read without their month", lang)
        return {}
    out = {}
    for row in rows:
        values = list(row.values())
        if len(values) >= 2 and values[1].isdigit():
            out[normalise(values[0])] = int(values[1])
    return out


@lru_cache(maxsize=None)
def load_modality(lang: str = "fr") -> ModalityLexicon:
    """The modality and background cues of ``lang``, read once per process."""
    governors, dependents, dependents_inf, named_points, habits, spans, points, lasting = {}, {}, {}, {}, {}, {}, {}, {}
    unless_past = set()
    pairs: dict[tuple[str, ...], str] = {}
    for row in lang_file(lang, "modality"):
        scope = row["scope"]
        if scope in ("governor_unless_past", "dependent_unless_past"):
            scope = scope.removesuffix("_unless_past")
            unless_past.add(normalise(row["cue"]))
        if scope == "dependent" and " " in row["cue"].strip():
            pairs[tuple(normalise(w) for w in row["cue"].split())] = row["class"]
            continue
        table = {"governor": governors, "dependent": dependents, "dependent_inf": dependents_inf,
                 "named_point": named_points, "habit": habits, "span": spans, "time_point": points,
                 "lasting": lasting}[scope]
        table[normalise(row["cue"])] = row["class"]
    time_words = frozenset(normalise(r["word"]) for name in ("dates_units", "dates_weekdays") for r in lang_file(lang, name))
    background = lang_file(lang, "background")
    since = frozenset(normalise(r["cue"]) for r in background if r["class"] in ("since", "compare"))
    recap = tuple(normalise(r["cue"]) for r in background if r["class"] == "recap")
    return ModalityLexicon(governors, frozenset(unless_past), dependents, pairs, dependents_inf, named_points, habits,
                           spans, points, lasting, _long_units(lang), time_words, since, recap, _months(lang))


def is_finite(token: Token) -> bool:
    """A finite verb, or a participle or adjective carried by a finite auxiliary or copula."""
    if "Fin" in token.morph.get("VerbForm"):
        return True
    return any(c.dep_.startswith(("aux", "cop")) and "Fin" in c.morph.get("VerbForm") for c in token.children)


def _owns_clause(token: Token) -> bool:
    if token.dep_ == "acl" and "Inf" in token.morph.get("VerbForm") and not is_finite(token):
        return False  # "son intention de reprendre l'offensive": the noun the infinitive completes rules it
    if token.head.i != token.i and any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm")
                                       for c in token.children):
        return False  # "ne peut laisser les Kurdes être massacrés": an infinitive's clause is the verb's above it
    if is_finite(token) or token.dep_ in _CLAUSE_DEPS or token.head.i == token.i:
        return True
    return any(c.dep_ in _SUBJECT_DEPS for c in token.children)


def is_reflexive(verb: Token) -> bool:
    """A pronominal verb ("s'étaient emparées"): its être is a tense auxiliary, never a passive one."""
    return any(c.dep_.startswith("expl") and "Yes" in c.morph.get("Reflex") for c in verb.children)


def clause_path(token: Token) -> list[tuple[Token, bool]]:
    """The token, then its heads up to the verb that owns its clause; True where reached through ``conj``."""
    path = [(token, False)]
    current = token
    while not _owns_clause(current) and len(path) < 12:
        path.append((current.head, current.dep_ == "conj" and _nominal(current) == _nominal(current.head)))
        current = current.head
    return path


def _nominal(token: Token) -> bool:
    """A noun or pronoun: a noun the parse joins to a verb by ``conj`` ("jamais vu un policier ou un gendarme
    attaquer", the gendarme hung on "vu") is its complement, not a second verb its cues leave alone."""
    return token.pos_ in ("NOUN", "PROPN", "PRON")


def clause_head(token: Token) -> Token:
    """The finite verb (or root) that owns the token's clause."""
    return clause_path(token)[-1][0]


def tense_of(head: Token) -> str:
    """The tense of a clause from its head's morphology: present, past, imperfect, pluperfect, future, ..."""
    aux = [c for c in head.children if c.dep_ == "aux:tense"]
    if aux:
        morph = aux[0].morph
        if "Cnd" in morph.get("Mood"):
            return "conditional_past"
        tense = morph.get("Tense")
        return {"Imp": "pluperfect", "Fut": "future_perfect"}.get(tense[0] if tense else "", "past")
    if "Pass" not in head.morph.get("Voice") or is_reflexive(head):
        # "sont entrées", "se sont retirés": être as a tense auxiliary that the parser labels passive
        passive_aux = [c for c in head.children if c.dep_ == "aux:pass" and "Fin" in c.morph.get("VerbForm")]
        if passive_aux and not any(c.dep_ == "obl:agent" for c in head.children):
            tense = passive_aux[0].morph.get("Tense")
            return {"Imp": "pluperfect", "Fut": "future_perfect"}.get(tense[0] if tense else "", "past")
    carriers = [c for c in head.children if c.dep_ in ("aux:pass", "cop")] + [head]
    for carrier in carriers:
        if "Fin" not in carrier.morph.get("VerbForm"):
            continue
        if "Cnd" in carrier.morph.get("Mood"):
            return "conditional"
        tense = carrier.morph.get("Tense")
        return {"Pres": "present", "Imp": "imperfect", "Fut": "future", "Past": "past"}.get(tense[0] if tense else "", "present")
    if head.pos_ in ("VERB", "ADJ") and "Part" in head.morph.get("VerbForm") and "Past" in head.morph.get("Tense"):
        return "past"
    return "none"


def _cues(path: list[tuple[Token, bool]], lex: ModalityLexicon) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    on_path = {t.i for t, _ in path}
    for depth, (token, via_conj) in enumerate(path):
        lemma = normalise(token.lemma_)
        below = path[depth - 1][0] if depth else None
        # a governor rules its complements, not its subject or agent ("des drones ont visé Koupiansk")
        if depth > 0 and not via_conj and lex.governors.get(lemma) != "achieved" and lemma in lex.governors and not (
            lemma in lex.unless_past and tense_of(token) in _DONE  # "l'armée a dû reprendre la ville"
        ) and (
            below.dep_ not in _NOT_GOVERNED or lex.governors[lemma] in ("hedge", "reaction")  # "l'offensive semble
            # se poursuivre", "bouleversé par l'attentat"
            or lemma in lex.unless_past  # a modal rules its subject too: "avant que les attentats ne puissent se commettre"
        ) and (lex.governors[lemma] != "characterisation" or below.dep_ in _COMPLEMENTS):
            found.append((lex.governors[lemma], f"governed by {token.text!r}"))
        found += _habit(token, on_path, lex)
        if via_conj:
            continue
        infinitive = "Inf" in token.morph.get("VerbForm")
        above = path[depth + 1][0] if depth + 1 < len(path) else None
        # "managed to recapture": the infinitive of a verb of achievement is done, its "to" tells no intention
        achieved = above is not None and lex.governors.get(normalise(above.lemma_)) == "achieved"
        for child in token.children:
            if child.i in on_path or child.dep_ in _OWN_CLAUSE:
                continue
            if child.dep_ == "mark" and below is not None and below.i < child.i:
                continue  # "ont eu recours à des gaz lacrymogènes pour déloger des manifestants", the gas parsed
                # under "déloger": a clause's mark rules the words after it, not those told before it
            if child.pos_ == "PROPN" or child.ent_type_ in _NAMES:
                continue  # a name is no cue: "selon le Croissant-Rouge" is no rise ("croissant")
            word = _word_of(child, lex.dependents)
            if (child.dep_ == "nsubj" and any(c.dep_ == "cop" for c in token.children)
                    and lex.governors.get(normalise(child.lemma_)) in ("intention", "hypothetical")):
                # "le but n'est pas de tuer", "l'objectif était de reprendre la ville": the goal the act is said to be
                found.append((lex.governors[normalise(child.lemma_)], f"{child.text!r} is what {token.text!r} is"))
            elif word in lex.dependents and not (word in lex.unless_past and tense_of(token) in _DONE):
                found.append((lex.dependents[word], f"{child.text!r} on {token.text!r}"))
            elif infinitive and child.dep_ in ("mark", "case") and word in lex.dependents_inf and not achieved:
                found.append((lex.dependents_inf[word], f"{child.text!r} before {token.text!r}"))
            elif (child.dep_ == "mark" and infinitive or child.dep_ == "case") and child.i > 0:
                # "son intention de reprendre l'offensive", "une minute de silence en hommage au médecin mort au
                # combat" parsed with the phrase under another word: the governor written right before its "de"
                # or "au" still rules it (a noun, for a nominal phrase)
                before = token.doc[child.i - 1]
                while before.i > 0 and before.is_quote:  # 's'est dit "bouleversé" par les attentats'
                    before = token.doc[before.i - 1]
                cls = lex.governors.get(normalise(before.lemma_))
                if (before.i not in on_path and cls is not None
                        and (child.dep_ == "mark" or before.pos_ == "NOUN" or cls == "reaction")):
                    found.append((cls, f"governed by {before.text!r}"))
        if lex.dependent_pairs:
            words = {normalise(w) for c in token.children if c.i not in on_path and c.dep_ not in _OWN_CLAUSE
                     for w in (c.lemma_, c.text)}
            found += [(cls, f"{' … '.join(pair)} on {token.text!r}")
                      for pair, cls in lex.dependent_pairs.items() if set(pair) <= words]
    return found


def _word_of(token: Token, cues) -> str:
    """The token's lemma, or its lower-cased form where only that is a cue ("jamais", "ne")."""
    lemma = normalise(token.lemma_)
    if lemma not in cues and (text := normalise(token.text)) in cues:
        return text
    return lemma


def _habit(token: Token, on_path: set[int], lex: ModalityLexicon) -> list[tuple[str, str]]:
    """A time word on the path or attached to it, with a determiner that makes it a habit ("il y a chaque jour des
    attaques", "des frappes ont lieu chaque nuit", "every Friday"), or counted under a preposition that makes it a
    span ("400 soldats tués en une semaine", "killed within 24 hours"; not "en pleine nuit"): what recurs, or what
    a span adds up, is no one event."""
    times = [t for t in (token, *(c for c in token.children if c.i not in on_path))
             if normalise(t.lemma_) in lex.time_words or normalise(t.text) in lex.time_words]
    found = [(lex.habits[word], f"{det.text} {t.text!r}") for t in times for det in t.children
             if (word := normalise(det.text)) in lex.habits]
    if not _many(token):  # "un deuxième soldat tué en quatre jours": one death, the span counts the others
        return found
    return found + [(lex.spans[word], f"{case.text} {t.text!r}") for t in times if _counted(t) for case in t.children
                    if case.dep_ == "case" and (word := normalise(case.text)) in lex.spans]


def _many(token: Token) -> bool:
    """A word in the plural among a verb or noun, its subject or object, or the noun its participle qualifies."""
    around = [token, *(c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass", "obj"))]
    if token.dep_.startswith("acl"):
        around.append(token.head)
    return any("Plur" in t.morph.get("Number") for t in around)


def _counted(token: Token) -> bool:
    """A noun under a numeral or an indefinite article: "24 heures", "une semaine"."""
    return any(c.pos_ == "NUM" or c.dep_ == "det" and "Ind" in c.morph.get("Definite") for c in token.children)


def _mood(head: Token) -> tuple[str, str] | None:
    aux = [c for c in head.children if c.dep_ == "aux:tense"]
    if aux and "Cnd" in aux[0].morph.get("Mood"):
        return "hedge", f"compound conditional {aux[0].text!r}"
    carriers = [c for c in head.children if c.dep_ in ("aux:pass", "cop", "aux")] + [head]
    for carrier in carriers:
        if "Cnd" in carrier.morph.get("Mood"):
            if head.dep_ == "ccomp":
                return "hypothetical", f"conditional {carrier.text!r} in reported speech"
            return "hedge", f"conditional {carrier.text!r}"
        if "Fut" in carrier.morph.get("Tense") and "Fin" in carrier.morph.get("VerbForm"):
            return "hypothetical", f"future {carrier.text!r}"
    return None


def _year_reference(token: Token, lex: ModalityLexicon) -> tuple[date, str] | None:
    """The last day of the period a year token names, and its precision, unless "depuis"/"comme" introduce it."""
    doc = token.doc
    year = int(token.text)
    i = token.i - 1
    month = None
    precision = "year"
    if i >= 0 and normalise(doc[i].text) in lex.months:
        month = lex.months[normalise(doc[i].text)]
        precision = "month"
        i -= 1
        if i >= 0 and _DAY.match(doc[i].text):
            precision = "day"
            i -= 1
        if i >= 0 and normalise(doc[i].text) == "le":
            i -= 1
    if i >= 0 and normalise(doc[i].text) in lex.since:
        return None
    if month is None:
        return date(year, 12, 31), precision
    return date(year, month, calendar.monthrange(year, month)[1]), precision


def _attached(year: Token, frame: set[int], stops: set[int]) -> bool:
    current = year
    for _ in range(12):
        if current.head.i == current.i:
            return current.i in frame
        current = current.head
        if current.i in frame:
            return True
        if current.pos_ in ("VERB", "AUX") or current.i in stops:
            return False
    return False


@lru_cache(maxsize=None)
def _recap_patterns(lang: str) -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """Any recap cue of the language as one whole-word pattern (a sentence without one is looked at once), and
    each cue with its own, compiled once."""
    cues = load_modality(lang).recap
    any_cue = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue in cues) + r")(?!\w)" if cues else r"(?!)")
    return any_cue, tuple((cue, re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)")) for cue in cues)


def background_reason(
    token: Token,
    tense: str,
    frame: set[int],
    stops: set[int],
    published: date | None,
    lang: str = "fr",
) -> str | None:
    """Why the trigger's clause is about the distant past, or None: an explicit past year bound to its clause."""
    if tense not in _PAST:
        return None
    lex = load_modality(lang)
    sent = token.sent
    head = clause_head(token)
    nominal = token.pos_ in ("NOUN", "PROPN")
    for candidate in sent:
        if not _YEAR.match(candidate.text):
            continue
        # a nominal is dated by a year anywhere under it ("le siège d'Alep qui durait ... en décembre 2016")
        if not (_attached(candidate, frame, stops) or (nominal and token.is_ancestor(candidate))):
            continue
        reference = _year_reference(candidate, lex)
        if reference is None:
            continue
        end, precision = reference
        if published is not None:
            age = (published - end).days
            if age > SETTINGS.background_max_age_days:
                return f"{precision} {candidate.text} is {age} days before publication"
        elif precision != "day":
            return f"past tense with an explicit {precision} ({candidate.text})"
    text = normalise(sent.text)
    any_cue, cues = _recap_patterns(lang)
    for cue, pattern in cues if any_cue.search(text) else ():
        for m in pattern.finditer(text):
            cue_token = token.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if (cue_token is not None and clause_head(cue_token[0]) == head
                    and not _in_a_noun(cue_token.root, head, token)):
                return f"recap cue {cue!r}"
    return None


def _in_a_noun(cue: Token, head: Token, trigger: Token) -> bool:
    """Whether a cue hangs on a noun of the clause other than the trigger ("disabled soldiers from the Northeastern
    security forces (formerly SSC-Khaatumo) protested": what a party was called, not when the protest was)."""
    current = cue
    for _ in range(12):
        if current.i == current.head.i or current.head.i == head.i:
            return False
        current = current.head
        if current.pos_ in ("NOUN", "PROPN") and current.i != trigger.i:
            return True
    return False


def _tally(token: Token, lang: str, victims: bool = False) -> bool:
    """A trigger noun counted in the hundreds or more ("ont mené 3.712 attaques"), or events counted in the tens in a
    sentence that names no day ("les chercheurs répertorient 51 attaques"; but "52 assauts repoussés la veille" is a
    day's fighting, and "80 blessés" are victims), tallies many events over time; a year written before it
    ("Published October 17 2016 Airstrikes on ...") or a calibre ("120mm mortars") counts nothing."""
    counts = [int(digits) for child in token.children
              if (child.dep_ == "nummod" or child.dep_ == "det" and child.pos_ == "NUM")  # "mené 222 attaques": det
              and child.whitespace_ and not _YEAR.match(child.text)
              and (digits := re.sub(r"[.,\s\u202f]", "", child.text)).isdigit()]
    if not counts:
        return False
    return max(counts) >= _TALLY_MIN or (
        not victims and max(counts) >= _TALLY_UNDATED_MIN and not find_dates(token.sent.text, lang))


def _definite(token: Token) -> bool:
    """A noun under a definite article ("the attack", "l'attaque", or one contracted with its preposition: "la
    revendication des attentats"), read from the parse's morphology."""
    return token.pos_ == "NOUN" and any(c.dep_ in ("det", "case") and "Def" in c.morph.get("Definite")
                                        for c in token.children)


def _indefinite_plural(token: Token) -> bool:
    """A plural noun under an indefinite article or quantifier ("des attaques", "plusieurs attentats", "attacks" with
    none): events not told one by one. A definite, demonstrative or possessive determiner points at known ones."""
    if token.pos_ != "NOUN" or "Plur" not in token.morph.get("Number"):
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    return not any("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType") or "Yes" in c.morph.get("Poss")
                   for c in dets)


def _superlative_predicate(token: Token) -> bool:
    """A trigger noun qualified by a superlative and told as what something else is ("the airstrikes may be the
    deadliest attack on a school since the war began", "what would be the most lethal chemical attack since the
    1980s") ranks an event told by its subject: a comparison, no event of its own. The degree is read from the
    parse's morphology (Degree=Sup, on the adjective or on its adverb); the predicate from its relation (attr) or
    its copula."""
    if token.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "amod" and ("Sup" in c.morph.get("Degree")
                                     or any("Sup" in a.morph.get("Degree") for a in c.children if a.dep_ == "advmod"))
               for c in token.children):
        return False
    current = token
    while current.dep_ in ("appos", "conj", "acl:relcl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
        current = current.head  # "the world's most lethal attack", parsed under "world"
    return current.dep_ == "attr" or any(c.dep_ == "cop" for c in current.children)


def _describes_antecedent(head: Token, tense: str, lang: str, token: Token) -> bool:
    """A relative clause in the present whose subject is the relative pronoun, dated by nothing, says what its
    antecedent does, not what happened ("la coalition, qui frappe les jihadistes en Syrie"); so does one in the past
    that counts no one event ("des terroristes étrangers qui avaient mené des attaques hors d'Irak"). After a
    presentative ("c'est la débâcle pour l'armée, qui perd le contrôle de la route") the relative clause is what is
    told."""
    unspecified = tense in _DONE and (_indefinite_plural(token) or _who_they_are(token, head))
    if (tense != "present" and not unspecified) or head.dep_ != "acl:relcl":
        return False
    if not any(c.dep_.startswith("nsubj") and "Rel" in c.morph.get("PronType") for c in head.children):
        return False
    outer = clause_head(head.head)
    if any(c.dep_ == "cop" for c in outer.children) and any(
            c.dep_ == "nsubj" and c.pos_ == "PRON" for c in outer.children):
        return False
    span = head.doc[head.left_edge.i:head.right_edge.i + 1]
    return not find_dates(span.text, lang)


def _descriptive_participle(token: Token, lang: str) -> bool:
    """A past participle on a noun under an indefinite article, alone ("un membre français de Daech capturé témoigne")
    or as a passive with its agent: it says what its noun is, not what happened. A headline's "Chef d'Aqmi tué" or
    "deux soldats tués", and "parmi les soldats tués", the dead of an event told, tell or count them; a present one
    ("a sit-in protesting against") tells what is going on, and one on an object ("left a security member injured")
    what the act did to it."""
    if not (token.dep_ == "acl" and "Part" in token.morph.get("VerbForm") and "Pres" not in token.morph.get("Tense")
            and any(c.dep_ == "det" and "Ind" in c.morph.get("Definite") for c in token.head.children)):
        return False
    if all(c.dep_ == "punct" for c in token.children):
        return token.head.dep_ != "obj"  # "left a security member injured": what the act left its object, told
    # a passive with its agent, in a finite clause, undated: "Saraqeb, une autre ville d'Idleb reconquise par les
    # forces du régime" (not a headline's "Refus d'obtempérer: un chauffeur routier tué par un gendarme", nor "une
    # ville reprise mardi par l'armée", nor a verb parsed as one: "militants waving a black flag fired in the air")
    return (any(c.dep_ == "obl:agent" for c in token.children) and any(is_finite(a) for a in token.head.ancestors)
            and not find_dates(token.doc[token.left_edge.i:token.right_edge.i + 1].text, lang))


def _who_they_are(token: Token, head: Token) -> bool:
    """A past relative clause whose verb is the trigger, with no object, on people named in the plural ("leurs
    ressortissants qui ont combattu dans les rangs jihadistes"): what they did, which makes them who they are."""
    return (token.i == head.i and head.head.pos_ == "NOUN" and "Plur" in head.head.morph.get("Number")
            and not any(c.dep_ in ("obj", "obl:agent") for c in head.children))


def _told_in_relative(token: Token) -> bool:
    """Whether a noun trigger has a past relative clause of its own that tells it ("l'auteur de l'attaque meurtrière
    qui a eu lieu le 3 octobre à la préfecture", "de nouveaux détails concernant l'attaque contre une maternité,
    qui a fait au moins 24 morts"): what a reaction or a comment is about, told in the same breath."""
    return token.pos_ == "NOUN" and any(c.dep_ == "acl:relcl" and tense_of(c) == "past" for c in token.children)


def _ongoing_in_relative(token: Token, lex: ModalityLexicon) -> str | None:
    """A noun trigger whose own relative clause, in the present, runs from a past point ("les nombreuses
    manifestations qui émaillent les Etats-Unis depuis la mort de George Floyd", "the protests that have rocked the
    country since October") names a series still going on, not one event; one that lasted weeks or longer ("la
    bataille, qui a duré une semaine") a campaign: the cue that says so, or None."""
    if token.pos_ != "NOUN":
        return None
    for clause in token.children:
        if clause.dep_ == "acl:relcl" and normalise(clause.lemma_) in lex.lasting and any(
                normalise(c.lemma_) in lex.long_units and _counted(c) for c in clause.children):
            return f"{token.text!r} {clause.text!r} weeks or longer: a campaign, no one event"
        if clause.dep_ != "acl:relcl" or tense_of(clause) != "present":
            continue
        for child in clause.children:
            if not child.dep_.startswith(("obl", "advmod")):
                continue
            for mark in [child, *(c for c in child.children if c.dep_ == "case")]:
                if lex.dependents.get(normalise(mark.lemma_)) == "trend":
                    return f"{mark.text!r} in the present relative clause on {token.text!r}"
    return None


def _time_point(token: Token, lex: ModalityLexicon) -> list[tuple[str, str]]:
    """A noun trigger that names the time of a phrase, as the definite complement of a time word under a preposition
    ("arrêtée aux dernières heures de la bataille", "au lendemain des attentats", "on the eve of the attack"): an
    event told elsewhere or going on, named as a point in time ("une journée de manifestations", under no
    preposition, tells the protests)."""
    word = normalise(token.head.lemma_)
    if token.dep_ != "nmod" or word not in lex.time_points or not _definite(token):
        return []  # "après des heures de combats", "hours of fighting": how long, not when
    if not any(c.dep_ == "case" for c in token.head.children):
        return []
    return [(lex.time_points[word], f"{token.text!r} names the time of {token.head.text!r}")]


def _named_point(name: Token, lex: ModalityLexicon) -> list[tuple[str, str]]:
    """The cue a preposition of time before a word naming an event gives ("après les attentats de Paris", "après
    celle qui a fait trois morts"): a known event named as a point in time."""
    return [(lex.named_points[word], f"{c.text!r} before the named event {name.text!r}") for c in name.children
            if c.dep_ == "case" and (word := normalise(c.lemma_)) in lex.named_points]


def assess(
    token: Token,
    lang: str = "fr",
    published: date | None = None,
    frame: set[int] | None = None,
    stops: set[int] | None = None,
    victims: bool = False,
) -> Modality:
    """The status of the trigger headed by ``token``: cues on its path to the finite verb, mood, then background.

    ``frame`` adds tokens that belong to the trigger (its support verb); ``stops`` are other triggers, past
    which a year no longer dates this one; ``victims``: the trigger counts victims, not events.
    """
    lex = load_modality(lang)
    path = clause_path(token)
    head = path[-1][0]
    tense = tense_of(head)
    found = _cues(path, lex)
    over = normalise(head.head.lemma_)
    if head.dep_ == "ccomp" and head.i > head.head.i and lex.governors.get(over) in ("hypothetical", "intention",
                                                                                    "negation"):
        # a clause that a belief, a demand or a denial rules: "on pensait qu'on avait été bombardé" (one written
        # before its verb is no complement of it but a clause the parse hung there: "students protested, ..., the
        # students also called for a reduction")
        found.append((lex.governors[over], f"clause governed by {head.head.text!r}"))
    if head.dep_ == "acl" and not is_finite(head):
        # "témoignage d'un pilote ayant participé aux frappes": a participle phrase is told inside its noun's
        # phrase, and a reaction that rules the phrase rules it too; so does a prospect its noun names ("the chance
        # of destroying every mortar", "the risk of losing control")
        found += [(cls, why) for cls, why in _cues([(head, False), *clause_path(head.head)], lex)
                  if cls == "reaction" or (cls == "hypothetical" and why.startswith("governed by"))]
    if token.ent_type_ == "MISC":  # a trigger inside a name the model tags: a known event ("les attentats de Paris")
        found += _named_point(token, lex)
    found += _time_point(token, lex)
    if head.dep_ == "acl:relcl" and head.head.pos_ == "PRON":
        # "moins d'une semaine après celle qui a fait trois morts à Reading": an event named as a point in time
        found += _named_point(head.head, lex)
    mood = _mood(head)
    if mood:
        found.append(mood)
    if "Inf" in head.morph.get("VerbForm") and not is_finite(head) and head.dep_ in ("ROOT", "nsubj", "csubj"):
        found.append(("hypothetical", f"infinitive {head.text!r} with no finite verb over it"))
    if token.sent.text.rstrip().endswith("?"):
        found.append(("hypothetical", "a question"))
    if _tally(token, lang, victims):
        found.append(("trend", f"{token.text!r} counted as many: a tally of events"))
    if _told_in_relative(token):  # the event a reaction is about, told here by its own past relative clause
        found = [(cls, why) for cls, why in found if cls != "reaction"]
    told = _definite(token) and any(cls == "attribution" for cls, _ in found)
    found = [(cls, why) for cls, why in found if cls != "attribution"]  # who claims it tells no status
    ongoing = _ongoing_in_relative(token, lex)
    if ongoing:
        found.append(("trend", ongoing))
    if _superlative_predicate(token):
        found.append(("characterisation", f"{token.text!r} is a superlative said of another event"))
    attempt = any(cls == "attempt" for cls, _ in found)
    for cls, status in _CLASS_STATUS.items():
        reasons = [why for c, why in found if c == cls]
        if reasons and status != "reported_hedged":
            return Modality(status, reasons[0], tense, attempt, told)
    if _describes_antecedent(head, tense, lang, token):
        return Modality("background", "a relative clause describes who its subject is", tense, attempt,
                        told)
    if _descriptive_participle(token, lang):
        return Modality("background", f"the participle {token.text!r} says what its noun is", tense, attempt,
                        told)
    hedged = [why for c, why in found if c == "hedge"]
    frame_ids = {t.i for t, _ in path} | (frame or set())
    why = background_reason(token, tense, frame_ids, stops or set(), published, lang)
    if why:
        return Modality("background", why, tense, attempt, told)
    if hedged:
        return Modality("reported_hedged", hedged[0], tense, attempt, told)
    reason = "attempted" if attempt else f"{tense} tense, no modality cue"
    return Modality("asserted", reason, tense, attempt, told)
