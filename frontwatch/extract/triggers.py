"""Event trigger lexicons, the cheap triage pass, and trigger matching on a parsed Doc.

The lexicon (``data/lang/<iso>/triggers.tsv``) gives each trigger's head lemma, the other words its phrase
needs, the surface forms of its head, and its ACLED type. Head surface forms are the single source of the
cheap pass: ``triage`` keeps a sentence when a head form (with the phrase's other words) or a figure is in
it, so every sentence in which ``match_triggers`` can find a trigger is kept.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwatch.data import lang_file
from frontwatch.errors import DataFileError, Messages

log = logging.getLogger(__name__)

KINDS = ("event", "casualty", "instrument", "support")
# Parts of speech the parser may give a trigger head: participles read as adjectives, headline nouns as names.
_POS_OK = {"VERB": {"VERB", "ADJ", "AUX"}, "NOUN": {"NOUN", "PROPN", "X"}}
# Roles of numbers.tsv rows that make a figure on their own ("deux", "centaines", "million").
_FIGURE_ROLES = {"cardinal", "approx", "scale", "vague"}
_DIGIT = re.compile(r"\d")
# Words near the head within which a phrase's other words are looked for (tokens left, right).
_WINDOW = (1, 5)


def normalise(text: str) -> str:
    """Lower-case and unify apostrophes, the form both the cheap pass and the matcher compare."""
    return text.lower().replace("’", "'").replace("ʼ", "'")


def _glob(pattern: str) -> str:
    return "|".join(re.escape(part.strip()).replace(r"\*", r"\w*") for part in pattern.split("|") if part.strip())


def stem(word: str) -> str:
    """The prefix by which a phrase's non-head word is recognised in any inflection ("aérien" -> "aéri")."""
    word = normalise(word)
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


@dataclass(frozen=True)
class TriggerEntry:
    """One row of triggers.tsv: a head, the words its phrase needs, and what it means in ACLED's terms."""

    phrase: str
    head: str
    required: tuple[str, ...]
    pos: str
    kind: str
    event_type: str
    sub_event_type: str
    objects: frozenset[str]
    excluded: frozenset[str]  # classes the acted-upon must not have ("!abstract": "prendre le contrôle du pouvoir")
    needs: str
    roles: str
    priority: int
    surface: re.Pattern[str]


@dataclass(frozen=True)
class TriggerLexicon:
    """All trigger rows of one language with the compiled patterns of the cheap pass."""

    lang: str
    entries: tuple[TriggerEntry, ...]
    heads: re.Pattern[str]  # every head surface form, as whole words
    figure: re.Pattern[str]  # number words of the language, as whole words


@dataclass(frozen=True)
class TriggerMatch:
    """A token whose form fits one or more trigger rows; ``entries`` are the rows of the most specific phrase."""

    head: int  # token index in the Doc
    tokens: tuple[int, ...]  # the head and the phrase's other words, sorted
    entries: tuple[TriggerEntry, ...]


def _entry(row: dict[str, str], lang: str, line: int) -> TriggerEntry:
    words = row["phrase"].split()
    if not words or row["kind"] not in KINDS or row["pos"] not in _POS_OK or not row["surface"]:
        raise DataFileError(Messages.E013.format(path=f"lang/{lang}/triggers.tsv", detail=f"bad row {line}: {row}"))
    try:
        priority = int(row["priority"] or 0)
    except ValueError as e:
        raise DataFileError(Messages.E013.format(path=f"lang/{lang}/triggers.tsv", detail=f"row {line}: {e}")) from e
    objects = [o.strip() for o in row["object"].split(",") if o.strip()]
    return TriggerEntry(
        phrase=row["phrase"],
        head=normalise(words[0]),
        required=tuple(normalise(w) for w in words[1:]),
        pos=row["pos"],
        kind=row["kind"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        objects=frozenset(o for o in objects if not o.startswith("!")),
        excluded=frozenset(o[1:] for o in objects if o.startswith("!")),
        needs=row["needs"],
        roles=row["roles"],
        priority=priority,
        surface=re.compile(f"(?:{_glob(row['surface'])})"),
    )


def _number_words(lang: str) -> list[str]:
    try:
        rows = lang_file(lang, "numbers")
    except DataFileError:
        log.debug("no numbers.tsv for %s: the cheap pass sees digits only", lang)
        return []
    return [normalise(r["form"]) for r in rows if r.get("role", "cardinal") in _FIGURE_ROLES and r.get("form")]


@lru_cache(maxsize=None)
def load_triggers(lang: str = "fr") -> TriggerLexicon:
    """The trigger lexicon of ``lang``, read once per process."""
    entries = tuple(_entry(row, lang, i) for i, row in enumerate(lang_file(lang, "triggers"), start=2))
    heads = sorted({_glob(r["surface"]) for r in lang_file(lang, "triggers")} | {re.escape(e.head) for e in entries})
    words = sorted({re.escape(w) for w in _number_words(lang)}, key=len, reverse=True)
    figure = re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)" if words else r"(?!x)x")
    return TriggerLexicon(lang, entries, re.compile(rf"(?<!\w)(?:{'|'.join(heads)})(?!\w)"), figure)


@lru_cache(maxsize=None)
def load_targets(lang: str = "fr") -> dict[str, str]:
    """Word -> class of what a trigger may act upon (targets.tsv): place, civilian, combatant, group..."""
    return {normalise(r["word"]): r["class"] for r in lang_file(lang, "targets")}


@lru_cache(maxsize=None)
def _stem_re(word: str) -> re.Pattern[str]:
    """A word's stem at the start of a word, compiled once."""
    return re.compile(rf"(?<!\w){re.escape(stem(word))}")


def _required_present(entry: TriggerEntry, sentence: str) -> bool:
    return all(_stem_re(w).search(sentence) for w in entry.required)


def triage(text: str, sentences: Sequence[tuple[int, int]], lang: str = "fr") -> list[bool]:
    """For each sentence span, whether it deserves the full parse: a trigger's words or a figure are in it."""
    lexicon = load_triggers(lang)
    by_form: dict[str, list[TriggerEntry]] = defaultdict(list)
    keep: list[bool] = []
    for sent in sentences:
        start, end = (sent.start, sent.end) if hasattr(sent, "start") else sent
        sentence = normalise(text[start:end])
        if _DIGIT.search(sentence) or lexicon.figure.search(sentence):
            keep.append(True)
            continue
        found = False
        for m in lexicon.heads.finditer(sentence):
            form = m.group()
            if form not in by_form:
                by_form[form] = [e for e in lexicon.entries if e.kind != "support"
                                 and (e.surface.fullmatch(form) or e.head == form)]
            if any(_required_present(e, sentence) for e in by_form[form]):
                found = True
                break
        keep.append(found)
    return keep


@lru_cache(maxsize=200_000)
def _fitting(lang: str, form: str, lemma: str) -> tuple[TriggerEntry, ...]:
    """The lexicon rows whose head fits a token of this normalised form and lemma, in lexicon order (a row that needs
    its form fits only its surface forms: "combats", not "combat")."""
    return tuple(e for e in load_triggers(lang).entries
                 if e.surface.fullmatch(form) or (lemma == e.head and e.needs != "form"))


def may_be_battle(lang: str, form: str, lemma: str) -> bool:
    """Whether a trigger can report a battle (a row of its head is one): "attaquer" can, "torturer" never does,
    whoever is tortured."""
    return any(e.event_type == "Battles" for e in _fitting(lang, normalise(form), lemma))


def may_attack_civilians(lang: str, form: str, lemma: str) -> bool:
    """Whether a trigger can report violence against civilians (a row of its head is one when its object is):
    "l'attaque" can, "les combats" are between armed parties whoever died in them."""
    return any(e.event_type == "Violence against civilians" for e in _fitting(lang, normalise(form), lemma))


def _find_required(token: Token, word: str, used: set[int]) -> int | None:
    doc = token.doc
    # the document, not the sentence: the parser splits sentences at hyphens ("attentat-suicide")
    lo, hi = max(0, token.i - _WINDOW[0]), min(len(doc), token.i + _WINDOW[1] + 1)
    near = [doc[i] for i in range(lo, hi) if i != token.i]
    under = [c for c in token.children] + [g for c in token.children for g in c.children]
    prefix = stem(word)
    for cand in near + under:
        if cand.i in used or cand.i == token.i:
            continue
        if normalise(cand.lemma_) == word or normalise(cand.text).startswith(prefix):
            return cand.i
    return None


def _bare_modifier(token: Token, targets: dict[str, str]) -> bool:
    """A noun that only says what its head is for names no event: a singular noun right after "de" after its head
    ("avions de combat", "un projet d'attentat"), or coordinated with one ("un hélicoptère de manoeuvre et
    d'assaut"); a compound on a noun of equipment ("attack helicopters", "combat aircraft")."""
    if token.dep_ == "compound":
        return targets.get(normalise(token.head.lemma_)) in ("equipment", "munition")
    if "Sing" not in token.morph.get("Number") or any(c.dep_ == "det" for c in token.children):
        return False
    if not token.i or normalise(token.doc[token.i - 1].text) not in ("de", "d'"):
        return False
    if token.dep_ == "conj":
        return token.head.i < token.i and _bare_modifier(token.head, targets)
    head = token.head
    return token.dep_.startswith("nmod") and head.i == token.i - 2 and targets.get(normalise(head.lemma_)) != "partitive"


def match_triggers(doc: Doc | Span, lang: str = "fr") -> list[TriggerMatch]:
    """Every token of a parsed Doc that heads a trigger phrase, with the rows of its most specific phrase."""
    targets = load_targets(lang)
    matches: list[TriggerMatch] = []
    for token in doc:
        if token.is_punct or token.is_space or token.ent_type_ == "DATE":
            continue  # "On 18 March 2021, clashes took place": a month named in a date marches nowhere
        fitting = list(_fitting(lang, normalise(token.text), normalise(token.lemma_)))
        if not fitting:
            continue
        fitting = [e for e in fitting if token.pos_ in _POS_OK[e.pos]]
        if not fitting or _bare_modifier(token, targets):
            continue
        best: list[tuple[TriggerEntry, tuple[int, ...]]] = []
        for entry in fitting:
            used: set[int] = set()
            for word in entry.required:
                i = _find_required(token, word, used)
                if i is None:
                    break
                used.add(i)
            else:
                best.append((entry, tuple(sorted(used | {token.i}))))
        if not best:
            continue
        # the longest phrase wins, then the most compact one ("prendre le dessus" over a far "contrôle")
        longest = max(len(e.required) for e, _ in best)
        best = [(e, toks) for e, toks in best if len(e.required) == longest]
        tightest = min(toks[-1] - toks[0] for _, toks in best)
        chosen = [(e, toks) for e, toks in best if toks[-1] - toks[0] == tightest]
        tokens = tuple(sorted({i for _, toks in chosen for i in toks}))
        matches.append(TriggerMatch(token.i, tokens, tuple(e for e, _ in chosen)))
    return matches
